"""Agreement mentions: the noun phrases that name an agreement ("a US-Russian-brokered ceasefire", "the
cessation of hostilities agreement", "a unilateral four-day pause in strikes", "the deal to evacuate the
towns"), each with its kind as far as its own words tell.

Only tokens whose lemma can name an agreement are looked at, so the cost is linear in the document."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from sitroom.components.agreements.context import Context
from sitroom.components.agreements.syntax import lemma, prep_objects
from sitroom.components.agreements.vocabulary import (
    COVERING_VERBS,
    DECLARING_VERBS,
    DURATION_UNITS,
    EXCHANGE_NOUNS,
    EXCLUDING_VERBS,
    FREQUENCY_WORDS,
    HEAD_KINDS,
    HOSTILITY_WORDS,
    MODIFIER_KINDS,
    PAUSE_NOUNS,
    SCOPE_WORDS,
    SETTLEMENT_NOUNS,
    STATE_NOUNS,
    VIOLATION_NOUNS,
    ZONE_NOUNS,
)
from sitroom.knowledge.agreement_kinds import GENERIC_KIND, most_specific

CANDIDATES = frozenset(HEAD_KINDS) | PAUSE_NOUNS | STATE_NOUNS | EXCHANGE_NOUNS | SETTLEMENT_NOUNS | ZONE_NOUNS
CANDIDATES |= {"fire", "cessation", "evacuation"}
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
FUNCTION_WORDS = frozenset(
    {"of", "in", "the", "to", "and", "a", "an", "for", "on", "at", "by", "with", "from", "as", "or", "its", "s"}
)
UNDER_PREPOSITIONS = frozenset({"under", "through", "via"})
LEAVING_VERBS = frozenset({"leave", "move", "evacuate", "withdraw", "exit", "depart", "relocate"})
BROKERING = frozenset({"broker", "agree", "negotiate", "mediate", "sponsor", "reach", "arrange"})
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod", "npadvmod", "poss", "det", "punct"})
HEADLINE_WINDOW = 5
HEADLINE_SHARE = 0.8
MAX_PHRASE = 8  # words before the head noun that can still belong to its phrase
PRONOUN_REACH = 2  # sentences back to the mention a pronoun ("it") can refer to
# Verbs of which "it" can be an agreement: its subject ("since it came into effect", "it does not include")
# or its object ("violating it", "extended it", "monitoring it").
PRONOUN_SUBJECT_VERBS = (
    frozenset(
        {"begin", "start", "hold", "take", "come", "collapse", "end", "expire", "break", "fail", "last", "remain"}
    )
    | EXCLUDING_VERBS
    | COVERING_VERBS
)
PRONOUN_OBJECT_VERBS = frozenset(
    {"violate", "breach", "extend", "renew", "monitor", "observe", "respect", "suspend", "sign", "implement", "abandon"}
)


@dataclass
class Mention:
    """One noun phrase naming an agreement."""

    head: Token
    start: int  # token index of the phrase's first word
    kind: str
    definite: bool
    scope: str | None
    violation: bool  # the phrase is the modifier of "violation(s)" / "breach"
    anaphoric: bool = False  # names an agreement only by referring back ("the pause", "it")

    @property
    def span(self) -> Span:
        return self.head.doc[self.start : self.head.i + 1]

    @property
    def generic(self) -> bool:
        return self.kind == GENERIC_KIND


def phrase_start(head: Token) -> int:
    """The first word of the head noun's phrase (at most ``MAX_PHRASE`` words before it)."""
    return max(head.left_edge.i, head.i - MAX_PHRASE)


def hyphen_word(doc: Doc, index: int) -> tuple[int, str]:
    """The hyphenated word that ends at token ``index`` ("cease-fire", "de-escalation"), lower case."""
    start = index
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start, doc[start : index + 1].text.lower()


def _modifier_words(head: Token) -> list[str]:
    """Lower-case words and hyphenated words left of ``head`` in its phrase, plus its prepositional objects."""
    doc = head.doc
    words: list[str] = []
    for index in range(phrase_start(head), head.i):
        words.append(doc[index].lemma_.lower())
        words.append(hyphen_word(doc, index)[1])
    for _prep, obj in prep_objects(head, frozenset({"of", "on", "for", "over", "in"})):
        words.append(obj.lemma_.lower())
        words += [child.lower_ for child in obj.children if child.dep_ == "compound"]
    return words


def _kind(head: Token, own_kind: str) -> str:
    words = _modifier_words(head)
    kinds = [MODIFIER_KINDS[word] for word in words if word in MODIFIER_KINDS]
    kinds += [HEAD_KINDS[word] for word in words if HEAD_KINDS.get(word, GENERIC_KIND) != GENERIC_KIND]
    if "cessation" in words and "hostility" in words:
        kinds.append("cessation_of_hostilities")
    if any(lemma(child) == "evacuate" for child in head.children if child.dep_ in {"acl", "relcl"}):
        kinds.append("evacuation")
    if _left_under(head):
        kinds.append("evacuation")
    return most_specific([*kinds, own_kind])


def _left_under(head: Token) -> bool:
    """ "rebels left the city under a deal", "moved out of Aleppo through an agreement": an evacuation."""
    prep = head.head
    return head.dep_ == "pobj" and prep.lower_ in UNDER_PREPOSITIONS and lemma(prep.head) in LEAVING_VERBS


def _own_kind(token: Token) -> str | None:
    """The kind ``token`` names when it heads an agreement phrase, else None."""
    word = lemma(token)
    doc = token.doc
    if word == "fire":
        return "ceasefire" if hyphen_word(doc, token.i)[1] == "cease-fire" else None
    if word in HEAD_KINDS:
        return HEAD_KINDS[word]
    words = _modifier_words(token)
    declared = any(lemma(c) in DECLARING_VERBS for c in token.children if c.dep_ in {"acl", "relcl"})
    if word in STATE_NOUNS:
        declared = declared or (token.dep_ in {"dobj", "nsubjpass"} and lemma(token.head) in DECLARING_VERBS)
        return "humanitarian_pause" if declared else None
    if word in PAUSE_NOUNS:
        timed = _duration_text(token) is not None or "humanitarian" in words
        if timed or declared or HOSTILITY_WORDS & set(words) or _refers_back(token):
            return "ceasefire" if word == "freeze" else "humanitarian_pause"
        return None
    if word == "cessation":
        return "cessation_of_hostilities" if "hostility" in words or "hostilities" in words else None
    if word in ZONE_NOUNS:
        return "de_escalation" if "de-escalation" in words else None
    if word in EXCHANGE_NOUNS:
        return _exchange_kind(words)
    if word in SETTLEMENT_NOUNS:
        return "peace_agreement" if {"political", "peace"} & set(words) and not _aimed_at(token) else None
    if word == "evacuation":
        acl = [lemma(child) for child in token.children if child.dep_ in {"acl", "relcl"}]
        return "evacuation" if BROKERING & set(acl) else None
    return None


def _aimed_at(noun: Token) -> bool:
    """ "chances of reaching a political settlement", "efforts to achieve a settlement": an indefinite
    settlement that is the object of a gerund or an infinitive is the aim of a process, not an agreement."""
    verb = noun.head
    if noun.dep_ != "dobj" or _refers_back(noun):
        return False
    auxiliaries = [child.tag_ for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    return (verb.tag_ == "VBG" and not auxiliaries) or (verb.tag_ == "VB" and auxiliaries == ["TO"])


def _refers_back(noun: Token) -> bool:
    """ "the pause", "their pause": a definite noun that can only name an agreement mentioned before."""
    return any(child.dep_ in {"det", "poss"} and child.lower_ not in {"a", "an"} for child in noun.children)


def _exchange_kind(words: list[str]) -> str | None:
    if {"prisoner", "detainee", "hostage", "body", "captive"} & set(words):
        return "prisoner_exchange"
    return "evacuation" if "population" in words else None


def _duration_text(head: Token) -> tuple[int, str] | None:
    """(count, unit letter) of a duration modifier: "week-long", "48-hour", "four-day", "two-year"."""
    doc = head.doc
    tokens = list(doc[phrase_start(head) : head.i])
    for index, token in enumerate(tokens):
        word = token.lemma_.lower()
        unit = DURATION_UNITS.get(word)
        if unit is None:
            continue
        before = tokens[index - 2] if index >= 2 and tokens[index - 1].text == "-" else None
        after = tokens[index + 2] if index + 2 < len(tokens) and tokens[index + 1].text == "-" else None
        if after is not None and after.lower_ == "long":
            return 1, unit
        if before is not None:
            count = _count(before)
            if count is not None:
                return count, unit
    return None


NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip


def _count(token: Token) -> int | None:
    if token.text.isdigit():
        return int(token.text)
    return NUMBER_WORDS.get(token.lower_)


def duration(head: Token) -> str | None:
    """The ISO 8601 duration a phrase states ("week-long ceasefire" → P1W, "48-hour truce" → PT48H)."""
    found = _duration_text(head)
    if found is None:
        return None
    count, unit = found
    return f"PT{count}H" if unit == "H" else f"P{count}{unit}"


def _is_specific_plural(head: Token) -> bool:
    """Plurals name a class of agreements ("local truces"), except zones and counted or timed ones."""
    if lemma(head) in ZONE_NOUNS:
        return True
    if any(child.dep_ == "nummod" for child in head.children):
        return True
    words = {token.lower_ for token in head.doc[phrase_start(head) : head.i]}
    return bool(words & FREQUENCY_WORDS) or _duration_text(head) is not None


def _lost_possessive(head: Token) -> bool:
    """ "the deals shaky implementation": a possessive whose apostrophe the source lost ("the deal's")."""
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    has_article = any(child.dep_ == "det" and child.lower_ == "the" for child in head.children)
    return has_article and following is not None and following.pos_ in {"ADJ", "NOUN"} and following.head is not head


def in_headline(doc: Doc, index: int, unit: Span) -> bool:
    """Is token ``index`` inside title-case text (a headline, a list of related links, a tag line)?"""
    words: list[Token] = []
    for step in (-1, 1):
        position, taken = index + step, 0
        while unit.start <= position < unit.end and taken < HEADLINE_WINDOW:
            token = doc[position]
            if token.is_alpha and token.lower_ not in FUNCTION_WORDS:
                words.append(token)
                taken += 1
            position += step
    if len(words) < 2 * HEADLINE_WINDOW - 2:
        return False
    capitalised = sum(1 for token in words if token.text[:1].isupper())
    return capitalised >= HEADLINE_SHARE * len(words)


def _attached_to_other_noun(token: Token) -> bool | None:
    """None when ``token`` heads its own phrase; True when it modifies a violation noun; False otherwise."""
    if token.dep_ != "compound" or token.head == token:
        return None
    return lemma(token.head) in VIOLATION_NOUNS


def find_mentions(ctx: Context) -> list[Mention]:
    """Every agreement mention of the document, in text order."""
    doc = ctx.doc
    found: list[Mention] = []
    last_unit = -PRONOUN_REACH - 1
    for token in doc:
        if token.lower_ == "it" and ctx.unit_index(token) - last_unit <= PRONOUN_REACH:
            pronoun = _pronoun_mention(token)
            if pronoun is not None:
                found.append(pronoun)
            continue
        if token.lemma_.lower() not in CANDIDATES or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        mention = _mention_at(token, ctx)
        if mention is not None:
            found.append(mention)
            last_unit = ctx.unit_index(token)
    return _outermost(found)


def _pronoun_mention(token: Token) -> Mention | None:
    """ "it" as the subject or object of a verb that agreements take ("since it came into effect")."""
    verb = token.head.lemma_.lower()
    subject = token.dep_ in {"nsubj", "nsubjpass"} and verb in PRONOUN_SUBJECT_VERBS
    if not subject and not (token.dep_ == "dobj" and verb in PRONOUN_OBJECT_VERBS):
        return None
    return Mention(token, token.i, GENERIC_KIND, True, None, False, anaphoric=True)


def _mention_at(token: Token, ctx: Context) -> Mention | None:
    own = _own_kind(token)
    if own is None or token.i in ctx.heading_tokens:
        return None
    attached = _attached_to_other_noun(token)
    if attached is False and _own_kind(token.head) is None:
        return None
    plural = token.tag_ in {"NNS", "NNPS"}
    if plural and not _is_specific_plural(token) and not _lost_possessive(token):
        return None
    if any(child.dep_ == "amod" and child.lower_ in {"great", "good"} for child in token.children):
        return None
    unit = ctx.unit_of(token)
    if in_headline(ctx.doc, token.i, unit):
        return None
    determiners = [child.lower_ for child in token.children if child.dep_ in {"det", "poss"}]
    definite = any(word in DEFINITE or word not in {"a", "an"} for word in determiners) or token.pos_ == "PROPN"
    scope = next((SCOPE_WORDS[w] for w in (c.lower_ for c in token.children) if w in SCOPE_WORDS), None)
    start = max(phrase_start(token), unit.start)
    anaphoric = own == "humanitarian_pause" and lemma(token) in PAUSE_NOUNS and _bare_pause(token)
    return Mention(token, start, _kind(token, own), definite, scope, attached is True, anaphoric)


def _bare_pause(noun: Token) -> bool:
    words = set(_modifier_words(noun))
    return _duration_text(noun) is None and "humanitarian" not in words and not HOSTILITY_WORDS & words


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside another one's phrase ("cessation" in "the cessation of hostilities agreement")."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda item: (item.start, -item.head.i)):
        if kept and kept[-1].start <= mention.head.i <= kept[-1].head.i:
            continue
        if kept and mention.start <= kept[-1].head.i <= mention.head.i:
            kept.pop()
        kept.append(mention)
    return kept
