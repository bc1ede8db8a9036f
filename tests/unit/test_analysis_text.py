"""Invisible characters are removed for analysis, and spans found in the cleaned text map back exactly."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from sitroom.analysis_text import analysis_text, restore_offsets
from sitroom.record import Actor, Quote, Record, Span

FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]


def test_every_format_character_is_removed() -> None:
    cleaned = analysis_text("a" + "a".join(FORMAT_CHARACTERS) + "a")
    assert cleaned.text == "a" * (len(FORMAT_CHARACTERS) + 1)


def test_unusual_spaces_and_separators_become_plain_ones_in_place() -> None:
    assert analysis_text("Idlib\u00a0and\u2009Homs\u2028Hama\u3000").text == "Idlib and Homs\nHama "


def test_a_clean_text_is_its_own_analysis_text() -> None:
    text = "Rebels shelled Maskanah \u2014 the Observatory said."
    assert analysis_text(text).text is text


@pytest.mark.parametrize(
    ("original", "word"),
    [
        ("The \u200bISIL\u200b fighters", "ISIL"),
        ("They shelled Alep\u00adpo on Monday", "Aleppo"),
        ("\u200e\u200fDouma", "Douma"),
        ("Saraqeb\u200d", "Saraqeb"),
    ],
)
def test_spans_of_the_cleaned_text_map_to_the_same_word_in_the_original(original: str, word: str) -> None:
    cleaned = analysis_text(original)
    start = cleaned.text.index(word)
    mention = Span(text=word, start=start, end=start + len(word))
    record = Record(id="x", actors=[Actor(id="a1", name=word, kind="other", mentions=[mention])])
    restore_offsets(record, cleaned, original)
    restored = record.actors[0].mentions[0]
    assert original[restored.start : restored.end] == restored.text
    assert restored.text.replace("\u00ad", "") == word


def test_every_span_field_of_a_record_is_restored() -> None:
    original = "\u200bHe said: \u201cThe\u200b truce holds.\u201d"
    cleaned = analysis_text(original)
    start, end = cleaned.text.index("The"), cleaned.text.index("\u201d")
    record = Record(
        id="x", quotes=[Quote(speaker=None, text=cleaned.text[start:end], start=start, end=end, direct=True)]
    )
    restore_offsets(record, cleaned, original)
    quote = record.quotes[0]
    assert (quote.start, quote.end) == (original.index("The"), original.index("\u201d"))
    assert quote.text == "The\u200b truce holds."


def test_a_span_shared_by_two_records_is_restored_once() -> None:
    original = "\u200bThe ministry said the bridge was closed."
    cleaned = analysis_text(original)
    start = cleaned.text.index("ministry")
    shared = Span(text="ministry", start=start, end=start + len("ministry"))
    record = Record(id="x", actors=[Actor(id="a", name="ministry", kind="institution", mentions=[shared, shared])])
    restore_offsets(record, cleaned, original)
    assert (shared.start, shared.text) == (original.index("ministry"), "ministry")
