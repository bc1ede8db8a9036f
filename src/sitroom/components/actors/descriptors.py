"""Descriptor mentions: "the Shiite regime in Baghdad" and the plural "Shiites" referring back."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.components.actors.mentions import Mention, covered_tokens, token_parts
from sitroom.components.actors.vocabulary import GOVERNMENT_NOUNS, STATE_KINDS
from sitroom.knowledge.registry import ActorEntry, Registry
from sitroom.names import fold


def descriptor_mentions(doc: Doc, taken: list[Mention], registry: Registry) -> list[Mention]:
    """'the Shiite regime (in Baghdad)' and the plural 'Shiites' that refers back to it."""
    covered = covered_tokens(taken)
    found: list[Mention] = []
    for token in doc:
        if token.lemma_.lower() not in GOVERNMENT_NOUNS or token.i in covered:
            continue
        adjective = next((c for c in token.lefts if c.dep_ in {"amod", "compound"} and c.text[:1].isupper()), None)
        if adjective is None or adjective.i in covered:
            continue
        start = adjective.i - 1 if adjective.i > 0 and doc[adjective.i - 1].lower_ == "the" else adjective.i
        end, state = _seat_of(token, registry)
        entry = registry.get(f"{state.id}_GOV") if state is not None else None
        found.append(Mention(start, end, "descriptor", entry, descriptor=fold(adjective.text)))
    adjectives = {mention.descriptor for mention in found}
    for token in doc:
        if token.i in covered or token.tag_ not in {"NNS", "NNPS"} or not token.text[:1].isupper():
            continue
        singular = fold(token.text)[:-1]
        if token.lower_.endswith("s") and singular in adjectives:
            found.append(Mention(token.i, token.i + 1, "descriptor", descriptor=singular))
    return found


def _seat_of(noun: Token, registry: Registry) -> tuple[int, ActorEntry | None]:
    """'regime in Baghdad' -> (end of 'Baghdad', Iraq); otherwise the noun's own end and None."""
    for preposition in noun.rights:
        if preposition.lower_ != "in":
            continue
        for place in preposition.children:
            key = token_parts(place.text)
            ids = registry.by_metonym.get(key) or registry.by_name.get(key)
            state = registry.entries[ids[0]] if ids else None
            if place.dep_ == "pobj" and state is not None and state.kind in STATE_KINDS:
                return place.i + 1, state
    return noun.i + 1, None
