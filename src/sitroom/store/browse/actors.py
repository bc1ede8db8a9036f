"""Actor identities: listing by alias, and one actor with its documents, events, framing and quotes."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sitroom.names import name_key
from sitroom.store.browse.common import Json, Page, count_rows, document_summary, escape_like, paged
from sitroom.store.browse.events import EventFilter, list_events
from sitroom.store.identity_review import merged_group
from sitroom.store.schema import (
    ActorAliasRow,
    ActorIdentityRow,
    ActorRow,
    AffiliationRow,
    DocumentRow,
    FramingRow,
    QuoteRow,
)

QUOTES_PAGE = 50


def _identity_summary(row: Any) -> Json:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "canonical_id": row.canonical_id,
        "documents": row.documents,
    }


def list_actors(session: Session, query: str | None, kind: str | None, page: Page) -> Json:
    """Actor identities by number of documents; ``query`` matches any alias (or its normalised form)."""
    documents = func.count(func.distinct(ActorRow.document_id)).label("documents")
    base = (
        select(
            ActorIdentityRow.id,
            ActorIdentityRow.name,
            ActorIdentityRow.kind,
            ActorIdentityRow.canonical_id,
            documents,
        )
        .join(ActorRow, ActorRow.identity_id == ActorIdentityRow.id)
        .group_by(ActorIdentityRow.id)
    )
    if kind:
        base = base.where(ActorIdentityRow.kind == kind)
    if query and query.strip():
        pattern = f"%{escape_like(query.strip())}%"
        key = name_key(query)
        matches = select(ActorAliasRow.identity_id).where(
            or_(ActorAliasRow.alias.ilike(pattern, escape="\\"), ActorAliasRow.alias_key == key)
        )
        base = base.where(ActorIdentityRow.id.in_(matches))
    rows = session.execute(base.order_by(documents.desc(), ActorIdentityRow.name).limit(page.limit).offset(page.offset))
    return paged(count_rows(session, base), page, [_identity_summary(row) for row in rows])


def get_actor(session: Session, identity_id: int) -> Json | None:
    """An actor identity with aliases, affiliations, events, co-occurring actors and framing about it."""
    identity = session.get(ActorIdentityRow, identity_id)
    if identity is None:
        return None
    group = merged_group(session, identity_id)  # spellings of the same actor merged across documents
    aliases = sorted(set(session.scalars(select(ActorAliasRow.alias).where(ActorAliasRow.identity_id.in_(group)))))
    roles = Counter(
        role
        for roles_json in session.scalars(select(ActorRow.roles).where(ActorRow.identity_id.in_(group)))
        for role in json.loads(roles_json or "[]")
    )
    merged = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name).where(
            ActorIdentityRow.id.in_(group), ActorIdentityRow.id != identity_id
        )
    )
    return {
        "id": identity.id,
        "name": identity.name,
        "kind": identity.kind,
        "canonical_id": identity.canonical_id,
        "aliases": aliases,
        "merged_with": [{"id": row.id, "name": row.name} for row in merged],
        "roles": [role for role, _ in roles.most_common()],
        "affiliations": _affiliations(session, identity_id),
        "documents_total": _count_documents(session, group),
        **_events_page(session, identity_id),
        "co_occurring": _co_occurring(session, identity_id),
        "framing": _framing_about(session, identity_id),
        "quotes": (actor_quotes(session, identity_id, Page(limit=QUOTES_PAGE)) or {"items": []})["items"],
        "quotes_total": _count_quotes(session, identity_id),
    }


def _events_page(session: Session, identity_id: int) -> Json:
    """The actor's latest events and how many it has (the page says when it shows only some)."""
    events = list_events(session, EventFilter(actor=identity_id), Page(limit=200))
    return {"events": events["items"], "events_total": events["total"], "events_total_exact": events["total_exact"]}


def actor_documents(session: Session, identity_id: int, page: Page) -> Json | None:
    """One page of the documents naming the actor (any merged spelling), newest first, with the total."""
    if session.get(ActorIdentityRow, identity_id) is None:
        return None
    group = merged_group(session, identity_id)
    rows = session.execute(
        select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
        .where(DocumentRow.id.in_(select(ActorRow.document_id).where(ActorRow.identity_id.in_(group))))
        .order_by(DocumentRow.date.desc().nulls_last(), DocumentRow.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return paged(_count_documents(session, group), page, [document_summary(row) for row in rows])


def _affiliations(session: Session, identity_id: int) -> Json:
    def linked(own: Any, other: Any) -> list[Json]:
        rows = session.execute(
            select(ActorIdentityRow.id, ActorIdentityRow.name, func.count().label("documents"))
            .join(AffiliationRow, other == ActorIdentityRow.id)
            .where(own == identity_id)
            .group_by(ActorIdentityRow.id, ActorIdentityRow.name)
        )
        return [{"id": row.id, "name": row.name, "documents": row.documents} for row in rows]

    return {
        "member_of": linked(AffiliationRow.identity_id, AffiliationRow.affiliated_id),
        "members": linked(AffiliationRow.affiliated_id, AffiliationRow.identity_id),
    }


def _count_documents(session: Session, identities: list[int]) -> int:
    counted = select(func.count(func.distinct(ActorRow.document_id))).where(ActorRow.identity_id.in_(identities))
    return session.scalar(counted) or 0


def _co_occurring(session: Session, identity_id: int, limit: int = 25) -> list[Json]:
    own_documents = select(ActorRow.document_id).where(ActorRow.identity_id == identity_id)
    shared = func.count(func.distinct(ActorRow.document_id)).label("documents")
    rows = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind, shared)
        .join(ActorRow, ActorRow.identity_id == ActorIdentityRow.id)
        .where(ActorRow.document_id.in_(own_documents), ActorIdentityRow.id != identity_id)
        .group_by(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind)
        .order_by(shared.desc(), ActorIdentityRow.name)
        .limit(limit)
    )
    return [{"id": row.id, "name": row.name, "kind": row.kind, "documents": row.documents} for row in rows]


def _framing_about(session: Session, identity_id: int) -> Json:
    rows = session.execute(
        select(FramingRow.technique, FramingRow.text, DocumentRow.doc_id, DocumentRow.outlet)
        .join(DocumentRow, DocumentRow.id == FramingRow.document_id)
        .where(FramingRow.target_identity_id == identity_id)
        .order_by(DocumentRow.date.desc())
    ).all()
    return {
        "techniques": dict(Counter(row.technique for row in rows).most_common()),
        "examples": [
            {"technique": r.technique, "text": r.text, "doc_id": r.doc_id, "outlet": r.outlet} for r in rows[:50]
        ],
    }


def actor_quotes(session: Session, identity_id: int, page: Page) -> Json | None:
    """One page of the actor's quotes, newest document first, with the total."""
    if session.get(ActorIdentityRow, identity_id) is None:
        return None
    rows = session.execute(
        select(QuoteRow.text, QuoteRow.start, QuoteRow.end, DocumentRow.doc_id, DocumentRow.outlet)
        .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
        .where(QuoteRow.speaker_identity_id == identity_id)
        .order_by(DocumentRow.date.desc().nulls_last(), DocumentRow.id.desc(), QuoteRow.start)
        .limit(page.limit)
        .offset(page.offset)
    )
    items = [{"text": r.text, "start": r.start, "end": r.end, "doc_id": r.doc_id, "outlet": r.outlet} for r in rows]
    return paged(_count_quotes(session, identity_id), page, items)


def _count_quotes(session: Session, identity_id: int) -> int:
    return session.scalar(select(func.count()).where(QuoteRow.speaker_identity_id == identity_id)) or 0
