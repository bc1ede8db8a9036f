"""``sitroom serve``: run the API and web UI with uvicorn."""

from __future__ import annotations

import uvicorn

from sitroom.web.app import create_app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the knowledge base at ``db`` on http://host:port/ until interrupted."""
    app = create_app(db, write_token=token)
    print(f"sitroom UI: http://{host}:{port}/   (API docs: http://{host}:{port}/docs)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
