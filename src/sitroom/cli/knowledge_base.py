"""Commands over the knowledge base: ``ingest``, ``search``, ``serve``, ``export``, ``gazetteer import``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.common import ActorFiles, DbOption, app, report_problems, settings_for, stderr, stdout
from sitroom.cli.publishing import MetadataOption, publish_to
from sitroom.exporting import ExportFormat
from sitroom.pipeline import build_pipeline
from sitroom.progress import count_items, progress_bar
from sitroom.readers import read_documents
from sitroom.settings import PARTITION_SIZE


@app.command("ingest")
def ingest_command(
    path: Annotated[Path, typer.Argument(help="A file, a folder, or a JSONL/CSV corpus.")],
    db: DbOption,
    actors: ActorFiles = None,
    workers: Annotated[
        int | None, typer.Option(help="Analyse on a local Dask cluster of N worker processes.", min=1)
    ] = None,
    scheduler: Annotated[str | None, typer.Option(help="Analyse on an existing Dask cluster: tcp://HOST:PORT.")] = None,
    partition_size: Annotated[
        int, typer.Option(help="Documents per Dask task (with --workers or --scheduler).", min=1)
    ] = PARTITION_SIZE,
    corpus_title: Annotated[str | None, typer.Option(help="The corpus's title, for the published metadata.")] = None,
    corpus_licence: Annotated[str | None, typer.Option(help="The corpus's licence, e.g. 'CC BY 4.0'.")] = None,
    corpus_source: Annotated[str | None, typer.Option(help="Where the corpus comes from (a URL).")] = None,
    metadata: MetadataOption = None,
) -> None:
    """Analyse documents into the knowledge base; stored texts are skipped, changed ones revised."""
    settings = settings_for(actors)
    with progress_bar(stderr) as progress:
        task = progress.add_task("ingesting", total=count_items(path))

        def advance(count: int) -> None:
            progress.advance(task, count)

        if workers is not None or scheduler is not None:
            from sitroom.distributed import ingest_distributed

            summary = ingest_distributed(
                path,
                db,
                workers=workers,
                scheduler=scheduler,
                partition_size=partition_size,
                settings=settings,
                on_progress=advance,
            )
        else:
            from sitroom.ingest import ingest
            from sitroom.store.database import open_engine

            engine = open_engine(db)
            nlp = build_pipeline(settings)
            summary = ingest(engine, nlp, report_problems(read_documents(path)), on_progress=advance)
    stderr.print(
        f"read {summary.read}, added {summary.added}, already stored {summary.already_stored}, "
        f"errors {summary.errors} in {summary.seconds:.1f} s",
        highlight=False,
    )
    if summary.revised:
        stderr.print(f"revised {summary.revised} (changed texts; old versions in document_revisions)")
    if summary.errors:
        stderr.print("errors are kept in the ingest_errors table", highlight=False)
    _finish_ingest(db, path, (corpus_title, corpus_licence, corpus_source), metadata)


def _finish_ingest(
    db: str, path: Path, corpus: tuple[str | None, str | None, str | None], metadata: Path | None
) -> None:
    """Remember the corpus, publish when asked, and leave the write-ahead log checkpointed."""
    from sitroom.store.database import checkpoint, open_engine
    from sitroom.store.publishing import record_corpus

    engine = open_engine(db)
    record_corpus(engine, path, *corpus)
    if metadata is not None:
        publish_to(db, metadata, None)
    checkpoint(engine)


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find in titles and texts.")],
    db: DbOption,
    limit: int = 20,
) -> None:
    """Full-text search over the knowledge base's documents."""
    from sitroom.store.database import open_engine
    from sitroom.store.queries import search_documents

    for hit in search_documents(open_engine(db), query, limit):
        stdout.print(f"[bold]{hit.doc_id}[/bold]  {hit.title or ''}\n    {hit.snippet}", highlight=False)


@app.command("serve")
def serve_command(
    db: DbOption,
    host: str = "127.0.0.1",
    port: int = 8000,
    token: Annotated[str | None, typer.Option(help="Bearer token that enables write endpoints.")] = None,
) -> None:
    """Serve the HTTP API and the web UI over a knowledge base."""
    from sitroom.web.server import serve

    serve(db, host=host, port=port, token=token)


@app.command("export")
def export_command(
    export_format: Annotated[ExportFormat, typer.Option("--format", "-f")],
    db: Annotated[str | None, typer.Option("--db", help="Export from this knowledge base.")] = None,
    records: Annotated[
        Path | None, typer.Option("--records", help="Export records written by `analyze --format json/jsonl`.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Export records as JSON Lines, ACLED-style CSV, PLOVER JSON, GeoJSON (places) or GraphML (network)."""
    from sitroom.exporting import export_text, records_from_db, records_from_file

    if db is not None and records is None:
        source = records_from_db(db)
    elif records is not None and db is None:
        source = records_from_file(records)
    else:
        stderr.print("[red]error[/red]: give exactly one of --db and --records")
        raise typer.Exit(code=2)
    try:
        body = export_text(export_format, source, db)
    except (OSError, ValueError) as error:
        stderr.print(f"[red]error[/red]: {error}", highlight=False)
        raise typer.Exit(code=1) from error
    if output is None:
        sys.stdout.write(body)
    else:
        output.write_text(body, encoding="utf-8")


gazetteer_app = typer.Typer(help="The offline gazetteer used by the places layer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import_command(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: SY.zip, IQ.txt, allCountries.zip ...", exists=True)],
) -> None:
    """Add a GeoNames country dump (19-column format) so villages and facilities resolve too."""
    from sitroom.knowledge.gazetteer import import_geonames_dump

    try:
        added = import_geonames_dump(dump)
    except (OSError, ValueError) as error:
        stderr.print(f"[red]error[/red]: {dump}: {error}", highlight=False)
        raise typer.Exit(code=1) from error
    stdout.print(f"imported {added:,} places from {dump}")
