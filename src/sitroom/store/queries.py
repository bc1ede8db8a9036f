"""Read-side queries of the knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from sitroom.names import name_key
from sitroom.store.identity_review import match_key, merged_group, same_identity
from sitroom.store.schema import ActorAliasRow, ActorIdentityRow, ActorRow, DocumentRow

MAX_NAME_QUERY = 200  # a query longer than this is not a name


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
    """Full-text search over titles and texts, then the documents that name the actor the query names in
    another spelling ("Ahrar ash-Sham" finds "Ahrar al-Sham"), through the knowledge base's identities."""
    hits = _text_search(engine, query, limit)
    if len(hits) >= limit:
        return hits
    seen = {hit.doc_id for hit in hits}
    with Session(engine) as session:
        for doc_id, title, name in _identity_documents(session, query):
            if doc_id not in seen and len(hits) < limit:
                seen.add(doc_id)
                hits.append(SearchHit(doc_id, title, f"names [{name}]"))
    return hits


def _identity_documents(session: Session, query: str) -> list[tuple[str, str | None, str]]:
    """(doc id, title, the name used) of documents naming an identity the query is a spelling of."""
    grouped = {member for identity in identities_named(session, query) for member in merged_group(session, identity)}
    if not grouped:
        return []
    rows = session.execute(
        select(DocumentRow.doc_id, DocumentRow.title, ActorRow.name)
        .join(ActorRow, ActorRow.document_id == DocumentRow.id)
        .where(ActorRow.identity_id.in_(sorted(grouped)))
        .order_by(DocumentRow.id)
    )
    return [(doc_id, title, name) for doc_id, title, name in rows]


def identities_named(session: Session, query: str) -> set[int]:
    """Actor identities the query is a spelling of (by alias key, or a person's or group's name match)."""
    words = " ".join(query.split())
    if not words or len(words) > MAX_NAME_QUERY:
        return set()
    identities = set(
        session.scalars(select(ActorAliasRow.identity_id).where(ActorAliasRow.alias_key == name_key(words)[:300]))
    )
    for kind in ("person", "group"):
        candidates = session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind).where(
                ActorIdentityRow.match_key == match_key(words, kind)
            )
        )
        identities |= {i for i, name, actor_kind in candidates if same_identity(words, name, actor_kind)}
    return identities


def _text_search(engine: Engine, query: str, limit: int) -> list[SearchHit]:
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
