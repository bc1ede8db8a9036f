"""Document search: the query language, filters, facets (outlet, date, actor, place, event type) and sort.

Full text runs on SQLite FTS5 or PostgreSQL text search; a query that names an actor in any spelling also
finds the documents naming that actor's identity ("Ahrar ash-Sham" finds "Ahrar al-Sham").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, column, func, literal_column, or_, select, table, text
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json, Page, count_rows, document_summary, paged
from sitroom.store.corroboration import date_range
from sitroom.store.identity_review import merged_group
from sitroom.store.queries import identities_named
from sitroom.store.schema import ActorIdentityRow, ActorRow, DocumentRow, EventRow, PlaceIdentityRow, PlaceRow
from sitroom.store.search_syntax import And, Node, Term, parse_query, to_fts5, to_tsquery

MARK_START, MARK_END = "\u0002", "\u0003"  # highlight markers in search snippets
FACET_SIZE = 10
Sort = Literal["relevance", "newest", "oldest"]


@dataclass(frozen=True)
class DocumentSearch:
    """What the search box and its facets select; every field is optional."""

    q: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    actor: int | None = None
    place: int | None = None
    event_type: str | None = None
    sort: Sort = "relevance"


def _tsvector() -> ColumnElement[Any]:
    return func.to_tsvector("english", func.coalesce(DocumentRow.title, "") + " " + DocumentRow.text)


_FTS = table("documents_fts", column("rowid"), column("rank"))


def _text_match(session: Session, tree: Node) -> tuple[ColumnElement[bool], ColumnElement[Any] | None]:
    """The condition that a document matches the query, and its relevance (smaller is better)."""
    if session.get_bind().dialect.name == "sqlite":
        matching = select(_FTS.c.rowid).where(text("documents_fts MATCH :fts").bindparams(fts=to_fts5(tree)))
        return DocumentRow.id.in_(matching), None
    query = to_tsquery(tree)
    return _tsvector().op("@@")(query), -func.ts_rank(_tsvector(), query)


def _spelled_identity(session: Session, tree: Node) -> list[int]:
    """Identities (with their merged group) a plain query of words or one phrase names."""
    words = _plain_words(tree)
    if words is None:
        return []
    return sorted(
        {member for identity in identities_named(session, words) for member in merged_group(session, identity)}
    )


def _plain_words(tree: Node) -> str | None:
    if isinstance(tree, Term) and tree.kind != "prefix":
        return tree.text
    if isinstance(tree, And) and all(isinstance(item, Term) and item.kind == "word" for item in tree.operands):
        return " ".join(item.text for item in tree.operands if isinstance(item, Term))
    return None


def _conditions(session: Session, search: DocumentSearch) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if search.q and search.q.strip():
        tree = parse_query(search.q)
        matched, _ = _text_match(session, tree)
        if spelled := _spelled_identity(session, tree):
            named = select(ActorRow.document_id).where(ActorRow.identity_id.in_(spelled))
            matched = or_(matched, DocumentRow.id.in_(named))
        conditions.append(matched)
    if search.outlet:
        conditions.append(DocumentRow.outlet == search.outlet)
    if (start := date_range(search.date_from)) is not None:
        conditions.append(DocumentRow.date >= start[0].isoformat())
    if (end := date_range(search.date_to)) is not None:
        conditions.append(DocumentRow.date <= end[1].isoformat())
    if search.actor is not None:
        group = merged_group(session, search.actor)
        conditions.append(DocumentRow.id.in_(select(ActorRow.document_id).where(ActorRow.identity_id.in_(group))))
    if search.place is not None:
        conditions.append(DocumentRow.id.in_(select(PlaceRow.document_id).where(PlaceRow.identity_id == search.place)))
    if search.event_type:
        conditions.append(DocumentRow.id.in_(select(EventRow.document_id).where(EventRow.type == search.event_type)))
    return conditions


def _ordered(session: Session, query: Select[*tuple[Any, ...]], search: DocumentSearch) -> Select[*tuple[Any, ...]]:
    newest = (DocumentRow.date.desc().nulls_last(), DocumentRow.id.desc())
    if search.sort == "oldest":
        return query.order_by(DocumentRow.date.asc().nulls_last(), DocumentRow.id)
    if search.sort == "newest" or not (search.q and search.q.strip()):
        return query.order_by(*newest)
    tree = parse_query(search.q)
    if session.get_bind().dialect.name == "sqlite":
        ranked = (
            select(_FTS.c.rowid, _FTS.c.rank)
            .where(text("documents_fts MATCH :rank_fts").bindparams(rank_fts=to_fts5(tree)))
            .subquery()
        )
        return query.outerjoin(ranked, ranked.c.rowid == DocumentRow.id).order_by(
            ranked.c.rank.is_(None), ranked.c.rank, *newest
        )
    _, relevance = _text_match(session, tree)
    assert relevance is not None
    return query.order_by(relevance, *newest)


def search_documents(session: Session, search: DocumentSearch, page: Page) -> Json:
    """One page of matching documents with snippets, the total, and the facets of all matches."""
    conditions = _conditions(session, search)
    base = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet).where(
        *conditions
    )
    rows = session.execute(_ordered(session, base, search).limit(page.limit).offset(page.offset)).all()
    snippets = _snippets(session, search, [row.id for row in rows])
    items = [document_summary(row, snippets.get(row.id)) for row in rows]
    result = paged(count_rows(session, base), page, items)
    return result | {"facets": facets(session, conditions), "sort": search.sort}


def iter_documents(session: Session, search: DocumentSearch, batch: int = 500) -> Iterator[Json]:
    """Every matching document, in the search's order (for exports: no cap)."""
    offset = 0
    while True:
        chunk = search_documents(session, replace(search), Page(limit=batch, offset=offset))["items"]
        yield from chunk
        if len(chunk) < batch:
            return
        offset += batch


def _snippets(session: Session, search: DocumentSearch, ids: list[int]) -> dict[int, str]:
    """Highlighted passages of the page's documents (only when the query has terms to highlight)."""
    if not ids or not (search.q and search.q.strip()):
        return {}
    tree = parse_query(search.q)
    if session.get_bind().dialect.name == "sqlite":
        snippet: ColumnElement[str] = literal_column(
            f"snippet(documents_fts, 1, '{MARK_START}', '{MARK_END}', '…', 16)"
        )
        query = (
            select(_FTS.c.rowid, snippet)
            .where(text("documents_fts MATCH :snip_fts").bindparams(snip_fts=to_fts5(tree)))
            .where(_FTS.c.rowid.in_(ids))
        )
    else:
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=12"
        query = select(DocumentRow.id, func.ts_headline("english", DocumentRow.text, to_tsquery(tree), options)).where(
            DocumentRow.id.in_(ids)
        )
    return {row[0]: row[1] for row in session.execute(query)}


def facets(session: Session, conditions: list[ColumnElement[bool]]) -> Json:
    """Counts of matching documents per outlet, date, actor, place and event type (the largest first).

    Actors, places and event types are counted on their own tables (no join through documents), which the
    indexes on (identity, document) cover; with no condition every document matches and none is looked up.
    """
    matching = select(DocumentRow.id).where(*conditions)
    documents = func.count(func.distinct(DocumentRow.id)).label("documents")

    def top(label: Any) -> list[Json]:
        query = select(label, documents).where(
            label.is_not(None), *([DocumentRow.id.in_(matching)] if conditions else [])
        )
        rows = session.execute(query.group_by(label).order_by(documents.desc(), label).limit(FACET_SIZE))
        return [{"value": row[0], "documents": row[1]} for row in rows]

    def linked(document: Any, value: Any, names: Any = None) -> list[Json]:
        counted = func.count(func.distinct(document)).label("documents")
        grouped = select(value.label("value"), counted).where(
            value.is_not(None), *([document.in_(matching)] if conditions else [])
        )
        counts = grouped.group_by(value).subquery()
        if names is None:
            rows = session.execute(
                select(counts.c.value, counts.c.documents)
                .order_by(counts.c.documents.desc(), counts.c.value)
                .limit(FACET_SIZE)
            )
            return [{"value": row.value, "documents": row.documents} for row in rows]
        named = (
            select(counts.c.value, names.name, counts.c.documents)
            .join(names, names.id == counts.c.value)
            .order_by(counts.c.documents.desc(), names.name)
            .limit(FACET_SIZE)
        )
        return [{"value": row.value, "label": row.name, "documents": row.documents} for row in session.execute(named)]

    return {
        "outlet": top(DocumentRow.outlet),
        "year": top(func.substr(DocumentRow.date, 1, 4)),
        "actor": linked(ActorRow.document_id, ActorRow.identity_id, ActorIdentityRow),
        "place": linked(PlaceRow.document_id, PlaceRow.identity_id, PlaceIdentityRow),
        "event_type": linked(EventRow.document_id, EventRow.type),
    }
