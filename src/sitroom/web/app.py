"""The FastAPI application: JSON API under /api, the web UI everywhere else."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException
from fastapi.responses import Response

from sitroom.store.database import open_engine
from sitroom.web.api import analyzer, router
from sitroom.web.assets import Asset, load_assets
from sitroom.web.cache import ResponseCache
from sitroom.web.identities import router as identities_router
from sitroom.web.security import HardeningMiddleware


def create_app(db: str, *, write_token: str | None = None) -> FastAPI:
    """An app serving the knowledge base at ``db`` (a SQLite path or a database URL).

    Read-only unless ``write_token`` is given; write endpoints then need ``Authorization: Bearer <token>``.
    """
    app = FastAPI(
        title="sitroom",
        summary="Conflict reporting as structured, evidence-linked knowledge.",
        version="0.1.0",
    )
    app.state.engine = open_engine(db)
    app.state.write_token = write_token or None
    app.state.analyzer = analyzer
    app.state.geojson_cache = ResponseCache()
    app.include_router(router)
    app.include_router(identities_router)
    _mount_ui(app, load_assets())
    app.add_middleware(HardeningMiddleware)
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
