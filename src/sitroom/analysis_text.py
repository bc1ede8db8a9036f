"""The text the layers analyse: the document's text without invisible characters, and the way back.

Zero-width spaces, joiners, soft hyphens, direction marks and other format characters (Unicode category
Cf) are invisible to a reader but split words for a tokenizer ("Aleppo\\u200b" is not "Aleppo"). They are
removed before analysis, and unusual spaces and line separators become plain ones. Records must still
index the document text as read (gold/FORMAT.md), so :func:`restore_offsets` maps every span of a record
made from the cleaned text back onto the original.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from pydantic import BaseModel

# Format characters (Unicode category Cf, as of Unicode 15): removed.
_FORMAT = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
# Spaces and line separators other than the ASCII ones: replaced one for one, so offsets do not move.
_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_LINES = "\u0085\u2028\u2029\x0b"
_PLAIN = str.maketrans(dict.fromkeys(_SPACES, " ") | dict.fromkeys(_LINES, "\n"))
_INVISIBLE = re.compile(f"[{_FORMAT}]")
_ANY = re.compile(f"[{_FORMAT}{_SPACES}{_LINES}]")


@dataclass(frozen=True)
class AnalysisText:
    """The cleaned text and, for each removed character, the cleaned offset it was removed before."""

    text: str
    removed_before: tuple[int, ...] = ()

    def original_start(self, offset: int) -> int:
        """The original offset of the cleaned character at ``offset`` (a span's start)."""
        return offset + bisect_right(self.removed_before, offset)

    def original_end(self, offset: int) -> int:
        """The original offset just after the cleaned character before ``offset`` (a span's end)."""
        if offset == 0:
            return 0
        return self.original_start(offset - 1) + 1


def analysis_text(original: str) -> AnalysisText:
    """``original`` ready for analysis; the text itself (and no map) when it has nothing to clean."""
    if _ANY.search(original) is None:
        return AnalysisText(original)
    spaced = original.translate(_PLAIN)
    removed: list[int] = []
    pieces: list[str] = []
    kept = 0
    previous = 0
    for match in _INVISIBLE.finditer(spaced):
        pieces.append(spaced[previous : match.start()])
        kept += match.start() - previous
        removed.append(kept)
        previous = match.end()
    pieces.append(spaced[previous:])
    return AnalysisText("".join(pieces), tuple(removed))


def restore_offsets(model: BaseModel, cleaned: AnalysisText, original: str) -> None:
    """Point every span in ``model`` (``text``, ``start``, ``end``) at ``original`` instead of the cleaned text."""
    if not cleaned.removed_before and cleaned.text == original:
        return
    _restore(model, cleaned, original, set())


def _restore(value: object, cleaned: AnalysisText, original: str, seen: set[int]) -> None:
    """Restores each model once, however many records share it (the attribution layer's chains are shared
    by an attribution, its claims and its quotes: restored once per holder, their spans moved too far)."""
    if isinstance(value, list):
        for item in value:
            _restore(item, cleaned, original, seen)
        return
    if not isinstance(value, BaseModel) or id(value) in seen:
        return
    seen.add(id(value))
    fields = type(value).model_fields
    if {"text", "start", "end"} <= fields.keys():
        start, end = value.start, value.end  # type: ignore[attr-defined]
        new_start = cleaned.original_start(start)
        new_end = max(new_start, cleaned.original_end(end)) if end > start else new_start
        value.start, value.end = new_start, new_end  # type: ignore[attr-defined]
        value.text = original[new_start:new_end]  # type: ignore[attr-defined]
    for name in fields:
        _restore(getattr(value, name), cleaned, original, seen)
