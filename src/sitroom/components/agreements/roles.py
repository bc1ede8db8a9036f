"""Who takes which role in an agreement, from the syntax around one of its mentions.

- parties: "between A and B"; "with B" (and the subject that has, signs or reaches it); the subject or agent
  of agree, reach, sign, declare, join, have, hold; "involved in it", "party to it"; a possessor ("Russia's
  moratorium", "its ceasefire"); two sides joined by a hyphen ("the US-Russia agreement");
- mediators: the subject or agent of broker, mediate, sponsor, host; the names before "-brokered"; the
  subject of agree when "between" already names the parties; who hosted or brokered the talks that led to
  it ("Egypt hosted talks that led to a truce"); the mediation it was reached under ("under Qatari mediation");
- guarantors: back, endorse, guarantee, support; monitors: monitor, supervise, oversee, and observers;
- excluded: "excludes X", "does not include X", "X is not party to it", "not covered by it";
- proposers: the subject of propose, call for, urge, ask for, demand ("the UN called for a truce"), which
  is no party to what it proposes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from sitroom.components.agreements.detection import Mention, phrase_start
from sitroom.components.agreements.fillers import Fillers
from sitroom.components.agreements.syntax import (
    ACTIVE_SUBJECT_DEPS,
    RELATIVE_PRONOUNS,
    SUBJECT_DEPS,
    agents,
    antecedent,
    attached_clauses,
    clause_subject_actor_token,
    conjuncts,
    governing_word,
    is_negated,
    is_passive,
    is_pronoun,
    is_verb,
    lemma,
    possessor,
    prep_objects,
    subjects,
)
from sitroom.components.agreements.vocabulary import (
    ATTACHABLE_VERBS,
    COVERING_VERBS,
    EXCLUDING_VERBS,
    MEDIATION_NOUNS,
    MEDIATION_PREPOSITIONS,
    MONITORING_NOUNS,
    OBSERVER_NOUNS,
    OUTCOME_NOUNS,
    OUTCOME_VERBS,
    PARTY_NOUNS,
    PLAN_NOUNS,
    PROPOSING_VERBS,
    ROLE_VERBS,
    TALK_NOUNS,
)
from sitroom.record import AgreementRoleName

BETWEEN = frozenset({"between"})
THIRD_ROLES = frozenset({"mediator", "guarantor", "monitor"})  # roles of others than the parties
WITH = frozenset({"with"})
IN_TO = frozenset({"in", "to"})
# Pronouns that may stand for the speaker of a reported clause, and whether they are plural.
SPEAKER_PRONOUNS = {"it": False, "they": True, "we": True}
SPEECH_VERBS = frozenset({"say", "announce", "state", "confirm", "tell", "add", "insist"})
# Verbs whose doers are mediators once "between" names the parties ("Egypt negotiated a truce between A and B").
AGREEING_VERBS = frozenset({"agree", "reach", "declare", "announce", "sign", "conclude", "negotiate"})
MAX_SIDE_WORDS = 6
# Nouns naming a role: "Iran is a guarantor of the ceasefire", "Turkey, the sponsor of the deal".
ROLE_NOUNS: dict[str, AgreementRoleName] = {
    "guarantor": "guarantor",
    "mediator": "mediator",
    "broker": "mediator",
    "sponsor": "mediator",
    "monitor": "monitor",
    "observer": "monitor",
    "signatory": "party",
    "party": "party",
}
HYPHEN_ROLES: dict[str, AgreementRoleName] = {
    "brokered": "mediator",
    "mediated": "mediator",
    "sponsored": "mediator",
    "backed": "guarantor",
    "guaranteed": "guarantor",
    "endorsed": "guarantor",
    "monitored": "monitor",
    "supervised": "monitor",
}


@dataclass
class RoleHit:
    """Actors the text gives one role in the agreement of one mention."""

    role: AgreementRoleName
    actors: list[str]
    agreeing: bool = False  # the subject of "agree", "reach", "declare": a mediator when "between" names parties


def mention_roles(mention: Mention, fillers: Fillers) -> list[RoleHit]:
    """Every role the syntax around ``mention`` gives, parties first."""
    head = mention.head
    hits = [hit for hit in _all_hits(head, fillers) if hit.actors]
    between = any(hit.role == "party" and hit.actors for hit in _between(head, fillers))
    if between:
        hits = [_as_mediator(hit) for hit in hits]
    return hits


def _all_hits(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    yield from _between(head, fillers)
    yield from _with(head, fillers)
    yield from _prefix(head, fillers)
    yield from _possessor(head, fillers)
    yield from _modifying_clauses(head, fillers)
    yield from _governing_verb(head, fillers)
    yield from _monitoring_noun(head, fillers)
    yield from _role_noun(head, fillers)
    yield from _excluded(head, fillers)
    yield from _agreeing_clauses(head, fillers)
    yield from _talks_that_led(head, fillers)
    yield from _under_mediation(head, fillers)
    yield from _proposer(head, fillers)


def _as_mediator(hit: RoleHit) -> RoleHit:
    """Once "between" names the parties, those who agree to it bring it about: mediators."""
    return RoleHit("mediator", hit.actors) if hit.agreeing else hit


def _between(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "a truce between A and B"; also "brokered a truce between A and B", the phrase hung on the verb."""
    hosts = [head]
    if head.dep_ in {"dobj", "nsubj", "nsubjpass"} and is_verb(head.head) and lemma(head.head) in ROLE_VERBS:
        hosts.append(head.head)
    hosts += [noun for host in list(hosts) for noun in _mediation_nouns(host)]  # "under X auspices between A and B"
    for _prep, obj in (pair for host in hosts for pair in prep_objects(host, BETWEEN)):
        yield RoleHit("party", _between_sides(obj, fillers))


def _between_sides(obj: Token, fillers: Fillers) -> list[str]:
    """The actors of the object of "between": its conjuncts, or, where the parser lost the second side,
    the noun phrase right after its "and" ("between the army and the rebels")."""
    sides = conjuncts(obj)
    if len(sides) == 1 and (other := _after_and(obj)) is not None:
        sides.append(other)
    return [actor for side in sides for actor in fillers.actors(side)]


def _after_and(noun: Token) -> Token | None:
    """The head of the noun phrase right after "and" that follows ``noun``'s phrase."""
    doc = noun.doc
    dangling = [child.i for child in noun.children if child.dep_ == "cc" and child.lower_ == "and"]
    position = dangling[0] if dangling else noun.right_edge.i + 1
    if position >= len(doc) or doc[position].lower_ != "and":
        return None
    last: Token | None = None
    for token in doc[position + 1 : position + 1 + MAX_SIDE_WORDS]:
        if token.pos_ in {"NOUN", "PROPN"}:
            last = token
        elif last is not None or token.pos_ not in {"DET", "ADJ", "PUNCT"}:
            break
    return last


def _with(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    for _prep, obj in prep_objects(head, WITH):
        yield RoleHit("party", fillers.actors(obj))


def _prefix(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """Names joined by hyphens before the noun: "US-Russia truce" (parties), "US-Russian-brokered" or
    "Russian-US brokered" (mediators)."""
    doc = head.doc
    for chain in _hyphen_chains(doc[phrase_start(head) : head.i]):
        names = [token for token in chain if token.text != "-" and token.lower_ not in HYPHEN_ROLES]
        following = doc[chain[-1].i + 1] if chain[-1].i + 1 < head.i else None
        role_word = next((t.lower_ for t in chain if t.lower_ in HYPHEN_ROLES), None)
        if role_word is None and following is not None and following.lower_ in HYPHEN_ROLES:
            role_word = following.lower_
        actors = [actor for token in names if (actor := fillers.name(token)) is not None]
        if role_word is not None:
            yield RoleHit(HYPHEN_ROLES[role_word], list(dict.fromkeys(actors)))
        elif len(actors) >= 2:
            yield RoleHit("party", list(dict.fromkeys(actors)))


def _hyphen_chains(tokens: Span) -> list[list[Token]]:
    """Runs of words joined by hyphens without spaces ("US-Russian-brokered")."""
    chains: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if current and not current[-1].whitespace_ and (token.text == "-" or current[-1].text == "-"):
            current.append(token)
            continue
        if len(current) >= 3:
            chains.append(current)
        current = [token]
    if len(current) >= 3:
        chains.append(current)
    return chains


def _possessor(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    lost = [
        child for child in head.lefts if child.dep_ in {"compound", "nmod", "amod"} and fillers.lost_possessive(child)
    ]
    if lost:
        yield RoleHit("party", [a for child in lost for a in fillers.actors(child)])
    owner = possessor(head)
    if owner is None:
        return
    if is_pronoun(owner):
        resolved = clause_subject_actor_token(head)
        if resolved is not None:
            yield RoleHit("party", fillers.actors(resolved))
        return
    yield RoleHit("party", fillers.actors(owner))


def _modifying_clauses(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "a truce agreed by Russia", "a ceasefire that Turkey and Russia brokered", "Damascus and militant
    groups involved in the ceasefire"."""
    for clause in attached_clauses(head, ATTACHABLE_VERBS):
        role = ROLE_VERBS.get(lemma(clause))
        if role is None:
            continue
        role = _observer_role(clause, role)
        doers = agents(clause) if _set_off(head, clause) or clause.dep_ == "conj" else _doers(clause)
        actors = [a for doer in doers for a in fillers.actors(doer)]
        yield _hit(role, actors, agreeing=lemma(clause) in AGREEING_VERBS)
        for prep, obj in prep_objects(clause, BETWEEN | WITH):
            yield RoleHit("party", _between_sides(obj, fillers) if prep.lower_ in BETWEEN else fillers.actors(obj))
        if role == "party":  # "a deal reached by A with B": the "with" phrase hung on the agent
            yield RoleHit(
                "party",
                [a for doer in agents(clause) for _w, obj in prep_objects(doer, WITH) for a in fillers.actors(obj)],
            )
    if head.dep_ == "pobj" and head.head.lower_ == "in" and lemma(head.head.head) == "involve":
        yield RoleHit("party", [a for noun in conjuncts(head.head.head.head) for a in fillers.actors(noun)])


def _set_off(head: Token, clause: Token) -> bool:
    """A participle set off by a dash or comma right after the mention's phrase ("zones - endorsed by X -"), however
    the parser hung it: a parenthetical on the mention, whose doers are its "by" agents (as are those of a
    participle coordinated with one on the mention: "brokered by X and backed by Y")."""
    between = head.doc[head.right_edge.i + 1 : clause.i]
    return clause.tag_ == "VBN" and len(between) > 0 and all(token.is_punct for token in between)


def _hit(role: AgreementRoleName, actors: list[str], *, agreeing: bool) -> RoleHit:
    return RoleHit(role, actors, agreeing and role == "party")


def _observer_role(verb: Token, role: AgreementRoleName) -> AgreementRoleName:
    """Observers observe a truce; a party observes (keeps) it."""
    if lemma(verb) != "observe":
        return role
    doers = agents(verb) or subjects(verb) or ([verb.head] if verb.dep_ == "acl" else [])
    return "monitor" if any(lemma(doer) in OBSERVER_NOUNS for doer in doers) else role


def _governing_verb(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """The verb whose object (or prepositional object) the mention is: its subject, or its agent; through a
    plan or proposal for it ("agreed on a plan for a ceasefire")."""
    word, prep = governing_word(head)
    if word is not None and prep is not None and prep.lower_ in {"for", "of"} and lemma(word) in PLAN_NOUNS:
        head = word
        word, prep = governing_word(head)
    if word is None:
        return
    if prep is not None and prep.lower_ not in IN_TO | {"on", "upon", "with"}:
        return
    verb = word
    if prep is None and head.dep_ not in {"dobj", "nsubjpass", "attr", "oprd"}:
        return
    if not is_verb(verb) or is_negated(verb):
        return
    role = ROLE_VERBS.get(lemma(verb))
    if role is None and verb.dep_ == "xcomp" and ROLE_VERBS.get(lemma(verb.head)) is not None:
        role, verb = ROLE_VERBS[lemma(verb.head)], verb.head  # "agreed to join the ceasefire"
    if role is None and verb.dep_ in {"xcomp", "advcl"} and lemma(verb) in {"monitor", "observe", "supervise"}:
        role, verb = "monitor", verb.head  # "a mechanism was established by X to monitor the ceasefire"
    if role is None:
        return
    role = _observer_role(verb, role)
    actors = [actor for doer in _doers(verb) for actor in fillers.actors(doer)]
    yield _hit(role, actors, agreeing=lemma(verb) in AGREEING_VERBS)
    for _prep, obj in prep_objects(verb, WITH):
        yield RoleHit("party", fillers.actors(obj))
    for clause in _trailing_participles(verb):
        yield RoleHit(ROLE_VERBS[lemma(clause)], [a for doer in agents(clause) for a in fillers.actors(doer)])


def _trailing_participles(verb: Token) -> list[Token]:
    """ "signed a truce with the army, mediated by Qatar": a participle set off by a comma after the clause
    whose object the mention is, with a "by" agent, brokering, backing or monitoring what was signed."""
    return [
        clause
        for clause in verb.children
        if clause.dep_ == "advcl"
        and clause.tag_ == "VBN"
        and clause.i > verb.i
        and clause.doc[clause.i - 1].is_punct
        and ROLE_VERBS.get(lemma(clause)) in THIRD_ROLES
        and agents(clause)
    ]


def _doers(verb: Token) -> list[Token]:
    """Who does what ``verb`` says: its agent, its subject, or the noun its participle modifies."""
    if is_passive(verb):
        return agents(verb)
    own = [item for subject in subjects(verb, ACTIVE_SUBJECT_DEPS) for item in _speaker_for(subject, verb)]
    if not own and verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]  # "military figures observing this truce"
    if not own and verb.dep_ in {"advcl", "xcomp"} and verb.head != verb and is_verb(verb.head):
        return _doers(verb.head)  # "a mechanism was established by X to monitor the ceasefire"
    return own


def _speaker_for(subject: Token, verb: Token) -> list[Token]:
    """A pronoun subject of a reported clause stands for the speaker of the same number: "the rebels said
    they had agreed to the truce" → rebels."""
    if subject.lower_ not in SPEAKER_PRONOUNS or verb.dep_ != "ccomp" or lemma(verb.head) not in SPEECH_VERBS:
        return [subject]
    speakers = subjects(verb.head, ACTIVE_SUBJECT_DEPS)
    plural = len(speakers) > 1 or any(speaker.tag_ in {"NNS", "NNPS"} for speaker in speakers)
    if not speakers or is_pronoun(speakers[0]) or plural != SPEAKER_PRONOUNS[subject.lower_]:
        return [subject]
    return speakers


def _monitoring_noun(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "the Russian centre for monitoring and coordination of the cessation of hostilities"."""
    word, prep = governing_word(head)
    if word is None or prep is None or prep.lower_ != "of":
        return
    while word.dep_ == "conj" and word.head != word:
        word = word.head
    if lemma(word) not in MONITORING_NOUNS:
        return
    if lemma(word) in {"monitor", "observer"}:
        yield RoleHit("monitor", fillers.actors(word))
    elif word.dep_ == "pobj" and word.head.lower_ == "for" and word.head.head.pos_ in {"NOUN", "PROPN"}:
        yield RoleHit("monitor", fillers.actors(word.head.head))


def _role_noun(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "Iran is a guarantor of the ceasefire", "Turkey, Russia and Iran, the guarantors of the agreement"."""
    word, prep = governing_word(head)
    if word is None or prep is None or prep.lower_ not in {"of", "to"} or lemma(word) not in ROLE_NOUNS:
        return
    if lemma(word) in PARTY_NOUNS:
        return  # "party to" and "part of" are read with their negation in _excluded
    role = ROLE_NOUNS[lemma(word)]
    if word.dep_ == "appos":
        yield RoleHit(role, fillers.actors(word.head))
    elif word.dep_ in {"attr", "dobj"} and is_verb(word.head):
        yield RoleHit(role, [a for s in word.head.children if s.dep_ == "nsubj" for a in fillers.actors(s)])


def _agreeing_clauses(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """In the mention's sentence, who agreed or promised to do something: "the US and Russia agreed to halt
    bombing ... the deal's shaky implementation"."""
    sentence = head.sent
    for verb in sentence:
        if lemma(verb) != "agree" or not is_verb(verb) or is_negated(verb):
            continue
        if not any(child.dep_ == "xcomp" and is_verb(child) for child in verb.children):
            continue
        if head.head == verb or head.head.head == verb:
            continue  # the agreement is what was agreed: its own roles say who
        yield RoleHit("party", [a for doer in _doers(verb) for a in fillers.actors(doer)])


def _excluded(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "The deal excludes X", "the truce does not include areas where X are", "X is not party to it"."""
    if head.dep_ == "nsubj" and is_verb(head.head):
        verb = head.head
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
        for item in verbs:
            verb_lemma = lemma(item)
            if verb_lemma in EXCLUDING_VERBS or (verb_lemma in COVERING_VERBS and is_negated(item)):
                objects = [c for c in item.children if c.dep_ in {"dobj", "obj"}]
                yield RoleHit("excluded", [a for obj in objects for a in _actors_in(obj, fillers)])
    if head.dep_ == "relcl" or any(c.dep_ == "relcl" for c in head.children):
        for clause in (c for c in head.children if c.dep_ == "relcl"):
            for item in [clause, *(c for c in clause.children if c.dep_ == "conj")]:
                if lemma(item) in EXCLUDING_VERBS:
                    objects = [c for c in item.children if c.dep_ in {"dobj", "obj"}]
                    yield RoleHit("excluded", [a for obj in objects for a in _actors_in(obj, fillers)])
    word, prep = governing_word(head)
    if word is None or prep is None:
        return
    if prep.lower_ in {"to", "of"} and lemma(word) in PARTY_NOUNS and word.head != word:
        copula = word.head
        owners = [s for s in copula.children if s.dep_ in SUBJECT_DEPS]
        role: AgreementRoleName = "excluded" if is_negated(copula) or _negated_noun(word) else "party"
        yield RoleHit(role, [a for owner in owners for a in fillers.actors(owner)])
    if prep.lower_ == "by" and lemma(word) in COVERING_VERBS and is_negated(word):
        owners = [s for s in word.children if s.dep_ in SUBJECT_DEPS]
        yield RoleHit("excluded", [a for owner in owners for a in fillers.actors(owner)])


def _negated_noun(noun: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ == "no" for child in noun.children)


def _actors_in(phrase: Token, fillers: Fillers) -> list[str]:
    """Actors of a phrase and of the clauses inside it ("areas where IS and Jabhat Fath al-Sham are")."""
    found = fillers.actors(phrase)
    for token in phrase.subtree:
        if token.dep_ in SUBJECT_DEPS and token.head.dep_ == "relcl":
            found += [a for a in fillers.actors(token) if a not in found]
    return found


def _talks_that_led(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "Egypt hosted talks that led to a truce", "negotiations sponsored by Qatar produced the deal": who
    brought about the talks mediated what they brought about."""
    outcome = _outcome_verb(head)
    if outcome is None:
        return
    for subject in (child for child in outcome.children if child.dep_ in SUBJECT_DEPS):
        talks = antecedent(subject) if subject.lower_ in RELATIVE_PRONOUNS else subject
        if talks is None or lemma(talks) not in TALK_NOUNS:
            continue
        verbs = [child for child in talks.children if child.dep_ == "acl" and is_verb(child)]
        if talks.dep_ in {"dobj", "nsubjpass"} and is_verb(talks.head):
            verbs.append(talks.head)
        for verb in verbs:
            if ROLE_VERBS.get(lemma(verb)) == "mediator" and not is_negated(verb):
                yield RoleHit("mediator", [a for doer in _doers(verb) for a in fillers.actors(doer)])


def _outcome_verb(head: Token) -> Token | None:
    """The verb whose outcome the mention is: "led to (the creation of) it", "resulted in it", "produced it"."""
    current = head
    word, prep = governing_word(current)
    if word is not None and prep is not None and prep.lower_ == "of" and lemma(word) in OUTCOME_NOUNS:
        current = word
        word, prep = governing_word(current)
    if word is None or not is_verb(word):
        return None
    if prep is None:
        direct = current.dep_ == "dobj" and lemma(word) in OUTCOME_VERBS and OUTCOME_VERBS[lemma(word)] is None
        return word if direct else None
    return word if OUTCOME_VERBS.get(lemma(word)) == prep.lower_ else None


def _proposer(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "The UN called for aid access and weekly pauses", "Egypt proposed a ceasefire": the proposing verb's
    subject (or agent), the mention its object or the object of its "for", or a conjunct of either; "a
    truce proposed by Egypt", "the deal that Qatar offered": the doers of a proposing clause on it."""
    for clause in attached_clauses(head, frozenset()):
        if lemma(clause) in PROPOSING_VERBS and not is_negated(clause):
            yield RoleHit("proposer", [a for doer in _doers(clause) for a in fillers.actors(doer)])
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    word, prep = governing_word(head)
    if word is None or not is_verb(word) or lemma(word) not in PROPOSING_VERBS or is_negated(word):
        return
    if (prep is None and head.dep_ != "dobj") or (prep is not None and prep.lower_ != "for"):
        return
    yield RoleHit("proposer", [a for doer in _doers(word) for a in fillers.actors(doer)])


def _under_mediation(head: Token, fillers: Fillers) -> Iterator[RoleHit]:
    """ "a truce reached under Russian mediation", "the deal, under the auspices of the UN": the mediator."""
    hosts = [head]
    if head.dep_ in {"dobj", "nsubjpass", "nsubj"} and is_verb(head.head):
        hosts.append(head.head)
    for noun in (noun for host in hosts for noun in _mediation_nouns(host)):
        owners = [c for c in noun.children if c.dep_ in {"amod", "compound", "poss"}]
        owners += [obj for _of, obj in prep_objects(noun, frozenset({"of"}))]
        yield RoleHit("mediator", [a for owner in owners for a in _owner_actors(owner, fillers)])


def _owner_actors(owner: Token, fillers: Fillers) -> list[str]:
    """The actors of a name or demonym ("Russian", "Qatar's") or of a noun phrase ("the UN")."""
    if owner.dep_ == "pobj":
        return fillers.actors(owner)
    named = fillers.name(owner)
    return [named] if named is not None else fillers.actors(owner)


def _mediation_nouns(host: Token) -> list[Token]:
    """The mediation ``host`` was reached under: "under Russian mediation", "under the auspices of the UN" (the
    tagger's lemma of "auspices" is "auspex")."""
    return [
        noun
        for _prep, noun in prep_objects(host, MEDIATION_PREPOSITIONS)
        if lemma(noun) in MEDIATION_NOUNS or noun.lower_ in MEDIATION_NOUNS
    ]
