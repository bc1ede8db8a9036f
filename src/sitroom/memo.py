"""A memo of a pure function's answers, bounded by starting afresh when full: no LRU bookkeeping on the hot
paths that use it (per word form, per lemma, per verb and object word)."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """A dict of remembered answers that empties itself before it would hold more than ``size``."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, key: K, value: V) -> V:
        """Store ``value`` under ``key`` (emptying the memo first when it is full) and return it."""
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
