"""Place identities: listing by name and country, and one place with its documents and events."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.names import fold, same_place
from sitroom.store.browse.common import (
    Json,
    Page,
    count_rows,
    document_summary,
    escape_like,
    paged,
    place_json,
)
from sitroom.store.schema import DocumentRow, PlaceIdentityRow, PlaceRow


def list_places(session: Session, query: str | None, country: str | None, page: Page) -> Json:
    """Place identities by number of documents, filtered by name and country."""
    documents = func.count(func.distinct(PlaceRow.document_id)).label("documents")
    base = (
        select(PlaceIdentityRow, documents)
        .join(PlaceRow, PlaceRow.identity_id == PlaceIdentityRow.id)
        .group_by(PlaceIdentityRow.id)
    )
    if query and query.strip():
        spelled = _spelled_otherwise(session, query.strip())
        base = base.where(
            PlaceIdentityRow.name.ilike(f"%{escape_like(query.strip())}%", escape="\\")
            | PlaceIdentityRow.id.in_(spelled)
        )
    if country:
        base = base.where(PlaceIdentityRow.country == country.upper())
    rows = session.execute(base.order_by(documents.desc(), PlaceIdentityRow.name).limit(page.limit).offset(page.offset))
    items = [(place_json(place) or {}) | {"feature": place.feature, "documents": count} for place, count in rows]
    return paged(count_rows(session, base), page, items)


def _spelled_otherwise(session: Session, query: str) -> list[int]:
    """Places whose name is the query in another spelling or without its diacritics ("Khan Sheikhoun" finds
    the gazetteer's "Khān Shaykhūn"): by the transliteration-aware place comparison."""
    folded = fold(query)
    rows = session.execute(select(PlaceIdentityRow.id, PlaceIdentityRow.name))
    return [pk for pk, name in rows if (len(folded) >= 3 and folded in fold(name)) or same_place(query, name)]


def get_place(session: Session, identity_id: int) -> Json | None:
    """A place identity with its names and how many documents name it (its documents and events come a page
    at a time from :func:`place_documents` and the events list filtered by place)."""
    place = session.get(PlaceIdentityRow, identity_id)
    if place is None:
        return None
    names = sorted(set(session.scalars(select(PlaceRow.name).where(PlaceRow.identity_id == identity_id))))
    return (place_json(place) or {}) | {
        "admin1": place.admin1,
        "feature": place.feature,
        "geonames_id": place.geonames_id,
        "names": names,
        "documents_total": _count_documents(session, identity_id),
    }


def _count_documents(session: Session, identity_id: int) -> int:
    counted = select(func.count(func.distinct(PlaceRow.document_id))).where(PlaceRow.identity_id == identity_id)
    return session.scalar(counted) or 0


def place_documents(session: Session, identity_id: int, page: Page) -> Json | None:
    """One page of the documents naming a place, newest first, with the total."""
    if session.get(PlaceIdentityRow, identity_id) is None:
        return None
    naming = select(PlaceRow.document_id).where(PlaceRow.identity_id == identity_id)
    rows = session.execute(
        select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
        .where(DocumentRow.id.in_(naming))
        .order_by(DocumentRow.date.desc().nulls_last(), DocumentRow.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return paged(_count_documents(session, identity_id), page, [document_summary(row) for row in rows])
