"""Bad documents each give a clear error naming them; the good ones around them are analysed and stored."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.decoding import MAX_DOCUMENT_BYTES
from sitroom.store.database import open_engine
from tests.conftest import FAKES

runner = CliRunner()
with FAKES.open(encoding="utf-8") as _fakes:
    FIRST_ARTICLE, SECOND_ARTICLE = (json.loads(_fakes.readline())["text"] for _ in range(2))
DOUMA = "Government forces shelled the rebel-held town of Douma on Tuesday, killing at least 12 civilians."
UNCLOSED_HTML = (
    "<html><head><title>Douma shelling</title><body><div><p>" + DOUMA + "<p>The Syrian Observatory for "
    "Human Rights said the strikes hit a crowded market <b>near the centre</i></div></span>"
)
TAG_SOUP = "<html><<<div><script>var x = '</div>';</script></>>><!-- never closed"
TOO_LONG_CHARACTERS = 1_500_000  # over spaCy's default max_length of 1,000,000


def _corpus_lines() -> bytes:
    rows: list[bytes] = [
        json.dumps({"id": "dup", "text": FIRST_ARTICLE}).encode(),
        b'{"id": "broken", "text": "no closing quote}',
        json.dumps({"id": "dup", "text": DOUMA}).encode(),
        json.dumps({"id": "dup", "text": FIRST_ARTICLE}).encode(),
        b'{"id": "latin", "text": "d\xe9clar\xe9"}',
        b"[1, 2, 3]",
        json.dumps({"id": "blank", "text": "  "}).encode(),
        json.dumps({"id": "huge", "text": "word " * (TOO_LONG_CHARACTERS // 5)}).encode(),
    ]
    return b"\n".join(rows) + b"\n"


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    random.seed(8)
    (folder / "a_good.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64)
    (folder / "d_50mb.txt").write_bytes(b"Aleppo shelling report. " * (50 * 1024 * 1024 // 24))
    (folder / "e_garbage.txt").write_bytes(bytes(random.randrange(128, 256) for _ in range(4000)))
    (folder / "f_latin1.txt").write_bytes(("Le ministre a déclaré à Damas que " + DOUMA).encode("cp1252"))
    (folder / "g_unclosed.html").write_text(UNCLOSED_HTML, encoding="utf-8")
    (folder / "h_soup.html").write_text(TAG_SOUP, encoding="utf-8")
    (folder / "i_corpus.jsonl").write_bytes(_corpus_lines())
    return folder


def expected_errors(folder: Path) -> dict[str, str]:
    """Source → the start of the message it must be reported with."""
    corpus = folder / "i_corpus.jsonl"
    return {
        str(folder / "b_empty.txt"): "empty document",
        str(folder / "c_binary.bin"): "binary file",
        str(folder / "d_50mb.txt"): f"document too large: {(folder / 'd_50mb.txt').stat().st_size:,} bytes",
        str(folder / "e_garbage.txt"): "invalid UTF-8",
        str(folder / "h_soup.html"): "HTML without extractable main text",
        f"{corpus}:2": "malformed JSON line",
        f"{corpus}:5": "malformed JSON line",
        f"{corpus}:6": "JSON line is not an object",
        f"{corpus}:7": "empty text",
        f"{corpus}:8": f"text too long: {TOO_LONG_CHARACTERS:,} characters",
    }


GOOD_IDS = ["a_good", "dup", "dup~2", "dup~3", "f_latin1", "g_unclosed"]
# dup~3 repeats dup's text: the knowledge base keeps one copy.
STORED_IDS = ["a_good", "dup", "dup~2", "f_latin1", "g_unclosed"]


def test_the_large_file_is_over_the_decoding_limit(bad_folder: Path) -> None:
    assert (bad_folder / "d_50mb.txt").stat().st_size > MAX_DOCUMENT_BYTES


def test_analyze_reports_each_bad_document_and_prints_the_good(bad_folder: Path) -> None:
    result = runner.invoke(app, ["analyze", str(bad_folder), "--format", "jsonl"])

    assert result.exit_code == 1
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == GOOD_IDS
    for source, message in expected_errors(bad_folder).items():
        assert f"error: {source}: {message}" in result.stderr
    assert f"{bad_folder / 'f_latin1.txt'}: invalid UTF-8" in result.stderr  # a warning: still read
    assert "duplicate id 'dup': renamed 'dup~2'" in result.stderr


def test_ingest_records_each_bad_document_and_stores_the_good(bad_folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"

    result = runner.invoke(app, ["ingest", str(bad_folder), "--db", str(db)])

    assert result.exit_code == 1, result.output  # some documents failed: the status says so
    assert "errors 10" in result.stderr
    with sqlite3.connect(db) as connection:
        errors = dict(connection.execute("SELECT source, error FROM ingest_errors").fetchall())
        stored = sorted(row[0] for row in connection.execute("SELECT doc_id FROM documents"))
        douma = connection.execute("SELECT text FROM documents WHERE doc_id = 'g_unclosed'").fetchone()[0]
    expected = expected_errors(bad_folder)
    assert sorted(errors) == sorted(expected)
    assert all(errors[source].startswith(message) for source, message in expected.items())
    assert stored == STORED_IDS
    assert DOUMA in douma


# --- bad command lines: one clear line and a non-zero status, never a traceback -------------------


def _fails_cleanly(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a traceback
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and message in errors[0], result.stderr


@pytest.mark.parametrize("command", ["analyze", "ingest"])
def test_a_missing_corpus_is_one_clear_line(tmp_path: Path, command: str) -> None:
    extra = ["--db", str(tmp_path / "kb.sqlite")] if command == "ingest" else []
    _fails_cleanly([command, str(tmp_path / "missing.jsonl"), *extra], "missing.jsonl: no such file or folder")
    assert not (tmp_path / "kb.sqlite").exists()


def _knowledge_base_cases(tmp_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "notes.txt").write_text("Not a knowledge base. " * 50)
    (tmp_path / "folder").mkdir()
    return [
        (str(tmp_path / "notes.txt"), "file is not a database"),
        (str(tmp_path / "folder"), "a folder, not a knowledge base file"),
        (str(tmp_path / "missing" / "kb.sqlite"), "missing/kb.sqlite"),
        ("postgresql+psycopg://sitroom:secret@127.0.0.1:1/kb", "cannot open the knowledge base"),
        ("nosuchdialect://x", "cannot open the knowledge base"),
    ]


@pytest.mark.parametrize("command", ["search", "export", "serve"])
def test_a_bad_knowledge_base_is_one_clear_line(tmp_path: Path, command: str) -> None:
    for db, message in _knowledge_base_cases(tmp_path):
        arguments = {"search": ["search", "Aleppo"], "export": ["export", "-f", "json"], "serve": ["serve"]}[command]
        _fails_cleanly([*arguments, "--db", db], message)


def test_ingest_into_a_folder_that_does_not_exist_is_one_clear_line(tmp_path: Path, seed_path: Path) -> None:
    _fails_cleanly(["ingest", str(seed_path), "--db", str(tmp_path / "no" / "kb.sqlite")], "does not exist")


@pytest.mark.parametrize("command", [["search", "Aleppo"], ["export", "-f", "acled"], ["serve"]])
def test_only_ingest_creates_a_knowledge_base(tmp_path: Path, command: list[str]) -> None:
    _fails_cleanly([*command, "--db", str(tmp_path / "typo.sqlite")], "no knowledge base there")
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    open_engine(tmp_path / "kb.sqlite").dispose()
    output = tmp_path / "missing" / "events.csv"
    _fails_cleanly(["export", "-f", "acled", "--db", str(tmp_path / "kb.sqlite"), "-o", str(output)], "does not exist")


def test_a_token_on_the_command_line_is_refused(tmp_path: Path) -> None:
    open_engine(tmp_path / "kb.sqlite").dispose()
    _fails_cleanly(["serve", "--db", str(tmp_path / "kb.sqlite"), "--token", "s3cret"], "SITROOM_TOKEN")
    (tmp_path / "token").write_text("")
    _fails_cleanly(["serve", "--db", str(tmp_path / "kb.sqlite"), "--token-file", str(tmp_path / "token")], "empty")
