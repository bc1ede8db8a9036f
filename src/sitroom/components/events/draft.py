"""An event being built: its sense, trigger, sentence, participants, place, date, status and reporter."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.knowledge.event_lexicon import EventSense
from sitroom.record import EventStatus


@dataclass
class Draft:
    """An event being built; becomes a record :class:`Event` once numbered."""

    sense: EventSense
    trigger: Token
    sentence: Span
    source: list[str]
    target: list[str]
    place: str | None
    date: str | None
    status: EventStatus
    reported_by: list[str]

    def signature(self) -> tuple[str, frozenset[str]]:
        return self.sense.type, frozenset(self.source)
