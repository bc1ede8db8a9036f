"""Outlets: listing, and one outlet's framing profile and reporting habits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sitroom.store.browse.common import Json, pairs
from sitroom.store.schema import ActorIdentityRow, ClaimRow, DocumentRow, EventRow, FramingRow


def _word_count() -> ColumnElement[int]:
    """A document's words, counted by the spaces between them (one SQL expression on both databases)."""
    text = func.trim(DocumentRow.text)
    return func.length(text) - func.length(func.replace(text, " ", "")) + 1


def outlet_words(session: Session, outlets: list[str] | None = None) -> dict[str | None, int]:
    """Words per outlet (all of them, or the given ones)."""
    query = select(DocumentRow.outlet, func.sum(_word_count())).where(DocumentRow.outlet.is_not(None))
    if outlets is not None:
        query = query.where(DocumentRow.outlet.in_(outlets))
    return {outlet: int(words or 0) for outlet, words in session.execute(query.group_by(DocumentRow.outlet))}


def _per_thousand(items: int, words: int) -> float | None:
    return round(1000 * items / words, 3) if words else None


def list_outlets(session: Session) -> list[Json]:
    """Outlets by number of documents, with how many framing items they carry (all, and in their own voice,
    per 1,000 words)."""
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
    own = pairs(
        session,
        select(DocumentRow.outlet, func.count(FramingRow.id))
        .join(FramingRow, FramingRow.document_id == DocumentRow.id)
        .where(_own_voice())
        .group_by(DocumentRow.outlet),
    )
    words = outlet_words(session)
    return [
        {
            "outlet": outlet,
            "documents": count,
            "words": words.get(outlet, 0),
            "framing": framed.get(outlet, 0),
            "own_framing": own.get(outlet, 0),
            "own_per_1000_words": _per_thousand(own.get(outlet, 0), words.get(outlet, 0)),
        }
        for outlet, count in rows
    ]


def _own_voice() -> ColumnElement[bool]:
    """Framing in the outlet's own text (not inside a quoted or attributed source's words)."""
    return or_(FramingRow.voice == "outlet", FramingRow.voice.is_(None))


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
    words = outlet_words(session, [outlet]).get(outlet, 0)
    own = pairs(session, by_technique.where(_own_voice()).order_by(func.count().desc()))
    return {
        "outlet": outlet,
        "documents": documents,
        "techniques": [{"technique": t, "items": n, "per_document": round(n / documents, 3)} for t, n in techniques],
        "framed_actors": [{"id": r.id, "name": r.name, "items": r.items} for r in targets],
        "event_statuses": dict(statuses),
        "claims": {"hedged" if hedged else "unhedged": n for hedged, n in claims},
        "framing_voice": {"own": framing_voice.get("outlet", 0), "quoted": framing_voice.get("attributed", 0)},
        "words": words,
        "own_voice": [{"technique": t, "items": n, "per_1000_words": _per_thousand(n, words)} for t, n in own.items()],
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


MAX_COMPARED = 10


def compare_outlets(session: Session, outlets: list[str]) -> Json:
    """Outlets side by side, in their own voice only: techniques per 1,000 words, framing items per target
    actor, and the share of claims from unnamed sources."""
    outlets = list(dict.fromkeys(outlets))[:MAX_COMPARED]
    words = outlet_words(session, outlets)
    known = [outlet for outlet in outlets if outlet in words]
    own_rows = (
        select(DocumentRow.outlet, FramingRow.technique, func.count())
        .join(FramingRow, FramingRow.document_id == DocumentRow.id)
        .where(DocumentRow.outlet.in_(known), _own_voice())
        .group_by(DocumentRow.outlet, FramingRow.technique)
    )
    techniques: dict[str, dict[str | None, float | None]] = {}
    for outlet, technique, count in session.execute(own_rows):
        techniques.setdefault(technique, {})[outlet] = _per_thousand(count, words[outlet])
    target_rows = (
        select(DocumentRow.outlet, ActorIdentityRow.id, ActorIdentityRow.name, func.count())
        .join(FramingRow, FramingRow.document_id == DocumentRow.id)
        .join(ActorIdentityRow, ActorIdentityRow.id == FramingRow.target_identity_id)
        .where(DocumentRow.outlet.in_(known), _own_voice())
        .group_by(DocumentRow.outlet, ActorIdentityRow.id, ActorIdentityRow.name)
    )
    targets: dict[int, Json] = {}
    for outlet, identity, name, count in session.execute(target_rows):
        targets.setdefault(identity, {"id": identity, "name": name, "items": {}})["items"][outlet] = count
    claims = session.execute(
        select(DocumentRow.outlet, ClaimRow.anonymous, func.count())
        .join(ClaimRow, ClaimRow.document_id == DocumentRow.id)
        .where(DocumentRow.outlet.in_(known))
        .group_by(DocumentRow.outlet, ClaimRow.anonymous)
    )
    unnamed: dict[str | None, list[int]] = {outlet: [0, 0] for outlet in known}
    for outlet, anonymous, count in claims:
        unnamed[outlet][1] += count
        unnamed[outlet][0] += count if anonymous else 0
    ranked_targets = sorted(targets.values(), key=lambda item: -sum(item["items"].values()))[:25]
    return {
        "outlets": [
            {
                "outlet": outlet,
                "words": words[outlet],
                "claims": unnamed[outlet][1],
                "unnamed_share": round(unnamed[outlet][0] / unnamed[outlet][1], 3) if unnamed[outlet][1] else None,
            }
            for outlet in known
        ],
        "unknown": [outlet for outlet in outlets if outlet not in words],
        "techniques": dict(sorted(techniques.items())),
        "targets": ranked_targets,
    }
