"""Framing on real text: the seed against its gold framing items, and the PTC scorer on ten articles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import sitroom.components.framing  # noqa: F401  (registers the factory)
from sitroom.evaluation.corpora.ptc import TECHNIQUES, evaluate_ptc
from sitroom.record import Actor, Framing, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_1c0d675042cec979.txt"
GOLD = SHARED / "gold" / "seed.json"
PTC = SHARED / "eval" / "ptc"

GoldItem = dict[str, Any]


@pytest.fixture(scope="module")
def model(framing_nlp: Language) -> Language:
    return framing_nlp


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))["documents"][0]
    return document


def gold_actors(text: str, gold: dict[str, Any]) -> list[Actor]:
    """The gold actors with every occurrence of their mentions, standing in for the actors layer."""
    return [
        Actor(
            id=item["id"],
            name=item["name"],
            kind=item["kind"],
            mentions=[
                Span(text=mention, start=found.start(), end=found.end())
                for mention in item["mentions"]
                for found in re.finditer(re.escape(mention), text)
            ],
        )
        for item in gold["actors"]
    ]


@pytest.fixture(scope="module")
def seed_doc(model: Language, gold: dict[str, Any]) -> Doc:
    text = SEED.read_text(encoding="utf-8")
    doc = model.make_doc(text)
    for _, component in model.pipeline[:-1]:
        doc = component(doc)
    doc._.actors = gold_actors(text, gold)
    result: Doc = model.get_pipe("sitroom_framing")(doc)
    return result


def matches(item: Framing, gold_item: GoldItem, text: str) -> bool:
    """Same technique and overlap with an occurrence of the gold text."""
    return item.technique == gold_item["technique"] and any(
        found.start() < item.end and item.start < found.end()
        for found in re.finditer(re.escape(gold_item["text"]), text)
    )


def test_seed_required_framing_found_with_targets(seed_doc: Doc, gold: dict[str, Any]) -> None:
    required = [item for item in gold["framing"] if not item.get("optional")]
    found = [
        item
        for item in required
        if any(
            matches(framing, item, seed_doc.text) and framing.target == item["target"] for framing in seed_doc._.framing
        )
    ]
    assert len(found) / len(required) >= 0.8


def test_seed_framing_precision(seed_doc: Doc, gold: dict[str, Any]) -> None:
    required = [item for item in gold["framing"] if not item.get("optional")]
    optional = [item for item in gold["framing"] if item.get("optional")]
    counted = [
        framing
        for framing in seed_doc._.framing
        if not any(matches(framing, item, seed_doc.text) for item in optional)
        or any(matches(framing, item, seed_doc.text) for item in required)
    ]
    correct = [framing for framing in counted if any(matches(framing, item, seed_doc.text) for item in required)]
    assert counted
    assert len(correct) / len(counted) >= 0.6
    assert all(seed_doc.text[item.start : item.end] == item.text for item in seed_doc._.framing)


@pytest.mark.skipif(not PTC.exists(), reason="PTC evaluation data not available")
def test_ptc_scorer_runs_on_ten_articles(model: Language) -> None:
    report = evaluate_ptc(PTC, nlp=model, limit=10)
    assert report.articles == 10
    assert set(report.techniques) == set(TECHNIQUES)
    assert report.techniques["Loaded_Language"].system_count > 0
    assert report.micro.gold_count > 0
    assert all(0.0 <= score.f1 <= 1.0 for score in report.techniques.values())
    assert report.micro.recall > 0.0
