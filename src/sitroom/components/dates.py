"""Date expressions: absolute and relative, resolved against the document date.

``resolve_date`` is a pure function from one expression ("last year", "15 January 2014", "on Wednesday") to an
ISO value at the precision the expression supports. The spaCy component ``sitroom_dates`` finds expressions
(spaCy's DATE entities plus its own patterns) and sets ``doc._.dates`` to a list of :class:`DateMention`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc

from sitroom import layers

Precision = Literal["year", "month", "day"]
Resolution = tuple[str, Precision]


@dataclass(frozen=True)
class DateMention:
    """A date expression of the text with its resolved ISO value ("2014", "2014-01", "2014-01-15")."""

    text: str
    start: int
    end: int
    value: str
    precision: Precision


MONTHS: dict[str, int] = {}
for _number in range(1, 13):
    MONTHS[calendar.month_name[_number].lower()] = _number
    MONTHS[calendar.month_abbr[_number].lower()] = _number
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {}
for _number in range(7):
    WEEKDAYS[calendar.day_name[_number].lower()] = _number
    WEEKDAYS[calendar.day_abbr[_number].lower()] = _number
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "couple of": 2,
}  # fmt: skip

_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

_LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|during|at|since|of|the|earlier|later|early|late|mid|end|beginning|start|middle|"
    r"first half|second half)(?:\s+of)?[\s-]+)+"
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def normalise(expression: str) -> str:
    """Lower-case expression without possessive, commas, abbreviation dots or leading prepositions."""
    text = expression.translate(_APOSTROPHES).lower().strip()
    text = re.sub(r"'s$", "", text)
    text = re.sub(r"(?<=[a-z])\.(?=\s|$)", "", text)
    text = re.sub(r"[,]", " ", text)
    text = " ".join(text.split())
    return _LEADING_WORDS.sub("", text).strip()


def day_value(day: dt.date) -> Resolution:
    return day.isoformat(), "day"


def month_value(year: int, month: int) -> Resolution:
    return f"{year:04d}-{month:02d}", "month"


def year_value(year: int) -> Resolution:
    return f"{year:04d}", "year"


def span_value(first: dt.date, last: dt.date) -> Resolution | None:
    """The finest value that covers every day from ``first`` to ``last``."""
    if first == last:
        return day_value(first)
    if (first.year, first.month) == (last.year, last.month):
        return month_value(first.year, first.month)
    if first.year == last.year:
        return year_value(first.year)
    return None


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by ``delta`` months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_day(month: int, day: int, anchor: dt.date) -> dt.date | None:
    """The date with this month and day closest to the anchor (past preferred on ties)."""
    candidates = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))]
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)


def nearest_month(month: int, anchor: dt.date) -> tuple[int, int]:
    """The (year, month) of this calendar month closest to the anchor (past preferred on ties)."""
    here = anchor.year * 12 + anchor.month - 1
    options = [(year, month) for year in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return min(options, key=lambda ym: (abs(ym[0] * 12 + ym[1] - 1 - here), ym[0] * 12 + ym[1] - 1 > here))


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def count_of(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


# --- one handler per expression shape --------------------------------------------------------------

Handler = Callable[[re.Match[str], dt.date | None], Resolution | None]


def _full_date(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    day = safe_date(int(match["year"]), MONTHS[match["month"]], int(match["day"]))
    return day_value(day) if day else None


def _iso_day(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    day = safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
    return day_value(day) if day else None


def _iso_month(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    month = int(match["month"])
    return month_value(int(match["year"]), month) if 1 <= month <= 12 else None


def _month_year(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    return month_value(int(match["year"]), MONTHS[match["month"]])


def _year(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    return year_value(int(match["year"]))


def _day_month(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    if anchor is None:
        return None
    day = nearest_day(MONTHS[match["month"]], int(match["day"]), anchor)
    return day_value(day) if day else None


def _month(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    return month_value(*nearest_month(MONTHS[match["month"]], anchor)) if anchor else None


def _weekday(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """Bare and "this" weekdays: the latest such day on or before the anchor; "last": strictly before."""
    if anchor is None:
        return None
    back = (anchor.weekday() - WEEKDAYS[match["weekday"]]) % 7
    relation = match["relation"]
    if relation == "next":
        return day_value(anchor + dt.timedelta(days=(7 - back) % 7 or 7))
    if relation == "last" and back == 0:
        back = 7
    return day_value(anchor - dt.timedelta(days=back))


_DAY_OFFSETS = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "yesterday morning": -1, "yesterday afternoon": -1,
    "yesterday evening": -1, "day before yesterday": -2, "tomorrow": 1,
}  # fmt: skip


def _named_day(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    return day_value(anchor + dt.timedelta(days=_DAY_OFFSETS[match["name"]])) if anchor else None


_RELATION_STEP = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def _relative_period(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """Calendar periods: "this week", "last month", "next year"."""
    if anchor is None:
        return None
    step, unit = _RELATION_STEP[match["relation"]], match["unit"]
    if unit == "year":
        return year_value(anchor.year + step)
    if unit == "month":
        return month_value(*shift_months(anchor.year, anchor.month, step))
    monday = week_start(anchor) + dt.timedelta(weeks=step)
    return span_value(monday, monday + dt.timedelta(days=6))


def _weekend(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """The latest Saturday-Sunday that began on or before the anchor."""
    if anchor is None:
        return None
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)
    return span_value(saturday, saturday + dt.timedelta(days=1))


def _ago(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """Counts back: "two days ago" (day), "three weeks ago" (the period holding that week), "a month ago"."""
    if anchor is None:
        return None
    count, unit = count_of(match["count"]), match["unit"]
    if unit == "day":
        return day_value(anchor - dt.timedelta(days=count))
    if unit == "week":
        monday = week_start(anchor - dt.timedelta(weeks=count))
        return span_value(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        return month_value(*shift_months(anchor.year, anchor.month, -count))
    return year_value(anchor.year - count)


def _rolling(match: re.Match[str], anchor: dt.date | None) -> Resolution | None:
    """Periods ending at the anchor: "the past two weeks", "the last 3 days"."""
    if anchor is None:
        return None
    count, unit = count_of(match["count"] or "1"), match["unit"]
    if unit == "year":
        return span_value(safe_date(anchor.year - count, anchor.month, 1) or anchor, anchor)
    if unit == "month":
        year, month = shift_months(anchor.year, anchor.month, -count)
        return span_value(dt.date(year, month, min(anchor.day, 28)), anchor)
    days = count * (7 if unit == "week" else 1)
    return span_value(anchor - dt.timedelta(days=days), anchor)


_RULES: tuple[tuple[re.Pattern[str], Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (rf"(?:{_WEEKDAY}\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\s+{_YEAR}", _full_date),
        (rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY}\s+{_YEAR}", _full_date),
        (r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})", _iso_day),
        (r"(?P<year>\d{4})-(?P<month>\d{2})", _iso_month),
        (rf"{_MONTH}\s+(?:of\s+)?{_YEAR}", _month_year),
        (rf"(?:the\s+)?(?:year\s+)?{_YEAR}", _year),
        (rf"(?:{_WEEKDAY}\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}", _day_month),
        (rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY}", _day_month),
        (_MONTH, _month),
        (rf"(?:(?P<relation>this|last|next)\s+)?{_WEEKDAY}{_PART_OF_DAY}", _weekday),
        (r"(?:the\s+)?(?P<name>" + "|".join(sorted(_DAY_OFFSETS, key=len, reverse=True)) + ")", _named_day),
        (r"(?P<relation>this|current|last|previous|next|coming)\s+(?P<unit>week|month|year)", _relative_period),
        (r"(?:(?:this|last)\s+)?weekend", _weekend),
        (rf"{_COUNT}\s+{_UNIT}\s+ago", _ago),
        (rf"(?:the\s+)?(?:past|last|previous)\s+(?:{_COUNT}\s+)?{_UNIT}", _rolling),
    )
)


def resolve_date(expression: str, anchor: dt.date | None) -> Resolution | None:
    """ISO value and precision of a date expression, relative ones resolved against ``anchor``.

    None when the expression is not a date this resolver understands, or is relative and ``anchor`` is None.
    """
    text = normalise(expression)
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match:
            return handler(match, anchor)
    return None


def parse_anchor(value: str | None) -> dt.date | None:
    """The document date as a day: ISO ("2014-01-15", with or without time) or US "M/D/YY" (FA-KES)."""
    if not value:
        return None
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if iso:
        return safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", value.strip())
    if us:
        year = int(us[3]) + (2000 if len(us[3]) == 2 else 0)
        return safe_date(year, int(us[1]), int(us[2]))
    return None


# --- finding expressions in a text ------------------------------------------------------------------

_WEEKDAY_NAME = "(?:" + "|".join(calendar.day_name) + ")"
_PREPOSITION = r"\b(?:in|on|since|during|until|by|of)\s+"
# Each pattern's group "d" is the expression; text around it only gives context.
_SCAN_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b(?P<d>(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\.?,?\s+{_YEAR})\b",
        rf"\b(?P<d>(?:{_WEEKDAY},?\s+)?{_MONTH}\.?\s+{_DAY},?\s+{_YEAR})\b",
        r"\b(?P<d>\d{4}-\d{2}-\d{2})\b",
        rf"\b(?P<d>{_MONTH}\.?,?\s+(?:of\s+)?{_YEAR})\b",
        rf"\b(?P<d>(?:mid|early|late)-?\s*{_YEAR})\b",
        rf"{_PREPOSITION}(?P<d>{_MONTH})\b",
        rf"{_PREPOSITION}(?P<d>{_YEAR})\b",
        rf"\b(?P<d>(?:(?:last|this|next)\s+)?{_WEEKDAY_NAME}(?:\s+(?:morning|afternoon|evening|night))?)\b",
        r"\b(?P<d>today|tonight|yesterday|tomorrow|last night)\b",
        r"\b(?P<d>(?:this|last|next)\s+(?:week|month|year))\b",
        rf"\b(?P<d>{_COUNT}\s+{_UNIT}\s+ago)\b",
    )
)
_LOWER_CASE_FALSE_FRIENDS = frozenset({"may", "march", "mar", "jan", "jun", "sept", "dec"})


def candidate_spans(doc: Doc, text: str) -> Iterator[tuple[int, int]]:
    """Character spans that may be date expressions: spaCy DATE entities and sitroom's patterns."""
    for entity in doc.ents:
        if entity.label_ == "DATE":
            yield entity.start_char, entity.end_char
    for pattern in _SCAN_PATTERNS:
        for match in pattern.finditer(text):
            if not is_false_friend(match["d"]):
                yield match.start("d"), match.end("d")


def is_false_friend(text: str) -> bool:
    """A lone lower-case "may" or "march": a word, not a month."""
    return text in _LOWER_CASE_FALSE_FRIENDS


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Span without surrounding spaces, trailing punctuation or possessive "'s"."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if text[start:end].translate(_APOSTROPHES).endswith("'s"):
        end -= 2
    return start, end


def find_dates(doc: Doc, anchor: dt.date | None) -> list[DateMention]:
    """Resolved date mentions of the doc, longest first on overlaps, in text order."""
    text = layers.doc_text(doc)
    resolved: list[DateMention] = []
    for raw_start, raw_end in set(candidate_spans(doc, text)):
        start, end = trim_span(text, raw_start, raw_end)
        value = resolve_date(text[start:end], anchor)
        if value:
            resolved.append(DateMention(text[start:end], start, end, value[0], value[1]))
    kept: list[DateMention] = []
    for mention in sorted(resolved, key=lambda m: (m.start - m.end, m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


class DatesComponent:
    """Sets ``doc._.dates`` to the document's resolved date mentions."""

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        anchor = parse_anchor(document.date) if document is not None else None
        doc._.dates = find_dates(doc, anchor)
        return doc


@Language.factory("sitroom_dates")
def make_dates(nlp: Language, name: str) -> DatesComponent:
    """spaCy factory of the dates layer."""
    layers.register_extensions()
    return DatesComponent()
