"""PLOVER's convention on intentions and refusals for the events layer.

PLOVER (like CAMEO's "express intent to ..." codes 03x and threats 13x, which the CAMEO→PLOVER
table maps to AGREE and THREATEN) codes an announced future action by what announcing it is: a
commitment to a cooperative act ("Finland will give Tanzania a grant") is AGREE, an announced hostile
act ("the farmers would blockade Paris") or any act made conditional with "unless" is THREATEN. A
refused or negated cooperative act ("will not accept refugees", "refused to release") is REJECT.
The intended act's type is kept as the mode when it has no mode of its own; the record's status
keeps planned / promised. An obligation laid on another party in reported speech ("Russia said Sudan
must return the helicopter") is that party being asked to act: REQUEST, by the speaker, of the subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.knowledge.event_lexicon import EventSense

COOPERATIVE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
REPORTED_FUTURE_AUX = frozenset({"would"})
COMMITMENT_HEADS = frozenset(
    {"promise", "pledge", "vow", "swear", "commit", "undertake", "intend", "plan", "prepare", "threaten", "offer"}
)
COMMITMENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "determined", "committed", "set"})
REFUSAL_HEADS = frozenset({"refuse", "decline", "fail"})
SAY_VERBS = frozenset({"say", "announce", "state", "tell", "declare", "add", "insist", "report", "confirm"})
DEMAND_REPORT_VERBS = SAY_VERBS | {"conclude", "warn", "stress", "demand", "urge"}
OBLIGATION_AUX = frozenset({"must"})
FIRST_PERSON = frozenset({"i", "we", "us"})
# Verbs of wanting and asking: an act they want of another party is no event ("X wants Y to attack Z").
WANT_VERBS = frozenset(
    {"want", "wish", "hope", "expect", "like", "prefer", "ask", "urge", "call", "press", "encourage", "invite",
     "request", "persuade"}
)  # fmt: skip
PERSONAL_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they", "you"})


def _auxiliaries(verb: Token) -> set[str]:
    return {child.lower_ for child in verb.children if child.dep_ in {"aux", "auxpass"}}


def is_negated(verb: Token) -> bool:
    """Is ``verb`` negated ("did not", "never")?"""
    return any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children)


def reported_future(verb: Token) -> bool:
    """ "X said they would boycott": "would" under a verb of saying is a future, not a hypothesis."""
    auxes = _auxiliaries(verb)
    marks = {child.lower_ for child in verb.children if child.dep_ == "mark"}
    return bool(
        auxes & REPORTED_FUTURE_AUX
        and not marks & {"if", "unless"}
        and verb.dep_ == "ccomp"
        and verb.head.lemma_.lower() in SAY_VERBS
    )


def is_complement(verb: Token) -> bool:
    """Is ``verb`` its head's complement: a complement clause, or a "to"-infinitive the parser hangs as an
    adverbial clause ("have sworn to fight until ...")?"""
    if verb.dep_ in {"xcomp", "ccomp"}:
        return True
    return verb.dep_ == "advcl" and any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


def _commitment_head(verb: Token) -> Token | None:
    """The verb or adjective that makes ``verb`` a commitment: "pledged to expel", "is willing to withdraw"."""
    if not is_complement(verb):
        return None
    head = verb.head
    if head.lemma_.lower() in COMMITMENT_HEADS or head.lower_ in COMMITMENT_ADJECTIVES:
        return head
    return None


def is_announced(verb: Token) -> bool:
    """Is ``verb`` an announced future act (future auxiliary, reported "would", or a commitment)?"""
    return bool(_auxiliaries(verb) & FUTURE_AUX) or reported_future(verb) or _commitment_head(verb) is not None


def _is_conditional_threat(verb: Token) -> bool:
    """ "will withdraw ... unless ...": an act announced as the price of non-compliance."""
    return any(
        child.dep_ == "advcl" and any(mark.lower_ == "unless" for mark in child.children) for child in verb.children
    )


def _intended(sense: EventSense, event_type: str) -> EventSense:
    mode = sense.mode or sense.type.lower()
    return EventSense(event_type, mode, sense.cameo)  # type: ignore[arg-type]


def intent_sense(verb: Token, sense: EventSense) -> EventSense:
    """The sense coded for an announced act (AGREE / THREATEN), or ``sense`` when it is not one."""
    if verb.pos_ != "VERB" or is_negated(verb) or not is_announced(verb):
        return sense
    head = _commitment_head(verb)
    if (head is not None and head.lemma_.lower() == "threaten") or (
        sense.type in HOSTILE_TYPES or _is_conditional_threat(verb)
    ):
        return _intended(sense, "THREATEN")
    if sense.type in COOPERATIVE_TYPES and sense.type != "AGREE":
        return _intended(sense, "AGREE")
    return sense


def refusal_sense(verb: Token, sense: EventSense) -> EventSense | None:
    """REJECT for a negated or refused cooperative act ("did not accept", "refused to release"), else None."""
    if sense.type not in COOPERATIVE_TYPES or verb.pos_ != "VERB":
        return None
    refused = is_complement(verb) and verb.dep_ != "ccomp" and verb.head.lemma_.lower() in REFUSAL_HEADS
    if is_negated(verb) or refused:
        return EventSense("REJECT", sense.mode or sense.type.lower(), sense.cameo)
    return None


def demand_speaker(verb: Token) -> Token | None:
    """The reporting verb of "X said Y must <verb>" (Y not the speakers themselves), else None."""
    if not _auxiliaries(verb) & OBLIGATION_AUX or verb.dep_ != "ccomp" or is_negated(verb):
        return None
    head = verb.head
    subject = next((child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    if head.lemma_.lower() not in DEMAND_REPORT_VERBS or subject is None or subject.lower_ in FIRST_PERSON:
        return None
    return head


def demand_sense(sense: EventSense) -> EventSense:
    """REQUEST with the demanded act's type as mode (when it has no mode of its own)."""
    return _intended(sense, "REQUEST")


def _verb_is(token: Token, lemmas: frozenset[str]) -> bool:
    """The token's lemma is one of ``lemmas``, also when the model mislemmatises it ("hopes" → "hop")."""
    word = token.lower_
    stems = {word, word.removesuffix("s"), word.removesuffix("d"), word.removesuffix("ed"), word.removesuffix("ing")}
    return token.lemma_.lower() in lemmas or bool(stems & lemmas) or f"{word.removesuffix('ing')}e" in lemmas


def wanted_of_another(verb: Token) -> bool:
    """ "X wants Y to attack Z", "hoped the officers would be arrested", "is asking Y to help Z": an act that
    one party wants or asks of another is reported by no one as done or announced by its doer: no event (the
    asking is a REQUEST when the lexicon codes it; "X wants to attack" is X's own plan and stays)."""
    if verb.pos_ != "VERB" or verb.dep_ not in {"xcomp", "ccomp"} or not _verb_is(verb.head, WANT_VERBS):
        return False
    if verb.dep_ == "xcomp":
        return any(child.dep_ in {"dobj", "obj"} for child in verb.head.children)  # "asking Y to help"
    subject = next((child for child in verb.children if child.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and subject.lower_ not in PERSONAL_PRONOUNS
