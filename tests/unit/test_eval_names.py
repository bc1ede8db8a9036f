"""The name-pair scorer: counts by half and kind, false merges listed, malformed lines refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.evaluation.corpora.names import evaluate_names, read_pairs


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_counts_by_half_and_kind_and_lists_false_merges(tmp_path: Path) -> None:
    pairs = _write(
        tmp_path / "pairs.jsonl",
        [
            {"a": "Hafez al-Assad", "b": "Hafiz al-Asad", "same": True, "kind": "person", "half": "A"},
            {"a": "Bashar al-Assad", "b": "Maher al-Assad", "same": False, "kind": "person", "half": "A"},
            {"a": "Saraqeb", "b": "Saraqib", "same": True, "kind": "place", "half": "B"},
            {"a": "Mansourah", "b": "Al Mansurah", "same": False, "kind": "place", "half": "B"},  # homonyms
        ],
    )
    report = evaluate_names(pairs)
    assert (report.counts[("A", "person")].tp, report.counts[("A", "person")].fp) == (1, 0)
    assert report.counts[("all", "all")].tp == 2
    assert [(pair.a, pair.b) for pair in report.false_merges] == [("Mansourah", "Al Mansurah")]
    only_a = evaluate_names(pairs, half="A")
    assert ("B", "place") not in only_a.counts and only_a.counts[("all", "all")].tp == 1


def test_a_malformed_line_names_the_line(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"a": "x", "b": "y", "same": true, "kind": "person"}\n{"a": "x", "kind": "animal"}\n')
    with pytest.raises(ValueError, match=r"pairs.jsonl:2"):
        read_pairs(pairs)


def test_the_shipped_pair_set_has_both_halves_and_outcomes() -> None:
    pairs = read_pairs(Path(__file__).resolve().parents[2] / "eval" / "names" / "pairs.jsonl")
    assert {pair.half for pair in pairs} == {"A", "B"}
    assert {pair.kind for pair in pairs} == {"person", "group", "place"}
    assert sum(pair.same for pair in pairs) > 500 and sum(not pair.same for pair in pairs) > 200
