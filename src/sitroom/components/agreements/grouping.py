"""Which mentions name the same agreement: one document's mentions, read in order, become agreements.

A mention joins the most recently mentioned agreement it fits, else starts one. It fits when the kinds
are of one family (ceasefires, truces, pauses, cessations of hostilities and de-escalation zones; or
evacuations and reconciliation deals; a bare "deal" or "agreement" fits any), the scopes agree ("local"
against "nationwide"), no year stated for one contradicts the other ("the 2013 agreement"), and, for an
indefinite mention, the actors overlap when both name some. An indefinite mention of a specific kind ("a
withdrawal deal", "a nationwide ceasefire between A and B") joins only an agreement already called by a
kind of its group (ceasefire, truce and cessation of hostilities are one group; pauses, zones, population
deals each another), an indefinite "deal" naming actors only one that has them all or two of them; a
definite or bare one ("the truce", "the deal") refers back, to its own kind first; to an agreement only
ever called by other kinds only while it is being discussed (``DISCUSSION_REACH`` sentences after its last
mention: "the cessation of hostilities" a dozen sentences after "a nationwide truce" declared by one side
is another agreement, not that truce). A mention that depends
on an earlier one in its sentence ("a zone agreed under a deal") is that agreement; one with a duration
("a three-hour ceasefire") is the agreement of that duration, when there is one."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from sitroom.components.agreements.detection import Mention
from sitroom.components.agreements.roles import RoleHit
from sitroom.components.agreements.status import StatusHit
from sitroom.knowledge.agreement_kinds import FAMILIES, GENERIC_KIND, KIND_GROUPS

ATTACHMENT_REACH = 4
DISCUSSION_REACH = 8  # sentences after an agreement's last mention that a mention of another kind refers back


@dataclass
class MentionFacts:
    """One mention with what its sentence says about its agreement."""

    mention: Mention
    unit: Span
    unit_index: int
    roles: list[RoleHit]
    statuses: list[StatusHit]
    provisions: list[tuple[int, int]]
    duration: str | None
    date: str | None  # a date inside the phrase: "a February ceasefire deal"
    places: list[str]
    representing: dict[str, str] = field(default_factory=dict)  # person → organisation, in the sentence

    @property
    def participants(self) -> set[str]:
        """The actors in any role but "excluded" and "proposer", persons standing for whom they represent."""
        roles = [hit for hit in self.roles if hit.role not in {"excluded", "proposer"}]
        return {self.representing.get(actor, actor) for hit in roles for actor in hit.actors}

    @property
    def announces(self) -> bool:
        """Does the mention name two sides with "between" (the start of a passage that sets it out)?"""
        return any(hit.role == "party" and len(hit.actors) >= 2 for hit in self.roles)


@dataclass
class Draft:
    """An agreement being assembled from its mentions (and, when the text sets it out, its passage)."""

    facts: list[MentionFacts]
    passage: list[Span] = field(default_factory=list)
    representing: dict[str, str] = field(default_factory=dict)

    @property
    def kinds(self) -> list[str]:
        return [fact.mention.kind for fact in self.facts]

    @property
    def participants(self) -> set[str]:
        return {actor for fact in self.facts for actor in fact.participants}

    @property
    def scopes(self) -> set[str]:
        return {fact.mention.scope for fact in self.facts if fact.mention.scope}

    @property
    def families(self) -> set[str]:
        return {FAMILIES[kind] for kind in self.kinds if kind != GENERIC_KIND}

    @property
    def kind_groups(self) -> set[str]:
        return {KIND_GROUPS[kind] for kind in self.kinds if kind != GENERIC_KIND}

    @property
    def durations(self) -> set[str]:
        return {fact.duration for fact in self.facts if fact.duration}

    @property
    def announcement(self) -> MentionFacts:
        return next((fact for fact in self.facts if fact.announces), self.facts[0])


def group_mentions(facts: list[MentionFacts]) -> list[Draft]:
    """The document's agreements, each with its mentions, in order of first mention."""
    drafts: list[Draft] = []
    by_head: dict[int, Draft] = {}
    for fact in facts:
        target = _attached(fact, by_head) or _target(drafts, fact)
        if target is None and fact.mention.anaphoric:
            continue  # "the pause" with no pause named before
        if target is None:
            target = Draft([fact])
        else:
            target.facts.append(fact)
            drafts.remove(target)
        drafts.append(target)  # most recently mentioned last
        by_head[fact.mention.head.i] = target
    return sorted(drafts, key=lambda draft: draft.facts[0].mention.head.i)


def _attached(fact: MentionFacts, by_head: dict[int, Draft]) -> Draft | None:
    """The agreement of an earlier mention in the same sentence that this one depends on: "a de-escalation
    zone agreed under a deal", "the freeze ... in accordance with the US-Russia agreement"."""
    current = fact.mention.head
    for _ in range(ATTACHMENT_REACH):
        if current.head == current or current.head.i < fact.unit.start:
            return None
        current = current.head
        if current.i in by_head:
            return by_head[current.i]
    return None


def _target(drafts: list[Draft], fact: MentionFacts) -> Draft | None:
    mention = fact.mention
    candidates = [draft for draft in reversed(drafts) if _fits(draft, fact)]
    if fact.duration:
        timed = [draft for draft in candidates if fact.duration in draft.durations]
        if timed:
            return timed[0]
    if mention.definite and not mention.generic:
        candidates = [draft for draft in candidates if mention.kind in draft.kinds or _recent(draft, fact)]
        group = KIND_GROUPS[mention.kind]
        candidates.sort(key=lambda draft: group not in draft.kind_groups)  # its own kind first, by recency
    if not mention.definite:
        if mention.generic and fact.participants:
            return next((d for d in candidates if _same_actors(d.participants, fact.participants)), None)
        if not mention.generic:
            group = KIND_GROUPS[mention.kind]
            candidates = [draft for draft in candidates if group in draft.kind_groups]
    if fact.participants:
        overlapping = [draft for draft in candidates if draft.participants & fact.participants]
        if overlapping:
            return overlapping[0]
        if not mention.definite:
            candidates = [draft for draft in candidates if not draft.participants]
    return candidates[0] if candidates else None


def _recent(draft: Draft, fact: MentionFacts) -> bool:
    """Is the agreement still being discussed where the mention is (``DISCUSSION_REACH`` sentences)?"""
    return fact.unit_index - draft.facts[-1].unit_index <= DISCUSSION_REACH


def _same_actors(draft: set[str], mention: set[str]) -> bool:
    """Two actors in common, or all the mention's actors already the agreement's."""
    shared = len(draft & mention)
    return shared >= 2 or (shared > 0 and mention <= draft)


def _years(dates: list[str]) -> set[str]:
    return {day[:4] for day in dates}


def _fits(draft: Draft, fact: MentionFacts) -> bool:
    """Kinds of one family, the same scope, and, for an indefinite mention, actors in common."""
    mention = fact.mention
    if not mention.generic and draft.families and FAMILIES[mention.kind] not in draft.families:
        return False
    if mention.scope and draft.scopes and mention.scope not in draft.scopes:
        return False
    drafted = _years([f.date for f in draft.facts if f.date])
    if fact.date and drafted and fact.date[:4] not in drafted:
        return False  # "the 2013 agreement" is not the ceasefire of 2016
    if mention.definite:
        return True
    return not (fact.participants and draft.participants and not fact.participants & draft.participants)
