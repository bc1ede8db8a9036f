"""Valence-driven framing cues that no word list enumerates, found with VADER valence and the parse.

Three rules complement the lexicon of ``framing.yaml``:

- ``charged-modifier`` (Loaded_Language): an adjective or adverb that VADER rates as strongly charged
  ("a disgusting display"), unless it is ordinary descriptive vocabulary (``valence.DESCRIPTIVE``).
- ``charged-person`` (Name_Calling,Labeling): a person or group noun qualified by an evaluative adjective
  ("these noble and courageous individuals", "a depraved man"), as its whole noun phrase.
- ``substantive-adjective`` (Name_Calling,Labeling): an evaluative adjective used as a noun for a group
  of people ("the wicked", "the righteous").

An adjective is evaluative when the lexicon lists it as loaded or VADER rates it at least
``LABEL_CHARGE``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sitroom.knowledge.framing_lexicon import FramingLexicon, LexiconEntry, SpanMode
from sitroom.knowledge.noun_classes import denotes_people
from sitroom.knowledge.valence import charge, word_set
from sitroom.record import Technique

MODIFIER_CHARGE = 2.5
LABEL_CHARGE = 2.0
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "conj", "appos"})
NOUN_PHRASE_DEPS = frozenset({"det", "amod", "compound", "poss", "advmod", "nmod", "nummod", "cc", "conj"})
PERSON_SUFFIXES = ("ist", "ite", "crat", "phile", "phobe", "monger")
PERSON_NOUNS: frozenset[str] = word_set(
    """
    person people man woman individual character figure guy boy girl kid child son daughter father mother
    brother sister family crowd mob gang group party movement lobby faction sect clique elite establishment
    leader leadership ruler king queen prince emperor president minister official politician lawmaker
    senator congressman congresswoman governor mayor bureaucrat diplomat administration government regime
    media press journalist reporter columnist pundit commentator writer author editor blogger host
    activist protester supporter follower member fan ally enemy foe opponent rival critic agent operative
    spy judge lawyer attorney prosecutor cop officer police soldier fighter militia army troop commander
    general priest bishop cardinal pope cleric clergy imam mullah ayatollah rabbi preacher pastor monk nun
    student professor academic scholar scientist expert doctor teacher citizen immigrant migrant refugee
    alien invader settler worker boss owner billionaire millionaire banker businessman investor donor
    celebrity actor star user voter husband wife stepfather stepmother uncle aunt cousin grandson nephew
    predecessor successor boss chief manager employee staffer aide adviser advisor spokesman spokeswoman
    personality presenter anchor host theologian prelate archbishop apostle disciple acolyte devotee
    believer worshipper follower sympathizer sympathiser collaborator accomplice henchman partner friend
    participant consumer owner buyer seller dealer trader neighbour neighbor resident native foreigner
    outsider stranger visitor tourist traveller traveler homosexual heterosexual intellectual
    intelligentsia crowd lot folk folks audience public
    """
)


def code_rule(label: str, technique: Technique, span: SpanMode, note: str, category: str = "valence") -> LexiconEntry:
    """A targeted, repeatable rule that lives in code: no term list or pattern defines it."""
    return LexiconEntry(
        label=label,
        technique=technique,
        category=category,
        terms=(),
        patterns=(),
        pos=frozenset(),
        span=span,
        targeted=True,
        repeatable=True,
        note=note,
    )


def person_rule(label: str, note: str) -> LexiconEntry:
    """A code rule labelling people (Name_Calling,Labeling) over exactly its match."""
    return code_rule(label, "Name_Calling,Labeling", "match", note, category="label")


LOADED_MODIFIER = code_rule(
    "charged-modifier",
    "Loaded_Language",
    "phrase",
    "An adjective or adverb that VADER rates as strongly charged.",
)
PERSON_LABEL = code_rule(
    "charged-person",
    "Name_Calling,Labeling",
    "match",
    "A person or group noun phrase qualified by an evaluative adjective.",
)
SUBSTANTIVE_LABEL = code_rule(
    "substantive-adjective",
    "Name_Calling,Labeling",
    "match",
    'An evaluative adjective used as a noun for people ("the wicked").',
)

RuleMatch = tuple[LexiconEntry, int, int]


def loaded_words(lexicon: FramingLexicon) -> frozenset[str]:
    """Single words of the lexicon's Loaded_Language rules (the hand-picked evaluative vocabulary)."""
    return frozenset(
        term
        for entry in lexicon.entries
        if entry.technique == "Loaded_Language"
        for term in entry.terms
        if " " not in term
    )


def is_person_noun(token: Token) -> bool:
    """A common noun that denotes a person or a group of people: listed here, a person noun of WordNet, or
    ending in a suffix of people."""
    if token.pos_ != "NOUN":
        return False
    lemma = token.lemma_.lower()
    return lemma in PERSON_NOUNS or denotes_people(lemma) or lemma.endswith(PERSON_SUFFIXES)


def noun_phrase_left(head: Token) -> int:
    """First token of the head's noun phrase: its determiner, possessor, adjectives and compounds."""
    return min([head.i] + [child.left_edge.i for child in head.lefts if child.dep_ in NOUN_PHRASE_DEPS])


@dataclass(frozen=True)
class ValenceRules:
    """The valence-driven rules over one valence lexicon and one set of evaluative words."""

    valence: Mapping[str, float]
    evaluative: frozenset[str]

    def is_evaluative(self, token: Token) -> bool:
        """An adjective listed as loaded or rated at least ``LABEL_CHARGE``."""
        word = token.lower_
        return token.pos_ == "ADJ" and (word in self.evaluative or charge(word, self.valence) >= LABEL_CHARGE)

    def matches(self, doc: Doc) -> Iterator[RuleMatch]:
        """Every match of the three rules, as (rule, first token, end token)."""
        yield from self.charged_modifiers(doc)
        yield from self.person_labels(doc)
        yield from self.substantive_labels(doc)

    def charged_modifiers(self, doc: Doc) -> Iterator[RuleMatch]:
        """Adjectives and adverbs rated at least ``MODIFIER_CHARGE``, except the lexicon's own words, which
        its rules govern (with their literal exceptions)."""
        for token in doc:
            word = token.lower_
            if word in self.evaluative:
                continue
            if token.pos_ in {"ADJ", "ADV"} and charge(word, self.valence) >= MODIFIER_CHARGE:
                yield LOADED_MODIFIER, token.i, token.i + 1

    def person_labels(self, doc: Doc) -> Iterator[RuleMatch]:
        """Noun phrases of a person noun with an evaluative adjective before it."""
        heads = {
            token.head.i
            for token in doc
            if token.dep_ == "amod"
            and token.i < token.head.i
            and is_person_noun(token.head)
            and self.is_evaluative(token)
        }
        for head in sorted(heads):
            yield PERSON_LABEL, noun_phrase_left(doc[head]), head + 1

    def substantive_labels(self, doc: Doc) -> Iterator[RuleMatch]:
        """The determiner "the" and an evaluative adjective standing as a noun phrase of its own."""
        for token in doc[1:]:
            following = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                doc[token.i - 1].lower_ == "the"
                and token.dep_ in NOMINAL_DEPS
                and self.is_evaluative(token)
                and (following is None or following.pos_ not in {"NOUN", "PROPN", "ADJ"})
            ):
                yield SUBSTANTIVE_LABEL, token.i - 1, token.i + 1
