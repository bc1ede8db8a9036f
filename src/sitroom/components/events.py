"""The events layer: PLOVER events coded from the dependency parse, the event lexicon and earlier layers.

For every clause whose verb (or verb + particle / object) or event noun is in the lexicon, the
component finds the source and target actors among the actor mentions of the subject and of the
objects, the event's own place (a place attached to the event, not to an actor), its date, its
status (occurred / claimed / promised / planned / denied / hypothetical) and who reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sitroom import layers
from sitroom.components.events_intent import (
    COMMITMENT_HEADS,
    demand_sense,
    demand_speaker,
    intent_sense,
    is_negated,
    refusal_sense,
    reported_future,
)
from sitroom.components.offset_index import OffsetIndex
from sitroom.knowledge.event_lexicon import EventLexicon, EventSense, load_event_lexicon
from sitroom.record import Actor, Claim, Event, EventStatus, Place
from sitroom.record import Span as TextSpan

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "attr", "oprd"})
TARGET_PREPS = frozenset({"against", "on", "at", "upon", "toward", "towards", "into", "to", "over", "with"})
CONTROL_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "relcl", "ccomp", "pcomp"})
LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "outside", "around", "inside", "across", "from"})
AREA_NOUNS = frozenset({"area", "region", "province", "front", "border", "zone", "city", "town", "village"})
PLACE_NOUNS = AREA_NOUNS | {"district", "neighbourhood", "neighborhood", "suburb", "countryside", "governorate"}
COLLECTIVE_NOUNS = frozenset({"country", "side", "party", "nation", "government", "state", "power", "group"})
STATE_KINDS = frozenset({"state", "government", "institution"})
NON_PARTY_KINDS = frozenset({"media", "person", "religious"})
MODIFIER_DEPS = frozenset({"prep", "relcl", "acl"})
ACCIDENT_NOUNS = frozenset(
    {"crash", "accident", "collision", "earthquake", "quake", "flood", "storm", "avalanche", "landslide", "disease"}
)
# Acts of force, which a news outlet reports but never carries out ("SANA-Terrorist organizations fired").
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})

PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "commit", "swear", "guarantee", "undertake"})
PLAN_VERBS = frozenset(
    {
        "plan",
        "schedule",
        "seek",
        "want",
        "intend",
        "aim",
        "prepare",
        "try",
        "attempt",
        "hope",
        "wish",
        "decide",
        "expect",
        "propose",
        "offer",
        "mean",
        "consider",
        "threaten",
        "agree",
        "call",
        "urge",
        "ask",
        "demand",
    }
)
DENY_VERBS = frozenset({"deny", "dismiss", "refute"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"should", "must", "could", "might", "may", "would", "'d", "ought", "can", "need"})
CONDITIONAL_MARKS = frozenset({"if", "unless"})
ASPECTUAL_VERBS = frozenset({"start", "begin", "continue", "keep", "resume", "stop", "finish", "go"})
REPORT_VERBS = frozenset(
    {
        "say",
        "claim",
        "report",
        "allege",
        "believe",
        "state",
        "tell",
        "announce",
        "write",
        "add",
        "insist",
        "assert",
        "suggest",
        "confirm",
        "accuse",
        "think",
        "show",
    }
)
HEDGED_CUES = frozenset(
    {
        "claim",
        "allege",
        "report",
        "believe",
        "suggest",
        "according",
        "reportedly",
        "rumour",
        "rumor",
        "allegedly",
        "think",
    }
)
CLARIFY_VERBS = frozenset({"refer", "mean"})
WEAPON_NOUNS = frozenset(
    {
        "missile",
        "weapon",
        "drone",
        "rocket",
        "arm",
        "ammunition",
        "gun",
        "tank",
        "artillery",
        "helicopter",
        "jet",
        "bomb",
        "munition",
        "rifle",
        "mortar",
    }
)
AERIAL_NOUNS = frozenset({"airstrike", "warplane", "jet", "plane", "aircraft", "helicopter", "drone", "air"})
LIGHT_VERBS = frozenset(
    {
        "hold",
        "stage",
        "launch",
        "mount",
        "conduct",
        "begin",
        "start",
        "open",
        "carry",
        "undertake",
        "wage",
        "attend",
        "host",
        "organize",
        "organise",
        "sign",
        "reach",
        "announce",
        "impose",
        "order",
        "resume",
        "continue",
        "join",
        "make",
        "give",
        "grant",
        "offer",
        "lead",
        "step",
    }
)
REPORTED_PRONOUNS = frozenset({"it", "they", "he", "she", "we"})
NOMINAL_TARGET_PREPS = frozenset({"against", "on", "at", "with", "into"})
PARTNER_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
STRIKE_WEAPONS = frozenset({"air", "missile", "drone", "rocket", "military", "aerial", "naval"})
TERMINAL = (".", "!", "?", ":", '"', "'", "\u201d", ";", ")")
HEADING_MAX_WORDS = 25


@dataclass
class Context:
    """Per-document lookups: which token belongs to which actor / place mention, and the other layers."""

    doc: Doc
    actors: dict[str, Actor]
    places: dict[str, Place]
    token_actor: dict[int, str]
    token_place: dict[int, str]
    claims: list[Claim]
    dates: list[tuple[int, int, str]]
    document_month: str | None
    heading_tokens: set[int] = field(default_factory=set)
    units: list[Span] = field(default_factory=list)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    claim_index: OffsetIndex[Claim] = field(init=False)
    date_index: OffsetIndex[tuple[int, int, str]] = field(init=False)
    unit_index: OffsetIndex[Span] = field(init=False)
    text: str = field(init=False)

    def __post_init__(self) -> None:
        """Claims, dates and sentence units indexed by offset, so per-token lookups stay cheap; the text
        once (spaCy joins every token each time ``doc.text`` is read)."""
        self.text = self.doc.text
        self.claim_index = OffsetIndex(self.claims, lambda claim: claim.start, lambda claim: claim.end)
        self.date_index = OffsetIndex(self.dates, lambda date: date[0], lambda date: date[1])
        self.unit_index = OffsetIndex(self.units, lambda unit: unit.start, lambda unit: unit.end)


@dataclass
class Draft:
    """An event being built; becomes a record :class:`Event` once numbered."""

    sense: EventSense
    trigger: Token
    sentence: Span
    source: list[str]
    target: list[str]
    place: str | None
    date: str | None
    status: EventStatus
    reported_by: list[str]

    def signature(self) -> tuple[str, frozenset[str]]:
        return self.sense.type, frozenset(self.source)


# ---------------------------------------------------------------------------------------------- context
def _token_index(doc: Doc, spans: Iterable[tuple[str, int, int]]) -> dict[int, str]:
    """Token index → owner id, longest mentions first so that an outer mention owns its tokens."""
    owner: dict[int, str] = {}
    for owner_id, start, end in sorted(spans, key=lambda item: item[1] - item[2]):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            owner.setdefault(token.i, owner_id)
    return owner


def _date_triples(doc: Doc) -> list[tuple[int, int, str]]:
    dates = doc._.dates or []
    return [(mention.start, mention.end, mention.value) for mention in dates]


def _document_month(doc: Doc) -> str | None:
    document = doc._.document
    date = getattr(document, "date", None)
    return date[:7] if isinstance(date, str) and len(date) >= 7 else date


def build_context(doc: Doc) -> Context:
    """Index the actor and place layers of ``doc`` by token."""
    actors = {actor.id: actor for actor in doc._.actors or []}
    places = {place.id: place for place in doc._.places or []}
    ctx = Context(
        doc=doc,
        actors=actors,
        places=places,
        token_actor=_token_index(doc, ((a.id, m.start, m.end) for a in actors.values() for m in a.mentions)),
        token_place=_token_index(doc, ((p.id, m.start, m.end) for p in places.values() for m in p.mentions)),
        claims=list(doc._.claims or []),
        dates=_date_triples(doc),
        document_month=_document_month(doc),
        heading_tokens=_heading_tokens(doc),
        units=sentence_units(doc),
    )
    ctx.aliases = clarified_references(ctx)
    return ctx


def _heading_tokens(doc: Doc) -> set[int]:
    """Tokens of heading lines: short lines (title, byline, dateline) without terminal punctuation.

    A text of a single line has no heading: it is its own body (a sentence, a post, a wire item)."""
    tokens: set[int] = set()
    offset = 0
    lines = doc.text.split("\n")
    if sum(1 for line in lines if line.strip()) < 2:
        return tokens
    for line in lines:
        stripped = line.strip()
        if stripped and not stripped.endswith(TERMINAL) and len(stripped.split()) <= HEADING_MAX_WORDS:
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            tokens.update(token.i for token in span or [])
        offset += len(line) + 1
    return tokens


# --------------------------------------------------------------------------------------------- actors
def actors_in(tokens: Iterable[Token], ctx: Context) -> list[str]:
    """Distinct actor ids of ``tokens``, in text order."""
    found: list[str] = []
    for token in tokens:
        actor_id = ctx.token_actor.get(token.i)
        if actor_id is not None and actor_id not in found and token.i not in ctx.heading_tokens:
            found.append(actor_id)
    return found


def _argument_tokens(head: Token) -> Iterator[Token]:
    """The subtree of an argument without relative clauses and clausal modifiers."""
    yield head
    for child in head.children:
        if child.dep_ not in {"relcl", "acl", "advcl", "punct", "appos"}:
            yield from _argument_tokens(child)


def argument_actors(head: Token, ctx: Context) -> list[str]:
    """Actors named by the argument headed by ``head`` (a collective "both countries" is resolved)."""
    if head.lower_ in ctx.aliases:
        return list(ctx.aliases[head.lower_])
    found = actors_in(_argument_tokens(head), ctx)
    return found or _collective_reference(head, ctx)


def _collective_reference(head: Token, ctx: Context) -> list[str]:
    """ "both countries", "the two sides" → the last two distinct actors named before this sentence."""
    if head.lemma_.lower() not in COLLECTIVE_NOUNS:
        return []
    markers = {child.lower_ for child in head.children if child.dep_ in {"det", "nummod", "predet"}}
    if not markers & {"both", "two"}:
        return []
    wanted = STATE_KINDS if head.lemma_.lower() in {"country", "nation", "government", "state"} else None
    previous: list[str] = []
    for index in range(head.sent.start - 1, -1, -1):
        actor_id = ctx.token_actor.get(index)
        if actor_id is None or actor_id in previous:
            continue
        kind = ctx.actors[actor_id].kind
        if (wanted is None and kind not in NON_PARTY_KINDS) or (wanted is not None and kind in wanted):
            previous.append(actor_id)
        if len(previous) == 2:
            return list(reversed(previous))
    return []


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, climbing through control ("X is scheduled to attend"), coordination and
    relative clauses."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS or (child.dep_ == "nsubjpass" and current.i != verb.i):
                return child
        infinitival = any(child.lower_ == "to" and child.dep_ == "aux" for child in current.children)
        if current.dep_ in {"relcl", "acl"} and current.head.pos_ in {"NOUN", "PROPN"} and not infinitival:
            return current.head
        if current.dep_ not in CONTROL_DEPS or current.head.i == current.i:
            return None
        current = current.head if current.head.pos_ in {"VERB", "AUX"} else _clause_head(current.head)
    return None


def _clause_head(token: Token) -> Token | None:
    """The nearest verb above ``token``."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def _prep_objects(head: Token, preps: frozenset[str]) -> Iterator[tuple[str, Token]]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand


def _co_sources(verb: Token, ctx: Context) -> list[str]:
    """ "together with X", "jointly with X", "alongside X": X shares the source role."""
    found: list[str] = []
    adverbs = {child.lower_ for child in verb.children if child.dep_ == "advmod"}
    for prep, pobj in _prep_objects(verb, frozenset({"with", "alongside"})):
        if prep == "alongside" or adverbs & {"together", "jointly"}:
            found.extend(argument_actors(pobj, ctx))
    return found


# ----------------------------------------------------------------------------------------- triggers
def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _objects(verb: Token) -> list[Token]:
    """The verb's objects, then the words that name what a generic object is ("mediation efforts",
    "5 million dollars of aid")."""
    objects = [child for child in verb.children if child.dep_ in OBJECT_DEPS | {"nsubjpass"}]
    for _prep, pobj in _prep_objects(verb, frozenset({"in", "with", "on", "for", "out"})):
        objects.append(pobj)
    qualifiers = [child for obj in objects for child in obj.children if child.dep_ == "compound"]
    return objects + qualifiers + [pobj for obj in objects for _prep, pobj in _prep_objects(obj, frozenset({"of"}))]


def verb_sense(verb: Token, lexicon: EventLexicon) -> EventSense | None:
    """The sense of a verb token: phrasal verb, verb + object pattern, or the verb alone."""
    particles = [_lemma(child) for child in verb.children if child.dep_ in {"prt", "advmod"}]
    objects = _objects(verb)
    sense = lexicon.verb_sense(_lemma(verb), particles, [_lemma(child) for child in objects])
    if sense is not None or _lemma(verb) not in LIGHT_VERBS:
        return sense
    return next((found for obj in objects if (found := noun_sense(obj, lexicon)) is not None), None)


def noun_sense(noun: Token, lexicon: EventLexicon) -> EventSense | None:
    """The sense of an event noun; an "air strike" is an aerial assault, a "hunger strike" a protest."""
    sense = lexicon.nouns.get(_lemma(noun))
    modifiers = {_lemma(child) for child in noun.children if child.dep_ in {"compound", "amod"}}
    if sense is not None and _lemma(noun) == "strike" and modifiers & STRIKE_WEAPONS:
        return EventSense("ASSAULT", "aerial")
    return sense


def _event_noun(noun: Token, lexicon: EventLexicon) -> EventSense | None:
    """An event noun that names participants itself ("truce between", "attack on", "battles against")."""
    sense = noun_sense(noun, lexicon)
    if sense is None:
        return None
    preps = {child.lower_ for child in noun.children if child.dep_ == "prep"}
    partners = {"with"} if sense.type in PARTNER_TYPES else set()
    return sense if preps & ({"between", "against", "on", "by"} | partners) else None


def _is_candidate_verb(token: Token, ctx: Context) -> bool:
    return (
        token.pos_ == "VERB"
        and token.dep_ not in {"amod", "compound"}
        and token.i not in ctx.token_actor
        and token.i not in ctx.heading_tokens
    )


def _embedded_in_event(verb: Token, triggers: set[int]) -> bool:
    """A complement or purpose clause of another event verb is that event's content, not an event."""
    return verb.dep_ in {"xcomp", "advcl", "ccomp"} and verb.head.i in triggers


# ------------------------------------------------------------------------------------ participants
def _nominal_participants(noun: Token, ctx: Context) -> tuple[list[str], list[str]]:
    """Source and target of an event noun: "truce between A and B", "attack by A on B"."""
    source: list[str] = []
    target: list[str] = []
    for prep, pobj in _prep_objects(noun, NOMINAL_TARGET_PREPS | {"between", "by"}):
        actors = argument_actors(pobj, ctx)
        if prep == "between":
            source, target = actors[:1], actors[1:]
        elif prep == "by":
            source = actors
        else:
            target.extend(actors)
    return source, target


def _verb_participants(verb: Token, ctx: Context) -> tuple[list[str], list[str]]:
    """Source and target actors of an event verb."""
    passive = any(child.dep_ == "nsubjpass" for child in verb.children)
    subject = _passive_agent(verb) if passive else subject_of(verb)
    source = argument_actors(subject, ctx) if subject is not None else []
    if not source and subject is not None and subject.lower_ in REPORTED_PRONOUNS:
        source = _speaker_of(subject, ctx)
    source += [actor for actor in _co_sources(verb, ctx) if actor not in source]
    target: list[str] = []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (passive and child.dep_ == "nsubjpass"):
            target += argument_actors(child, ctx)
            noun_source, noun_target = _nominal_participants(child, ctx)
            source = source or noun_source
            target += noun_source if source != noun_source else []
            target += noun_target
    for prep, pobj in _prep_objects(verb, TARGET_PREPS | LOCATIVE_PREPS):
        target += argument_actors(pobj, ctx) if prep in TARGET_PREPS else []
        target += _nominal_participants(pobj, ctx)[1]
    target += _purpose_targets(verb, ctx)
    target += _complement_subjects(verb, ctx)
    target = target or _intended_targets(verb, ctx)
    return source, _unique([actor for actor in target if actor not in source])


def _speaker_of(pronoun: Token, ctx: Context) -> list[str]:
    """ "Syria says it will withdraw": a pronoun subject of reported speech stands for the speaker."""
    current = pronoun.head
    while current.dep_ in {"ccomp", "xcomp", "conj"} and current.head.i != current.i:
        current = current.head
        if _lemma(current) in REPORT_VERBS:
            speaker = next((c for c in current.children if c.dep_ in SUBJECT_DEPS), None)
            return argument_actors(speaker, ctx) if speaker is not None else []
    return []


def _intended_targets(verb: Token, ctx: Context) -> list[str]:
    """ "offered to hand over to Britain", "threatened to ban the opposition": the complement's objects."""
    targets: list[str] = []
    for child in verb.children:
        if child.dep_ != "xcomp":
            continue
        for grand in child.children:
            if grand.dep_ in OBJECT_DEPS:
                targets += argument_actors(grand, ctx) + _nominal_participants(grand, ctx)[1]
        for _prep, pobj in _prep_objects(child, TARGET_PREPS):
            targets += argument_actors(pobj, ctx)
    return targets


def _purpose_targets(verb: Token, ctx: Context) -> list[str]:
    """ "work together to combat X": the object of a purpose clause is the target of the main event."""
    targets: list[str] = []
    for child in verb.children:
        if child.dep_ in {"advcl", "xcomp"} and any(grand.lower_ == "to" for grand in child.children):
            for grand in child.children:
                if grand.dep_ in OBJECT_DEPS:
                    targets += argument_actors(grand, ctx)
            for _prep, pobj in _prep_objects(child, frozenset({"against"})):
                targets += argument_actors(pobj, ctx)
    return targets


def _complement_subjects(verb: Token, ctx: Context) -> list[str]:
    """ "demanded that X cancel", "urged X to": the addressee of a demand or appeal is its target."""
    if _lemma(verb) in REPORT_VERBS:
        return []
    found: list[str] = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            found += argument_actors(subject, ctx) if subject is not None else []
    return found


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------- status and source
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
        head_lemma = _lemma(current.head)
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
        return _lemma(verb.head) in REPORT_VERBS | ASPECTUAL_VERBS
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
        if current.dep_ == "ccomp" and _lemma(current.head) in REPORT_VERBS:
            reporter = current.head
            subject = next((c for c in reporter.children if c.dep_ in SUBJECT_DEPS), None)
            hedged = _lemma(reporter) in HEDGED_CUES or any(c.dep_ == "nsubjpass" for c in reporter.children)
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


# ----------------------------------------------------------------------------------------- place/date
def _attached_to_actor(token: Token, stop: Token, ctx: Context) -> bool:
    """True when ``token`` modifies an actor mention ("the regime in Baghdad") or a border phrase."""
    base = token
    while base.dep_ == "conj" and base.head.i != base.i:
        base = base.head
    if base.head.lower_ == "of" and _lemma(base.head.head) not in PLACE_NOUNS:
        return True  # "the people of Aleppo", but "the town of Samarra" is the place itself
    current = token
    while current.head.i != current.i and current.i != stop.i:
        current = current.head
        if current.i in ctx.token_actor or (
            current.lower_ in {"with", "between"} and _lemma(current.head) in {"border", "area", "frontier"}
        ):
            return True
    return False


def _locative_places(tokens: Iterable[Token], stop: Token, ctx: Context) -> list[str]:
    found: list[str] = []
    for token in tokens:
        place_id = ctx.token_place.get(token.i)
        if place_id is None or place_id in found or token.i in ctx.token_actor:
            continue
        if not _attached_to_actor(token, stop, ctx):
            found.append(place_id)
    return found


def _most_specific(place_ids: list[str], ctx: Context) -> str | None:
    """The first place that is not a country (or the first place at all)."""
    specific = [
        pid for pid in place_ids if ctx.places[pid].feature not in {"country", None} or ctx.places[pid].country is None
    ]
    candidates = specific or place_ids
    return candidates[0] if candidates else None


def _clause_tokens(head: Token) -> Iterator[Token]:
    """The clause of ``head`` without embedded clauses (complements, relative clauses)."""
    yield head
    for child in head.children:
        if child.dep_ not in {"ccomp", "relcl", "acl", "parataxis"}:
            yield from _clause_tokens(child)


def event_place(trigger: Token, ctx: Context) -> str | None:
    """The event's own place; a bare "the area"/"the border area" falls back to the last place named."""
    clause = list(_clause_tokens(trigger))
    place = _most_specific(_locative_places(clause, trigger, ctx), ctx)
    if place is not None:
        return place
    if not any(_lemma(token) in AREA_NOUNS for token in clause):
        return None
    for sent in _previous_sentences(trigger, 3):
        specific = [
            pid for pid in _locative_places(sent, sent.root, ctx) if ctx.places[pid].feature not in {"country", None}
        ]
        if specific:
            return specific[0]
    return None


def _previous_sentences(token: Token, count: int) -> list[Span]:
    """Up to ``count`` sentences before the token's, nearest first."""
    found: list[Span] = []
    sentence = token.sent
    while len(found) < count and sentence.start > 0:
        sentence = sentence.doc[sentence.start - 1].sent
        found.append(sentence)
    return found


def event_date(sentence: Span, ctx: Context) -> str | None:
    """A date named in the sentence, else the document's month."""
    for _start, _end, value in ctx.date_index.inside(sentence.start_char, sentence.end_char):
        return value
    return ctx.document_month


# ----------------------------------------------------------------------------------------- assembly
def sentence_units(doc: Doc) -> list[Span]:
    """Sentences cut at blank lines (the parser sometimes joins a heading or a paragraph to the next)."""
    units: list[Span] = []
    for sent in doc.sents:
        start = sent.start
        for index in range(sent.start, sent.end):
            if doc[index].is_space and "\n\n" in doc[index].text:
                if any(not token.is_space for token in doc[start:index]):
                    units.append(doc[start:index])
                start = index + 1
        if any(not token.is_space for token in doc[start : sent.end]):
            units.append(doc[start : sent.end])
    return units


def _sentence_of(token: Token, ctx: Context) -> Span:
    return ctx.unit_index.covering(token.i)[0]


def _coded_sense(trigger: Token, sense: EventSense) -> tuple[EventSense, EventStatus] | None:
    """The PLOVER sense and status of a trigger: refusals are REJECT, announced acts AGREE / THREATEN."""
    verb = event_verb(trigger)
    refusal = refusal_sense(trigger, sense)
    if refusal is not None:
        return refusal, mood(trigger)
    status = _modality(trigger) if verb is None or verb.i == trigger.i else mood(verb)
    return None if status is None else (intent_sense(trigger, sense), status)


def event_verb(trigger: Token) -> Token | None:
    """The verb of an event: the trigger, or the verb an event noun is an object of (not its subject)."""
    current = trigger
    while current.pos_ not in {"VERB", "AUX"}:
        if current.dep_ in {"nsubj", "nsubjpass"} or current.head.i == current.i:
            return None
        current = current.head
    return current


def _draft(trigger: Token, sense: EventSense, participants: tuple[list[str], list[str]], ctx: Context) -> Draft | None:
    speaker = demand_speaker(trigger) if trigger.pos_ == "VERB" else None
    coded: tuple[EventSense, EventStatus] | None
    if speaker is not None:
        coded = demand_sense(sense), "occurred"
        participants = _demand_participants(speaker, participants, ctx)
    else:
        coded = _coded_sense(trigger, sense)
    if coded is None:
        return None
    sense, status = coded
    status, reported_by = report_status(trigger, status, ctx)
    source, target = participants
    if sense.type in FORCE_TYPES:
        source = [actor for actor in source if ctx.actors[actor].kind != "media"]
    return Draft(
        sense=_refine_mode(sense, trigger),
        trigger=trigger,
        sentence=_sentence_of(trigger, ctx),
        source=source,
        target=target,
        place=event_place(trigger, ctx),
        date=event_date(_sentence_of(trigger, ctx), ctx),
        status=status,
        reported_by=[actor for actor in reported_by if actor not in source],
    )


def _demand_participants(
    speaker: Token, participants: tuple[list[str], list[str]], ctx: Context
) -> tuple[list[str], list[str]]:
    """ "X said Y must withdraw": X asks, Y is asked (Y was coded as the source of the demanded act)."""
    subject = next((child for child in speaker.children if child.dep_ in SUBJECT_DEPS), None)
    source = argument_actors(subject, ctx) if subject is not None else []
    asked = participants[0] or participants[1]
    return source, [actor for actor in asked if actor not in source]


def _refine_mode(sense: EventSense, trigger: Token) -> EventSense:
    """Weapons make aid military and assaults aerial or heavy-weapon."""
    lemmas = {_lemma(token) for token in trigger.subtree}
    if sense.type == "AID" and sense.mode is None and lemmas & WEAPON_NOUNS:
        return EventSense(sense.type, "military", sense.cameo)
    if sense.type == "ASSAULT" and sense.mode is None and lemmas & AERIAL_NOUNS:
        return EventSense(sense.type, "aerial", sense.cameo)
    return sense


def draft_events(ctx: Context, lexicon: EventLexicon) -> list[Draft]:
    """One draft per event verb or participant-bearing event noun, in text order."""
    drafts: list[Draft] = []
    triggers: set[int] = set()
    for token in ctx.doc:
        if token.i in ctx.heading_tokens:
            continue
        draft: Draft | None = None
        if _is_candidate_verb(token, ctx):
            sense = None if _defers_to_complement(token, lexicon) else verb_sense(token, lexicon)
            if sense is not None and not _embedded_in_event(token, triggers):
                triggers.add(token.i)
                draft = _draft(token, sense, _verb_participants(token, ctx), ctx)
        elif token.pos_ == "NOUN" and token.i not in ctx.token_actor:
            sense = _event_noun(token, lexicon)
            if sense is not None and not _governed_by_trigger(token, triggers):
                draft = _draft(token, sense, _nominal_participants(token, ctx), ctx)
        if draft is not None and _accidental(draft):
            continue
        if draft is not None and (draft.source or draft.target or _animate_subject(token, ctx)):
            drafts.append(draft)
    return merge_duplicates(drafts)


def _defers_to_complement(verb: Token, lexicon: EventLexicon) -> bool:
    """ "pledged to expel X": a commitment is coded through the act it commits to (AGREE or THREATEN)."""
    return _lemma(verb) in COMMITMENT_HEADS and any(
        child.dep_ == "xcomp" and not is_negated(child) and verb_sense(child, lexicon) is not None
        for child in verb.children
    )


def _accidental(draft: Draft) -> bool:
    """Deaths from a crash, a quake or a flood are no assault: an act of force needs an agent, not a mishap."""
    trigger = draft.trigger
    if draft.sense.type != "ASSAULT" or trigger.pos_ != "VERB":
        return False
    cause = _passive_agent(trigger) or subject_of(trigger)  # "killed by the crash", "the crash has killed"
    return cause is not None and _lemma(cause) in ACCIDENT_NOUNS


def _animate_subject(trigger: Token, ctx: Context) -> bool:
    """An event without known actors is kept when someone or something (not a place, not a pronoun) is its
    subject; a place inside a modifier of the subject does not count ("a bombing near Samarra killed")."""
    subject = subject_of(trigger) if trigger.pos_ == "VERB" else None
    if subject is None or subject.pos_ == "PRON":
        return False
    modifiers = {token.i for child in subject.children if child.dep_ in MODIFIER_DEPS for token in child.subtree}
    return not any(token.i in ctx.token_place and token.i not in modifiers for token in subject.subtree)


def _governed_by_trigger(noun: Token, triggers: set[int]) -> bool:
    """An event noun that is an argument of an event verb ("use missiles in battles") is part of that event."""
    return any(ancestor.i in triggers for ancestor in noun.ancestors)


def merge_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Merge events of one type and source whose targets are nested (one event told twice)."""
    merged: list[Draft] = []
    # Only drafts of one signature can be one event, and without a source only within one sentence.
    by_key: dict[tuple[str, frozenset[str], int | None], list[Draft]] = {}
    for draft in drafts:
        kind, source = draft.signature()
        candidates = by_key.setdefault((kind, source, None if source else draft.sentence.start), [])
        twin = next((kept for kept in candidates if _same_event(kept, draft)), None)
        if twin is None:
            merged.append(draft)
            candidates.append(draft)
            continue
        twin.target = _unique(twin.target + draft.target)
        twin.place = twin.place or draft.place
        twin.reported_by = twin.reported_by or draft.reported_by
        if twin.status not in {"occurred", "claimed"} and draft.status in {"occurred", "claimed"}:
            twin.status = draft.status
    return merged


def _same_event(kept: Draft, new: Draft) -> bool:
    if kept.signature() != new.signature():
        return False
    if kept.sentence.start == new.sentence.start:
        return True
    factual = {"occurred", "claimed"}
    if kept.status in factual and new.status in factual and kept.target and new.target:
        return False
    first, second = set(kept.target), set(new.target)
    return bool(kept.source) and (first <= second or second <= first)


def clarified_references(ctx: Context) -> dict[str, list[str]]:
    """ "... to combat the Mujahideen. It primarily refers to A and B": the last object named in the
    sentence before "it refers to" stands, from then on, for A and B."""
    aliases: dict[str, list[str]] = {}
    for previous, unit in pairwise(ctx.units):
        root = unit.root
        subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        to = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        if _lemma(root) not in CLARIFY_VERBS or subject is None or subject.pos_ != "PRON" or to is None:
            continue
        named = actors_in(ctx.doc[to.i : unit.end], ctx)
        objects = [t for t in previous if t.dep_ == "dobj" or (t.dep_ == "pobj" and t.head.lower_ == "against")]
        if named and objects:
            aliases[objects[-1].lower_] = named
    return aliases


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
    return to_events(draft_events(build_context(doc), lexicon or load_event_lexicon()))


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
