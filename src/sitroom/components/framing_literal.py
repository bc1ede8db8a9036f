"""Literal uses of loaded words: the noun a match applies to decides ("an attack on the town" is news,
"an attack on free speech" a metaphor).

A lexicon rule with ``literal_when`` names the noun classes (``knowledge.noun_classes``, plus ``proper``
for a proper name) that make a match literal, among the noun's main classes or, with ``literal_senses:
any``, the classes of any of its senses. The nouns are the object of a match that ends in a
preposition, the noun an adjective qualifies (with the compounds before it: "toxic gas attack") or is
said of, or the subject of a verb (through a relative pronoun to the noun it stands for: "protests
which erupted").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sitroom.knowledge.framing_lexicon import PROPER_NOUN, LexiconEntry
from sitroom.knowledge.noun_classes import classes_of

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})


def subject_of(verb: Token) -> Token | None:
    """A verb's subject; for a relative clause's pronoun, the noun the clause qualifies."""
    subject = next((child for child in verb.children if child.dep_ in SUBJECT_DEPS), None)
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return subject


def qualified_nouns(adjective: Token) -> list[Token]:
    """The noun an attributive adjective qualifies and the compounds between them ("toxic gas attack")."""
    noun = adjective.head
    compounds = [child for child in noun.lefts if child.dep_ == "compound" and child.i > adjective.i]
    return [noun, *compounds]


def anchor_nouns(doc: Doc, start: int, end: int) -> list[Token]:
    """The nouns that the match ``start:end`` applies to; empty when the parse shows none."""
    last = doc[end - 1]
    if last.pos_ == "ADP":
        return [child for child in last.children if child.dep_ == "pobj"][:1]
    root = doc[start:end].root
    while root.dep_ == "conj" and root.head.pos_ == root.pos_:
        root = root.head
    subject = None
    if root.pos_ == "ADJ" and root.dep_ == "amod":
        return qualified_nouns(root)
    if root.pos_ == "ADJ" and root.dep_ == "acomp":
        subject = subject_of(root.head)
    elif root.pos_ == "VERB":
        subject = subject_of(root)
    return [subject] if subject is not None else []


def anchor_classes(noun: Token, every_sense: bool) -> frozenset[str]:
    """The noun's main WordNet classes or those of all its senses; ``proper`` for a proper noun that
    WordNet does not know as a common noun (a place or a group: "Aleppo", "Daesh"; "Christmas" is a time)."""
    classes = classes_of(noun.lemma_.lower())
    if noun.pos_ == "PROPN" and not classes.main:
        return frozenset({PROPER_NOUN})
    return classes.every if every_sense else classes.main


def is_literal_use(doc: Doc, start: int, end: int, entry: LexiconEntry) -> bool:
    """Whether a noun the match applies to has one of the classes that make the entry's match literal."""
    every_sense = entry.literal_senses == "any"
    return any(anchor_classes(noun, every_sense) & entry.literal_when for noun in anchor_nouns(doc, start, end))
