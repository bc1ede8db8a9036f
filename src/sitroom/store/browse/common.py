"""Paging and small query helpers shared by the browse queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from sitroom.store.schema import PlaceIdentityRow

Json = dict[str, Any]


@dataclass(frozen=True)
class Page:
    """A window on a result list."""

    limit: int = 50
    offset: int = 0


def paged(total: int | None, page: Page, items: list[Json]) -> Json:
    """One page of items with the total they are taken from."""
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": items}


def pairs(session: Session, statement: Select[*tuple[Any, ...]]) -> dict[Any, Any]:
    """A two-column query as a dict."""
    return {key: value for key, value in session.execute(statement)}


def count_rows(session: Session, query: Select[*tuple[Any, ...]], *, ordered: bool = False) -> int:
    """How many rows a query returns, whatever its order (kept when ``ordered``: a limited query's order can
    tell the database where to read from)."""
    counted = query if ordered else query.order_by(None)
    return session.scalar(select(func.count()).select_from(counted.subquery())) or 0


def escape_like(value: str) -> str:
    """The value with LIKE wildcards escaped (escape character ``\\``)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def document_summary(row: Any, snippet: str | None = None) -> Json:
    """A document's id, title, date and outlet, with a search snippet when there is one."""
    return {
        "doc_id": row.doc_id,
        "title": row.title,
        "date": row.date,
        "outlet": row.outlet,
        "snippet": snippet,
    }


def place_json(place: PlaceIdentityRow | None) -> Json | None:
    """A place identity's id, name, country and point (``located_by``: "parent" when the point is that of a
    place containing it)."""
    if place is None:
        return None
    return {
        "id": place.id,
        "name": place.name,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "located_by": place.located_by,
    }
