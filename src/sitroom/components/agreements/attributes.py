"""Attributes of an agreement that its mentions' phrases and sentences state: the places it covers, a date
inside the phrase ("a February ceasefire deal"), whether it is unilateral, bilateral or multilateral, and
whether it is written or verbal."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from sitroom.components.agreements.context import Context
from sitroom.components.agreements.detection import Mention
from sitroom.components.agreements.syntax import is_negated, lemma
from sitroom.components.agreements.vocabulary import UNILATERAL_WORDS, VERBAL_WORDS, WRITTEN_WORDS
from sitroom.record import Sidedness

CLAUSE_DEPS = frozenset({"acl", "relcl", "advcl"})
COVERING = frozenset({"cover", "include"})
COVERED_BY = frozenset({"by", "in", "under"})  # "covered by a truce", "included in the deal"
COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
BROAD_FEATURES = frozenset({"country", "admin1", None})
# "moved out of X through an agreement", "left X under a deal": the place left is the deal's.
MEANS_PREPOSITIONS = frozenset({"under", "through", "via"})
DEPARTURE_VERBS = frozenset({"leave", "move", "evacuate", "withdraw", "exit", "depart", "relocate", "flee"})
SOURCE_PREPOSITIONS = frozenset({"from", "out"})


def phrase_tokens(head: Token) -> list[Token]:
    """The mention's phrase with its prepositional phrases, without its clauses."""
    skipped = {token.i for child in head.children if child.dep_ in CLAUSE_DEPS for token in child.subtree}
    return [token for token in head.subtree if token.i not in skipped]


def places(mention: Mention, ctx: Context) -> list[str]:
    """Places the mention's phrase names ("a truce for Syria"), the place a "where" clause is about ("the
    Yarmuk camp where a ceasefire has broken down"), and what it is said to cover ("the zone covers Idlib",
    "the districts are covered by a truce")."""
    head = mention.head
    tokens = phrase_tokens(head)
    clause = head.head
    where = any(child.lower_ == "where" for child in clause.children)
    if head.dep_ in {"nsubj", "nsubjpass"} and where and clause.dep_ == "relcl":
        tokens += list(clause.doc[clause.head.left_edge.i : clause.head.i + 1])
    found = ctx.places_in(tokens)
    covered = _covered(head)
    if covered is not None:
        found += [place for place in _places_of(covered, ctx) if place not in found]
    found += [place for place in _left(head, ctx) if place not in found]
    return found


def _left(head: Token, ctx: Context) -> list[str]:
    """The place people left under or through the mention: "fighters moved out of X through an agreement",
    "rebels left X under a deal". A departure naming no place leaves the one local place of the clause it
    tells the time or cause of ("took control of X after the convoy left under a deal")."""
    means = head.head
    if head.dep_ != "pobj" or means.lower_ not in MEANS_PREPOSITIONS or lemma(means.head) not in DEPARTURE_VERBS:
        return []
    verb = means.head
    sources = [child for child in verb.children if child.dep_ == "dobj" or child.lower_ in SOURCE_PREPOSITIONS]
    found = ctx.places_in(token for source in sources for token in source.subtree)
    if found or verb.dep_ != "advcl":
        return found
    own = {token.i for token in verb.subtree}
    outer = ctx.places_in(token for token in verb.head.subtree if token.i not in own)
    local = [place for place in outer if ctx.places[place].feature not in BROAD_FEATURES]
    return local if len(local) == 1 else []


def _covered(head: Token) -> Token | None:
    """What the mention is said to cover: the object of "the zone covers X", the subject of "X are covered
    by a truce" or "X is included in the deal"."""
    clause = head.head
    if head.dep_ == "nsubj" and lemma(clause) in COVERING and not is_negated(clause):
        return next((child for child in clause.children if child.dep_ in {"dobj", "obj"}), None)
    verb = clause.head
    if head.dep_ == "pobj" and clause.lower_ in COVERED_BY and lemma(verb) in COVERING and not is_negated(verb):
        return next((child for child in verb.children if child.dep_ == "nsubjpass"), None)
    return None


def _places_of(covered: Token, ctx: Context) -> list[str]:
    """The places a covered phrase names; a common noun naming none ("the neighbourhoods", "both towns")
    stands for the places named before it in its sentence (not in the sentence before: it may name places
    the next sentence sets apart)."""
    found = ctx.places_in(covered.subtree)
    if found or covered.tag_ not in COMMON_NOUN_TAGS:
        return found
    return ctx.places_in(covered.doc[ctx.unit_of(covered).start : covered.left_edge.i])


def most_specific_place(place_ids: list[str], ctx: Context) -> str | None:
    """The first place finer than a province, else the first place."""
    specific = [p for p in place_ids if ctx.places[p].feature not in BROAD_FEATURES]
    return next(iter(specific or place_ids), None)


def phrase_date(mention: Mention, ctx: Context) -> str | None:
    """A date inside the mention's own phrase: "a February ceasefire deal", "the 2013 agreement"."""
    span = mention.span
    found = ctx.dates_within(span.start_char, span.end_char)
    return found[0][2] if found else None


def sidedness(parties: list[str], phrases: Iterable[Span], with_party: bool) -> Sidedness | None:
    """Unilateral when the text says so or one side declares it; else by the number of parties."""
    words = {token.lower_ for phrase in phrases for token in phrase}
    if words & UNILATERAL_WORDS:
        return "unilateral"
    if not parties:
        return None
    if len(parties) == 1:
        return "bilateral" if with_party else "unilateral"
    return "bilateral" if len(parties) == 2 else "multilateral"


def written(units: Iterable[Span]) -> bool | None:
    """True when the text speaks of signing or of its document, False when it says verbal, else unknown."""
    tokens = [token for unit in units for token in unit]
    words = {token.lemma_.lower() for token in tokens} | {token.lower_ for token in tokens}
    if words & VERBAL_WORDS:
        return False
    return True if words & WRITTEN_WORDS else None
