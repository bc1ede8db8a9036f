"""Which attribution holds a stretch of text: the voice (the outlet's own or a source's) of any span.

Other layers call these after the attribution layer has run: the framing layer records the voice of its
spans, the events layer sets an event's ``reported_by`` chain and reads its status within that source's
statement.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitroom.components.offset_index import OffsetIndex
from sitroom.layers import doc_text
from sitroom.record import Attribution, Span, Voice

MIN_SHARE = 0.5
_INDEX_KEY = "sitroom_attribution_index"


def attribution_at(doc: Doc, start: int, end: int, min_share: float = MIN_SHARE) -> Attribution | None:
    """The innermost attribution whose content covers at least ``min_share`` of the span's non-space
    characters (the longest chain wins, then the shortest content), with its full chain; None when the
    span lies in the outlet's own text."""
    text = doc_text(doc)
    start, end = max(0, start), min(end, len(text))

    def count(a: int, b: int) -> int:
        return _non_space(text, a, b) if b > a else 0

    wanted = count(start, end)
    if wanted <= 0:
        return None
    best: tuple[int, int, Attribution] | None = None
    for attribution in _attributions_overlapping(doc, start, end):
        covered = sum(count(max(start, span.start), min(end, span.end)) for span in attribution.content)
        if covered < min_share * wanted:
            continue
        size = sum(span.end - span.start for span in attribution.content)
        key = (-len(attribution.chain), size)
        if best is None or key < best[:2]:
            best = (*key, attribution)
    return best[2] if best is not None else None


def _attributions_overlapping(doc: Doc, start: int, end: int) -> list[Attribution]:
    """The attributions with content overlapping ``[start, end)``, from an index of their content spans built
    once per Doc (looping over every attribution per call made the callers quadratic in document length)."""
    attributions: list[Attribution] = doc._.attributions or []
    cached = doc.user_data.get(_INDEX_KEY)
    if cached is not None and cached[0] is attributions and cached[1] == len(attributions):
        index: OffsetIndex[tuple[Span, Attribution]] = cached[2]
    else:  # first call, or the list changed since
        spans = [(span, attribution) for attribution in attributions for span in attribution.content]
        index = OffsetIndex(spans, lambda pair: pair[0].start, lambda pair: pair[0].end)
        doc.user_data[_INDEX_KEY] = (attributions, len(attributions), index)
    found = {id(attribution): attribution for _, attribution in index.overlapping(start, end)}
    return list(found.values())


def _non_space(text: str, start: int, end: int) -> int:
    """The non-space characters of ``text[start:end]``, counted in the slice alone: the spans asked about are
    short (an event's trigger, a framing phrase), and counting a whole document's characters first cost the
    events layer more than its lookups."""
    return sum(map(len, text[start:end].split()))


def voice_at(doc: Doc, start: int, end: int) -> Voice:
    """'attributed' when the span lies inside an attribution's content, else 'outlet'."""
    return "outlet" if attribution_at(doc, start, end) is None else "attributed"
