"""Doers the actors layer leaves unnamed because the parse gives the name in a modifier or a predicate, read
as registry names: "US-led strikes" (the coalition the state leads), "jets believed to be Russian" (the
state's forces). Each actor is the document's actor for the entry, else a registered actor made here whose
mention is the word that names it."""

from __future__ import annotations

from spacy.tokens import Span as TokenSpan
from spacy.tokens import Token

from sitroom.components.events.context import Context, lemma
from sitroom.components.events.vocabulary import BELIEF_VERBS, INSTRUMENT_NOUNS, STATE_AGENT_NOUNS
from sitroom.knowledge.country_codes import alpha3_by_alpha2
from sitroom.knowledge.registry import ActorEntry, load_registry
from sitroom.record import Actor, ActorKind, Span


def registered_actor(entry: ActorEntry, span: TokenSpan, ctx: Context, kind: ActorKind | None = None) -> str:
    """The document's actor for ``entry``, else a new registered actor (of ``kind``, else the entry's) whose
    mention is ``span``."""
    existing = next((actor.id for actor in ctx.actors.values() if actor.canonical_id == entry.id), None)
    if existing is not None:
        return existing
    number = len(ctx.actors) + 1
    while f"a{number}" in ctx.actors:
        number += 1
    actor = Actor(
        id=f"a{number}",
        name=entry.name,
        kind=kind or entry.kind,
        mentions=[Span(text=span.text, start=span.start_char, end=span.end_char)],
        registered=True,
        canonical_id=entry.id,
    )
    ctx.actors[actor.id] = actor
    return actor.id


FORCES_SUFFIX = "_MIL"  # registry ids of states' armed forces ("SYR_MIL")


def forces_of_country(country: str, word: Token, ctx: Context) -> str | None:
    """The armed forces of the state of a country (ISO 3166 alpha-2), mentioned by ``word``."""
    entry = load_registry().get(f"{alpha3_by_alpha2().get(country, '')}{FORCES_SUFFIX}")
    return registered_actor(entry, ctx.doc[word.i : word.i + 1], ctx) if entry is not None else None


def _first_entry(names: list[str], ctx: Context) -> ActorEntry | None:
    registry = load_registry()
    return next((found[0] for name in names if (found := registry.lookup(name, ctx.document_date))), None)


def named_state(word: Token, ctx: Context) -> str | None:
    """The state a one-word registry name of a state denotes ("US", "Syria"), if any."""
    entry = next((e for e in load_registry().lookup(word.text, ctx.document_date) if e.kind == "state"), None)
    return registered_actor(entry, ctx.doc[word.i : word.i + 1], ctx) if entry is not None else None


def leading_state(modifier: Token, ctx: Context) -> list[str]:
    """ "US-led strikes", "Saudi-led raids": who leads the acts carried them out, the coalition the registry
    names after its leader ("US-led coalition") when there is one, else the leader itself."""
    if modifier.dep_ not in {"amod", "compound"} or modifier.lower_ != "led":
        return []
    leaders = [child for child in modifier.children if child.dep_ in {"npadvmod", "compound", "nmod"}]
    if not leaders:
        return []
    leader = leaders[0]
    if leader.i in ctx.token_actor:
        return [ctx.token_actor[leader.i]]
    entry = _first_entry([f"{leader.text}-led coalition", leader.text], ctx)
    if entry is None or entry.kind not in {"state", "international_org"}:
        return []
    return [registered_actor(entry, ctx.doc[leader.i : leader.i + 1], ctx)]


def stated_nationality(head: Token, ctx: Context) -> list[str]:
    """ "jets believed to be Russian", "warplanes thought to be Syrian": forces or aircraft said to be of a
    nation act for that nation's forces, as "Russian jets" do."""
    if lemma(head) not in INSTRUMENT_NOUNS | STATE_AGENT_NOUNS:
        return []
    verbs = [head.head] if head.dep_ in {"nsubj", "nsubjpass"} else []
    verbs += [child for child in head.children if child.dep_ in {"acl", "relcl"}]
    for verb in (verb for verb in verbs if lemma(verb) in BELIEF_VERBS):
        copulas = [child for child in verb.children if child.dep_ == "xcomp" and lemma(child) == "be"]
        for nation in (child for copula in copulas for child in copula.children if child.dep_ in {"acomp", "attr"}):
            if not nation.text[:1].isupper():
                continue
            entry = _first_entry([f"{nation.text} {head.text}", f"{nation.text} forces"], ctx)
            if entry is not None:
                return [registered_actor(entry, ctx.doc[nation.i : nation.i + 1], ctx)]
    return []
