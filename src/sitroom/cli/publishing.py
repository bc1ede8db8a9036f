"""Publishing a knowledge base: ``publish`` makes a SQLite knowledge base ready for Datasette."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.common import app, stderr

MetadataOption = Annotated[
    Path | None,
    typer.Option("--metadata", help="Write Datasette metadata here (YAML, or JSON for a .json name)."),
]
TitleOption = Annotated[str | None, typer.Option("--title", help="Title of the published knowledge base.")]


def publish_to(db: str, metadata: Path, title: str | None) -> None:
    """Publish the knowledge base ``db`` with its metadata at ``metadata``, or exit with a clear error."""
    from sitroom.store.database import open_engine
    from sitroom.store.publishing import publish

    try:
        publish(open_engine(db), metadata, title)
    except (OSError, ValueError) as error:
        stderr.print(f"[red]error[/red]: {error}", highlight=False)
        raise typer.Exit(code=1) from error
    stderr.print(f"published: datasette {db} --metadata {metadata}", highlight=False)


@app.command("publish")
def publish_command(
    db: Annotated[str, typer.Argument(help="The knowledge base: a SQLite file.")],
    metadata: Annotated[Path, typer.Option("--metadata", help="Write Datasette metadata here (YAML or .json).")],
    title: TitleOption = None,
) -> None:
    """Make a SQLite knowledge base ready for Datasette: full-text search, metadata, checkpointed log."""
    publish_to(db, metadata, title)
