"""Which attribution holds a stretch of text: the voice (the outlet's own or a source's) of any span.

Other layers call these after the attribution layer has run: the framing layer records the voice of its
spans, the events layer sets an event's ``reported_by`` chain and reads its status within that source's
statement.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sitroom.record import Attribution, Voice

MIN_SHARE = 0.5


def attribution_at(doc: Doc, start: int, end: int, min_share: float = MIN_SHARE) -> Attribution | None:
    """The innermost attribution whose content covers at least ``min_share`` of the span's non-space
    characters (the longest chain wins, then the shortest content), with its full chain; None when the
    span lies in the outlet's own text."""
    text = doc.text
    wanted = {i for i in range(max(0, start), min(end, len(text))) if not text[i].isspace()}
    if not wanted:
        return None
    best: tuple[int, int, Attribution] | None = None
    for attribution in doc._.attributions or ():
        covered = sum(1 for i in wanted if any(span.start <= i < span.end for span in attribution.content))
        if covered < min_share * len(wanted):
            continue
        size = sum(span.end - span.start for span in attribution.content)
        key = (-len(attribution.chain), size)
        if best is None or key < best[:2]:
            best = (*key, attribution)
    return best[2] if best is not None else None


def voice_at(doc: Doc, start: int, end: int) -> Voice:
    """'attributed' when the span lies inside an attribution's content, else 'outlet'."""
    return "outlet" if attribution_at(doc, start, end) is None else "attributed"
