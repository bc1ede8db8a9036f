"""Name normalisation and person identity: transliteration, articles, kunya and nisba."""

from __future__ import annotations

import pytest

from sitroom.names import fold, is_short_form, name_key, name_tokens, parse_name, same_person, token_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ahrar ash-Sham", "Ahrar al-Sham"),
        ("Jabhat an-Nusra", "Jabhat al-Nusra"),
        ("Abu Khalid as-Suri", "Abu Khalid al-Suri"),
        ("Al Maskaneh", "Maskanah"),
        ("Deir ez-Zor", "Deir al-Zor"),
    ],
)
def test_name_key_unifies_articles_and_spelling(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "variants",
    [
        ("Mohammed", "Muhammad", "Mohamed", "Mohammad"),
        ("Umar", "Omar"),
        ("Joulani", "Julani", "Jawlani", "Golani", "Jolani"),
        ("Maskaneh", "Maskanah"),
        ("Sergei", "Sergey"),
        ("Chechen", "Shishani"),
        ("Syrian", "Suri"),
        ("Egyptian", "Masri", "Misri"),
    ],
)
def test_token_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({token_key(fold(variant)) for variant in variants}) == 1


def test_fold_removes_case_diacritics_and_hyphens() -> None:
    assert fold("Mevlüt Çavuşoğlu") == "mevlut cavusoglu"
    assert fold("Hay'at Tahrir al-Sham") == "hayat tahrir al sham"


def test_name_tokens_drop_every_article_and_the() -> None:
    assert name_tokens("Islamic State of Iraq and the Levant") == name_tokens("Islamic State of Iraq and Levant")
    assert name_tokens("Abdulrahman") == name_tokens("Abdel Rahman") == name_tokens("Abdurrahman")


def test_parse_name_finds_kunya_and_translated_nisba() -> None:
    parts = parse_name("Abu Umar al-Chechen")
    assert parts.kunya == token_key("umar")
    assert parts.nisba == "shishani"
    assert parse_name("Sergey Lavrov").kunya is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Umar al-Chechen", "Abu Omar al-Shishani"),
        ("Abu Mohammed al-Joulani", "Abu Muhammad al-Jawlani"),
        ("Abu Mohammed al-Joulani", "Abu Mohammad al-Golani"),
        ("Abu Khalid as-Suri", "Abu Khalid the Syrian"),
        ("Umar al-Chechen", "Abu Umar al-Chechen"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Abu Bakr al-Bagdadi", "Abu Bakr al-Baghdadi"),
    ],
)
def test_same_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Bakr al-Baghdadi", "Abu Bakr al-Shami"),  # one kunya, two people
        ("Abu Omar al-Baghdadi", "Abu Bakr al-Baghdadi"),  # one nisba, two people
        ("Abu Umar al-Chechen", "Abu Khalid al-Chechen"),
        ("Muhammad", "Abu Mohammed al-Joulani"),  # the name inside a kunya is not the person's name
        ("Sergey", "Sergey Lavrov"),  # a first name alone never
        ("Hassan", "Hussein"),
        ("", "Sergey Lavrov"),
    ],
)
def test_different_people_never_merge(a: str, b: str) -> None:
    assert not same_person(a, b)


@pytest.mark.parametrize(
    ("short", "full", "expected"),
    [
        ("Lavrov", "Sergey Lavrov", True),
        ("Umar al-Chechen", "Abu Umar al-Chechen", True),
        ("Abu Khalid", "Abu Khalid al-Suri", True),
        ("al-Baghdadi", "Abu Bakr al-Baghdadi", True),
        ("Sergey", "Sergey Lavrov", False),
        ("Muhammad", "Abu Muhammad al-Julani", False),
        ("Abu Bakr al-Shami", "Abu Bakr al-Baghdadi", False),
        ("Sergey Lavrov", "Sergey Lavrov", False),
        ("Putin", "Sergey Lavrov", False),
    ],
)
def test_is_short_form(short: str, full: str, expected: bool) -> None:
    assert is_short_form(short, full) is expected


@pytest.mark.parametrize(("a", "b"), [("Khan Sheikhoun", "Khan Shaykhun"), ("Hussein", "Husayn"), ("Zeinab", "Zaynab")])
def test_diphthong_spellings_share_tokens(a: str, b: str) -> None:
    assert name_tokens(a) == name_tokens(b)
