"""Date resolution: absolute and relative expressions against a document date."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from sitroom.components.dates import DateMention, find_dates, parse_anchor, resolve_date
from sitroom.documents import Document

WEDNESDAY = dt.date(2014, 1, 15)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("15 January 2014", ("2014-01-15", "day")),
        ("January 15, 2014", ("2014-01-15", "day")),
        ("the 3rd of March 2012", ("2012-03-03", "day")),
        ("2014-01-15", ("2014-01-15", "day")),
        ("Wed 05 Apr 2017", ("2017-04-05", "day")),
        ("Tuesday, July 5, 2016", ("2016-07-05", "day")),
        ("January 2014", ("2014-01", "month")),
        ("Sept. 2013", ("2013-09", "month")),
        ("2013-11", ("2013-11", "month")),
        ("2011", ("2011", "year")),
        ("in 2011", ("2011", "year")),
        ("mid-2013", ("2013", "year")),
        ("early 2013", ("2013", "year")),
        ("the end of 2012", ("2012", "year")),
    ],
)
def test_absolute_dates_need_no_anchor(expression: str, expected: tuple[str, str]) -> None:
    assert resolve_date(expression, None) == expected
    assert resolve_date(expression, WEDNESDAY) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Wednesday", ("2014-01-15", "day")),
        ("Monday", ("2014-01-13", "day")),
        ("Thursday", ("2014-01-09", "day")),
        ("Sunday night", ("2014-01-12", "day")),
        ("last Wednesday", ("2014-01-08", "day")),
        ("next Friday", ("2014-01-17", "day")),
        ("yesterday", ("2014-01-14", "day")),
        ("today", ("2014-01-15", "day")),
        ("tomorrow", ("2014-01-16", "day")),
        ("last night", ("2014-01-14", "day")),
        ("the day before yesterday", ("2014-01-13", "day")),
        ("two days ago", ("2014-01-13", "day")),
        ("a month ago", ("2013-12", "month")),
        ("three months ago", ("2013-10", "month")),
        ("two years ago", ("2012", "year")),
        ("last year", ("2013", "year")),
        ("last year's", ("2013", "year")),
        ("late last year", ("2013", "year")),
        ("this year", ("2014", "year")),
        ("next year", ("2015", "year")),
        ("last month", ("2013-12", "month")),
        ("earlier this month", ("2014-01", "month")),
        ("this week", ("2014-01", "month")),
        ("in January", ("2014-01", "month")),
        ("in December", ("2013-12", "month")),
        ("mid-January", ("2014-01", "month")),
        ("10 January", ("2014-01-10", "day")),
        ("December 28", ("2013-12-28", "day")),
        ("Jan. 20", ("2014-01-20", "day")),
    ],
)
def test_relative_dates_resolve_against_the_anchor(expression: str, expected: tuple[str, str]) -> None:
    assert resolve_date(expression, WEDNESDAY) == expected


def test_a_week_across_two_months_keeps_only_the_year() -> None:
    assert resolve_date("last week", dt.date(2014, 2, 3)) == ("2014", "year")
    assert resolve_date("last week", dt.date(2014, 1, 6)) is None


def test_a_new_year_article_looks_back_to_december() -> None:
    assert resolve_date("December 30", dt.date(2014, 1, 2)) == ("2013-12-30", "day")
    assert resolve_date("in December", dt.date(2014, 1, 2)) == ("2013-12", "month")


@pytest.mark.parametrize("expression", ["on Wednesday", "a month ago", "last year", "in January", "yesterday"])
def test_relative_dates_without_anchor_are_unresolved(expression: str) -> None:
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    "expression",
    ["a mouth ago", "six years", "the 1990s", "several weeks", "30 February 2014", "2014-13", "recently"],
)
def test_non_dates_are_rejected(expression: str) -> None:
    assert resolve_date(expression, WEDNESDAY) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2014-01-15", dt.date(2014, 1, 15)),
        ("2014-01-15T08:30:00Z", dt.date(2014, 1, 15)),
        ("4/5/17", dt.date(2017, 4, 5)),
        ("10/4/2016", dt.date(2016, 10, 4)),
        ("2014", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_anchor(value: str | None, expected: dt.date | None) -> None:
    assert parse_anchor(value) == expected


def test_date_mention_is_frozen() -> None:
    mention = DateMention("2014", 0, 4, "2014", "year")
    with pytest.raises(AttributeError):
        mention.value = "2015"  # type: ignore[misc]


def test_component_finds_pattern_dates_with_exact_offsets() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sitroom_dates")
    text = "On Wednesday 15 January 2014 the rebels, who struck a month ago and in March, may return next week."
    doc = nlp.make_doc(text)
    doc._.document = Document(id="t", text=text, date="2014-01-15")
    doc = nlp.get_pipe("sitroom_dates")(doc)
    found = {(m.text, m.value, m.precision) for m in doc._.dates}
    assert found == {
        ("Wednesday 15 January 2014", "2014-01-15", "day"),
        ("a month ago", "2013-12", "month"),
        ("March", "2014-03", "month"),
        ("next week", "2014-01", "month"),
    }
    assert all(text[m.start : m.end] == m.text for m in doc._.dates)


def test_component_without_document_keeps_only_absolute_dates() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sitroom_dates")
    doc = nlp("Clashes on Monday followed the truce of 15 January 2014.")
    assert [(m.text, m.value) for m in doc._.dates] == [("15 January 2014", "2014-01-15")]


def test_find_dates_prefers_the_longest_overlapping_expression() -> None:
    doc = spacy.blank("en")("It happened in mid-2013 and on 5 June 2013.")
    mentions = find_dates(doc, None)
    assert [m.text for m in mentions] == ["mid-2013", "5 June 2013"]
