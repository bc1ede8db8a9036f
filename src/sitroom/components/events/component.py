"""The events layer as a spaCy component: triggers → drafts (participants, status, place, date) → merged,
numbered record events."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from sitroom import layers
from sitroom.components.events.arguments import demand_participants, nominal_participants, verb_participants
from sitroom.components.events.context import Context, build_context, sentence_of
from sitroom.components.events.coreference import clarified_references
from sitroom.components.events.draft import Draft
from sitroom.components.events.intent import (
    demand_sense,
    demand_speaker,
)
from sitroom.components.events.merging import merge_duplicates
from sitroom.components.events.place_date import event_date, event_place
from sitroom.components.events.status import coded_sense, report_status
from sitroom.components.events.triggers import (
    accidental,
    animate_subject,
    defers_to_complement,
    embedded_in_event,
    event_noun,
    governed_by_trigger,
    is_candidate_verb,
    refine_mode,
    verb_sense,
)
from sitroom.components.events.vocabulary import FORCE_TYPES
from sitroom.knowledge.event_lexicon import EventLexicon, EventSense, load_event_lexicon
from sitroom.record import Event, EventStatus
from sitroom.record import Span as TextSpan


def _draft(trigger: Token, sense: EventSense, participants: tuple[list[str], list[str]], ctx: Context) -> Draft | None:
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
    source, target = participants
    if sense.type in FORCE_TYPES:
        source = [actor for actor in source if ctx.actors[actor].kind != "media"]
    return Draft(
        sense=refine_mode(sense, trigger),
        trigger=trigger,
        sentence=sentence_of(trigger, ctx),
        source=source,
        target=target,
        place=event_place(trigger, ctx),
        date=event_date(sentence_of(trigger, ctx), ctx),
        status=status,
        reported_by=[actor for actor in reported_by if actor not in source],
    )


def draft_events(ctx: Context, lexicon: EventLexicon) -> list[Draft]:
    """One draft per event verb or participant-bearing event noun, in text order."""
    drafts: list[Draft] = []
    triggers: set[int] = set()
    for token in ctx.doc:
        if token.i in ctx.heading_tokens:
            continue
        draft: Draft | None = None
        if is_candidate_verb(token, ctx):
            sense = None if defers_to_complement(token, lexicon) else verb_sense(token, lexicon)
            if sense is not None and not embedded_in_event(token, triggers):
                triggers.add(token.i)
                draft = _draft(token, sense, verb_participants(token, ctx), ctx)
        elif token.pos_ == "NOUN" and token.i not in ctx.token_actor:
            sense = event_noun(token, lexicon)
            if sense is not None and not governed_by_trigger(token, triggers):
                draft = _draft(token, sense, nominal_participants(token, ctx), ctx)
        if draft is not None and accidental(draft):
            continue
        if draft is not None and (draft.source or draft.target or animate_subject(token, ctx)):
            drafts.append(draft)
    return merge_duplicates(drafts)


def to_events(drafts: list[Draft]) -> list[Event]:
    """Number the drafts e1, e2, … and turn them into record events with the sentence as evidence."""
    events: list[Event] = []
    for number, draft in enumerate(drafts, start=1):
        sentence = draft.sentence
        text = sentence.text.strip()
        start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
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
                evidence=TextSpan(text=text, start=start, end=start + len(text)),
            )
        )
    return events


def extract_events(doc: Doc, lexicon: EventLexicon | None = None) -> list[Event]:
    """The events of ``doc`` (its actor, place, date and claim layers are used when present)."""
    ctx = build_context(doc)
    ctx.aliases = clarified_references(ctx)
    return to_events(draft_events(ctx, lexicon or load_event_lexicon()))


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
