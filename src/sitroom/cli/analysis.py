"""Commands that analyse documents and describe the record: ``analyze``, ``schema``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.common import ActorFiles, app, existing_input, report_problems, settings_for, stderr, stdout
from sitroom.corpus import read_documents
from sitroom.pipeline import analyze, build_pipeline
from sitroom.progress import count_items, progress_bar
from sitroom.record import ErrorRecord, Record, record_json_schema
from sitroom.report import print_record


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command("analyze")
def analyze_command(
    path: Annotated[Path, typer.Argument(help="A file, a folder, or a JSONL/CSV corpus.")],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.text,
    actors: ActorFiles = None,
) -> None:
    """Analyse documents and print their records (JSON Lines when there are several)."""
    existing_input(path)
    nlp = build_pipeline(settings_for(actors))
    total = count_items(path)
    failures = 0
    records: list[Record] = []
    with progress_bar(stderr) as progress:
        task = progress.add_task("analysing", total=total)
        for result in analyze(nlp, report_problems(read_documents(path))):
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


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the analysis record."""
    sys.stdout.write(record_json_schema() + "\n")
