"""Finding gold strings in a text and comparing them with system text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sitroom.names import fold


def light_normal(text: str) -> str:
    """Case- and whitespace-insensitive form without a leading "the"."""
    words = text.casefold().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def locate(text: str, needle: str) -> list[tuple[int, int]]:
    """All (start, end) occurrences of ``needle`` as whole words, ignoring case and spacing."""
    words = needle.split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(word) for word in words)
    if re.match(r"\w", needle.strip()):
        pattern = r"(?<!\w)" + pattern
    if re.search(r"\w$", needle.strip()):
        pattern += r"(?!\w)"
    return [(match.start(), match.end()) for match in re.finditer(pattern, text, re.IGNORECASE)]


def _overlaps(start: int, end: int, occurrences: Iterable[tuple[int, int]]) -> bool:
    return any(start < occurrence_end and occurrence_start < end for occurrence_start, occurrence_end in occurrences)


def text_overlaps(text: str, start: int, end: int, starts_with: str, occurrences: Sequence[tuple[int, int]]) -> bool:
    """The system text contains the gold first words, or its offsets overlap where they occur."""
    if f" {fold(starts_with)} " in f" {fold(text)} ":
        return True
    return _overlaps(start, end, occurrences)
