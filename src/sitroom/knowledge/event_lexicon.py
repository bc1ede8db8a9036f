"""The PLOVER event lexicon: verbs, verb phrases, verb+object patterns and event nouns.

The data file ``data/event_verbs.yaml`` is written by ``scripts/build_event_lexicon.py`` from the
CAMEO verb dictionary of the Phoenix/PETRARCH project (MIT, Open Event Data Alliance) converted to
PLOVER with the CAMEO→PLOVER table, plus sitroom's own entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import cast, get_args

import yaml

from sitroom.memo import BoundedMemo
from sitroom.record import EventType

EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
MIN_STEM = 4
_CAMEO_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*)")


@dataclass(frozen=True)
class EventSense:
    """What a word or pattern codes: a PLOVER type, an optional mode and the CAMEO code it came from."""

    type: EventType
    mode: str | None = None
    cameo: str | None = None


@dataclass(frozen=True)
class EventLexicon:
    """Lookup tables keyed by lower-case lemmas."""

    verbs: dict[str, EventSense]
    phrases: dict[tuple[str, str], EventSense]
    objects: dict[tuple[str, str], EventSense]
    nouns: dict[str, EventSense]
    stems: dict[str, tuple[tuple[str, EventSense], ...]] = field(default_factory=dict)
    # Every verb with an entry of its own, a phrase or an object pattern (what ``verb_sense`` can code).
    known_verbs: frozenset[str] = field(init=False, compare=False, repr=False)
    # (verb, object word) → the sense of the first stem the word begins with: the stems are many per verb.
    _stem_senses: BoundedMemo[tuple[str, str], EventSense | None] = field(
        init=False, compare=False, repr=False, default_factory=lambda: BoundedMemo(100_000)
    )

    def __post_init__(self) -> None:
        known = {*self.verbs, *(verb for verb, _ in self.phrases), *(verb for verb, _ in self.objects), *self.stems}
        object.__setattr__(self, "known_verbs", frozenset(known))

    def verb_sense(self, lemma: str, particles: list[str], objects: list[str]) -> EventSense | None:
        """The sense of a verb given its particles/adverbs and object lemmas: phrase, then pattern, then verb."""
        for word in particles:
            if (lemma, word) in self.phrases:
                return self.phrases[(lemma, word)]
        return self.object_sense(lemma, objects) or self.verbs.get(lemma)

    def object_sense(self, lemma: str, objects: list[str]) -> EventSense | None:
        """The sense of a verb + object pattern: exact object word first, then CAMEO stems (prefixes)."""
        for word in objects:
            if (lemma, word) in self.objects:
                return self.objects[(lemma, word)]
        stems = self.stems.get(lemma)
        if not stems:
            return None
        for word in objects:
            key = (lemma, word)
            if key in self._stem_senses:
                found = self._stem_senses[key]
            else:
                first = next((sense for stem, sense in stems if word.startswith(stem)), None)
                found = self._stem_senses.remember(key, first)
            if found is not None:
                return found
        return None


def object_stems(objects: dict[tuple[str, str], EventSense]) -> dict[str, tuple[tuple[str, EventSense], ...]]:
    """Verb → its object patterns usable as prefixes (CAMEO stems of 4+ letters; "word_" is exact), longest first."""
    stems: dict[str, list[tuple[str, EventSense]]] = {}
    for (verb, word), sense in objects.items():
        if len(word) >= MIN_STEM and not word.endswith("_"):
            stems.setdefault(verb, []).append((word, sense))
    return {verb: tuple(sorted(pairs, key=lambda pair: -len(pair[0]))) for verb, pairs in stems.items()}


def _sense(entry: dict[str, str | None]) -> EventSense:
    event_type = entry["type"]
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown PLOVER event type {event_type!r}")
    return EventSense(cast(EventType, event_type), entry.get("mode") or None, entry.get("cameo") or None)


def _pair_table(raw: dict[str, dict[str, dict[str, str | None]]]) -> dict[tuple[str, str], EventSense]:
    return {(head, word): _sense(entry) for head, words in raw.items() for word, entry in words.items()}


def parse_lexicon(text: str) -> EventLexicon:
    """Build an :class:`EventLexicon` from the YAML text of the lexicon file."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader)
    objects = _pair_table(data["objects"])
    return EventLexicon(
        verbs={lemma: _sense(entry) for lemma, entry in data["verbs"].items()},
        phrases=_pair_table(data["phrases"]),
        objects={(verb, word.rstrip("_")): sense for (verb, word), sense in objects.items()},
        nouns={lemma: _sense(entry) for lemma, entry in data["nouns"].items()},
        stems=object_stems(objects),
    )


@lru_cache(maxsize=4)
def load_event_lexicon(path: Path | None = None) -> EventLexicon:
    """The shipped lexicon (or the one at ``path``), parsed once."""
    if path is not None:
        return parse_lexicon(path.read_text(encoding="utf-8"))
    data = resources.files("sitroom.knowledge").joinpath("data/event_verbs.yaml")
    return parse_lexicon(data.read_text(encoding="utf-8"))


def parse_cameo_to_plover(text: str) -> dict[str, EventSense]:
    """CAMEO code → PLOVER sense, from the text of a ``CAMEO2PLOVER`` conversion table."""
    table: dict[str, EventSense] = {}
    for line in text.splitlines():
        match = _CAMEO_LINE.match(line.strip())
        if match and match.group(2) in EVENT_TYPES:
            code, event_type, mode = match.groups()
            table[code] = EventSense(cast(EventType, event_type), mode.strip() or None, code)
    return table


def cameo_sense(code: str, table: dict[str, EventSense]) -> EventSense | None:
    """The PLOVER sense of a CAMEO code, falling back to its parent codes ("0871" → "087" → "08")."""
    for length in range(len(code), 1, -1):
        sense = table.get(code[:length])
        if sense is not None:
            return sense
    return None
