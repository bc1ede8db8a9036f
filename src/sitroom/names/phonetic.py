"""Sound-alike comparison of single name tokens, and blocking keys that gather candidates cheaply.

Arabic is written without short vowels and romanised in many ways, so two spellings of one name differ in
their vowels (Hafez / Hafiz, Laden / Ladin), in doubled letters (Assad / Asad) and in how a consonant is
rendered (Qassem / Kassem, Sheikh / Sheik, Ramadan / Ramadhan). A token's :class:`Form` is a sequence of
segments, consonants and vowel runs; two forms sound alike when they have the same segments in the same
places, vowels differing only as romanisations of one Arabic vowel do (e/a, e/i, o/u), consonants only
within one class (k/q/kh, j/g, d/dh/z, t/th, v/w), and, for people and groups, by a glide (h, w, y beside a
vowel). Vowels in other places, or a/i/u against each other, keep names apart: Hassan is not Hussein, Hamid
is not Hamad, Ahmad is not Hamad, Turabah is not Turubah.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from sitroom.names.normalise import token_key

VOWELS = frozenset("aeiouYW")
_VOWEL_RUN = re.compile(r"[aeiouYW]+")
# Applied in order to a folded token before it is cut into segments.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{2})[uoe]llah?$", "allah"),  # the name of God in compounds: Nasrullah, Hezbollah
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"t?sch|t?ch|sh", "S"),  # French tch and German tsch for ch: Tcharikar
        (r"kh", "x"),
        (r"gh", "g"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"zh|dj", "j"),
        (r"gu(?=[ei])", "g"),  # French spelling of a hard g: Guelma, Bouguerra
        (r"c(?=[eiy])", "s"),  # French c before e and i: Yacine, Jacem
        (r"ck|c", "k"),
        (r"([a-zSx])\1+", r"\1"),
        (r"(?<=[^aeiou])y$", "i"),
        (r"(?<=[aeiouy])h$", ""),
        (r"(?:(?<=[^aeiou])|^)(?:ei|ai|ey|ay|ae)(?=[^aeiou]|$)", "Y"),  # Ayman / Aiman, Wael / Wail
    )
)
# Romanisations of one Arabic vowel or consonant: pairs that may stand for each other.
_ALIKE = frozenset(
    frozenset(pair) for pair in ({"a", "e"}, {"e", "i"}, {"o", "u"}, {"Y", "e"}, {"x", "k"}, {"x", "h"},
                                 {"q", "k"}, {"q", "g"}, {"j", "g"}, {"d", "z"}, {"v", "w"})
)  # fmt: skip
_GLIDES = frozenset("hwy")
_DIPHTHONG_RUNS = {"ai": "Y", "ei": "Y"}  # "Tayyiba" without its glide reads as "Taiba"


@dataclass(frozen=True)
class Form:
    """One name token: its spelling key and its segments (consonants and vowel runs)."""

    key: str
    segments: tuple[str, ...]

    @property
    def skeleton(self) -> str:
        """The consonants: a blocking key that vowels and doubled letters do not change."""
        return "".join(segment for segment in self.segments if segment[0] not in VOWELS)


@lru_cache(maxsize=65536)
def form_of(token: str, key: str | None = None) -> Form:
    """The form of one folded token (``key`` overrides its spelling key, e.g. for split compounds)."""
    text = token
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    segments: list[str] = []
    position = 0
    for run in _VOWEL_RUN.finditer(text):
        segments.extend(text[position : run.start()])
        segments.append(run.group())
        position = run.end()
    segments.extend(text[position:])
    return Form(key if key is not None else token_key(token), tuple(segments))


def _alike(a: str, b: str) -> bool:
    """Equal segments, or romanisations of one sound; vowel runs letter by letter ("ua" / "oa")."""
    if a == b or frozenset((a, b)) in _ALIKE:
        return True
    return len(a) == len(b) > 1 and all(x == y or frozenset((x, y)) in _ALIKE for x, y in zip(a, b, strict=True))


def _same_places(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_alike(x, y) for x, y in zip(a, b, strict=True))


def _without_glides(segments: tuple[str, ...]) -> tuple[str, ...]:
    """Segments without h, w and y next to a vowel (not first): "Nuaymi" reads as "Nuami"."""
    kept: list[str] = []
    for index, segment in enumerate(segments):
        beside_vowel = any(0 <= near < len(segments) and segments[near][0] in VOWELS for near in (index - 1, index + 1))
        if index > 0 and segment in _GLIDES and beside_vowel:
            continue
        if kept and kept[-1][0] in VOWELS and segment[0] in VOWELS:
            kept[-1] += segment  # two vowel runs joined by a dropped glide are one run
            continue
        kept.append(segment)
    return tuple(_DIPHTHONG_RUNS.get(segment, segment) for segment in kept)


def sound_alike(a: Form, b: Form, glides: bool = False) -> bool:
    """Same segments in the same places, differing only within one romanisation class (with ``glides``,
    also by an h, w or y beside a vowel)."""
    if len(a.skeleton) < 2 or len(b.skeleton) < 2:
        return False
    if _same_places(a.segments, b.segments):
        return True
    return glides and _same_places(_without_glides(a.segments), _without_glides(b.segments))


def forms_match(a: Form, b: Form, loose: bool = False) -> bool:
    """Two tokens name the same thing: one key or sound-alike forms. ``loose`` (names of people and groups)
    also forgives a glide and, in long keys, one letter inserted ("Zawahri" / "Zawahiri"); places are
    compared strictly, since towns a glide or a vowel apart are different towns (Kurayyimah, Kuraymah)."""
    if a.key == b.key or sound_alike(a, b, glides=loose):
        return True
    if loose and (_silent_e(a, b) or _silent_e(b, a)):
        return True
    if not loose or min(len(a.key), len(b.key)) < 6 or len(a.key) == len(b.key):
        return False
    return Levenshtein.distance(a.key, b.key) == 1


def _silent_e(a: Form, b: Form) -> bool:
    """A French silent final e after a consonant: "Amre" is "Amr", "Zine" is "Zin", "Amine" is "Amin"."""
    if len(a.segments) < 3 or a.segments[-1] != "e" or a.segments[-2][0] in VOWELS:
        return False
    return sound_alike(Form(a.key, a.segments[:-1]), b, glides=True)


_BLOCK_REWRITES = re.compile(r"t?sch|sh|t?ch|ph|dj|zh|ck|c[eiy]?")
# Spellings of one consonant sound (German sch and tsch, French dj and tch, English sh/ch/ph/ck/c, French c
# before e and i), as the skeleton writes it.
BLOCK_DIGRAPHS = {"sch": "S", "tsch": "S", "sh": "S", "ch": "S", "tch": "S", "ph": "f", "dj": "g", "zh": "g",
                  "ck": "k", "c": "k", "ce": "se", "ci": "si", "cy": "sy"}  # fmt: skip
_BLOCK_CLASSES = str.maketrans({"q": "k", "j": "g", "z": "d", "v": None, "a": None, "e": None, "i": None,
                                "o": None, "u": None, "h": None, "w": None, "y": None})  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def blocking_skeleton(word: str) -> str:
    """A folded word's consonants, each class folded to one letter and glides dropped: words that sound
    alike (:func:`sound_alike`, glides included) share it, so it gathers candidates for the full comparison."""
    consonants = _BLOCK_REWRITES.sub(lambda match: BLOCK_DIGRAPHS[match.group()], word).translate(_BLOCK_CLASSES)
    return _DOUBLED.sub(r"\1", consonants) or word
