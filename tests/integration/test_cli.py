"""The command line on real text and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.record import Record

runner = CliRunner()


def test_analyze_seed_as_json_validates(seed_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(seed_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = Record.model_validate_json(result.stdout)
    assert (record.title or "").startswith("U.S. And Iran Unite")
    assert record.date == "2014-01-15"
    assert record.outlet == "Al-Ikhwah Al-Mujahidun"


def test_analyze_text_report_names_the_document(seed_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(seed_path)])
    assert result.exit_code == 0
    assert "Al-Ikhwah Al-Mujahidun" in result.stdout


def test_bad_files_give_clear_errors_and_the_rest_is_analysed(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text("ISIL fighters attacked Maskanah on Monday, SANA reported.")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "d_corpus.jsonl").write_text('{"id": "ok", "text": "Reuters said rebels withdrew."}\n{broken\n')
    result = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["a_good", "ok"]
    assert "b_empty.txt: empty document" in result.stderr
    assert "c_binary.dat: binary" in result.stderr
    assert "d_corpus.jsonl:2: malformed JSON line" in result.stderr


def test_invalid_utf8_is_named_and_still_read(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Le ministre syrien a déclaré à Damas que la trêve tenait.".encode("cp1252"))
    result = runner.invoke(app, ["analyze", str(bad), "--format", "json"])
    assert result.exit_code == 0
    assert f"{bad}: invalid UTF-8" in result.stderr
    assert "déclaré à Damas" in (Record.model_validate_json(result.stdout).title or "")


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert json.loads(result.stdout)["title"] == "Record"


def test_ingest_then_search(tmp_path: Path, seed_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    for _ in range(2):
        result = runner.invoke(app, ["ingest", str(seed_path), "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert "already stored 1" in result.stderr
    found = runner.invoke(app, ["search", "Jarrah airfield", "--db", str(db)])
    assert "000_1c0d675042cec979" in found.stdout


@pytest.mark.parametrize("command", [["analyze", "/nonexistent/file.txt"]])
def test_missing_input_fails_cleanly(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 1
    assert "no such file" in result.stderr
