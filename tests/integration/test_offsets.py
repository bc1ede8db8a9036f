"""Every span of every record indexes the decoded text exactly (seed and 50 FA-KES articles)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language

from sitroom.documents import Document
from sitroom.pipeline import analyze
from sitroom.readers import read_documents
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
