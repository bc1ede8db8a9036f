"""Evaluation commands: the gold scorer (``eval``) and the public corpora (``eval-geo``, ``eval-events``,
``eval-framing``, ``eval-attribution``)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sitroom.cli.common import ActorFiles, JsonOut, app, settings_for, stdout
from sitroom.pipeline import analyze, build_pipeline
from sitroom.record import Record


class Half(StrEnum):
    A = "A"
    B = "B"


@app.command("eval-geo")
def eval_geo_command(
    corpora: Annotated[list[Path], typer.Argument(help="lgl.xml and/or GeoVirus.xml.", exists=True)],
    baseline: Annotated[bool, typer.Option(help="Also score the population-only baseline.")] = True,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles of each corpus.")] = None,
    half: Annotated[
        str | None, typer.Option(help="Only half A or B of each corpus (by article; see evaluation/corpora/geo.py).")
    ] = None,
    actor_mentions: Annotated[
        bool, typer.Option(help='Count a place\'s acting mentions ("Norway said") as toponyms too.')
    ] = True,
    json_out: JsonOut = None,
) -> None:
    """Geoparsing accuracy on standard corpora: toponym P/R/F1, Acc@161km, mean and median error; recall by
    feature class and the most frequent misses."""
    from sitroom.evaluation.corpora.geo import class_table, evaluate_geo, geo_table, misses_table

    if half is not None and half not in ("A", "B"):
        raise typer.BadParameter("--half must be A or B")
    reports = [evaluate_geo(path, limit=limit, half=half, actor_mentions=actor_mentions) for path in corpora]
    if baseline:
        reports += [
            evaluate_geo(path, baseline=True, limit=limit, half=half, actor_mentions=actor_mentions) for path in corpora
        ]
    stdout.print(geo_table(reports))
    stdout.print(class_table(reports))
    for report in reports[: len(corpora)]:
        stdout.print(misses_table(report))
    if json_out:
        json_out.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n", encoding="utf-8")


@app.command("eval-events")
def eval_events_command(
    corpus: Annotated[Path, typer.Argument(help="plover_gsr_dev.json or PETR2_GSR_validation.xml.", exists=True)],
    half: Annotated[
        Half | None, typer.Option(help="Only one half of the sentences, split by a digest of their ids.")
    ] = None,
    json_out: JsonOut = None,
) -> None:
    """Event coding accuracy on PLOVER / PETRARCH-2 gold sentences."""
    from sitroom.evaluation.corpora.events import evaluate_events

    report = evaluate_events(corpus, half=half.value if half is not None else None)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command("eval-framing")
def eval_framing_command(
    directory: Annotated[Path, typer.Argument(help="A PTC folder (train-articles/, train-task2-TC.labels).")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles (after --skip).", min=0)] = None,
    skip: Annotated[int, typer.Option(help="Leave out the first N articles (in id order).", min=0)] = 0,
    json_out: JsonOut = None,
) -> None:
    """Propaganda-technique span P/R/F1 per technique, as in SemEval-2020 Task 11."""
    from sitroom.evaluation.corpora.ptc import evaluate_ptc

    report = evaluate_ptc(directory, limit=limit, skip=skip)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="A gold file in the format of gold/FORMAT.md.", exists=True)],
    json_out: JsonOut = None,
    actors: ActorFiles = None,
) -> None:
    """Run the pipeline on a gold file's documents and score the records against it."""
    from sitroom.evaluation import load_gold, score
    from sitroom.readers import make_document

    gold_set = load_gold(gold)
    nlp = build_pipeline(settings_for(actors))
    documents = [make_document(doc.id, doc.text, str(doc.text_file)) for doc in gold_set.documents]
    records = {r.id: r for r in analyze(nlp, documents) if isinstance(r, Record)}
    report = score(gold_set, records)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command("eval-attribution")
def eval_attribution_command(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR folder (text/, attributions/).", exists=True)],
    json_out: JsonOut = None,
) -> None:
    """Attribution relations on PolNeAR: content P/R/F1, cue and source accuracy, on each half of the folder."""
    from sitroom.evaluation.corpora.polnear import evaluate_polnear, reports_table

    try:
        reports = evaluate_polnear(directory)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    stdout.print(reports_table(reports))
    if json_out:
        json_out.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n", encoding="utf-8")


@app.command("eval-names")
def eval_names_command(
    pairs: Annotated[Path, typer.Argument(help="JSON Lines of name pairs: a, b, same, kind (and half).", exists=True)],
    half: Annotated[Half | None, typer.Option(help="Only the pairs of this half.")] = None,
    show: Annotated[int, typer.Option(help="List this many false merges and misses.", min=0)] = 20,
    json_out: JsonOut = None,
) -> None:
    """Name matching on labelled pairs: P/R/F1 by kind and half, and the false merges."""
    from sitroom.evaluation.corpora.names import evaluate_names

    try:
        report = evaluate_names(pairs, half=half.value if half is not None else None)
    except ValueError as error:
        stdout.print(f"[red]error[/red]: {error}", highlight=False)
        raise typer.Exit(code=2) from error
    stdout.print(report.to_table())
    for title, listed in (("false merges", report.false_merges), ("missed", report.missed)):
        stdout.print(f"{title}: {len(listed)}", highlight=False)
        for pair in listed[:show]:
            stdout.print(f"  {pair.kind:<6} {pair.a} | {pair.b}", highlight=False, markup=False)
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


class FakesHalf(StrEnum):
    dev = "dev"
    held_out = "held-out"


@app.command("eval-facts")
def eval_facts_command(
    corpus: Annotated[Path, typer.Argument(help="FA-KES articles.jsonl (with crowd-sourced facts).", exists=True)],
    half: Annotated[
        FakesHalf | None, typer.Option(help="Only one half (dev: sha256(id) begins 0, 3, 6, 8, c, e).")
    ] = None,
    json_out: JsonOut = None,
    actors: ActorFiles = None,
) -> None:
    """The main incident of each FA-KES article against its facts: governorate, perpetrator, cause, civilians."""
    from sitroom.evaluation.corpora.fakes import evaluate_facts

    report = evaluate_facts(corpus, build_pipeline(settings_for(actors)), half=half.value if half else None)
    stdout.print(report.to_table())
    if json_out:
        json_out.write_text(json.dumps(report.to_dict(), indent=2) + "\n", encoding="utf-8")


@app.command("eval-agreements")
def eval_agreements_command(
    golds: Annotated[list[Path], typer.Argument(help="Gold files (e.g. the seed and eval/agreements/).", exists=True)],
    json_out: JsonOut = None,
    actors: ActorFiles = None,
) -> None:
    """Agreements: detection F1, roles F1, kind and status accuracy, provision types, on each half of each file."""
    from collections.abc import Iterable

    from sitroom.evaluation import GoldDocument, load_gold
    from sitroom.evaluation.agreement_halves import evaluate_halves, halves_table
    from sitroom.readers import make_document

    nlp = build_pipeline(settings_for(actors))

    def analyse(documents: Iterable[GoldDocument]) -> dict[str, Record]:
        made = [
            make_document(d.id, d.text, str(d.text_file), {"title": d.title, "date": d.date, "outlet": d.outlet})
            for d in documents
        ]
        return {r.id: r for r in analyze(nlp, made) if isinstance(r, Record)}

    reports = [report for gold in golds for report in evaluate_halves(gold.name, load_gold(gold), analyse)]
    stdout.print(halves_table(reports))
    if json_out:
        json_out.write_text(json.dumps([r.to_dict() for r in reports], indent=2) + "\n", encoding="utf-8")
