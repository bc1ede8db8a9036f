"""Documents: listing, full-text search with highlighted snippets, and one document with its links."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json, Page, count_rows, document_summary, paged, pairs
from sitroom.store.schema import ActorRow, AgreementRow, DocumentRow, EventRow, PlaceRow

MARK_START, MARK_END = "\u0002", "\u0003"  # highlight markers in search snippets


def _fts_words(query: str) -> str:
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def list_documents(session: Session, query: str | None, outlet: str | None, page: Page) -> Json:
    """Documents, newest first, or those matching ``query`` (full-text), best first."""
    if query and query.split():
        return _search(session, query, outlet, page)
    base = select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
    if outlet:
        base = base.where(DocumentRow.outlet == outlet)
    rows = session.execute(base.order_by(DocumentRow.date.desc(), DocumentRow.id).limit(page.limit).offset(page.offset))
    return paged(count_rows(session, base), page, [document_summary(row) for row in rows])


def _search(session: Session, query: str, outlet: str | None, page: Page) -> Json:
    dialect = session.get_bind().dialect.name
    params: dict[str, Any] = {"outlet": outlet, "limit": page.limit, "offset": page.offset}
    outlet_clause = "AND d.outlet = :outlet" if outlet else ""
    if dialect == "sqlite":
        params["query"] = _fts_words(query)
        source = (
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
            f"WHERE documents_fts MATCH :query {outlet_clause}"
        )
        snippet = f"snippet(documents_fts, 1, '{MARK_START}', '{MARK_END}', '…', 16)"
        order = "rank"
    else:
        params["query"] = query
        vector = "to_tsvector('english', coalesce(d.title, '') || ' ' || d.text)"
        tsquery = "plainto_tsquery('english', :query)"
        source = f"FROM documents d WHERE {vector} @@ {tsquery} {outlet_clause}"
        snippet = (
            f"ts_headline('english', d.text, {tsquery}, "
            f"'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12')"
        )
        order = f"ts_rank({vector}, {tsquery}) DESC"
    total = session.execute(text(f"SELECT count(*) {source}"), params).scalar() or 0
    rows = session.execute(
        text(
            f"SELECT d.doc_id, d.title, d.date, d.outlet, {snippet} AS snippet {source} ORDER BY {order} "
            "LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return paged(total, page, [document_summary(row, row.snippet) for row in rows])


def get_document(session: Session, doc_id: str) -> Json | None:
    """One document with its full record and the identities its items link to."""
    row = session.scalars(select(DocumentRow).where(DocumentRow.doc_id == doc_id).order_by(DocumentRow.id)).first()
    if row is None:
        return None
    actors = pairs(session, select(ActorRow.local_id, ActorRow.identity_id).where(ActorRow.document_id == row.id))
    places = pairs(session, select(PlaceRow.local_id, PlaceRow.identity_id).where(PlaceRow.document_id == row.id))
    events = pairs(session, select(EventRow.local_id, EventRow.cluster_id).where(EventRow.document_id == row.id))
    agreements = pairs(
        session, select(AgreementRow.local_id, AgreementRow.id).where(AgreementRow.document_id == row.id)
    )
    return {
        "doc_id": row.doc_id,
        "title": row.title,
        "date": row.date,
        "outlet": row.outlet,
        "source": row.source,
        "text": row.text,
        "record": json.loads(row.record),
        "links": {"actors": actors, "places": places, "events": events, "agreements": agreements},
    }
