"""The actor mentions of a document, and the actor standing for its outlet."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from sitroom.names import fold
from sitroom.record import Actor


class Mention(NamedTuple):
    """One character range where an actor is mentioned (a named tuple: a document has dozens, made quickly)."""

    start: int
    end: int
    actor: Actor


class ActorIndex:
    """The actor mentions of a document, in text order; lookups are binary searches."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.mentions = sorted(
            (Mention(span.start, span.end, actor) for actor in actors for span in actor.mentions),
            key=lambda mention: mention.start,
        )
        self._longest = max((m.end - m.start for m in self.mentions), default=0)
        self._starts = [mention.start for mention in self.mentions]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        first = bisect_right(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [m for m in self.mentions[first:last] if start < m.end]

    def starting_between(self, start: int, end: int) -> list[Mention]:
        """The mentions that start at or after ``start`` and before ``end``, in text order."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        return self.mentions[first:last]

    def latest_before(self, position: int, accept: Callable[[Actor], bool]) -> Actor | None:
        """The last mention (in start order) that ends by ``position`` and whose actor ``accept``s."""
        for index in range(bisect_right(self._starts, position) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.end <= position and accept(mention.actor):
                return mention.actor
        return None


# Actor names and mentions recur from document to document: each is folded once.
_folded = lru_cache(maxsize=65536)(fold)


def outlet_actor(actors: Iterable[Actor], outlet: str | None) -> str | None:
    """Id of the actor named like the document's outlet."""
    if not outlet:
        return None
    key = _folded(outlet)
    for actor in actors:
        if _folded(actor.name) == key or any(_folded(span.text) == key for span in actor.mentions):
            return actor.id
    return None
