"""Toponyms that stand inside other names or before the story: an organisation named after its place
("Mansfield Police Department", "the Ohio State University", "Seoul City Hall") and the dateline
("CORSICANA —", "BEIRUT (Reuters) -", "CHARLESTON, W.Va. --")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Span

from sitroom.components.places.tokens import is_capitalised, trim_span
from sitroom.components.places.toponyms import Toponym
from sitroom.knowledge.valence import word_set
from sitroom.layers import doc_text

if TYPE_CHECKING:
    from sitroom.components.places.recognition import Recogniser

ORGANISATION_LABELS = frozenset({"ORG", "FAC"})
MAX_PLACE_TOKENS = 4
# Words of the names of media, which are named after their town but are not about it ("Washington Post").
MEDIA_WORDS = word_set("times post globe tribune herald journal news daily gazette star sun telegraph chronicle")
# An all-capital place name (with an optional ", State" or ", Country") opening the text or its second
# sentence, then an optional agency in parentheses and a dash or colon.
DASHES = "\u2014\u2013"  # em and en dash
DATELINE = re.compile(
    r"(?:\A|(?<=[.!?\n]) ?)\s*(?P<place>[A-Z][A-Z'\u2019.\- ]{2,40}?[A-Z.])"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?\s*(?:\([A-Za-z .]+\)\s*)?"
    rf"(?:[{DASHES}]|--|-|:)\s"
)
DATELINE_REACH = 400


# The first word after a place in the name of a body that serves that place ("Mansfield Police Department",
# "DeSoto Parish Police Jury", "Fargo City Council", "Minnesota Department of Transportation").
LOCAL_BODY_WORDS = word_set(
    """
    police sheriff sheriff's fire department city county parish township town village borough council
    commission commissioners board court courthouse jail library schools school high elementary public
    municipal metro water housing health state national guard township's
    """
)


def _opens_local_body(token_text: str) -> bool:
    return token_text.lower() in LOCAL_BODY_WORDS


def organisation_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """The place that opens an organisation's or facility's name, followed by common nouns."""
    doc = recogniser.doc
    for ent in doc.ents:
        if ent.label_ not in ORGANISATION_LABELS or len(ent) < 2:
            continue
        start, end = trim_span(doc, ent.start, ent.end)
        if any(token.lower_ in MEDIA_WORDS for token in doc[start:end]):
            continue
        for stop in range(min(end - 1, start + MAX_PLACE_TOKENS), start, -1):
            rest = doc[stop:end]
            if not is_capitalised(doc[stop]) or not _opens_local_body(doc[stop].text):
                continue
            if recogniser.covered[start] or not all(is_capitalised(t) for t in doc[start:stop]):
                continue
            candidates = recogniser.lookup(start, stop)
            if any(e.exact and e.feature != "country" for e in candidates) and len(rest) >= 1:
                yield recogniser.make(start, stop, None, "embedded", candidates)
                break


def dateline_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """The dateline's place (and its state or country), read as located."""
    doc = recogniser.doc
    match = DATELINE.search(doc_text(doc)[:DATELINE_REACH])
    if match is None:
        return
    for group in ("place", "region"):
        if match.group(group) is None:
            continue
        span = doc.char_span(match.start(group), match.end(group), alignment_mode="expand")
        if span is None or any(recogniser.covered[i] for i in range(span.start, span.end)):
            continue
        toponym = _located(recogniser, span)
        if toponym is not None:
            yield toponym


def _located(recogniser: Recogniser, span: Span) -> Toponym | None:
    start, end = trim_span(span.doc, span.start, span.end)
    candidates = recogniser.lookup(start, end) if end > start else ()
    if not candidates:
        return None
    toponym = recogniser.make(start, end, None, "ner", candidates)
    toponym.locative = toponym.strictly_locative = True
    toponym.acting = False
    return toponym
