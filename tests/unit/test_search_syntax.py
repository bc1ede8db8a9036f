"""The search language: phrases, AND/OR/NOT, prefixes, brackets, and a clear error for what it cannot read."""

from __future__ import annotations

import pytest

from sitroom.store.search_syntax import And, Not, Or, SearchSyntaxError, Term, parse_query, to_fts5


def test_words_are_all_required_and_operators_combine() -> None:
    assert parse_query("shelling Homs") == And((Term("shelling"), Term("Homs")))
    assert parse_query("shelling AND Homs") == parse_query("shelling Homs")
    assert parse_query("Homs OR Hama") == Or((Term("Homs"), Term("Hama")))
    assert parse_query("Homs -Hama") == And((Term("Homs"), Not(Term("Hama"))))
    assert parse_query("Homs NOT Hama") == parse_query("Homs -Hama")


def test_and_binds_tighter_than_or_and_brackets_group() -> None:
    assert parse_query("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse_query("a (b OR c)") == And((Term("a"), Or((Term("b"), Term("c")))))


def test_phrases_and_prefixes() -> None:
    assert parse_query('"car  bomb" Idlib') == And((Term("car bomb", "phrase"), Term("Idlib")))
    assert parse_query("Negot*") == Term("negot", "prefix")


def test_lower_case_operators_are_words() -> None:
    assert parse_query("war and peace") == And((Term("war"), Term("and"), Term("peace")))


def test_fts5_rendering_quotes_every_term_and_puts_exclusions_after() -> None:
    assert to_fts5(parse_query('Homs -Hama "a b" neg*')) == '(("Homs" AND "a b" AND "neg"*) NOT "Hama")'


def test_fts5_syntax_in_user_text_is_quoted_data() -> None:
    assert to_fts5(parse_query("NEAR/3 title:x ^start")) == '("NEAR/3" AND "title:x" AND "^start")'


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ('"unclosed', "quotation mark at character 1 is not closed"),
        ("(Homs OR Hama", "'(' at character 1 is not closed"),
        ("Homs)", "')' at character 5 closes no '('"),
        ("Homs OR", "OR at character 6 needs a term after it"),
        ("OR Homs", "OR at character 1 needs a term before it"),
        ("AND Homs", "AND at character 1 needs a term before it"),
        ("Homs NOT", "NOT at character 6 needs a term after it"),
        ("()", "brackets at character 1 are empty"),
        ('""', "phrase at character 1 is empty"),
        ("a*", "needs at least 2 letters"),
        ("NOT Homs", "not excluded"),
        ("-Homs -Hama", "not excluded"),
        ("Homs\x00", "NUL"),
    ],
)
def test_unreadable_queries_say_what_and_where(query: str, message: str) -> None:
    with pytest.raises(SearchSyntaxError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        parse_query(query)


def test_a_query_has_a_bounded_number_of_terms() -> None:
    with pytest.raises(SearchSyntaxError, match="at most"):
        parse_query(" ".join(["word"] * 40))
