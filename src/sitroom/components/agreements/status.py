"""The stages a text reports for an agreement, from the words around each of its mentions.

A stage is cued by the verb of which the mention is subject or object ("the truce broke down", "agreed a
truce"), by a clause on the mention ("a ceasefire brokered in February", "which is currently holding"),
by a noun or preposition that governs it ("in violation of a cease-fire", "the end of the freeze",
"despite the deal", "under a deal", "left through a deal") or by an adjective ("an ongoing ceasefire").
Negated, conditional and future cues are read as such: "did not commit to the deal" is a violation,
"unless they agreed to a deal" a proposal, "a ceasefire would begin Monday" an agreement that starts on
Monday, "will end" nothing yet.
Each stage has the date of its clause (else none: the document's date stands), who acted, and, for a
violation, the events of the same sentence that break it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from sitroom.components.agreements.context import Context
from sitroom.components.agreements.detection import Mention
from sitroom.components.agreements.fillers import Fillers
from sitroom.components.agreements.syntax import (
    ACTIVE_SUBJECT_DEPS,
    FOLLOWING_REACH,
    MAX_CLIMB,
    SUBJECT_DEPS,
    agents,
    attached_clauses,
    demoted_predicate,
    governing_word,
    has_future_modal,
    is_conditional,
    is_negated,
    is_passive,
    is_verb,
    lemma,
    subjects,
)
from sitroom.components.agreements.vocabulary import (
    ATTACHABLE_VERBS,
    CONDITIONAL_MARKS,
    END_REASONS,
    FOR_CUES,
    FUTURE_AUX,
    IN_FORCE_OBJECTS,
    INTENT_VERBS,
    LEAVING_VERBS,
    NEGATED_VIOLATION,
    PART_NOUNS,
    PHRASAL_STATUS,
    STATE_PHRASES,
    STATE_VERBS,
    STATUS_CUES,
    TRYING_WORDS,
)
from sitroom.record import AgreementStatus, EndReason, Event

SUBJECT_OR_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
IDIOM_OBJECTS = frozenset({("shake", "hands")})  # a verb whose object makes it no cue
PORTRAYING_VERBS = frozenset({"present"})  # with "as", what it is called, not a proposal
ONSET_VERBS = frozenset({"take", "come", "go"})  # "took effect", "went into force": only with such an object
FORCE_EVENT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "THREATEN"})
AGREEING = frozenset({"agreed", "proposed"})
# "a ceasefire would begin Monday" is agreed; "will end", "will be extended" report nothing yet.
FUTURE_READING: dict[AgreementStatus, AgreementStatus] = {
    "in_force": "agreed",
    "agreed": "agreed",
    "proposed": "proposed",
}
# Prepositions through which a verb speaks of the agreement ("agreed to", "called for", "covered by"); after
# "after", "since" or "during" the verb is about something else ("resumed bombing after a pause").
VERB_PREPOSITIONS = frozenset({"to", "for", "on", "upon", "with", "by", "into", "under", "in"})
# Stages said of an agreement even when the parser hangs the clause on a nearby noun ("a truce in Qamishli,
# which was extended on Friday").
STAGE_VERBS = frozenset({"extend", "renew", "violate", "breach", "suspend", "collapse"})
# Subordinators the parser may read as prepositions with the next clause's subject as their object.
SUBORDINATORS = frozenset({"after", "before", "since", "until"})
SCOPE_VERBS = frozenset({"cover", "include", "exclude"})  # "the deal covers X" says what, not at which stage


@dataclass
class StatusHit:
    """One reported stage of an agreement."""

    status: AgreementStatus
    cue: Token
    date: str | None = None
    start_date: str | None = None
    actors: list[str] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    end_reason: EndReason | None = None
    starts: bool = False  # "would begin Monday": the clause's date is the day it starts, not of the report

    @property
    def evidence(self) -> tuple[int, int]:
        """Characters of the cue's clause."""
        anchor = self.cue if is_verb(self.cue) or self.cue.dep_ in {"ROOT"} else self.cue.head
        return anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)


def mention_statuses(mention: Mention, ctx: Context, fillers: Fillers) -> list[StatusHit]:
    """Every stage the words around ``mention`` report."""
    hits = list(_modifier_hits(mention)) + list(_clause_hits(mention.head)) + list(_governor_hits(mention.head))
    for hit in hits:
        _complete(hit, mention, ctx, fillers)
    return hits


# ---------------------------------------------------------------------------------------- cues
def _modifier_hits(mention: Mention) -> Iterator[StatusHit]:
    head = mention.head
    if mention.violation:
        yield StatusHit("violated", head.head)
    declared = head.dep_ == "dobj" and lemma(head.head) in {"declare", "announce"}
    if declared and any(child.lower_ == "over" for child in head.children):
        yield StatusHit("collapsed", head.head)  # "declared the ceasefire over", "over" hung on the noun
    for child in head.children:
        status = STATUS_CUES.get(child.lower_) if child.dep_ == "amod" else None
        if status is not None:
            yield StatusHit(status, child)
        in_force = any(obj.lower_ in IN_FORCE_OBJECTS for obj in child.children if obj.dep_ == "pobj")
        if child.dep_ == "prep" and child.lower_ == "in" and in_force:
            yield StatusHit("in_force", child)


def _clause_hits(head: Token) -> Iterator[StatusHit]:
    """Clauses on the mention: "brokered in February", "which is currently holding", "that began on 12 May"."""
    for clause in attached_clauses(head, ATTACHABLE_VERBS | STAGE_VERBS):
        yield from _verb_hits(clause)


def _governor_hits(head: Token) -> Iterator[StatusHit]:
    """The noun, preposition or verb that governs the mention, climbing through "phase of", "part of"."""
    current = head
    for _ in range(MAX_CLIMB):
        word, prep = governing_word(current)
        if word is None:
            return
        if prep is not None:
            yield from _prepositional_hits(word, prep)
            return
        if current.dep_ == "conj":
            current = word
            continue
        if current.dep_ == "poss" or not is_verb(word):
            if current.dep_ in {"poss", "compound"} or word.pos_ in {"NOUN", "PROPN"}:
                yield from _noun_hits(word)
            return
        if current.dep_ in SUBJECT_OR_OBJECT and not (current.dep_ == "nsubj" and lemma(word) in SCOPE_VERBS):
            yield from _concessive(word)
            yield from _verb_hits(word)
            if current.dep_ == "nsubj" and (predicate := demoted_predicate(word)) is not None:
                yield from _verb_hits(predicate)  # "the truce agreed by A and B | collapsed"
        return


def _prepositional_hits(word: Token, prep: Token) -> Iterator[StatusHit]:
    clause = _clause_after(prep) if prep.lower_ in SUBORDINATORS else None
    if clause is not None:
        yield from _verb_hits(clause)  # "after talks and the truce broke down": "after" read as a preposition
        return
    if _noun_tagged_verb(word, prep):
        yield from _noun_hits(word)
        return
    leaver = _leaving_verb(word, prep)
    if leaver is not None:
        read = _read(leaver, "collapsed")
        if read is not None:
            yield StatusHit(read, leaver)  # "the army pulled out of the ceasefire"
        return
    if is_verb(word):
        yield from _concessive(word)
    if is_verb(word) and prep.lower_ in VERB_PREPOSITIONS and _verb_status(word) is not None:
        yield from _verb_hits(word)
        return
    status = STATUS_CUES.get(prep.lower_)
    if status is not None:
        yield StatusHit(status, word if is_verb(word) else prep)
        return
    if not is_verb(word):
        yield from _noun_hits(word)


def _leaving_verb(word: Token, prep: Token) -> Token | None:
    """The verb of leaving the agreement is the object of: "withdrew from the deal", "pulled out of it"."""
    if prep.lower_ == "from" and is_verb(word) and lemma(word) in LEAVING_VERBS:
        return word
    if prep.lower_ == "of" and word.lower_ == "out" and is_verb(word.head) and lemma(word.head) in LEAVING_VERBS:
        return word.head
    return None


def _noun_tagged_verb(word: Token, prep: Token) -> bool:
    """A noun the tagger read as a verb, as "outlines" in "outlines of a deal will be presented": a subject or
    object with an "of" phrase."""
    return is_verb(word) and prep.lower_ == "of" and word.dep_ in NOMINAL_DEPS


def _clause_after(prep: Token) -> Token | None:
    """The verb right after a subordinator's object, which the parser made the preposition's object instead
    of the verb's subject ("fighting resumed after the truce | broke down"): a verb with no subject, or whose
    subject is the phrase the subordinator hangs in ("an escalation of fighting after the truce | broke")."""
    doc = prep.doc
    for token in doc[prep.right_edge.i + 1 : prep.right_edge.i + 1 + FOLLOWING_REACH]:
        if token.dep_ in {"aux", "auxpass", "neg", "advmod"}:
            continue
        own = [child for child in token.children if child.dep_ in SUBJECT_DEPS | {"expl"}]
        swallowed = all(child.left_edge.i <= prep.i <= child.right_edge.i for child in own)
        return token if is_verb(token) and token.dep_ in {"ccomp", "advcl", "conj"} and swallowed else None
    return None


def _concessive(verb: Token) -> Iterator[StatusHit]:
    """ "attacks went on even though the district falls within a de-escalation zone": a violation."""
    for child in verb.children:
        if child.dep_ == "mark" and STATUS_CUES.get(child.lower_) == "violated":
            yield StatusHit("violated", verb)


def _noun_hits(noun: Token) -> Iterator[StatusHit]:
    """ "the end of the ceasefire", "calls for a ceasefire", "the first phase of the deal began"."""
    status = STATUS_CUES.get(lemma(noun)) or STATUS_CUES.get(noun.lower_)
    if _of_an_adjective(noun):
        status = None  # "responsible for the implementation of the agreement" says who, not at which stage
    if lemma(noun) in FOR_CUES and not any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children):
        status = None
    if lemma(noun) == "part" and noun.dep_ == "pobj" and noun.head.lower_ == "as" and is_verb(noun.head.head):
        yield StatusHit("in_force", noun.head.head)  # "left the town as part of the deal": done under it
        return
    if lemma(noun) in PART_NOUNS:
        above = list(_governor_hits(noun))  # "implementation of the deal was postponed": the verb's stage first
        if above or status is None:
            yield from above
            return
    if status is not None:
        yield StatusHit(_tried(noun, status), noun)


def _of_an_adjective(noun: Token) -> bool:
    governor = noun.head.head if noun.dep_ == "pobj" else noun.head
    return governor.pos_ == "ADJ"


def _verb_status(verb: Token) -> AgreementStatus | None:
    word = lemma(verb)
    for child in verb.children:
        particle = child.dep_ == "prt" or (child.dep_ in {"advmod", "prep"} and not list(child.children))
        if particle and (word, child.lower_) in PHRASAL_STATUS:
            return PHRASAL_STATUS[(word, child.lower_)]
        if child.dep_ in {"acomp", "advmod", "prt", "oprd", "prep"} and child.lower_ == "over" and word == "declare":
            return "collapsed"
    if word in PORTRAYING_VERBS and any(child.dep_ == "prep" and child.lower_ == "as" for child in verb.children):
        return None  # "the deal was presented as a victory": portrayed, not proposed
    if word in ONSET_VERBS:
        objects = [obj for prep in verb.children for obj in prep.subtree if obj.dep_ in {"pobj", "dobj"}]
        return "in_force" if any(obj.lower_ in IN_FORCE_OBJECTS | {"hold"} for obj in objects) else None
    if word in FOR_CUES and not any(child.dep_ == "prep" and child.lower_ == "for" for child in verb.children):
        return None
    if any(child.dep_ == "dobj" and (word, child.lower_) in IDIOM_OBJECTS for child in verb.children):
        return None  # "shook hands on the deal"
    if word in STATE_VERBS:
        return _state_phrase(verb) or (STATUS_CUES.get(word) if word != "be" else None)
    return STATUS_CUES.get(word)


def _state_phrase(verb: Token) -> AgreementStatus | None:
    """ "is in force", "was put on hold", "lies in tatters": the state a prepositional phrase of the verb names."""
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        for obj in (o for o in child.children if o.dep_ == "pobj"):
            if child.lower_ == "in" and obj.lower_ in IN_FORCE_OBJECTS:
                return "in_force"
            if (child.lower_, obj.lower_) in STATE_PHRASES:
                return STATE_PHRASES[(child.lower_, obj.lower_)]
    return None


def _verb_hits(verb: Token) -> Iterator[StatusHit]:
    """The stage a verb reports, read for negation, condition, future and trying; and its coordinated verbs."""
    for item in [verb, *(child for child in verb.children if child.dep_ == "conj" and is_verb(child))]:
        target = _aspect_complement(item)
        status = _verb_status(target)
        if status is None:
            continue
        read = _read(target if target == item else item, status)
        if read is not None:
            yield StatusHit(read, target, starts=read == "agreed" and status == "in_force")


def _aspect_complement(verb: Token) -> Token:
    """ "began to unravel" → unravel; "continue to hold" → hold."""
    if lemma(verb) in {"begin", "start", "continue", "seem", "appear"}:
        complement = next((c for c in verb.children if c.dep_ == "xcomp" and is_verb(c)), None)
        if complement is not None:
            return complement
    return verb


def _read(verb: Token, status: AgreementStatus) -> AgreementStatus | None:
    if verb.dep_ in {"ccomp", "xcomp"} and lemma(verb.head) in INTENT_VERBS:
        return None  # "to ensure the ceasefire holds"
    if is_negated(verb):
        return "violated" if lemma(verb) in NEGATED_VIOLATION else None
    if is_conditional(verb, CONDITIONAL_MARKS):
        return "proposed" if status in AGREEING else None
    if has_future_modal(verb, FUTURE_AUX):
        return FUTURE_READING.get(status)
    return _tried(verb, status)


def _tried(token: Token, status: AgreementStatus) -> AgreementStatus:
    """ "attempts to break down the truce": a violation, not a collapse."""
    if status != "collapsed":
        return status
    current = token
    for _ in range(3):
        if current.head == current:
            break
        current = current.head
        if lemma(current) in TRYING_WORDS:
            return "violated"
    return status


# ------------------------------------------------------------------------------------ completion
def _complete(hit: StatusHit, mention: Mention, ctx: Context, fillers: Fillers) -> None:
    """Date, actors, end reason and (for a violation) events of a stage."""
    date = _clause_date(hit.cue, mention, ctx)
    if hit.starts or hit.status == "in_force":
        hit.start_date = date
    hit.date = None if hit.starts else date
    hit.end_reason = END_REASONS.get(lemma(hit.cue)) if hit.status == "collapsed" else None
    hit.actors = [actor for doer in _doers(hit.cue, mention) for actor in fillers.actors(doer)]
    if hit.status == "violated":
        unit = ctx.unit_of(mention.head)
        events = ctx.events_within(unit.start_char, unit.end_char)
        hit.events = [event for event in events if event.type in FORCE_EVENT_TYPES and event.status != "denied"]


def _doers(cue: Token, mention: Mention) -> list[Token]:
    """Who acted: the verb's subject or agent (not the agreement itself), or that of a cue noun's verb."""
    verb = cue if is_verb(cue) else cue.head if is_verb(cue.head) else None
    if verb is None:
        return []
    mention_tokens = range(mention.start, mention.head.i + 1)
    doers = agents(verb) if is_passive(verb) else subjects(verb, ACTIVE_SUBJECT_DEPS)
    return [doer for doer in doers if doer.i not in mention_tokens and doer.lower_ not in {"which", "that"}]


def _clause_date(cue: Token, mention: Mention, ctx: Context) -> str | None:
    """A date whose nearest verb (or cue noun) is the cue's clause, outside the mention's own phrase."""
    anchor = cue if is_verb(cue) or cue.pos_ in {"NOUN", "PROPN"} else cue.head
    if not is_verb(anchor) and anchor.dep_ in {"dobj", "nsubj", "nsubjpass"} and is_verb(anchor.head):
        anchor = anchor.head  # "declared the end of the ceasefire on Monday": the verb's date
    doc = ctx.doc
    start, end = anchor.left_edge.idx, anchor.right_edge.idx + len(anchor.right_edge)
    if anchor.dep_ in {"relcl", "advcl"} and anchor.head != anchor:
        start = ctx.unit_of(anchor).start_char  # the date a "when" clause follows
    for date_start, date_end, value in ctx.dates_within(start, end):
        span = doc.char_span(date_start, date_end, alignment_mode="expand")
        if span is None or mention.start <= span.root.i <= mention.head.i:
            continue
        if _nearest_anchor(span.root, anchor) == anchor or _when_clause_of(anchor, span):
            return value
    return None


def _when_clause_of(verb: Token, date: Span) -> bool:
    """ "Since Sept. 19 when the regime declared the end of the ceasefire": the date the clause hangs on."""
    when = next((child for child in verb.children if child.lower_ == "when" and child.i < verb.i), None)
    if verb.dep_ not in {"relcl", "advcl"} or when is None:
        return False
    return date.start <= verb.head.i < date.end or date.end == when.i  # hung on the date, or right after it


def _nearest_anchor(token: Token, anchor: Token) -> Token | None:
    current = token
    for _ in range(MAX_CLIMB):
        if current == anchor:
            return anchor
        if current.head == current:
            return None
        current = current.head
        if current == anchor:
            return anchor
        if is_verb(current):
            return current
    return None
