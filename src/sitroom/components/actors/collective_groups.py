"""Collective actors named by a group noun and the modifier that says which group ("opposition groups in
Kenya", "a militant group based in Yemen", "Islamist factions"), and peoples named by a plural demonym
("ethnic Serbians", "Iraqis in Jordan"): typed unnamed groups, with the state the text places them in."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.components.actors.groups import is_argument
from sitroom.components.actors.mentions import Mention, covered_tokens, token_parts
from sitroom.components.actors.vocabulary import COLLECTIVE_GROUP_HEADS, STATE_KINDS
from sitroom.knowledge.collectives import ARMED_TYPES, CollectiveType, collective_type
from sitroom.knowledge.noun_classes import denotes_people
from sitroom.knowledge.registry import Registry
from sitroom.knowledge.valence import word_set

MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
# Modifiers that make a group noun a group of fighters ("armed groups", "a terror group").
ARMED_MODIFIERS = word_set(
    """
    armed terror terrorist militant rebel insurgent jihadist jihadi islamist extremist separatist guerrilla
    guerilla paramilitary radical
    """
)
# Lower-case modifiers that say which people a group gathers ("opposition groups", "ethnic militias").
PEOPLE_MODIFIERS = word_set(
    """
    opposition ethnic religious political tribal dissident exile exiled rights human-rights civic student students
    """
)
# Group nouns of political rather than armed groups: "opposition parties" are people, "opposition groups" in a
# conflict report fight, as do a people's "militias" and "factions" ("Shiite militias", "Kurdish factions").
POLITICAL_GROUP_HEADS = frozenset({"party", "movement"})
FIGHTING_PEOPLE_MODIFIERS = frozenset({"opposition"})
FIGHTING_GROUP_HEADS = frozenset({"militia", "faction"})
PLACING_PREPOSITIONS = frozenset({"in", "from", "inside"})  # "groups in Kenya", "a group based in Yemen"


def collective_groups(doc: Doc, taken: list[Mention], registry: Registry) -> list[Mention]:
    """Typed group mentions of the two kinds in the module docstring, outside the ``taken`` mentions."""
    covered = covered_tokens(taken)
    found: list[Mention] = []
    for token in doc:
        if not _may_head_a_group(token) or token.i in covered or token.dep_ == "appos" or not is_argument(token):
            continue
        mention = _modified_group(token, covered, registry) or _demonym_people(token, covered, registry)
        if mention is None:
            continue
        mention.affiliation = mention.affiliation or placed_in(token, registry)
        found.append(mention)
        covered.update(range(mention.start, mention.end))
    return found


def _may_head_a_group(token: Token) -> bool:
    """The word tests of ``_modified_group`` and ``_demonym_people``, first: most tokens fail them cheaply."""
    if token.text[:1].isupper():
        return token.tag_ in {"NNPS", "NNS"} and token.lower_.endswith("s")
    return token.lemma_.lower() in COLLECTIVE_GROUP_HEADS


def _modifiers(head: Token, covered: set[int]) -> list[Token]:
    """The modifiers right before ``head`` that are part of the group's description."""
    doc, start = head.doc, head.i
    while start > 0 and start - 1 not in covered and doc[start - 1].head.i == head.i:
        if doc[start - 1].dep_ not in MODIFIER_DEPS:
            break
        start -= 1
    return list(doc[start : head.i])


def _modified_group(head: Token, covered: set[int], registry: Registry) -> Mention | None:
    """'opposition groups', 'a terror group', 'Islamist factions': a lower-case group noun with a modifier that
    names the kind of group (a bare "the group" refers back to a named one)."""
    if head.lower_ != head.text or head.lemma_.lower() not in COLLECTIVE_GROUP_HEADS:
        return None
    modifiers = _modifiers(head, covered)
    words = {token.lemma_.lower() for token in modifiers} | {token.lower_ for token in modifiers}
    kind: CollectiveType | None = None
    named = [token for token in modifiers if token.tag_ in {"NNP", "NNPS"} or token.ent_type_ == "NORP"]
    political = head.lemma_.lower() in POLITICAL_GROUP_HEADS
    if words & ARMED_MODIFIERS or any(collective_type(word) in ARMED_TYPES for word in words):
        kind = "fighters"
    elif words & PEOPLE_MODIFIERS or named:
        fighting = words & FIGHTING_PEOPLE_MODIFIERS or head.lemma_.lower() in FIGHTING_GROUP_HEADS
        kind = "fighters" if fighting and not political else "people"
    if kind is None:
        return None
    state = next((found for token in named if (found := demonym_state(token.text, registry))), "")
    return Mention(modifiers[0].i, head.i + 1, "group", label="GROUP", affiliation=state, collective=kind)


def _demonym_people(token: Token, covered: set[int], registry: Registry) -> Mention | None:
    """'ethnic Albanians', 'Bosnian Croats', 'Kurds': a capitalised plural noun for a people as a participant; a
    group of a state's people when it or its modifier is a demonym."""
    if token.tag_ not in {"NNPS", "NNS"} or not token.text[:1].isupper() or not token.lower_.endswith("s"):
        return None
    state = demonym_state(token.text[:-1], registry)
    singular = token.lower_[:-1]
    if not state and (token.tag_ != "NNPS" or collective_type(singular) or not denotes_people(singular)):
        return None  # "Soldiers", "Terrorists" capitalised are common nouns: the generic groups type them
    modifiers = _modifiers(token, covered)
    state = state or next((found for word in modifiers if (found := demonym_state(word.text, registry))), "")
    start = modifiers[0].i if modifiers else token.i
    if start > 0 and token.doc[start - 1].text[:1].isupper() and not token.doc[start - 1].is_sent_start:
        return None  # inside a title-case name or headline: "Army Kills Front Terrorists in Daraa"
    return Mention(start, token.i + 1, "group", label="GROUP", affiliation=state, collective="people")


def demonym_state(text: str, registry: Registry) -> str:
    """The registry id of the state whose demonym ``text`` is, or ""."""
    ids = registry.by_demonym.get(token_parts(text), ())
    return next((actor_id for actor_id in ids if registry.entries[actor_id].kind in STATE_KINDS), "")


def placed_in(head: Token, registry: Registry) -> str:
    """The state a group is said to be in or from ("groups in Kenya", "a group based in Yemen"), or ""."""
    preps = [child for child in head.children if child.dep_ == "prep"]
    preps += [grand for acl in head.children if acl.dep_ == "acl" for grand in acl.children if grand.dep_ == "prep"]
    for prep in (prep for prep in preps if prep.lower_ in PLACING_PREPOSITIONS):
        for place in (child for child in prep.children if child.dep_ == "pobj"):
            name = place.doc[place.left_edge.i : place.i + 1]
            name = name[1:] if name[0].lower_ == "the" else name
            state = next((entry.id for entry in registry.lookup(name.text) if entry.kind in STATE_KINDS), "")
            if state:
                return state
    return ""
