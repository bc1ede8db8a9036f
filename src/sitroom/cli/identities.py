"""``sitroom identities``: review the merges of actor identities across documents."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from sitroom.cli.common import DbOption, app, stderr, stdout

identities_app = typer.Typer(help="Review merged actor identities (spelling variants across documents).")
app.add_typer(identities_app, name="identities")

Analyst = Annotated[str, typer.Option("--by", help="Who decides (kept with the decision).")]
Note = Annotated[str | None, typer.Option(help="Why (kept with the decision).")]


class LinkStatus(StrEnum):
    proposed = "proposed"
    accepted = "accepted"
    rejected = "rejected"
    all = "all"


def _session(db: str) -> Session:
    from sitroom.store.database import open_engine

    return Session(open_engine(db))


@identities_app.command("list")
def list_command(
    db: DbOption,
    status: Annotated[LinkStatus, typer.Option(help="Which links to list.")] = LinkStatus.proposed,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
) -> None:
    """Merged identities to review: both names, how many documents name each, and the link's status."""
    from sitroom.store.identity_review import candidates

    with _session(db) as session:
        found = candidates(session, None if status is LinkStatus.all else status.value, limit, offset)
    for item in found:
        stdout.print(
            f"{item.identity_id:>6} {item.name} ({item.documents} docs)  ~  {item.other_id} {item.other_name} "
            f"({item.other_documents} docs)  [{item.kind}, {item.reason}, {item.status}]",
            highlight=False,
            markup=False,
        )
    stderr.print(f"{len(found)} link(s)", highlight=False)


def _decide(db: str, identity: int, other: int, verdict: str, by: str, note: str | None) -> None:
    from sitroom.store.identity_review import decide

    with _session(db) as session, session.begin():
        try:
            decide(session, identity, other, verdict, by, note)
        except ValueError as error:
            stderr.print(f"[red]error[/red]: {error}", highlight=False)
            raise typer.Exit(code=2) from error
    stdout.print(f"{identity} and {other}: {verdict}", highlight=False)


@identities_app.command("accept")
def accept_command(
    identity: Annotated[int, typer.Argument(min=1)], other: Annotated[int, typer.Argument(min=1)], db: DbOption,
    by: Analyst, note: Note = None,
) -> None:  # fmt: skip
    """The two identities are one actor: keep them merged, now and after every later ingest."""
    _decide(db, identity, other, "same", by, note)


@identities_app.command("reject")
def reject_command(
    identity: Annotated[int, typer.Argument(min=1)], other: Annotated[int, typer.Argument(min=1)], db: DbOption,
    by: Analyst, note: Note = None,
) -> None:  # fmt: skip
    """The two identities are different actors: split them, now and after every later ingest."""
    _decide(db, identity, other, "different", by, note)


@identities_app.command("export")
def export_command(
    db: DbOption,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Every decision as JSON Lines (identity keys, verdict, who, when, note), for another knowledge base."""
    from sitroom.store.identity_review import export_decisions

    with _session(db) as session:
        body = "".join(line + "\n" for line in export_decisions(session))
    if output is None:
        sys.stdout.write(body)
    else:
        output.write_text(body, encoding="utf-8")


@identities_app.command("import")
def import_command(
    decisions: Annotated[Path, typer.Argument(help="JSON Lines written by `sitroom identities export`.", exists=True)],
    db: DbOption,
) -> None:
    """Add decisions from a file and apply them (decisions on identities not yet stored wait for them)."""
    from sitroom.store.identity_review import import_decisions

    with _session(db) as session, session.begin():
        try:
            count = import_decisions(session, decisions.read_text(encoding="utf-8").splitlines())
        except ValueError as error:
            stderr.print(f"[red]error[/red]: {decisions}: {error}", highlight=False)
            raise typer.Exit(code=2) from error
    stdout.print(f"imported {count} decision(s)", highlight=False)
