from __future__ import annotations

import pytest

from sitroom.metadata import find_date, find_title, read_text_metadata
from sitroom.readers import normalise_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 January 2014", "2014-01-15"),
        ("Posted on January 15, 2014 by staff", "2014-01-15"),
        ("Wed 05 Apr 2017 Syria attack", "2017-04-05"),
        ("updated 2016-11-18T10:00", "2016-11-18"),
        ("31 February 2014 then 1 March 2014", "2014-03-01"),
        ("no date here, only 2014", None),
    ],
)
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/5/17", "2017-04-05"),
        ("11/18/2016", "2016-11-18"),
        ("2014-01-15", "2014-01-15"),
        ("", None),
        ("13/40/17", None),
    ],
)
def test_normalise_date_fields(value: str, expected: str | None) -> None:
    assert normalise_date(value) == expected


def test_title_dateline_and_byline_from_text() -> None:
    text = "\n\nHeadline Of The Day\n\n3 March 2015\n\nBy Jane Roe\n\nBody text follows here."
    meta = read_text_metadata(text)
    assert meta.title == "Headline Of The Day"
    assert meta.date == "2015-03-03"
    assert meta.byline == "Jane Roe"


def test_a_long_first_line_is_not_a_title() -> None:
    assert find_title("word " * 100) is None
