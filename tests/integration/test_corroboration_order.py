"""Event clusters of a real corpus do not depend on the order the documents are ingested in."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy.orm import Session

from sitroom.pipeline import analyze_one
from sitroom.store.corroboration import cluster_partition
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from tests.conftest import fakes_documents

BATCH = 7  # batches of an odd size: reports meet clusters of their own batch and stored ones


def test_forward_and_reverse_ingests_give_the_same_clusters(tmp_path: Path, nlp: Language) -> None:
    pairs = [(document, analyze_one(nlp, document)) for document in fakes_documents(40)]
    partitions = []
    for name, ordered in (("forward", pairs), ("reverse", pairs[::-1])):
        engine = open_engine(tmp_path / f"{name}.sqlite")
        for start in range(0, len(ordered), BATCH):
            store_records(engine, ordered[start : start + BATCH])
        with Session(engine) as session:
            partitions.append(cluster_partition(session))
    forward, reverse = partitions
    assert any(len(group) > 1 for group in forward)  # the corpus has corroborated events to order
    assert forward == reverse
