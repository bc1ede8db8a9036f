"""Progress bars on stderr (rate and ETA) for long runs; silent when stderr is not a terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def count_items(path: Path) -> int | None:
    """A cheap estimate of how many documents ``path`` holds (None when unknown or unreadable)."""
    try:
        if path.is_dir():
            return sum(1 for item in path.rglob("*") if item.is_file())
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            return _count_lines(path)
    except OSError:
        return None
    return 1 if path.is_file() else None


def _count_lines(path: Path, block: int = 1024 * 1024) -> int:
    """Lines of a file, read in blocks: a corpus with one enormous line never sits in memory."""
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(block):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


def progress_bar(console: Console) -> Progress:
    """A progress bar with count, rate-based ETA and elapsed time."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
