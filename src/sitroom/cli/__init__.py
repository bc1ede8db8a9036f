"""The ``sitroom`` command line: one module per group of commands, all on one typer app."""

from __future__ import annotations

from sitroom.cli import (  # noqa: F401  (each registers its commands)
    analysis,
    evaluation,
    identities,
    knowledge_base,
    maintenance,
    publishing,
)
from sitroom.cli.common import app
from sitroom.logs import configure_logging


@app.callback()
def main() -> None:
    """Structured logs go to stderr as JSON lines when SITROOM_LOG=json (SITROOM_LOG_LEVEL sets the level)."""
    configure_logging()


__all__ = ["app"]
