"""What the command modules share: the app, consoles, common options and input reporting."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from sitroom.documents import Document, ReadError
from sitroom.settings import Settings
from sitroom.store.database import KnowledgeBaseError

app = typer.Typer(help="Conflict reporting → structured, evidence-linked knowledge.", no_args_is_help=True)
stdout = Console()
stderr = Console(stderr=True, soft_wrap=True)

ActorFiles = Annotated[
    list[Path] | None, typer.Option("--actors", help="Extra actor registry YAML file(s).", exists=True)
]
DbOption = Annotated[str, typer.Option("--db", help="Knowledge base: a SQLite file or a database URL.")]
JsonOut = Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON here.")]


def settings_for(actors: list[Path] | None) -> Settings:
    """Pipeline settings with the user's extra actor files."""
    return Settings(actor_files=tuple(actors or ()))


def report_problems(items: Iterator[Document | ReadError]) -> Iterator[Document | ReadError]:
    """Pass items through, printing each warning on stderr as it goes by."""
    for item in items:
        if isinstance(item, Document):
            for warning in item.warnings:
                stderr.print(f"[yellow]warning[/yellow]: {item.source}: {warning}", highlight=False)
        yield item


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear error line and exit with ``code``."""
    stderr.print(f"[red]error[/red]: {message}", highlight=False)
    raise typer.Exit(code=code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Errors a user's input or environment causes (a knowledge base that cannot be opened, a file that
    cannot be read or written) end the command with one line and status 1, never a traceback."""
    try:
        yield
    except KnowledgeBaseError as error:
        fail(str(error))
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        fail(f"{where}{error.strerror or error}")


def existing_input(path: Path) -> Path:
    """``path`` when it exists; otherwise the command fails at once with a clear message."""
    if not path.exists():
        fail(f"{path}: no such file or folder")
    return path
