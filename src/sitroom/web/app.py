"""The FastAPI application: JSON API under /api, its documentation, the web UI everywhere else."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sitroom import __version__
from sitroom.store.database import open_engine
from sitroom.web.analysis import AnalysisService
from sitroom.web.api import router, write_router
from sitroom.web.assets import Asset, load_assets
from sitroom.web.cache import ResponseCache
from sitroom.web.docs import mount_docs
from sitroom.web.identities import router as identities_router
from sitroom.web.identities import write_router as identity_decisions_router
from sitroom.web.security import HardeningMiddleware, validation_error
from sitroom.web.workbench import router as workbench_router

ANY_HOST = ("*",)


def create_app(
    db: str,
    *,
    write_token: str | None = None,
    allowed_hosts: Sequence[str] = ANY_HOST,
    analysis: AnalysisService | None = None,
) -> FastAPI:
    """An app serving the existing knowledge base at ``db`` (a SQLite path or a database URL).

    Read-only unless ``write_token`` is given; write endpoints then need ``Authorization: Bearer <token>``.
    Requests whose Host header is not in ``allowed_hosts`` are refused (400); ``sitroom serve`` passes the
    names it was started for (see :func:`sitroom.web.security.allowed_hosts`). Analyses run on ``analysis``
    (worker processes within :class:`~sitroom.web.analysis.AnalysisLimits` by default).
    """
    service = analysis or AnalysisService()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        title="sitroom",
        summary="Conflict reporting as structured, evidence-linked knowledge.",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = open_engine(db, create=False)
    app.state.write_token = write_token or None
    app.state.analysis = service
    app.state.geojson_cache = ResponseCache()
    app.add_exception_handler(RequestValidationError, validation_error)
    app.include_router(router)
    app.include_router(write_router)
    app.include_router(identities_router)
    app.include_router(identity_decisions_router)
    app.include_router(workbench_router)
    mount_docs(app)
    _mount_ui(app, load_assets())
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts), www_redirect=False)
    app.add_middleware(HardeningMiddleware)  # outermost: every answer gets the security headers
    return app


def _mount_ui(app: FastAPI, assets: dict[str, Asset]) -> None:
    """Serve the built UI from memory; unknown paths under /assets are 404s, everything else is the app."""

    def asset(name: str) -> Response:
        found = assets.get(name)
        if found is None:
            raise HTTPException(404, "not found")
        cache = "public, max-age=31536000, immutable" if name.startswith("assets/") else "no-cache"
        return Response(found.body, media_type=found.media_type, headers={"cache-control": cache})

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return asset("index.html")

    @app.get("/assets/{name}", include_in_schema=False)
    def bundled(name: str) -> Response:
        return asset(f"assets/{name}")

    @app.get("/favicon.svg", include_in_schema=False)
    def favicon() -> Response:
        return asset("favicon.svg")
