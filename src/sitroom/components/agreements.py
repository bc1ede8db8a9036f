"""The agreements layer: truces, ceasefires, local deals, memoranda and exchanges, with their provisions.

An agreement starts at a sentence that announces one ("declaring a truce between A and B", "this is an
agreement between X, representative of A, and Y, representative of B") and runs over the sentences
that follow it and still speak of it (the document, its signatories, its numbered or unnumbered clauses,
who implements it). Each agreement is linked to the AGREE event of its announcing sentence: the
event is created when the events layer did not code one, and the events that merely restate the
agreement or its clauses (promises, "should be released", "was signed") are folded into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import get_args

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom import layers
from sitroom.components.events import Context, actors_in, build_context, event_date, sentence_units
from sitroom.record import Agreement, Event, Provision, ProvisionType
from sitroom.record import Span as TextSpan

AGREEMENT_KINDS: dict[str, str] = {
    "truce": "truce",
    "armistice": "truce",
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "agreement": "agreement",
    "accord": "agreement",
    "pact": "agreement",
    "deal": "local deal",
    "memorandum": "memorandum",
    "exchange": "exchange",
}
REFERENCE_NOUNS = frozenset(AGREEMENT_KINDS) | {"document", "text", "clause", "provision"}
EXCHANGED = frozenset({"prisoner", "detainee", "captive", "body", "hostage"})
SIGN_CUES = frozenset({"sign", "signatory", "signature", "behalf", "representative", "represent"})
IMPLEMENT_CUES = frozenset(
    {"implement", "implementation", "responsible", "guarantor", "guarantee", "oversee", "supervise", "enforce"}
)
PUBLISH_CUES = frozenset({"translate", "publish", "obtain", "read", "release", "circulate", "post"})
DEONTIC = frozenset({"should", "must", "shall", "will", "promise", "pledge", "agree", "undertake", "commit"})
BOTH_SIDES = re.compile(r"\b(both|two|each|all)\s+(sides|parties|side|party)\b", re.IGNORECASE)
NUMBERED = re.compile(r"(?m)^[ \t]*(\d{1,2})[ \t]*[.):\-]?[ \t]+(?=\S)")
REPRESENTS = re.compile(r"behalf of|representative of|representing|envoy of|delegate of|on the part of")
FACTUAL = frozenset({"occurred", "claimed"})
NON_PARTY_KINDS = frozenset({"person", "media", "religious"})
MAX_DIGRESSION = 2

# Ordered (lemma or phrase, provision type): the earliest cue in a clause decides its type.
PROVISION_CUES: tuple[tuple[str, ProvisionType], ...] = (
    ("shot", "ceasefire"),
    ("shoot", "ceasefire"),
    ("fire", "ceasefire"),
    ("firing", "ceasefire"),
    ("ceasefire", "ceasefire"),
    ("truce", "ceasefire"),
    ("hostility", "ceasefire"),
    ("fighting", "ceasefire"),
    ("shelling", "ceasefire"),
    ("attack", "non_attack"),
    ("assault", "non_attack"),
    ("raid", "non_attack"),
    ("aggression", "non_attack"),
    ("checkpoint", "checkpoint"),
    ("roadblock", "checkpoint"),
    ("barrier", "checkpoint"),
    ("barricade", "checkpoint"),
    ("prisoner", "prisoner_release"),
    ("detainee", "prisoner_release"),
    ("captive", "prisoner_release"),
    ("hostage", "prisoner_release"),
    ("withdraw", "withdrawal"),
    ("withdrawal", "withdrawal"),
    ("evacuate", "withdrawal"),
    ("evacuation", "withdrawal"),
    ("humanitarian", "humanitarian_access"),
    ("aid", "humanitarian_access"),
    ("food", "humanitarian_access"),
    ("medicine", "humanitarian_access"),
    ("relief", "humanitarian_access"),
    ("weapon", "disarmament"),
    ("disarm", "disarmament"),
    ("disarmament", "disarmament"),
    ("monitor", "monitoring"),
    ("observer", "monitoring"),
    ("supervise", "monitoring"),
    ("verify", "monitoring"),
    ("committee", "monitoring"),
    ("road", "movement"),
    ("route", "movement"),
    ("passage", "movement"),
    ("corridor", "movement"),
    ("movement", "movement"),
    ("travel", "movement"),
    ("cross", "movement"),
    ("convoy", "movement"),
    ("control", "territorial_control"),
    ("territory", "territorial_control"),
    ("administer", "territorial_control"),
    ("hand", "territorial_control"),
)
TARGETED_TYPES = frozenset({"ceasefire", "non_attack"})
assert {kind for _cue, kind in PROVISION_CUES} <= set(get_args(ProvisionType))


@dataclass
class Draft:
    """An agreement being assembled from its announcing sentence and the sentences that follow."""

    kind: str
    announcement: Span
    parties: list[str]
    sentences: list[Span] = field(default_factory=list)
    representing: dict[str, str] = field(default_factory=dict)

    @property
    def end_char(self) -> int:
        return (self.sentences or [self.announcement])[-1].end_char


# ------------------------------------------------------------------------------------------ parties
def _lemmas(span: Span) -> set[str]:
    return {token.lemma_.lower() for token in span}


def representation(sentence: Span, ctx: Context) -> dict[str, str]:
    """Person → organisation they act for: "X on behalf of A", "X, the representative of A"."""
    mapping: dict[str, str] = {}
    mentions = _mentions_in(sentence, ctx)
    text, offset = sentence.text, sentence.start_char
    for (person, _start, end), (org, org_start, _end) in pairwise(mentions):
        gap = text[end - offset : org_start - offset].lower()
        if (
            ctx.actors[person].kind == "person"
            and ctx.actors[org].kind not in NON_PARTY_KINDS
            and len(gap) <= 60
            and REPRESENTS.search(gap)
        ):
            mapping[person] = org
    return mapping


def _mentions_in(sentence: Span, ctx: Context) -> list[tuple[str, int, int]]:
    """Actor mentions inside ``sentence`` as (actor id, start, end), in text order, outermost only."""
    found: list[tuple[str, int, int]] = []
    for token in sentence:
        actor = ctx.token_actor.get(token.i)
        if actor is None:
            continue
        if found and found[-1][0] == actor and found[-1][2] >= token.idx - 1:
            found[-1] = (actor, found[-1][1], token.idx + len(token))
        else:
            found.append((actor, token.idx, token.idx + len(token)))
    return found


def _as_parties(actor_ids: Iterable[str], representing: dict[str, str], ctx: Context) -> list[str]:
    parties: list[str] = []
    for actor in actor_ids:
        party = representing.get(actor, actor)
        if ctx.actors[party].kind not in NON_PARTY_KINDS and party not in parties:
            parties.append(party)
    return parties


def _agreement_noun(sentence: Span) -> Token | None:
    """The noun naming an agreement in ``sentence`` ("truce", "agreement", "prisoner exchange")."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ in {"NOUN", "PROPN"} and lemma in AGREEMENT_KINDS:
            if lemma == "exchange" and not {t.lemma_.lower() for t in token.subtree} & EXCHANGED:
                continue
            return token
    return None


def _announcement(sentence: Span, ctx: Context) -> Draft | None:
    """A draft agreement when ``sentence`` names an agreement between two or more parties."""
    noun = _agreement_noun(sentence)
    if noun is None:
        return None
    between = [child for child in noun.children if child.dep_ == "prep" and child.lower_ == "between"]
    if not between:
        return None
    representing = representation(sentence, ctx)
    named = actors_in(sentence[between[0].i - sentence.start :], ctx)
    parties = _as_parties(named, representing, ctx)
    if len(parties) < 2:
        return None
    return Draft(_kind(sentence), sentence, parties, [], representing)


def _kind(sentence: Span) -> str:
    kinds = [AGREEMENT_KINDS[token.lemma_.lower()] for token in sentence if token.lemma_.lower() in AGREEMENT_KINDS]
    specific = [kind for kind in kinds if kind != "agreement"]
    return (specific or kinds or ["agreement"])[0]


# ------------------------------------------------------------------------------------------ passages
def _refers(sentence: Span) -> bool:
    """Does ``sentence`` speak of an agreement already introduced (or carry one of its clauses)?"""
    lemmas = _lemmas(sentence)
    return bool(lemmas & (REFERENCE_NOUNS | SIGN_CUES | IMPLEMENT_CUES)) or bool(
        NUMBERED.match(sentence.text) or lemmas & DEONTIC
    )


def find_agreements(ctx: Context, units: list[Span]) -> list[Draft]:
    """Announced agreements with the sentences that belong to each (a passage allows short digressions)."""
    drafts: list[Draft] = []
    current: Draft | None = None
    gap = 0
    for sentence in units:
        if sentence.start in ctx.heading_tokens:
            continue
        announced = _announcement(sentence, ctx)
        if announced is not None and (current is None or not set(announced.parties) & set(current.parties)):
            current, gap = announced, 0
            drafts.append(current)
        elif current is not None and (announced is not None or _refers(sentence)):
            current.sentences.append(sentence)
            current.representing.update(representation(sentence, ctx))
            current.parties += [p for p in (announced.parties if announced else []) if p not in current.parties]
            gap = 0
        elif current is not None:
            gap += 1
            current = None if gap > MAX_DIGRESSION else current
    return drafts


def _trim(drafts: list[Draft]) -> None:
    """A passage ends at the last sentence that still refers to its agreement."""
    for draft in drafts:
        while draft.sentences and not _refers(draft.sentences[-1]):
            draft.sentences.pop()


# ---------------------------------------------------------------------------------------- provisions
@dataclass
class Clause:
    """A provision's text span and its number (0 when unnumbered)."""

    n: int
    start: int
    end: int


def numbered_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Numbered paragraphs of ``text[start:end]``: "1 An agreement ...", "2. Brother ..."."""
    clauses: list[Clause] = []
    for match in NUMBERED.finditer(text, start, end):
        paragraph_end = text.find("\n", match.end())
        paragraph_end = end if paragraph_end == -1 or paragraph_end > end else paragraph_end
        clause_text = text[match.end() : paragraph_end].rstrip()
        clauses.append(Clause(int(match.group(1)), match.end(), match.end() + len(clause_text)))
    return clauses


def provision_type(span: Span) -> ProvisionType:
    """The type of the earliest cue word in the clause (``other`` when none)."""
    cues = dict(PROVISION_CUES)
    for token in span:
        kind = cues.get(token.lemma_.lower()) or cues.get(token.lower_)
        if kind is not None:
            return kind
    return "other"


def obligors(span: Span, kind: ProvisionType, draft: Draft, ctx: Context) -> list[str]:
    """Who is bound: both sides, the subject's party, or for a ceasefire the side not named as target."""
    if BOTH_SIDES.search(span.text):
        return list(draft.parties)
    named = _as_parties(actors_in(span, ctx), draft.representing, ctx)
    subjects = [token for token in span if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"]
    bound = _as_parties(actors_in((t for s in subjects for t in s.subtree), ctx), draft.representing, ctx)
    if bound:
        return [party for party in bound if party in draft.parties] or bound
    if kind in TARGETED_TYPES and named:
        return [party for party in draft.parties if party not in named] or list(draft.parties)
    return [party for party in named if party in draft.parties] or list(draft.parties)


def _content_lemmas(span: Span) -> set[str]:
    return {token.lemma_.lower() for token in span if token.pos_ in {"NOUN", "VERB", "PROPN"}}


def provisions(draft: Draft, ctx: Context) -> list[Provision]:
    """Numbered clauses, then unnumbered deontic sentences that do not restate one of them."""
    doc = ctx.doc
    start = draft.announcement.end_char
    clauses = numbered_clauses(ctx.text, start, draft.end_char)
    covered = [(clause.start, clause.end) for clause in clauses]
    next_n = max((clause.n for clause in clauses), default=0) + 1
    for sentence in draft.sentences:
        inside = any(s <= sentence.start_char < e for s, e in covered)
        if not inside and _lemmas(sentence) & DEONTIC and provision_type(sentence) != "other":
            text = sentence.text.strip()
            offset = sentence.start_char + sentence.text.index(text)
            clauses.append(Clause(next_n, offset, offset + len(text)))
            next_n += 1
    result: list[Provision] = []
    seen: list[tuple[ProvisionType, set[str]]] = []
    for clause in clauses:
        span = doc.char_span(clause.start, clause.end, alignment_mode="expand")
        if span is None:
            continue
        kind = provision_type(span)
        lemmas = _content_lemmas(span)
        if clause.n > len(covered) and _restates(kind, lemmas, seen):
            continue
        seen.append((kind, lemmas))
        text = ctx.text[clause.start : clause.end]
        result.append(
            Provision(
                n=clause.n,
                type=kind,
                obligors=obligors(span, kind, draft, ctx),
                text=text,
                start=clause.start,
                end=clause.end,
            )
        )
    return _renumber_unnumbered(result, len(covered))


def _restates(kind: ProvisionType, lemmas: set[str], seen: list[tuple[ProvisionType, set[str]]]) -> bool:
    """An unnumbered clause whose content words are mostly those of an earlier clause of the same type."""
    return any(kind == other_kind and len(lemmas & other) >= 0.6 * max(len(lemmas), 1) for other_kind, other in seen)


def _renumber_unnumbered(items: list[Provision], numbered: int) -> list[Provision]:
    """Unnumbered provisions kept after deduplication are numbered after the numbered ones."""
    next_n = max((item.n for item in items[:numbered]), default=0) + 1
    for item in items[numbered:]:
        item.n = next_n
        next_n += 1
    return items


# ------------------------------------------------------------------------------------------ roles
def _persons_with_cue(draft: Draft, cues: frozenset[str], ctx: Context) -> list[str]:
    found: list[str] = []
    for sentence in [draft.announcement, *draft.sentences]:
        if _lemmas(sentence) & cues:
            for actor in actors_in(sentence, ctx):
                if ctx.actors[actor].kind == "person" and actor not in found:
                    found.append(actor)
    return found


def signatories(draft: Draft, ctx: Context) -> list[str]:
    """Persons who sign or represent a party (implementers excluded)."""
    implementers = set(_persons_with_cue(draft, IMPLEMENT_CUES, ctx))
    signers = _persons_with_cue(draft, SIGN_CUES, ctx) + list(draft.representing)
    return [person for person in dict.fromkeys(signers) if person not in implementers]


def _place(draft: Draft, clauses: list[Provision], ctx: Context) -> str | None:
    """The most specific place of the first clauses, else of the announcement."""
    spans = [(p.start, p.end) for p in clauses] + [(draft.announcement.start_char, draft.announcement.end_char)]
    for start, end in spans:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        for token in span or []:
            place = ctx.places.get(ctx.token_place.get(token.i, ""))
            if place is not None and place.feature not in {"country", "admin1"} and token.i not in ctx.token_actor:
                return place.id
    return None


def _reporter(draft: Draft, ctx: Context) -> list[str]:
    """A media actor who translated or published the agreement text."""
    for sentence in draft.sentences:
        if _lemmas(sentence) & PUBLISH_CUES:
            media = [actor for actor in actors_in(sentence, ctx) if ctx.actors[actor].kind == "media"]
            if media:
                return media[:1]
    return []


def _evidence(span: Span) -> TextSpan:
    text = span.text.strip()
    start = span.start_char + span.text.index(text)
    return TextSpan(text=text, start=start, end=start + len(text))


# -------------------------------------------------------------------------------------- the layer
def to_agreement(number: int, draft: Draft, ctx: Context) -> Agreement:
    """Turn a draft into the record agreement ``g<number>``."""
    clauses = provisions(draft, ctx)
    signers = signatories(draft, ctx)
    return Agreement(
        id=f"g{number}",
        kind=draft.kind,
        parties=draft.parties,
        signatories=signers,
        implementers=[p for p in _persons_with_cue(draft, IMPLEMENT_CUES, ctx) if p not in signers],
        representatives=list(draft.representing),
        place=_place(draft, clauses, ctx),
        date=event_date(draft.announcement, ctx),
        provisions=clauses,
        evidence=_evidence(draft.announcement),
    )


def link_events(events: list[Event], pairs: list[tuple[Agreement, Draft]], ctx: Context) -> list[Event]:
    """Give each agreement its AGREE event and drop the events that only restate it; renumber."""
    kept = list(events)
    announcements: list[tuple[Agreement, Event]] = []
    for agreement, draft in pairs:
        assert agreement.evidence is not None
        announced = next((e for e in kept if e.type == "AGREE" and _overlaps(e.evidence, agreement.evidence)), None)
        if announced is None:
            announced = Event(id="new", type="AGREE", evidence=agreement.evidence, status="occurred")
            kept.append(announced)
        announced.mode = "ceasefire" if draft.kind in {"truce", "ceasefire"} else announced.mode
        announced.source = announced.source or agreement.parties[:1]
        announced.target = announced.target or agreement.parties[1:]
        announced.place = agreement.place or announced.place
        announced.date = announced.date or agreement.date
        announced.reported_by = announced.reported_by or _reporter(draft, ctx)
        announcements.append((agreement, announced))
        kept = [e for e in kept if e is announced or not _restates_agreement(e, agreement, draft)]
    kept.sort(key=lambda event: event.evidence.start)
    for number, event in enumerate(kept, start=1):
        event.id = f"e{number}"
    for agreement, announced in announcements:
        agreement.event = announced.id
    return kept


def _overlaps(first: TextSpan, second: TextSpan) -> bool:
    return first.start < second.end and second.start < first.end


def _restates_agreement(event: Event, agreement: Agreement, draft: Draft) -> bool:
    """AGREE events about the agreement, and anything coded from inside its clauses or its passage
    that did not happen (promises, "should be released")."""
    start, end = agreement.evidence.start if agreement.evidence else 0, draft.end_char
    if not start <= event.evidence.start < end:
        return False
    in_clause = any(p.start <= event.evidence.start < p.end for p in agreement.provisions)
    return event.type == "AGREE" or in_clause or event.status not in FACTUAL


def extract_agreements(doc: Doc) -> tuple[list[Agreement], list[Event]]:
    """The agreements of ``doc`` and its events list updated with their AGREE events."""
    ctx = build_context(doc)
    drafts = find_agreements(ctx, sentence_units(doc))
    _trim(drafts)
    pairs = [(to_agreement(number, draft, ctx), draft) for number, draft in enumerate(drafts, start=1)]
    events = link_events(list(doc._.events or []), pairs, ctx) if pairs else list(doc._.events or [])
    return [agreement for agreement, _draft in pairs], events


class AgreementsComponent:
    """spaCy component: sets ``doc._.agreements`` and links them to AGREE events in ``doc._.events``."""

    def __call__(self, doc: Doc) -> Doc:
        agreements, events = extract_agreements(doc)
        doc._.agreements = agreements
        if doc._.events is not None or agreements:
            doc._.events = events
        return doc


@Language.factory("sitroom_agreements")
def make_agreements_component(nlp: Language, name: str) -> AgreementsComponent:
    """Factory of the agreements layer."""
    layers.register_extensions()
    return AgreementsComponent()
