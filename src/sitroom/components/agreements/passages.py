"""An agreement's passage: when a document sets an agreement out ("a document declaring a truce between A
and B ... 1. ... 2. ... The person responsible for the implementation ..."), the sentences after its
announcement that still speak of it (its text, clauses, signatories, who implements it), allowing short
digressions; and the persons the passage names: who represents, signs, implements or published it."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from spacy.tokens import Span

from sitroom.components.agreements.context import Context
from sitroom.components.agreements.provisions import NUMBERED, is_deontic
from sitroom.components.agreements.vocabulary import (
    IMPLEMENT_CUES,
    PASSAGE_NOUNS,
    PUBLISH_CUES,
    REFERENCE_NOUNS,
    SIGN_CUES,
)

REPRESENTS = ("behalf of", "representative of", "representing", "envoy of", "delegate of", "on the part of")
NON_PARTY_KINDS = frozenset({"person", "media", "religious"})
MAX_DIGRESSION = 2
MAX_REPRESENTATION_GAP = 60


def lemmas(span: Span) -> set[str]:
    return {token.lemma_.lower() for token in span}


def refers(unit: Span) -> bool:
    """Does ``unit`` speak of an agreement already introduced (or carry one of its clauses)?"""
    words = lemmas(unit)
    return bool(words & (REFERENCE_NOUNS | SIGN_CUES | IMPLEMENT_CUES) or NUMBERED.match(unit.text) or is_deontic(unit))


def passage_units(announcement: int, units: list[Span], stops: set[int], ctx: Context) -> list[Span]:
    """The units after unit ``announcement`` that belong to its passage (up to a unit in ``stops``)."""
    passage: list[Span] = []
    gap = 0
    for index in range(announcement + 1, len(units)):
        unit = units[index]
        if index in stops:
            break
        if unit.start in ctx.heading_tokens:
            continue
        if refers(unit):
            passage.append(unit)
            gap = 0
        else:
            gap += 1
            if gap > MAX_DIGRESSION:
                break
    while passage and not refers(passage[-1]):
        passage.pop()
    return passage


def sets_out(announcement: Span, passage: list[Span], ctx: Context) -> bool:
    """Is the passage an agreement's text: numbered clauses, or its document, signatures, implementers?"""
    if not passage:
        return False
    cues = PASSAGE_NOUNS | SIGN_CUES | IMPLEMENT_CUES
    if any(lemmas(unit) & cues for unit in passage):
        return True
    return NUMBERED.search(ctx.text, announcement.end_char, passage[-1].end_char) is not None


def representation(unit: Span, ctx: Context) -> dict[str, str]:
    """Person → organisation they act for: "X on behalf of A", "X, the representative of A"."""
    mapping: dict[str, str] = {}
    for (person, _start, end), (org, org_start, _end) in pairwise(_mentions_in(unit, ctx)):
        gap = ctx.text[end:org_start].lower()
        if (
            ctx.actors[person].kind == "person"
            and ctx.actors[org].kind not in NON_PARTY_KINDS
            and len(gap) <= MAX_REPRESENTATION_GAP
            and any(cue in gap for cue in REPRESENTS)
        ):
            mapping[person] = org
    return mapping


def _mentions_in(unit: Span, ctx: Context) -> list[tuple[str, int, int]]:
    """Actor mentions inside ``unit`` as (actor id, start, end), in text order, outermost only."""
    found: list[tuple[str, int, int]] = []
    for token in unit:
        actor = ctx.token_actor.get(token.i)
        if actor is None:
            continue
        if found and found[-1][0] == actor and found[-1][2] >= token.idx - 1:
            found[-1] = (actor, found[-1][1], token.idx + len(token))
        else:
            found.append((actor, token.idx, token.idx + len(token)))
    return found


def as_parties(actor_ids: Iterable[str], representing: dict[str, str], ctx: Context) -> list[str]:
    """Organisations among ``actor_ids``, persons replaced by the organisation they represent."""
    parties: list[str] = []
    for actor in actor_ids:
        party = representing.get(actor, actor)
        if ctx.actors[party].kind not in NON_PARTY_KINDS and party not in parties:
            parties.append(party)
    return parties


def persons_with_cue(units: Iterable[Span], cues: frozenset[str], ctx: Context) -> list[str]:
    """Persons named in the units that use one of ``cues``."""
    found: list[str] = []
    for unit in units:
        if lemmas(unit) & cues:
            for actor in ctx.actors_in(unit):
                if ctx.actors[actor].kind == "person" and actor not in found:
                    found.append(actor)
    return found


def signatories(units: list[Span], representing: dict[str, str], ctx: Context) -> list[str]:
    """Persons who sign or represent a party (implementers excluded)."""
    implementers = set(persons_with_cue(units, IMPLEMENT_CUES, ctx))
    signers = persons_with_cue(units, SIGN_CUES, ctx) + list(representing)
    return [person for person in dict.fromkeys(signers) if person not in implementers]


def implementers(units: list[Span], signers: list[str], ctx: Context) -> list[str]:
    return [person for person in persons_with_cue(units, IMPLEMENT_CUES, ctx) if person not in signers]


def reporter(units: Iterable[Span], ctx: Context) -> list[str]:
    """A media actor who translated or published the agreement's text."""
    for unit in units:
        if lemmas(unit) & PUBLISH_CUES:
            media = [actor for actor in ctx.actors_in(unit) if ctx.actors[actor].kind == "media"]
            if media:
                return media[:1]
    return []
