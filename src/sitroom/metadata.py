"""Metadata read from an article's own text: title line, dateline and byline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b",
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
        r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)",
    )
)
_BYLINE = re.compile(r"^\s*by\s+(?P<name>[^\n]{2,80}?)\s*$", re.IGNORECASE | re.MULTILINE)
_HEAD_CHARS = 600
_MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class TextMetadata:
    """What the text itself says about the article."""

    title: str | None = None
    date: str | None = None
    byline: str | None = None


def _month_number(token: str) -> int:
    return int(token) if token.isdigit() else _MONTHS[token.lower().rstrip(".")]


def find_date(text: str) -> str | None:
    """The first full calendar date in ``text`` as ISO ``YYYY-MM-DD``, if any is valid."""
    for match in sorted((m for pattern in _DATE_PATTERNS for m in pattern.finditer(text)), key=lambda m: m.start()):
        try:
            found = date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
        except ValueError:
            continue
        return found.isoformat()
    return None


def find_title(text: str) -> str | None:
    """The first non-empty line when it is short enough to be a headline."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped:
            return stripped if len(stripped) <= _MAX_TITLE_CHARS else None
    return None


def read_text_metadata(text: str) -> TextMetadata:
    """Title line, dateline and byline found near the top of ``text``."""
    head = text[:_HEAD_CHARS]
    byline = _BYLINE.search(head)
    return TextMetadata(
        title=find_title(text),
        date=find_date(head),
        byline=byline["name"].strip() if byline else None,
    )
