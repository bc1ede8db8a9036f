"""One-to-one greedy matching of system items to gold items, and its counts."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from enum import IntEnum
from typing import TypeVar

from sitroom.evaluation.counts import Counts
from sitroom.evaluation.gold import OUT_OF_SCOPE, GoldItem

H = TypeVar("H", bound=Hashable)


class Status(IntEnum):
    """How a gold item counts; the order is the preference among equally good matches."""

    REQUIRED = 0
    OPTIONAL = 1
    OUT_OF_SCOPE = 2


def gold_status(item: GoldItem) -> Status:
    """How a gold item counts: out of scope, optional or required."""
    if getattr(item, "kind", None) == OUT_OF_SCOPE:
        return Status.OUT_OF_SCOPE
    return Status.OPTIONAL if item.optional else Status.REQUIRED


def greedy_match(
    system_count: int, statuses: Sequence[Status], similarity: Callable[[int, int], float]
) -> dict[int, int]:
    """One-to-one matching system index -> gold index, best pairs first (similarity > 0 only)."""
    candidates = [
        (quality, system, gold)
        for system in range(system_count)
        for gold in range(len(statuses))
        if (quality := similarity(system, gold)) > 0
    ]
    candidates.sort(key=lambda pair: (-pair[0], statuses[pair[2]], pair[2], pair[1]))
    matching: dict[int, int] = {}
    taken: set[int] = set()
    for _, system, gold in candidates:
        if system not in matching and gold not in taken:
            matching[system] = gold
            taken.add(gold)
    return matching


def tally(
    matching: Mapping[int, int],
    system_count: int,
    statuses: Sequence[Status],
    excused: frozenset[int] = frozenset(),
) -> Counts:
    """Counts of a matching; unmatched system items in ``excused`` are not false positives."""
    matched_statuses = [statuses[gold] for gold in matching.values()]
    unmatched_system = [i for i in range(system_count) if i not in matching and i not in excused]
    found = set(matching.values())
    return Counts(
        tp=matched_statuses.count(Status.REQUIRED),
        fp=matched_statuses.count(Status.OUT_OF_SCOPE) + len(unmatched_system),
        fn=sum(1 for gold, status in enumerate(statuses) if status is Status.REQUIRED and gold not in found),
    )


def required_pairs(matching: Mapping[int, int], statuses: Sequence[Status]) -> list[tuple[int, int]]:
    """The matched pairs whose gold item is required."""
    return [(system, gold) for system, gold in matching.items() if statuses[gold] is Status.REQUIRED]


def jaccard(first: set[H], second: set[H]) -> float:
    """Intersection over union; two empty sets count as identical (1.0)."""
    union = first | second
    return len(first & second) / len(union) if union else 1.0
