"""Whether two names can denote one entity: persons by name structure, organisations and places by their
distinctive words.

Persons: kunyas, nisbas, nasabs and given names must not conflict (Abu Bakr al-Baghdadi is not Abu Bakr
al-Shami, Bashar al-Assad is not Hafez al-Assad), and a shorter name must keep what identifies the person
(its family name, nisba or kunya: "Lavrov", "al-Baghdadi", "Abu Khalid"), never a given name alone.
Organisations: the distinctive words must all match, in order; generic words (brigade, front, army) and
numbers must agree exactly where both names have them; Arabic generic words (Jabhat, Jaysh, Liwa) count as
the English words that translate them where both names have one. Places: the distinctive words must all
match, or be close as :mod:`sitroom.names.vowels` grades them; administrative words ("Muhafazat", "city",
"village") are ignored, and the words of Arabic place names' structure (Tell, Deir, Kafr, Ain, ...) must
agree, in any of their romanisations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from rapidfuzz.distance import Levenshtein

from sitroom.names.normalise import compound_parts, fold, is_filler, name_tokens
from sitroom.names.phonetic import VOWELS, Form, blocking_skeleton, form_of, forms_match, sound_alike
from sitroom.names.structure import KUNYA_MARKERS, NASAB_MARKERS, TITLES, NameParts, forms_of, parse_name
from sitroom.names.vowels import close_words, is_scholarly, marked_words

NameKind = Literal["person", "group", "place"]

ORGANISATION_WORDS = frozenset(
    {
        "brigade", "battalion", "front", "army", "division", "movement", "organization", "organisation", "group",
        "force", "corps", "regiment", "council", "committee", "militia", "legion", "unit", "squadron", "company",
        "faction", "coalition", "alliance", "league", "association", "network", "cell", "platoon", "party",
    }
)  # fmt: skip
PLACE_WORDS = frozenset(
    {
        "city", "town", "village", "district", "province", "governorate", "muhafazat", "muhafazah", "muhafaza",
        "mintaqat", "nahiyat", "nahiya", "qada", "region", "municipality", "subdistrict", "mohafazat",
        "mohafaza", "mohafazah",
    }
)  # fmt: skip
# The words of Arabic place names' structure (a hill, a monastery, a village, a spring, a bridge, a ruin, a
# gate, a mountain, a cape, a house, a castle), each romanisation mapped to one form: "Kfar Nabl" is "Kafr
# Nabl", and "Tell X" is never "Deir X".
_PLACE_STRUCTURE: dict[str, tuple[str, ...]] = {
    "tall": ("tall", "tell", "tel", "tal", "til"),
    "dayr": ("dayr", "deir", "dair", "deyr", "der"),
    "kafr": ("kafr", "kfar", "kefr", "kufr", "kafar", "kafer", "kefer"),
    "jisr": ("jisr", "jesr", "jisir", "djisr"),
    "ain": ("ain", "ayn", "ein", "ayin"),
    "khirbat": ("khirbat", "khirbet", "khirbit", "khurbet", "kherbet", "khirba", "khirbeh", "kherbat"),
    "maarrat": ("maarrat", "maarat", "maarrit", "maaret", "maarret"),
    "bab": ("bab",),
    "jabal": ("jabal", "jebel", "djebel", "jabel", "jbel", "gebel", "jebal"),
    "ras": ("ras", "raas"),
    "bayt": ("bayt", "beit", "bait", "beyt"),
    "qasr": ("qasr", "kasr", "ksar", "qsar"),
}
PLACE_STRUCTURE = {form: canonical for canonical, forms in _PLACE_STRUCTURE.items() for form in forms}
STOP_WORDS = frozenset({"of", "the", "for", "and", "in", "wa", "fi"})
IZAFAT = frozenset({"e", "i", "ye", "y"})  # the Persian and Urdu linking vowel: "Lashkar-e-Omar", "Bandar-e Gaz"
ORDINALS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth"}
)  # fmt: skip
_NUMBER = re.compile(r"^\d+(?:st|nd|rd|th)?$")


# ------------------------------------------------------------------------------------------------ tokens
def tokens_match(a: Form, b: Form) -> bool:
    """Two tokens of personal names: one key, sound-alike, or long and one letter inserted apart."""
    return forms_match(a, b, loose=True)


def _subsequence(short: Sequence[Form], full: Sequence[Form]) -> bool:
    position = 0
    for form in short:
        while position < len(full) and not tokens_match(form, full[position]):
            position += 1
        if position == len(full):
            return False
        position += 1
    return True


def _all_match(a: Sequence[Form], b: Sequence[Form]) -> bool:
    return len(a) == len(b) and all(tokens_match(x, y) for x, y in zip(a, b, strict=True))


def _close(a: Form, b: Form) -> bool:
    """Tokens one transliteration step further apart than :func:`tokens_match` allows: the same consonants,
    vowels and glides aside ("Shuaybi" / "Shuibi", "Safir" / "Safr"), or long and one letter apart ("Alami" /
    "Alimi", "Tleti" / "Tletli")."""
    skeleton = blocking_skeleton(a.key)
    if len(skeleton) >= 2 and skeleton == blocking_skeleton(b.key) and a.key[:1] == b.key[:1]:
        return True  # the first letter agrees: a glide dropped inside, not the word's onset (Wilson / Ellison)
    return min(len(a.key), len(b.key)) >= 4 and Levenshtein.distance(a.key, b.key) <= 1


def _alike_but_one(a: Sequence[Form], b: Sequence[Form]) -> bool:
    """Names of one length whose given names sound alike and whose other tokens do too, but for one that is
    only close: the family name or a father's name spelled a step apart ("Adil Safir" / "Adil Safr"). The
    first given name is never loosened, since it tells relatives apart (Hassan / Hussein Nasrallah)."""
    if len(a) != len(b) or len(a) < 2 or not tokens_match(a[0], b[0]):
        return False
    loose = [(x, y) for x, y in zip(a[1:], b[1:], strict=True) if not tokens_match(x, y)]
    return len(loose) <= 1 and all(_close(x, y) for x, y in loose)


def _spelled_alike(a: NameParts, b: NameParts) -> bool:
    """Two spellings of one whole name (no token dropped)."""
    return _all_match(a.forms, b.forms) or _alike_but_one(a.forms, b.forms) or _joined_alike(a, b)


def _nested(a: Sequence[Form], b: Sequence[Form]) -> bool:
    """Either part is empty, or one is contained in the other."""
    return not a or not b or _subsequence(a, b) or _subsequence(b, a)


# ----------------------------------------------------------------------------------------------- persons
def _compatible(a: NameParts, b: NameParts) -> bool:
    """No part of one name contradicts the same part of the other."""
    if a.kunya is not None and b.kunya is not None and not tokens_match(a.kunya, b.kunya):
        return False
    return _nested(a.nisbas, b.nisbas) and _nested(a.nasab, b.nasab) and _nested(a.given, b.given)


def _identifies(short: NameParts, full: NameParts) -> bool:
    """The shorter name keeps what identifies the person: the kunya alone, or the family name or a nisba."""
    if short.kunya is not None and not short.given and not short.nisbas and not short.nasab:
        return full.kunya is not None and tokens_match(short.kunya, full.kunya)
    if short.kunya is not None and full.kunya is None:
        return False
    if (len(short.forms) >= 3 or short.nasab) and _all_match(short.forms, full.forms[: len(short.forms)]):
        return True  # given name and father's ("bin X"), or also grandfather's: the family name dropped
    family = (*full.nisbas, full.forms[-1])
    return any(tokens_match(short.forms[-1], form) for form in family)


def is_short_form(short: str, full: str) -> bool:
    """True when ``short`` is how a text may refer again to ``full``.

    Allowed: the surname or a nisba ("Lavrov" for "Sergey Lavrov"), the name without "Abu" ("Umar al-Chechen"
    for "Abu Umar al-Chechen"), the kunya alone ("Abu Khalid" for "Abu Khalid al-Suri"). Never a given name
    alone, nor the name inside a kunya alone ("Muhammad" is not "Abu Muhammad al-Julani").
    """
    s, f = parse_name(short), parse_name(full)
    if not s.forms or len(s.forms) > len(f.forms) or not _subsequence(s.forms, f.forms):
        return False
    if len(s.forms) == len(f.forms) and (s.kunya is not None or f.kunya is None):
        return False
    return _compatible(s, f) and _identifies(s, f)


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """True when two names can denote one person; people who share only a kunya or a nisba never do."""
    pa, pb = parse_name(a), parse_name(b)
    if not pa.forms or not pb.forms:
        return False
    if _spelled_alike(pa, pb) or _permuted_middle(pa.forms, pb.forms):
        return True
    if is_short_form(a, b) or is_short_form(b, a):
        return True
    split_a, split_b = _article_split(a), _article_split(b)
    if (split_a == fold(a) and split_b == fold(b)) or _skeletons(split_a) != _skeletons(split_b):
        return False
    return _spelled_alike(parse_name(split_a), parse_name(split_b))


def _sorted_skeletons(forms: Sequence[Form]) -> list[str]:
    return sorted(blocking_skeleton(form.key) for form in forms)


def _skeletons(folded: str) -> str:
    """Blocking skeletons of a folded name's words joined: names spelled alike share them (a cheap filter)."""
    return "".join(blocking_skeleton(word) for word in folded.split() if not is_filler(word))


def _article_split(name: str) -> str:
    """The name with an article joined to a later word written apart: "Abdelfattah Elsisi" as "... al sisi"."""
    first, *rest = fold(name).split() or [""]
    return " ".join([first, *(_JOINED_ARTICLE.sub(r"al \1", word) for word in rest)])


def _permuted_middle(a: Sequence[Form], b: Sequence[Form]) -> bool:
    """One given name and one family name, the names between them listed in another order ("Huda Ibrahim Azra
    Nunu" / "Huda Azra Ibrahim Nunu"): each middle name matches one of the other's."""
    if len(a) != len(b) or len(a) < 4 or _sorted_skeletons(a) != _sorted_skeletons(b):
        return False
    if not (tokens_match(a[0], b[0]) and tokens_match(a[-1], b[-1])):
        return False
    unmatched = list(b[1:-1])
    for form in a[1:-1]:
        match = next((other for other in unmatched if tokens_match(form, other)), None)
        if match is None:
            return False
        unmatched.remove(match)
    return True


def same_full_name(a: str, b: str) -> bool:
    """Every token of one personal name sounds like the other's, in order: a spelling of the whole name,
    never a short form ("Hafiz al-Asad" is "Hafez al-Assad"; "Assad" alone is not)."""
    pa, pb = parse_name(a), parse_name(b)
    return bool(pa.forms) and _spelled_alike(pa, pb)


def blocking_key(name: str, kind: NameKind) -> str:
    """Consonant skeletons of a name's distinctive words: names that can match in full share this key."""
    words = _words(name)
    if kind == "person":
        words = [word for word in words if word not in KUNYA_MARKERS and word not in NASAB_MARKERS] or words
    elif kind == "group":
        words = [word for word in words if _singular(word) not in ORGANISATION_WORDS] or words
    else:
        words = [word for word in words if word not in PLACE_WORDS] or words
    return " ".join(blocking_skeleton(part) for word in words for part in compound_parts(word))


def _joined_alike(a: NameParts, b: NameParts) -> bool:
    """The same sounds split into words differently: "Fahimbin Sultan" / "Fahim bin Sultan", "Abdulahi Abdi" /
    "Abdullahi Abdi"."""
    joined_a, joined_b = "".join(name_tokens(a.text)), "".join(name_tokens(b.text))
    if joined_a == joined_b:
        return True
    return "".join(fold(a.text).split()) != "".join(fold(b.text).split()) and sound_alike(
        form_of(joined_a), form_of(joined_b), glides=True
    )


# ---------------------------------------------------------------------------------- organisations, places
def _words(text: str) -> list[str]:
    words = [
        word for word in fold(text).split() if not is_filler(word) and word not in STOP_WORDS and word not in IZAFAT
    ]
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def _singular(word: str) -> str:
    """An English word without its plural s; "organisation" spelled as "organization"."""
    if word.startswith("organis"):
        word = "organiz" + word[7:]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _distinctive(words: list[str]) -> tuple[Form, ...]:
    return tuple(form for word in words for form in forms_of(word))


def _same_words(a: list[str], b: list[str], loose: bool) -> bool:
    """The distinctive words match one to one in order, or, written joined or split, as one word."""
    forms_a, forms_b = _distinctive(a), _distinctive(b)
    if not forms_a or not forms_b:
        return False
    if len(forms_a) == len(forms_b):
        return all(forms_match(x, y, loose) for x, y in zip(forms_a, forms_b, strict=True))
    return forms_match(form_of("".join(a)), form_of("".join(b)), loose)


def organisation_words(name: str) -> set[str]:
    """The generic organisation words of a name ("brigade", "front"), singular."""
    return _generic(_words(name))


def _generic(words: list[str]) -> set[str]:
    return {_singular(word) for word in words if _singular(word) in ORGANISATION_WORDS}


# Arabic generic words of organisation names as the English word that translates them: "Jabhat al-Nusra" is
# the "Nusra Front", "Jaysh al-Islam" the "Army of Islam", "Liwa al-Tawhid" the "Tawhid Brigade".
_ARABIC_GENERIC: dict[str, tuple[str, ...]] = {
    "front": ("jabhat", "jabhah", "jabha", "jebhat", "jabhet"),
    "army": ("jaysh", "jaish", "jaych", "jaiech", "jeish", "jash"),
    "brigade": ("liwa", "liwaa", "lewa", "alwiya", "alwiyat", "kataib", "kataeb", "saraya"),
    "battalion": ("katibat", "katiba", "katibah", "kateeba"),
    "movement": ("harakat", "haraka", "harakah"),
    "organization": ("tanzim", "tanthim"),
    "group": ("jamaat", "jamaa", "jamaah", "gamaa", "gamaat"),
    "party": ("hizb",),
    "division": ("firqat", "firqa", "firqah"),
    "council": ("majlis",),
    "league": ("usbat", "osbat", "usba"),
}
ARABIC_GENERIC = {form: english for english, forms in _ARABIC_GENERIC.items() for form in forms}


@lru_cache(maxsize=65536)
def same_organisation(a: str, b: str) -> bool:
    """Distinctive words all match; generic words and numbers agree where both names have them. Arabic generic
    words also count as the English words that translate them ("Jabhat al-Nusra" / "al-Nusra Front") where
    both names have one."""
    words_a, words_b = _words(a), _words(b)
    if _same_organisation_words(words_a, words_b) or _joined_with_articles(a, b):
        return True
    translated_a, translated_b = _translated(words_a), _translated(words_b)
    if translated_a == words_a and translated_b == words_b:
        return False
    generic = _generic(translated_a)  # both name one kind of body: "Kataib Hezbollah" is not "Hezbollah"
    return bool(generic) and generic == _generic(translated_b) and _same_organisation_words(translated_a, translated_b)


def _joined_with_articles(a: str, b: str) -> bool:
    """The same letters, articles included, written in other words: "Hizbul Mujahideen" / "Hizb-ul-Mujahidin"."""
    joined_a, joined_b = "".join(fold(a).split()), "".join(fold(b).split())
    if fold(a).count(" ") == fold(b).count(" ") or abs(len(joined_a) - len(joined_b)) > 3:
        return False
    return forms_match(form_of(joined_a), form_of(joined_b), loose=True)


def _translated(words: list[str]) -> list[str]:
    return [ARABIC_GENERIC.get(word, word) for word in words]


def _same_organisation_words(words_a: list[str], words_b: list[str]) -> bool:
    numbers_a = {word for word in words_a if word in ORDINALS or _NUMBER.match(word)}
    numbers_b = {word for word in words_b if word in ORDINALS or _NUMBER.match(word)}
    generic_a, generic_b = _generic(words_a), _generic(words_b)
    if numbers_a != numbers_b or not (generic_a <= generic_b or generic_b <= generic_a):
        return False
    skip = numbers_a | numbers_b
    rest_a = [word for word in words_a if word not in skip and _singular(word) not in ORGANISATION_WORDS]
    rest_b = [word for word in words_b if word not in skip and _singular(word) not in ORGANISATION_WORDS]
    if not rest_a and not rest_b:
        return bool(generic_a) and generic_a == generic_b
    if _same_words(rest_a, rest_b, loose=True) or _same_stems(rest_a, rest_b) or _same_skeletons(rest_a, rest_b):
        return True
    for rewrite in (_absolute, _singulars):
        rewritten_a, rewritten_b = rewrite(rest_a), rewrite(rest_b)
        if (rewritten_a != rest_a or rewritten_b != rest_b) and _same_words(rewritten_a, rewritten_b, loose=True):
            return True
    return False


def _singulars(words: list[str]) -> list[str]:
    """A group named by its members in the plural: "Houthis" / "al-Houthi"."""
    return [_singular(word) for word in words]


_CONSTRUCT = re.compile(r"(?<=[a-z]{3})at$")


def _absolute(words: list[str]) -> list[str]:
    """Arabic nouns' feminine ending as it is written alone: the construct state's -at ("Jamaat al-Tawhid",
    "Harakat Hazm") is -a ("al-Jamaa", "Haraka")."""
    return [_CONSTRUCT.sub("a", word) for word in words]


def _same_skeletons(a: list[str], b: list[str]) -> bool:
    """Organisation words romanised with or without a short vowel between consonants ("Fath" / "Fateh",
    "Jaish" / "Jaiech"): one to one, the same first sound and the same consonants. Never for persons, whose
    names a vowel apart are other names (Amr / Amer, Nasr / Naser)."""
    forms_a, forms_b = _distinctive(a), _distinctive(b)
    if not forms_a or len(forms_a) != len(forms_b):
        return False
    return all(
        len(x.skeleton) >= 2 and x.skeleton == y.skeleton and _alike_start(x, y)
        for x, y in zip(forms_a, forms_b, strict=True)
    )


def _alike_start(a: Form, b: Form) -> bool:
    """Both begin with one consonant, or both with a vowel ("Ansar" is not "Nasr")."""
    first_a, first_b = a.segments[0], b.segments[0]
    if first_a[0] in VOWELS or first_b[0] in VOWELS:
        return first_a[0] in VOWELS and first_b[0] in VOWELS
    return first_a == first_b


_DERIVED = re.compile(r"(?:ies|ants?|ans?|s|y|a)$")  # plural, demonym and adjective endings of English words


def _stem(word: str) -> str:
    """A translated organisation word without its English derivation: "revolutionaries" and "revolutionary",
    "syrian" and "syria", "combatant" and "combat" share one stem."""
    return _DERIVED.sub("", word) if len(word) >= 5 else word


def _same_stems(a: list[str], b: list[str]) -> bool:
    """The same translated words in any order: "Revolutionary and Military Committee" / "Military and
    Revolutionary Committee", "Syrian Revolutionary Front" / "Syria Revolutionaries Front"."""
    return len(a) == len(b) >= 2 and sorted(map(_stem, a)) == sorted(map(_stem, b))


_NISBA_ENDING = re.compile(r"(?:iy+|(?<=[^aeiou])y)(?:ah|eh|a|e)$")  # -iyah, -iyeh, -iyya, -yah: as -ia


def _place_words(words: list[str]) -> list[str]:
    """Distinctive words of a place name: administrative words left out, structure words in one form, the
    adjective ending -iyah / -iyeh written -ia."""
    return [_NISBA_ENDING.sub("ia", PLACE_STRUCTURE.get(word, word)) for word in words if word not in PLACE_WORDS]


@lru_cache(maxsize=65536)
def same_place(a: str, b: str, romanised: bool = True) -> bool:
    """Distinctive words all match (administrative words ignored, structure words in any romanisation), or
    are close spellings by :func:`sitroom.names.vowels.close_words`; never a long vowel, a consonant or a
    glide apart, since towns that far apart are different towns. ``romanised`` (names romanised from Arabic
    or Persian script, whose short vowels are unwritten) also lets two plain spellings be a short vowel
    apart and an article joined to its word ("Ennabk", "Alhamra") be read apart; names written in Latin
    script have one spelling (Route is not Root)."""
    if _same_or_close(a, b, romanised):
        return True
    if not romanised:
        return False
    split_a, split_b = _JOINED_ARTICLE.sub(r"al \1", a), _JOINED_ARTICLE.sub(r"al \1", b)
    return (split_a != a or split_b != b) and _same_or_close(split_a, split_b, romanised)


def _same_or_close(a: str, b: str, romanised: bool) -> bool:
    words_a, words_b = _place_words(_words(a)), _place_words(_words(b))
    return _same_words(words_a, words_b, loose=False) or _close_place(a, b, romanised)


# The article al- joined to the word after it, as al/el or assimilated to a sun letter (an-Nabk as "Ennabk").
_JOINED_ARTICLE = re.compile(r"\b[AaEe](?:l|([dnrstz])(?=\1))(?=\w{3})")


def _close_place(a: str, b: str, romanised: bool) -> bool:
    """Names whose distinctive words are one to one (or joined) close spellings, one name scholarly and the
    other plain, or (``romanised``) both plain, more strictly; structure words exactly alike. Two scholarly
    names say which vowels are long and short, so a vowel apart they are two names (Kafr Ḩamrah / Kafr
    Ḩumrah)."""
    scholarly_a, scholarly_b = is_scholarly(a), is_scholarly(b)
    plain = not scholarly_a and not scholarly_b
    if (scholarly_a and scholarly_b) or (plain and not romanised):
        return False
    marked_a, marked_b = _marked_place_words(a), _marked_place_words(b)
    if not marked_a or not marked_b:
        return False
    if len(marked_a) != len(marked_b):
        return close_words("".join(marked_a), "".join(marked_b), plain)
    last = len(marked_a) - 1
    for index, (x, y) in enumerate(zip(marked_a, marked_b, strict=True)):
        structure_x, structure_y = PLACE_STRUCTURE.get(x.lower()), PLACE_STRUCTURE.get(y.lower())
        if structure_x is not None or structure_y is not None:
            if structure_x != structure_y:
                return False
        elif not _close_place_word(x, y, plain, linked=index < last):
            return False
    return True


def _close_place_word(x: str, y: str, plain: bool, linked: bool) -> bool:
    """One word of two place names spelled alike; a word ``linked`` to the next may end in the izafat."""
    if _folded(x) == _folded(y) or close_words(x, y, plain):
        return True
    return linked and close_words(_IZAFAT_END.sub("", x), _IZAFAT_END.sub("", y), plain)


# The Persian linking vowel written on the word before the next ("Puli Khumri" for "Pul-e Khumri").
_IZAFAT_END = re.compile(r"(?<=[^aeiouAIUEOwy'])y?[ei]$")


def _marked_place_words(text: str) -> list[str]:
    """:func:`sitroom.names.vowels.marked_words` less the words :func:`_words` and :func:`_place_words` drop."""
    kept = set(_words(text))
    return [word for word in marked_words(text) if (folded := _folded(word)) in kept and folded not in PLACE_WORDS]


def _folded(marked: str) -> str:
    return marked.lower().replace("'", "")


def same_entity(a: str, b: str, kind: NameKind) -> bool:
    """Whether two names can denote one entity of ``kind``."""
    if kind == "person":
        return same_person(a, b)
    if kind == "group":
        return same_organisation(a, b)
    return same_place(a, b)
