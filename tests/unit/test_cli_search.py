"""``sitroom search`` reads the API's query language (phrase, OR, NOT, prefix, brackets) with its filters and
sort, and a query it cannot read is one clear error line and status 1, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.store.database import open_engine
from sitroom.store.writer import store_records
from tests.kb_fixtures import contested_reports, report_pair

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path: Path = tmp_path_factory.mktemp("cli-search") / "kb.sqlite"
    store_records(
        open_engine(path),
        [
            *contested_reports(),
            report_pair(
                "old", "Nusra gunmen raided Ahrar depots near the [red]river[/red].", outlet="AFP", date="2013-05-02"
            ),
        ],
    )
    return str(path)


def _found(db: str, *arguments: str) -> list[str]:
    result = runner.invoke(app, ["search", *arguments, "--db", db])
    assert result.exit_code == 0, result.output
    return [line.split()[0] for line in result.stdout.splitlines() if line and not line.startswith(" ")]


def test_the_query_language_of_the_api(db: str) -> None:
    assert _found(db, '"Many died"') == ["r2"]
    assert set(_found(db, "died OR denied")) == {"r2", "r3"}
    assert _found(db, "Maskanah -died NOT denied") == ["r1"]
    assert "r3" in _found(db, "deni*")
    assert set(_found(db, "(died OR denied) Maskanah")) <= {"r2", "r3"}


def test_filters_sort_and_paging(db: str) -> None:
    everything = _found(db, "Maskanah OR depots", "--sort", "newest")
    assert everything[-1] == "old" and len(everything) >= 3
    assert _found(db, "Maskanah OR depots", "--sort", "oldest")[0] == "old"
    assert _found(db, "Maskanah OR depots", "--date-to", "2013") == ["old"]
    assert _found(db, "Maskanah OR depots", "--sort", "newest", "--limit", "2", "--offset", "2") == everything[2:]
    assert _found(db, "Maskanah OR depots", "--outlet", "AFP") == ["old"]


def test_untrusted_text_is_printed_as_text(db: str) -> None:
    result = runner.invoke(app, ["search", "depots", "--db", db])
    assert "[red]river[/red]" in result.stdout  # markup in a document is shown, not applied


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"open', "quotation mark at character 1 is not closed"),
        ("(a", "'(' at character 1 is not closed"),
        ("a OR", "OR at character 3 needs a term after it"),
        ("NOT a", "NOT"),
    ],
)
def test_bad_syntax_is_one_clear_line_and_status_1(db: str, query: str, message: str) -> None:
    result = runner.invoke(app, ["search", query, "--db", db])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.startswith("error: search syntax:") and message in result.stderr


def test_a_bad_date_is_refused(db: str) -> None:
    result = runner.invoke(app, ["search", "Maskanah", "--date-from", "2014-13", "--db", db])
    assert result.exit_code == 1 and "--date-from takes a date" in result.stderr
