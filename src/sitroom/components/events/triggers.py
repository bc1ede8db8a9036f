"""Event triggers: verbs (with particles and objects) and event nouns found in the PLOVER lexicon, and the
tests that keep accidents, embedded complements and arguments of another trigger from being events."""

from __future__ import annotations

from spacy.tokens import Span, Token

from sitroom.components.events.arguments import passive_agent, prep_objects, reduced_passive, subject_of
from sitroom.components.events.context import Context, lemma
from sitroom.components.events.draft import Draft
from sitroom.components.events.intent import (
    COMMITMENT_HEADS,
    is_complement,
    is_negated,
)
from sitroom.components.events.vocabulary import (
    ACCIDENT_NOUNS,
    LIGHT_VERBS,
    MODIFIER_DEPS,
    OBJECT_DEPS,
    PARTNER_TYPES,
    PERMIT_VERBS,
    STRIKE_WEAPONS,
    WEAPON_NOUNS,
)
from sitroom.knowledge.event_lexicon import EventLexicon, EventSense
from sitroom.knowledge.weapons import assault_mode

PARTY_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
OVERRIDING_MODES = frozenset({"suicide-attack", "unconventional"})
PERIOD_PREPS = frozenset({"in", "over", "during", "within", "throughout"})
PERIOD_UNITS = frozenset({"week", "month", "year", "day", "decade"})
OVERRIDABLE_MODES = frozenset({None, "massacre"})  # a massacre says whom, not with what: the weapon is the mode
# Places whose attack is an attack on civilians (ACLED's civilian targeting).
CIVILIAN_SITES = frozenset(
    {"market", "marketplace", "hospital", "clinic", "school", "bakery", "mosque", "church", "camp", "home", "house",
     "shelter", "kindergarten", "university"}
)  # fmt: skip


def _objects(verb: Token) -> list[Token]:
    """The verb's objects, then the words that name what a generic object is ("mediation efforts",
    "5 million dollars of aid")."""
    objects = [child for child in verb.children if child.dep_ in OBJECT_DEPS | {"nsubjpass"}]
    for _prep, pobj in prep_objects(verb, frozenset({"in", "with", "on", "for", "out"})):
        objects.append(pobj)
    qualifiers = [child for obj in objects for child in obj.children if child.dep_ == "compound"]
    return objects + qualifiers + [pobj for obj in objects for _prep, pobj in prep_objects(obj, frozenset({"of"}))]


def verb_sense(verb: Token, lexicon: EventLexicon) -> EventSense | None:
    """The sense of a verb token: phrasal verb, verb + object pattern, or the verb alone."""
    verb_lemma = lemma(verb)
    if verb_lemma not in lexicon.known_verbs and verb_lemma not in PERMIT_VERBS and verb_lemma not in LIGHT_VERBS:
        return None  # nothing below can code it: read no particles nor objects
    particles = [lemma(child) for child in verb.children if child.dep_ in {"prt", "advmod"}]
    objects = _objects(verb)
    sense = lexicon.verb_sense(verb_lemma, particles, [lemma(child) for child in objects])
    if sense is None and verb_lemma in PERMIT_VERBS and _permits_a_party(verb):
        return EventSense("CONCEDE")
    if sense is not None or verb_lemma not in LIGHT_VERBS:
        return sense
    return next((found for obj in objects if (found := noun_sense(obj, lexicon)) is not None), None)


def _permits_a_party(verb: Token) -> bool:
    """ "allowed candidate X to run", "permitted Hamas to open its office": permission given to a named party to
    act, a concession to it (CAMEO's "yield"), unlike what a law or a road "allows"."""
    acts = [child for child in verb.children if child.dep_ in {"xcomp", "ccomp"}]
    to_act = any(grand.dep_ == "aux" and grand.lower_ == "to" for act in acts for grand in act.children)
    allowed = [child for child in verb.children if child.dep_ == "dobj"]
    allowed += [grand for act in acts for grand in act.children if grand.dep_ == "nsubj"]  # "allow [X to run]"
    return to_act and any(token.ent_type_ in PARTY_ENTITIES for party in allowed for token in party.subtree)


def noun_sense(noun: Token, lexicon: EventLexicon) -> EventSense | None:
    """The sense of an event noun; an "air strike" is an aerial assault, a "hunger strike" a protest, and a
    strike "on" something (not a day) an aerial assault on it ("strikes on the province"; workers "on strike"
    begin "a strike on Monday")."""
    noun_lemma = lemma(noun)
    sense = lexicon.nouns.get(noun_lemma)
    if sense is None or noun_lemma != "strike":
        return sense
    modifiers = {lemma(child) for child in noun.children if child.dep_ in {"compound", "amod"}}
    if modifiers & STRIKE_WEAPONS:
        return EventSense("ASSAULT", "aerial")
    aimed = any(pobj.ent_type_ not in {"DATE", "TIME"} for _on, pobj in prep_objects(noun, frozenset({"on"})))
    return EventSense("ASSAULT", "aerial") if aimed else sense


def event_noun(noun: Token, lexicon: EventLexicon) -> EventSense | None:
    """An event noun that names participants itself ("truce between", "attack on", "battles against")."""
    sense = noun_sense(noun, lexicon)
    if sense is None:
        return None
    preps = {child.lower_ for child in noun.children if child.dep_ == "prep"}
    partners = {"with"} if sense.type in PARTNER_TYPES else set()
    return sense if preps & ({"between", "against", "on", "by"} | partners) else None


def is_candidate_verb(token: Token, ctx: Context) -> bool:
    return (
        token.pos_ == "VERB"
        and token.dep_ not in {"amod", "compound"}
        and token.i not in ctx.token_actor
        and token.i not in ctx.heading_tokens
    )


MEANS_GERUND_PREPS = frozenset({"in", "by", "during", "under", "with"})


def embedded_in_event(verb: Token, triggers: set[int]) -> bool:
    """A complement or purpose clause of another event verb is that event's content, not an event; so is the
    gerund that says by what means it happened ("killed in shelling by X")."""
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.lower_ in MEANS_GERUND_PREPS:
        return verb.head.head.i in triggers
    return verb.dep_ in {"xcomp", "advcl", "ccomp"} and verb.head.i in triggers


def event_verb(trigger: Token) -> Token | None:
    """The verb of an event: the trigger, or the verb an event noun is an object of (not its subject)."""
    current = trigger
    while current.pos_ not in {"VERB", "AUX"}:
        if current.dep_ in {"nsubj", "nsubjpass"} or current.head.i == current.i:
            return None
        current = current.head
    return current


def defers_to_complement(verb: Token, lexicon: EventLexicon) -> bool:
    """ "pledged to expel X": a commitment is coded through the act it commits to (AGREE or THREATEN)."""
    return lemma(verb) in COMMITMENT_HEADS and any(
        is_complement(child)
        and child.dep_ != "ccomp"
        and not is_negated(child)
        and verb_sense(child, lexicon) is not None
        for child in verb.children
    )


def described_accusation(draft: Draft) -> bool:
    """ "officers accused of abuses": an accusation told only by an agentless participle on the accused
    describes them; no one is said to accuse."""
    trigger = draft.trigger
    return draft.sense.type == "ACCUSE" and reduced_passive(trigger) and passive_agent(trigger) is None


def accidental(draft: Draft) -> bool:
    """Deaths from a crash, a quake or a flood are no assault: an act of force needs an agent, not a mishap."""
    trigger = draft.trigger
    if draft.sense.type != "ASSAULT" or trigger.pos_ != "VERB":
        return False
    cause = passive_agent(trigger) or subject_of(trigger)  # "killed by the crash", "the crash has killed"
    return cause is not None and lemma(cause) in ACCIDENT_NOUNS


def animate_subject(trigger: Token, ctx: Context) -> bool:
    """An event without known actors is kept when someone or something (not a place, not a pronoun) is its
    subject; a place inside a modifier of the subject does not count ("a bombing near Samarra killed")."""
    subject = subject_of(trigger) if trigger.pos_ == "VERB" else None
    if subject is None or subject.pos_ == "PRON":
        return False
    modifiers = {token.i for child in subject.children if child.dep_ in MODIFIER_DEPS for token in child.subtree}
    return not any(token.i in ctx.token_place and token.i not in modifiers for token in subject.subtree)


def governed_by_trigger(noun: Token, triggers: set[int]) -> bool:
    """An event noun that is an argument of an event verb ("use missiles in battles") is part of that event."""
    return any(ancestor.i in triggers for ancestor in noun.ancestors)


def refine_mode(sense: EventSense, trigger: Token) -> EventSense:
    """Weapons make aid military, and give an assault its mode: the weapons named in its clause (with its
    subject, and the clause it depends on: "a car bomb exploded, killing ..."); suicide attacks and chemical
    weapons override the lexicon's mode, others fill it when the lexicon has none."""
    if sense.type == "AID":
        if sense.mode is None and {lemma(token) for token in trigger.subtree} & WEAPON_NOUNS:
            return EventSense(sense.type, "military", sense.cameo)
        return sense
    if sense.type != "ASSAULT":
        return sense
    mode = assault_mode(_weapon_words(trigger))
    if mode is not None and (sense.mode in OVERRIDABLE_MODES or mode in OVERRIDING_MODES):
        return EventSense(sense.type, mode, sense.cameo)
    return sense


def _weapon_words(trigger: Token) -> set[str]:
    """Lemmas (and compounds as "car-bomb") around a trigger: its subtree, its subject, the clause above."""
    heads = [trigger]
    if trigger.dep_ in {"advcl", "xcomp", "conj", "pcomp"} and trigger.head.i != trigger.i:
        heads.append(trigger.head)
    subject = subject_of(trigger) if trigger.pos_ == "VERB" else None
    tokens = [token for head in heads for token in head.subtree]
    tokens += list(subject.subtree) if subject is not None else []
    words = {lemma(token) for token in tokens}
    words |= {f"{lemma(token)}-{lemma(token.head)}" for token in tokens if token.dep_ == "compound"}
    return words


def mishap(sentence: Span) -> bool:
    """The sentence tells of an accident or a disaster (a crash, a quake): its deaths are no assault."""
    return any(lemma(token) in ACCIDENT_NOUNS for token in sentence)


def targets_civilian_site(trigger: Token) -> bool:
    """A civilian place is what the act strikes: its object, passive subject or "on"/"at" object ("shelled a
    market", "a strike on a hospital")."""
    targets = [child for child in trigger.children if child.dep_ in {"dobj", "nsubjpass"}]
    targets += [pobj for _prep, pobj in prep_objects(trigger, frozenset({"on", "at", "against", "near"}))]
    targets += [grand for child in targets for grand in child.conjuncts]
    return any(lemma(target) in CIVILIAN_SITES for target in targets)


def cumulative(trigger: Token) -> bool:
    """A running total, not an event: "since the war began, 400,000 have been killed", "since 2011", "in the
    past week", "over three months", "so far this year"."""
    heads = [trigger, *trigger.ancestors]
    if heads[-1].lower_ == "since":  # "Since May 3, when ..., 359 have been killed": "since" read as the root
        return True
    arguments = [child for head in heads for child in head.children if child.dep_ in {"dobj", "nsubjpass", "nsubj"}]
    for child in [*(c for head in heads for c in head.children), *(g for a in arguments for g in a.children)]:
        if child.dep_ == "prep" and child.lower_ == "since":
            return True
        if child.dep_ == "advcl" and any(mark.dep_ == "mark" and mark.lower_ == "since" for mark in child.children):
            return True
        if child.dep_ == "mark" and child.lower_ == "since" and child.head.dep_ == "ROOT":
            return True  # "Since Monday shelling has killed 40": the phrase read as a clause mark of the root
        if child.dep_ == "prep" and child.lower_ in PERIOD_PREPS and _period(child):
            return True
        if child.dep_ == "advmod" and child.lower_ == "far" and any(c.lower_ == "so" for c in child.children):
            return True
    return False


def _period(prep: Token) -> bool:
    """ "in the past week", "over three months", "during the last year": a span of time, not a day."""
    objects = [child for child in prep.children if child.dep_ == "pobj"]
    return any(
        lemma(obj) in PERIOD_UNITS
        and (lemma(obj) != "day" or any(c.like_num or c.lower_ in {"past", "last"} for c in obj.children))
        for obj in objects
    )
