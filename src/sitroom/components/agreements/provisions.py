"""Provisions: what an agreement provides, each typed by the earliest cue word of its clause.

Clauses come from an agreement's text when a document sets it out (numbered paragraphs, then unnumbered
"should / must / will" sentences that do not restate one), and from the sentences that mention it: what
the parties agreed or promised to do ("agreed to halt bombing and let aid in"), the purpose of the
agreement ("a deal to evacuate the towns", "a cease-fire to allow aid into the area"), what it forbids or
allows ("zones in which acts of aggression are prohibited"), and what it is said to make happen
("according to the deal the warring sides would stop fighting", "if the deal is implemented X would Y").
A clause without any cue word is not kept as a provision, unless it is a numbered clause."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from sitroom.components.agreements.syntax import conjuncts, is_negated, is_verb, lemma
from sitroom.components.agreements.vocabulary import (
    BINDING_VERBS,
    CONDITIONAL_MARKS,
    DEONTIC,
    PERMISSION_VERBS,
    PROVISION_CUES,
    PURPOSE_HOSTS,
    TARGETED_TYPES,
)
from sitroom.record import ProvisionType

NUMBERED = re.compile(r"(?m)^[ \t]*(\d{1,2})[ \t]*[.):\-]?[ \t]+(?=\S)")
BOTH_SIDES = re.compile(r"\b(both|two|each|all)\s+(sides|parties|side|party)\b", re.IGNORECASE)
RESTATED_SHARE = 0.6
SEPARATE_DEPS = frozenset({"conj", "cc", "advcl", "punct"})


@dataclass
class Clause:
    """A provision's characters and its number (0 while unnumbered)."""

    n: int
    start: int
    end: int


@cache
def _cue_table() -> dict[str, tuple[tuple[ProvisionType, frozenset[str]], ...]]:
    table: dict[str, list[tuple[ProvisionType, frozenset[str]]]] = {}
    for cue, kind, needs in PROVISION_CUES:
        table.setdefault(cue, []).append((kind, needs))
    return {cue: tuple(kinds) for cue, kinds in table.items()}


def provision_type(tokens: Iterable[Token]) -> ProvisionType:
    """The type of the earliest cue word in the clause (``other`` when none)."""
    words = list(tokens)
    lemmas = {token.lemma_.lower() for token in words} | {token.lower_ for token in words}
    table = _cue_table()
    for token in words:
        for kind, needs in table.get(token.lemma_.lower(), ()) or table.get(token.lower_, ()):
            if not needs or needs & lemmas:
                return kind
    return "other"


def numbered_clauses(text: str, start: int, end: int) -> list[Clause]:
    """Numbered paragraphs of ``text[start:end]``: "1 An agreement ...", "2. Brother ..."."""
    clauses: list[Clause] = []
    for match in NUMBERED.finditer(text, start, end):
        paragraph_end = text.find("\n", match.end())
        paragraph_end = end if paragraph_end == -1 or paragraph_end > end else paragraph_end
        clause_text = text[match.end() : paragraph_end].rstrip()
        clauses.append(Clause(int(match.group(1)), match.end(), match.end() + len(clause_text)))
    return clauses


def is_deontic(span: Span) -> bool:
    return bool({token.lemma_.lower() for token in span} & DEONTIC)


def content_lemmas(tokens: Iterable[Token]) -> set[str]:
    return {token.lemma_.lower() for token in tokens if token.pos_ in {"NOUN", "VERB", "PROPN"}}


def restates(kind: ProvisionType, lemmas: set[str], seen: list[tuple[ProvisionType, set[str]]]) -> bool:
    """A clause whose content words are mostly those of an earlier clause of the same type."""
    return any(kind == other and len(lemmas & words) >= RESTATED_SHARE * max(len(lemmas), 1) for other, words in seen)


def bound_by_both(text: str) -> bool:
    return BOTH_SIDES.search(text) is not None


def is_targeted(kind: ProvisionType) -> bool:
    return kind in TARGETED_TYPES


# --------------------------------------------------------------------------- clauses around a mention
def mention_clauses(head: Token, unit: Span, agreement_heads: set[int]) -> list[tuple[int, int]]:
    """Characters of the provision clauses that the sentence of one mention states, in text order."""
    verbs = [*_purposes(head), *_permissions(head), *_according(head), *_consequences(head), *_bindings(unit)]
    spans: list[tuple[int, int]] = []
    for verb in dict.fromkeys(verbs):
        tokens = _clause_tokens(verb)
        if not tokens or any(token.i in agreement_heads for token in tokens):
            continue
        if provision_type(tokens) == "other":
            continue
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
        if span not in spans:
            spans.append(span)
    return sorted(spans)


def _purposes(head: Token) -> Iterator[Token]:
    """ "a deal to evacuate the towns", "asked for a cease-fire to allow aid into the area", "a promise of a
    respite to allow in aid"."""
    hosts = [head]
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        hosts.append(head.head.head)
    for host in hosts:
        for child in host.children:
            if child.dep_ in {"acl", "relcl"} and is_verb(child) and _infinitive(child):
                yield from conjuncts(child)
    if head.dep_ in {"dobj", "pobj"}:
        verb = head.head.head if head.dep_ == "pobj" else head.head
        if lemma(verb) not in PURPOSE_HOSTS:
            return
        for child in verb.children:
            if child.dep_ in {"advcl", "xcomp"} and is_verb(child) and _infinitive(child):
                yield from conjuncts(child)


def _infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _permissions(head: Token) -> Iterator[Token]:
    """ "zones in which acts of aggression are prohibited"."""
    for child in head.children:
        if child.dep_ == "relcl" and lemma(child) in PERMISSION_VERBS:
            yield child


def _according(head: Token) -> Iterator[Token]:
    """ "According to the deal the warring sides would stop fighting", "under the deal, fighters who hand over
    their weapons will receive an amnesty"."""
    prep = head.head
    if head.dep_ != "pobj":
        return
    if prep.lower_ == "to" and prep.head.lower_ == "according" and is_verb(prep.head.head):
        yield from conjuncts(prep.head.head)
    if prep.lower_ == "under" and is_verb(prep.head) and _modal(prep.head):
        yield from conjuncts(prep.head)


def _modal(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ in DEONTIC | {"would", "must", "should"} for child in verb.children)


def _consequences(head: Token) -> Iterator[Token]:
    """ "If the deal is implemented X would stop air strikes and aid would reach civilians"."""
    clause = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "advcl" or not is_verb(clause.head):
        return
    if any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS for child in clause.children):
        yield from conjuncts(clause.head)


def _bindings(unit: Span) -> Iterator[Token]:
    """ "the US and Russia agreed to halt bombing and let aid in", "promising rebels safe passage"."""
    for token in unit:
        if lemma(token) not in BINDING_VERBS or not is_verb(token) or is_negated(token):
            continue
        complements = [child for child in token.children if child.dep_ == "xcomp" and is_verb(child)]
        if complements:
            for complement in complements:
                yield from conjuncts(complement)
        elif any(child.dep_ in {"dobj", "dative"} for child in token.children):
            yield token


def _clause_tokens(verb: Token) -> list[Token]:
    """The verb's clause without its coordinated clauses, conditions and "according to" phrase."""
    skipped: set[int] = set()
    for child in verb.children:
        if child.dep_ in SEPARATE_DEPS or (child.dep_ == "prep" and child.lower_ in {"according", "under"}):
            skipped.update(token.i for token in child.subtree)
    tokens = [token for token in verb.subtree if token.i not in skipped and not token.is_punct]
    while tokens and tokens[0].lower_ in {"to", "and", "that", "which"}:
        tokens.pop(0)
    return tokens


def char_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")
