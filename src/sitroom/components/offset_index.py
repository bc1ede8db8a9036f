"""Items with a start and an end offset, found by position with binary searches.

Layers look up "the claim covering this token", "the date inside this sentence", "the sentence of this
token" for every candidate in a document; a pass over every item for each lookup made long documents
quadratic. Results keep the items' original order, so a lookup answers exactly as the pass did.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Generic, TypeVar

T = TypeVar("T")


class OffsetIndex(Generic[T]):
    """``items`` indexed by ``start(item)``; ``end(item)`` is exclusive."""

    def __init__(self, items: Iterable[T], start: Callable[[T], int], end: Callable[[T], int]) -> None:
        self._items = list(items)
        self._starts = [start(item) for item in self._items]
        # Items given in start order (most are) need neither sorting nor reordering after a lookup.
        self._in_order = all(a <= b for a, b in pairwise(self._starts))
        self._order: list[int] = []
        if not self._in_order:
            ranked = sorted(enumerate(self._items), key=lambda pair: start(pair[1]))
            self._order = [order for order, _ in ranked]
            self._items = [item for _, item in ranked]
            self._starts = [start(item) for item in self._items]
        self._ends = [end(item) for item in self._items]
        self._longest = max((e - s for s, e in zip(self._starts, self._ends, strict=True)), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def _between(self, first_start: int, last_start: int, keep: Callable[[int], bool]) -> list[T]:
        """Items whose start lies in [first_start, last_start) and that ``keep`` accepts, in original order."""
        first = bisect_left(self._starts, first_start)
        last = bisect_left(self._starts, last_start)
        if self._in_order:
            return [self._items[i] for i in range(first, last) if keep(i)]
        found = [(self._order[i], self._items[i]) for i in range(first, last) if keep(i)]
        return [item for _, item in sorted(found, key=lambda pair: pair[0])]

    def covering(self, position: int) -> list[T]:
        """Items with ``start <= position < end``."""
        return self._between(position - self._longest, position + 1, lambda i: position < self._ends[i])

    def inside(self, start: int, end: int) -> list[T]:
        """Items lying within ``[start, end]``."""
        return self._between(start, end + 1, lambda i: self._ends[i] <= end)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items sharing at least one position with ``[start, end)``."""
        return self._between(start - self._longest, end, lambda i: start < self._ends[i])
