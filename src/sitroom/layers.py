"""The spaCy ``Doc`` extensions through which sitroom's components pass their layers.

Each component reads the layers of the components before it and writes its own; the record is
assembled from these attributes once the pipeline has run (see ``pipeline.py``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

LAYERS = ("actors", "places", "events", "quotes", "claims", "agreements", "framing", "attributions")


def register_extensions() -> None:
    """Register ``doc._.document`` and one list-valued extension per layer (idempotent)."""
    if not Doc.has_extension("document"):
        Doc.set_extension("document", default=None)
    if not Doc.has_extension("dates"):
        Doc.set_extension("dates", default=None)
    for layer in LAYERS:
        if not Doc.has_extension(layer):
            Doc.set_extension(layer, default=None)


register_extensions()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token each time ``doc.text`` is read, and the
    layers read it about fifteen times a document (a Doc's text never changes, retokenised or not)."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from :func:`doc_text` (no Span built, no tokens joined)."""
    end = min(end, len(doc))
    if start >= end:
        return ""
    last = doc[end - 1]
    return doc_text(doc)[doc[start].idx : last.idx + len(last)]


def span_text(span: Span) -> str:
    """``span.text``, sliced from :func:`doc_text` (``Span.text`` joins its tokens at each reading)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


_TEXT_KEY = "sitroom.text"
