"""The structure of a personal name in the Arabic tradition, as token forms.

A name is read as: titles (Sheikh, Dr, President) that are not part of it; a kunya ("Abu X", "Umm X"); the
given names; a nasab, the chain of "bin X" / "ibn X" / "bint X"; and nisbas, the trailing "al-Y" names of
origin or family ("al-Adnani ash-Shami"). Translated nisbas ("the Chechen") count as nisbas.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitroom.names.normalise import ARABIC_ARTICLES, NISBAS, compound_parts, fold, is_filler, token_key
from sitroom.names.phonetic import Form, form_of

KUNYA_MARKERS = frozenset({"abu", "abi", "abou", "umm", "um"})
NASAB_MARKERS = frozenset({"bin", "ibn", "bint", "ben"})
# The lower-case words and the hyphen that join the parts of one Arabic name in running text ("Abu Bakr
# al-Baghdadi", "Hamza bin Laden").
NAME_PARTICLES = ARABIC_ARTICLES | KUNYA_MARKERS | NASAB_MARKERS | {"-"}
# Words before a name that are not part of it (titles, honorifics, ranks, offices).
TITLES = frozenset(
    {
        "sheikh", "shaykh", "sheik", "shaikh", "sayyid", "sayed", "seyyed", "sayyed", "mullah", "mulla", "imam",
        "dr", "doctor", "hajji", "haji", "hajj", "ayatollah", "hojatoleslam", "hojatolislam", "general", "gen",
        "colonel", "col", "brigadier", "major", "president", "minister", "king", "prince", "emir", "mr", "mrs",
        "ms", "lieutenant", "lt", "commander", "cmdr", "captain", "capt", "judge", "rev", "father",
    }
)  # fmt: skip


@dataclass(frozen=True)
class NameParts:
    """A personal name cut into its parts (each a tuple of token forms, in text order)."""

    text: str
    forms: tuple[Form, ...]  # every token of the name but titles, articles and markers
    kunya: Form | None  # X of "Abu X"
    given: tuple[Form, ...]
    nasab: tuple[Form, ...]  # X of each "bin X"
    nisbas: tuple[Form, ...]  # trailing "al-Y" (or a known nisba)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(form.key for form in self.forms)


def forms_of(word: str) -> tuple[Form, ...]:
    """The forms of one folded word: a compound "abdulrahman" gives two."""
    if is_filler(word):
        return ()
    return tuple(form_of(part, token_key(part)) for part in compound_parts(word))


@lru_cache(maxsize=16384)
def parse_name(text: str) -> NameParts:
    """Cut ``text`` into kunya, given names, nasab and nisbas (titles at the start are dropped)."""
    words = fold(text).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    kunya: Form | None = None
    nasab: list[Form] = []
    named: list[tuple[Form, bool]] = []  # (form, read as a nisba)
    forms: list[Form] = []
    index = 0
    while index < len(words):
        word = words[index]
        following = _next_name(words, index + 1)
        if following is not None and word in KUNYA_MARKERS and not forms:
            kunya, index = forms_of(words[following])[-1], following + 1
            forms.append(kunya)
            continue
        if following is not None and word in NASAB_MARKERS:
            nasab.extend(forms_of(words[following]))
            forms.extend(forms_of(words[following]))
            index = following + 1
            continue
        after_article = index > 0 and is_filler(words[index - 1])
        for form in forms_of(word):
            forms.append(form)
            named.append((form, after_article or form.key in NISBAS))
        index += 1
    split = len(named)
    while split > 0 and named[split - 1][1]:
        split -= 1
    given = tuple(form for form, _ in named[:split])
    nisbas = tuple(form for form, _ in named[split:])
    if kunya is None and not nasab and len(given) + len(nisbas) == 1:
        given, nisbas = (), given + nisbas  # "Assad", "al-Baghdadi": a name alone is read as a family name
    return NameParts(text, tuple(forms), kunya, given, tuple(nasab), nisbas)


def _next_name(words: list[str], start: int) -> int | None:
    """Index of the first word at or after ``start`` that is not an article."""
    for index in range(start, len(words)):
        if not is_filler(words[index]):
            return index
    return None
