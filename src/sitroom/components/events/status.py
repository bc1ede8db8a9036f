"""Event status (occurred, claimed, promised, planned, denied, hypothetical) from auxiliaries, governing
verbs and negation, and who reports the event."""

from __future__ import annotations

from spacy.tokens import Token

from sitroom.components.events.arguments import argument_actors
from sitroom.components.events.context import Context, lemma
from sitroom.components.events.intent import (
    intent_sense,
    refusal_sense,
    reported_future,
)
from sitroom.components.events.triggers import event_verb
from sitroom.components.events.vocabulary import (
    ASPECTUAL_VERBS,
    CONDITIONAL_MARKS,
    DENY_VERBS,
    FUTURE_AUX,
    HEDGED_CUES,
    HYPOTHETICAL_AUX,
    PLAN_VERBS,
    PROMISE_VERBS,
    REPORT_VERBS,
    SUBJECT_DEPS,
)
from sitroom.knowledge.event_lexicon import EventSense
from sitroom.record import Claim, EventStatus


def _modality(verb: Token) -> EventStatus | None:
    """Status from auxiliaries and governing verbs; None for a negated event (no event happened)."""
    negated = any(child.dep_ == "neg" or child.lower_ == "never" for child in verb.children) or (
        verb.dep_ == "pcomp" and verb.head.lower_ == "without"
    )
    return None if negated else mood(verb)


def mood(verb: Token) -> EventStatus:
    """Occurred, planned, promised, hypothetical or denied, from auxiliaries and governing verbs."""
    status: EventStatus = "occurred"
    current = verb
    for _ in range(4):
        auxes = {child.lower_ for child in current.children if child.dep_ in {"aux", "auxpass"}}
        marks = {child.lower_ for child in current.children if child.dep_ == "mark"}
        head_lemma = lemma(current.head)
        if reported_future(current):
            status = "planned"
        elif auxes & HYPOTHETICAL_AUX or marks & CONDITIONAL_MARKS:
            status = "hypothetical"
        elif auxes & FUTURE_AUX or ("to" in auxes and current.dep_ in {"advcl", "acl", "relcl"}):
            status = "planned"
        elif current.dep_ in {"xcomp", "ccomp"} and head_lemma in DENY_VERBS:
            return "denied"
        elif current.dep_ in {"xcomp", "ccomp"} and head_lemma in PROMISE_VERBS:
            status = "promised"
        elif current.dep_ in {"xcomp", "ccomp"} and head_lemma in PLAN_VERBS:
            status = "planned"
        elif _inherits_mood(current):
            current = current.head
            continue
        break
    return status


def _inherits_mood(verb: Token) -> bool:
    """A complement, a reported clause or a subjectless coordinated predicate shares its head's mood."""
    if verb.dep_ == "ccomp":
        return lemma(verb.head) in REPORT_VERBS | ASPECTUAL_VERBS
    return verb.dep_ == "xcomp" or (verb.dep_ == "conj" and not _has_subject(verb))


def _has_subject(verb: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS | {"nsubjpass"} for child in verb.children)


def _covering_claim(trigger: Token, ctx: Context) -> Claim | None:
    covering = ctx.claim_index.covering(trigger.idx)
    return min(covering, key=lambda claim: claim.end - claim.start, default=None)


def _parse_report(trigger: Token, ctx: Context) -> tuple[list[str], bool]:
    """Reporter and hedging from the parse: "X claims that ...", "according to X", "it is reported that"."""
    current = trigger
    while current.head.i != current.i:
        if current.dep_ == "ccomp" and lemma(current.head) in REPORT_VERBS:
            reporter = current.head
            subject = next((c for c in reporter.children if c.dep_ in SUBJECT_DEPS), None)
            hedged = lemma(reporter) in HEDGED_CUES or any(c.dep_ == "nsubjpass" for c in reporter.children)
            return (argument_actors(subject, ctx) if subject is not None else []), hedged
        current = current.head
    chain = {trigger.i} | {ancestor.i for ancestor in trigger.ancestors}
    for token in trigger.sent:
        if token.lower_ == "according" and token.head.i in chain:
            to = next((child for child in token.children if child.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            return (argument_actors(pobj, ctx) if pobj is not None else []), True
    return [], False


def report_status(trigger: Token, status: EventStatus, ctx: Context) -> tuple[EventStatus, list[str]]:
    """Who reports the event (innermost source of the covering claim) and whether it is only claimed."""
    claim = _covering_claim(trigger, ctx)
    if claim is not None:
        hedged = claim.hedged or any(cue in (claim.cue or "").lower() for cue in HEDGED_CUES)
        reporter = claim.source_chain[-1:] if claim.source_chain else []
    else:
        reporter, hedged = _parse_report(trigger, ctx)
    if hedged and status == "occurred":
        status = "claimed"
    return status, reporter


def coded_sense(trigger: Token, sense: EventSense) -> tuple[EventSense, EventStatus] | None:
    """The PLOVER sense and status of a trigger: refusals are REJECT, announced acts AGREE / THREATEN."""
    verb = event_verb(trigger)
    refusal = refusal_sense(trigger, sense)
    if refusal is not None:
        return refusal, mood(trigger)
    status = _modality(trigger) if verb is None or verb.i == trigger.i else mood(verb)
    return None if status is None else (intent_sense(trigger, sense), status)
