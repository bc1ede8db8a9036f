"""CSV formula injection (OWASP): cells a spreadsheet would run are written as text."""

from __future__ import annotations

import csv
import io

import pytest

from sitroom.exports.csv_safety import SafeDictWriter, neutralise_cell


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("http://evil.example","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"],
)
def test_cells_starting_like_a_formula_are_prefixed_with_a_quote(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Aleppo", "-35.1234", "12", "-7", "a=b", " =1 is spaced", ""])
def test_plain_text_and_plain_numbers_are_unchanged(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_none_is_an_empty_cell_and_numbers_are_text() -> None:
    assert neutralise_cell(None) == "" and neutralise_cell(-3.5) == "-3.5" and neutralise_cell(True) == "True"


def test_the_writer_neutralises_every_cell_and_reads_back_as_text() -> None:
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, ["name", "notes"])
    writer.writeheader()
    writer.writerow({"name": '=HYPERLINK("x")', "notes": 'said "hello",\nthen left'})
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert rows == [{"name": '\'=HYPERLINK("x")', "notes": 'said "hello",\nthen left'}]
