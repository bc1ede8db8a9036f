"""The events layer: PLOVER events coded from the dependency parse, the event lexicon and earlier layers.

For every clause whose verb (or verb + particle / object) or event noun is in the lexicon, the layer finds
the source and target actors (``arguments``), the event's own place and date (``place_date``), its status
and who reports it (``status``), merges mentions of one happening (``merging``) and numbers the events
(``component``, which registers the ``sitroom_events`` factory).
"""

from sitroom.components.events.arguments import subject_of
from sitroom.components.events.component import EventsComponent, draft_events, extract_events
from sitroom.components.events.context import Context, actors_in, build_context, sentence_units
from sitroom.components.events.place_date import event_date
from sitroom.components.events.triggers import event_verb

__all__ = [
    "Context",
    "EventsComponent",
    "actors_in",
    "build_context",
    "draft_events",
    "event_date",
    "event_verb",
    "extract_events",
    "sentence_units",
    "subject_of",
]
