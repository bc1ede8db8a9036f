"""Token-level cues for toponym recognition: capitalisation, connectors, feature words, locative reading."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import LOWER, ORTH, SPACY
from spacy.lexeme import Lexeme
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from sitroom.components.places.vocabulary import (
    AP_STATES,
    CALENDAR_WORDS,
    CONNECTORS,
    FROM_PLACE_VERBS,
    LOCATIVE_VERBS,
    LOOSE_LOCATIVE,
    RESIDENT_NOUNS,
)
from sitroom.knowledge.country_codes import alpha2_by_alpha3
from sitroom.knowledge.place_words import COMPASS_WORDS, FACILITY_PAIRS, FEATURE_NOUNS, LOCATION_HEADS
from sitroom.knowledge.registry import load_registry
from sitroom.memo import BoundedMemo
from sitroom.names import fold

# A word before a name that makes it the countryside of a town or province ("rural Idlib").
AREA_PREFIXES = frozenset({"rural"})
# The parties' letters before a US legislator's home town ("D-Fresno", "R-Wichita").
PARTY_LETTERS = frozenset({"D", "R", "I"})


def is_capitalised(token: Token | Lexeme) -> bool:
    text = token.text
    return (
        bool(text)
        and (text[0].isupper() or (text[0].isdigit() and token.is_upper))
        and any(char.isalpha() for char in text)
    )


@lru_cache(maxsize=1)
def _state_demonyms() -> frozenset[str]:
    """The demonyms of the registry's states, folded ("syrian", "american")."""
    states = [entry for entry in load_registry().entries.values() if entry.kind == "state"]
    return frozenset(fold(demonym) for entry in states for demonym in entry.demonyms)


def is_nationality(token: Token) -> bool:
    """A state's demonym ("Syrian"), which no place name ends with."""
    return fold(token.text) in _state_demonyms()


@lru_cache(maxsize=1)
def _demonym_countries() -> dict[str, str]:
    """The registry states' demonyms, folded, to their countries' ISO alpha-2 codes ("syrian" → "SY")."""
    alpha2 = alpha2_by_alpha3()
    states = [entry for entry in load_registry().entries.values() if entry.kind == "state" and entry.id in alpha2]
    return {fold(demonym): alpha2[entry.id] for entry in states for demonym in entry.demonyms}


def demonym_country(text: str) -> str | None:
    """The country (ISO alpha-2) whose demonym ``text`` is ("Syrian" → "SY"), else None."""
    return _demonym_countries().get(fold(text))


def country_before_noun(doc: Doc, noun: int) -> str | None:
    """The country a demonym among the modifiers of a place noun names ("the Syrian border town of X" → SY)."""
    index = noun - 1
    while index >= 0 and noun - index <= 3 and doc[index].pos_ in ("ADJ", "NOUN", "PROPN"):
        country = demonym_country(doc[index].text)
        if country is not None:
            return country
        index -= 1
    return None


def after_party_letter(doc: Doc, start: int) -> bool:
    """A party's letter and a hyphen before a legislator's home town ("Sen. Jane Doe, D-Fresno")."""
    return (
        start >= 3
        and doc[start - 1].text == "-"
        and doc[start - 2].text in PARTY_LETTERS
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 3].text in (",", "(")
    )


def is_connector(token: Token) -> bool:
    return token.lower_ in CONNECTORS or (token.text in ("-", "'") and not token.whitespace_)


class WordFlags(NamedTuple):
    """Per token: what :func:`is_capitalised` and :func:`is_connector` say of it, and whether it is a
    calendar word ("Monday", "June")."""

    capitalised: list[bool]
    connector: list[bool]
    calendar: list[bool]


# Per distinct word (orth id): capitalised, a connector word, a joining mark ("-", "'"), a calendar word.
_LEXEME_FLAGS: BoundedMemo[int, tuple[bool, bool, bool, bool]] = BoundedMemo(200_000)


def _lexeme_flags(lexeme: Lexeme) -> tuple[bool, bool, bool, bool]:
    flags = _LEXEME_FLAGS.get(lexeme.orth)
    if flags is None:
        lower = lexeme.lower_
        flags = (is_capitalised(lexeme), lower in CONNECTORS, lexeme.text in ("-", "'"), lower in CALENDAR_WORDS)
        _LEXEME_FLAGS.remember(lexeme.orth, flags)
    return flags


def word_flags(doc: Doc) -> WordFlags:
    """:class:`WordFlags` of every token, from arrays of word ids: one test per distinct word, no Token objects."""
    if not len(doc):
        return WordFlags([], [], [])
    words = doc.to_array([ORTH, SPACY])
    orths, inverse = np.unique(words[:, 0], return_inverse=True)
    table = np.array([_lexeme_flags(doc.vocab[int(orth)]) for orth in orths], dtype=bool)[inverse.reshape(-1)]
    connector = table[:, 1] | (table[:, 2] & (words[:, 1] == 0))
    return WordFlags(table[:, 0].tolist(), connector.tolist(), table[:, 3].tolist())


def feature_after(doc: Doc, index: int) -> tuple[str | None, int]:
    """The feature asked for by the words at ``index`` and how many tokens they take."""
    if index >= len(doc):
        return None, 0
    if index + 1 < len(doc):
        pair = (doc[index].lower_, doc[index + 1].lower_)
        if pair in FACILITY_PAIRS:
            return FACILITY_PAIRS[pair], 2
    return FEATURE_NOUNS.get(doc[index].lower_), 1


def feature_before(doc: Doc, start: int) -> str | None:
    """A feature word, then "of"/"at", then the name: "the airfield at X", "the town of X"; or a word that
    makes the name a province or its countryside: "Muhafazat X", "rural X"."""
    if start >= 1 and FEATURE_NOUNS.get(doc[start - 1].lower_) == "admin1" and doc[start - 1].lower_ != "state":
        return "admin1"
    if start >= 1 and doc[start - 1].lower_ in AREA_PREFIXES:
        return "region"
    if start < 2 or doc[start - 1].lower_ not in ("of", "at"):
        return None
    if noun_has_own_name(doc, start - 2):
        return None
    feature = FEATURE_NOUNS.get(doc[start - 2].lower_)
    return None if feature in ("road", "street", "region") else feature


def noun_has_own_name(doc: Doc, noun: int) -> bool:
    """The place noun at ``noun`` follows its own name: in "the Hamidiyeh neighbourhood of Homs" the
    neighbourhood is Hamidiyeh, and Homs is the city."""
    return noun >= 1 and is_capitalised(doc[noun - 1]) and doc[noun - 1].pos_ == "PROPN"


def trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive, punctuation, or words that are neither names nor
    place nouns (an entity that ran on: "Raqqa At least", "Jayrud 60 kilometres")."""
    while start < end and (doc[start].lower_ in ("the", "a") or doc[start].is_punct):
        start += 1
    while (
        end > start
        and not _ends_state_abbreviation(doc, start, end)
        and (
            doc[end - 1].lower_ in ("'s", "\u2019s", "'")
            or doc[end - 1].is_punct
            or (end - start > 1 and _runs_on(doc[end - 1]))
        )
    ):
        end -= 1
    return start, end


def _ends_state_abbreviation(doc: Doc, start: int, end: int) -> bool:
    """The period the tokenizer split from an AP state abbreviation ("Bethel, Vt." as "Vt" and ".")."""
    return end - start > 1 and doc[end - 1].text == "." and doc[start:end].text.replace(" ", "") in AP_STATES


def _runs_on(token: Token) -> bool:
    """A trailing word that is no part of a place name: lower-case and no place noun, a number, or a
    connector left at the end."""
    if token.like_num:
        return True
    if is_connector(token):
        return True
    return not is_capitalised(token) and token.lower_ not in FEATURE_NOUNS


def strip_feature_words(doc: Doc, start: int, end: int) -> tuple[int, str | None]:
    """Drop trailing feature words ("Aleppo Province" → "Aleppo"); return the new end and the cue."""
    cue = None
    while end - start > 1:
        pair = feature_after(doc, end - 2) if end - start > 2 else (None, 0)
        feature, width = feature_after(doc, end - 1)
        if pair[1] == 2:
            cue, end = pair[0], end - 2
        elif feature and width == 1:
            cue, end = feature, end - 1
        else:
            break
    return end, cue


def reads_as_location(token: Token, prepositions: frozenset[str]) -> bool:
    """Whether the phrase headed by ``token`` reads as a location (following conjunctions upward)."""
    for _ in range(6):
        if any(child.lower_ in COMPASS_WORDS and child.dep_ in ("amod", "compound") for child in token.lefts):
            return True
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in prepositions:
            return head.lower_ != "between" or head.head.lower_ in LOCATION_HEADS
        if token.dep_ == "pobj" and head.lower_ == "from" and head.head.lemma_ in FROM_PLACE_VERBS:
            return True  # "reported from Damascus", "fled from Homs": a place left or written from
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in LOCATION_HEADS:
            return True
        if token.dep_ in ("dobj", "nsubjpass") and head.lemma_ in LOCATIVE_VERBS:
            return True
        if token.dep_ == "compound" and head.lower_ in LOCATION_HEADS:
            return True
        if token.dep_ in ("conj", "appos") and head is not token:
            token = head
            continue
        return False
    return False


def bare_place_object(token: Token) -> bool:
    """Whether the name headed by ``token`` is the object, without a determiner, of a preposition of place or
    motion ("from Brampton", "off to Albuquerque", "on Capitol Hill"; not "to the Duma"), also as a later member
    of a list ("from Crockett, Palestine and Houston"); an acronym never ("to AP")."""
    if token.is_upper:
        return False
    for _ in range(6):
        if any(child.dep_ in ("det", "poss") for child in token.children):
            return False
        if token.dep_ == "conj" and token.head is not token:
            token = token.head
            continue
        return token.dep_ == "pobj" and token.head.lower_ in LOOSE_LOCATIVE
    return False


def reads_as_residence(token: Token) -> bool:
    """Whether the name headed by ``token`` says where a person lives, comes from or serves: it modifies a
    resident noun ("a Dayton man", "Dayton residents") or follows "of" or "from" after one or after a person
    the model names ("the mayor of Dayton", "Jane Roe, 44, of Dayton", "a woman from Dayton")."""
    head = token.head
    if token.dep_ in ("compound", "amod", "nmod") and head.i > token.i:
        return head.lower_ in RESIDENT_NOUNS
    if token.dep_ == "pobj" and head.lower_ in ("of", "from"):
        person = head.head
        return person.lower_ in RESIDENT_NOUNS or (person.ent_type_ == "PERSON" and person.i < head.i)
    return False


def entity_labels(doc: Doc, ents: Sequence[Span]) -> list[str]:
    """The label of the entity (one of ``doc``'s ``ents``) each token belongs to, or ""."""
    labels = [""] * len(doc)
    for ent in ents:
        labels[ent.start : ent.end] = [ent.label_] * (ent.end - ent.start)
    return labels


@lru_cache(maxsize=32)
def _word_ids(words: frozenset[str]) -> np.ndarray:
    return np.array(sorted(get_string_id(word) for word in words), dtype=np.uint64)


def lower_ids(doc: Doc) -> np.ndarray:
    """The ids of the tokens' lower-case forms, for :func:`positions_of`."""
    return doc.to_array(LOWER) if len(doc) else np.zeros(0, dtype=np.uint64)


def positions_of(lower: np.ndarray, words: frozenset[str]) -> list[int]:
    """The indices of the tokens (``lower``: their :func:`lower_ids`) whose lower-case form is one of ``words``
    (one array lookup, no token loop)."""
    return [int(i) for i in np.flatnonzero(np.isin(lower, _word_ids(words)))]
