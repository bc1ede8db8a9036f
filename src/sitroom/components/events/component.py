"""The events layer as a spaCy component: triggers → drafts (participants, status, place, date) → merged,
numbered record events."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc, Span, Token

from sitroom import layers
from sitroom.components.attribution.lookup import attribution_at
from sitroom.components.events.arguments import (
    demand_participants,
    means_agents,
    nominal_participants,
    verb_participants,
)
from sitroom.components.events.background import background, recalled
from sitroom.components.events.casualties import CasualtyMention, fatalities, find_casualties
from sitroom.components.events.context import Context, build_context, lemma, sentence_of, unique
from sitroom.components.events.coreference import clarified_references
from sitroom.components.events.draft import Draft
from sitroom.components.events.intent import (
    demand_sense,
    demand_speaker,
    wanted_of_another,
)
from sitroom.components.events.merging import acting_abroad, join_linked_clauses, merge_duplicates, merge_happenings
from sitroom.components.events.place_date import locate_date, locate_place
from sitroom.components.events.status import coded_sense, report_status
from sitroom.components.events.territory import add_territory_target
from sitroom.components.events.triggers import (
    accidental,
    animate_subject,
    cumulative,
    defers_to_complement,
    described_accusation,
    embedded_in_event,
    event_noun,
    governed_by_trigger,
    is_candidate_verb,
    mishap,
    refine_mode,
    targets_civilian_site,
    verb_sense,
)
from sitroom.components.events.vocabulary import DYING_VERBS, FORCE_TYPES
from sitroom.knowledge.acled import acled_coding
from sitroom.knowledge.event_lexicon import EventLexicon, EventSense, load_event_lexicon
from sitroom.knowledge.registry import load_registry
from sitroom.record import AcledCoding, Event, EventStatus
from sitroom.record import Span as TextSpan


def _draft(
    trigger: Token,
    sense: EventSense,
    participants: tuple[list[str], list[str]],
    ctx: Context,
    wanted: Callable[[Draft], bool] | None = None,
) -> Draft | None:
    """The draft of an event, or None; one that ``wanted`` refuses (read before its place, date and mode) is
    never located."""
    if wanted_of_another(trigger):
        return None
    speaker = demand_speaker(trigger) if trigger.pos_ == "VERB" else None
    coded: tuple[EventSense, EventStatus] | None
    if speaker is not None:
        coded = demand_sense(sense), "occurred"
        participants = demand_participants(speaker, participants, ctx)
    else:
        coded = coded_sense(trigger, sense)
    if coded is None:
        return None
    sense, status = coded
    status, reported_by = report_status(trigger, status, ctx)
    attribution = attribution_at(ctx.doc, trigger.idx, trigger.idx + len(trigger.text))
    if attribution is not None:  # told inside someone's statement: the whole chain reports it
        reported_by = [hop.actor for hop in attribution.chain[1:] if hop.actor] or reported_by
    source, target = participants
    if sense.type in FORCE_TYPES:
        source = [actor for actor in source if ctx.actors[actor].kind != "media"]
    source = sorted(source, key=lambda actor: ctx.actors[actor].collective is not None)  # named groups first
    source = unique(source + [state for actor in source for state in states_represented(actor, ctx)])
    sentence = sentence_of(trigger, ctx)
    draft = Draft(
        sense=sense,
        trigger=trigger,
        sentence=sentence,
        source=source,
        target=target,
        place=None,
        date=None,
        status=status,
        reported_by=unique(actor for actor in reported_by if actor not in source),
        sentences=[sentence],
        attribution=attribution.id if attribution is not None else None,
    )
    if wanted is not None and not wanted(draft):
        return None
    draft.place, draft.place_from = locate_place(trigger, sentence, ctx)
    draft.date, draft.date_from = locate_date(trigger, sentence, ctx)
    draft.running_total, draft.recalled = cumulative(trigger), recalled(trigger)
    draft.sense = refine_mode(sense, trigger)
    draft.civilian_site = targets_civilian_site(trigger)
    draft.background = draft.running_total or draft.recalled or background(trigger, draft.date, draft.date_from, ctx)
    return draft


def _wanted(draft: Draft, ctx: Context) -> bool:
    """A draft of a trigger is kept unless it tells an accident or describes the accused, when it has
    participants or an animate subject."""
    if accidental(draft) or described_accusation(draft):
        return False
    return bool(draft.source or draft.target) or animate_subject(draft.trigger, ctx)


_TRIGGER_POS = frozenset({VERB, NOUN})


def draft_events(ctx: Context, lexicon: EventLexicon) -> list[Draft]:
    """One draft per event verb or participant-bearing event noun, in text order."""
    drafts: list[Draft] = []
    triggers: set[int] = set()
    doc = ctx.doc
    wanted = partial(_wanted, ctx=ctx)
    pos = doc.to_array(POS).tolist() if len(doc) else []
    for index in [i for i, value in enumerate(pos) if value in _TRIGGER_POS]:  # only verbs and nouns trigger
        token = doc[index]
        if index in ctx.heading_tokens:
            continue
        draft: Draft | None = None
        if is_candidate_verb(token, ctx):
            sense = None if defers_to_complement(token, lexicon) else verb_sense(token, lexicon)
            if sense is not None and not embedded_in_event(token, triggers):
                triggers.add(token.i)
                draft = _draft(token, sense, verb_participants(token, ctx), ctx, wanted)
        elif token.pos_ == "NOUN" and token.i not in ctx.token_actor:
            sense = event_noun(token, lexicon)
            if sense is not None and not governed_by_trigger(token, triggers):
                draft = _draft(token, sense, nominal_participants(token, ctx), ctx, wanted)
        if draft is not None:
            add_territory_target(draft, ctx)
            drafts.append(draft)
    drafts = join_linked_clauses(merge_duplicates(drafts), ctx)
    drafts += attach_casualties(drafts, ctx)
    return merge_happenings(sorted(drafts, key=lambda draft: draft.trigger.i), ctx)


def states_represented(actor_id: str, ctx: Context) -> list[str]:
    """A state official acts for the state (as CAMEO and PLOVER code them): the record's actors that are the
    state, or the state body, a registered person is affiliated to ("Obama" acts for the United States)."""
    actor = ctx.actors[actor_id]
    entry = load_registry().get(actor.canonical_id) if actor.kind == "person" and actor.canonical_id else None
    if entry is None:
        return []
    bodies = {affiliation for affiliation in entry.affiliations if "_" in affiliation and affiliation.isupper()}
    states = {body.split("_", 1)[0] for body in bodies}
    return [other.id for other in ctx.actors.values() if other.canonical_id in bodies | states and other.id != actor_id]


def attach_casualties(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Give each casualty count to the event it results from: the event of its outcome word, or of the clause
    above it ("a bomb exploded, killing six"), or the sentence's assault. A count no event takes makes an
    assault of its own ("Four soldiers died in the ambush"), unless a mishap caused it. Returns new drafts."""
    created: list[Draft] = []
    by_unit: dict[int, list[Draft]] = {}
    for draft in drafts:
        by_unit.setdefault(draft.sentence.start, []).append(draft)
    for unit in ctx.units:
        in_unit = by_unit.get(unit.start, [])
        for found in find_casualties(unit):
            if found.predicate.i in ctx.heading_tokens:
                continue  # a headline restates the toll the body gives
            told_before = recalled(found.predicate)  # a toll in a clause of precedence is its own happening's
            owner = _owner(found.predicate, [d for d in in_unit if d.recalled == told_before])
            if owner is None and not mishap(unit) and not cumulative(found.predicate):
                owner = _casualty_draft(found.predicate, unit, ctx)
                if owner is None:
                    continue
                in_unit.append(owner)
                created.append(owner)
            if owner is not None:
                owner.casualties.append(found.casualty)
                _victims_are_targets(owner, found, ctx)
    return created


def _victims_are_targets(draft: Draft, found: CasualtyMention, ctx: Context) -> None:
    """The group a casualty count numbers ("killing two soldiers") is a target of the event that killed it."""
    doc = ctx.doc
    span = doc.char_span(found.casualty.evidence.start, found.casualty.evidence.end, alignment_mode="expand")
    for token in span or []:
        actor = ctx.token_actor.get(token.i)
        if actor is not None and actor not in draft.source and actor not in draft.target:
            draft.target.append(actor)


def _owner(predicate: Token, drafts: list[Draft]) -> Draft | None:
    by_trigger = {index: draft for draft in drafts for index in (draft.trigger.i, *draft.joined)}
    for token in (predicate, *predicate.ancestors):
        if token.i in by_trigger:
            return by_trigger[token.i]
    return next((draft for draft in drafts if draft.sense.type == "ASSAULT"), None)


def _casualty_draft(predicate: Token, unit: Span, ctx: Context) -> Draft | None:
    """An assault told only by its toll ("Four soldiers died at the hands of ISIL"): who killed is read as for
    any verb, and the victims are its target."""
    if predicate.i in ctx.heading_tokens:
        return None
    trigger = predicate if predicate.pos_ in {"VERB", "AUX"} or predicate.head.pos_ != "VERB" else predicate.head
    source: list[str] = []
    target: list[str] = []
    if trigger.pos_ != "VERB":
        pass
    elif lemma(trigger) in DYING_VERBS:  # the subject of "died" is a victim: the means say who killed
        source, target = means_agents(trigger, ctx), []
    else:
        source, target = verb_participants(trigger, ctx)
    victims = [ctx.token_actor[t.i] for t in unit if t.i in ctx.token_actor]
    target += [actor for actor in victims if ctx.actors[actor].collective is not None and actor not in source]
    return _draft(trigger, EventSense("ASSAULT", None), (source, unique(target)), ctx)


def _evidence(sentence: Span) -> TextSpan:
    raw = layers.span_text(sentence)
    text = raw.strip()
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    return TextSpan(text=text, start=start, end=start + len(text))


def to_events(drafts: list[Draft], ctx: Context) -> list[Event]:
    """Number the drafts e1, e2, … and turn them into record events with the sentences as evidence."""
    events: list[Event] = []
    for number, draft in enumerate(drafts, start=1):
        events.append(
            Event(
                id=f"e{number}",
                type=draft.sense.type,
                mode=draft.sense.mode,
                source=draft.source,
                target=draft.target,
                place=draft.place,
                date=draft.date,
                status=draft.status,
                reported_by=draft.reported_by,
                evidence=_evidence(draft.sentence),
                mentions=[_evidence(sentence) for sentence in draft.sentences],
                casualties=draft.casualties,
                place_from=draft.place_from,
                date_from=draft.date_from,
                acled=_acled(draft, ctx),
                voice="attributed" if draft.attribution else "outlet",
                attribution=draft.attribution,
                background=draft.background,
            )
        )
    return events


def _acled(draft: Draft, ctx: Context) -> AcledCoding | None:
    """The ACLED coding of an event that ACLED would record: one that occurred or is claimed, not a running
    total ("since 2011, 400,000 have been killed")."""
    if draft.status not in {"occurred", "claimed"} or draft.running_total:
        return None
    return acled_coding(
        draft.sense.type,
        draft.sense.mode,
        [ctx.actors[actor] for actor in draft.source],
        [ctx.actors[actor] for actor in draft.target],
        fatalities=fatalities(draft.casualties, draft.sentences),
        civilian_site=draft.civilian_site,
        place=(ctx.places.get(draft.place or ""), draft.place_from),
        date=(draft.date, draft.date_from),
        abroad=acting_abroad(draft, ctx),
    )


def extract_events(doc: Doc, lexicon: EventLexicon | None = None) -> list[Event]:
    """The events of ``doc`` (its actor, place, date and claim layers are used when present)."""
    ctx = build_context(doc)
    ctx.aliases = clarified_references(ctx)
    known = set(ctx.actors)
    events = to_events(draft_events(ctx, lexicon or load_event_lexicon()), ctx)
    used = {actor for event in events for actor in (*event.source, *event.target)}
    made = [actor for actor_id, actor in ctx.actors.items() if actor_id not in known and actor_id in used]
    if made:  # states named by a place they act from or an act targets (territory.py)
        doc._.actors = [*(doc._.actors or []), *made]
    return events


class EventsComponent:
    """spaCy component: sets ``doc._.events``."""

    def __init__(self, lexicon: EventLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = extract_events(doc, self.lexicon)
        return doc


@Language.factory("sitroom_events")
def make_events_component(nlp: Language, name: str) -> EventsComponent:
    """Factory of the events layer."""
    layers.register_extensions()
    return EventsComponent(load_event_lexicon())
