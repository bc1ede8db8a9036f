"""Name matching on a set of labelled name pairs (``sitroom eval-names``): P/R/F1 and the false merges.

A pair file is JSON Lines with ``a``, ``b``, ``same`` (true when both names denote one entity) and ``kind``
(``person``, ``group`` or ``place``); an optional ``half`` (``A``/``B``) splits the set so that errors are
studied on one half and the other is reported untouched. Each pair is judged by
:func:`sitroom.names.same_entity` for its kind.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

from rich.table import Table

from sitroom.evaluation.counts import Counts
from sitroom.names import NameKind, same_entity

KINDS: tuple[str, ...] = get_args(NameKind)


@dataclass(frozen=True)
class NamePair:
    a: str
    b: str
    same: bool
    kind: NameKind
    half: str = ""


@dataclass
class NamesReport:
    """Counts by (half, kind) and the pairs judged wrongly."""

    counts: dict[tuple[str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))
    false_merges: list[NamePair] = field(default_factory=list)
    missed: list[NamePair] = field(default_factory=list)

    def add(self, pair: NamePair, judged_same: bool) -> None:
        for half in dict.fromkeys((pair.half or "all", "all")):
            for kind in (pair.kind, "all"):
                counts = self.counts[(half, kind)]
                counts.tp += int(judged_same and pair.same)
                counts.fp += int(judged_same and not pair.same)
                counts.fn += int(pair.same and not judged_same)
        if judged_same and not pair.same:
            self.false_merges.append(pair)
        elif pair.same and not judged_same:
            self.missed.append(pair)

    def to_table(self) -> Table:
        table = Table(title="Name matching: pairs judged the same entity")
        for column in ("half", "kind", "pairs same", "P", "R", "F1"):
            table.add_column(column, justify="left" if column in {"half", "kind"} else "right")
        for (half, kind), counts in sorted(self.counts.items()):
            scores = (counts.precision, counts.recall, counts.f1)
            table.add_row(half, kind, str(counts.tp + counts.fn), *("-" if x is None else f"{x:.3f}" for x in scores))
        return table

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": {f"{half}/{kind}": counts.to_dict() for (half, kind), counts in sorted(self.counts.items())},
            "false_merges": [[pair.a, pair.b, pair.kind] for pair in self.false_merges],
            "missed": [[pair.a, pair.b, pair.kind] for pair in self.missed],
        }


def read_pairs(path: Path) -> list[NamePair]:
    """The pairs of a JSON Lines file; a malformed line is an error naming the line."""
    pairs: list[NamePair] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            kind = raw["kind"]
            if kind not in KINDS or not isinstance(raw["same"], bool):
                raise ValueError(f"kind must be one of {', '.join(KINDS)} and same a boolean")
            pairs.append(NamePair(str(raw["a"]), str(raw["b"]), raw["same"], kind, str(raw.get("half", ""))))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a name pair ({error})") from error
    return pairs


def evaluate_names(path: Path, half: str | None = None) -> NamesReport:
    """Judge every pair (of one half when given) and count."""
    report = NamesReport()
    for pair in read_pairs(path):
        if half is None or pair.half == half:
            report.add(pair, same_entity(pair.a, pair.b, pair.kind))
    return report
