"""Keeping a knowledge base current: ``delete`` documents, ``reanalyze`` records of an older sitroom."""

from __future__ import annotations

from typing import Annotated

import typer

from sitroom.cli.common import ActorFiles, DbOption, app, settings_for, stderr


@app.command("delete")
def delete_command(
    doc_ids: Annotated[list[str], typer.Argument(help="Ids of the documents to delete.")],
    db: DbOption,
) -> None:
    """Delete documents and their analysis; their content hash and times stay in document_revisions."""
    from sitroom.store.database import open_engine
    from sitroom.store.writer import delete_document

    engine = open_engine(db)
    missing = [doc_id for doc_id in doc_ids if not delete_document(engine, doc_id)]
    stderr.print(f"deleted {len(doc_ids) - len(missing)} document(s)", highlight=False)
    if missing:
        stderr.print(f"[red]error[/red]: no document with id: {', '.join(missing)}", highlight=False)
        raise typer.Exit(code=1)


@app.command("reanalyze")
def reanalyze_command(
    db: DbOption,
    older_than: Annotated[
        str, typer.Option("--older-than", help="Refresh records analysed by a sitroom older than this version.")
    ],
    actors: ActorFiles = None,
) -> None:
    """Analyse stored documents again where an older sitroom analysed them; a stopped run resumes."""
    from sitroom.pipeline import build_pipeline
    from sitroom.progress import progress_bar
    from sitroom.reanalysis import check_limit, count_stale, reanalyze
    from sitroom.store.database import open_engine
    from sitroom.versions import current_version, parse_version

    settings = settings_for(actors)
    engine = open_engine(db)
    try:
        limit = parse_version(older_than)
        check_limit(current_version(settings), limit)
        with progress_bar(stderr) as progress:
            task = progress.add_task("reanalysing", total=count_stale(engine, limit))
            summary = reanalyze(
                engine,
                build_pipeline(settings),
                limit,
                current_version(settings),
                on_progress=lambda n: progress.advance(task, n),
            )
    except ValueError as error:
        stderr.print(f"[red]error[/red]: {error}", highlight=False)
        raise typer.Exit(code=2) from error
    stderr.print(f"refreshed {summary.refreshed}, errors {summary.errors} in {summary.seconds:.1f} s", highlight=False)


@app.command("recluster")
def recluster_command(db: DbOption) -> None:
    """Corroborate every stored event report again under the current tolerances (see docs/corroboration.md)."""
    from sqlalchemy.orm import Session

    from sitroom.store.corroboration import recluster
    from sitroom.store.database import checkpoint, open_engine

    engine = open_engine(db, create=False)
    with Session(engine) as session, session.begin():
        clusters = recluster(session)
    checkpoint(engine)
    stderr.print(f"{clusters} events after corroborating every report again", highlight=False)
