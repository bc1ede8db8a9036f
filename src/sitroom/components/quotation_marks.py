"""Spans between quotation marks: words in them are someone else's, or held at a distance (scare quotes)."""

from __future__ import annotations

# Quotation marks that open and close a quotation; a straight double quote does both, in turn.
_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019", '"': '"'}
_MAX_QUOTATION = 1000  # characters: a longer "quotation" is an unpaired mark, not a quote


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each span between paired quotation marks, marks included, within one paragraph.

    A single left quotation mark opens only at the start of a word (the right one is also an apostrophe).
    """
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        mark = text[position]
        closer = _PAIRS.get(mark)
        opens_word = mark != "\u2018" or position == 0 or not text[position - 1].isalnum()
        if closer is None or not opens_word:
            position += 1
            continue
        end = text.find(closer, position + 1, position + 1 + _MAX_QUOTATION)
        paragraph = text.find("\n\n", position + 1, end if end >= 0 else position + 1)
        if end < 0 or paragraph >= 0:
            position += 1
            continue
        spans.append((position, end + 1))
        position = end + 1
    return spans


def inside_quotation(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when the item [start, end) ends inside a quotation: its head word, the loaded one, is quoted
    ('so-called "terrorists"' as well as '"terrorists"')."""
    return any(first < end <= last and start < last for first, last in spans)
