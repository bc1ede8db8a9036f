"""Casualty counts: how many were killed or injured, and who, read from the dependency parse.

A count is a number ("35", "six", "a" before a singular victim), or a quantity noun ACLED codes by a
convention ("dozens" 12, "scores" 20, "hundreds" 100, approximate). It counts casualties when the people it
numbers are the object of a killing verb ("killing six civilians"), the subject of a passive or intransitive
one ("12 soldiers were killed", "six members died"), carry an outcome participle or adjective ("two people
killed", "leaving 27 people dead"), are "among the dead", or are the object of a death or injury noun ("the
killing of one person", "the death toll rose to 70"), or of lives taken ("claiming the lives of eight").
Each casualty keeps the token of its outcome word (its predicate), by which the events layer links it to the
event it results from.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from sitroom.knowledge.collectives import collective_type
from sitroom.knowledge.noun_classes import denotes_people
from sitroom.memo import BoundedMemo
from sitroom.record import Casualty, CasualtyCategory
from sitroom.record import Span as TextSpan

KILLED_WORDS = "kill slay murder massacre execute behead slaughter die killing death dead fatality toll"
INJURED_WORDS = "wound injure hurt maim injury wounded injured"
OUTCOME_WORDS: dict[str, str] = {
    **dict.fromkeys(KILLED_WORDS.split(), "killed"),
    **dict.fromkeys(INJURED_WORDS.split(), "injured"),
}
TOLL_NOUNS = frozenset({"toll"})
LIFE_TAKING_VERBS = frozenset({"claim", "take", "cost"})  # "claiming the lives of eight", "took the lives of"
LIFE_NOUNS = frozenset({"life", "lives"})
APPROXIMATE_NOUNS = {"dozens": 12, "scores": 20, "hundreds": 100}  # ACLED's conventions for vague counts
NUMBER_WORDS: dict[str, int] = {
    word: value
    for value, words in enumerate(
        (
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        )
    )
    for word in (words,)
}  # fmt: skip
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
LOWER_BOUNDS = frozenset({"least", "more", "over", "than", "exceeding"})
APPROXIMATIONS = frozenset({"about", "around", "nearly", "almost", "some", "approximately", "roughly", "up"})
INCLUDED_MARKERS = frozenset({"including", "among", "include", "includes", "included"})
NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
SINGULAR_ARTICLES = frozenset({"a", "an", "one"})
# People named by their part in the fighting (not registry collectives): counted as fighters, never civilians.
COMBATANT_NOUNS = frozenset({"member", "operative", "commander", "attacker", "assailant", "mercenary", "sniper"})
UNKNOWN_PEOPLE = frozenset({"people", "person", "other", "others", "individual", "body", "victim", "casualty"})
# Forms of counts that are not number-like (spaCy's LIKE_NUM covers digits and number words).
_COUNT_WORD_HASHES = frozenset(get_string_id(word) for word in (*SINGULAR_ARTICLES, *APPROXIMATE_NOUNS, *NUMBER_WORDS))
# Word form (orth) → may it be a count: like a number, or a count word.
_COUNT_FORMS: BoundedMemo[int, bool] = BoundedMemo(100_000)
_CANDIDATES_KEY = "sitroom_count_candidates"
_CATEGORIES: dict[str, CasualtyCategory] = {
    "civilians": "civilians", "children": "children", "women": "women", "fighters": "fighters",
    "security_forces": "security_forces", "officials": "security_forces", "unidentified": "unknown",
}  # fmt: skip


@dataclass(frozen=True)
class CasualtyMention:
    """A casualty with the token of its outcome word, which links it to an event."""

    casualty: Casualty
    predicate: Token


def count_value(token: Token) -> tuple[int, bool] | None:
    """(count, approximate) of a number token; None for what is not a count of people."""
    if token.ent_type_ in NOT_COUNTS:
        return None
    lower = token.lower_.replace(",", "")
    if lower in APPROXIMATE_NOUNS:
        return APPROXIMATE_NOUNS[lower], True
    if lower.isdigit():
        value = int(lower)
        return (value, False) if value < 100_000 and not (1900 <= value <= 2100 and len(lower) == 4) else None
    if lower in NUMBER_WORDS:
        return NUMBER_WORDS[lower], False
    return None


def noun_lemma(noun: Token) -> str:
    """A noun's lower-case lemma, singular also for title-case plurals the model takes for names ("Terrorists",
    "Militants" in a headline)."""
    lemma = noun.lemma_.lower()
    if noun.tag_ in {"NNP", "NNPS"} and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-3] + "y" if lemma.endswith("ies") else lemma[:-1]
    return lemma


def _people(noun: Token | None) -> bool:
    if noun is None:
        return True
    lemma = noun_lemma(noun)
    return lemma in UNKNOWN_PEOPLE or collective_type(lemma) is not None or denotes_people(lemma)


def category_of(noun: Token | None) -> CasualtyCategory:
    """The victims' category from the counted noun ("civilians", "children", "soldiers"); unknown otherwise."""
    if noun is None or noun_lemma(noun) in UNKNOWN_PEOPLE:
        return "unknown"
    if noun_lemma(noun) in COMBATANT_NOUNS:
        return "fighters"
    kind = collective_type(noun_lemma(noun))
    if kind is None:
        return "unknown"
    return _CATEGORIES.get(kind, "civilians")


def _outcome(word: Token) -> str | None:
    return OUTCOME_WORDS.get(word.lemma_.lower()) or OUTCOME_WORDS.get(word.lower_) or _life_taking(word)


def _life_taking(verb: Token) -> str | None:
    """ "killed" for a verb that takes lives: "claiming the lives of eight", "took the lives of six", or a bare
    count coordinated with an injury ("claiming eight and injuring 14")."""
    if verb.lemma_.lower() not in LIFE_TAKING_VERBS:
        return None
    objects = [child for child in verb.children if child.dep_ == "dobj"]
    if any(noun.lemma_.lower() in LIFE_NOUNS for noun in objects):
        return "killed"
    bare_count = any(count_value(noun) is not None and noun.pos_ == "NUM" for noun in objects)
    injures = any(
        child.dep_ == "conj" and OUTCOME_WORDS.get(child.lemma_.lower()) == "injured" for child in verb.children
    )
    return "killed" if bare_count and injures else None


def _own_object(participle: Token) -> bool:
    """A participle with an object of its own tells another count: "killed 12 people injured 40" is two
    clauses run together (the injured are the 40, not the 12)."""
    return any(child.dep_ == "dobj" for child in participle.children)


def _predicate(phrase: Token) -> Token | None:
    """The outcome word that says what happened to the people ``phrase`` counts."""
    for child in phrase.children:  # "two people killed", "27 people dead", "Six Killed"
        if child.dep_ in {"acl", "amod", "oprd", "acomp", "relcl"} and _outcome(child) and not _own_object(child):
            return child
    for sibling in phrase.head.children:  # "leaving 27 people dead"
        if sibling.dep_ in {"oprd", "acomp", "xcomp"} and sibling.i > phrase.i and _outcome(sibling):
            return sibling
    head = phrase.head
    if phrase.dep_ == "pobj" and head.lower_ in INCLUDED_MARKERS and head.lower_ != "among":
        return _predicate(head.head)  # "killed 12 civilians, including three children"
    if phrase.dep_ == "nsubj":
        total = _among(head)  # "ten children were among the 48 killed", "among the dead"
        if total is not None:
            return total if _outcome(total) else _predicate(total)
    if phrase.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "conj", "appos"} and _outcome(head):
        return head  # "killing six civilians", "12 soldiers were killed", "six members died"
    if phrase.dep_ == "pobj" and head.lower_ == "of" and _outcome(head.head):
        return head.head  # "the killing of one person"
    if phrase.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in LIFE_NOUNS:
        return head.head.head if _outcome(head.head.head) else None  # "claiming the lives of eight persons"
    if phrase.dep_ == "pobj" and head.lower_ in {"to", "at"} and _toll_predicate(head.head) is not None:
        return _toll_predicate(head.head)  # "the death toll rose to 70"
    if phrase.dep_ == "attr" and _toll_predicate(head) is not None:
        return _toll_predicate(head)  # "the toll was 70"
    return None


def _among(verb: Token) -> Token | None:
    """The object of "among" on a clause ("were among the dead"): the larger group."""
    among = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"), None)
    return next((c for c in among.children if c.dep_ == "pobj"), None) if among is not None else None


def _toll_predicate(verb: Token) -> Token | None:
    """The "toll" subject of a verb or copula ("the death toll rose", "the toll was")."""
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in TOLL_NOUNS), None)


def _counted(token: Token) -> tuple[Token | None, Token]:
    """The noun a count numbers (None for a bare count) and the phrase head whose relation tells its role."""
    if token.dep_ in {"nummod", "quantmod"} or (token.dep_ == "det" and token.lower_ in SINGULAR_ARTICLES):
        return token.head, token.head
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if token.lower_ in APPROXIMATE_NOUNS:  # "dozens of people", "dozens others"
        return noun, token
    if noun is not None and noun.pos_ in {"NOUN", "PROPN"} and _people(noun):
        return noun, token  # "22 of the jihadists": the part has the category of the whole
    return None, token


def _bounds(token: Token) -> tuple[bool, bool]:
    """(min, approximate) from the count's modifiers: "at least", "more than", "about"."""
    words = {child.lower_ for child in token.children if child.dep_ in {"advmod", "quantmod", "amod", "prep"}}
    return bool(words & LOWER_BOUNDS), bool(words & APPROXIMATIONS)


def _included(phrase: Token) -> bool:
    """Part of another count: "including three children", "ten children were among the 48 killed"."""
    while phrase.dep_ == "conj" and phrase.head.i != phrase.i:
        phrase = phrase.head
    if phrase.dep_ == "pobj" and phrase.head.lower_ in INCLUDED_MARKERS and phrase.head.lower_ != "among":
        return True
    return phrase.dep_ == "nsubj" and _among(phrase.head) is not None


def _evidence(tokens: list[Token]) -> TextSpan:
    """The text from the first to the last of the tokens (read from the span, not ``doc.text``, which joins
    every token of the document)."""
    first, last = min(tokens, key=lambda token: token.i), max(tokens, key=lambda token: token.i)
    span = first.doc[first.i : last.i + 1]
    return TextSpan(text=span.text, start=span.start_char, end=span.end_char)


def _may_count(doc: Doc) -> list[int]:
    """Indices of the document's tokens that may be counts (number-like, or a count word or article), read once
    per Doc from its word forms: a count's first test, without a Token made for every word of every sentence."""
    cached = doc.user_data.get(_CANDIDATES_KEY)
    if cached is None or cached[0] != len(doc):
        vocab, orths = doc.vocab, doc.to_array(ORTH).tolist() if len(doc) else []
        forms = {orth: _COUNT_FORMS.get(orth) for orth in set(orths)}
        for orth in (orth for orth, known in forms.items() if known is None):
            lexeme = vocab[orth]
            forms[orth] = _COUNT_FORMS.remember(orth, lexeme.like_num or lexeme.lower in _COUNT_WORD_HASHES)
        cached = (len(doc), [index for index, orth in enumerate(orths) if forms[orth]])
        doc.user_data[_CANDIDATES_KEY] = cached
    return cached[1]


def find_casualties(sentence: Span) -> list[CasualtyMention]:
    """The casualty counts stated in one sentence, with their outcome words."""
    found: list[CasualtyMention] = []
    doc, candidates = sentence.doc, _may_count(sentence.doc)
    for index in candidates[bisect_left(candidates, sentence.start) : bisect_left(candidates, sentence.end)]:
        token = doc[index]  # a cheap first test passed: a count (or an article) may have this word form
        value = count_value(token)
        singular = token.lower_ in SINGULAR_ARTICLES and token.dep_ == "det" and token.head.tag_ == "NN"
        if value is None and not singular:
            continue
        count, approximate = value if value is not None else (1, False)
        noun, phrase = _counted(token)
        if singular and (noun is None or noun_lemma(noun) in UNKNOWN_PEOPLE or not _people(noun)):
            continue
        if not _people(noun):
            continue
        predicate = _predicate(phrase) or (_predicate(phrase.head) if phrase.dep_ == "conj" else None)
        outcome = _outcome(predicate) if predicate is not None else None
        if predicate is None or outcome is None:
            continue
        minimum, rough = _bounds(token)
        modifiers = [token.doc[index] for index in range(token.left_edge.i, token.i)]
        casualty = Casualty(
            outcome="killed" if outcome == "killed" else "injured",
            count=count,
            min=minimum,
            approximate=approximate or rough,
            category=category_of(noun),
            included=_included(phrase),
            evidence=_evidence([token, *modifiers, *([noun] if noun is not None else [])]),
        )
        found.append(CasualtyMention(casualty, predicate))
    return found


def fatalities(casualties: list[Casualty], sentences: list[Span]) -> int | None:
    """The highest toll any one sentence states for an event (None when none states a count of dead)."""
    tolls = [
        stated_fatalities([c for c in casualties if sentence.start_char <= c.evidence.start < sentence.end_char])
        for sentence in sentences
    ]
    stated = [toll for toll in tolls if toll is not None]
    return max(stated) if stated else None


def stated_fatalities(casualties: list[Casualty]) -> int | None:
    """Killed as one statement gives it: the counts that are not part of another, summed, or the parts when
    they add up to more ("ten children were among the dead"); None when no count of dead is stated."""
    killed = [casualty for casualty in casualties if casualty.outcome == "killed"]
    if not killed:
        return None
    whole = sum(casualty.count for casualty in killed if not casualty.included)
    return max(whole, sum(casualty.count for casualty in killed if casualty.included))
