"""Agreements: listing, and one agreement with its actors and provisions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json, Page, count_rows, paged
from sitroom.store.schema import ActorIdentityRow, AgreementActorRow, AgreementRow, DocumentRow, ProvisionRow


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
    """Agreements, newest first, with their document."""
    base = select(AgreementRow, DocumentRow.doc_id, DocumentRow.title, DocumentRow.outlet).join(
        DocumentRow, DocumentRow.id == AgreementRow.document_id
    )
    rows = session.execute(
        base.order_by(AgreementRow.date.desc(), AgreementRow.id).limit(page.limit).offset(page.offset)
    )
    return paged(count_rows(session, base), page, [_agreement_json(row.AgreementRow, row) for row in rows])


def get_agreement(session: Session, agreement_id: int) -> Json | None:
    """One agreement with its linked actors and its provisions."""
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
