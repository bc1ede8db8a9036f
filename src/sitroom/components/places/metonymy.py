"""Whether a country's or capital's name acts (an actor: "Damascus said") or names a place.

A state's or capital's name is a place unless it acts in its clause: the subject of a verb of doing or
saying ("Damascus said", "Turkey shot down a jet"), the agent of a passive ("banned by Iran"), the holder of
an agency ("Russia's forces", "US officials", "the government of Iraq", "officers from Iran"), a party to a
relation ("talks between Iran and the US", "relations with Russia", "concern for Iran"), the addressee of
speech ("talk to Tehran"), the object of a
verb aimed at a party ("blamed the United Kingdom") or the target "against" whom something is done.
Subjects of verbs of being, having and undergoing ("Syria has 20 cases", "Turkey lies north of Syria";
but "the US has interests"), passive subjects, and names after "in", "to", "near" stay places. A name
that acts in most of its mentions is an actor throughout the document (see ``component``); a place's acting
mentions are kept as its ``actor_mentions``.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.components.actors.vocabulary import AGENCY_NOUNS, RELATION_NOUNS, SOURCE_NOUNS
from sitroom.knowledge.place_words import GEO_NOUNS
from sitroom.knowledge.valence import word_set

# Verbs whose subject is where something is or happens, not who acts.
STATE_VERBS = word_set(
    """
    be have become remain stay lie sit stand border neighbour neighbor share host contain include see
    experience suffer face undergo record register witness count total number get need lack rank follow top
    make
    """
)
# Verbs whose object is a party, not a place ("blamed the United Kingdom", "urged Iran").
PARTY_OBJECT_VERBS = word_set(
    """
    accuse blame urge warn condemn criticise criticize support back arm sanction invite thank ask call
    pressure persuade convince help aid assist fund finance recognise recognize oppose defeat
    """
)
# Verbs and nouns whose "to X" is an addressee ("talk to Tehran", "a letter to Moscow"), not a destination.
ADDRESS_WORDS = word_set(
    """
    talk speak write say appeal apologise apologize complain propose report submit present promise explain
    letter message appeal request plea offer ultimatum warning
    """
)
HOLDER_DEPS = frozenset({"poss", "compound"})
# Objects of "have" that only a party has ("the US has interests in Iraq", not "Syria has 20 cases").
PARTY_POSSESSIONS = word_set(
    """
    problem problems interest interests plan plans stake role influence concern concerns goal goals ambition
    ambitions program programme programs agenda ally allies enemy enemies
    """
)


def _clause_root(root: Token) -> Token:
    """The token standing for the name (headed by ``root``) in its clause: the first conjunct of a list of
    names."""
    for _ in range(8):
        if root.dep_ != "conj" or root.head.i == root.i:
            break
        root = root.head
    return root


def acts(name_root: Token) -> bool:
    """True when the name headed by ``name_root`` stands for an actor in its clause."""
    root = _clause_root(name_root)
    dep, head = root.dep_, root.head
    lemma = head.lemma_.lower()
    if dep == "nsubj":
        return lemma not in STATE_VERBS or any(
            child.dep_ == "dobj" and child.lemma_.lower() in PARTY_POSSESSIONS for child in head.children
        )
    if dep in HOLDER_DEPS:
        return _is_agency(lemma) or lemma in PARTY_POSSESSIONS
    if dep == "dobj":
        return lemma in PARTY_OBJECT_VERBS
    if dep == "pobj":
        return _party_after(head)
    return False


def _is_agency(lemma: str) -> bool:
    return lemma in AGENCY_NOUNS or lemma in SOURCE_NOUNS


def _party_after(preposition: Token) -> bool:
    """A name after ``preposition`` names a party, not a place."""
    word, governor = preposition.lower_, preposition.head
    lemma = governor.lemma_.lower()
    if word == "by":
        return preposition.dep_ == "agent"
    if word in ("of", "from"):
        return _is_agency(lemma)
    if word == "between":
        return lemma in RELATION_NOUNS
    if word == "with":
        return lemma not in GEO_NOUNS
    if word == "for":
        return governor.pos_ in ("NOUN", "PROPN")
    if word == "to":
        return lemma in ADDRESS_WORDS
    return word == "against"
