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

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text: the identity used to make ingestion idempotent."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadError:
    """A document (or corpus row) that could not be read; ``source`` names file and line."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
