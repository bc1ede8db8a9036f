"""The ``sitroom`` command line."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from sitroom.documents import Document, ReadError
from sitroom.exporting import ExportFormat
from sitroom.logs import configure_logging
from sitroom.pipeline import analyze, build_pipeline
from sitroom.progress import count_items, progress_bar
from sitroom.readers import read_documents
from sitroom.record import ErrorRecord, Record, record_json_schema
from sitroom.report import print_record
from sitroom.settings import PARTITION_SIZE, Settings

app = typer.Typer(help="Conflict reporting → structured, evidence-linked knowledge.", no_args_is_help=True)


@app.callback()
def main() -> None:
    """Structured logs go to stderr as JSON lines when SITROOM_LOG=json (SITROOM_LOG_LEVEL sets the level)."""
    configure_logging()


stdout = Console()
stderr = Console(stderr=True, soft_wrap=True)

ActorFiles = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor registry YAML file(s).", exists=True)
]
DbOption = Annotated[str, typer.Option("--db", help="Knowledge base: a SQLite file or a database URL.")]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def _settings(actors: list[Path] | None) -> Settings:
    return Settings(actor_files=tuple(actors or ()))


def _report_problems(items: Iterator[Document | ReadError]) -> Iterator[Document | ReadError]:
    """Pass items through, printing each warning on stderr as it goes by."""
    for item in items:
        if isinstance(item, Document):
            for warning in item.warnings:
                stderr.print(f"[yellow]warning[/yellow]: {item.source}: {warning}", highlight=False)
        yield item


@app.command("analyze")
def analyze_command(
    path: Annotated[Path, typer.Argument(help="A file, a folder, or a JSONL/CSV corpus.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
    actors: ActorFiles = None,
) -> None:
    """Analyse documents and print their records (JSON Lines when there are several)."""
    nlp = build_pipeline(_settings(actors))
    total = count_items(path)
    failures = 0
    records: list[Record] = []
    with progress_bar(stderr) as progress:
        task = progress.add_task("analysing", total=total)
        for result in analyze(nlp, _report_problems(read_documents(path))):
            progress.advance(task)
            if isinstance(result, ErrorRecord):
                failures += 1
                stderr.print(f"[red]error[/red]: {result.source}: {result.error}", highlight=False)
            elif output_format is OutputFormat.text:
                print_record(result, stdout)
            elif output_format is OutputFormat.jsonl:
                sys.stdout.write(result.to_json() + "\n")
            else:
                records.append(result)
    if records:
        single = len(records) == 1 and failures == 0
        sys.stdout.write(
            records[0].to_json(indent=2) + "\n" if single else "".join(r.to_json() + "\n" for r in records)
        )
    if failures:
        stderr.print(f"{failures} document(s) could not be analysed", highlight=False)
        raise typer.Exit(code=1)


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
) -> None:
    """Analyse documents into the knowledge base; documents already stored are skipped."""
    settings = _settings(actors)
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
            summary = ingest(engine, nlp, _report_problems(read_documents(path)), on_progress=advance)
    stderr.print(
        f"read {summary.read}, added {summary.added}, already stored {summary.already_stored}, "
        f"errors {summary.errors} in {summary.seconds:.1f} s",
        highlight=False,
    )
    if summary.errors:
        stderr.print("errors are kept in the ingest_errors table", highlight=False)


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


@app.command("eval-geo")
def eval_geo_command(
    corpora: Annotated[list[Path], typer.Argument(help="lgl.xml and/or GeoVirus.xml.", exists=True)],
    baseline: Annotated[bool, typer.Option(help="Also score the population-only baseline.")] = True,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles of each corpus.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
) -> None:
    """Geoparsing accuracy on standard corpora: toponym P/R/F1, Acc@161km, mean and median error."""
    from sitroom.geoeval import evaluate_geo, geo_table

    reports = [evaluate_geo(path, limit=limit) for path in corpora]
    if baseline:
        reports += [evaluate_geo(path, baseline=True, limit=limit) for path in corpora]
    stdout.print(geo_table(reports))
    if json_out:
        json_out.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n", encoding="utf-8")


@app.command("eval-events")
def eval_events_command(
    corpus: Annotated[Path, typer.Argument(help="plover_gsr_dev.json or PETR2_GSR_validation.xml.", exists=True)],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
) -> None:
    """Event coding accuracy on PLOVER / PETRARCH-2 gold sentences."""
    from sitroom.eventeval import evaluate_events

    report = evaluate_events(corpus)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command("eval-framing")
def eval_framing_command(
    directory: Annotated[Path, typer.Argument(help="A PTC folder (train-articles/, train-task2-TC.labels).")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles (after --skip).", min=0)] = None,
    skip: Annotated[int, typer.Option(help="Leave out the first N articles (in id order).", min=0)] = 0,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
) -> None:
    """Propaganda-technique span P/R/F1 per technique, as in SemEval-2020 Task 11."""
    from sitroom.ptceval import evaluate_ptc

    report = evaluate_ptc(directory, limit=limit, skip=skip)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


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


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the analysis record."""
    sys.stdout.write(record_json_schema() + "\n")


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="A gold file in the format of gold/FORMAT.md.", exists=True)],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")] = None,
    actors: ActorFiles = None,
) -> None:
    """Run the pipeline on a gold file's documents and score the records against it."""
    from sitroom.evaluation import load_gold, score
    from sitroom.readers import make_document

    gold_set = load_gold(gold)
    nlp = build_pipeline(_settings(actors))
    documents = [make_document(doc.id, doc.text, str(doc.text_file)) for doc in gold_set.documents]
    records = {r.id: r for r in analyze(nlp, documents) if isinstance(r, Record)}
    report = score(gold_set, records)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")
