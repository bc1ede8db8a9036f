"""Token tests of the places layer: the per-word flags read from arrays agree with the per-token tests."""

from __future__ import annotations

import spacy

from sitroom.components.places.tokens import is_capitalised, is_connector, lower_ids, positions_of, word_flags
from sitroom.components.places.vocabulary import CALENDAR_WORDS

TEXT = "On Monday the mayor of Port-Harbin met O'Brien in al-Qasr , and 3M staff - 4G masts stand near D-Fresno ."


def test_word_flags_agree_with_the_token_tests() -> None:
    doc = spacy.blank("en")(TEXT)
    flags = word_flags(doc)
    assert flags.capitalised == [is_capitalised(token) for token in doc]
    assert flags.connector == [is_connector(token) for token in doc]
    assert flags.calendar == [token.lower_ in CALENDAR_WORDS for token in doc]
    assert any(flags.connector) and any(flags.calendar) and not all(flags.capitalised)


def test_positions_of_finds_lower_case_forms() -> None:
    doc = spacy.blank("en")("The Mayor of Elm and the mayor of Birch")
    assert positions_of(lower_ids(doc), frozenset({"mayor"})) == [1, 6]
    empty = spacy.blank("en")("")
    assert word_flags(empty).capitalised == [] and positions_of(lower_ids(empty), frozenset({"of"})) == []
