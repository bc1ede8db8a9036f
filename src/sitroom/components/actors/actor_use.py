"""Whether a state or capital name, or a plural demonym, stands for an actor rather than a place."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom.components.actors.vocabulary import (
    AGENCY_NOUNS,
    FROM_GOVERNORS,
    GEO_VERBS,
    GOVERNMENT_HEADS,
    ON_GOVERNORS,
    RELATION_NOUNS,
    SOURCE_NOUNS,
    SUPPORT_NOUNS,
    TARGET_WORDS,
    TO_GOVERNORS,
)
from sitroom.knowledge.place_words import GEO_NOUNS


def is_actor_use(span: Span) -> bool:
    """True when a state or capital name is used for an actor ("Washington claims") not a place."""
    root = span.root
    while root.dep_ == "conj" and root.head.ent_type_ in {"GPE", "NORP", "ORG"}:
        root = root.head
    if root.dep_ == "conj":
        return False
    dep = root.dep_
    if dep in {"nsubj", "nsubjpass", "poss", "agent", "dative"}:  # "give Ghana a loan": the recipient
        return True
    if dep == "dobj":
        return root.head.lemma_ not in GEO_VERBS
    if dep == "compound":
        return root.head.lemma_.lower() in AGENCY_NOUNS | SOURCE_NOUNS | GOVERNMENT_HEADS  # "a US offer"
    if dep == "pobj":
        return _actor_after_preposition(root.head)
    return False


def _actor_after_preposition(preposition: Token) -> bool:
    word = preposition.lower_
    governor = preposition.head
    lemma = governor.lemma_.lower()
    if word in TARGET_WORDS:
        return True
    if word == "between":
        return lemma in RELATION_NOUNS
    if word == "with":
        return lemma not in GEO_NOUNS
    if word == "from":  # "a statement from Moscow", "buy arms from Moscow"; but "reported from Damascus"
        source_noun = governor.pos_ in {"NOUN", "PROPN"} and lemma in SOURCE_NOUNS
        return source_noun or lemma in FROM_GOVERNORS
    if word == "of":
        return lemma in AGENCY_NOUNS
    if word == "to":
        return lemma in SUPPORT_NOUNS | TO_GOVERNORS or _governing_verb(preposition) in TO_GOVERNORS
    if word == "on":
        return lemma in ON_GOVERNORS
    return False


def _governing_verb(preposition: Token) -> str:
    """'supply arms to Israel' parsed with 'to' under 'arms': the verb above the preposition's noun."""
    governor = preposition.head
    if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in {"dobj", "nsubjpass"}:
        return governor.head.lemma_.lower()
    return governor.lemma_.lower()


def is_plural_actor(span: Span) -> bool:
    """'The Americans are starting': a demonym plural noun with the definite article, as a participant."""
    root = span.root
    if root.tag_ not in {"NNPS", "NNS"} and not root.text.endswith("s"):
        return False
    has_article = span.start > 0 and span.doc[span.start - 1].lower_ == "the"
    return has_article and root.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "conj"}
