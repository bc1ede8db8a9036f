"""Toponym recognition: place entities and gazetteer-known runs of capitalised tokens."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from sitroom.components.offset_index import OffsetIndex
from sitroom.components.places.embedded import (
    county_places,
    dateline_places,
    member_places,
    office_places,
    organisation_places,
    paired_places,
    water_bodies,
)
from sitroom.components.places.lists import LIST_GLUE, share_list_cues
from sitroom.components.places.metonymy import acts
from sitroom.components.places.tokens import (
    after_party_letter,
    bare_place_object,
    country_before_noun,
    demonym_country,
    entity_labels,
    feature_after,
    feature_before,
    is_connector,
    is_nationality,
    lower_ids,
    noun_has_own_name,
    positions_of,
    reads_as_location,
    reads_as_residence,
    strip_feature_words,
    trim_span,
    word_flags,
)
from sitroom.components.places.toponyms import COUNTY_KEY_SUFFIX, Source, Toponym
from sitroom.components.places.vocabulary import (
    AP_STATES,
    AREA_FEATURES,
    CALENDAR_WORDS,
    FURNITURE_WORDS,
    GENERIC_WORDS,
    INSTITUTION_WORDS,
    LOCAL_CUES,
    LOOSE_LOCATIVE,
    NEVER_PLACES,
    PLACE_LABELS,
    STREET_CUES,
    STRICT_LOCATIVE,
)
from sitroom.knowledge.gazetteer import Gazetteer, GazetteerEntry, spelling_of
from sitroom.knowledge.noun_classes import noun_classes
from sitroom.knowledge.place_words import (
    ARABIC_NAME_OPENERS,
    COMPASS_WORDS,
    FEATURE_NOUNS,
    PLURAL_FEATURE_NOUNS,
)
from sitroom.layers import tokens_text
from sitroom.names import ARABIC_ARTICLES, fold, name_key

MAX_SEGMENT_TOKENS = 6
DISEASE_WORDS = frozenset({"virus", "fever", "disease", "flu", "influenza", "encephalitis", "syndrome"})
DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
# Features of the settlements and quarters a list after "the villages of" names.
LIST_FEATURES = frozenset({"city", "town", "village", "locality"})
# Plural nouns of units whose own names stand before them in a list ("Lyon and Rice counties", "Elm and Birch
# streets"); not facilities, which a town's name before them only locates ("the Aleppo and Homs hospitals").
NAMED_UNIT_PLURALS = frozenset(
    {"counties", "parishes", "provinces", "governorates", "districts", "streets", "roads", "avenues"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
# Entity labels the small model gives place names by mistake ("Aleppo city" as NORP, "near Quneitra" as DATE,
# "in Manbij" as PRODUCT, "in Aleppo Syrias" as WORK_OF_ART).
MISREAD_LABELS = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", *TIME_LABELS})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def _without_county_word(span: SpacySpan) -> str:
    words = [token.text for token in span]
    return " ".join(words[:-1]) if len(words) > 1 and FEATURE_NOUNS.get(words[-1].lower()) == "county" else span.text


def _is_generic_word(toponym: Toponym) -> bool:
    """A single generic word ("the West", "North"): a place only with a place noun ("West Province")."""
    return fold(toponym.text).removeprefix("the ") in GENERIC_WORDS


def _is_common_word(toponym: Toponym) -> bool:
    """An English common noun naming no prominent place ("Church", "Bank"): a place only when cued or read as
    a location."""
    word = toponym.text.lower()
    return " " not in word and word in noun_classes() and not _is_prominent(toponym.candidates)


def _ap_state(text: str) -> str | None:
    """The US state an AP abbreviation stands for, written with or without spaces ("W.Va.", "W. Va."), also
    when the tokenizer split off its final period ("W.Va" before "." or "--")."""
    compact = text.replace(" ", "")
    return AP_STATES.get(compact) or (AP_STATES.get(compact + ".") if "." in compact else None)


def _code_only(text: str, entry: GazetteerEntry) -> bool:
    """A short word written in lower case after its capital ("Sgt", "Inc.", "Ext") matching a place only
    through a code among its alternate names (an airport's "SGT", "EXT"), not through its name; or three
    capitals matching a place below a province only so ("the DAC", an organisation, is not Dhaka's airport
    code: a country's "UAE" stays)."""
    letters = text.rstrip(".")
    short = 1 < len(letters) <= 3 and letters.isalpha() and letters[0].isupper() and letters[1:].islower()
    code = len(letters) == 3 and letters.isalpha() and letters.isupper() and entry.feature not in ("country", "admin1")
    return (short or code) and fold(entry.name) != fold(letters)


@lru_cache(maxsize=50_000)
def _candidates(gazetteer: Gazetteer, text: str) -> tuple[GazetteerEntry, ...]:
    """The gazetteer's candidates for a run of words as written (cached per distinct text)."""
    state_name = _ap_state(text)
    if state_name is not None:
        state = gazetteer.lookup(state_name)
        return tuple(e for e in state if e.feature == "admin1" and e.country == "US")
    spelling = spelling_of(text)
    if len(spelling) < 2 or spelling in CALENDAR_WORDS or spelling in NEVER_PLACES:
        return ()
    return tuple(e for e in gazetteer.lookup(text) if not _code_only(text, e))


@lru_cache(maxsize=50_000)
def _country_named(gazetteer: Gazetteer, word: str) -> str | None:
    """The country name a capitalised word is, also as a possessive written without its apostrophe, as in text
    stripped of punctuation ("Syria", "Syrias"): the name, or None."""
    if not word[:1].isupper():
        return None
    for form in (word, word[:-1] if len(word) > 3 and word.endswith("s") else ""):
        if form and any(e.feature == "country" and e.exact for e in _candidates(gazetteer, form)):
            return form
    return None


@lru_cache(maxsize=50_000)
def _toponym_key(text: str) -> str:
    """The matching key of a toponym as written, an AP state abbreviation read as the state's name."""
    return name_key(_ap_state(text) or text)


def _first_of_each_span(toponyms: list[Toponym]) -> list[Toponym]:
    """One toponym per span: the dateline's reading of a name comes first, the model's entity of the same
    words would count the mention twice."""
    first: dict[tuple[int, int], Toponym] = {}
    for toponym in toponyms:
        first.setdefault((toponym.start, toponym.end), toponym)
    return list(first.values())


def _is_prominent(candidates: Iterable[GazetteerEntry]) -> bool:
    """Known well enough to be split out of a longer run of capitalised words."""
    return any(e.exact and (e.feature in ("country", "admin1") or e.population >= 50_000) for e in candidates)


class Recogniser:
    """Finds toponym mentions in one document."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, claimed: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.claimed = OffsetIndex(claimed, lambda span: span[0], lambda span: span[1])
        self.ents = doc.ents  # spaCy builds a Span per entity at each reading of doc.ents
        self.labels = entity_labels(doc, self.ents)
        self.flags = word_flags(doc)
        self.lower = lower_ids(doc)
        self.covered = [False] * len(doc)
        self.open_list: tuple[str, int] | None = None  # the cue and end of the last run read as a list
        self.beside_names: set[int] = set()  # country words read apart from the name beside them ("Aleppo Syria")

    def run(self) -> list[Toponym]:
        toponyms = list(dateline_places(self))
        early = [*county_places(self), *paired_places(self), *water_bodies(self)]
        toponyms += early
        toponyms += [
            t
            for ent in self.ents
            if ent.label_ in PLACE_LABELS and not self._holds_one_of(ent, early)
            for t in self._from_entity(ent)
        ]
        toponyms += organisation_places(self)
        toponyms += office_places(self)
        toponyms += member_places(self)
        toponyms += self._lists_before_plural_nouns()
        toponyms += [t for chain in self._chains() for t in self._from_chain(*chain)]
        toponyms += [self._country(i) for i in sorted(self.beside_names) if not self.covered[i]]
        toponyms += [t for t in (self._state_after(t) for t in toponyms) if t is not None]
        toponyms = _first_of_each_span(toponyms)
        share_list_cues(self.doc, toponyms)
        persons = self._person_keys()
        states = {t.token_start for t in toponyms if any(e.exact and e.feature == "admin1" for e in t.candidates)}
        kept = [
            t
            for t in toponyms
            if not self._is_claimed(t)
            and fold(t.text) not in NEVER_PLACES
            and not (_is_generic_word(t) and not t.cue)
            and not self._is_direction(t)
            and not self._owns_a_capital(t)
            and not self._names_a_currency(t)
            and not self._is_acronym(t)
            and not self._names_a_disease(t)
            and (
                t.cue
                or t.strictly_locative
                or self._before_its_state(t, states)
                or (t.key not in persons and not _is_common_word(t))
            )
        ]
        return sorted(kept, key=lambda t: t.start)

    @staticmethod
    def _holds_one_of(ent: SpacySpan, toponyms: list[Toponym]) -> bool:
        """The entity holds a county read with its word ("the X County Sheriff's Office") or a pair of towns
        ("Fargo-Moorhead"), which were read first."""
        return any(ent.start <= t.token_start and t.token_end <= ent.end for t in toponyms)

    def demonyms(self) -> Counter[str]:
        """How often the document names each country by its demonym ("Syrian", "Turkish"): the model's
        nationality entities."""
        found = (demonym_country(ent.text) for ent in self.ents if ent.label_ == "NORP")
        return Counter(country for country in found if country is not None)

    def _before_its_state(self, toponym: Toponym, states: set[int]) -> bool:
        """A name before a comma and a province or state ("Bethel, Vt."): a town, even one spelt like an English
        word or a surname."""
        end = toponym.token_end
        return end + 1 < len(self.doc) and self.doc[end].text == "," and end + 1 in states

    def _names_a_disease(self, toponym: Toponym) -> bool:
        """A name right before a disease word is part of the disease's name ("West Nile virus", "Lyme
        disease", "Rift Valley fever"), not a place."""
        end = toponym.token_end
        return end < len(self.doc) and self.doc[end].lower_ in DISEASE_WORDS

    def _is_acronym(self, toponym: Toponym) -> bool:
        """A word in capitals inside a sentence ("the NICE program", "a UF senior", "over STMA") is an acronym,
        not a town's name in capitals as in a dateline ("NEWARK -- "), which opens a sentence or stands before
        a dash; a state's, country's or region's code stays ("NSW", "UK", "EU")."""
        if toponym.token_end - toponym.token_start != 1:
            return False
        token, doc = self.doc[toponym.token_start], self.doc
        if not (token.text.isalpha() and token.text.isupper()) or token.is_sent_start:
            return False
        if toponym.token_end < len(doc) and doc[toponym.token_end].text in DASHES:
            return False
        return not any(e.feature in AREA_FEATURES for e in toponym.candidates)

    def _is_direction(self, toponym: Toponym) -> bool:
        """A compass word before "of" gives a direction ("Southwest of Raqqa"), even where a region of some
        country bears the word as a name."""
        doc, end = self.doc, toponym.token_end
        one_word = toponym.token_end - toponym.token_start == 1
        return (
            one_word and doc[toponym.token_start].lower_ in COMPASS_WORDS and end < len(doc) and doc[end].lower_ == "of"
        )

    def _names_a_currency(self, toponym: Toponym) -> bool:
        """A country's code written against a currency sign names the currency ("$US 15 billion", "US$ 5")."""
        doc, start, end = self.doc, toponym.token_start, toponym.token_end
        sign_before = start > 0 and doc[start - 1].is_currency and not doc[start - 1].whitespace_
        sign_after = end < len(doc) and doc[end].is_currency and not doc[end - 1].whitespace_
        return sign_before or sign_after

    def _owns_a_capital(self, toponym: Toponym) -> bool:
        """A name before "capital" names the state or province whose capital it is ("the Kazakh capital"): one
        that no state or province bears is a nationality, not a town of that name."""
        end = toponym.token_end
        return (
            end < len(self.doc)
            and self.doc[end].lower_ == "capital"
            and not any(e.feature in ("country", "admin1") for e in toponym.candidates)
        )

    def _person_keys(self) -> set[str]:
        """Keys of the words of full personal names in the document ("Mike Jones" → "Jones")."""
        keys: set[str] = set()
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            words = [i for i in range(ent.start, ent.end) if self.flags.capitalised[i] and not self.flags.connector[i]]
            if len(words) >= 2:
                keys.update(name_key(self.span_text(i, i + 1)) for i in words)
        return keys

    def _state_after(self, toponym: Toponym) -> Toponym | None:
        """An AP abbreviation of a US state after a toponym and a comma ("Gainesville, Ga.", "Elkins, W. Va.")."""
        index = toponym.token_end
        if index + 1 >= len(self.doc) or self.doc[index].text != "," or self.covered[index + 1]:
            return None
        for end in (index + 3, index + 2):
            if end <= len(self.doc) and _ap_state(self.doc[index + 1 : end].text) is not None:
                return self.make(index + 1, end, None, "ner", self.lookup(index + 1, end))
        return None

    def _is_claimed(self, toponym: Toponym) -> bool:
        """Inside a span the actors layer claimed (a binary search: documents can be long)."""
        return any(toponym.end <= end for _start, end in self.claimed.covering(toponym.start))

    def make(
        self,
        start: int,
        end: int,
        cue: str | None,
        source: Source,
        candidates: tuple[GazetteerEntry, ...],
    ) -> Toponym:
        span = self.doc[start:end]
        root, text = span.root, self.span_text(start, end)
        beside_country = end in self.beside_names or self._country_at(end)
        if root.dep_ == "compound" and root.head.i == end and beside_country and not self._english_word(start, end):
            root = root.head  # "in Aleppo Syria": the town reads as its country, the comma stripped, does
        after, width = feature_after(self.doc, end)
        if any(e.feature == "country" and e.exact for e in candidates):
            after = None  # "Syria town", "Syria oil field": the country modifies the noun, it is not one
        cue = cue or after or feature_before(self.doc, start)
        name_end = self.doc[end + width - 1].idx + len(self.doc[end + width - 1]) if after else span.end_char
        for i in range(start, end):
            self.covered[i] = True
        key = _toponym_key(text)
        if cue == "county":
            key = name_key(_without_county_word(span)) + COUNTY_KEY_SUFFIX
        home_town = after_party_letter(self.doc, start)  # "Sen. Jane Doe, D-Fresno"
        noun = start - 2 if start >= 2 and self.doc[start - 1].lower_ == "of" else None
        return Toponym(
            span.start_char,
            span.end_char,
            start,
            end,
            text,
            key,
            cue,
            source,
            candidates,
            home_town or reads_as_location(root, LOOSE_LOCATIVE),
            home_town or reads_as_location(root, STRICT_LOCATIVE),
            acts(root),
            name_end=name_end,
            residence=home_town or reads_as_residence(root),
            bare_object=bare_place_object(root),
            country_named=country_before_noun(self.doc, noun) if noun is not None and cue else None,
        )

    def lookup(self, start: int, end: int) -> tuple[GazetteerEntry, ...]:
        return _candidates(self.gazetteer, self.span_text(start, end))

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (see :func:`sitroom.layers.tokens_text`)."""
        return tokens_text(self.doc, start, end)

    def _name_start(self, start: int, end: int) -> int:
        """Skip a party's letter ("D-Fresno"), web furniture ("Tags"), a nationality ("Syrian Idlib province")
        and a possessive country written without its apostrophe, as in text stripped of punctuation ("Syrias
        Idlib province"; the country is read apart)."""
        doc = self.doc
        if end - start > 2 and after_party_letter(doc, start + 2):
            start += 2  # "D-Fresno": the legislator's party, then the town
        while start < end - 1:
            word = doc[start].text
            possessive = word.endswith("s") and _country_named(self.gazetteer, word) == word[:-1]
            nationality = doc[start].ent_type_ == "NORP" and doc[start + 1].ent_type_ != "NORP"
            if word.lower() not in FURNITURE_WORDS and not possessive and not nationality:
                break
            if possessive:
                self.beside_names.add(start)
            start += 1
        return start

    def _name_end(self, start: int, end: int) -> int:
        """The end of a name that runs on into its country's name, the comma stripped as in FA-KES ("Aleppo
        Syria", "Deir al-Zor Syrias"); the country is read apart, when the name before it is a place of that
        country and no English word, and the model did not read the whole as an organisation's or person's
        name ("United Russia"). A name the gazetteer knows whole keeps its last word ("New Mexico")."""
        if end - start < 2 or self.flags.connector[end - 2] or self.labels[start] in ("ORG", "PERSON"):
            return end
        country = _country_named(self.gazetteer, self.span_text(end - 1, end))
        if country is None or self.lookup(start, end):
            return end
        codes = {e.country for e in _candidates(self.gazetteer, country) if e.feature == "country"}
        if not any(e.exact and e.country in codes for e in self.lookup(start, end - 1)):
            return end  # the name before is no place of that country
        if self._english_word(start, end - 1):
            return end  # a word before the country ("Reserve America")
        self.beside_names.add(end - 1)
        return end - 1

    def _english_word(self, start: int, end: int) -> bool:
        return end - start == 1 and self.doc[start].lower_ in noun_classes()

    def _country_at(self, index: int) -> bool:
        return index < len(self.doc) and _country_named(self.gazetteer, self.span_text(index, index + 1)) is not None

    def _country(self, index: int) -> Toponym:
        """A country word read apart from the name beside it, keyed and looked up as the country's name."""
        name = _country_named(self.gazetteer, self.span_text(index, index + 1)) or ""
        toponym = self.make(index, index + 1, None, "ner", _candidates(self.gazetteer, name))
        toponym.key = _toponym_key(name)
        return toponym

    def _from_entity(self, ent: SpacySpan) -> list[Toponym]:
        start, full_end = trim_span(self.doc, ent.start, ent.end)
        start = self._name_start(start, full_end)
        full_end = self._name_end(start, full_end)
        end, cue = strip_feature_words(self.doc, start, full_end)
        if cue == "region" and all(self.doc[i].lower_ in GENERIC_WORDS for i in range(start, end)):
            end = full_end  # "the Bay Area" is that area's name, not Bay, Arkansas, in an area
        if start >= end or not any(self.flags.capitalised[i] for i in range(start, end)):
            return []
        full = self.lookup(start, full_end) if end < full_end else ()
        if full:
            return [self.make(start, full_end, cue, "ner", full)]
        candidates = self.lookup(start, end)
        if candidates:
            return [self.make(start, end, cue, "ner", candidates)]
        longer = self._name_cut_short(start, end) if end == full_end else None
        if longer is not None:
            return [self.make(start, longer, cue, "ner", self.lookup(start, longer))]
        inner_start = self._after_direction_words(start, end)
        inner = self.lookup(inner_start, end) if inner_start is not None else ()
        if inner and inner_start is not None:
            return [self.make(inner_start, end, cue, "ner", inner)]
        segments = self._segment(start, end)
        if segments and len(segments) > 1:
            return [self.make(s, e, cue if e == end else None, "ner", c) for s, e, c in segments]
        institution_end = self._before_institution_words(start, end)
        if institution_end is not None:
            inner_end, inner_cue = strip_feature_words(self.doc, start, institution_end)
            inner = self.lookup(start, inner_end)
            if inner:
                return [self.make(start, inner_end, inner_cue, "ner", inner)]
        if not any(token.pos_ == "PROPN" for token in self.doc[start:end]):
            return []
        return [self.make(start, end, cue, "ner", ())]

    def _name_cut_short(self, start: int, end: int) -> int | None:
        """The end of a name the model's entity cut short before an article ("Deir" of "Deir ez-Zor", "Ras" of
        "Ras al-Ain"): the longest run of connectors and capitalised words after it that the gazetteer knows
        exactly with it."""
        doc, flags, stop = self.doc, self.flags, end

        def joins(index: int) -> bool:
            return flags.connector[index] or doc[index].lower_ in ARABIC_ARTICLES

        while (
            stop < len(doc)
            and stop - start < MAX_SEGMENT_TOKENS
            and not self.covered[stop]
            and (joins(stop) or flags.capitalised[stop])
            and not (flags.capitalised[stop] and doc[stop].ent_iob_ == "B")
        ):
            stop += 1
        if stop == end or not joins(end):
            return None
        for longer in range(stop, end, -1):
            if not joins(longer - 1) and any(e.exact for e in self.lookup(start, longer)):
                return longer
        return None

    def _after_direction_words(self, start: int, end: int) -> int | None:
        """The start of the name after leading direction or province words ("Texas" in "North Texas",
        "Idlib" in "Muhafazat Idlib")."""
        inner = start
        while inner < end - 1 and (self.doc[inner].lower_ in COMPASS_WORDS or self._province_word(inner)):
            inner += 1
        return inner if inner > start else None

    def _province_word(self, index: int) -> bool:
        return FEATURE_NOUNS.get(self.doc[index].lower_) == "admin1" and self.doc[index].lower_ not in ("state",)

    def _before_institution_words(self, start: int, end: int) -> int | None:
        """The end of the place inside a facility's name ("Cottonport" in "Cottonport Fire Station")."""
        stop = end
        while stop > start + 1 and self.doc[stop - 1].lower_ in INSTITUTION_WORDS:
            stop -= 1
        return stop if stop < end else None

    def _chains(self) -> Iterable[tuple[int, int]]:
        """Maximal runs of capitalised tokens (with connectors inside) outside place entities and the calendar
        words of dates ("Khirbet Ghazaleh on Monday" is the run "Khirbet Ghazaleh")."""
        doc, start, covered, flags = self.doc, None, self.covered, self.flags
        for i in range(len(doc) + 1):
            inside = (
                i < len(doc)
                and not covered[i]
                and (flags.capitalised[i] or (start is not None and flags.connector[i] and not self._parts(i)))
                and not (flags.calendar[i] and doc[i].ent_type_ in TIME_LABELS)
            )
            if inside and start is None:
                start = i
            elif not inside and start is not None:
                end = i
                while end > start and flags.connector[end - 1]:
                    end -= 1
                if end > start:
                    yield start, end
                start = None

    def _parts(self, index: int) -> bool:
        """A connector between two entities of the model, which it leaves apart ("Jane Roe of Dayton")."""
        doc = self.doc
        before, after = doc[index - 1] if index > 0 else None, doc[index + 1] if index + 1 < len(doc) else None
        return (
            before is not None
            and after is not None
            and doc[index].ent_iob_ == "O"
            and before.ent_iob_ != "O"
            and after.ent_iob_ == "B"
        )

    def _from_chain(self, start: int, end: int) -> list[Toponym]:
        doc, flags = self.doc, self.flags
        while start < end and not (doc[start].pos_ == "PROPN" or self.labels[start]) and not flags.connector[start]:
            start += 1
        start, full_end = trim_span(doc, start, end)
        start = self._name_start(start, full_end)
        while full_end - start > 1 and is_nationality(doc[full_end - 1]):
            full_end -= 1  # "in the Salah al-Din district of Aleppo Syrian state television reported"
        full_end = self._name_end(start, full_end)
        end, cue = strip_feature_words(doc, start, full_end)
        if start >= end or not any(self._is_name_word(i) for i in range(start, end)):
            return []
        whole = self.lookup(start, full_end) if end < full_end else ()
        segments = [(start, full_end, whole)] if whole else self._segment(start, end)
        inner_start = self._after_direction_words(start, end)
        if segments is None and inner_start is not None:
            inner = self.lookup(inner_start, end)
            segments = [(inner_start, end, inner)] if inner else None
        list_cue = self._list_cue(start)
        if list_cue is not None:
            segments, cue = self._split_list(start, end), cue or list_cue
            self.open_list = (list_cue, end)
        elif segments and len(segments) > 1 and not all(_is_prominent(c) for _, _, c in segments):
            segments = None
        end = full_end if whole else end
        cue = cue or feature_after(doc, end)[0] or feature_before(doc, start)
        if segments is None and cue in LOCAL_CUES and self._name_source(start, end, full_end, cue):
            segments = [(start, end, ())]
        if not segments:
            return []
        toponyms = []
        for seg_start, seg_end, candidates in segments:
            source = self._name_source(seg_start, seg_end, full_end, cue) if seg_end == end else None
            source = source or self._chain_source(seg_start, seg_end)
            if source is None and seg_start == inner_start and seg_end == end:
                source = self._chain_source(start, end)  # "Muhafazat Idleb" read as one entity
            if source is not None:
                own_cue = cue if seg_end == end or list_cue is not None else None
                toponyms.append(self.make(seg_start, seg_end, own_cue, source, candidates))
        return toponyms

    def _lists_before_plural_nouns(self) -> list[Toponym]:
        """The names of a list before a plural place noun, each with that noun's feature, whatever the model's
        labels ("Elm and Birch streets", "Lyon, Ford and Rice counties"); names the model already made places
        keep their own reading (the list's cue reaches them later)."""
        doc, found = self.doc, []
        for index in positions_of(self.lower, NAMED_UNIT_PLURALS):
            noun = PLURAL_FEATURE_NOUNS[doc[index].lower_]
            if index == 0 or not self.flags.capitalised[index - 1]:
                continue
            members = self._list_members(index)
            if len(members) < 2:
                continue
            cue = FEATURE_NOUNS[noun]
            for first, end in members:
                start = next((i for i in range(first, end) if doc[i].pos_ == "PROPN"), end)  # not "In" of "In Lyon"
                if start < end and not any(self.covered[i] for i in range(start, end)):
                    found.append(self.make(start, end, cue, "chain", self.lookup(start, end)))
        return found

    def _list_members(self, end: int) -> list[tuple[int, int]]:
        """The runs of capitalised words joined by commas and "and" that end at ``end``, last first."""
        doc, members = self.doc, []
        while end > 0 and self.flags.capitalised[end - 1]:
            start = end - 1
            while start > 0 and end - start < MAX_SEGMENT_TOKENS and self.flags.capitalised[start - 1]:
                start -= 1
            members.append((start, end))
            glue = start
            while glue > 0 and start - glue < 2 and doc[glue - 1].lower_ in LIST_GLUE:
                glue -= 1
            if glue == start:
                break
            end = glue
        return members

    def _list_cue(self, start: int) -> str | None:
        """The feature of a list of settlements this run belongs to: after "the villages of" / "the town of",
        or after the commas and "and" that follow such a run."""
        doc = self.doc
        if start >= 2 and doc[start - 1].lower_ == "of" and not noun_has_own_name(doc, start - 2):
            noun = doc[start - 2].lower_
            feature = FEATURE_NOUNS.get(PLURAL_FEATURE_NOUNS.get(noun, noun))
            if feature in LIST_FEATURES:
                return feature
        if self.open_list is not None:
            cue, end = self.open_list
            gap = doc[end:start]
            if 0 < len(gap) <= 2 and all(token.lower_ in LIST_GLUE for token in gap):
                return cue
        return None

    def _split_list(self, start: int, end: int) -> list[tuple[int, int, tuple[GazetteerEntry, ...]]]:
        """Names of a list written without commas ("Kafr Nabl Hass Kafr Rumah"): the gazetteer's names,
        longest first, and between them unknown names, a new one opening at each Arabic place-name opener."""
        doc = self.doc
        pieces: list[tuple[int, int, tuple[GazetteerEntry, ...]]] = []
        pending: int | None = None
        index = start
        while index < end:
            if doc[index].lower_ in LIST_GLUE:
                if pending is not None:
                    pieces.append((pending, index, ()))
                pending, index = None, index + 1
                continue
            opening = pending is not None and all(doc[i].lower_ in ARABIC_NAME_OPENERS for i in range(pending, index))
            found = None if opening else self._longest_match(index, end)
            if found is not None and not all(doc[i].lower_ in ARABIC_NAME_OPENERS for i in range(found[0], found[1])):
                if pending is not None:
                    pieces.append((pending, index, ()))
                    pending = None
                pieces.append(found)
                index = found[1]
                continue
            if pending is None or (
                not opening and doc[index].lower_ in ARABIC_NAME_OPENERS and not is_connector(doc[index - 1])
            ):
                if pending is not None:
                    pieces.append((pending, index, ()))
                pending = index
            index += 1
        if pending is not None:
            pieces.append((pending, end, ()))
        return [piece for piece in pieces if any(self.flags.capitalised[i] for i in range(piece[0], piece[1]))]

    def _is_name_word(self, index: int) -> bool:
        """A proper noun, a noun the model tags as a person, organisation or place ("fled from Homs", Homs a
        NOUN and a PERSON), or a word it tags as a nationality that is a place's name and neither a state's
        demonym nor an English word ("in Aleppo city", Aleppo an ADJ and NORP); never "Kurdish"."""
        token, doc = self.doc[index], self.doc
        runs_on = index + 1 < len(doc) and doc[index + 1].ent_iob_ == "I" and is_nationality(doc[index + 1])
        return (
            token.pos_ == "PROPN"
            or (token.pos_ == "NOUN" and self.labels[index] in NAME_LABELS)
            or (self.labels[index] == "NORP" and runs_on)  # "Aleppo Syrian" as one NORP entity
            or (
                self.labels[index] == "NORP"
                and not is_nationality(token)
                and token.lower_ not in noun_classes()
                and any(e.exact for e in self.lookup(index, index + 1))
            )
        )

    def _name_source(
        self, start: int, end: int, full_end: int, cue: str | None
    ) -> Literal["chain", "named_entity"] | None:
        """The source of a name, or of a street's name with its street word when the model tagged them
        together ("Berry Lane" as a person; "Aberdeen University" stays the organisation's)."""
        whole = full_end > end and cue in STREET_CUES
        return self._chain_source(start, end) or (self._chain_source(start, full_end) if whole else None)

    def _chain_source(self, start: int, end: int) -> Literal["chain", "named_entity"] | None:
        """Where a run's toponym comes from: "chain" (unlabelled), "named_entity" (exactly an entity of a
        label the model gives place names by mistake, ``MISREAD_LABELS``), or None (part of a longer entity:
        not a toponym)."""
        labels = {self.labels[i] for i in range(start, end)}
        if labels == {""}:
            return "chain"
        label = next(iter(labels)) if len(labels) == 1 else ""
        while (
            end < len(self.doc)
            and self.doc[end].ent_iob_ == "I"
            and (is_nationality(self.doc[end]) or end in self.beside_names)
        ):
            end += 1  # an entity that ran on into a nationality or country ("Aleppo Syrian" as NORP) is the name
        opens = self.doc[start].ent_iob_ == "B" or after_party_letter(self.doc, start)  # "D-Pleasanton" as one ORG
        inside = opens and (end == len(self.doc) or self.doc[end].ent_iob_ != "I")
        return "named_entity" if label in MISREAD_LABELS and inside else None

    def _segment(self, start: int, end: int) -> list[tuple[int, int, tuple[GazetteerEntry, ...]]] | None:
        """Cover the capitalised tokens of [start, end) with gazetteer names, longest first; None if impossible."""
        segments: list[tuple[int, int, tuple[GazetteerEntry, ...]]] = []
        i = start
        while i < end:
            found = self._longest_match(i, end)
            if found:
                segments.append(found)
                i = found[1]
            elif self.flags.connector[i]:
                i += 1
            else:
                return None
        if len(segments) > 1 and not all(self._stands_alone(*segment) for segment in segments):
            return None
        if any(self._joined_to_next(segment_end) for _, segment_end, _ in segments[:-1]):
            return None  # "Bustan al-Qasr" is one name, not "Bustan" and "Qasr"
        return segments

    def _joined_to_next(self, end: int) -> bool:
        """The name goes on after ``end``: an article ends it or a hyphen follows without a space."""
        doc = self.doc
        ends_with_article = doc[end - 1].lower_ in ARABIC_ARTICLES
        joined = end < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
        return ends_with_article or joined

    def _stands_alone(self, start: int, end: int, candidates: tuple[GazetteerEntry, ...]) -> bool:
        """A piece of a split name must be a known spelling of a populated place or area, not a generic word."""
        words = [token.lower_ for token in self.doc[start:end] if not is_connector(token)]
        if all(word in GENERIC_WORDS for word in words):
            return False
        return any(entry.exact and entry.feature != "airfield" for entry in candidates)

    def _longest_match(self, start: int, end: int) -> tuple[int, int, tuple[GazetteerEntry, ...]] | None:
        for stop in range(min(end, start + MAX_SEGMENT_TOKENS), start, -1):
            if self.flags.connector[stop - 1] and self.doc[stop - 1].lower_ not in ("al", "el"):
                continue
            candidates = self.lookup(start, stop)
            if candidates:
                return start, stop, candidates
        return None
