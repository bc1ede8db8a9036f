"""Direct quotes: quote-mark roles and the spans inside quote marks."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from sitroom.components.attribution.text_geometry import paragraphs, word_count

_QUOTE_MARKS = {'"': "straight", "\u201c": "open", "\u201d": "close", "\u00ab": "open", "\u00bb": "close"}


@dataclass(frozen=True)
class QuoteSpan:
    """Character range inside quote marks; ``closed`` when a closing mark ends it."""

    start: int
    end: int
    closed: bool


def in_spans(position: int, spans: Sequence[QuoteSpan]) -> bool:
    """Whether the character offset lies inside any of the spans (in text order, not overlapping, as
    :func:`quote_spans` gives them): a binary search, so a long document's many quotes cost little."""
    index = bisect_right(spans, position, key=lambda span: span.start)
    return index > 0 and position < spans[index - 1].end


def mark_role(text: str, position: int) -> str:
    """Role of one quote mark, "open" or "close", from the mark itself or the characters around it."""
    kind = _QUOTE_MARKS[text[position]]
    if kind != "straight":
        return kind
    before = text[position - 1] if position > 0 else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if (before.isspace() or before in "([-\u2013\u2014") and not after.isspace():
        return "open"
    return "close"


def quote_spans(text: str) -> list[QuoteSpan]:
    """Spans inside quote marks, per paragraph; an opening mark never closed runs to the next opening mark
    or the end of its paragraph."""
    spans = []
    for para_start, para_end in paragraphs(text):
        pending: int | None = None
        for offset, char in enumerate(text[para_start:para_end]):
            if char not in _QUOTE_MARKS:
                continue
            position = para_start + offset
            role = mark_role(text, position)
            if role == "open":
                if pending is not None:
                    spans.append(QuoteSpan(pending + 1, position, closed=False))
                pending = position
            elif pending is not None:
                spans.append(QuoteSpan(pending + 1, position, closed=True))
                pending = None
        if pending is not None:
            spans.append(QuoteSpan(pending + 1, para_end, closed=False))
    return spans


def is_real_quote(text: str) -> bool:
    """Not a scare quote: four words or more, or a short sentence ending in punctuation."""
    words = word_count(text)
    return words >= 4 or (words >= 2 and text.rstrip()[-1:] in ",.!?")
