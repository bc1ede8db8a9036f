"""The identities API: merged actor identities to review, and an analyst's decision on one (a write)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Security
from pydantic import BaseModel, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sitroom.store.identity_review import candidates, decide
from sitroom.web.api import BAD_REQUEST, TOKEN_RESPONSES
from sitroom.web.security import TokenFirstRoute, bearer

router = APIRouter(prefix="/api/identities", tags=["identities"], responses=BAD_REQUEST)
write_router = APIRouter(
    prefix="/api/identities",
    tags=["identities"],
    route_class=TokenFirstRoute,
    dependencies=[Security(bearer)],
    responses=BAD_REQUEST,
)
MAX_ID = 2**63 - 1


class Decision(BaseModel):
    """Two identities are one actor ("same") or two ("different")."""

    identity: int = Field(ge=1, le=MAX_ID)
    other: int = Field(ge=1, le=MAX_ID)
    verdict: Literal["same", "different"]
    by: str = Field(min_length=1, max_length=128)
    note: str | None = Field(default=None, max_length=2000)


@router.get("/links")
def get_links(
    request: Request,
    status: Literal["proposed", "accepted", "rejected", "all"] = "proposed",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, object]:
    """Links between identities whose names are spellings of one name, most documents first."""
    engine: Engine = request.app.state.engine
    with Session(engine) as session:
        found = candidates(session, None if status == "all" else status, limit, offset)
    writable = bool(request.app.state.write_token)
    return {"items": [item.__dict__ for item in found], "limit": limit, "offset": offset, "writable": writable}


@write_router.post("/decisions", responses={**TOKEN_RESPONSES, 404: {"description": "No such pair of identities"}})
def post_decision(request: Request, decision: Decision) -> dict[str, object]:
    """Record an analyst's verdict on two identities; every later ingest honours it."""
    engine: Engine = request.app.state.engine
    with Session(engine) as session, session.begin():
        try:
            decide(session, decision.identity, decision.other, decision.verdict, decision.by, decision.note)
        except ValueError as error:
            raise HTTPException(404, str(error)) from error
    return {"identity": decision.identity, "other": decision.other, "verdict": decision.verdict}
