"""Documents: listing, full-text search with highlighted snippets, and one document with its links."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json, Page, pairs
from sitroom.store.browse.search import DocumentSearch, search_documents
from sitroom.store.schema import ActorRow, AgreementRow, DocumentRow, EventRow, PlaceRow


def list_documents(session: Session, query: str | None, outlet: str | None, page: Page) -> Json:
    """Documents, newest first, or those matching ``query`` (the search language), best first."""
    return search_documents(session, DocumentSearch(q=query, outlet=outlet), page)


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
