"""CSV cells a spreadsheet cannot run: formula injection neutralised as OWASP recommends.

A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
Excel, LibreOffice and Google Sheets (``=HYPERLINK(…)`` runs when the file is opened). Such a cell gets a
leading single quote, which the spreadsheet shows as text; the csv module then quotes the cell as needed.
A plain number (``-3.5``, a longitude) is data, not a formula, and is written unchanged.
(https://owasp.org/www-community/attacks/CSV_Injection)
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise_cell(value: object) -> str:
    """The cell's text, with a leading ``'`` when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


class SafeDictWriter:
    """``csv.DictWriter`` whose every cell (header included) is neutralised."""

    def __init__(self, stream: TextIO, fieldnames: Sequence[str]) -> None:
        self._fields = list(fieldnames)
        self._writer = csv.writer(stream)

    def writeheader(self) -> None:
        self._writer.writerow([neutralise_cell(name) for name in self._fields])

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow([neutralise_cell(row.get(name, "")) for name in self._fields])

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)
