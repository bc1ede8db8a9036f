"""Normal forms of names: folding, Arabic articles, transliteration variants of single tokens.

``fold`` removes what never distinguishes two names (case, diacritics, punctuation, hyphens); ``name_key``
also drops Arabic articles and unifies common transliteration variants, so that "Ahrar ash-Sham" and
"Ahrar al-Sham", or "Al Maskaneh" and "Maskanah", share a key. ``token_key`` goes further for the tokens of
person names: nisbas and their English translations share one form ("al-Shishani" = "the Chechen").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

ARABIC_ARTICLES = frozenset(
    {"al", "el", "an", "ash", "as", "at", "ad", "az", "ar", "ath", "adh", "aal", "ez", "es", "ed", "et", "ul", "uz"}
)
# The article as French romanisations assimilate it (er-Raqqa, en-Nabk, ech-Cheikh): read as an article inside a
# name, but not looked for in running text, where "en" and "er" are other words.
_NAME_ONLY_ARTICLES = frozenset({"er", "en", "esh", "ech", "eth", "edh"})
_FILLERS = frozenset({"the"}) | _NAME_ONLY_ARTICLES
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bf\u02be\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Ordered spelling rules applied inside one token: (pattern, replacement).
_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z]{2})[uoe]llah?$", "allah"),  # Nasrullah = Nasrallah, Hezbollah = Hizballah
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
    "ayn": "ain",  # 'Ayn, a spring: Ras al-Ayn = Ras el Ain, Ein Issa = Ain Issa
    "ein": "ain",
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


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form with punctuation and hyphens turned into single spaces."""
    if text.isascii():
        return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", text).lower()).strip()
    decomposed = unicodedata.normalize("NFKC", text)
    ascii_text = anyascii(_APOSTROPHES.sub("", decomposed)).lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()


def strip_articles(tokens: list[str]) -> list[str]:
    """Drop Arabic article tokens ("al", "ash", ...) and a leading English "the"."""
    kept = [token for token in tokens if token not in ARABIC_ARTICLES and token not in _NAME_ONLY_ARTICLES]
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

# Diphthongs written ei/ai/ey between consonants: Sheikh = Shaykh, Hussein = Husayn, Sergei = Sergey.
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
# "X al-Din" joined, the article as a vowel with or without its l or d: Salaheddine, Burhanuddin, Nureldin.
_DIN_COMPOUND = re.compile(r"^([a-z]{3,}?)[aeiou](?:l|d)?dd?ine?$")
_DIN = re.compile(r"^[aeiou](?:l|d)?dd?ine?$")  # "Eddine", "Uddin": the article and "Din" written as one word


def compound_parts(token: str) -> tuple[str, ...]:
    """The names joined in one folded token: "abdulrahman" and "abdurrahman" are ("abd", "rahman"); "X al-Din"
    joined is one word without the article ("salaheddine" and "salahuddin" are "salahdin"), "eddine" is "din"."""
    compound = _ABD_COMPOUND.match(token)
    if compound is not None:
        return ("abd", compound.group(1))
    if _DIN.match(token):
        return ("din",)
    joined = _DIN_COMPOUND.match(token)
    return (joined.group(1) + "din",) if joined is not None else (token,)


@lru_cache(maxsize=65536)
def token_keys(token: str) -> tuple[str, ...]:
    """Keys of one folded token; "Abdulrahman" gives ("abd", "rahman") like "Abdel Rahman"; none for "al"."""
    if is_filler(token):
        return ()
    return tuple(token_key(part) for part in compound_parts(token))


def is_filler(token: str) -> bool:
    """True for folded tokens that never distinguish names: Arabic articles and "the"."""
    return token in ARABIC_ARTICLES or token in _FILLERS


@lru_cache(maxsize=65536)
def name_tokens(text: str) -> tuple[str, ...]:
    """Token keys of a name: every article and "the" dropped, variants and nisbas unified."""
    return tuple(key for token in fold(text).split() for key in token_keys(token))
