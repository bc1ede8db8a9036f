"""Toponym resolution: one gazetteer entry per group, in the light of the whole document."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz.fuzz import ratio

from sitroom.components.places.scoring import (
    ADMIN1_BONUS,
    CREDIBLE,
    FOREIGN_VARIANT_PENALTY,
    FUZZY_PENALTY,
    OUTSIDE_PARENT_PENALTY,
    VARIANT_PENALTY,
    W_ADMIN,
    W_CONTAINMENT,
    W_FOCUS,
    W_HIERARCHY,
    W_PROXIMITY,
    needs_evidence,
    needs_locative_reading,
    prior_score,
)
from sitroom.components.places.support import admin1_support, sibling_support, spatial_support
from sitroom.components.places.toponyms import COUNTY_KEY_SUFFIX, ToponymGroup
from sitroom.components.places.vocabulary import (
    AREA_FEATURES,
    CUE_FEATURES,
    CUE_FIT,
    FUZZY_FEATURES,
    STREET_CUES,
    UNRESOLVED_CUE,
)
from sitroom.knowledge.gazetteer import Gazetteer, GazetteerEntry, distance_km, us_counties
from sitroom.knowledge.geo_centres import us_county_centre
from sitroom.knowledge.place_words import FEATURE_NOUNS

COUNTY_ID_BASE = -3_000_000
DEMONYM_WEIGHT = 0.2
SETTLEMENT_CUES = frozenset({"locality", "village", "town", "city"})
FOCUS_SHARE = 0.3
QUARTER_KM = 30.0
AREA_KM = 100.0


def _county_base(text: str) -> str:
    """The county's name without "County" or "Parish": "Tarrant County" → "Tarrant"."""
    words = text.split()
    return " ".join(words[:-1]) if len(words) > 1 and FEATURE_NOUNS.get(words[-1].lower()) == "county" else text


def _county_name(text: str) -> str:
    """The county's display name: "Tarrant" or "Tarrant County" → "Tarrant County"; parishes keep theirs."""
    return text if FEATURE_NOUNS.get(text.rsplit(" ", 1)[-1].lower()) == "county" else f"{text} County"


def _without_alternate_readings_of_a_country(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """A country's exact name reads as the country, not as a place that bears it only as an alternate name
    ("Mexico" is not Mexico City, whose primary name is longer)."""
    if not any(e.feature == "country" and e.exact and e.primary_name for e in entries):
        return entries
    return [e for e in entries if e.primary_name or e.feature == "country"]


def _fits_settlement_cue(entry: GazetteerEntry, cue: str | None) -> bool:
    """A settlement's or neighbourhood's word rules out other kinds of place ("the Salaheddin
    neighbourhood" is not a province), and a facility or road stands in a settlement, not a province."""
    if cue in CUE_FEATURES:
        return entry.feature in SETTLEMENT_CUES
    if entry.exact and entry.feature in ("city", "admin1"):
        return True  # "the Damascus suburb of Daraya": a noun beside a city's exact name does not unmake it
    return _fits_cue(entry, cue) or entry.id <= COUNTY_ID_BASE


def _fits_cue(entry: GazetteerEntry, cue: str | None) -> bool:
    """A settlement's word asks for a settlement ("Deir Ezzor city" is not the province of that name)."""
    return cue not in SETTLEMENT_CUES or entry.feature in CUE_FIT[cue]


def _foreign_variant(entry: GazetteerEntry) -> bool:
    """A spelling variant of a place below a country, which needs evidence like a small place."""
    return not entry.exact and entry.feature != "country"


class Resolver:
    """Chooses one candidate per group of toponyms, in the light of the whole document."""

    def __init__(self, groups: list[ToponymGroup], gazetteer: Gazetteer, demonyms: Counter[str] | None = None) -> None:
        self.groups = groups
        self.gazetteer = gazetteer
        self.demonyms = demonyms or Counter()
        self.weights: dict[str, float] = defaultdict(float)
        self.own_weight: dict[int, tuple[str, float]] = {}
        self.admin_focus: set[tuple[str | None, str | None]] = set()

    def run(self) -> None:
        for group in self.groups:
            entries = _without_alternate_readings_of_a_country(self._candidates(group, []))
            group.city_countries = frozenset(
                e.country for e in entries if e.exact and e.primary_name and e.feature == "city"
            )
            group.candidates = [(entry, prior_score(entry, group.cue, group.city_countries)) for entry in entries]
            self._choose(group)
            group.metonymy_prone = group.best is not None and needs_locative_reading(group.best)
        self._learn_focus()
        focus_countries = self.focus_countries()
        self._add_variants(focus_countries)
        self._add_fuzzy_candidates()
        self._add_county_candidates()
        self._require_evidence(focus_countries)
        for group in self.groups:
            group.candidates = [
                (entry, self._score(group, entry, prior_score(entry, group.cue, group.city_countries)))
                for entry, _ in group.candidates
            ]
        support = spatial_support(self.groups)
        containment = admin1_support(self.groups)
        siblings = sibling_support(self.groups)
        for group, group_support, group_containment, group_siblings in zip(
            self.groups, support, containment, siblings, strict=True
        ):
            group.candidates = [
                (
                    entry,
                    score
                    + W_PROXIMITY
                    * (1.0 - math.exp(-group_support.get(entry.id, 0.0) - group_siblings.get(entry.id, 0.0)))
                    + W_CONTAINMENT * (1.0 - math.exp(-group_containment.get(entry.id, 0.0))),
                )
                for entry, score in group.candidates
            ]
            self._choose(group)
            group.metonymy_prone = (
                group.best is not None and group.metonymy_prone and needs_locative_reading(group.best)
            )
            group.focus = self.focus(group, group.best.country) if group.best else 0.0
            if group.best is not None and group.hint is not None and not needs_locative_reading(group.best):
                group.metonymy_prone = False  # "Lebanon, Indiana": the state beside it settled the reading

    def _candidates(self, group: ToponymGroup, extra: list[GazetteerEntry]) -> list[GazetteerEntry]:
        if group.cue == UNRESOLVED_CUE:
            return []  # a street's name is not a populated place ("Thawra Street" is not al-Thawrah)
        seen: dict[int, GazetteerEntry] = {}
        for toponym in group.toponyms:
            for entry in toponym.candidates:
                if entry.id not in seen or (entry.exact and not seen[entry.id].exact):
                    seen[entry.id] = entry
        for entry in extra:
            seen.setdefault(entry.id, entry)
        return list(seen.values())

    @staticmethod
    def _choose(group: ToponymGroup) -> None:
        if group.candidates:
            group.best, group.score = max(group.candidates, key=lambda pair: pair[1])
        else:
            group.best, group.score = None, -math.inf

    def focus(self, group: ToponymGroup, country: str | None) -> float:
        """How much the rest of the document is about ``country`` (0 to 1), leaving ``group`` itself out."""
        top = max(self.weights.values(), default=0.0)
        if not country or not top:
            return 0.0
        own_country, own = self.own_weight.get(id(group), ("", 0.0))
        return max(0.0, self.weights[country] - (own if own_country == country else 0.0)) / top

    def _learn_focus(self) -> None:
        """Country and admin1 focus from the first-pass choices, weighted by mentions and confidence, and
        from the countries the text names by their demonyms ("Syrian", weighed as a mention that does not
        read as a location)."""
        weights = self.weights
        for country, count in self.demonyms.items():
            weights[country] += DEMONYM_WEIGHT * count
        for group in self.groups:
            best = group.best
            if best is None or not best.country or group.score < CREDIBLE:
                continue
            if not any(t.source == "ner" or t.locative or t.cue for t in group.toponyms):
                continue
            confident = best.feature in ("country", "admin1") or best.population >= 100_000 or group.cue
            # a home town ("a Dayton man", "Sen. Jane Doe, D-Fresno") says where a person is from, not where
            # the story happens
            located = sum(1 for t in group.toponyms if (t.locative or t.cue) and not t.residence)
            weight = (located + 0.2 * (len(group.toponyms) - located)) * (1.0 if confident else 0.4)
            weights[best.country] += weight
            self.own_weight[id(group)] = (best.country, weight)
            if best.feature == "admin1" and (group.cue == "admin1" or (best.exact and located)):
                self.admin_focus.add((best.country, best.admin1))

    def focus_countries(self) -> tuple[str, ...]:
        """The countries the document is about: at most three, each with at least 30% of the top weight."""
        top = max(self.weights.values(), default=0.0)
        ranked = sorted(self.weights.items(), key=lambda item: -item[1])[:3]
        return tuple(country for country, weight in ranked if top and weight / top >= 0.3)

    def _add_variants(self, countries: tuple[str, ...]) -> None:
        """Spellings the key leaves apart ("Idleb", "Saraqeb", "Muhafazat Halab") of places in the focus
        countries, for groups with no exact candidate there."""
        if not countries:
            return
        for group in self.groups:
            if group.cue == UNRESOLVED_CUE or any(
                e.exact and e.country in countries and _fits_cue(e, group.cue) for e, _ in group.candidates
            ):
                continue
            known = {e.id for e, _ in group.candidates}
            extra = [e for e in self.gazetteer.variants(group.toponyms[0].text, countries) if e.id not in known]
            group.candidates += [(e, prior_score(e, group.cue) - VARIANT_PENALTY) for e in extra]

    def _require_evidence(self, countries: tuple[str, ...]) -> None:
        """A small place outside the document's focus needs its country or province named in the document
        ("Beit El" in an article on Syria is not the West Bank's; "Salaheddin" in Aleppo is not Iraq's
        province): without that evidence the candidate is dropped. The focus that counts is the rest of the
        document's, without the place's own mentions. A town that a facility is named after needs the same
        evidence, however large ("the Al-Quds hospital" in Aleppo does not stand in Jerusalem), and so does
        a spelling variant below a country, even of a province ("al-Malaah" in Aleppo is not the Maldives'
        Male). A county read from "X County" is its own evidence. A province's word ("Muhafazat X", "X
        Province") keeps the provinces of that name only, when there are any."""
        for group in self.groups:
            group.candidates = [(e, score) for e, score in group.candidates if _fits_settlement_cue(e, group.cue)]
            if group.cue == "admin1" and any(e.feature == "admin1" for e, _ in group.candidates):
                group.candidates = [(e, score) for e, score in group.candidates if e.feature == "admin1"]
        if not countries:
            return  # a document with no focus (one place, or none yet resolved) has nothing to be far from
        areas = [self._named_area(group) for group in self.groups]
        counts = Counter(area for area in areas if area is not None)
        for group, own in zip(self.groups, areas, strict=True):
            facility = group.cue in CUE_FEATURES
            named = {area for area, count in counts.items() if count > (area == own)}  # the other groups'
            group.candidates = [
                (entry, score)
                for entry, score in group.candidates
                if not (
                    needs_evidence(entry) or _foreign_variant(entry) or (facility and entry.feature in SETTLEMENT_CUES)
                )
                or entry.id <= COUNTY_ID_BASE
                or entry.country in group.countries_named
                or self._others_focus(group, entry.country) >= FOCUS_SHARE
                or (not _foreign_variant(entry) and self._named(entry, named))
            ]

    @staticmethod
    def _named(entry: GazetteerEntry, named: set[tuple[str | None, str | None]]) -> bool:
        """The entry's country or province is named elsewhere in the document."""
        return (entry.country, None) in named or (entry.country, entry.admin1) in named

    def _others_focus(self, group: ToponymGroup, country: str | None) -> float:
        """How much the rest of the document is about ``country``, relative to its main country without
        ``group``; 1 when nothing else in the document is placed (no evidence either way)."""
        own_country, own = self.own_weight.get(id(group), ("", 0.0))
        others = {c: w - (own if c == own_country else 0.0) for c, w in self.weights.items()}
        top = max(others.values(), default=0.0)
        return others.get(country or "", 0.0) / top if top > 0 else 1.0

    @staticmethod
    def _named_area(group: ToponymGroup) -> tuple[str | None, str | None] | None:
        """The country or province (country, admin1) a group names (first pass), if it names one."""
        best = group.best
        if best is None or best.feature not in ("country", "admin1") or not best.exact or group.score < CREDIBLE:
            return None
        return best.country, best.admin1 if best.feature == "admin1" else None

    def _add_fuzzy_candidates(self) -> None:
        """For cued toponyms with no fitting candidate, look for near spellings in the focus countries."""
        top = max(self.weights.values(), default=0.0)
        ranked = sorted(self.weights.items(), key=lambda item: -item[1])[:3]
        countries = [country for country, weight in ranked if top and weight / top >= 0.3]
        for group in self.groups:
            cue = group.cue
            if cue not in FUZZY_FEATURES or any(
                CUE_FIT[cue].get(e.feature, -1) > 0.5 and e.exact for e, _ in group.candidates
            ):
                continue
            extra = [
                entry for country in countries for entry in self._near_spellings(group, country, FUZZY_FEATURES[cue])
            ]
            known = {e.id for e, _ in group.candidates}
            group.candidates += [(e, prior_score(e, cue) - FUZZY_PENALTY) for e in extra if e.id not in known]

    def _near_spellings(self, group: ToponymGroup, country: str, features: tuple[str, ...]) -> list[GazetteerEntry]:
        """Places of the cued feature whose names share the toponym's blocking key and most of its letters: a
        cue such as "airfield" narrows the field enough to forgive a vowel ("Jarrah" for Jirah)."""
        key = group.key
        return [
            entry
            for entry in self.gazetteer.blocked(group.toponyms[0].text, country)
            if entry.feature in features and entry.key != key and ratio(key, entry.key) >= 70
        ]

    def _add_county_candidates(self) -> None:
        """US counties ("Tarrant County"), placed at their namesake town (often the seat), else near the
        document's other places in its state, else at the state's centre: an approximation."""
        anchors = [
            g.best
            for g in self.groups
            if g.best is not None and g.best.feature not in AREA_FEATURES and g.score >= CREDIBLE and g.cue != "county"
        ]
        for group in self.groups:
            name = group.key.removesuffix(COUNTY_KEY_SUFFIX)
            states = us_counties().get(name, ()) if group.key.endswith(COUNTY_KEY_SUFFIX) else ()
            if len(states) == 1:
                self.admin_focus.add(("US", states[0]))
            for number, state in enumerate(states):
                admin1 = next(
                    (e for e in self.gazetteer.lookup(state) if e.feature == "admin1" and e.country == "US"), None
                )
                if admin1 is None:
                    continue
                lat, lon = self._county_point(_county_base(group.toponyms[0].text), admin1, anchors)
                county = GazetteerEntry(
                    COUNTY_ID_BASE - number - 100 * self.groups.index(group),
                    None,
                    _county_name(group.toponyms[0].text),
                    "region",
                    "US",
                    admin1.name,
                    lat,
                    lon,
                    0,
                )
                group.candidates.append((county, prior_score(county, group.cue)))

    def _county_point(self, name: str, state: GazetteerEntry, anchors: Sequence[GazetteerEntry]) -> tuple[float, float]:
        """The county's area centre; failing that its namesake town, the document's places in its state,
        or the state's centre."""
        centre = us_county_centre(state.name, name)
        if centre is not None:
            return centre
        namesakes = [
            e
            for e in self.gazetteer.lookup(name)
            if e.exact and e.country == "US" and e.admin1 == state.name and e.feature in ("city", "town", "village")
        ]
        inside = [a for a in anchors if a.country == "US" and a.admin1 == state.name]
        best = max(namesakes or inside or [state], key=lambda e: e.population)
        return best.lat, best.lon

    def _score(self, group: ToponymGroup, entry: GazetteerEntry, prior: float) -> float:
        focus = self.focus(group, entry.country)
        score = prior + W_FOCUS * focus
        if (
            entry.feature == "admin1"
            and entry.exact
            and (group.cue == "admin1" or (focus >= 0.5 and entry.country not in group.city_countries))
        ):
            score += ADMIN1_BONUS
        if (not entry.exact or group.cue in STREET_CUES) and focus < 0.5:
            score -= FOREIGN_VARIANT_PENALTY * (2 if group.cue in STREET_CUES else 1)
        if entry.feature != "admin1" and (entry.country, entry.admin1) in self.admin_focus:
            score += W_ADMIN
        if entry.country in group.countries_named:
            score += W_HIERARCHY  # "the Syrian town of X"
        if group.hint is not None:
            parent = self.groups[group.hint].best
            if parent and self.groups[group.hint].score >= CREDIBLE and parent.feature not in STREET_CUES:
                if parent.feature in ("country", "admin1"):
                    inside = parent.country == entry.country and (
                        parent.feature == "country" or parent.admin1 == entry.admin1
                    )
                else:  # a quarter or village of a town lies close to it
                    reach = AREA_KM if entry.feature == "region" else QUARTER_KM  # an area spans tens of km
                    inside = distance_km(parent.lat, parent.lon, entry.lat, entry.lon) <= reach
                    if not group.hint_contains:
                        inside = False
                if inside:
                    score += W_HIERARCHY
                elif group.hint_contains:
                    score -= OUTSIDE_PARENT_PENALTY  # "Orem in Aleppo governorate" is not Orem, Utah
        return score
