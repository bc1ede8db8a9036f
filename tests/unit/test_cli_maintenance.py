"""``delete`` and ``reanalyze`` on the command line: clear errors for what cannot be done."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from sitroom import __version__
from sitroom.cli import app
from sitroom.store.database import open_engine
from sitroom.store.queries import document_ids
from sitroom.store.writer import store_records
from tests.kb_fixtures import report_pair


def test_delete_removes_known_documents_and_names_unknown_ones(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    store_records(open_engine(db), [report_pair("d1", "Nusra attacked Ahrar.", outlet="SANA", date="2014-01-01")])

    result = CliRunner().invoke(app, ["delete", "d1", "nowhere", "--db", str(db)])

    assert result.exit_code == 1
    assert "deleted 1 document" in result.output and "no document with id: nowhere" in result.output
    assert document_ids(open_engine(db)) == []


def test_reanalyze_refuses_a_version_it_cannot_reach_or_read(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    newer = CliRunner().invoke(app, ["reanalyze", "--db", db, "--older-than", "999.0"])
    assert newer.exit_code == 2 and f"this is sitroom {__version__}" in newer.output
    garbled = CliRunner().invoke(app, ["reanalyze", "--db", db, "--older-than", "recent"])
    assert garbled.exit_code == 2 and "not a version number" in garbled.output
