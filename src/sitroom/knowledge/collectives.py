"""Collective actors: unnamed groups that act or are acted upon ("rebels shelled", "killing six civilians").

They are typed (``civilians``, ``children``, ``fighters``, ``security_forces`` ...; ``people`` for a group
named by any other noun that denotes people, "landowners") rather than resolved to an identity: "36
militants" in one article and "militants" in another are not one actor. The type decides ACLED's actor
category (``inter`` code) and whether an attack on them is civilian targeting.
"""

from __future__ import annotations

from typing import Literal

from sitroom.knowledge.noun_classes import denotes_people

CollectiveType = Literal[
    "civilians",
    "children",
    "women",
    "displaced",
    "protesters",
    "patients",
    "medics",
    "worshippers",
    "students",
    "journalists",
    "aid_workers",
    "detainees",
    "fighters",
    "security_forces",
    "officials",
    "unidentified",
    "people",
]

# ACLED's actor categories (inter codes): 1 state forces, 2 rebel groups, 3 political militias, 4 identity
# militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
ACLED_INTER: dict[CollectiveType, int] = {
    "civilians": 7, "children": 7, "women": 7, "displaced": 7, "patients": 7, "medics": 7, "worshippers": 7,
    "students": 7, "journalists": 7, "aid_workers": 7, "detainees": 7, "protesters": 6, "fighters": 2,
    "security_forces": 1, "officials": 1, "unidentified": 3, "people": 7,
}  # fmt: skip
CIVILIAN_TYPES: frozenset[CollectiveType] = frozenset(
    {"civilians", "children", "women", "displaced", "patients", "medics", "worshippers", "students", "journalists",
     "aid_workers", "detainees", "people"}
)  # fmt: skip

# Head nouns (lemmas, lower case) of collective actors, by type.
_NOUNS: dict[CollectiveType, str] = {
    "civilians": "civilian resident inhabitant villager people person family citizen local passer-by passerby "
    "bystander man shopper farmer worker",
    "children": "child kid boy girl infant baby toddler minor schoolchild",
    "women": "woman mother",
    "displaced": "refugee displaced evacuee idp returnee",
    "protesters": "protester protestor demonstrator marcher",
    "patients": "patient",
    "medics": "medic doctor nurse paramedic rescuer volunteer",
    "worshippers": "worshipper worshiper congregant pilgrim",
    "students": "student pupil schoolboy schoolgirl teacher",
    "journalists": "journalist reporter correspondent photographer cameraman",
    "aid_workers": "aid-worker",
    "detainees": "detainee prisoner captive hostage inmate",
    "fighters": "fighter rebel militant insurgent gunman jihadist jihadi combatant mujahid terrorist extremist "
    "separatist guerrilla guerilla militiaman",
    "security_forces": "soldier troop serviceman policeman officer guard conscript recruit",
    "officials": "official",
    "unidentified": "assailant attacker",
}
COLLECTIVE_NOUNS: dict[str, CollectiveType] = {noun: kind for kind, nouns in _NOUNS.items() for noun in nouns.split()}
# Types whose members only ever act as a group when plural ("a man" is not a collective actor; "men" is).
PLURAL_ONLY = frozenset({"man", "person", "family", "woman", "girl", "boy", "child", "officer", "official"})
ARMED_TYPES: frozenset[CollectiveType] = frozenset({"fighters", "security_forces", "unidentified"})


def collective_type(lemma: str) -> CollectiveType | None:
    """The collective type of a head noun's lemma ("civilians" → civilians), if any."""
    return COLLECTIVE_NOUNS.get(lemma.lower())


def role_group_type(lemma: str) -> CollectiveType | None:
    """A group named by any noun that denotes people (WordNet): "landowners", "candidates" → people."""
    found = collective_type(lemma)
    return found if found is not None or not denotes_people(lemma.lower()) else "people"
