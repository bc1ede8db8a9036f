"""Quotation spans: loaded words inside quotation marks are not the outlet's own voice."""

from __future__ import annotations

from spacy.language import Language

from sitroom.components.quotation_marks import inside_quotation, quotation_spans
from sitroom.documents import Document
from sitroom.pipeline import analyze_one


def test_paired_marks_of_each_kind_give_spans() -> None:
    text = 'He said \u201cgo\u201d and «non», then "yes" and \u2018maybe\u2019.'
    quoted = [text[start:end] for start, end in quotation_spans(text)]
    assert quoted == ["\u201cgo\u201d", "«non»", '"yes"', "\u2018maybe\u2019"]


def test_apostrophes_unpaired_marks_and_paragraph_breaks_open_nothing() -> None:
    assert quotation_spans("The rebels\u2019 town didn\u2019t fall.") == []
    assert quotation_spans('An unpaired " mark.\n\nA new "paragraph') == []
    text = 'A "long\n\nquote" across paragraphs.'
    assert quotation_spans(text) == []


def test_an_item_is_quoted_when_its_head_word_is() -> None:
    spans = quotation_spans('The "terrorists" left.')
    assert inside_quotation(spans, 5, 15) and inside_quotation(spans, 0, 15)  # 'The "terrorists': quoted head
    assert not inside_quotation(spans, 0, 3) and not inside_quotation(spans, 17, 21)


def test_scare_quoted_loaded_words_are_not_the_outlets_voice(nlp: Language) -> None:
    text = 'The so-called "terrorists" left the village. Government thugs shelled the town on Monday.'
    record = analyze_one(nlp, Document(id="q", text=text, outlet="Valley Daily"))
    voices = {item.text.strip('"'): item.voice for item in record.framing}
    assert any(voice == "attributed" and "terrorist" in words for words, voice in voices.items()), voices
    assert any(voice == "outlet" and "thug" in words for words, voice in voices.items()), voices
