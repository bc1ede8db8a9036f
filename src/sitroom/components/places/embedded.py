"""Toponyms that stand inside other names or before the story: an organisation named after its place
("Mansfield Police Department", "the Ohio State University", "Seoul City Hall") and the dateline
("CORSICANA —", "BEIRUT (Reuters) -", "CHARLESTON, W.Va. --")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from spacy.tokens import Span

from sitroom.components.places.tokens import is_capitalised, positions_of, strip_feature_words, trim_span
from sitroom.components.places.toponyms import Toponym
from sitroom.knowledge.gazetteer import GazetteerEntry, us_counties
from sitroom.knowledge.noun_classes import noun_classes
from sitroom.knowledge.place_words import FEATURE_NOUNS
from sitroom.knowledge.valence import word_set
from sitroom.layers import doc_text
from sitroom.names import name_key

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
    municipal metro water housing health state national guard township's superior supreme circuit chamber
    volunteer highway community
    """
)


COUNTY_WORDS = word_set("county parish")
WATER_WORDS = word_set("river lake creek bay reservoir")
WATER_OPENERS = word_set("river lake")  # the words written before the name too ("Lake Lanier", "River Moy")
DASH_WORDS = frozenset({"-", "\u2013"})
SETTLEMENTS = frozenset({"city", "town", "village"})
# Words that open the name of a county's body or officer after "X County" ("the X County Clerk of Court").
COUNTY_BODY_WORDS = LOCAL_BODY_WORDS | word_set(
    """
    clerk clerk's coroner coroner's judge attorney attorney's prosecutor prosecutor's circuit superior common
    district treasurer auditor assessor recorder commissioner administrator emergency rescue ems
    """
)


# Titles of a town's or county's officers, before the officer's name ("Fargo Mayor Jane Roe"); the titles
# of any organisation's officers ("Chief", "Manager") only after a word for a town's body ("City Manager").
OFFICER_TITLES = word_set("mayor sheriff governor councilman councilwoman")
BODY_TITLES = word_set("chief manager")
# A town's police, after its name ("Danbury police").
SERVICE_NOUNS = word_set("police")
# Labels of the names a place after "of" belongs to ("Jane Roe of Lindsay", "First Bank of Sharon").
MEMBER_LABELS = frozenset({"PERSON", "ORG"})
ACADEMY_WORDS = word_set("university college institute academy school")
OFFICE_WORDS = OFFICER_TITLES | BODY_TITLES | SERVICE_NOUNS
OF = frozenset({"of"})
# A word for the body between the place and the title ("Rock Hill City Manager", "Cookville Fire Chief").
SERVICE_BODIES = word_set("city town village township fire police")


def _opens_local_body(token_text: str) -> bool:
    return token_text.lower() in LOCAL_BODY_WORDS


def county_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """A US county or parish named with its word ("Alachua County", "Avoyelles Parish") wherever the model's
    entity puts it: alone under any label, or opening the name of a body of the county ("the Alachua County
    Sheriff's Office", "Laurel County Clerk Jane Roe"); not opening another organisation's name ("Orange
    County Choppers")."""
    doc, counties = recogniser.doc, us_counties()
    for index in positions_of(recogniser.lower, COUNTY_WORDS):
        if not is_capitalised(doc[index]) or index == 0:
            continue
        after = doc[index + 1] if index + 1 < len(doc) else None
        if after is not None and is_capitalised(after) and after.lower_ not in COUNTY_BODY_WORDS:
            continue
        start = index
        while start > 0 and index - start < MAX_PLACE_TOKENS - 1 and is_capitalised(doc[start - 1]):
            start -= 1
        while start < index and doc[start].lower_ in ("the", "a", "an"):
            start += 1
        for first in range(start, index):
            if name_key(recogniser.span_text(first, index)) in counties and not any(recogniser.covered[first:index]):
                whole = recogniser.lookup(first, index + 1)  # a county the gazetteer knows by its full name
                end = index + 1 if whole else index
                toponym = recogniser.make(first, end, "county", "ner", whole or recogniser.lookup(first, index))
                toponym.locative = True
                yield toponym
                break


def water_bodies(recogniser: Recogniser) -> Iterator[Toponym]:
    """Rivers, lakes, creeks, bays and reservoirs named with their word ("the Red River", "Flat Creek", "Lake
    Lanier", "River Moy"), whatever the model's label: places the gazetteer does not hold (left unresolved);
    a town named so ("Lake Charles", "Green Bay") and a longer name ("Salt Lake City") are left to the rest."""
    doc, capitalised = recogniser.doc, recogniser.flags.capitalised
    for index in positions_of(recogniser.lower, WATER_WORDS):
        if not capitalised[index]:
            continue
        after = index + 1  # the name after "Lake", "River": proper nouns, no English noun ("River Concert Series")
        while (
            after < len(doc)
            and after - index <= 2
            and capitalised[after]
            and doc[after].pos_ == "PROPN"
            and doc[after].lower_ not in noun_classes()
        ):
            after += 1
        before = index
        while before > 0 and index - before < 2 and capitalised[before - 1] and doc[before - 1].pos_ == "PROPN":
            before -= 1
        while before < index and doc[before].lower_ in ("the", "a", "an"):
            before += 1
        opens = doc[index].lower_ in WATER_OPENERS and after > index + 1 and before == index
        start, end = (index, after) if opens else (before, index + 1)
        if start == end - 1 or any(recogniser.covered[start:end]):
            continue
        if end < len(doc) and capitalised[end]:
            continue  # part of a longer name ("Salt Lake City", "Lake Cumberland Area Development District")
        if any(e.exact and e.feature in SETTLEMENTS for e in recogniser.lookup(start, end)):
            continue  # a town named after the water ("Lake Charles")
        yield recogniser.make(start, end, "water", "chain", ())


def paired_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """Two towns of one country joined by a hyphen or dash, which the model reads as one name ("Fargo-Moorhead",
    "the Logan-Rogersville school district", "Plainview-Elgin"): each is a place, whatever the label over them,
    unless the gazetteer knows the joined name ("Winston-Salem"). States and countries stay with the
    metonymy rules ("the EU-Israel summit")."""
    doc, capitalised = recogniser.doc, recogniser.flags.capitalised
    for dash in positions_of(recogniser.lower, DASH_WORDS):
        if dash == 0 or dash + 1 >= len(doc) or doc[dash - 1].whitespace_ or doc[dash].whitespace_:
            continue
        if not (capitalised[dash - 1] and capitalised[dash + 1]) or recogniser.covered[dash - 1]:
            continue
        left = _settlement_ending(recogniser, dash)
        right = _settlement_opening(recogniser, dash + 1)
        if left is None or right is None:
            continue
        (left_start, left_towns), (right_end, right_towns) = left, right
        if recogniser.lookup(left_start, right_end) or not {e.country for e in left_towns} & {
            e.country for e in right_towns
        }:
            continue
        yield recogniser.make(left_start, dash, None, "ner", left_towns)
        yield recogniser.make(dash + 1, right_end, None, "ner", right_towns)


def _settlements(recogniser: Recogniser, start: int, end: int) -> tuple[GazetteerEntry, ...]:
    """The towns and cities exactly named by the words (none if a state or country bears the name)."""
    entries = recogniser.lookup(start, end)
    if any(e.feature in ("country", "admin1") for e in entries):
        return ()
    return tuple(e for e in entries if e.exact and e.feature in SETTLEMENTS)


def _settlement_ending(recogniser: Recogniser, end: int) -> tuple[int, tuple[GazetteerEntry, ...]] | None:
    """The longest run of capitalised words ending at ``end`` that names a town, and its towns."""
    capitalised, found = recogniser.flags.capitalised, None
    for start in range(end - 1, max(-1, end - MAX_PLACE_TOKENS), -1):
        if not capitalised[start]:
            break
        towns = _settlements(recogniser, start, end)
        if towns:
            found = (start, towns)
    return found


def _settlement_opening(recogniser: Recogniser, start: int) -> tuple[int, tuple[GazetteerEntry, ...]] | None:
    """The longest run of capitalised words opening at ``start`` that names a town, and its towns."""
    capitalised, found = recogniser.flags.capitalised, None
    for end in range(start + 1, min(len(recogniser.doc), start + MAX_PLACE_TOKENS) + 1):
        if not capitalised[end - 1]:
            break
        towns = _settlements(recogniser, start, end)
        if towns:
            found = (end, towns)
    return found


def organisation_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """The place that opens an organisation's or facility's name, followed by common nouns."""
    doc = recogniser.doc
    for ent in recogniser.ents:
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


def office_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """The place whose officer or service a title names, whatever the model's label: before an officer's
    title and name ("Fargo Mayor Jane Roe", "Kent County Sheriff John Doe", "Cookville Fire Chief Ann Lee")
    or before a collective service noun ("Danbury police", "Alton officials")."""
    doc = recogniser.doc
    for index in positions_of(recogniser.lower, OFFICE_WORDS):
        word = doc[index].lower_
        named = index + 1 < len(doc) and is_capitalised(doc[index + 1])
        body = index >= 2 and doc[index - 1].lower_ in SERVICE_BODIES
        titled = named and (word in OFFICER_TITLES or (word in BODY_TITLES and body))
        if not (titled or word in SERVICE_NOUNS) or index == 0:
            continue
        stop = index - 1 if body else index
        toponym = _name_before(recogniser, stop)
        if toponym is not None:
            toponym.residence = True
            yield toponym


def member_places(recogniser: Recogniser) -> Iterator[Toponym]:
    """The place after "of" that follows a person's or an organisation's name, whatever the model's label
    ("Jane Roe of Lindsay", "the First Bank of Sharon", "Troop 12 of Wakefield"): where they live or serve."""
    doc = recogniser.doc
    for index in positions_of(recogniser.lower, OF):
        if index == 0 or index == len(doc) - 1:
            continue
        before = doc[index - 1]
        if before.ent_type_ not in MEMBER_LABELS or not is_capitalised(before):
            continue
        if before.lower_ in ACADEMY_WORDS:
            continue  # "the University of Calgary": an institution's name, wherever its campuses are
        stop = index + 1
        while stop < len(doc) and stop - index <= MAX_PLACE_TOKENS and is_capitalised(doc[stop]):
            stop += 1
        if stop == index + 1 or any(recogniser.covered[i] for i in range(index + 1, stop)):
            continue
        end, cue = strip_feature_words(doc, index + 1, stop)  # "of Boone County": Boone, a county
        candidates = recogniser.lookup(index + 1, end)
        common = end == index + 2 and doc[index + 1].lower_ in noun_classes()  # "Department of Water"
        if not common and any(e.exact for e in candidates) and not any(e.feature == "country" for e in candidates):
            toponym = recogniser.make(index + 1, end, cue, "embedded", candidates)
            toponym.residence = True
            yield toponym


def _name_before(recogniser: Recogniser, stop: int) -> Toponym | None:
    """The gazetteer's place (no state: states are the metonymy rules') written in the capitalised words
    that end at ``stop``, a word that is no name's first (a title) dropped."""
    doc = recogniser.doc
    start = stop
    while start > 0 and stop - start < MAX_PLACE_TOKENS and is_capitalised(doc[start - 1]):
        start -= 1
    while start < stop and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    if start > 0 and doc[start - 1].text in ("-", "'", "\u2019") and not doc[start - 1].whitespace_:
        return None  # the end of a hyphenated or possessive word
    for first in range(start, stop):
        if any(recogniser.covered[i] for i in range(first, stop)) or doc[first].lower_ in FEATURE_NOUNS:
            continue
        end, cue = strip_feature_words(doc, first, stop)  # "Kent County": Kent, a county
        candidates = recogniser.lookup(first, end)
        if any(e.exact for e in candidates) and not any(e.feature == "country" for e in candidates):
            return recogniser.make(first, end, cue, "embedded", candidates)
    return None


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
