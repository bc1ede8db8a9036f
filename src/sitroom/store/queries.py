"""Read-side queries of the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from sitroom.store.schema import DocumentRow


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str | None
    snippet: str


def count_documents(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(DocumentRow)) or 0


def document_ids(engine: Engine) -> list[str]:
    """Every stored document id, in insertion order."""
    with Session(engine) as session:
        return list(session.scalars(select(DocumentRow.doc_id).order_by(DocumentRow.id)))


def _fts_query(query: str) -> str:
    """Quote every word so user input is matched as text, never parsed as FTS5 syntax."""
    words = [word.replace('"', '""') for word in query.split()]
    return " ".join(f'"{word}"' for word in words)


def search_documents(engine: Engine, query: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over titles and texts (SQLite FTS5, PostgreSQL text search, else substrings)."""
    with Session(engine) as session:
        if engine.dialect.name == "sqlite":
            rows = session.execute(
                text(
                    "SELECT d.doc_id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) "
                    "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
                    "WHERE documents_fts MATCH :query ORDER BY rank LIMIT :limit"
                ),
                {"query": _fts_query(query), "limit": limit},
            )
            return [SearchHit(doc_id, title, snippet) for doc_id, title, snippet in rows]
        if engine.dialect.name == "postgresql":
            rows = session.execute(
                text(
                    "SELECT d.doc_id, d.title, ts_headline('english', d.text, q, "
                    "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') FROM documents d, "
                    "plainto_tsquery('english', :query) q "
                    "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || d.text) @@ q "
                    "ORDER BY ts_rank(to_tsvector('english', coalesce(d.title, '') || ' ' || d.text), q) DESC "
                    "LIMIT :limit"
                ),
                {"query": query, "limit": limit},
            )
            return [SearchHit(doc_id, title, snippet) for doc_id, title, snippet in rows]
        pattern = f"%{query}%"
        found = session.execute(
            select(DocumentRow.doc_id, DocumentRow.title, func.substr(DocumentRow.text, 1, 160))
            .where(DocumentRow.text.ilike(pattern))
            .limit(limit)
        )
        return [SearchHit(doc_id, title, snippet) for doc_id, title, snippet in found]
