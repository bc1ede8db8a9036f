"""Agreements: each document's agreements, and agreement identities across documents with the timeline of
their status reports, their actors by role, their reports and their provisions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json, Page, count_rows, paged
from sitroom.store.schema import (
    ActorIdentityRow,
    AgreementActorRow,
    AgreementIdentityRow,
    AgreementRow,
    AgreementStatusRow,
    DocumentRow,
    ProvisionRow,
)

NAME_LISTS = ("parties", "signatories", "implementers", "mediators", "guarantors", "monitors", "excluded", "places")


def _names(value: str | None) -> list[str]:
    return json.loads(value) if value else []


def _agreement_json(row: AgreementRow, doc: Any) -> Json:
    return {
        "id": row.id,
        "kind": row.kind,
        "date": row.date,
        "place": row.place,
        **{name: _names(getattr(row, name)) for name in NAME_LISTS},
        "status": row.status,
        "sidedness": row.sidedness,
        "written": row.written,
        "start_date": row.start_date,
        "end_date": row.end_date,
        "end_reason": row.end_reason,
        "duration": row.duration,
        "identity_id": row.identity_id,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "document_date": doc.document_date,
    }


def _with_document() -> Any:
    return select(
        AgreementRow, DocumentRow.doc_id, DocumentRow.title, DocumentRow.outlet, DocumentRow.date.label("document_date")
    ).join(DocumentRow, DocumentRow.id == AgreementRow.document_id)


def list_agreements(session: Session, page: Page) -> Json:
    """Every document's agreements, newest first, with their document."""
    base = _with_document()
    rows = session.execute(
        base.order_by(AgreementRow.date.desc(), AgreementRow.id).limit(page.limit).offset(page.offset)
    )
    return paged(count_rows(session, base), page, [_agreement_json(row.AgreementRow, row) for row in rows])


def get_agreement(session: Session, agreement_id: int) -> Json | None:
    """One document's agreement: its actors, provisions, status reports, and its identity's timeline."""
    row = session.execute(_with_document().where(AgreementRow.id == agreement_id)).first()
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
    agreement: AgreementRow = row.AgreementRow
    identity = session.get(AgreementIdentityRow, agreement.identity_id) if agreement.identity_id else None
    return _agreement_json(agreement, row) | {
        "actors": [{"role": role, "id": identity_id, "name": name} for role, identity_id, name in actors],
        "provisions": [_provision_json(p) for p in provisions],
        "statuses": _timeline(session, AgreementStatusRow.agreement_id == agreement_id),
        "identity": _identity_json(identity) if identity else None,
        "timeline": _timeline(session, AgreementStatusRow.identity_id == identity.id) if identity else [],
    }


def _provision_json(provision: ProvisionRow) -> Json:
    return {
        "n": provision.n,
        "type": provision.type,
        "obligors": json.loads(provision.obligors),
        "text": provision.text,
        "start": provision.start,
        "end": provision.end,
    }


# ------------------------------------------------------------------------------------------ identities
def _identity_json(row: AgreementIdentityRow) -> Json:
    return {
        "id": row.id,
        "name": row.name,
        "kind": row.kind,
        "status": row.status,
        "status_date": row.status_date,
        "agreed_date": row.agreed_date,
        "date_start": row.date_start,
        "date_end": row.date_end,
        "report_count": row.report_count,
        "source_count": row.source_count,
    }


def list_agreement_identities(session: Session, page: Page) -> Json:
    """Agreements across documents, the most recently reported first."""
    base = select(AgreementIdentityRow)
    rows = session.scalars(
        base.order_by(
            AgreementIdentityRow.date_end.desc(), AgreementIdentityRow.report_count.desc(), AgreementIdentityRow.id
        )
        .limit(page.limit)
        .offset(page.offset)
    )
    return paged(count_rows(session, base), page, [_identity_json(row) for row in rows])


def get_agreement_identity(session: Session, identity_id: int) -> Json | None:
    """One agreement across documents: its timeline, actors by role, reports and provisions."""
    identity = session.get(AgreementIdentityRow, identity_id)
    if identity is None:
        return None
    reports = session.execute(
        _with_document().where(AgreementRow.identity_id == identity_id).order_by(DocumentRow.date)
    )
    members = [_agreement_json(row.AgreementRow, row) for row in reports]
    return _identity_json(identity) | {
        "timeline": _timeline(session, AgreementStatusRow.identity_id == identity_id),
        "actors": _actors_by_role(session, identity_id),
        "reports": members,
        "provisions": _identity_provisions(session, identity_id),
    }


def _timeline(session: Session, condition: Any) -> list[Json]:
    """Status reports, by date then document date, with their document."""
    query = (
        select(AgreementStatusRow, DocumentRow.doc_id, DocumentRow.outlet, DocumentRow.date, AgreementRow.id)
        .join(AgreementRow, AgreementRow.id == AgreementStatusRow.agreement_id)
        .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
        .where(condition)
        .order_by(AgreementStatusRow.date, DocumentRow.date, AgreementStatusRow.id)
    )
    return [
        {
            "status": report.status,
            "date": report.date,
            "actors": json.loads(report.actors),
            "events": json.loads(report.events),
            "evidence": report.evidence,
            "start": report.evidence_start,
            "end": report.evidence_end,
            "doc_id": doc_id,
            "outlet": outlet,
            "document_date": document_date,
            "agreement_id": agreement_id,
        }
        for report, doc_id, outlet, document_date, agreement_id in session.execute(query)
    ]


def _actors_by_role(session: Session, identity_id: int) -> list[Json]:
    query = (
        select(AgreementActorRow.role, ActorIdentityRow.id, ActorIdentityRow.name, func.count())
        .join(AgreementRow, AgreementRow.id == AgreementActorRow.agreement_id)
        .join(ActorIdentityRow, ActorIdentityRow.id == AgreementActorRow.identity_id)
        .where(AgreementRow.identity_id == identity_id)
        .group_by(AgreementActorRow.role, ActorIdentityRow.id, ActorIdentityRow.name)
        .order_by(AgreementActorRow.role, func.count().desc(), ActorIdentityRow.name)
    )
    return [
        {"role": role, "id": actor, "name": name, "reports": count}
        for role, actor, name, count in session.execute(query)
    ]


def _identity_provisions(session: Session, identity_id: int) -> list[Json]:
    query = (
        select(ProvisionRow, DocumentRow.doc_id)
        .join(AgreementRow, AgreementRow.id == ProvisionRow.agreement_id)
        .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
        .where(AgreementRow.identity_id == identity_id)
        .order_by(DocumentRow.date, AgreementRow.id, ProvisionRow.n)
    )
    return [_provision_json(provision) | {"doc_id": doc_id} for provision, doc_id in session.execute(query)]
