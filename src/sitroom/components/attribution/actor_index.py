"""The actor mentions of a document, and the actor standing for its outlet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sitroom.names import fold
from sitroom.record import Actor


@dataclass(frozen=True)
class Mention:
    """One character range where an actor is mentioned."""

    start: int
    end: int
    actor: Actor


class ActorIndex:
    """The actor mentions of a document, in text order."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        self.mentions = sorted(
            (Mention(span.start, span.end, actor) for actor in actors for span in actor.mentions),
            key=lambda mention: mention.start,
        )

    def overlapping(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]

    def latest_before(self, position: int, accept: Callable[[Actor], bool]) -> Actor | None:
        before = [m for m in self.mentions if m.end <= position and accept(m.actor)]
        return before[-1].actor if before else None


def outlet_actor(actors: Iterable[Actor], outlet: str | None) -> str | None:
    """Id of the actor named like the document's outlet."""
    if not outlet:
        return None
    key = fold(outlet)
    for actor in actors:
        if fold(actor.name) == key or any(fold(span.text) == key for span in actor.mentions):
            return actor.id
    return None
