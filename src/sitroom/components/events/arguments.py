"""Participants of an event from the dependency parse: subjects (through control, coordination and
relative clauses), passive agents, objects, prepositional targets, nominal events' own arguments."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from sitroom.components.events.context import Context, actors_in, lemma, unique
from sitroom.components.events.coreference import referent
from sitroom.components.events.registered import leading_state, named_state, stated_nationality
from sitroom.components.events.territory import state_of_place
from sitroom.components.events.vocabulary import (
    ACCUSING_VERBS,
    ACT_NOUNS,
    ATTACK_VERBS,
    BLAME_VERBS,
    CAUSE_PREPS,
    CLAIMING_VERBS,
    COLLECTIVE_NOUNS,
    COMBAT_NOUNS,
    CONTROL_DEPS,
    CRIME_NOUNS,
    DECREE_NOUNS,
    DELIVERY_VERBS,
    INSTRUMENT_NOUNS,
    ISSUE_PREPS,
    KILLING_VERBS,
    LEADING_VERBS,
    LOCATIVE_PREPS,
    MEANS_PREPS,
    NOMINAL_TARGET_PREPS,
    NON_PARTY_KINDS,
    OBJECT_DEPS,
    PERPETRATE_VERBS,
    RELATIVE_TAGS,
    REPORT_VERBS,
    REPORTED_PRONOUNS,
    RESPONSIBILITY_NOUNS,
    SERIES_NOUNS,
    STATE_AGENT_NOUNS,
    STATE_KINDS,
    STATEMENT_NOUNS,
    SUBJECT_DEPS,
    TARGET_PREPS,
    TIME_MARKS,
)


def _argument_tokens(head: Token) -> Iterator[Token]:
    """The subtree of an argument without relative clauses, clausal modifiers and gerund clauses ("the regime of
    killing 500 people", as the parser hangs "accused the regime of killing")."""
    yield head
    for child in head.children:
        if child.dep_ not in {"relcl", "acl", "advcl", "punct", "appos"} and not _gerund_clause(child):
            yield from _argument_tokens(child)


def _gerund_clause(token: Token) -> bool:
    return token.dep_ == "prep" and any(child.dep_ == "pcomp" and child.tag_ == "VBG" for child in token.children)


def argument_actors(head: Token, ctx: Context) -> list[str]:
    """Actors named by the argument headed by ``head`` (a collective "both countries" is resolved)."""
    if head.lower_ in ctx.aliases:
        return list(ctx.aliases[head.lower_])
    found = actors_in(_argument_tokens(head), ctx)
    groups = bool(found) and all(ctx.actors[actor].collective is not None for actor in found)
    if groups or (not found and lemma(head) in INSTRUMENT_NOUNS):
        found = unique(_owners(head, ctx) + found)  # "their fighters": the group the fighters belong to first
    if found:
        return unique(found + _sending_states(head, ctx))
    appositives = [child for child in head.children if child.dep_ == "appos"]
    found = [actor for appositive in appositives for actor in actors_in(_argument_tokens(appositive), ctx)]
    found = found or [actor for leader in _leaders(head) for actor in argument_actors(leader, ctx)]
    found = found or stated_nationality(head, ctx)
    if found:
        return found  # "the prime minister, Abiy Ahmed, said": the name in apposition; "forces led by X"
    modifiers = [child for child in head.children if child.dep_ in {"compound", "amod", "nmod"}]
    return (
        _collective_reference(head, ctx)
        or referent(head, ctx)
        or [actor for modifier in modifiers for actor in referent(modifier, ctx)]  # "regime helicopters"
    )


def _owners(head: Token, ctx: Context) -> list[str]:
    """Who a group or an instrument of force acts for: its possessor ("its warplanes", "their fighters", "the
    regime's jets", resolved as references), else its "of" phrase ("warplanes of the regime")."""
    owners = [actor for child in head.children if child.dep_ == "poss" for actor in referent(child, ctx)]
    if not owners:
        owners = [actor for _of, pobj in prep_objects(head, frozenset({"of"})) for actor in referent(pobj, ctx)]
    return owners


def _leaders(head: Token) -> list[Token]:
    """ "forces led by General X", "units commanded by X": the agent of a participle of leading on the noun."""
    return [
        agent
        for child in head.children
        if child.dep_ == "acl" and lemma(child) in LEADING_VERBS and (agent := passive_agent(child)) is not None
    ]


def _sending_states(head: Token, ctx: Context) -> list[str]:
    """ "troops from Chad", "peacekeepers from Accra": a state's agents named from its country or capital act
    for it, as "Chad's troops" do."""
    if lemma(head) not in STATE_AGENT_NOUNS:
        return []
    places = [pobj for _from, pobj in prep_objects(head, frozenset({"from"})) if pobj.i in ctx.token_place]
    return [actor for place in places if (actor := state_of_place(place, ctx)) is not None]


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
    relative clauses; through a participle on a noun, its agent (the noun is what it is done to); through the
    gerund of an accusation, the accused ("accused X of killing"). Of two
    subjects the parser gives one verb ("... and dozens injured when Russian jets raided"), the nearest
    before it."""
    current: Token | None = verb
    for _ in range(4):
        if current is None:
            return None
        passive_ok = current.i != verb.i
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS or (passive_ok and c.dep_ == "nsubjpass")]
        if subjects:  # two subjects are a misparse: the one nearest before the verb is its own
            return next((child for child in reversed(subjects) if child.i < current.i), subjects[0])
        if (accused := _accused(current)) is not None:
            return accused
        if current.i != verb.i and reduced_passive(current):
            return passive_agent(current)  # "a tour aimed at pushing for ...": the tour is aimed, not the doer
        infinitival = any(child.lower_ == "to" and child.dep_ == "aux" for child in current.children)
        if current.dep_ in {"relcl", "acl"} and current.head.pos_ in {"NOUN", "PROPN"} and not infinitival:
            return _issuer(current.head)
        if current.dep_ == "acl" and current.head.pos_ == "NOUN":
            return _nominal_controller(current.head)
        if current.dep_ not in CONTROL_DEPS or current.head.i == current.i:
            return None
        current = current.head if current.head.pos_ in {"VERB", "AUX"} else _clause_head(current.head)
    return None


def _accused(gerund: Token) -> Token | None:
    """ "accused the regime of killing", "X was blamed for shelling": who an accusing verb's object (or passive
    subject) is did the deed of its "of"/"for" gerund."""
    prep = gerund.head
    if gerund.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in {"of", "for"}:
        return None
    holder = prep.head
    if holder.dep_ in {"dobj", "obj"} and lemma(holder.head) in ACCUSING_VERBS:
        return holder  # "accused [the regime of killing]", as the parser often hangs it
    return _accused_by(holder) if lemma(holder) in ACCUSING_VERBS else None


def _accused_by(verb: Token) -> Token | None:
    """Whom an accusing verb accuses: its object, or its subject when passive ("X was blamed")."""
    return next((child for child in verb.children if child.dep_ in {"dobj", "obj", "nsubjpass"}), None)


def _nominal_controller(noun: Token) -> Token | None:
    """Who does the act of an infinitive on a noun: the noun's own owner ("Japan's decision to send", "the
    right of X to fire", "a Russian plan to", read from the noun's phrase), else whoever the noun is the object of
    ("X issued a threat to", "X rejected an invitation to attend"); none when the noun is neither ("ties strained
    by a threat to boycott": whose threat is not said)."""
    for child in noun.children:
        named = child.dep_ in {"compound", "amod", "nmod"} and child.text[:1].isupper()  # "a Russian plan to"
        if child.dep_ == "poss" or named or (child.dep_ == "prep" and child.lower_ in {"of", "by"}):
            return noun
    if noun.dep_ in {"dobj", "obj"} and noun.head.pos_ in {"VERB", "AUX"}:
        return subject_of(noun.head)
    return None


def _issuer(noun: Token) -> Token:
    """ "X issued a declaration demanding ...": who demands is who issued the statement, "X approved a bill banning
    ..." who bans who passed the bill; "X committed a massacre
    claiming ten lives", "X launched raids killing ...": who kills is who carried out the act."""
    done = lemma(noun) in ACT_NOUNS and noun.dep_ == "dobj" and lemma(noun.head) in PERPETRATE_VERBS
    issued = lemma(noun) in STATEMENT_NOUNS | DECREE_NOUNS and noun.dep_ in {"dobj", "nsubjpass"}
    if issued or done:
        issuer = next((child for child in noun.head.children if child.dep_ in SUBJECT_DEPS), None)
        return issuer if issuer is not None else noun
    return noun


def _clause_head(token: Token) -> Token | None:
    """The nearest verb above ``token``."""
    current = token
    while current.head.i != current.i:
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            return current
    return None


def passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
    return None


def prep_objects(head: Token, preps: frozenset[str]) -> Iterator[tuple[str, Token]]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pobj":
                    yield child.lower_, grand


def _co_sources(verb: Token, ctx: Context) -> list[str]:
    """ "together with X", "jointly with X", "alongside X": X shares the source role."""
    found: list[str] = []
    adverbs = {child.lower_ for child in verb.children if child.dep_ == "advmod"}
    for prep, pobj in prep_objects(verb, frozenset({"with", "alongside"})):
        if prep == "alongside" or adverbs & {"together", "jointly"}:
            found.extend(argument_actors(pobj, ctx))
    return found


def nominal_participants(noun: Token, ctx: Context) -> tuple[list[str], list[str]]:
    """Source and target of an event noun: "truce between A and B", "attack by A on B", "Russian airstrikes
    on Idlib", "regime shelling of Douma"."""
    source: list[str] = []
    target: list[str] = []
    for prep, pobj in prep_objects(noun, NOMINAL_TARGET_PREPS | ISSUE_PREPS | {"between", "by", "of"}):
        if prep in ISSUE_PREPS and (agents := agents_of_act(pobj, ctx)):
            target.extend(agents)
            continue
        if prep not in NOMINAL_TARGET_PREPS | {"between", "by", "of"}:
            continue
        actors = argument_actors(pobj, ctx)
        if prep == "between":
            source, target = actors[:1], actors[1:]
        elif prep == "by":
            source = actors
        elif prep != "of" or lemma(noun) in ACT_NOUNS:
            target.extend(actors)
    if not source and lemma(noun) in ACT_NOUNS:
        source = [actor for actor in nominal_agents(noun, ctx) if actor not in target]  # claimants included
    return source, target


def _claimants(noun: Token, ctx: Context) -> list[str]:
    """ "X claimed responsibility for the attack", "X took credit for the bombing", "X was behind (responsible
    for) the attack", "held X responsible for", "blamed X for": X carried it out."""
    return [actor for doer in _answerable(noun) for actor in argument_actors(doer, ctx)]


def _answerable(noun: Token) -> list[Token]:
    """Who a clause holds to account for the act ``noun`` names (see :func:`_claimants`)."""
    holder = noun.head
    if noun.dep_ != "pobj":
        return []
    holds = holder.head
    if (holder.lower_ == "behind" and lemma(holds) == "be") or (holder.lower_ == "for" and holds.dep_ == "acomp"):
        subject = subject_of(holds if holder.lower_ == "behind" else holds.head)  # "X was responsible for"
        return [subject] if subject is not None else []
    if holder.lower_ == "for" and lemma(holds) == "responsible" and holds.head.pos_ in {"NOUN", "PROPN"}:
        return [holds.head]  # "held [X responsible] for the attack"
    if holder.lower_ in {"for", "of"} and lemma(holds) in ACCUSING_VERBS:  # "blamed X for", "accused X of"
        accused = _accused_by(holds)
        return [accused] if accused is not None else []
    claimed = holder.lower_ == "for" and lemma(holds) in RESPONSIBILITY_NOUNS and holds.dep_ in {"dobj", "obj"}
    subject = subject_of(holds.head) if claimed and lemma(holds.head) in CLAIMING_VERBS else None
    return [subject] if subject is not None else []


def nominal_agents(noun: Token, ctx: Context) -> list[str]:
    """Who carried out an act a noun names: the noun itself when it is an actor's ("Russian airstrikes"), its
    modifiers ("Assad regime airstrikes"), or the agent of a participle on it ("an airstrike carried out by the
    coalition", "rockets fired by militants")."""
    if noun.i in ctx.token_actor:
        return [ctx.token_actor[noun.i]]
    found: list[str] = _claimants(noun, ctx)
    for child in noun.children:
        if child.dep_ in {"compound", "amod", "poss", "nmod"}:
            found += (
                actors_in(child.subtree, ctx)
                or referent(child, ctx)
                or leading_state(child, ctx)
                or _country_modifiers(child, ctx)
            )
        elif child.dep_ in {"acl", "relcl"} and (agent := passive_agent(child)) is not None:
            found += argument_actors(agent, ctx)
        elif child.dep_ == "acl" and lemma(child) in BLAME_VERBS:  # "a bombing blamed on X"
            found += [
                actor
                for _on, pobj in prep_objects(child, frozenset({"on", "to"}))
                for actor in argument_actors(pobj, ctx)
            ]
        elif child.dep_ == "prep" and child.lower_ == "by":  # "air strikes by Syrian regime war planes"
            found += [
                actor for grand in child.children if grand.dep_ == "pobj" for actor in argument_actors(grand, ctx)
            ]
    return unique(found)


def _country_modifiers(modifier: Token, ctx: Context) -> list[str]:
    """ "US Predator attacks", "Turkish army drone strikes": a country named in an act noun's modifier, with no
    actor there, is the state that carried the act out."""
    for token in modifier.subtree:
        place_id = ctx.token_place.get(token.i)
        if place_id is not None and ctx.places[place_id].feature == "country":
            return [actor] if (actor := state_of_place(token, ctx)) is not None else []
        if place_id is None and token.pos_ == "PROPN" and (actor := named_state(token, ctx)) is not None:
            return [actor]
    return []


def agents_of_act(noun: Token, ctx: Context) -> list[str]:
    """ "an inquiry into killings carried out by the militia", "protests over the shooting by police": who did
    the act an inquiry, accusation or protest is about (its agents become that event's target)."""
    if lemma(noun) not in ACT_NOUNS | CRIME_NOUNS:
        return []
    return nominal_agents(noun, ctx)


def means_agents(verb: Token, ctx: Context) -> list[str]:
    """Who killed, when the clause names only the means: "killed in Russian airstrikes", "killed by a rocket
    fired by militants", "died at the hands of ISIL"."""
    means_phrases = [*prep_objects(verb, MEANS_PREPS | {"at"}), *_gerund_objects(verb, MEANS_PREPS), *_causes(verb)]
    for prep, means in means_phrases:
        pobj = _counted_act(means)
        if prep == "at" and lemma(pobj) == "hand":
            owners = [owner for _of, owner in prep_objects(pobj, frozenset({"of"}))]
            return unique(actor for owner in owners for actor in argument_actors(owner, ctx))
        if prep != "at" and lemma(pobj) in COMBAT_NOUNS:
            opponents = [obj for _with, obj in prep_objects(pobj, frozenset({"with", "against"}))]
            found = [actor for obj in opponents for actor in argument_actors(obj, ctx)]
            if found:
                return found  # "29 rebels were killed in clashes with regime troops": the other side killed them
        if prep != "at" and _doer_of_gerund(pobj):
            found = argument_actors(pobj, ctx)
            if found:
                return found  # "killed in regime shelling", read by the parser as "regime" with a participle
        if prep != "at" and (lemma(pobj) in ACT_NOUNS or pobj.lower_ in ACT_NOUNS):
            by_objects = [by_object for _by, by_object in prep_objects(pobj, frozenset({"by"}))]
            found = nominal_agents(pobj, ctx) or [actor for obj in by_objects for actor in argument_actors(obj, ctx)]
            if found:
                return found
    return _deliverers(verb, ctx)


def _deliverers(verb: Token, ctx: Context) -> list[str]:
    """ "killed in barrel bomb attacks dropped by regime warplanes", the participle hung by the parser on the
    killing verb (as a clause or a conjunct): the agent of a participle of attack or delivery there delivered
    the means."""
    for child in verb.children:
        if child.dep_ in {"advcl", "conj"} and child.tag_ == "VBN" and lemma(child) in DELIVERY_VERBS:
            agent = passive_agent(child)
            if agent is not None:
                return argument_actors(agent, ctx)
    return []


def _causes(verb: Token) -> Iterator[tuple[str, Token]]:
    """The object of a two-word preposition of cause ("killed due to a car bomb attack", "because of"), which
    the parser hangs on its first word; also on a verb coordinated with it ("killed and injured due to ...")."""
    verbs = [verb, *(child for child in verb.children if child.dep_ == "conj" and child.pos_ == "VERB")]
    for child in (child for clause in verbs for child in clause.children):
        if child.dep_ == "prep" and child.lower_ in CAUSE_PREPS:
            words = [child, *(grand for grand in child.children if grand.dep_ == "pcomp")]  # "to" hung either way
            for grand in (grand for word in words for grand in word.children):
                if grand.dep_ == "pobj":
                    yield "by", grand


def _counted_act(noun: Token) -> Token:
    """The acts a noun of number counts ("a series of Russian air strikes": the strikes), else the noun."""
    if lemma(noun) not in SERIES_NOUNS:
        return noun
    acts = [obj for _of, obj in prep_objects(noun, frozenset({"of"})) if lemma(obj) in ACT_NOUNS]
    return acts[0] if acts else noun


def _doer_of_gerund(noun: Token) -> bool:
    """A bare noun with an attack participle on it ("regime shelling", "army bombing"): the doer of the act."""
    return not any(child.dep_ == "det" for child in noun.children) and any(
        child.dep_ == "acl" and child.tag_ == "VBG" and lemma(child) in ATTACK_VERBS for child in noun.children
    )


def _gerund_objects(head: Token, preps: frozenset[str]) -> Iterator[tuple[str, Token]]:
    """The gerund a preposition governs ("killed in shelling by X": the parser makes "shelling" a verb)."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grand in child.children:
                if grand.dep_ == "pcomp" and grand.tag_ == "VBG":
                    yield child.lower_, grand


def _attacker_of_when_clause(verb: Token, ctx: Context) -> list[str]:
    """ "Two people were killed as regime forces attacked the village", "... when gunmen executed them": the
    subject of an attack or a killing told in a clause of time (as, when, after, while) is who killed."""
    for clause in verb.children:
        marks = {child.lower_ for child in clause.children if child.dep_ in {"mark", "advmod"}}  # "when": advmod
        act = lemma(clause)
        if clause.dep_ == "advcl" and marks & TIME_MARKS and (act in ATTACK_VERBS or act in KILLING_VERBS):
            subject = next((child for child in clause.children if child.dep_ in SUBJECT_DEPS), None)
            if subject is not None:
                return argument_actors(subject, ctx)
    return []


NOMINAL_HEADS = frozenset({"NOUN", "PROPN", "NUM", "PRON", "ADJ"})  # "villagers", "20", "others", "many" injured


def reduced_passive(verb: Token) -> bool:
    """ "farms seized by the rebels", "many injured in the raid": a past participle modifying a noun (or a
    quantity: "20", "others", "many") is a passive whose subject is that noun; one with a direct object is a
    finite verb the parser misread ("... AFP government air strikes killed 16 civilians" in a run-on headline)."""
    objects = any(child.dep_ in {"dobj", "obj"} for child in verb.children)
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in NOMINAL_HEADS and not objects


def headline_passive(verb: Token) -> bool:
    """ "Sixty fighters killed in air strikes": a killing verb with a counted subject and no object, on it or on
    a verb coordinated with it, is a passive told without its auxiliary (headline style); the subject died."""
    if lemma(verb) not in KILLING_VERBS:
        return False
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    counted = subject is not None and any(token.like_num for token in subject.subtree if token.i < subject.i)
    clauses = [verb, *(child for child in verb.children if child.dep_ == "conj" and child.pos_ == "VERB")]
    return counted and not any(child.dep_ in OBJECT_DEPS for clause in clauses for child in clause.children)


def _antecedent(argument: Token, verb: Token) -> Token:
    """The noun a relative pronoun subject stands for ("the curfew that was imposed": the curfew)."""
    if verb.dep_ == "relcl" and argument.tag_ in RELATIVE_TAGS and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return argument


def _doer_antecedent(subject: Token, verb: Token, ctx: Context) -> Token:
    """The doer a relative pronoun subject stands for: the noun of "who" ("the envoy, who met"), the actor
    of "which"/"that" ("Ethiopia, which backs"); not a noun of an act, which the parser often takes for the
    antecedent ("an escalation by X and allies including Y which fired")."""
    antecedent = _antecedent(subject, verb)
    if antecedent.i == subject.i or subject.lower_ in {"who", "whom"} or antecedent.i in ctx.token_actor:
        return antecedent
    return subject


def verb_participants(verb: Token, ctx: Context) -> tuple[list[str], list[str]]:
    """Source and target actors of an event verb."""
    headline = headline_passive(verb)
    passive = reduced_passive(verb) or headline or any(child.dep_ == "nsubjpass" for child in verb.children)
    subject = passive_agent(verb) if passive else subject_of(verb)
    subject = _doer_antecedent(subject, verb, ctx) if subject is not None else None
    source = argument_actors(subject, ctx) if subject is not None else []
    if not source and subject is not None and subject.lower_ in REPORTED_PRONOUNS:
        source = _speaker_of(subject, ctx)
    act = _antecedent(subject, verb) if subject is not None else None  # "a bombing that killed ...": the bombing
    act = act if act is not None and lemma(act) in ACT_NOUNS else _relative_act(verb)
    if not source and act is not None:
        source = nominal_agents(act, ctx)  # "an airstrike carried out by the coalition killed ..."
    if not source:
        source = means_agents(verb, ctx) or _attacker_of_when_clause(verb, ctx)
    source += [actor for actor in _co_sources(verb, ctx) if actor not in source]
    target: list[str] = argument_actors(verb.head, ctx) if reduced_passive(verb) else []
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS or (passive and child.dep_ == "nsubjpass") or (headline and child.dep_ == "nsubj"):
            target += argument_actors(_antecedent(child, verb), ctx) or _authors(child, ctx)
            noun_source, noun_target = nominal_participants(child, ctx)
            source = source or noun_source
            target += noun_source if source != noun_source else []
            target += noun_target
    for prep, pobj in prep_objects(verb, TARGET_PREPS | LOCATIVE_PREPS | ISSUE_PREPS):
        target += (argument_actors(pobj, ctx) or _authors(pobj, ctx)) if prep in TARGET_PREPS else []
        target += agents_of_act(pobj, ctx) if prep in ISSUE_PREPS else []
        target += nominal_participants(pobj, ctx)[1]
    target += _purpose_targets(verb, ctx)
    target += _complement_subjects(verb, ctx)
    target = target or _intended_targets(verb, ctx)
    return source, unique([actor for actor in target if actor not in source])


def _relative_act(verb: Token) -> Token | None:
    """ "the attack in which 600 were killed", "a raid during which ...": the act noun a relative clause tells of
    through a preposition."""
    if verb.dep_ != "relcl" or lemma(verb.head) not in ACT_NOUNS:
        return None
    relative = [pobj for _prep, pobj in prep_objects(verb, MEANS_PREPS) if pobj.tag_ in RELATIVE_TAGS]
    return verb.head if relative else None


def _authors(thing: Token, ctx: Context) -> list[str]:
    """ "vetoed a resolution drafted by Britain", "shelled positions held by the rebels", "protested against a
    tax imposed by the government": who made, holds or did a thing an act is aimed at is the act's target."""
    return [
        actor
        for child in thing.children
        if child.dep_ in {"acl", "relcl"} and (agent := passive_agent(child)) is not None
        for actor in argument_actors(agent, ctx)
    ]


def _speaker_of(pronoun: Token, ctx: Context) -> list[str]:
    """ "Syria says it will withdraw": a pronoun subject of reported speech stands for the speaker."""
    current = pronoun.head
    while current.dep_ in {"ccomp", "xcomp", "conj"} and current.head.i != current.i:
        current = current.head
        if lemma(current) in REPORT_VERBS:
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
                targets += argument_actors(grand, ctx) + nominal_participants(grand, ctx)[1]
        for _prep, pobj in prep_objects(child, TARGET_PREPS):
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
            for _prep, pobj in prep_objects(child, frozenset({"against"})):
                targets += argument_actors(pobj, ctx)
    return targets


def _complement_subjects(verb: Token, ctx: Context) -> list[str]:
    """ "demanded that X cancel", "urged X to": the addressee of a demand or appeal is its target."""
    if lemma(verb) in REPORT_VERBS:
        return []
    found: list[str] = []
    for child in verb.children:
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS), None)
            found += argument_actors(subject, ctx) if subject is not None else []
    return found


def demand_participants(
    speaker: Token, participants: tuple[list[str], list[str]], ctx: Context
) -> tuple[list[str], list[str]]:
    """ "X said Y must withdraw": X asks, Y is asked (Y was coded as the source of the demanded act)."""
    subject = next((child for child in speaker.children if child.dep_ in SUBJECT_DEPS), None)
    source = argument_actors(subject, ctx) if subject is not None else []
    asked = participants[0] or participants[1]
    return source, [actor for actor in asked if actor not in source]
