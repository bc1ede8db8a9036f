"""The Document type: decoded text plus metadata; offsets always index ``text``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# The longest metadata a knowledge base stores (its column sizes); readers shorten longer values.
MAX_ID_CHARS = 512
MAX_OUTLET_CHARS = 256
MAX_LANGUAGE_CHARS = 8


@dataclass(frozen=True)
class Document:
    """One article, decoded once; every offset sitroom emits indexes ``text``."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None
    language: str = "en"
    source: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    content_hash: str = field(init=False, repr=False, compare=False)
    """SHA-256 of the text: the identity used to make ingestion idempotent (computed once: an ingest asks
    for it several times a document). Readers replace lone surrogates; one in a document made otherwise is
    hashed as it stands, for the store to refuse that document alone."""

    def __post_init__(self) -> None:
        encoded = self.text.encode("utf-8", "surrogatepass")
        object.__setattr__(self, "content_hash", hashlib.sha256(encoded).hexdigest())


@dataclass(frozen=True)
class ReadError:
    """A document (or corpus row) that could not be read; ``source`` names file and line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
