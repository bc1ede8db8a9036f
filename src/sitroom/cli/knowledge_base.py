"""Commands over the knowledge base: ``ingest``, ``search``, ``serve``, ``export``, ``gazetteer import``."""

from __future__ import annotations

import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.common import (
    ActorFiles,
    DbOption,
    app,
    existing_input,
    fail,
    report_problems,
    settings_for,
    stderr,
    stdout,
    user_errors,
)
from sitroom.cli.publishing import MetadataOption, publish_to
from sitroom.corpus import read_documents
from sitroom.exporting import ExportFormat
from sitroom.pipeline import build_pipeline
from sitroom.progress import count_items, progress_bar
from sitroom.settings import PARTITION_SIZE

_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class SearchOrder(StrEnum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


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
    """Analyse documents into the knowledge base (created if need be); stored texts are skipped, changed ones
    revised.

    Exits with status 1 when any document could not be read, analysed or stored (each is in the
    knowledge base's ingest_errors table); the others are stored all the same.
    """
    existing_input(path)
    settings = settings_for(actors)
    with user_errors(), progress_bar(stderr) as progress:
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
        stderr.print(f"{summary.errors} document(s) failed: they are kept in the ingest_errors table", highlight=False)
    _finish_ingest(db, path, (corpus_title, corpus_licence, corpus_source), metadata)
    if summary.errors:
        raise typer.Exit(code=1)


def _finish_ingest(
    db: str, path: Path, corpus: tuple[str | None, str | None, str | None], metadata: Path | None
) -> None:
    """Remember the corpus, publish when asked, and leave the write-ahead log checkpointed."""
    from sitroom.store.database import checkpoint, open_engine
    from sitroom.store.publishing import record_corpus

    with user_errors():
        engine = open_engine(db)
        record_corpus(engine, path, *corpus)
        if metadata is not None:
            publish_to(db, metadata, None)
        checkpoint(engine)


@app.command("search")
def search_command(
    query: Annotated[
        str,
        typer.Argument(
            help='The search language of the API and the web UI: words (all must occur), "a phrase", OR, NOT or '
            "-word, prefix*, (brackets); an actor's name in any spelling also finds the documents naming it."
        ),
    ],
    db: DbOption,
    limit: Annotated[int, typer.Option(help="Documents to show.", min=1, max=500)] = 20,
    offset: Annotated[int, typer.Option(help="Matches to skip (the next page).", min=0)] = 0,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet's documents.")] = None,
    date_from: Annotated[
        str | None, typer.Option(help="Documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[str | None, typer.Option(help="Documents dated on or before.")] = None,
    sort: Annotated[SearchOrder, typer.Option(help="Best matches first, or by date.")] = SearchOrder.relevance,
) -> None:
    """Search the knowledge base's documents with the API's query language; a query it cannot read is an
    error that says what and where, and status 1."""
    from rich.markup import escape
    from sqlalchemy.orm import Session

    from sitroom.store.browse import DocumentSearch, Page, search_documents
    from sitroom.store.browse.search import MARK_END, MARK_START
    from sitroom.store.corroboration import date_range
    from sitroom.store.database import open_engine
    from sitroom.store.search_syntax import SearchSyntaxError

    for name, value in (("--date-from", date_from), ("--date-to", date_to)):
        if value is not None and not (_ISO_DATE.fullmatch(value) and date_range(value)):
            fail(f"{name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, not {escape(repr(value))}")
    search = DocumentSearch(query, outlet, date_from, date_to, sort=sort.value)
    with user_errors(), Session(open_engine(db, create=False)) as session:
        try:
            found = search_documents(session, search, Page(limit=limit, offset=offset))
        except SearchSyntaxError as error:
            fail(f"search syntax: {escape(str(error))}")
    shown = len(found["items"])
    stderr.print(f"{found['total']} document(s) match" + (f"; {offset + 1} to {offset + shown} shown" if shown else ""))
    for hit in found["items"]:
        snippet = escape(hit["snippet"] or "").replace(MARK_START, "[bold]").replace(MARK_END, "[/bold]")
        heading = escape(" · ".join(part for part in (hit["title"], hit["outlet"], hit["date"]) if part))
        stdout.print(f"[bold]{escape(hit['doc_id'])}[/bold]  {heading}\n    {snippet}", highlight=False)


@app.command("serve")
def serve_command(
    db: DbOption,
    host: str = "127.0.0.1",
    port: int = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(help="File whose first line is the bearer token that enables writes (or set SITROOM_TOKEN)."),
    ] = None,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(help="Another host name clients use to reach the server (a proxy's): repeatable."),
    ] = None,
    analyze_workers: Annotated[int, typer.Option(help="Processes that analyse posted text.", min=1)] = 1,
    analyze_max_chars: Annotated[int, typer.Option(help="Longest text analysed (longer: 413).", min=1)] = 100_000,
    analyze_seconds: Annotated[float, typer.Option(help="Time limit of one analysis (longer: 503).", min=1)] = 30.0,
    token: Annotated[str | None, typer.Option(hidden=True)] = None,
) -> None:
    """Serve the HTTP API and the web UI over an existing knowledge base (read-only without a token)."""
    from sitroom.web.analysis import AnalysisLimits
    from sitroom.web.security import read_token
    from sitroom.web.server import serve

    if token is not None:
        fail("--token is refused (every local user can read it with `ps`): set SITROOM_TOKEN or use --token-file")
    try:
        write_token = read_token(token_file)
    except ValueError as error:
        fail(str(error))
    limits = AnalysisLimits(
        max_chars=analyze_max_chars, workers=analyze_workers, waiting=analyze_workers, seconds=analyze_seconds
    )
    with user_errors():
        serve(db, host=host, port=port, token=write_token, extra_hosts=allowed_host or (), limits=limits)


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

    if output is not None and not output.parent.is_dir():
        fail(f"{output}: the folder {output.parent} does not exist")
    if db is not None and records is None:
        source = records_from_db(db)
    elif records is not None and db is None:
        source = records_from_file(records)
    else:
        fail("give exactly one of --db and --records", code=2)
    with user_errors():
        try:
            body = export_text(export_format, source, db)
        except ValueError as error:
            fail(str(error))
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
