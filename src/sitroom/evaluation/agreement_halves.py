"""``sitroom eval-agreements``: the agreements scores of gold files, on each half of their documents.

A gold file's documents are split by the first hex digit of the SHA-256 of their id: 0 to 7 is the half on
which errors may be studied, 8 to f the half kept for reporting (for the FA-KES dev half, whose ids begin
with 0, 3, 6, 8, c or e, that is {0, 3, 6} against {8, c, e})."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.table import Table

from sitroom.evaluation.gold import GoldDocument, GoldSet
from sitroom.evaluation.report import EvalReport
from sitroom.evaluation.scoring import score_document
from sitroom.record import Record

HALVES = ("study", "held_out", "all")


def half_of(doc_id: str) -> str:
    """``study`` (SHA-256 of the id begins with 0 to 7) or ``held_out`` (8 to f)."""
    return "study" if hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[0] in "01234567" else "held_out"


@dataclass
class HalfReport:
    """The scores of one gold file on one half of its documents."""

    name: str
    half: str
    report: EvalReport

    def row(self) -> list[str]:
        sections, ratios = self.report.sections, self.report.ratios
        return [
            self.name,
            self.half,
            str(self.report.documents),
            _f1(sections["agreements"].f1, sections["agreements"].tp, sections["agreements"].fn),
            _f1(sections["agreement_roles"].f1, sections["agreement_roles"].tp, sections["agreement_roles"].fn),
            _rate(ratios["agreement_kind"].rate, ratios["agreement_kind"].total),
            _rate(ratios["agreement_status"].rate, ratios["agreement_status"].total),
            _f1(sections["agreement_provision_types"].f1, sections["agreement_provision_types"].tp, None),
            _rate(ratios["agreement_parties_exact"].rate, ratios["agreement_parties_exact"].total),
        ]

    def to_dict(self) -> dict[str, object]:
        return {"gold": self.name, "half": self.half, **self.report.to_dict()}


def evaluate_halves(
    name: str, gold: GoldSet, analyse: Callable[[Iterable[GoldDocument]], dict[str, Record]]
) -> list[HalfReport]:
    """Scores of ``gold`` on its study half, its held-out half and all of it."""
    records = analyse(gold.documents)
    reports = {half: EvalReport() for half in HALVES}
    for document in gold.documents:
        scored = score_document(document, records.get(document.id) or Record(id=document.id))
        reports[half_of(document.id)] = reports[half_of(document.id)] + scored
        reports["all"] = reports["all"] + scored
    return [HalfReport(name, half, reports[half]) for half in HALVES if reports[half].documents]


def halves_table(reports: list[HalfReport]) -> Table:
    table = Table(title="sitroom agreements evaluation")
    headers = ("gold", "half", "docs", "agreements F1", "roles F1", "kind", "status", "provision types F1")
    for header in (*headers, "parties exact"):
        table.add_column(header, justify="left" if header in {"gold", "half"} else "right")
    for report in reports:
        table.add_row(*report.row())
    return table


def _f1(value: float | None, tp: int, fn: int | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f} ({tp}/{tp + fn})" if fn is not None else f"{value:.3f}"


def _rate(value: float | None, total: int) -> str:
    return "-" if value is None else f"{value:.3f} (n={total})"
