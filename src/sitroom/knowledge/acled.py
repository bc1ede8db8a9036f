"""PLOVER event type and mode → ACLED event type and sub-event type.

The categories are ACLED's (``data/acled_categories.csv``, see ``data/ACLED.md``); the mapping is
sitroom's. ACLED splits violence by weapon and by target: an assault from the air is a remote
strike, one on civilians is violence against civilians, one between armed actors a battle.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitroom.knowledge.collectives import ACLED_INTER, CIVILIAN_TYPES
from sitroom.record import AcledCoding, Actor, Place, Provenance


@dataclass(frozen=True)
class AcledCategory:
    """An ACLED event type with one of its sub-event types."""

    event_type: str
    sub_event_type: str


BATTLES, REMOTE, PROTESTS, RIOTS, STRATEGIC, CIVILIANS = (
    "Battles",
    "Explosions/Remote violence",
    "Protests",
    "Riots",
    "Strategic developments",
    "Violence against civilians",
)

# (PLOVER type, mode) → (ACLED type, sub-type); mode None is the type's default.
_BY_MODE: dict[tuple[str, str | None], tuple[str, str]] = {
    ("ASSAULT", None): (BATTLES, "Armed clash"),
    ("ASSAULT", "firearms"): (BATTLES, "Armed clash"),
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "unconventional"): (REMOTE, "Chemical weapon"),
    ("ASSAULT", "grenade"): (REMOTE, "Grenade"),
    ("ASSAULT", "abduct"): (CIVILIANS, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (CIVILIANS, "Sexual violence"),
    ("ASSAULT", "torture"): (CIVILIANS, "Attack"),
    ("ASSAULT", "beat"): (CIVILIANS, "Attack"),
    ("ASSAULT", "massacre"): (CIVILIANS, "Attack"),
    ("ASSAULT", "assassinate"): (CIVILIANS, "Attack"),
    ("ASSAULT", "cleansing"): (CIVILIANS, "Attack"),
    ("COERCE", None): (STRATEGIC, "Other"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("COERCE", "seize"): (BATTLES, "Non-state actor overtakes territory"),
    ("PROTEST", None): (PROTESTS, "Peaceful protest"),
    ("PROTEST", "riot"): (RIOTS, "Violent demonstration"),
    ("AGREE", None): (STRATEGIC, "Agreement"),
    ("RETREAT", None): (STRATEGIC, "Other"),
    ("RETREAT", "ceasefire"): (STRATEGIC, "Agreement"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("MOBILIZE", None): (STRATEGIC, "Change to group/activity"),
}
STATE_KINDS = frozenset({"state", "government", "institution"})
CIVILIAN_KINDS = frozenset({"person", "media", "religious", "other"})


@lru_cache(maxsize=1)
def acled_categories() -> frozenset[AcledCategory]:
    """ACLED's (event type, sub-event type) pairs, read from the shipped table."""
    text = resources.files("sitroom.knowledge").joinpath("data/acled_categories.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines())
    return frozenset(AcledCategory(row["event_type"], row["sub_event_type"]) for row in rows)


def to_acled(
    event_type: str,
    mode: str | None = None,
    *,
    source_kinds: frozenset[str] = frozenset(),
    target_kinds: frozenset[str] = frozenset(),
) -> AcledCategory:
    """The ACLED category of a PLOVER event; actor kinds decide civilian targets and who takes territory."""
    event_type_name, sub_type = _BY_MODE.get((event_type, mode)) or _BY_MODE.get(
        (event_type, None), (STRATEGIC, "Other")
    )
    if event_type == "ASSAULT" and event_type_name == BATTLES and target_kinds and target_kinds <= CIVILIAN_KINDS:
        event_type_name, sub_type = CIVILIANS, "Attack"
    if sub_type == "Non-state actor overtakes territory" and source_kinds and source_kinds <= STATE_KINDS:
        sub_type = "Government regains territory"
    category = AcledCategory(event_type_name, sub_type)
    if category not in acled_categories():
        raise ValueError(f"not an ACLED category: {category}")
    return category


# ACLED's disorder types by event type.
DISORDER_TYPES = {
    BATTLES: "Political violence",
    REMOTE: "Political violence",
    CIVILIANS: "Political violence",
    PROTESTS: "Demonstrations",
    RIOTS: "Demonstrations",
    STRATEGIC: "Strategic developments",
}
POINT_FEATURES = frozenset(
    {"city", "town", "village", "locality", "airfield", "airport", "road", "building", "neighbourhood",
     "neighborhood", "camp", "checkpoint", "base", "facility", "capital", "populated"}
)  # fmt: skip
REGION_FEATURES = frozenset({"admin2", "admin3", "district", "region", "area"})
STATE_FORCES, REBELS, POLITICAL_MILITIAS, CIVILIAN, EXTERNAL = 1, 2, 3, 7, 8
_INTER_BY_KIND = {"state": STATE_FORCES, "government": STATE_FORCES, "institution": STATE_FORCES,
                  "armed_group": REBELS, "political_party": POLITICAL_MILITIAS}  # fmt: skip


def inter_code(actor: Actor, abroad: bool = False) -> int:
    """ACLED's actor type of one actor: state forces (1; external, 8, when they act abroad), rebel groups (2),
    political militias (3), civilians (7), other (8); a collective actor by its type."""
    if actor.collective is not None:
        return ACLED_INTER[actor.collective]
    code = _INTER_BY_KIND.get(actor.kind, EXTERNAL)
    return EXTERNAL if code == STATE_FORCES and abroad else code


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor types, lower first (17); one actor alone is its type times 10."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) > 1 else 0)


def geo_precision(place: Place | None, read_from: Provenance | None) -> int:
    """1 a town or point named for the event, 2 part of a region (or a town only the dateline or document
    gives), 3 a province, a country or nothing."""
    if place is None or place.feature is None or place.feature in {"admin1", "country", "continent"}:
        return 3
    if place.feature in REGION_FEATURES or place.located_by == "parent":
        return 2  # a region, or a street, facility or village placed at the point of the place containing it
    return 1 if read_from in {"clause", "sentence"} else 2


def time_precision(date: str | None, read_from: Provenance | None) -> int:
    """1 a day stated for the event, 2 the report's day (the event within days of it), 3 a month or coarser."""
    if date is None or len(date) < 10:
        return 3
    return 1 if read_from in {"clause", "sentence"} else 2


def acled_coding(
    event_type: str,
    mode: str | None,
    sources: Sequence[Actor],
    targets: Sequence[Actor],
    *,
    fatalities: int | None,
    civilian_site: bool,
    place: tuple[Place | None, Provenance | None],
    date: tuple[str | None, Provenance | None],
    abroad: frozenset[str] = frozenset(),
) -> AcledCoding:
    """The ACLED coding of one event. ``abroad`` holds the ids of state actors acting outside their country;
    ``civilian_site`` says whether a civilian place (a market, a hospital) was the target."""
    civilians = civilian_site or any(actor.collective in CIVILIAN_TYPES for actor in targets)
    target_kinds = frozenset({"person"}) if civilians else frozenset(actor.kind for actor in targets)
    category = to_acled(
        event_type, mode, source_kinds=frozenset(actor.kind for actor in sources), target_kinds=target_kinds
    )
    inter1 = inter_code(sources[0], sources[0].id in abroad) if sources else None
    inter2 = (
        CIVILIAN
        if civilians and not targets
        else (inter_code(targets[0], targets[0].id in abroad) if targets else None)
    )
    return AcledCoding(
        event_type=category.event_type,
        sub_event_type=category.sub_event_type,
        disorder_type=DISORDER_TYPES[category.event_type],
        inter1=inter1,
        inter2=inter2,
        interaction=interaction(inter1, inter2),
        civilian_targeting=civilians and category.event_type in {CIVILIANS, REMOTE, BATTLES},
        fatalities=fatalities,
        geo_precision=geo_precision(*place),
        time_precision=time_precision(*date),
    )
