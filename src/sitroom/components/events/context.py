"""Per-document lookups for the events layer: which token belongs to which actor, place and heading, and
the sentence units events are told in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token

from sitroom.components.events.vocabulary import HEADING_MAX_WORDS, TERMINAL
from sitroom.components.offset_index import OffsetIndex
from sitroom.layers import doc_text
from sitroom.memo import BoundedMemo
from sitroom.record import Actor, Claim, Place

TITLE_SEARCH = 300  # characters from the start where a repeated title is looked for


@dataclass
class Context:
    """Per-document lookups: which token belongs to which actor / place mention, and the other layers."""

    doc: Doc
    actors: dict[str, Actor]
    places: dict[str, Place]
    token_actor: dict[int, str]
    token_place: dict[int, str]
    claims: list[Claim]
    dates: list[tuple[int, int, str]]
    document_month: str | None
    document_date: str | None = None
    heading_tokens: set[int] = field(default_factory=set)
    units: list[Span] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    claim_index: OffsetIndex[Claim] = field(init=False)
    date_index: OffsetIndex[tuple[int, int, str]] = field(init=False)
    unit_index: OffsetIndex[Span] = field(init=False)
    unit_starts: list[int] = field(init=False)  # first token of each sentence unit, ascending
    text: str = field(init=False)
    focus: str | None = field(init=False, default=None)  # the document's focus place, once computed
    focus_known: bool = field(init=False, default=False)
    home: str | None = field(init=False, default=None)  # the document's main country, once computed
    home_known: bool = field(init=False, default=False)
    dateline: str | None = field(init=False, default=None)  # the place of the dateline, once computed
    dateline_known: bool = field(init=False, default=False)
    own_places: list[tuple[str, str | None]] | None = field(init=False, default=None)  # see place_date

    def __post_init__(self) -> None:
        """Claims, dates and sentence units indexed by offset, so per-token lookups stay cheap."""
        self.text = doc_text(self.doc)
        self.claim_index = OffsetIndex(self.claims, lambda claim: claim.start, lambda claim: claim.end)
        self.date_index = OffsetIndex(self.dates, lambda date: date[0], lambda date: date[1])
        self.unit_index = OffsetIndex(self.units, lambda unit: unit.start, lambda unit: unit.end)
        self.unit_starts = sorted({unit.start for unit in self.units})


def _token_index(doc: Doc, spans: Iterable[tuple[str, int, int]]) -> dict[int, str]:
    """Token index → owner id, longest mentions first so that an outer mention owns its tokens."""
    owner: dict[int, str] = {}
    for owner_id, start, end in sorted(spans, key=lambda item: item[1] - item[2]):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            owner.setdefault(token.i, owner_id)
    return owner


def _date_triples(doc: Doc) -> list[tuple[int, int, str]]:
    dates = doc._.dates or []
    return [(mention.start, mention.end, mention.value) for mention in dates]


def _document_date(doc: Doc) -> str | None:
    date = getattr(doc._.document, "date", None)
    return date if isinstance(date, str) else None


def _document_month(doc: Doc) -> str | None:
    date = _document_date(doc)
    return date[:7] if date is not None and len(date) >= 7 else date


def build_context(doc: Doc) -> Context:
    """Index the actor and place layers of ``doc`` by token."""
    actors = {actor.id: actor for actor in doc._.actors or []}
    places = {place.id: place for place in doc._.places or []}
    ctx = Context(
        doc=doc,
        actors=actors,
        places=places,
        token_actor=_token_index(doc, ((a.id, m.start, m.end) for a in actors.values() for m in a.mentions)),
        token_place=_token_index(doc, ((p.id, m.start, m.end) for p in places.values() for m in p.mentions)),
        claims=list(doc._.claims or []),
        dates=_date_triples(doc),
        document_month=_document_month(doc),
        document_date=_document_date(doc),
        heading_tokens=_heading_tokens(doc) | repeated_title(doc),
        units=sentence_units(doc),
    )
    return ctx


def repeated_title(doc: Doc) -> set[int]:
    """Tokens of the document's title where the text opens by repeating it (run into the lead when the
    punctuation is lost: "Air strikes kill 12 in Aleppo Monitor AFP Thursday ... Air strikes killed ...")."""
    title = getattr(doc._.document, "title", None)
    if not title or len(title.split()) < 3:
        return set()
    start = doc_text(doc).find(title, 0, TITLE_SEARCH + len(title))
    span = doc.char_span(start, start + len(title), alignment_mode="expand") if start >= 0 else None
    if span is None or span.end >= len(doc) - 1:
        return set()  # the title is the whole text: it is the report itself
    return {token.i for token in span}


def _heading_tokens(doc: Doc) -> set[int]:
    """Tokens of heading lines: short lines (title, byline, dateline) without terminal punctuation.

    A text of a single line has no heading: it is its own body (a sentence, a post, a wire item)."""
    tokens: set[int] = set()
    offset = 0
    lines = doc_text(doc).split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return tokens
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.endswith(TERMINAL) and len(stripped.split()) <= HEADING_MAX_WORDS:
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            tokens.update(token.i for token in span or [])
        offset += len(line) + 1
    return tokens


def sentence_units(doc: Doc) -> list[Span]:
    """Sentences cut at blank lines (the parser sometimes joins a heading or a paragraph to the next)."""
    units: list[Span] = []
    spaces = doc.to_array(IS_SPACE).tolist() if len(doc) else []
    for sent in doc.sents:
        start = sent.start
        for index in range(sent.start, sent.end):
            if spaces[index] and "\n\n" in doc[index].text:
                if not all(spaces[start:index]):
                    units.append(doc[start:index])
                start = index + 1
        if not all(spaces[start : sent.end]):
            units.append(doc[start : sent.end])
    return units


def sentence_of(token: Token, ctx: Context) -> Span:
    return ctx.unit_index.covering(token.i)[0]


def actors_in(tokens: Iterable[Token], ctx: Context) -> list[str]:
    """Distinct actor ids of ``tokens``, in text order."""
    found: list[str] = []
    for token in tokens:
        actor_id = ctx.token_actor.get(token.i)
        if actor_id is not None and actor_id not in found and token.i not in ctx.heading_tokens:
            found.append(actor_id)
    return found


# Lemma hash → its lower case: the rules ask for lemmas many times a token.
_LOWER_LEMMAS: BoundedMemo[int, str] = BoundedMemo(100_000)


def lemma(token: Token) -> str:
    found = _LOWER_LEMMAS.get(token.lemma)
    return _LOWER_LEMMAS.remember(token.lemma, token.lemma_.lower()) if found is None else found


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
