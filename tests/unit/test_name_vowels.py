"""Vowel slots of place-name words and their graded comparison."""

import pytest

from sitroom.names.vowels import close_words, is_scholarly, marked_words, slotted


def test_marked_words_keep_long_vowels_and_ayn() -> None:
    assert marked_words("Bi\u2019r al-Qaşab") == ("bi'r", "al", "qasab")
    assert marked_words("Ḩaws al-Jāmiʿ") == ("haws", "al", "jAmi'")


def test_scholarly_spellings_mark_vowels_or_emphatics() -> None:
    assert is_scholarly("Ţafas") and is_scholarly("Zītā")
    assert not is_scholarly("Tafas") and not is_scholarly("Béjaïa")


def test_slots_cut_at_consonantal_glides() -> None:
    word = slotted("dArayyA")
    assert word.skeleton == "dr"
    assert word.slots == (("",), ("A",), ("a", "A"))
    assert word.glides[-1] == frozenset("y")


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("kamra", "kumra", True),  # one short vowel spelled otherwise
        ("kasra", "kasara", True),  # or written in one spelling only
        ("kamara", "kumira", False),  # two slots apart in three consonants
        ("kamarab", "kumirab", True),  # two slots apart in four
        ("sAran", "suran", False),  # a long vowel changed
        ("kasra", "kasAra", False),  # a long vowel is always written
        ("tal", "til", False),  # two consonants: no vowel may change
        ("kasra", "asra", False),  # one begins with a vowel
        ("kasra", "kasri", False),  # endings differ
        ("bera", "bhera", False),  # h is a consonant
        ("dArA", "dArayyA", False),  # so are w and y between vowels
        ("sayyidat", "saydat", True),  # a short vowel after a glide not written: the glide closes the syllable
        ("sayyidat", "saydit", False),  # and another vowel apart too
        ("zarzIn", "zarzine", True),  # a French silent e
    ],
)
def test_close_words(a: str, b: str, close: bool) -> None:
    assert close_words(a, b) is close
    assert close_words(b, a) is close


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        ("kamra", "kumra", True),  # one short vowel apart
        ("kasra", "kasara", True),
        ("kamarab", "kumirab", False),  # two, even in four consonants
        ("sayyidat", "saydat", False),  # a glide closing a syllable
        ("tal", "til", False),
    ],
)
def test_close_plain_words(a: str, b: str, close: bool) -> None:
    assert close_words(a, b, plain=True) is close
    assert close_words(b, a, plain=True) is close


def test_consonants_as_romanisations_write_them() -> None:
    assert slotted("yAsir").skeleton == "ysr"  # a word-initial glide before a vowel
    assert slotted("rhadamis").skeleton == slotted("ghadamis").skeleton  # French rh for gh
    assert slotted("laouina") == slotted("lawina")  # French ou before a vowel
    assert slotted("ouadi") == slotted("wadi")


def test_the_glide_y_as_romanisations_write_it() -> None:
    assert slotted("sulaiyil") == slotted("sulayyil")  # a doubled y as "iy" after a vowel
    assert slotted("maryam") == slotted("mariam") == slotted("mariyam")  # after a consonant: y, i or iy
    assert slotted("dArA") != slotted("dAriyA")  # a glide is never dropped
