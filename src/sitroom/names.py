"""Name normalisation for transliteration-aware matching (pure functions).

``fold`` removes what never distinguishes two names (case, diacritics, punctuation, hyphens);
``name_key`` also drops Arabic articles and unifies common transliteration variants, so that
"Ahrar ash-Sham" and "Ahrar al-Sham", or "Al Maskaneh" and "Maskanah", share a key.

The person-name functions go further: ``token_key`` also maps nisbas and their English
translations to one form ("al-Shishani" = "the Chechen"), ``parse_name`` splits the kunya
("Abu X"), the given names and the nisba ("al-Y"), and ``same_person`` / ``is_short_form``
decide identity so that "Abu Umar al-Chechen" = "Abu Omar al-Shishani" while "Abu Bakr
al-Baghdadi" and "Abu Bakr al-Shami", who share a kunya, stay apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

ARABIC_ARTICLES = frozenset(
    {"al", "el", "an", "ash", "as", "at", "ad", "az", "ar", "ath", "adh", "aal", "ez", "es", "ed", "et", "ul"}
)
KUNYA_MARKERS = frozenset({"abu", "abi", "abou", "umm", "um"})
_FILLERS = frozenset({"the"})
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bf\u02be\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Ordered spelling rules applied inside one token: (pattern, replacement).
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"ou", "u"),
        (r"oo", "u"),
        (r"ee", "i"),
        (r"aw(?=[^aeiou]|$)", "u"),
        (r"(?<=[^aeiou])e(?=[^aeiou]|$)", "a"),
        (r"^o", "u"),
        (r"(?<=[^aeiou])o(?=[^aeiou])", "u"),
        (r"([a-z])\1", r"\1"),
        (r"(?<=.)(ah|eh|a|e)$", "a"),
        (r"q", "k"),
        (r"ph", "f"),
    )
)

# Variants the spelling rules leave apart, keyed by their spelling key.
_TOKEN_VARIANTS = {
    "gulani": "julani",  # Golani = Jawlani = Joulani (from the Golan)
    "abdul": "abd",
    "abdal": "abd",
    "ibn": "bin",
    "yusaf": "yusuf",
    "usman": "uthman",
    "utman": "uthman",
}

# Nisbas (and their English renderings) mapped to one canonical nisba.
_NISBA_FORMS: dict[str, tuple[str, ...]] = {
    "shishani": ("shishani", "chechen", "chechnyan", "shishan"),
    "suri": ("suri", "syrian"),
    "masri": ("masri", "misri", "egyptian"),
    "iraqi": ("iraqi",),
    "libi": ("libi", "libyan"),
    "tunisi": ("tunisi", "tunisian"),
    "yemeni": ("yemeni", "yamani"),
    "urduni": ("urduni", "jordanian"),
    "filastini": ("filastini", "palestinian"),
    "lubnani": ("lubnani", "lebanese"),
    "afghani": ("afghani", "afghan"),
    "pakistani": ("pakistani",),
    "turki": ("turki", "turkish", "turk"),
    "kurdi": ("kurdi", "kurdish", "kurd"),
    "amriki": ("amriki", "amreeki", "american"),
    "britani": ("britani", "baritani", "british"),
    "maghribi": ("maghribi", "moroccan"),
    "jazairi": ("jazairi", "algerian"),
    "sudani": ("sudani", "sudanese"),
    "sumali": ("sumali", "somali"),
    "uzbeki": ("uzbeki", "uzbek"),
    "tajiki": ("tajiki", "tajik"),
    "turkistani": ("turkistani", "turkestani"),
    "almani": ("almani", "german"),
    "faransi": ("faransi", "french"),
    "rusi": ("rusi", "russian"),
    "ustrali": ("ustrali", "australian"),
    "hindi": ("hindi", "indian"),
    "shami": ("shami", "levantine"),
    "baghdadi": ("baghdadi",),
    "jazrawi": ("jazrawi",),
}


def fold(text: str) -> str:
    """Lower-case ASCII form with punctuation and hyphens turned into single spaces."""
    if text.isascii():
        return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", text).lower()).strip()
    decomposed = unicodedata.normalize("NFKC", text)
    ascii_text = anyascii(_APOSTROPHES.sub("", decomposed)).lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def strip_articles(tokens: list[str]) -> list[str]:
    """Drop Arabic article tokens ("al", "ash", ...) and a leading English "the"."""
    kept = [token for token in tokens if token not in ARABIC_ARTICLES]
    if kept and kept[0] == "the":
        kept = kept[1:]
    return kept or tokens


def spelling_key(token: str) -> str:
    """Unify common vowel and consonant transliteration variants of one token."""
    for pattern, replacement in _SPELLING_RULES:
        token = pattern.sub(replacement, token)
    return token


def name_key(text: str) -> str:
    """Matching key of a name: folded, articles dropped, spelling variants unified."""
    tokens = strip_articles(fold(text).split())
    return " ".join(spelling_key(token) for token in tokens)


_NISBA_BY_KEY = {spelling_key(form): canon for canon, forms in _NISBA_FORMS.items() for form in forms}
NISBAS = frozenset(_NISBA_FORMS)


# Diphthongs written ei/ai/ey/ay between consonants: Sheikh = Shaykh, Hussein = Husayn, Sergei = Sergey.
_DIPHTHONG = re.compile(r"(?<=[^aeiou])(?:ei|ai|ey)(?=[^aeiou]|$)")


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Key of one folded token: spelling variants and diphthongs unified, nisbas and their translations merged."""
    spelled = _DIPHTHONG.sub("ay", spelling_key(token))
    nisba = _NISBA_BY_KEY.get(spelled)
    if nisba is not None:
        return nisba
    return _TOKEN_VARIANTS.get(spelled, spelled)


_ABD_COMPOUND = re.compile(r"^abd(?:ul|el|al|ol|ur|er|ar|us|as|un|an)([a-z]{4,})$")


@lru_cache(maxsize=65536)
def token_keys(token: str) -> tuple[str, ...]:
    """Keys of one folded token; "Abdulrahman" and "Abdurrahman" give ("abd", "rahman") like "Abdel Rahman"."""
    if is_filler(token):
        return ()
    compound = _ABD_COMPOUND.match(token)
    if compound is not None:
        return ("abd", token_key(compound.group(1)))
    return (token_key(token),)


def is_filler(token: str) -> bool:
    """True for folded tokens that never distinguish names: Arabic articles and "the"."""
    return token in ARABIC_ARTICLES or token in _FILLERS


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Token keys of a name: every article and "the" dropped, variants and nisbas unified."""
    return tuple(key for token in fold(text).split() for key in token_keys(token))


@dataclass(frozen=True)
class NameParts:
    """The structure of a personal name, as token keys."""

    tokens: tuple[str, ...]
    kunya: str | None  # X of "Abu X"
    nisba: str | None  # Y of "al-Y" at the end of the name
    given: tuple[str, ...]  # the remaining names


@lru_cache(maxsize=16384)
def parse_name(text: str) -> NameParts:
    """Split a name into kunya ("Abu X"), nisba (final "al-Y" or known nisba) and given names."""
    folded = fold(text).split()
    tokens = name_tokens(text)
    kunya = tokens[1] if len(tokens) >= 2 and tokens[0] in KUNYA_MARKERS else None
    rest = tokens[2:] if kunya is not None else tokens
    nisba = None
    if rest and len(tokens) >= 2 and (_has_article_before_last(folded) or rest[-1] in NISBAS):
        nisba = rest[-1]
        rest = rest[:-1]
    return NameParts(tokens=tokens, kunya=kunya, nisba=nisba, given=tuple(rest))


def _has_article_before_last(folded: list[str]) -> bool:
    return len(folded) >= 2 and (folded[-2] in ARABIC_ARTICLES or folded[-2] in _FILLERS)


def tokens_match(a: str, b: str) -> bool:
    """Two token keys name the same thing: equal, or long and one edit apart (Bagdadi/Baghdadi)."""
    if a == b:
        return True
    return min(len(a), len(b)) >= 6 and Levenshtein.distance(a, b) <= 1


def _conflict(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and not tokens_match(a, b)


def _is_subsequence(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    position = 0
    for token in short:
        while position < len(full) and not tokens_match(token, full[position]):
            position += 1
        if position == len(full):
            return False
        position += 1
    return True


def _all_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(tokens_match(x, y) for x, y in zip(a, b, strict=True))


def is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is how a text may refer again to ``full``.

    Allowed: the surname or nisba ("Lavrov" for "Sergey Lavrov"), the name without "Abu"
    ("Umar al-Chechen" for "Abu Umar al-Chechen"), the kunya alone ("Abu Khalid" for
    "Abu Khalid al-Suri"). Never a given name alone, nor the name inside a kunya alone
    ("Muhammad" is not "Abu Muhammad al-Julani").
    """
    s, f = parse_name(short), parse_name(full)
    if not s.tokens or len(s.tokens) >= len(f.tokens) or not _is_subsequence(s.tokens, f.tokens):
        return False
    if f.kunya is not None and _all_match(s.tokens, f.tokens[:2]):
        return True
    if _conflict(s.kunya, f.kunya) or (s.kunya is not None and f.kunya is None):
        return False
    return tokens_match(s.tokens[-1], f.tokens[-1])


def same_person(a: str, b: str) -> bool:
    """True when two names can denote one person; people who share only a kunya or a nisba never do."""
    pa, pb = parse_name(a), parse_name(b)
    if not pa.tokens or not pb.tokens:
        return False
    if _all_match(pa.tokens, pb.tokens):
        return True
    if _conflict(pa.kunya, pb.kunya) or _conflict(pa.nisba, pb.nisba):
        return False
    return is_short_form(a, b) or is_short_form(b, a)
