"""``sitroom serve``: run the API and web UI with uvicorn."""

from __future__ import annotations

from collections.abc import Sequence

import uvicorn

from sitroom.web.analysis import AnalysisLimits, AnalysisService
from sitroom.web.app import create_app
from sitroom.web.security import allowed_hosts


def serve(
    db: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: str | None = None,
    extra_hosts: Sequence[str] = (),
    limits: AnalysisLimits | None = None,
) -> None:
    """Serve the knowledge base at ``db`` on http://host:port/ until interrupted.

    Only requests naming ``host``, a loopback name or one of ``extra_hosts`` are answered; analyses run
    in worker processes within ``limits``, started now so they are ready for the first request.
    """
    service = AnalysisService(limits)
    hosts = allowed_hosts(host, extra_hosts)
    app = create_app(db, write_token=token, allowed_hosts=hosts, analysis=service)
    service.start()
    shown = f"[{host}]" if ":" in host else host
    print(f"sitroom UI: http://{shown}:{port}/   (API docs: http://{shown}:{port}/docs)", flush=True)
    print(f"answering to the host names: {', '.join(hosts)} (add others with --allowed-host)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
