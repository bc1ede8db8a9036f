"""Event clusters of a real corpus do not depend on the order the documents are ingested in."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from sqlalchemy import Engine, text

from sitroom.pipeline import analyze_one
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from tests.conftest import fakes_documents

BATCH = 7  # batches of an odd size: reports meet clusters of their own batch and stored ones


def _groups(engine: Engine) -> set[frozenset[tuple[str, str]]]:
    """Each cluster as the set of its reports, named by document id and event id (stable across orders)."""
    query = "SELECT e.cluster_id, d.doc_id, e.local_id FROM events e JOIN documents d ON d.id = e.document_id"
    groups: dict[int, set[tuple[str, str]]] = {}
    with engine.connect() as connection:
        for cluster, document, event in connection.execute(text(query)):
            groups.setdefault(cluster, set()).add((document, event))
    return {frozenset(group) for group in groups.values()}


def test_forward_and_reverse_ingests_give_the_same_clusters(tmp_path: Path, nlp: Language) -> None:
    pairs = [(document, analyze_one(nlp, document)) for document in fakes_documents(40)]
    partitions = []
    for name, ordered in (("forward", pairs), ("reverse", pairs[::-1])):
        engine = open_engine(tmp_path / f"{name}.sqlite")
        for start in range(0, len(ordered), BATCH):
            store_records(engine, ordered[start : start + BATCH])
        partitions.append(_groups(engine))
    forward, reverse = partitions
    assert any(len(group) > 1 for group in forward)  # the corpus has corroborated events to order
    assert forward == reverse
