"""The evaluation report: section counts, shares and error counts, as JSON or a table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

from sitroom.evaluation.counts import Counts, Ratio

SECTIONS = ("actors", "places", "events", "quotes", "claims", "agreements", "framing")
DETAIL_SECTIONS = (
    "quotes_text_only",
    "claims_text_only",
    "agreement_parties",
    "agreement_signatories",
    "agreement_implementers",
    "agreement_provisions",
    "agreement_representatives",
    "agreement_mediators",
    "agreement_guarantors",
    "agreement_monitors",
    "agreement_roles",
    "agreement_excluded",
    "agreement_provision_types",
)
RATIOS = (
    "actor_alias_merge",
    "actor_kind_accuracy",
    "place_alias_merge",
    "places_resolved",
    "event_arguments_exact",
    "event_place",
    "event_date",
    "claim_chain_exact",
    "agreement_parties_exact",
    "agreement_signatories_exact",
    "agreement_implementers_exact",
    "agreement_kind",
    "agreement_status",
)
ERROR_COUNTS = ("actor_false_merges", "place_false_merges")


def _empty_counts(names: Iterable[str]) -> dict[str, Counts]:
    return {name: Counts() for name in names}


@dataclass
class EvalReport:
    """Scores micro-averaged over documents (sums of counts), plus gold warnings."""

    documents: int = 0
    sections: dict[str, Counts] = field(default_factory=lambda: _empty_counts(SECTIONS + DETAIL_SECTIONS))
    ratios: dict[str, Ratio] = field(default_factory=lambda: {name: Ratio() for name in RATIOS})
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ERROR_COUNTS, 0))
    warnings: list[str] = field(default_factory=list)

    def __add__(self, other: EvalReport) -> EvalReport:
        return EvalReport(
            documents=self.documents + other.documents,
            sections={name: self.sections[name] + other.sections[name] for name in self.sections},
            ratios={name: self.ratios[name] + other.ratios[name] for name in self.ratios},
            errors={name: self.errors[name] + other.errors[name] for name in self.errors},
            warnings=self.warnings + other.warnings,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "documents": self.documents,
            "sections": {name: counts.to_dict() for name, counts in self.sections.items()},
            "ratios": {name: ratio.to_dict() for name, ratio in self.ratios.items()},
            "errors": dict(self.errors),
            "warnings": list(self.warnings),
        }

    def to_table(self) -> Table:
        """Section | P | R | F1 | tp | fp | fn, then detail rows, shares and error counts."""
        table = Table(title="sitroom evaluation", caption=f"micro-averaged over {self.documents} document(s)")
        table.add_column("section")
        for header in ("P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(header, justify="right")
        for names in (SECTIONS, DETAIL_SECTIONS):
            for name in names:
                table.add_row(_label(name), *_counts_cells(self.sections[name]))
            table.add_section()
        for name, ratio in self.ratios.items():
            table.add_row(_label(name), "", "", _number(ratio.rate), f"{ratio.hits}/{ratio.total}", "", "")
        for name, count in self.errors.items():
            table.add_row(_label(name), "", "", "", "", str(count), "")
        return table


def _label(name: str) -> str:
    return name.replace("_", " ")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _counts_cells(counts: Counts) -> tuple[str, ...]:
    scores = (counts.precision, counts.recall, counts.f1)
    return (*(_number(value) for value in scores), str(counts.tp), str(counts.fp), str(counts.fn))
