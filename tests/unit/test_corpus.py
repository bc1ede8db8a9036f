"""Planning a corpus as slices that workers read by themselves."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from sitroom import corpus
from sitroom.corpus import FileList, LineRange, UniqueIds, plan_slices, read_documents
from sitroom.documents import Document, ReadError
from tests.conftest import FAKES


def _write_rows(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _summary(items: list[Document | ReadError]) -> list[tuple[str, str]]:
    return [(item.id, item.source) if isinstance(item, Document) else ("error", item.source) for item in items]


def test_a_repeated_id_is_renamed_and_never_takes_an_id_in_use() -> None:
    ids = UniqueIds()
    assert [ids.claim(name) for name in ["a~2", "a", "a", "b", "a"]] == ["a~2", "a", "a~3", "b", "a~4"]


def test_slices_hold_at_most_their_size_and_read_back_the_whole_corpus_in_order(tmp_path: Path) -> None:
    rows = [json.dumps({"id": f"row{number % 3}", "text": f"Text number {number}."}) for number in range(7)]
    rows[2:2] = ["", "{broken"]
    path = _write_rows(tmp_path / "rows.jsonl", rows)

    slices = list(plan_slices(path, 3))

    assert all(isinstance(piece, LineRange) and piece.size <= 3 for piece in slices)
    items = [item for piece in slices for item in piece.read()]
    assert _summary(items) == _summary(list(read_documents(path)))
    ids = [item.id for item in items if isinstance(item, Document)]
    assert ids == ["row0", "row1", "row2", "row0~2", "row1~2", "row2~2", "row0~3"]
    assert ("error", f"{path}:4") in _summary(items)  # the blank line 3 is skipped, still counted
    renamed = next(item for item in items if isinstance(item, Document) and item.id == "row0~3")
    assert "duplicate id 'row0': renamed 'row0~3'" in renamed.warnings


def test_a_range_split_line_by_line_reads_the_same_documents(tmp_path: Path) -> None:
    rows = [json.dumps({"id": "same", "text": f"Report {number}."}) for number in range(4)]
    path = _write_rows(tmp_path / "rows.jsonl", rows)
    (whole,) = plan_slices(path, 4)
    assert isinstance(whole, LineRange)

    pieces = whole.split()

    assert [piece.size for piece in pieces] == [1, 1, 1, 1]
    assert _summary([item for piece in pieces for item in piece.read()]) == _summary(whole.read())


def test_the_client_sends_line_offsets_not_texts() -> None:
    (first, *_) = plan_slices(FAKES, 16)
    texts = sum(len(item.text) for item in first.read() if isinstance(item, Document))
    assert isinstance(first, LineRange) and first.size == 16
    assert len(pickle.dumps(first)) < texts / 20


def test_planning_opens_no_text_file_and_names_each_by_its_stem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"A report from folder {folder}.", encoding="utf-8")

    def no_reading(path: Path) -> Document | ReadError:
        raise AssertionError(f"{path} read while planning")

    monkeypatch.setattr(corpus, "read_text_file", no_reading)
    (files,) = plan_slices(tmp_path, 8)
    monkeypatch.undo()

    assert isinstance(files, FileList) and files.size == 2
    assert [item.id for item in files.read() if isinstance(item, Document)] == ["report", "report~2"]
