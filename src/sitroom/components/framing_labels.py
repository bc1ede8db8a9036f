"""Labels of people that the parse and the punctuation reveal, beyond the lexicon's word lists.

Two rules complement ``framing.yaml`` and the valence rules:

- ``ideological-person`` (Name_Calling,Labeling): a person or group noun sorted by a polemical political
  label ("leftist journalists", "a Marxist professor"), as the label with the rest of the noun phrase up
  to its head.
- ``quoted-label`` (Name_Calling,Labeling): a short nominal in quotation marks that is a label of a person:
  it names a person or group (“conspiracy theorists”), qualifies one (a “leftist” pope, “Rottweiler”
  Ratzinger), or follows a verb of naming or "as" (called him a “nomad”, known as a “progressive”).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from sitroom.components.framing_valence import RuleMatch, is_person_noun, person_rule
from sitroom.knowledge.valence import word_set

OPENING_QUOTES = frozenset({'"', "\u201c", "\u2018"})
CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019"})
QUOTED_MAX_WORDS = 4
NAMING_REACH = 3
NAMING_VERBS = frozenset({"call", "dub", "brand", "label", "nickname", "term", "name", "describe", "denounce", "refer"})
# Verbs that name through "as": "known as", "portrayed as", "dismissed as".
AS_VERBS = NAMING_VERBS | {"know", "regard", "see", "view", "portray", "depict", "paint", "dismiss", "cast"}
NOMINAL_TAGS = frozenset({"NOUN", "PROPN", "ADJ"})
CLAUSE_TAGS = frozenset({"VERB", "AUX", "PRON", "DET"})
ATTACHING_DEPS = frozenset({"amod", "compound", "appos"})
# Polemical political labels. Words that news copy uses as plain descriptions of armed groups, parties
# and governments ("Islamist fighters", "militant group", "extremist group", "conservative voters",
# "nationalist party", "authoritarian government") are left out: in conflict reporting they describe.
IDEOLOGICAL: frozenset[str] = word_set(
    """
    leftist rightist far-left far-right hard-left hard-right ultra-left ultra-right ultra-liberal
    arch-conservative neoconservative neo-conservative reactionary marxist leninist stalinist maoist
    trotskyist bolshevik anarchist fascist neo-fascist globalist elitist ultranationalist ultra-nationalist
    supremacist imperialist colonialist
    """
)

IDEOLOGICAL_PERSON = person_rule(
    "ideological-person",
    "A person or group noun sorted by a polemical political label.",
)
QUOTED_LABEL = person_rule(
    "quoted-label",
    "A short quoted nominal naming, qualifying or applied to a person.",
)


def is_person_word(token: Token) -> bool:
    """A common noun denoting people, including labels ending in -ist ("leftists")."""
    return is_person_noun(token) or (token.pos_ == "NOUN" and token.lower_.endswith(("ist", "ists")))


def ideological_persons(doc: Doc) -> Iterator[RuleMatch]:
    """A polemical political label before a person noun, through the noun."""
    for token in doc:
        head = token.head
        sorts = token.lower_ in IDEOLOGICAL and token.dep_ in {"amod", "compound"} and token.i < head.i
        if sorts and is_person_word(head):
            left = min([token.i] + [child.left_edge.i for child in head.lefts if child.dep_ == "amod"])
            yield IDEOLOGICAL_PERSON, left, head.i + 1


def quoted_phrase(doc: Doc, opening: Token) -> Span | None:
    """The words between an opening quotation mark and the closing one, when they are a short nominal."""
    for end in range(opening.i + 2, min(opening.i + QUOTED_MAX_WORDS + 2, len(doc))):
        if doc[end].text in CLOSING_QUOTES:
            inner = doc[opening.i + 1 : end]
            nominal = inner.root.pos_ in NOMINAL_TAGS and not any(token.like_num for token in inner)
            return inner if nominal and not any(token.pos_ in CLAUSE_TAGS for token in inner[1:]) else None
        if doc[end].is_punct and doc[end].text != "-":
            return None
    return None


def applies_to_person(inner: Span) -> bool:
    """The quoted words name people, or qualify or stand beside a person or a name outside the quotes."""
    root = inner.root
    outside = not inner.start <= root.head.i < inner.end
    qualifies = root.dep_ in ATTACHING_DEPS and (is_person_noun(root.head) or root.head.pos_ == "PROPN")
    return is_person_word(root) or (outside and qualifies)


def names_a_person(verb: Token) -> bool:
    """A verb of naming whose object (or passive subject) is a person: "called him", "X was dubbed"."""
    if any(child.dep_ == "prep" and child.lower_ == "for" for child in verb.children):
        return False  # "called for a congress" asks for something
    named = [child for child in verb.children if child.dep_ in ("dobj", "nsubjpass", "oprd")]
    personal = ("PROPN", "PRON")
    return any(
        (token.pos_ in personal and token.lower_ not in ("it", "this", "that")) or is_person_noun(token)
        for token in named
    )


def follows_naming(doc: Doc, start: int) -> bool:
    """A verb of naming a person, or "as" after one, stands just before the opening quotation mark."""
    for token in doc[max(0, start - NAMING_REACH) : start]:
        verb, verbs = (token.head, AS_VERBS) if token.lower_ == "as" else (token, NAMING_VERBS)
        if verb.lemma_.lower() in verbs and names_a_person(verb):
            return True
    return False


def quoted_labels(doc: Doc) -> Iterator[RuleMatch]:
    """Quoted short nominals applied to people, with their quotation marks."""
    for token in doc:
        if token.text not in OPENING_QUOTES:
            continue
        inner = quoted_phrase(doc, token)
        if inner is not None and (applies_to_person(inner) or follows_naming(doc, token.i)):
            yield QUOTED_LABEL, token.i, inner.end + 1


def label_matches(doc: Doc) -> Iterator[RuleMatch]:
    """Every match of the two label rules."""
    yield from ideological_persons(doc)
    yield from quoted_labels(doc)
