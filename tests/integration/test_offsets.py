"""Every span of every record indexes the decoded text exactly (seed and 50 FA-KES articles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language

from sitroom.corpus import read_documents
from sitroom.documents import Document
from sitroom.pipeline import analyze
from sitroom.readers import make_document
from sitroom.record import Record
from tests.conftest import fakes_documents


def _spans(record: Record) -> Iterator[tuple[str, int, int]]:
    for actor in record.actors:
        yield from ((m.text, m.start, m.end) for m in actor.mentions)
    for place in record.places:
        yield from ((m.text, m.start, m.end) for m in place.mentions)
    for event in record.events:
        yield event.evidence.text, event.evidence.start, event.evidence.end
    for item in (*record.quotes, *record.claims, *record.framing):
        yield item.text, item.start, item.end
    for agreement in record.agreements:
        yield from ((p.text, p.start, p.end) for p in agreement.provisions)


def _check(documents: list[Document], nlp: Language) -> int:
    texts = {document.id: document.text for document in documents}
    checked = 0
    for record in analyze(nlp, documents):
        assert isinstance(record, Record), record
        for span_text, start, end in _spans(record):
            assert texts[record.id][start:end] == span_text, (record.id, start, end, span_text)
            checked += 1
    return checked


def test_seed_offsets_are_exact(nlp: Language, seed_path: Path) -> None:
    documents = [item for item in read_documents(seed_path) if isinstance(item, Document)]
    assert _check(documents, nlp) > 0


def test_fakes_offsets_are_exact(nlp: Language) -> None:
    assert _check(fakes_documents(50), nlp) > 0


def _layer_counts(record: Record) -> dict[str, int]:
    layers = ("actors", "places", "events", "quotes", "claims", "agreements", "framing")
    return {layer: len(getattr(record, layer)) for layer in layers}


def test_invisible_characters_change_no_analysis_and_offsets_index_the_text_as_read(
    nlp: Language, seed_path: Path
) -> None:
    clean = seed_path.read_text(encoding="utf-8")
    hidden = clean.replace(" ", " \u200b").replace("Aleppo", "Alep\u00adpo").replace("\n", "\u2028\n", 3)
    documents = [make_document("clean", clean, "seed"), make_document("hidden", hidden, "seed")]
    (clean_record, hidden_record) = analyze(nlp, documents)
    assert isinstance(clean_record, Record) and isinstance(hidden_record, Record)
    assert _layer_counts(hidden_record) == _layer_counts(clean_record)
    assert (hidden_record.title, hidden_record.date, hidden_record.outlet) == (
        clean_record.title,
        clean_record.date,
        clean_record.outlet,
    )
    assert _check([documents[1]], nlp) == _check([documents[0]], nlp) > 100  # every span exact, none lost
