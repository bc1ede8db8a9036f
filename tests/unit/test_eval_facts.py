"""eval-facts never scores over fewer articles than it read: a failed analysis is a miss, and said."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import spacy

from sitroom.documents import Document
from sitroom.evaluation.corpora import fakes
from sitroom.record import Actor, ErrorRecord, Span


def test_an_article_whose_analysis_fails_counts_as_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "articles.jsonl"
    row = {"id": "a1", "text": "Shelling hit the town.", "facts": {"location": "idlib", "actor": "unknown"}}
    corpus.write_text(json.dumps(row) + "\n", encoding="utf-8")

    def failing(_nlp: object, documents: Iterable[Document]) -> Iterator[ErrorRecord]:
        for document in documents:
            yield ErrorRecord(id=document.id, source=document.source, error="the gazetteer went missing")

    monkeypatch.setattr(fakes, "analyze", failing)
    report = fakes.evaluate_facts(corpus, spacy.blank("en"))
    assert report.failed == ["a1"]
    assert {measure: (ratio.hits, ratio.total) for (_, measure), ratio in report.ratios.items()} == {
        measure: (0, 1) for measure in fakes.MEASURES
    }
    assert report.to_dict()["failed"] == ["a1"]


def test_the_coalition_itself_is_of_the_coalition_class() -> None:
    mention = Span(text="the US-led coalition", start=0, end=20)
    coalition = Actor(
        id="a1", name="coalition", kind="international_org", mentions=[mention], canonical_id="us_led_coalition"
    )
    assert fakes._actor_class(coalition) == fakes.COALITION
