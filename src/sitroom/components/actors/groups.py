"""Actors named by a demonym and a head noun ("Israeli helicopters", "an Indian proposal", "Georgian
demonstrators"), and collective actors: unnamed groups that act or are acted upon ("Insurgents attacked",
"killing six civilians"), typed by their head noun (knowledge/collectives.py)."""

from __future__ import annotations

from spacy.attrs import POS
from spacy.parts_of_speech import NOUN
from spacy.tokens import Doc, Token

from sitroom.components.actors.mentions import Mention, covered_tokens, token_parts
from sitroom.components.actors.vocabulary import (
    GENERIC_GROUP_NOUNS,
    GOVERNMENT_HEADS,
    MILITARY_HEADS,
    PEOPLE_GROUP_HEADS,
    STATE_KINDS,
)
from sitroom.knowledge.collectives import PLURAL_ONLY, collective_type, role_group_type
from sitroom.knowledge.registry import ActorEntry, Registry

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "dobj", "conj", "appos"})
TARGET_PREPOSITIONS = frozenset({"by", "against", "with", "from", "between", "on", "to"})
VICTIM_PREPOSITIONS = frozenset({"of", "among", "including"})  # "the deaths of 12 children"
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
STATE_MODIFIERS = frozenset(
    {"air", "naval", "army", "government", "regime", "military", "fighter", "war", "special", "security", "armed",
     "ground", "state", "official", "presidential", "interior", "foreign", "defence", "defense"}
)  # fmt: skip


def group_mentions(doc: Doc, texts: list[str], taken: list[Mention], registry: Registry) -> list[Mention]:
    """Demonym phrases resolved to the state's forces or government, or kept as a group of its people
    (``texts``: those of the document's tokens)."""
    covered = covered_tokens(taken)
    found: list[Mention] = []
    for index, text in enumerate(texts):
        if index in covered or not text[:1].isupper():
            continue
        state = _demonym_state(text, registry)
        if state is None:
            continue
        token = doc[index]
        head = _modified_noun(token)
        if head is None or head.i <= token.i or head.i in covered:
            continue
        if _coordinated_demonym(token, head):  # "Hungarian and Romanian officials": "Hungarian" stands alone
            mention = _demonym_mention(token, head, state, registry, end=token.i + 1)
        elif _state_phrase(token, head):
            mention = _demonym_mention(token, head, state, registry)
        else:
            continue
        if mention is not None:
            found.append(mention)
            covered.update(range(mention.start, mention.end))
    return found + _generic_groups(doc, covered)


def _modified_noun(token: Token) -> Token | None:
    """The noun a demonym modifies, through coordination: "Hungarian and Romanian officials"."""
    if token.dep_ in {"amod", "compound", "nmod"}:
        return token.head
    if token.dep_ == "conj" and token.head.dep_ in {"amod", "compound", "nmod"}:
        return token.head.head
    return None


def _coordinated_demonym(token: Token, head: Token) -> bool:
    """A demonym followed by "and"/"or" and another modifier of the same noun."""
    return any(child.dep_ == "conj" for child in token.children) and token.head.i == head.i


def _state_phrase(demonym: Token, head: Token) -> bool:
    """'Syrian forces', 'Syrian air strikes', 'Syrian Mi-25 helicopter': nothing but a military modifier or a
    model name between the demonym and its head ("Syrian opposition forces" are not the state's)."""
    between = demonym.doc[demonym.i + 1 : head.i]
    if len(between) > 1:
        return False
    return all(token.lower_ in STATE_MODIFIERS or any(char.isdigit() for char in token.text) for token in between)


def _demonym_state(text: str, registry: Registry) -> ActorEntry | None:
    ids = registry.by_demonym.get(token_parts(text), ())
    states = [registry.entries[actor_id] for actor_id in ids if registry.entries[actor_id].kind in STATE_KINDS]
    return states[0] if states else None


def _demonym_mention(
    token: Token, head: Token, state: ActorEntry, registry: Registry, end: int | None = None
) -> Mention | None:
    """'Israeli helicopters' -> ISR_MIL, 'Indian proposal' -> IND_GOV, 'Georgian demonstrators' -> a group;
    ``end`` cuts the mention short (the first of coordinated demonyms)."""
    lemma, word = head.lemma_.lower(), head.lower_
    stop = head.i + 1 if end is None else end
    if word in MILITARY_HEADS or lemma in MILITARY_HEADS:
        return Mention(token.i, stop, "registry", registry.get(f"{state.id}_MIL"))
    if word in GOVERNMENT_HEADS or lemma in GOVERNMENT_HEADS:
        return Mention(token.i, stop, "registry", registry.get(f"{state.id}_GOV"))
    if word in PEOPLE_GROUP_HEADS and is_argument(head):
        kind = collective_type(head.lemma_)
        return Mention(token.i, stop, "group", label="GROUP", affiliation=state.id, collective=kind)
    return None


def _generic_groups(doc: Doc, covered: set[int]) -> list[Mention]:
    """'Insurgents attacked a convoy', 'clashes with rebels', 'killing six civilians': a group noun as a
    participant, with the proper or compound modifiers that say which group ("Syrian opposition fighters"),
    never a number, a quantifier or a participle ("36 militants", "backed rebels")."""
    found = []
    for index in (index for index, pos in enumerate(doc.to_array(POS).tolist()) if pos == NOUN):
        token = doc[index]
        kind = role_group_type(token.lemma_) if token.tag_ == "NNS" else None
        kind = kind or collective_type(token.lemma_)
        if token.i in covered or kind is None or not _group_participant(token):
            continue
        start = token.i
        while start > 0 and _names_the_group(doc[start - 1], token, covered):
            start -= 1
        found.append(Mention(start, token.i + 1, "group", label="GROUP", collective=kind))
    return found


def _group_participant(token: Token) -> bool:
    """A plural group noun (or one of the generic group nouns) that is an argument of a clause."""
    plural = token.tag_ in {"NNS", "NNPS"} or token.lower_ in GENERIC_GROUP_NOUNS
    if not plural and (token.lemma_.lower() in PLURAL_ONLY or token.tag_ != "NN"):
        return False
    if not plural and not any(child.dep_ in {"nummod", "det"} for child in token.children):
        return False
    victim = token.dep_ == "pobj" and token.head.lower_ in VICTIM_PREPOSITIONS
    return is_argument(token) or victim


def _names_the_group(left: Token, head: Token, covered: set[int]) -> bool:
    """A modifier right before the group noun that is part of its name: "Syrian", "Kurdish", "opposition"."""
    if left.i in covered or left.head.i != head.i or left.dep_ not in MODIFIER_DEPS:
        return False
    return (
        left.tag_ in {"NNP", "NNPS"}
        or (left.tag_ in {"JJ", "NN"} and left.text[:1].isupper())
        or (left.tag_ == "NN" and left.dep_ == "compound")
    )


def is_argument(token: Token) -> bool:
    """Subject, object, or object of a preposition that marks a participant."""
    if token.dep_ in ARGUMENT_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in TARGET_PREPOSITIONS
