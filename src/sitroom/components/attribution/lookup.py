"""Which attribution holds a stretch of text: the voice (the outlet's own or a source's) of any span.

Other layers call these after the attribution layer has run: the framing layer records the voice of its
spans, the events layer sets an event's ``reported_by`` chain and reads its status within that source's
statement.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate

from spacy.tokens import Doc

from sitroom.record import Attribution, Voice

MIN_SHARE = 0.5
_PREFIX_KEY = "sitroom_non_space_prefix"


def attribution_at(doc: Doc, start: int, end: int, min_share: float = MIN_SHARE) -> Attribution | None:
    """The innermost attribution whose content covers at least ``min_share`` of the span's non-space
    characters (the longest chain wins, then the shortest content), with its full chain; None when the
    span lies in the outlet's own text."""
    count = _non_space_counter(doc)
    start, end = max(0, start), min(end, len(doc.text))
    wanted = count(start, end)
    if wanted <= 0:
        return None
    best: tuple[int, int, Attribution] | None = None
    for attribution in doc._.attributions or ():
        covered = sum(count(max(start, span.start), min(end, span.end)) for span in attribution.content)
        if covered < min_share * wanted:
            continue
        size = sum(span.end - span.start for span in attribution.content)
        key = (-len(attribution.chain), size)
        if best is None or key < best[:2]:
            best = (*key, attribution)
    return best[2] if best is not None else None


def _non_space_counter(doc: Doc) -> Callable[[int, int], int]:
    """Counts the non-space characters of ``doc.text[a:b]`` from prefix sums computed once per Doc."""
    prefix: list[int] | None = doc.user_data.get(_PREFIX_KEY)
    if prefix is None:
        prefix = [0, *accumulate(0 if char.isspace() else 1 for char in doc.text)]
        doc.user_data[_PREFIX_KEY] = prefix
    table = prefix

    def count(a: int, b: int) -> int:
        return table[b] - table[a] if b > a else 0

    return count


def voice_at(doc: Doc, start: int, end: int) -> Voice:
    """'attributed' when the span lies inside an attribution's content, else 'outlet'."""
    return "outlet" if attribution_at(doc, start, end) is None else "attributed"
