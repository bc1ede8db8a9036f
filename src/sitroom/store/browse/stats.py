"""How much the knowledge base holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sitroom.store.browse.common import Json
from sitroom.store.schema import (
    ActorIdentityRow,
    AgreementRow,
    DocumentRow,
    EventClusterRow,
    EventRow,
    PlaceIdentityRow,
)


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
