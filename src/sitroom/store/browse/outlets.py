"""Outlets: listing, and one outlet's framing profile and reporting habits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sitroom.store.browse.common import Json, pairs
from sitroom.store.schema import ActorIdentityRow, ClaimRow, DocumentRow, EventRow, FramingRow


def list_outlets(session: Session) -> list[Json]:
    """Outlets by number of documents, with how many framing items they carry."""
    documents = func.count(DocumentRow.id).label("documents")
    rows = session.execute(
        select(DocumentRow.outlet, documents)
        .where(DocumentRow.outlet.is_not(None))
        .group_by(DocumentRow.outlet)
        .order_by(documents.desc())
    ).all()
    framed = pairs(
        session,
        select(DocumentRow.outlet, func.count(FramingRow.id))
        .join(FramingRow, FramingRow.document_id == DocumentRow.id)
        .group_by(DocumentRow.outlet),
    )
    return [{"outlet": outlet, "documents": count, "framing": framed.get(outlet, 0)} for outlet, count in rows]


def get_outlet(session: Session, outlet: str) -> Json | None:
    """An outlet's framing profile: techniques (per document), framed actors, how it reports events, its framing
    in its own voice and in quoted voices, and the share of its claims whose source has no name."""
    documents = session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.outlet == outlet)) or 0
    if documents == 0:
        return None
    of_outlet = select(DocumentRow.id).where(DocumentRow.outlet == outlet)
    by_technique = _count_per_value(FramingRow.technique, FramingRow.document_id, of_outlet)
    techniques = pairs(session, by_technique.order_by(func.count().desc())).items()
    targets = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, func.count().label("items"))
        .join(FramingRow, FramingRow.target_identity_id == ActorIdentityRow.id)
        .where(FramingRow.document_id.in_(of_outlet))
        .group_by(ActorIdentityRow.id, ActorIdentityRow.name)
        .order_by(func.count().desc())
        .limit(20)
    )
    statuses = pairs(session, _count_per_value(EventRow.status, EventRow.document_id, of_outlet)).items()
    claims = pairs(session, _count_per_value(ClaimRow.hedged, ClaimRow.document_id, of_outlet)).items()
    framing_voice = pairs(session, _count_per_value(FramingRow.voice, FramingRow.document_id, of_outlet))
    unnamed = pairs(session, _count_per_value(ClaimRow.anonymous, ClaimRow.document_id, of_outlet))
    claim_count = sum(unnamed.values())
    return {
        "outlet": outlet,
        "documents": documents,
        "techniques": [{"technique": t, "items": n, "per_document": round(n / documents, 3)} for t, n in techniques],
        "framed_actors": [{"id": r.id, "name": r.name, "items": r.items} for r in targets],
        "event_statuses": dict(statuses),
        "claims": {"hedged" if hedged else "unhedged": n for hedged, n in claims},
        "framing_voice": {"own": framing_voice.get("outlet", 0), "quoted": framing_voice.get("attributed", 0)},
        "claim_sources": {
            "claims": claim_count,
            "unnamed": unnamed.get(True, 0),
            "unnamed_share": round(unnamed.get(True, 0) / claim_count, 3) if claim_count else None,
        },
    }


def _count_per_value(
    column: InstrumentedAttribute[Any], document_id: InstrumentedAttribute[int], documents: Select[int]
) -> Select[Any, int]:
    """Rows of the given documents per value of ``column``: (value, count)."""
    return select(column, func.count()).where(document_id.in_(documents)).group_by(column)
