"""The name-pair builder's rule for places: both names transliterate the place's Arabic-script name."""

import pytest

from tests.helpers import load_script


@pytest.mark.parametrize(
    ("latin", "arabic", "persian", "expected"),
    [
        ("Halab", "حلب", False, True),
        ("Haleb", "حلب", False, True),
        ("Alep", "حلب", False, False),  # the French exonym: no h, a p
        ("Chalab", "حلب", False, False),  # ch is not h
        ("Tartous", "طرطوس", False, True),
        ("Tortosa", "طرطوس", False, False),  # a final vowel the Arabic name does not write
        ("Ar Raqqah", "الرقة", False, True),  # the article, ta marbuta as h
        ("Er Rakka", "الرقة", False, True),
        ("Zabid", "زبيد", False, True),
        ("Zebid", "زبيد", False, True),
        ("Zabip", "زبيد", False, False),  # p is not d
        ("Varamin", "ورامین", True, True),  # Persian waw as v
        ("Waramin", "ورامین", True, True),
        ("Hauran", "حوران", False, True),
        ("Havran", "حوران", False, False),  # but not Arabic waw
    ],
)
def test_transliterates(latin: str, arabic: str, persian: bool, expected: bool) -> None:
    assert load_script("build_name_pairs").transliterates(latin, arabic, persian) is expected
