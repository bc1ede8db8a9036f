"""What the agreements layer reads from the layers before it, indexed for look-ups in constant or
logarithmic time: actors and places by token, sentences, dates and events by character offset.

The layer reads the other layers only through their record fields (``doc._.actors``, ``doc._.places``,
``doc._.dates``, ``doc._.events``), never through their modules.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sitroom.layers import doc_text
from sitroom.record import Actor, Event, Place
from sitroom.record import Span as TextSpan

TERMINAL = (".", "!", "?", ":", '"', "'", "\u201d", ";", ")")
HEADING_MAX_WORDS = 25


@dataclass
class Context:
    """Per-document look-ups for the agreements layer."""

    doc: Doc
    text: str  # the document's text, read once (``Doc.text`` joins every token again on each access)
    actors: dict[str, Actor]
    places: dict[str, Place]
    token_actor: dict[int, str]
    token_place: dict[int, str]
    units: list[Span]
    heading_tokens: set[int]
    dates: list[tuple[int, int, str]]
    events: list[Event]
    document_date: str | None
    _unit_starts: list[int] = field(default_factory=list)
    _date_starts: list[int] = field(default_factory=list)
    _event_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._unit_starts = [unit.start for unit in self.units]
        self.dates.sort()
        self._date_starts = [start for start, _end, _value in self.dates]
        self.events = sorted(self.events, key=lambda event: event.evidence.start)
        self._event_starts = [event.evidence.start for event in self.events]

    @property
    def document_month(self) -> str | None:
        return self.document_date[:7] if self.document_date else None

    def unit_index(self, token: Token) -> int:
        """The index of the sentence unit that holds ``token``."""
        return max(bisect_right(self._unit_starts, token.i) - 1, 0)

    def unit_of(self, token: Token) -> Span:
        """The sentence unit that holds ``token``."""
        return self.units[self.unit_index(token)]

    def dates_within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Date mentions inside the characters ``start:end``."""
        first = bisect_left(self._date_starts, start)
        return [item for item in self.dates[first : bisect_left(self._date_starts, end)] if item[1] <= end]

    def events_within(self, start: int, end: int) -> list[Event]:
        """Events whose evidence starts inside the characters ``start:end``."""
        return self.events[bisect_left(self._event_starts, start) : bisect_left(self._event_starts, end)]

    def actors_in(self, tokens: Iterable[Token]) -> list[str]:
        """Distinct actor ids of ``tokens`` outside headings, in text order."""
        return _owners(tokens, self.token_actor, self.heading_tokens)

    def places_in(self, tokens: Iterable[Token]) -> list[str]:
        """Distinct place ids of ``tokens`` that are not part of an actor's name, in text order."""
        return _owners(tokens, self.token_place, self.token_actor.keys())

    def add_mention(self, actor: Actor, span: Span) -> TextSpan:
        """Give ``actor`` the mention ``span`` (the layer completes actors it needs as role fillers)."""
        mention = TextSpan(text=span.text, start=span.start_char, end=span.end_char)
        actor.mentions.append(mention)
        actor.mentions.sort(key=lambda item: item.start)
        for token in span:
            self.token_actor.setdefault(token.i, actor.id)
        self.actors[actor.id] = actor
        return mention


def _owners(tokens: Iterable[Token], owner_of: dict[int, str], skipped: Collection[int]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        owner = owner_of.get(token.i)
        if owner is not None and owner not in found and token.i not in skipped:
            found.append(owner)
    return found


def token_owners(doc: Doc, spans: Iterable[tuple[str, int, int]]) -> dict[int, str]:
    """Token index → owner id; the longest mention owns a token two mentions share."""
    owner: dict[int, str] = {}
    for owner_id, start, end in sorted(spans, key=lambda item: item[1] - item[2]):
        for token in doc.char_span(start, end, alignment_mode="expand") or ():
            owner.setdefault(token.i, owner_id)
    return owner


def sentence_units(doc: Doc) -> list[Span]:
    """The parser's sentences, cut again at blank lines (a heading is sometimes joined to the next line)."""
    units: list[Span] = []
    for sentence in doc.sents:
        units.extend(_paragraph_pieces(doc, sentence.start, sentence.end))
    return units


def _paragraph_pieces(doc: Doc, start: int, end: int) -> Iterator[Span]:
    piece_start = start
    for index in range(start, end + 1):
        at_break = index == end or (doc[index].is_space and "\n\n" in doc[index].text)
        if at_break:
            if any(not token.is_space for token in doc[piece_start:index]):
                yield doc[piece_start:index]
            piece_start = index + 1


def heading_tokens(doc: Doc, text: str) -> set[int]:
    """Tokens of short lines without end punctuation (title, byline, dateline) in a text of several lines."""
    lines = text.split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return set()
    tokens: set[int] = set()
    offset = 0
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.endswith(TERMINAL) and len(stripped.split()) <= HEADING_MAX_WORDS:
            tokens.update(token.i for token in doc.char_span(offset, offset + len(line), alignment_mode="expand") or ())
        offset += len(line) + 1
    return tokens


def build_context(doc: Doc) -> Context:
    """Index the layers before the agreements layer."""
    actors = {actor.id: actor for actor in doc._.actors or []}
    places = {place.id: place for place in doc._.places or []}
    document = doc._.document
    date = getattr(document, "date", None)
    text = doc_text(doc)
    return Context(
        doc=doc,
        text=text,
        actors=actors,
        places=places,
        token_actor=token_owners(doc, ((a.id, m.start, m.end) for a in actors.values() for m in a.mentions)),
        token_place=token_owners(doc, ((p.id, m.start, m.end) for p in places.values() for m in p.mentions)),
        units=sentence_units(doc),
        heading_tokens=heading_tokens(doc, text),
        dates=[(mention.start, mention.end, mention.value) for mention in doc._.dates or []],
        events=list(doc._.events or []),
        document_date=date if isinstance(date, str) else None,
    )
