"""Vowel slots of place-name words and their graded comparison."""

import pytest

from sitroom.names.vowels import close_words, is_scholarly, marked_words, slotted


def test_marked_words_keep_long_vowels_and_ayn() -> None:
    assert marked_words("Bi\u2019r al-Qaşab") == ["bi'r", "al", "qasab"]
    assert marked_words("Ḩaws al-Jāmiʿ") == ["haws", "al", "jAmi'"]


def test_scholarly_spellings_mark_vowels_or_emphatics() -> None:
    assert is_scholarly("Ţafas") and is_scholarly("Zītā")
    assert not is_scholarly("Tafas") and not is_scholarly("Béjaïa")


def test_slots_cut_at_consonantal_glides() -> None:
    word = slotted("dArayyA")
    assert word.skeleton == "dr"
    assert word.slots == (("",), ("A",), ("a", "A"))
    assert word.glides[-1] == frozenset("y")


@pytest.mark.parametrize(
    ("a", "b", "short_known", "close"),
    [
        ("kamra", "kumra", True, True),  # one short vowel apart, marked short by a scholarly spelling
        ("kamra", "kumra", False, False),
        ("kamara", "kumira", True, False),  # two slots apart
        ("sAran", "suran", True, False),  # a long vowel changed
        ("tal", "til", True, False),  # two consonants: no vowel may change
        ("kasra", "asra", True, False),  # one begins with a vowel
        ("kasra", "kasri", True, False),  # endings differ
        ("kasra", "kasara", False, True),  # a short vowel written in one only
        ("kasra", "kasAra", False, False),  # a long vowel is always written
        ("bera", "bhera", False, False),  # h is a consonant
        ("dArA", "dArayyA", True, False),  # so are w and y between vowels
    ],
)
def test_close_words(a: str, b: str, short_known: bool, close: bool) -> None:
    assert close_words(a, b, short_known) is close
    assert close_words(b, a, short_known) is close
