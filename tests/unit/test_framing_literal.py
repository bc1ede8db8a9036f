"""Literal uses of loaded words and the stock vocabulary of conflict reporting are not loaded language."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tests.helpers import framing_texts

LL = "Loaded_Language"


@pytest.mark.parametrize(
    "text",
    [
        "Rebels launched an attack on the town of Amiriyah on Sunday.",
        "The siege of Aleppo entered its third month.",
        "Fifteen people died in an attack on a market in the old city.",
        "Doctors treated dozens of people for exposure to toxic gas.",
        "Police found explosive devices and incendiary bombs in the car.",
        "Witnesses described a toxic gas attack on the village.",
        "Clashes erupted on Friday between the two factions.",
        "Fighting raged in Hassakeh for a week.",
        "The regime cracked down on protests which erupted in 2011.",
        "A wave of air strikes hit the oil-rich province.",
        "The commission accused both sides of war crimes.",
        "Three fighters were severely wounded.",
    ],
)
def test_literal_uses_in_conflict_reporting_are_not_loaded(framing_nlp: Language, text: str) -> None:
    assert framing_texts(framing_nlp, text, LL) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("The bill is an attack on free speech.", "attack on"),
        ("They wage a war on Christmas every December.", "war on"),
        ("Voters are tired of his toxic rhetoric.", "toxic rhetoric"),
        ("The paper printed explosive revelations about the minister.", "explosive revelations"),
        ("The crowd erupted in fury at the verdict.", "erupted"),
    ],
)
def test_figurative_uses_stay_loaded(framing_nlp: Language, text: str, phrase: str) -> None:
    found = framing_texts(framing_nlp, text, LL)
    assert any(phrase in item for item in found), found
