"""Parents of places the gazetteer cannot place: a street, facility or village takes the point of the place
that contains it, flagged ``located_by="parent"``.

The parent is the place the text links it to — "X in Y", "X, Y", "north of Y", "Y's X", "the Y town of X",
and for a list ("the villages of A, B and C in rural Idlib") the parent of its first member — else the
document's focus when one place dominates it: the settlement it mentions most in its main country (else that
country's most mentioned province), holding at least half the mentions of the country's located places. A
country is never a parent: its point says nothing about where a village lies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from sitroom.components.places.toponyms import CONTAINING_GAPS, names_its_quarter
from sitroom.knowledge.place_words import COMPASS_WORDS
from sitroom.layers import doc_text
from sitroom.record import Place

SETTLEMENT_FEATURES = frozenset({"city", "town", "village", "locality"})
AREA_FEATURES = frozenset({"admin1", "region", "county"})
PARENT_FEATURES = SETTLEMENT_FEATURES | AREA_FEATURES
CONTAINING_PREPOSITIONS = frozenset({"in", "of", "near", "outside", "at", "inside", "within", "around"})
MAX_CONJUNCTS = 12
DOMINANCE = 0.5


def _mention_tokens(doc: Doc, place: Place) -> list[Token]:
    tokens = []
    for mention in place.mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            tokens.append(span.root)
    return tokens


def _first_conjunct(token: Token) -> Token:
    for _ in range(MAX_CONJUNCTS):
        if token.dep_ != "conj" or token.head.i == token.i:
            break
        token = token.head
    return token


def _linked(token: Token, parents: dict[int, Place]) -> Place | None:
    """A parent place the syntax ties ``token`` to: a prepositional object, a comma-apposed place, a possessor
    or compound modifier of it or of its head noun ("the Idlib town of X")."""
    doc = token.doc
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in CONTAINING_PREPOSITIONS:
            found = next((parents[g.i] for g in child.children if g.dep_ == "pobj" and g.i in parents), None)
            if found is not None:
                return found
        if child.dep_ in ("poss", "compound", "nmod", "appos", "npadvmod") and child.i in parents:
            return parents[child.i]
    right = token.right_edge.i
    if right + 2 < len(doc) and doc[right + 1].text == "," and right + 2 in parents:
        return parents[right + 2]
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        noun = head.head
        return next(
            (parents[c.i] for c in noun.children if c.dep_ in ("compound", "amod", "poss") and c.i in parents), None
        )
    if token.dep_ in ("compound", "nmod") and head.i != token.i:
        return _linked(head, parents)
    return None


def _is_containing_gap(gap: str) -> bool:
    """ "in", ", ", "in the" or a quarter's noun and "of" ("neighbourhood of"), optionally followed by words
    that qualify the larger place ("in the opposition-held western Aleppo countryside", "the X neighbourhood
    of northeast Damascus")."""
    words = gap.split()
    for size in range(min(len(words), 3), 0, -1):
        head, rest = " ".join(words[:size]), words[size:]
        containing = head in CONTAINING_GAPS or names_its_quarter(head)
        if containing and len(rest) <= 2 and all(_qualifies(word) for word in rest):
            return True
    return gap == ","


def _qualifies(word: str) -> bool:
    return word in COMPASS_WORDS or word.endswith(("-held", "-controlled", "-besieged"))


def _following(text: str, place: Place, located: Sequence[Place]) -> Place | None:
    """The located place right after a mention of ``place``, joined by "in", "in the" or a comma."""
    for mention in place.mentions:
        after = [(m.start, p) for p in located for m in p.mentions if m.start >= mention.end and p.id != place.id]
        if not after:
            continue
        start, nearest = min(after, key=lambda pair: pair[0])
        if _is_containing_gap(" ".join(text[mention.end : start].lower().split())):
            return nearest
    return None


def _focus(places: Sequence[Place]) -> Place | None:
    """The document's main settlement (else province) in the country it mentions most, when it dominates: at
    least half the mentions of that country's located places are its own (a local story, not a round-up of
    a war's fronts, where a village could lie near any of them)."""
    countries = Counter(p.country for p in places for _ in p.mentions if p.country)
    if not countries:
        return None
    country, mentions = countries.most_common(1)[0]
    for features in (SETTLEMENT_FEATURES, AREA_FEATURES - {"county"}):
        candidates = [p for p in places if p.country == country and p.feature in features]
        if candidates:
            main = max(candidates, key=lambda p: len(p.mentions))
            return main if len(main.mentions) >= DOMINANCE * mentions else None
    return None


def assign_parents(doc: Doc, places: Sequence[Place]) -> None:
    """Give every emitted place without a point the point of its parent, and a located place without a
    province (a region, a village the gazetteer lists without one) its parent's province (in place)."""
    located = [p for p in places if p.resolved and p.lat is not None and p.feature in PARENT_FEATURES]
    if not located:
        return
    _assign_provinces(doc, places, located)
    if all(p.lat is not None for p in places):
        return
    parents = {token.i: place for place in located for token in _mention_tokens(doc, place)}
    focus = _focus(located)
    text = doc_text(doc)
    for place in places:
        if place.lat is not None:
            continue
        linked = (_linked(_first_conjunct(token), parents) for token in _mention_tokens(doc, place))
        parent = (
            _following(text, place, located)
            or next((p for p in linked if p is not None and p.id != place.id), None)
            or focus
        )
        if parent is None:
            continue
        place.lat, place.lon, place.parent, place.located_by = parent.lat, parent.lon, parent.id, "parent"
        place.country, place.admin1 = parent.country, parent.admin1


def _assign_provinces(doc: Doc, places: Sequence[Place], located: Sequence[Place]) -> None:
    """A located place below the country without a province takes the province of the place the text puts it
    in ("Eastern Ghouta near Damascus", "the village of X in Idlib province"), in the same country; a place the
    text puts nowhere keeps no province (the document's main place would be a guess)."""
    parents = {token.i: place for place in located if place.admin1 for token in _mention_tokens(doc, place)}
    text = doc_text(doc)
    for place in places:
        if place.lat is None or place.admin1 or place.feature in {"country", "admin1", None}:
            continue
        linked = (_linked(_first_conjunct(token), parents) for token in _mention_tokens(doc, place))
        following = _following(text, place, [p for p in located if p.admin1])
        parent = following or next((p for p in linked if p is not None and p.id != place.id), None)
        if parent is not None and parent.country == place.country and parent.admin1:
            place.admin1 = parent.admin1
