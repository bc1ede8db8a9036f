"""Shared fixtures: paths into ../shared and one full pipeline per test session."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from sitroom.documents import Document
from sitroom.pipeline import build_pipeline
from sitroom.readers import read_jsonl
from sitroom.settings import DEFAULT_MODEL

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "corpus" / "seed" / "000_1c0d675042cec979.txt"
FAKES = SHARED / "corpus" / "fakes" / "articles.jsonl"
GOLD = SHARED / "gold" / "seed.json"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def fakes_path() -> Path:
    return FAKES


@pytest.fixture(scope="session")
def gold_path() -> Path:
    return GOLD


@pytest.fixture(scope="session")
def gold_seed() -> dict[str, object]:
    document: dict[str, object] = json.loads(GOLD.read_text(encoding="utf-8"))["documents"][0]
    return document


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full sitroom pipeline, built once."""
    return build_pipeline()


@pytest.fixture(scope="session")
def framing_nlp() -> Language:
    """The spaCy model without NER, then the framing component alone (no actors layer), built once."""
    import sitroom.components.framing  # noqa: F401  (registers the factory)

    pipeline = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    pipeline.add_pipe("sitroom_framing")
    return pipeline


def fakes_documents(count: int) -> list[Document]:
    """The first ``count`` FA-KES articles as Documents."""
    items: Iterator[object] = read_jsonl(FAKES)
    return [item for item in islice(items, count) if isinstance(item, Document)]
