"""Direct quotes: quote-mark roles and the spans inside quote marks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitroom.components.attribution.text_geometry import paragraphs, word_count

_MARK = re.compile("''|``|[\"\u201c\u201d\u00ab\u00bb]")
_QUOTE_MARKS = {'"': "straight", "\u201c": "open", "\u201d": "close", "\u00ab": "open", "\u00bb": "close"}


@dataclass(frozen=True)
class QuoteSpan:
    """Character range inside quote marks; ``closed`` when a closing mark ends it."""

    start: int
    end: int
    closed: bool


def in_spans(position: int, spans: Iterable[QuoteSpan]) -> bool:
    """Whether the character offset lies inside any of the spans."""
    return any(span.start <= position < span.end for span in spans)


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


def quote_marks(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(offset, length, role) of the quote marks of ``text[start:end]``; two apostrophes or two backticks
    are one double quote mark (the typewriter style of some newspapers: ''like this'')."""
    marks = []
    for match in _MARK.finditer(text, start, end):
        position = match.start()
        if len(match.group()) == 1:
            marks.append((position, 1, mark_role(text, position)))
            continue
        before = text[position - 1] if position > 0 else " "
        after = text[position + 2] if position + 2 < len(text) else " "
        opening = match.group() == "``" or ((before.isspace() or before in "([-\u2013\u2014") and not after.isspace())
        marks.append((position, 2, "open" if opening else "close"))
    return marks


def quote_spans(text: str) -> list[QuoteSpan]:
    """Spans inside quote marks, per paragraph; an opening mark never closed runs to the next opening mark
    or the end of its paragraph."""
    spans = []
    for para_start, para_end in paragraphs(text):
        pending: int | None = None
        for position, length, role in quote_marks(text, para_start, para_end):
            if role == "open":
                if pending is not None:
                    spans.append(QuoteSpan(pending, position, closed=False))
                pending = position + length
            elif pending is not None:
                spans.append(QuoteSpan(pending, position, closed=True))
                pending = None
        if pending is not None:
            spans.append(QuoteSpan(pending, para_end, closed=False))
    return spans


def is_real_quote(text: str) -> bool:
    """Not a scare quote: four words or more, or a short sentence ending in punctuation."""
    words = word_count(text)
    return words >= 4 or (words >= 2 and text.rstrip()[-1:] in ",.!?")
