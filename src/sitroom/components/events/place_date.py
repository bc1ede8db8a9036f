"""An event's own place and date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Span, Token

from sitroom.components.events.context import Context, lemma
from sitroom.components.events.vocabulary import AREA_NOUNS, PLACE_NOUNS


def _attached_to_actor(token: Token, stop: Token, ctx: Context) -> bool:
    """True when ``token`` modifies an actor mention ("the regime in Baghdad") or a border phrase."""
    base = token
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head
    if base.head.lower_ == "of" and lemma(base.head.head) not in PLACE_NOUNS:
        return True  # "the people of Aleppo", but "the town of Samarra" is the place itself
    current = token
    while current.head.i != current.i and current.i != stop.i:
        current = current.head
        if current.i in ctx.token_actor or (
            current.lower_ in {"with", "between"} and lemma(current.head) in {"border", "area", "frontier"}
        ):
            return True
    return False


def _locative_places(tokens: Iterable[Token], stop: Token, ctx: Context) -> list[str]:
    found: list[str] = []
    for token in tokens:
        place_id = ctx.token_place.get(token.i)
        if place_id is None or place_id in found or token.i in ctx.token_actor:
            continue
        if not _attached_to_actor(token, stop, ctx):
            found.append(place_id)
    return found


def _most_specific(place_ids: list[str], ctx: Context) -> str | None:
    """The first place that is not a country (or the first place at all)."""
    specific = [
        pid for pid in place_ids if ctx.places[pid].feature not in {"country", None} or ctx.places[pid].country is None
    ]
    candidates = specific or place_ids
    return candidates[0] if candidates else None


def _clause_tokens(head: Token) -> Iterator[Token]:
    """The clause of ``head`` without embedded clauses (complements, relative clauses)."""
    yield head
    for child in head.children:
        if child.dep_ not in {"ccomp", "relcl", "acl", "parataxis"}:
            yield from _clause_tokens(child)


def event_place(trigger: Token, ctx: Context) -> str | None:
    """The event's own place; a bare "the area"/"the border area" falls back to the last place named."""
    clause = list(_clause_tokens(trigger))
    place = _most_specific(_locative_places(clause, trigger, ctx), ctx)
    if place is not None:
        return place
    if not any(lemma(token) in AREA_NOUNS for token in clause):
        return None
    for sent in _previous_sentences(trigger, 3):
        specific = [
            pid for pid in _locative_places(sent, sent.root, ctx) if ctx.places[pid].feature not in {"country", None}
        ]
        if specific:
            return specific[0]
    return None


def _previous_sentences(token: Token, count: int) -> list[Span]:
    """Up to ``count`` sentences before the token's, nearest first."""
    found: list[Span] = []
    sentence = token.sent
    while len(found) < count and sentence.start > 0:
        sentence = sentence.doc[sentence.start - 1].sent
        found.append(sentence)
    return found


def event_date(sentence: Span, ctx: Context) -> str | None:
    """A date named in the sentence, else the document's month."""
    for _start, _end, value in ctx.date_index.inside(sentence.start_char, sentence.end_char):
        return value
    return ctx.document_month
