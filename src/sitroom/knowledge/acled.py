"""PLOVER event type and mode → ACLED event type and sub-event type.

The categories are ACLED's (``data/acled_categories.csv``, see ``data/ACLED.md``); the mapping is
sitroom's. ACLED splits violence by weapon and by target: an assault from the air is a remote
strike, one on civilians is violence against civilians, one between armed actors a battle.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


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
