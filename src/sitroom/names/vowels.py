"""Graded comparison of a place-name word in a scholarly romanisation with one in a plain spelling, guided by
what the scholarly one tells about its vowels.

Arabic script writes consonants and long vowels (alif, waw, ya) but not short ones, so romanisations of one
name keep the consonants and the long vowels and vary the short vowels (Ţafas / Tufas). A *scholarly*
romanisation (macrons for long vowels, dots or cedillas under emphatic consonants, a raised c for ʿayn) says
which vowels are short; a plain one does not, and two plain spellings a vowel apart are as often two names
(Salma / Silma), as are two scholarly ones (Kafr Ḩamrah / Kafr Ḩumrah). The two words are close when they
share the consonants (h included, unless it ends the word after a vowel: Bera is not Bhera), the
consonantal glides (w, y, ʿayn between vowels: Dārayyā is not Dārā), begin alike (with a vowel or not),
agree on every long vowel and on the final vowel, and differ only where the scholarly spelling has a
short vowel (or none): in no vowel slot for two consonants, one for three, two for four or more. A French
silent final e (Zarzīn / Zarzine) and the endings -iyah / -iyeh / -ia are one. Two plain spellings say
nothing of vowel length, so they are close only one short vowel apart (in a word of three consonants or
more) and never by a glide closing a syllable (Sulayyimah is not Sulaymah).

A consonant may be written as romanisations of one Arabic letter write it (kh as h or k, q as k or g), a
hamza between vowels as ' or on its seat (y, w), the feminine ending as -a, -ah, -at or not at all, a short
vowel before two initial consonants or not (Asmara / Smara), and, in two plain spellings, the diphthong ay as
i (Jayrud / Jirud).

Consonants and glides are read as romanisations write them: a w or y that begins a word before a vowel is a
consonant (Yāsir / Yasar), French ou at the start or after a vowel and before another is w (Laouina /
Lawina), French rh is gh (Rhadames / Ghadames); the glide y after a consonant is written y, i or iy (Maryam /
Mariam / Mariyam), and a doubled y after a vowel iy (Sulaiyil / Sulayyil).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

from sitroom.names.phonetic import BLOCK_DIGRAPHS

_LONG_VOWELS = {"ā": "A", "ī": "I", "ū": "U", "ē": "E", "ō": "O"}
_AYN = "'`\u2018\u2019\u02bc\u02bf\u02be\u00b4"
_SCHOLARLY_MARKS = frozenset("\u0304\u0323\u0327\u0331\u2018\u2019\u02bf\u02be")  # macron, dot, cedilla, line
_NON_WORD = re.compile(r"[^a-zAIUEO0-9']+")
_ENDING = re.compile(r"(?:[iIeE]y|[iI]|(?<=[^aeiouAIUEO'])y)(?:ah|eh|a|e)$")  # -iyah, -iyeh, -ia, -yah
_DIGRAPHS = re.compile(r"t?sch|sh|t?ch|ph|dj|zh|ck|kh|gh|rh|th|dh|qu(?=[aeiouAIUEO])|c[eiyEI]?|ou|oo|ee")
_DIGRAPH_SOUNDS = BLOCK_DIGRAPHS | {"kh": "x", "gh": "g", "rh": "g", "th": "t", "dh": "d", "qu": "k", "ou": "u",
                                    "oo": "u", "ee": "i", "cE": "sE", "cI": "sI"}  # fmt: skip
_FRENCH_W = re.compile(r"(?:^|(?<=[aeiouAIUEO]))ou(?=[aeiouAIUEO])")  # French "oua" at the start or after a vowel
# The glide y before a vowel, as "yy" after a vowel and "iy" after a consonant, however it is written.
_Y_GLIDES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<=[aeiou])iy(?=[aeiouAIUEO])"), "yy"),
    (re.compile(r"(?<=[^aeiouAIUEOwy'])(?:y|[iI](?=[aouAUO]))(?=[aeiouAIUEO])"), "iy"),
)
_CLASSES = str.maketrans({"j": "g", "z": "d", "v": None})  # as in :func:`phonetic.blocking_skeleton`, q and kh kept
# Consonants that romanise one Arabic letter: kh (x here) is kh, h or k for kha; q is q, k or g for qaf.
_ALIKE_CONSONANTS = frozenset(frozenset(pair) for pair in ("xk", "xh", "qk", "qg"))
_VOCALIC = frozenset("aeiouAIUEOwy'")
_VOWEL = "aeiouAIUEO"
_CONSONANTAL_GLIDE = re.compile(f"(?<=[{_VOWEL}])([wy']+)(?=[{_VOWEL}])")
_AFTER_GLIDE = re.compile(f"(?<=[{_VOWEL}])([wy]+)[aeiou](?=[^{_VOWEL}wy'])")
_FINAL_H = re.compile(f"(?<=[{_VOWEL}])h$")  # -ah, -eh: the feminine ending, h unsounded
_DIPHTHONGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"[aAeE][yi]"), "Y"),
    (re.compile(r"[aAo][wu]"), "W"),
    (re.compile(r"'"), ""),
    (re.compile(r"(?<=[aeiouAIUEOYW])[yw](?=[aeiouAIUEO])"), ""),
)
_LONG = frozenset("AIUEOYW")  # long vowels and diphthongs: written in Arabic, kept by every romanisation
_ALIKE = (frozenset("aeA"), frozenset("eiIE"), frozenset("ouUO"), frozenset("Ye"), frozenset("YI"),
          frozenset("yiI"), frozenset("wuU"), frozenset("Wo"))  # fmt: skip


@dataclass(frozen=True)
class Slotted:
    """A word as its consonant skeleton and the vowel slots around the consonants."""

    skeleton: str
    slots: tuple[tuple[str, ...], ...]  # each slot's vowels, cut at consonantal glides
    glides: tuple[frozenset[str], ...]  # each slot's consonantal glides


@lru_cache(maxsize=65536)
def is_scholarly(text: str) -> bool:
    """True when a name is romanised with long vowels or emphatic consonants marked ("Ţayyibat al Imām")."""
    return any(char in _SCHOLARLY_MARKS for char in unicodedata.normalize("NFD", text))


@lru_cache(maxsize=65536)
def marked_words(text: str) -> tuple[str, ...]:
    """Folded words of a name, long vowels as capitals (ā as A), ʿayn and hamza as '."""
    chars: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.lower() in _LONG_VOWELS:
            chars.append(_LONG_VOWELS[char.lower()])
        else:
            chars.append("'" if char in _AYN else anyascii(char).lower())
    return tuple(_NON_WORD.sub(" ", "".join(chars)).split())


@lru_cache(maxsize=65536)
def slotted(word: str) -> Slotted:
    """Cut a marked word into its skeleton (consonant classes as in blocking keys) and vowel slots; the
    endings -iyah, -iyeh, -ia as one, glides and French spellings as the module says."""
    text = _FRENCH_W.sub("w", _FINAL_H.sub("", _ENDING.sub("iya", word))).replace("mb", "nb")  # Membij: n as m
    for pattern, replacement in _Y_GLIDES:
        text = pattern.sub(replacement, text)
    text = _DIGRAPHS.sub(lambda match: _DIGRAPH_SOUNDS[match.group()], text).translate(_CLASSES)
    consonants: list[str] = []
    raw: list[str] = []
    run = ""
    for index, char in enumerate(text):
        if char in _VOCALIC and not (index == 0 and char in "wy" and text[1:2] in _VOWEL):  # Yunus: y a consonant
            run += char
        elif not (consonants and consonants[-1] == char and not run):  # a doubled consonant is one
            raw.append(run)
            consonants.append(char)
            run = ""
    raw.append(run)
    glides = tuple(frozenset("".join(_CONSONANTAL_GLIDE.findall(slot))) for slot in raw)
    return Slotted("".join(consonants), tuple(_vowels(slot) for slot in raw), glides)


def _vowels(slot: str) -> tuple[str, ...]:
    parts = _CONSONANTAL_GLIDE.sub("|", slot)
    for pattern, replacement in _DIPHTHONGS:
        parts = pattern.sub(replacement, parts)
    return tuple(parts.split("|"))


def _alike(a: str, b: str) -> bool:
    return a.lower() == b.lower() or any(a in group and b in group for group in _ALIKE)


def _same_vowels(a: str, b: str) -> bool:
    return len(a) == len(b) and all(_alike(x, y) for x, y in zip(a, b, strict=True))


def _long_kept(a: str, b: str) -> bool:
    """Every long vowel or diphthong of either has a like vowel in the other."""
    return all(any(_alike(char, other) for other in b) for char in a if char in _LONG) and all(
        any(_alike(char, other) for other in a) for char in b if char in _LONG
    )


def _slot_cost(a: tuple[str, ...], b: tuple[str, ...], plain: bool) -> int | None:
    """0 for the same vowels, 1 for short vowels spelled apart (or, in two plain spellings, ay as i: Jayrud /
    Jirud), None for a conflict (a long vowel changed)."""
    if len(a) != len(b):
        return None
    cost = 0
    for x, y in zip(a, b, strict=True):
        if _same_vowels(x, y):
            continue
        if not _long_kept(x, y) and not (plain and {x, y} == {"Y", "i"}):
            return None
        cost += 1
    return cost


def close_words(a: str, b: str, plain: bool = False) -> bool:
    """Two marked words, one from a scholarly name and one from a plain one, are spellings of one word: the
    scholarly one's unmarked vowels are short and may be spelled otherwise, or not at all, in the other
    (also after a glide, which then closes the syllable: Sayyidat / Saydat). With ``plain`` (both plain),
    one short vowel apart at most, never by a glide."""
    budget = max(0, min(1 if plain else 2, len(slotted(a).skeleton) - 2))  # a short vowel in three consonants, ...
    costs = [_cost(a, b, plain)]
    if _TA_MARBUTA.search(a) or _TA_MARBUTA.search(b):  # -at as -a: the feminine ending written with its t
        costs.append(_cost(_TA_MARBUTA.sub("a", a), _TA_MARBUTA.sub("a", b), plain))
    if not plain:
        costs += [
            None if cost is None else cost + 1
            for cost in (_cost(_glide_closed(a), b, plain), _cost(a, _glide_closed(b), plain))
        ]
    return any(cost is not None and cost <= budget for cost in costs)


def _same_consonants(a: str, b: str) -> bool:
    return len(a) == len(b) and all(x == y or frozenset((x, y)) in _ALIKE_CONSONANTS for x, y in zip(a, b, strict=True))


_TA_MARBUTA = re.compile(r"(?<=[^aeiouAIUEO'wy])[ae]t$")


def _same_glides(a: frozenset[str], b: frozenset[str]) -> bool:
    """One slot's glides alike: a hamza between vowels is written ' or on its seat, y or w (Ha'il / Hayil)."""
    return a == b or (len(a) == len(b) == 1 and "'" in a | b and bool(a | b <= {"'", "y", "w"}))


def _prosthetic(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    """``a`` begins with a short vowel before two consonants that ``b`` begins with: "Asmara" / "Smara"."""
    return len(a) > 2 and a[0] in (("a",), ("e",), ("i",)) and a[1] == ("",) and b[0] == b[1] == ("",)


def _glide_closed(word: str) -> str:
    """The word without the short vowels after its glides ("tayyibat" as "tayybat")."""
    return _AFTER_GLIDE.sub(r"\1", word)


def _cost(a: str, b: str, plain: bool = False) -> int | None:
    """How many vowel slots two marked words spell apart, or None when they cannot be one word."""
    x, y = slotted(a), slotted(b)
    if not _same_consonants(x.skeleton, y.skeleton) or not all(map(_same_glides, x.glides, y.glides)):
        return None
    if len(x.skeleton) + sum(map(len, x.glides)) < 2:
        return None
    slots_x, slots_y = x.slots, y.slots
    if {slots_x[-1], slots_y[-1]} in ({("e",), ("",)}, {("a",), ("",)}):  # a French silent e, -a or -ah dropped
        slots_x, slots_y = slots_x[:-1], slots_y[:-1]
    cost = 0
    if _prosthetic(slots_x, slots_y) or _prosthetic(slots_y, slots_x):
        slots_x, slots_y, cost = slots_x[1:], slots_y[1:], 1
    if (slots_x[0] == ("",)) != (slots_y[0] == ("",)) or not _same_vowels("".join(slots_x[-1]), "".join(slots_y[-1])):
        return None  # one begins with a vowel, or the endings differ
    for slot_x, slot_y in zip(slots_x, slots_y, strict=True):
        slot_cost = _slot_cost(slot_x, slot_y, plain)
        if slot_cost is None:
            return None
        cost += slot_cost
    return cost
