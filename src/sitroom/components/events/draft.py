"""An event being built: its sense, trigger, sentence, participants, place, date, status and reporter."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitroom.knowledge.event_lexicon import EventSense
from sitroom.record import Casualty, EventStatus, Provenance


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
    place_from: Provenance | None = None
    date_from: Provenance | None = None
    casualties: list[Casualty] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)  # every sentence that tells it (merged mentions)
    civilian_site: bool = False  # a market, hospital, school ... is the target
    attribution: str | None = None  # the attribution whose content tells the event (None: the outlet's voice)
    joined: set[int] = field(default_factory=set)  # triggers of doerless mentions of this act joined to it
    recalled: bool = False  # told in a clause of precedence ("days after a bomb killed 60": background.recalled)
    running_total: bool = False  # a running total ("killed since 2011"), not one happening (triggers.cumulative)
    background: bool = False  # recalled as context, not the news reported (components/events/background.py)

    def signature(self) -> tuple[str, frozenset[str]]:
        return self.sense.type, frozenset(self.source)
