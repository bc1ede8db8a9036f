"""Place identities: listing by name and country, and one place with its documents and events."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.store.browse.common import (
    Json,
    Page,
    count_rows,
    document_summary,
    escape_like,
    paged,
    place_json,
)
from sitroom.store.browse.events import EventFilter, list_events
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
        base = base.where(PlaceIdentityRow.name.ilike(f"%{escape_like(query.strip())}%", escape="\\"))
    if country:
        base = base.where(PlaceIdentityRow.country == country.upper())
    rows = session.execute(base.order_by(documents.desc(), PlaceIdentityRow.name).limit(page.limit).offset(page.offset))
    items = [(place_json(place) or {}) | {"feature": place.feature, "documents": count} for place, count in rows]
    return paged(count_rows(session, base), page, items)


def get_place(session: Session, identity_id: int) -> Json | None:
    """A place identity with its names, documents and corroborated events."""
    place = session.get(PlaceIdentityRow, identity_id)
    if place is None:
        return None
    names = sorted(set(session.scalars(select(PlaceRow.name).where(PlaceRow.identity_id == identity_id))))
    documents = session.execute(
        select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
        .join(PlaceRow, PlaceRow.document_id == DocumentRow.id)
        .where(PlaceRow.identity_id == identity_id)
        .distinct()
        .limit(100)
    )
    return (place_json(place) or {}) | {
        "admin1": place.admin1,
        "feature": place.feature,
        "geonames_id": place.geonames_id,
        "names": names,
        "documents": [document_summary(row) for row in documents],
        "events": list_events(session, EventFilter(place=identity_id), Page(limit=200))["items"],
    }
