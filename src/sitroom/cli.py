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
from sitroom.pipeline import analyze, build_pipeline
from sitroom.progress import count_items, progress_bar
from sitroom.readers import read_documents
from sitroom.record import ErrorRecord, Record, record_json_schema
from sitroom.report import print_record
from sitroom.settings import Settings

app = typer.Typer(help="Conflict reporting → structured, evidence-linked knowledge.", no_args_is_help=True)
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
) -> None:
    """Analyse documents into the knowledge base; documents already stored are skipped."""
    from sitroom.ingest import ingest
    from sitroom.store.database import open_engine

    engine = open_engine(db)
    nlp = build_pipeline(_settings(actors))
    with progress_bar(stderr) as progress:
        task = progress.add_task("ingesting", total=count_items(path))
        summary = ingest(
            engine,
            nlp,
            _report_problems(read_documents(path)),
            on_progress=lambda n: progress.advance(task, n),
        )
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


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the analysis record."""
    sys.stdout.write(record_json_schema() + "\n")


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="A gold file in the format of gold/FORMAT.md.", exists=True)],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
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
