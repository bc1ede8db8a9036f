"""The ``sitroom`` command line: one module per group of commands, all on one typer app."""

from __future__ import annotations

from sitroom.cli import analysis, evaluation, knowledge_base, maintenance, publishing  # noqa: F401  (each registers its commands)
from sitroom.cli.common import app
from sitroom.logs import configure_logging


@app.callback()
def main() -> None:
    """Structured logs go to stderr as JSON lines when SITROOM_LOG=json (SITROOM_LOG_LEVEL sets the level)."""
    configure_logging()


__all__ = ["app"]
