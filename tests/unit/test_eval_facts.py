"""eval-facts never scores over fewer articles than it read: a failed analysis is a miss, and said."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import spacy

from sitroom.documents import Document
from sitroom.evaluation.corpora import fakes
from sitroom.record import AcledCoding, Actor, ErrorRecord, Event, Record, Span


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


def test_the_main_incident_is_news_not_an_attack_recalled_as_background() -> None:
    def attack(event_id: str, killed: int, background: bool) -> Event:
        evidence = Span(text="An attack killed people.", start=0, end=24)
        coding = AcledCoding(
            event_type="Violence against civilians",
            sub_event_type="Attack",
            disorder_type="Political violence",
            fatalities=killed,
            geo_precision=1,
            time_precision=1,
        )
        return Event(id=event_id, type="ASSAULT", evidence=evidence, acled=coding, background=background)

    record = Record(id="r", events=[attack("e1", 120, True), attack("e2", 6, False), attack("e3", 2, False)])
    assert fakes.main_event(record) == record.events[1]
    only_recalled = Record(id="r", events=[attack("e1", 120, True)])
    assert fakes.main_event(only_recalled) == only_recalled.events[0]


def test_a_group_named_only_as_terrorists_is_of_no_class_but_rebels_are_the_opposition() -> None:
    def group(name: str) -> Actor:
        return Actor(id="a1", name=name, kind="armed_group", collective="fighters", mentions=[])

    assert fakes._actor_class(group("terrorists")) is None
    assert fakes._actor_class(group("Takfiri militants")) is None
    assert fakes._actor_class(group("rebels")) == fakes.OPPOSITION
