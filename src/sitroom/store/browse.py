"""Read-side queries behind the HTTP API: plain JSON-ready dicts, parameterised SQL only."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, text
from sqlalchemy.orm import Session

from sitroom.names import name_key
from sitroom.store.linking import date_range
from sitroom.store.schema import (
    ActorAliasRow,
    ActorIdentityRow,
    ActorRow,
    AffiliationRow,
    AgreementActorRow,
    AgreementRow,
    ClaimRow,
    DocumentRow,
    EventActorRow,
    EventClusterRow,
    EventRow,
    FramingRow,
    PlaceIdentityRow,
    PlaceRow,
    ProvisionRow,
    QuoteRow,
)

Json = dict[str, Any]
MARK_START, MARK_END = "\u0002", "\u0003"  # highlight markers in search snippets


@dataclass(frozen=True)
class Page:
    limit: int = 50
    offset: int = 0


def _page(total: int, page: Page, items: list[Json]) -> Json:
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


def _pairs(session: Session, statement: Select[*tuple[Any, ...]]) -> dict[Any, Any]:
    """A two-column query as a dict."""
    return {key: value for key, value in session.execute(statement)}


def _count(session: Session, query: Select[*tuple[Any, ...]]) -> int:
    return session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0


# --- documents -------------------------------------------------------------------------------


def _fts_words(query: str) -> str:
    return " ".join('"' + word.replace('"', '""') + '"' for word in query.split())


def _document_summary(row: Any, snippet: str | None = None) -> Json:
    return {
        "doc_id": row.doc_id,
        "title": row.title,
        "date": row.date,
        "outlet": row.outlet,
        "snippet": snippet,
    }


def list_documents(session: Session, query: str | None, outlet: str | None, page: Page) -> Json:
    """Documents, newest first, or those matching ``query`` (full-text), best first."""
    if query and query.split():
        return _search(session, query, outlet, page)
    base = select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
    if outlet:
        base = base.where(DocumentRow.outlet == outlet)
    rows = session.execute(
        base.order_by(DocumentRow.date.desc(), DocumentRow.id).limit(page.limit).offset(page.offset)
    )
    return _page(_count(session, base), page, [_document_summary(row) for row in rows])


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
    return _page(total, page, [_document_summary(row, row.snippet) for row in rows])


def get_document(session: Session, doc_id: str) -> Json | None:
    """One document with its full record and the identities its items link to."""
    row = session.scalars(
        select(DocumentRow).where(DocumentRow.doc_id == doc_id).order_by(DocumentRow.id)
    ).first()
    if row is None:
        return None
    actors = _pairs(
        session, select(ActorRow.local_id, ActorRow.identity_id).where(ActorRow.document_id == row.id)
    )
    places = _pairs(
        session, select(PlaceRow.local_id, PlaceRow.identity_id).where(PlaceRow.document_id == row.id)
    )
    events = _pairs(
        session, select(EventRow.local_id, EventRow.cluster_id).where(EventRow.document_id == row.id)
    )
    agreements = _pairs(
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


# --- actors ----------------------------------------------------------------------------------


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
        pattern = f"%{_escape_like(query.strip())}%"
        key = name_key(query)
        matches = select(ActorAliasRow.identity_id).where(
            or_(ActorAliasRow.alias.ilike(pattern, escape="\\"), ActorAliasRow.alias_key == key)
        )
        base = base.where(ActorIdentityRow.id.in_(matches))
    rows = session.execute(
        base.order_by(documents.desc(), ActorIdentityRow.name).limit(page.limit).offset(page.offset)
    )
    return _page(_count(session, base), page, [_identity_summary(row) for row in rows])


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def get_actor(session: Session, identity_id: int) -> Json | None:
    """An actor identity with aliases, affiliations, events, co-occurring actors and framing about it."""
    identity = session.get(ActorIdentityRow, identity_id)
    if identity is None:
        return None
    aliases = list(
        session.scalars(
            select(ActorAliasRow.alias)
            .where(ActorAliasRow.identity_id == identity_id)
            .order_by(ActorAliasRow.alias)
        )
    )
    roles = Counter(
        role
        for roles_json in session.scalars(select(ActorRow.roles).where(ActorRow.identity_id == identity_id))
        for role in json.loads(roles_json or "[]")
    )
    return {
        "id": identity.id,
        "name": identity.name,
        "kind": identity.kind,
        "canonical_id": identity.canonical_id,
        "aliases": aliases,
        "roles": [role for role, _ in roles.most_common()],
        "affiliations": _affiliations(session, identity_id),
        "documents": _actor_documents(session, identity_id),
        "events": list_events(session, EventFilter(actor=identity_id), Page(limit=200))["items"],
        "co_occurring": _co_occurring(session, identity_id),
        "framing": _framing_about(session, identity_id),
        "quotes": _quotes_by(session, identity_id),
    }


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


def _actor_documents(session: Session, identity_id: int, limit: int = 100) -> list[Json]:
    rows = session.execute(
        select(DocumentRow.doc_id, DocumentRow.title, DocumentRow.date, DocumentRow.outlet)
        .join(ActorRow, ActorRow.document_id == DocumentRow.id)
        .where(ActorRow.identity_id == identity_id)
        .distinct()
        .order_by(DocumentRow.date.desc())
        .limit(limit)
    )
    return [_document_summary(row) for row in rows]


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
            {"technique": r.technique, "text": r.text, "doc_id": r.doc_id, "outlet": r.outlet}
            for r in rows[:50]
        ],
    }


def _quotes_by(session: Session, identity_id: int, limit: int = 50) -> list[Json]:
    rows = session.execute(
        select(QuoteRow.text, QuoteRow.start, QuoteRow.end, DocumentRow.doc_id, DocumentRow.outlet)
        .join(DocumentRow, DocumentRow.id == QuoteRow.document_id)
        .where(QuoteRow.speaker_identity_id == identity_id)
        .limit(limit)
    )
    return [
        {"text": r.text, "start": r.start, "end": r.end, "doc_id": r.doc_id, "outlet": r.outlet} for r in rows
    ]


# --- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventFilter:
    """Filters on corroborated events; every field is optional."""

    type: str | None = None
    actor: int | None = None
    place: int | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    status: str | None = None
    outlet: str | None = None
    min_sources: int = 1


def _has_report(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists(select(EventRow.id).where(EventRow.cluster_id == EventClusterRow.id, *conditions))


def _event_conditions(selection: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [EventClusterRow.source_count >= selection.min_sources]
    if selection.type:
        conditions.append(EventClusterRow.type == selection.type)
    if selection.actor is not None:
        in_event = select(EventActorRow.event_id).where(EventActorRow.identity_id == selection.actor)
        conditions.append(_has_report(EventRow.id.in_(in_event)))
    if selection.place is not None:
        conditions.append(EventClusterRow.place_identity_id == selection.place)
    if selection.country:
        conditions.append(PlaceIdentityRow.country == selection.country.upper())
    if (start := date_range(selection.date_from)) is not None:
        conditions.append(EventClusterRow.date_end >= start[0].isoformat())
    if (end := date_range(selection.date_to)) is not None:
        conditions.append(EventClusterRow.date_start <= end[1].isoformat())
    if selection.status:
        conditions.append(_has_report(EventRow.status == selection.status))
    if selection.outlet:
        from_outlet = select(DocumentRow.id).where(DocumentRow.outlet == selection.outlet)
        conditions.append(_has_report(EventRow.document_id.in_(from_outlet)))
    return conditions


def _event_query(selection: EventFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(EventClusterRow, PlaceIdentityRow)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .where(and_(*_event_conditions(selection)))
    )


def _place_json(place: PlaceIdentityRow | None) -> Json | None:
    if place is None:
        return None
    return {"id": place.id, "name": place.name, "country": place.country, "lat": place.lat, "lon": place.lon}


def _cluster_actors(session: Session, cluster_ids: Sequence[int]) -> dict[int, dict[str, list[Json]]]:
    rows = session.execute(
        select(EventRow.cluster_id, EventActorRow.role, ActorIdentityRow.id, ActorIdentityRow.name)
        .join(EventActorRow, EventActorRow.event_id == EventRow.id)
        .join(ActorIdentityRow, ActorIdentityRow.id == EventActorRow.identity_id)
        .where(EventRow.cluster_id.in_(cluster_ids))
        .distinct()
    )
    actors: dict[int, dict[str, list[Json]]] = defaultdict(
        lambda: {"source": [], "target": [], "reporter": []}
    )
    for cluster_id, role, identity, name in rows:
        if cluster_id is not None:
            actors[cluster_id][role].append({"id": identity, "name": name})
    return actors


def _cluster_json(
    cluster: EventClusterRow, place: PlaceIdentityRow | None, actors: dict[str, list[Json]]
) -> Json:
    return {
        "id": cluster.id,
        "type": cluster.type,
        "mode": cluster.mode,
        "date_start": cluster.date_start,
        "date_end": cluster.date_end,
        "place": _place_json(place),
        "sources": actors["source"],
        "targets": actors["target"],
        "reporters": actors["reporter"],
        "report_count": cluster.report_count,
        "source_count": cluster.source_count,
        "statuses": cluster.statuses.split(",") if cluster.statuses else [],
        "contested": cluster.contested,
    }


def list_events(session: Session, selection: EventFilter, page: Page) -> Json:
    """Corroborated events (clusters of reports), newest first."""
    query = _event_query(selection)
    rows = session.execute(
        query.order_by(EventClusterRow.date_start.desc(), EventClusterRow.id)
        .limit(page.limit)
        .offset(page.offset)
    ).all()
    actors = _cluster_actors(session, [cluster.id for cluster, _ in rows])
    empty: dict[str, list[Json]] = {"source": [], "target": [], "reporter": []}
    items = [_cluster_json(cluster, place, actors.get(cluster.id, empty)) for cluster, place in rows]
    return _page(_count(session, query), page, items)


def get_event(session: Session, cluster_id: int) -> Json | None:
    """One corroborated event with every report of it: document, outlet, status and evidence."""
    row = session.execute(
        _event_query(EventFilter(min_sources=0)).where(EventClusterRow.id == cluster_id)
    ).first()
    if row is None:
        return None
    cluster, place = row
    empty: dict[str, list[Json]] = {"source": [], "target": [], "reporter": []}
    event = _cluster_json(cluster, place, _cluster_actors(session, [cluster_id]).get(cluster_id, empty))
    reports = session.execute(
        select(
            EventRow,
            DocumentRow.doc_id,
            DocumentRow.title,
            DocumentRow.outlet,
            DocumentRow.date.label("doc_date"),
        )
        .join(DocumentRow, DocumentRow.id == EventRow.document_id)
        .where(EventRow.cluster_id == cluster_id)
        .order_by(DocumentRow.date, EventRow.id)
    )
    event["reports"] = [
        {
            "doc_id": report.doc_id,
            "title": report.title,
            "outlet": report.outlet,
            "date": report.EventRow.date or report.doc_date,
            "status": report.EventRow.status,
            "evidence": report.EventRow.evidence,
            "start": report.EventRow.evidence_start,
            "end": report.EventRow.evidence_end,
        }
        for report in reports
    ]
    return event


def events_geojson(session: Session, selection: EventFilter, limit: int = 5000) -> Json:
    """Located corroborated events as a GeoJSON FeatureCollection (one point per event)."""
    items = list_events(session, selection, Page(limit=limit))["items"]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [item["place"]["lon"], item["place"]["lat"]]},
            "properties": {key: value for key, value in item.items() if key != "place"}
            | {"place": item["place"]["name"]},
        }
        for item in items
        if item["place"] and item["place"]["lat"] is not None and item["place"]["lon"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def timeline(session: Session, selection: EventFilter) -> list[Json]:
    """Corroborated events per month and type."""
    month = func.substr(EventClusterRow.date_start, 1, 7).label("month")
    rows = session.execute(
        select(month, EventClusterRow.type, func.count().label("events"))
        .select_from(EventClusterRow)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .where(EventClusterRow.date_start.is_not(None), *_event_conditions(selection))
        .group_by(month, EventClusterRow.type)
        .order_by(month)
    )
    return [{"month": row.month, "type": row.type, "events": row.events} for row in rows]


def network(session: Session, selection: EventFilter, limit: int = 400) -> Json:
    """Actors as nodes and source→target edges typed by event type, weighted by events."""
    source, target = EventActorRow.__table__.alias("s"), EventActorRow.__table__.alias("t")
    weight = func.count(func.distinct(EventClusterRow.id)).label("weight")
    rows = session.execute(
        select(
            source.c.identity_id.label("source"),
            target.c.identity_id.label("target"),
            EventClusterRow.type,
            weight,
        )
        .select_from(EventRow)
        .join(EventClusterRow, EventClusterRow.id == EventRow.cluster_id)
        .outerjoin(PlaceIdentityRow, PlaceIdentityRow.id == EventClusterRow.place_identity_id)
        .join(source, and_(source.c.event_id == EventRow.id, source.c.role == "source"))
        .join(target, and_(target.c.event_id == EventRow.id, target.c.role == "target"))
        .where(source.c.identity_id != target.c.identity_id, *_event_conditions(selection))
        .group_by(source.c.identity_id, target.c.identity_id, EventClusterRow.type)
        .order_by(weight.desc())
        .limit(limit)
    ).all()
    ids = {row.source for row in rows} | {row.target for row in rows}
    nodes = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, ActorIdentityRow.kind).where(
            ActorIdentityRow.id.in_(ids)
        )
    )
    return {
        "nodes": [{"id": row.id, "name": row.name, "kind": row.kind} for row in nodes],
        "edges": [{"source": r.source, "target": r.target, "type": r.type, "weight": r.weight} for r in rows],
    }


# --- places, agreements, outlets -------------------------------------------------------------


def list_places(session: Session, query: str | None, country: str | None, page: Page) -> Json:
    documents = func.count(func.distinct(PlaceRow.document_id)).label("documents")
    base = (
        select(PlaceIdentityRow, documents)
        .join(PlaceRow, PlaceRow.identity_id == PlaceIdentityRow.id)
        .group_by(PlaceIdentityRow.id)
    )
    if query and query.strip():
        base = base.where(PlaceIdentityRow.name.ilike(f"%{_escape_like(query.strip())}%", escape="\\"))
    if country:
        base = base.where(PlaceIdentityRow.country == country.upper())
    rows = session.execute(
        base.order_by(documents.desc(), PlaceIdentityRow.name).limit(page.limit).offset(page.offset)
    )
    items = [
        (_place_json(place) or {}) | {"feature": place.feature, "documents": count} for place, count in rows
    ]
    return _page(_count(session, base), page, items)


def get_place(session: Session, identity_id: int) -> Json | None:
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
    return (_place_json(place) or {}) | {
        "admin1": place.admin1,
        "feature": place.feature,
        "geonames_id": place.geonames_id,
        "names": names,
        "documents": [_document_summary(row) for row in documents],
        "events": list_events(session, EventFilter(place=identity_id), Page(limit=200))["items"],
    }


def _agreement_json(row: AgreementRow, doc: Any) -> Json:
    return {
        "id": row.id,
        "kind": row.kind,
        "date": row.date,
        "place": row.place,
        "parties": json.loads(row.parties),
        "signatories": json.loads(row.signatories),
        "implementers": json.loads(row.implementers),
        "doc_id": doc.doc_id,
        "title": doc.title,
        "outlet": doc.outlet,
    }


def list_agreements(session: Session, page: Page) -> Json:
    base = select(AgreementRow, DocumentRow.doc_id, DocumentRow.title, DocumentRow.outlet).join(
        DocumentRow, DocumentRow.id == AgreementRow.document_id
    )
    rows = session.execute(
        base.order_by(AgreementRow.date.desc(), AgreementRow.id).limit(page.limit).offset(page.offset)
    )
    return _page(_count(session, base), page, [_agreement_json(row.AgreementRow, row) for row in rows])


def get_agreement(session: Session, agreement_id: int) -> Json | None:
    row = session.execute(
        select(AgreementRow, DocumentRow.doc_id, DocumentRow.title, DocumentRow.outlet)
        .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
        .where(AgreementRow.id == agreement_id)
    ).first()
    if row is None:
        return None
    provisions = session.scalars(
        select(ProvisionRow).where(ProvisionRow.agreement_id == agreement_id).order_by(ProvisionRow.n)
    )
    actors = session.execute(
        select(AgreementActorRow.role, ActorIdentityRow.id, ActorIdentityRow.name)
        .join(ActorIdentityRow, ActorIdentityRow.id == AgreementActorRow.identity_id)
        .where(AgreementActorRow.agreement_id == agreement_id)
    )
    return _agreement_json(row.AgreementRow, row) | {
        "actors": [{"role": role, "id": identity, "name": name} for role, identity, name in actors],
        "provisions": [
            {
                "n": p.n,
                "type": p.type,
                "obligors": json.loads(p.obligors),
                "text": p.text,
                "start": p.start,
                "end": p.end,
            }
            for p in provisions
        ],
    }


def list_outlets(session: Session) -> list[Json]:
    """Outlets by number of documents, with how many framing items they carry."""
    documents = func.count(DocumentRow.id).label("documents")
    rows = session.execute(
        select(DocumentRow.outlet, documents)
        .where(DocumentRow.outlet.is_not(None))
        .group_by(DocumentRow.outlet)
        .order_by(documents.desc())
    ).all()
    framed = _pairs(
        session,
        select(DocumentRow.outlet, func.count(FramingRow.id))
        .join(FramingRow, FramingRow.document_id == DocumentRow.id)
        .group_by(DocumentRow.outlet),
    )
    return [
        {"outlet": outlet, "documents": count, "framing": framed.get(outlet, 0)} for outlet, count in rows
    ]


def get_outlet(session: Session, outlet: str) -> Json | None:
    """An outlet's framing profile: techniques (per document), framed actors, how it reports events."""
    documents = (
        session.scalar(select(func.count()).select_from(DocumentRow).where(DocumentRow.outlet == outlet)) or 0
    )
    if documents == 0:
        return None
    of_outlet = select(DocumentRow.id).where(DocumentRow.outlet == outlet)
    techniques = _pairs(
        session,
        select(FramingRow.technique, func.count())
        .where(FramingRow.document_id.in_(of_outlet))
        .group_by(FramingRow.technique)
        .order_by(func.count().desc()),
    ).items()
    targets = session.execute(
        select(ActorIdentityRow.id, ActorIdentityRow.name, func.count().label("items"))
        .join(FramingRow, FramingRow.target_identity_id == ActorIdentityRow.id)
        .where(FramingRow.document_id.in_(of_outlet))
        .group_by(ActorIdentityRow.id, ActorIdentityRow.name)
        .order_by(func.count().desc())
        .limit(20)
    )
    statuses = _pairs(
        session,
        select(EventRow.status, func.count())
        .where(EventRow.document_id.in_(of_outlet))
        .group_by(EventRow.status),
    ).items()
    claims = _pairs(
        session,
        select(ClaimRow.hedged, func.count())
        .where(ClaimRow.document_id.in_(of_outlet))
        .group_by(ClaimRow.hedged),
    ).items()
    return {
        "outlet": outlet,
        "documents": documents,
        "techniques": [
            {"technique": t, "items": n, "per_document": round(n / documents, 3)} for t, n in techniques
        ],
        "framed_actors": [{"id": r.id, "name": r.name, "items": r.items} for r in targets],
        "event_statuses": dict(statuses),
        "claims": {"hedged" if hedged else "unhedged": n for hedged, n in claims},
    }


def stats(session: Session) -> Json:
    """How much the knowledge base holds."""

    def count(table: Any) -> int:
        return session.scalar(select(func.count()).select_from(table)) or 0

    return {
        "documents": count(DocumentRow),
        "actors": count(ActorIdentityRow),
        "places": count(PlaceIdentityRow),
        "events": count(EventClusterRow),
        "reports": count(EventRow),
        "agreements": count(AgreementRow),
        "outlets": session.scalar(select(func.count(func.distinct(DocumentRow.outlet)))) or 0,
    }
