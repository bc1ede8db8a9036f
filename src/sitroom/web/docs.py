"""The API documentation pages (Swagger UI at /docs, ReDoc at /redoc), served offline.

The scripts and styles come from the fastapi-offline package (which ships Swagger UI and ReDoc), read into
memory once. The pages load them, and a small start-up script, from this server: no CDN, no inline script,
so the app's content security policy holds on these pages too.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, Response

from sitroom.web.assets import Asset, load_assets
from sitroom.web.security import CONTENT_SECURITY_POLICY

DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
PREFIX = "/docs-assets"
# ReDoc runs its search index in a worker it creates from a blob: URL; nothing else is allowed beyond the
# app's policy. (Its "API docs by Redocly" logo, an image on a CDN, stays blocked: the page hides it.)
REDOC_POLICY = f"{CONTENT_SECURITY_POLICY}; worker-src 'self' blob:"

_SWAGGER_START = b"""window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
});
"""


def _page(title: str, head: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{PREFIX}/favicon.png">
{head}
</head>
<body>
{body}
</body>
</html>
"""


SWAGGER_PAGE = _page(
    "sitroom API: Swagger UI",
    f'<link rel="stylesheet" href="{PREFIX}/swagger-ui.css">',
    f'<div id="swagger-ui"></div>\n<script src="{PREFIX}/swagger-ui-bundle.js"></script>\n'
    f'<script src="{PREFIX}/swagger-start.js"></script>',
)
REDOC_PAGE = _page(
    "sitroom API: ReDoc",
    "",
    f'<redoc spec-url="/openapi.json"></redoc>\n<script src="{PREFIX}/redoc.standalone.js"></script>',
)


def mount_docs(app: FastAPI) -> None:
    """Add /docs, /redoc and their assets to ``app`` (created with ``docs_url=None, redoc_url=None``)."""
    assets = load_assets(DOCS_ASSETS)
    assets["swagger-start.js"] = Asset(_SWAGGER_START, "text/javascript")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(SWAGGER_PAGE)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(REDOC_PAGE, headers={"content-security-policy": REDOC_POLICY})

    @app.get(PREFIX + "/{name}", include_in_schema=False)
    def docs_asset(name: str) -> Response:
        found = assets.get(name)
        if found is None:
            raise HTTPException(404, "not found")
        return Response(found.body, media_type=found.media_type, headers={"cache-control": "public, max-age=86400"})
