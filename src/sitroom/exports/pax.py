"""PA-X-like CSV of agreements: a row per agreement, then a row per provision of it (``row_type``).

From a knowledge base an agreement is an agreement identity (its reports across documents pooled); from
records each document's agreement is its own. Stages and provision categories follow PA-X (Bell et al.,
peaceagreements.org), mapped as ``knowledge/data/AGREEMENTS.md`` documents; names of actors and places
are listed with "; " between them.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.knowledge.agreement_kinds import PAX_CATEGORIES, ROLE_FIELDS, pax_stage
from sitroom.record import Agreement, Provision, Record
from sitroom.store.schema import (
    ActorIdentityRow,
    AgreementActorRow,
    AgreementIdentityRow,
    AgreementRow,
    DocumentRow,
    ProvisionRow,
)

COLUMNS = (
    "row_type",
    "agreement_id",
    "name",
    "kind",
    "stage",
    "status",
    "sidedness",
    "written",
    "date",
    "start_date",
    "end_date",
    "end_reason",
    "duration",
    *ROLE_FIELDS.values(),
    "places",
    "reports",
    "sources",
    "first_reported",
    "last_reported",
    "provision_n",
    "provision_type",
    "pax_category",
    "obligors",
    "text",
    "doc_id",
)
Row = dict[str, Any]


def pax_csv(rows: Iterable[Row]) -> str:
    """The rows as CSV text with the header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, extrasaction="raise", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in COLUMNS})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else value


def _provision_row(agreement_id: str, provision: Provision | ProvisionRow, obligors: list[str], doc_id: str) -> Row:
    return {
        "row_type": "provision",
        "agreement_id": agreement_id,
        "provision_n": provision.n,
        "provision_type": provision.type,
        "pax_category": PAX_CATEGORIES.get(provision.type, ""),  # type: ignore[call-overload]
        "obligors": obligors,
        "text": provision.text,
        "doc_id": doc_id,
    }


# -------------------------------------------------------------------------------------------- records
def record_rows(records: Iterable[Record]) -> Iterator[Row]:
    """Each record's agreements (without a knowledge base there is no identity across documents)."""
    for record in records:
        names = {actor.id: actor.name for actor in record.actors}
        places = {place.id: place.name for place in record.places}
        for agreement in record.agreements:
            agreement_id = f"{record.id}/{agreement.id}"
            yield _record_agreement_row(agreement_id, agreement, record, names, places)
            for provision in agreement.provisions:
                obligors = [names.get(actor, actor) for actor in provision.obligors]
                yield _provision_row(agreement_id, provision, obligors, record.id)


def _record_agreement_row(
    agreement_id: str, agreement: Agreement, record: Record, names: dict[str, str], places: dict[str, str]
) -> Row:
    roles = {
        column: [names.get(actor, actor) for actor in getattr(agreement, column)] for column in ROLE_FIELDS.values()
    }
    return {
        "row_type": "agreement",
        "agreement_id": agreement_id,
        "name": _name(agreement.kind, roles["parties"], roles["mediators"]),
        "kind": agreement.kind,
        "stage": pax_stage(agreement.kind, agreement.status),
        **agreement.model_dump(
            include={"status", "sidedness", "written", "date", "start_date", "end_date", "end_reason", "duration"}
        ),
        **roles,
        "places": [places.get(place, place) for place in agreement.places],
        "reports": 1,
        "sources": 1,
        "first_reported": record.date,
        "last_reported": record.date,
        "doc_id": record.id,
    }


def _name(kind: str, parties: list[str], mediators: list[str]) -> str:
    label = ", ".join(parties) or (f"brokered by {', '.join(mediators)}" if mediators else "")
    words = kind.replace("_", " ")
    return f"{words}: {label}" if label else words


# ------------------------------------------------------------------------------------ knowledge base
def identity_rows(session: Session) -> Iterator[Row]:
    """Each agreement identity of the knowledge base, then its provisions (one per type and text)."""
    for identity in session.scalars(
        select(AgreementIdentityRow).order_by(AgreementIdentityRow.date_start, AgreementIdentityRow.id)
    ):
        members = list(
            session.execute(
                select(AgreementRow, DocumentRow.doc_id, DocumentRow.date)
                .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
                .where(AgreementRow.identity_id == identity.id)
                .order_by(DocumentRow.date, AgreementRow.id)
            )
        )
        yield _identity_row(session, identity, [member.AgreementRow for member in members])
        yield from _identity_provisions(session, identity, {m.AgreementRow.id: m.doc_id for m in members})


def _identity_row(session: Session, identity: AgreementIdentityRow, members: list[AgreementRow]) -> Row:
    roles: dict[str, list[str]] = {column: [] for column in ROLE_FIELDS.values()}
    query = (
        select(AgreementActorRow.role, ActorIdentityRow.name)
        .join(ActorIdentityRow, ActorIdentityRow.id == AgreementActorRow.identity_id)
        .where(AgreementActorRow.agreement_id.in_([member.id for member in members]))
        .order_by(AgreementActorRow.id)
    )
    columns: dict[str, str] = {role: field for role, field in ROLE_FIELDS.items()}
    for role, name in session.execute(query):
        column = columns.get(role)
        if column is not None and name not in roles[column]:
            roles[column].append(name)
    ended = [member for member in members if member.end_reason]
    return {
        "row_type": "agreement",
        "agreement_id": str(identity.id),
        "name": identity.name,
        "kind": identity.kind,
        "stage": pax_stage(identity.kind, identity.status),
        "status": identity.status,
        "sidedness": _most_common([member.sidedness for member in members]),
        "written": True if any(member.written for member in members) else None,
        "date": identity.agreed_date,
        "start_date": min((m.start_date for m in members if m.start_date), default=None),
        "end_date": max((m.end_date for m in members if m.end_date), default=None),
        "end_reason": ended[-1].end_reason if ended else None,
        "duration": next((member.duration for member in members if member.duration), None),
        **roles,
        "places": list(dict.fromkeys(name for member in members for name in json.loads(member.places or "[]"))),
        "reports": identity.report_count,
        "sources": identity.source_count,
        "first_reported": identity.date_start,
        "last_reported": identity.date_end,
    }


def _most_common(values: list[str | None]) -> str | None:
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0][0] if counts else None


def _identity_provisions(session: Session, identity: AgreementIdentityRow, documents: dict[int, str]) -> Iterator[Row]:
    seen: set[tuple[str, str]] = set()
    query = (
        select(ProvisionRow)
        .where(ProvisionRow.agreement_id.in_(list(documents)))
        .order_by(ProvisionRow.agreement_id, ProvisionRow.n)
    )
    for provision in session.scalars(query):
        key = (provision.type, " ".join(provision.text.lower().split()))
        if key in seen:
            continue
        seen.add(key)
        yield _provision_row(
            str(identity.id), provision, json.loads(provision.obligors), documents[provision.agreement_id]
        )
