"""Actors named by a demonym and a head noun ("Israeli helicopters", "an Indian proposal", "Georgian
demonstrators"), and generic groups acting on their own ("Insurgents attacked")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.components.actors.mentions import Mention, covered_tokens, token_parts
from sitroom.components.actors.vocabulary import (
    GENERIC_GROUP_NOUNS,
    GOVERNMENT_HEADS,
    MILITARY_HEADS,
    PEOPLE_GROUP_HEADS,
    STATE_KINDS,
)
from sitroom.knowledge.registry import ActorEntry, Registry

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "dobj", "conj", "appos"})
TARGET_PREPOSITIONS = frozenset({"by", "against", "with", "from", "between", "on", "to"})


def group_mentions(doc: Doc, taken: list[Mention], registry: Registry) -> list[Mention]:
    """Demonym phrases resolved to the state's forces or government, or kept as a group of its people."""
    covered = covered_tokens(taken)
    found: list[Mention] = []
    for token in doc:
        if token.i in covered or not token.text[:1].isupper() or token.dep_ not in {"amod", "compound", "nmod"}:
            continue
        state = _demonym_state(token, registry)
        head = token.head
        if state is None or head.i <= token.i or head.i in covered or head.i - token.i > 2:
            continue
        mention = _demonym_mention(token, head, state, registry)
        if mention is not None:
            found.append(mention)
            covered.update(range(mention.start, mention.end))
    return found + _generic_groups(doc, covered)


def _demonym_state(token: Token, registry: Registry) -> ActorEntry | None:
    ids = registry.by_demonym.get(token_parts(token.text), ())
    states = [registry.entries[actor_id] for actor_id in ids if registry.entries[actor_id].kind in STATE_KINDS]
    return states[0] if states else None


def _demonym_mention(token: Token, head: Token, state: ActorEntry, registry: Registry) -> Mention | None:
    """'Israeli helicopters' -> ISR_MIL, 'Indian proposal' -> IND_GOV, 'Georgian demonstrators' -> a group."""
    lemma, word = head.lemma_.lower(), head.lower_
    if word in MILITARY_HEADS or lemma in MILITARY_HEADS:
        return Mention(token.i, head.i + 1, "registry", registry.get(f"{state.id}_MIL"))
    if word in GOVERNMENT_HEADS or lemma in GOVERNMENT_HEADS:
        return Mention(token.i, head.i + 1, "registry", registry.get(f"{state.id}_GOV"))
    if word in PEOPLE_GROUP_HEADS and _is_argument(head):
        return Mention(token.i, head.i + 1, "group", label="GROUP", affiliation=state.id)
    return None


def _generic_groups(doc: Doc, covered: set[int]) -> list[Mention]:
    """'Insurgents attacked a convoy', 'clashes with rebels': a plural group noun as a participant."""
    found = []
    for token in doc:
        if token.i in covered or token.lower_ not in GENERIC_GROUP_NOUNS or not _is_argument(token):
            continue
        start = min([token.i, *(c.i for c in token.lefts if c.dep_ in {"amod", "compound"} and c.i not in covered)])
        found.append(Mention(start, token.i + 1, "group", label="GROUP"))
    return found


def _is_argument(token: Token) -> bool:
    """Subject, object, or object of a preposition that marks a participant."""
    if token.dep_ in ARGUMENT_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in TARGET_PREPOSITIONS
