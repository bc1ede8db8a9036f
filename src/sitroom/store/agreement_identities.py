"""Agreement identities: the reports of one agreement by several outlets on several dates become one
agreement, with the timeline of its status reports.

A report joins the identity it fits best. It fits when
- their kinds are of one group (ceasefire, truce and cessation of hostilities; pauses; de-escalation zones;
  evacuation and reconciliation deals; …); a generic "agreement" or "deal" fits one that shares two actors;
- their local places (finer than a province) overlap, when both name some; a report naming actors and local
  places joins an identity that names no place (a nationwide truce of the same sides), or the other way
  round, only when both give dates that agree;
- their actors (parties and mediators) are the same sides, when both name some: a state, its government
  and its forces are one side (``agreement_sides``: "Syria", "the Syrian government", "the Syrian army",
  "Damascus forces"). Two sides shared; the sides of one that names fewer all shared and named by it as
  states; one side shared when neither names a local place and a date one text gives for the agreement
  falls in one the other gives ("30 December" in "December"; when a report is placed, never to merge two
  identities a report bridges); or the same lone side when it is named as a state or both give dates
  that agree (a lone side that is no state, "the regime", is a side of many truces). An unnamed group
  stands for a collective side ("rebels", "opposition factions": the opposition; "Kurdish fighters"),
  which counts only when both give dates that agree or both are read from one document: the opposition
  is a side of most truces. A report naming actors, or naming sides the knowledge base cannot compare
  ("residents"), joins an identity of other actors or none only when both give dates that agree, and is
  never vague. Guarantors and monitors
  (a monitoring centre, the states that back it) are named by some reports of an agreement and not
  others: they tell none apart;
- the dates agree: a date the report's text gives for the agreement (agreed, started, extended, suspended,
  ended) is within ``STATED_DAYS`` of one stated for the identity (else it is at most ``LATE_DAYS``
  before the identity's span); a report with no such date was published inside the identity's span (from
  ``EARLY_DAYS`` before its first date to ``LATE_DAYS`` after its last).
A proposal naming no parties or mediators ("the UN called for a truce") is one with an identity of
proposals only when the same actor proposed them, their kinds are of one family (a truce, a ceasefire, a
pause) and made for a whole country or front (``VAGUE_GROUPS``: not evacuations or reconciliations, offered
town by town), their local places do not differ and it is published within ``EARLY_DAYS`` of them: who
calls for a pause again within the month renews one proposal.
A report that names no actors joins only when exactly one identity fits (one founded on actors or dates,
when there is one; among several, the one whose stated dates the report's own stated dates fall in). A
vague report (no actors, no dates) joins only an identity of its very kind, of a kind made for a whole
country or front (``VAGUE_GROUPS``: not evacuations, made town by town), that is current
(``VAGUE_LATE_DAYS``), never a local one (local places and no state among its actors), never as a
proposal, and says "collapsed" only of one whose clearer reports say it collapsed about then.
A report that names the actors of two identities that can be one agreement merges them: reports arrive in
any order, and an agreement's first reports are not always its clearest.
For the same reason, after each batch an identity whose reports name no actors and no local place joins
the one identity it fits, by the rules above, as if it were one report. Only those whose answer may have
changed are compared again (``_settle``): the base remembers which are settled, so a batch's work grows with
what it changes, not with the base. On PostgreSQL, where writers store concurrently, every loner is compared
again in every batch: a loner one writer settles may fit an identity another writer is changing unseen.
A batch loads only the identities whose dates come within reach of its reports and of the loners it settles
(``_Region``, on SQLite): a comparison that needs more has the batch assigned again with more loaded, so the
identities are those of loading all.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, delete, false, or_, select, true, update
from sqlalchemy.orm import Session

from sitroom.knowledge.agreement_kinds import STATUS_ORDER, family_of, group_of, most_specific
from sitroom.store.agreement_sides import actor_sides, collective_sides, names_a_side
from sitroom.store.corroboration import DateRange, date_range
from sitroom.store.schema import (
    ActorIdentityRow,
    AgreementActorRow,
    AgreementIdentityRow,
    AgreementRow,
    AgreementStatusRow,
    DocumentRow,
    PlaceIdentityRow,
)
from sitroom.store.statements import Row, insert_returning_ids

STATED_DAYS = 45
EARLY_DAYS = 31
LATE_DAYS = 365
VAGUE_LATE_DAYS = 90
PARTICIPANT_ROLES = ("party", "mediator")
PROPOSER_ROLE = "proposer"
BROAD_FEATURES = ("country", "admin1")
VAGUE_GROUPS = frozenset({"ceasefire", "pause", "de_escalation", "memorandum"})  # a vague report may join these
DEFINING_STAGES = ("agreed", "extended", "suspended", "collapsed")  # stages whose dates say which agreement
_RANK: dict[str, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}
_STATED_SLACK, _EARLY, _LATE, _VAGUE_LATE = (
    timedelta(days=days) for days in (STATED_DAYS, EARLY_DAYS, LATE_DAYS, VAGUE_LATE_DAYS)
)
_NO_SLACK = timedelta(0)
# ``Identity.fit`` takes a dated report only within this of the identity's window and stated dates (its
# ``reach``): ``best_identity`` leaves out the others without comparing them, the same answer sooner.
_REACH = _LATE + _STATED_SLACK + _EARLY
_VAGUE_REACH = _VAGUE_LATE + _EARLY  # a vague report's: it joins only one that is current
_CHUNK = 500


@dataclass
class AgreementReport:
    """An agreement just stored (row ``agreement_pk``), waiting for its identity."""

    agreement_pk: int
    kind: str
    participants: set[int]  # actor identity ids of its parties and mediators
    places: set[int]  # place identity ids of local places
    stated: list[DateRange]  # dates the text gives: agreed, started, ended, a stage's date
    seen: DateRange | None  # the document's date
    status: str | None = None
    states: set[int] = field(default_factory=set)  # the participants that are states
    document: str | None = None  # the id of the document it is read from
    named: bool = False  # names parties or mediators that tell a side, known across documents or not ("residents")
    proposers: set[int] = field(default_factory=set)  # actor identity ids of who proposed it
    duration: str | None = None  # "PT48H": how long it is to last, as the text says

    @property
    def group(self) -> str:
        return group_of(self.kind)

    @property
    def vague(self) -> bool:
        """Names no actor, no local place and gives no date: "despite the ceasefire" (not "a truce between
        residents and the army", whose sides the knowledge base cannot compare)."""
        return not self.participants and not self.named and not self.stated and not self.places

    @property
    def bare_proposal(self) -> bool:
        """A proposal whose proposer, or whose duration, is named and whose parties and mediators are not."""
        told = bool(self.proposers) or self.duration is not None
        return self.status == "proposed" and told and not (self.participants or self.named)


@dataclass
class Identity:
    """What a report is compared with. ``anchor`` spans the dates of its reports that name actors or
    dates; ``span`` all of them."""

    pk: int | None
    group: str
    participants: set[int]
    places: set[int]
    stated: list[DateRange] = field(default_factory=list)
    span: DateRange | None = None
    anchor: DateRange | None = None
    kinds: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)
    states: set[int] = field(default_factory=set)
    ended: DateRange | None = None  # from the first to the last of its clearer reports saying it collapsed
    documents: set[str] = field(default_factory=set)  # of its reports in this batch
    named: bool = False  # a report of it names parties or mediators (``AgreementReport.named``)
    proposers: set[int] = field(default_factory=set)  # who proposed it, as its reports name them
    durations: set[str] = field(default_factory=set)  # how long it is to last, as its reports say
    settled: bool = False  # a loner (``_settle``) compared with the identities it may join as they now are
    reach: DateRange | None = field(init=False, default=None)  # its window and stated dates; None: any date fits

    def __post_init__(self) -> None:
        self._reach_again()

    def _reach_again(self) -> None:
        window = self.anchor or self.span
        self.reach = None if window is None else _extend(window, self.stated)

    @property
    def vague(self) -> bool:
        return not self.participants and not self.stated and not self.places

    @property
    def founded(self) -> bool:
        """Founded on actors or local places: one a loner may join (``_settle``)."""
        return bool(self.participants or self.places)

    @property
    def loner(self) -> bool:
        """Its reports name no actors (not even unknown ones) and no local place (``_settle``)."""
        return not (self.participants or self.places or self.named)

    @property
    def local(self) -> bool:
        """Of a town or district: local places, and no state among its actors (an agreement of states is
        national even when a report names a town it is fought over)."""
        return bool(self.places) and not self.states

    def fit(self, report: AgreementReport) -> float | None:
        """How well ``report`` fits (higher is better), or None when it cannot be this agreement."""
        if self._same_proposal(report):
            return 1.0 + (report.kind in self.kinds)
        if report.group != self.group and (
            "other" not in (report.group, self.group) or len(report.participants & self.participants) < 2
        ):
            return None  # "a deal": the same agreement only with two of its actors
        if report.places and self.places and not report.places & self.places:
            return None
        dated = bool(report.stated and self.stated)
        if report.participants and self.participants and not _same_actors(report, self, dated, by_date=True):
            return None
        unknown = report.named and not report.participants  # "residents": comparable with no identity's actors
        if (unknown or (report.participants and not self.participants)) and not (report.stated and self.stated):
            return None  # actors against none, or sides it cannot compare: only dates the texts give can tell
        if bool(report.places) != bool(self.places) and report.participants and not (report.stated and self.stated):
            return None  # a local agreement against one of no place (a nationwide truce): the same, by dates only
        if report.vague and not self._takes_vague(report):
            return None
        if not self._dates_agree(report):
            return None
        shared = len(report.participants & self.participants)
        union = len(report.participants | self.participants)
        return 1.0 + 2 * shared / max(union, 1) + (report.kind in self.kinds) + bool(report.places & self.places)

    def compatible(self, other: Identity) -> bool:
        """Can two identities a report fits both be one agreement (the report bridges them)?"""
        if self.group != other.group or (self.places and other.places and not self.places & other.places):
            return False
        if (
            self.participants
            and other.participants
            and not _same_actors(other, self, bool(self.stated and other.stated))
        ):
            return False
        if bool(self.places) != bool(other.places) and not (self.stated and other.stated):
            return False
        if self.stated and other.stated:
            return any(_within(mine, theirs, _STATED_SLACK) for mine in self.stated for theirs in other.stated)
        mine, theirs = self.anchor or self.span, other.anchor or other.span
        return mine is None or theirs is None or _within(mine, theirs, _LATE)

    def _same_proposal(self, report: AgreementReport) -> bool:
        """One proposal renewed (the class docstring): the same proposer (or, where one of them names none,
        the same duration: "weekly 48-hour truces"), kinds of one family, places that do not differ,
        published within ``EARLY_DAYS`` of the identity's reports."""
        if not (report.bare_proposal and self.statuses == {"proposed"}):
            return False
        unnamed = not (report.proposers and self.proposers)
        if not (report.proposers & self.proposers or (unnamed and report.duration in self.durations)):
            return False
        if report.group not in VAGUE_GROUPS:
            return False  # evacuations and reconciliations are offered town by town
        if self.participants or self.named or {family_of(kind) for kind in self.kinds} != {family_of(report.kind)}:
            return False
        if report.places and self.places and not report.places & self.places:
            return False
        window = self.span
        return report.seen is None or window is None or _within(report.seen, window, _EARLY)

    def _takes_vague(self, report: AgreementReport) -> bool:
        """A vague report joins only a well-founded identity of its very kind, national in scope, that is
        current when it is published; never when it is a proposal, says only "an agreement", or is of a kind
        made place by place, many at a time (evacuations, reconciliations, exchanges)."""
        if report.status == "proposed" or report.group not in VAGUE_GROUPS or report.kind not in self.kinds:
            return False
        if self.vague or self.local:
            return False
        if report.status == "collapsed" and not (
            self.ended and report.seen and _after(report.seen, self.ended, _EARLY)
        ):
            return False  # "the breakdown of a ceasefire": one whose reports say it collapsed then
        window = self.anchor or self.span
        fresh = report.seen is None or window is None or _after(report.seen, window, _VAGUE_LATE)
        started = report.seen is None or window is None or report.seen[1] >= window[0]  # not before it existed
        return fresh and started

    def _dates_agree(self, report: AgreementReport) -> bool:
        if report.stated and self.stated:
            return any(_within(mine, theirs, _STATED_SLACK) for mine in report.stated for theirs in self.stated)
        window = self.anchor or self.span
        if window is None:
            return True
        if report.stated:  # an agreement is mentioned for months after it is made
            earlier = (window[0] - _LATE, window[1] + _EARLY)
            return any(_within(mine, earlier, _NO_SLACK) for mine in report.stated)
        if report.group == "other":  # "a deal" with its actors, no date: one of theirs that is current
            return report.seen is None or (window[0] <= report.seen[1] and _after(report.seen, window, _VAGUE_LATE))
        return report.seen is None or _after(report.seen, window, _LATE)

    def take(self, report: AgreementReport | Identity) -> None:
        self.settled = False
        self.participants |= report.participants
        self.places |= report.places
        self.stated += [days for days in report.stated if days not in self.stated]
        self.states |= report.states
        self.named |= report.named
        self.proposers |= report.proposers
        if isinstance(report, AgreementReport):
            self.durations |= {report.duration} if report.duration else set()
            self.documents |= {report.document} if report.document else set()
            self.kinds.add(report.kind)
            self.statuses.add(report.status or "agreed")
            if report.status == "collapsed" and report.seen and not report.vague:
                self.ended = _extend(self.ended, [report.seen])
            dated = [*report.stated, *([report.seen] if report.seen else [])]
            if not report.vague:
                self.anchor = _extend(self.anchor, dated)
            self.span = _extend(self.span, dated)
        else:
            self.durations |= report.durations
            self.documents |= report.documents
            self.kinds |= report.kinds
            self.statuses |= report.statuses
            self.span = _extend(self.span, [report.span] if report.span else [])
        self._reach_again()


def _on_sides(item: AgreementReport | Identity, sides: dict[int, int]) -> tuple[set[int], set[int]]:
    """Participants and states as sides (``agreement_sides``): the state, its government and forces as one."""
    return {sides.get(actor, actor) for actor in item.participants}, {sides.get(actor, actor) for actor in item.states}


def _report_on_sides(report: AgreementReport, sides: dict[int, int]) -> AgreementReport:
    participants, states = _on_sides(report, sides)
    return replace(report, participants=participants, states=states)


def _same_actors(
    report: AgreementReport | Identity, identity: Identity, dated: bool = False, by_date: bool = False
) -> bool:
    """Two sides in common; the states of the one naming fewer all among the other's; one side in common
    when a date the texts give falls in the other's (``by_date``: a report's fit, never a merge of two
    identities); or the same lone side when the texts give dates (``dated``): a lone side that is no
    state ("the regime") is a side of many truces. A collective side ("rebels": the opposition of many
    truces) counts only when the texts give dates or the two are read from one document."""
    mine, theirs = report.participants, identity.participants
    if not (dated or _documents(report) & identity.documents):
        mine, theirs = {side for side in mine if side >= 0}, {side for side in theirs if side >= 0}
    shared = mine & theirs
    if len(shared) >= 2 or (mine == theirs and (dated or shared <= report.states)):
        return True
    if by_date and shared and not (report.places or identity.places) and _stated_in(report.stated, identity.stated):
        return True  # one side in common, the date one text gives in one the other gives: "30 December", "December"
    smaller, states = (mine, report.states) if len(mine) <= len(theirs) else (theirs, identity.states)
    return bool(shared) and shared == smaller and shared <= states


def _documents(item: AgreementReport | Identity) -> set[str]:
    if isinstance(item, Identity):
        return item.documents
    return {item.document} if item.document else set()


def _stated_in(mine: list[DateRange], theirs: list[DateRange]) -> bool:
    """Does a date one text gives for the agreement fall in one the other gives (a day in its month)?"""
    return any(_within(first, second, _NO_SLACK) for first in mine for second in theirs)


def _extend(span: DateRange | None, dates: list[DateRange]) -> DateRange | None:
    for days in dates:
        span = days if span is None else (min(span[0], days[0]), max(span[1], days[1]))
    return span


def _after(seen: DateRange, window: DateRange, late: timedelta) -> bool:
    """Published from ``EARLY_DAYS`` before the window to ``late`` after it."""
    return window[0] - _EARLY <= seen[1] and seen[0] <= window[1] + late


def _within(first: DateRange, second: DateRange, slack: timedelta) -> bool:
    return first[0] - slack <= second[1] and second[0] <= first[1] + slack


def _window(report: AgreementReport) -> DateRange | None:
    """The dates an identity's ``reach`` must meet for ``report`` to fit it (None: any).

    Invariant (``tests/unit/test_agreement_blocking.py``): ``Identity.fit`` accepts a report that names
    actors, local places or dates only from an identity whose ``reach`` meets its window, and a stored
    identity's reach lies within its span (``date_start``..``date_end``). Loading only the identities whose
    span meets a batch's windows (``_Region``) therefore drops none the batch could assign or bridge."""
    reach = _VAGUE_REACH if report.vague else _REACH
    days = _extend(report.seen, report.stated)
    return None if days is None else (days[0] - reach, days[1] + reach)


def _near(report: AgreementReport, candidates: Sequence[Identity]) -> list[Identity]:
    """Those of ``candidates`` whose ``reach`` meets ``report``'s ``_window`` (all, when it has none)."""
    if (window := _window(report)) is None:
        return list(candidates)
    first, last = window
    return [c for c in candidates if c.reach is None or (c.reach[0] <= last and first <= c.reach[1])]


def _fits(identity: Identity, report: AgreementReport, window: DateRange | None) -> bool:
    """Does ``report`` (``window``: its ``_window``) fit ``identity`` (the filters of ``best_identity``,
    then ``Identity.fit``)?"""
    proposal = report.bare_proposal and _proposal(identity)
    if len(report.participants) < 2 and identity.group != report.group and not proposal:
        return False
    if report.vague and report.kind not in identity.kinds and not proposal:
        return False
    reach = identity.reach
    if window is not None and reach is not None and not (reach[0] <= window[1] and window[0] <= reach[1]):
        return False
    return identity.fit(report) is not None


def best_identity(report: AgreementReport, candidates: Sequence[Identity]) -> Identity | None:
    """The identity ``report`` belongs to among ``candidates`` (None: it founds its own)."""
    if len(report.participants) < 2:  # only an identity of its own group can fit (``Identity.fit``)
        group = report.group
        candidates = [c for c in candidates if c.group == group or (report.bare_proposal and _proposal(c))]
    if report.vague:  # only one of its very kind, current when it is published (``Identity._takes_vague``)
        candidates = [c for c in candidates if report.kind in c.kinds or (report.bare_proposal and _proposal(c))]
    candidates = _near(report, candidates)  # only one it comes near
    scored = [(score, identity) for identity in candidates if (score := identity.fit(report)) is not None]
    if not report.participants:  # only one agreement it can be, preferring those founded on actors or dates
        founded = [pair for pair in scored if not pair[1].vague]
        scored = founded if founded else scored
        dated = [pair for pair in scored if _stated_in(report.stated, pair[1].stated)]
        scored = dated if len(dated) == 1 else scored
        if len(scored) != 1:
            return None
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def _proposal(identity: Identity) -> bool:
    """Could a bare proposal renew it (``Identity._same_proposal``)?"""
    return bool(identity.proposers or identity.durations) and identity.statuses == {"proposed"}


def assign_agreement_identities(session: Session, reports: Sequence[AgreementReport]) -> None:
    """Put each report (in order) in its identity, founding new ones, and recount the identities touched.
    Only the identities near the batch's dates are loaded (``_Region``): the same assignment as loading all."""
    if not reports:
        return
    concurrent = session.get_bind().dialect.name == "postgresql"  # settled is not known (module doc)
    region = _Region(None) if concurrent else _region_of(session, reports)
    for widening in range(_WIDENINGS + 1):
        if widening == _WIDENINGS:
            region = _Region(None)
        batch = _assign(session, reports, _candidates(session, near=region), region, concurrent)
        if region.complete:
            break
        region = region.widened()
    chosen, candidates, merged = batch.chosen, batch.candidates, batch.merged
    new = list({id(identity): identity for identity in chosen if identity.pk is None}.values())
    token = secrets.token_hex(8)
    rows = [_new_row(identity, f"{token}-{number}") for number, identity in enumerate(new)]
    for identity, pk in zip(new, insert_returning_ids(session, AgreementIdentityRow, rows, key=["name"]), strict=True):
        identity.pk = pk
    members: dict[int, list[int]] = {}
    for report, identity in zip(batch.reports, chosen, strict=True):
        assert identity.pk is not None
        members.setdefault(identity.pk, []).append(report.agreement_pk)
    for identity_pk, agreement_pks in members.items():
        _move(
            session, AgreementRow.id.in_(agreement_pks), AgreementStatusRow.agreement_id.in_(agreement_pks), identity_pk
        )
    gone = _absorb(session, merged)
    touched = [*chosen, *(_final(identity, merged) for identity in batch.joined)]
    recounted = {identity.pk for identity in touched if identity.pk is not None} - gone
    refresh_agreement_identities(session, recounted)
    _unsettle_recounted(session, batch.loners, touched, recounted, batch.sides)
    _save_settled(session, [identity for identity in candidates if identity.pk not in gone], batch.stored)


@dataclass
class _Assignment:
    """A batch's reports put in identities, in memory, before anything is written (``_assign``)."""

    reports: list[AgreementReport]  # with their actors as sides
    chosen: list[Identity]  # the identity of each report
    candidates: list[Identity]  # the identities loaded and founded, but for those merged away
    merged: dict[int, tuple[Identity, Identity]]  # id() of a merged identity → (it, the one it joined)
    joined: list[Identity]  # the identities that took a loner (``_settle``)
    loners: _Loners
    sides: dict[int, int]
    stored: dict[int | None, bool]  # settled, as loaded


def _assign(
    session: Session,
    reports: Sequence[AgreementReport],
    candidates: list[Identity],
    region: _Region,
    concurrent: bool,
) -> _Assignment:
    """Assign ``reports`` among ``candidates`` (the identities of ``region``), merge the identities a report
    bridges and settle the loners; ``region`` records the dates a comparison needed and did not load."""
    stored = {candidate.pk: candidate.settled for candidate in candidates}
    if concurrent:
        for candidate in candidates:
            candidate.settled = False
    named = [report.participants for report in reports] + [candidate.participants for candidate in candidates]
    sides = actor_sides(session, [actor for actors in named for actor in actors])
    for candidate in candidates:
        candidate.participants, candidate.states = _on_sides(candidate, sides)
    reports = [_report_on_sides(report, sides) for report in reports]
    chosen: list[Identity] = []
    merged: dict[int, tuple[Identity, Identity]] = {}
    before: dict[int, Identity] = {}  # id() of a stored identity the batch changed → it as stored
    for report in reports:
        identity = best_identity(report, candidates)
        if identity is None:
            identity = Identity(None, report.group, set(), set())
            candidates.append(identity)
        if identity.pk is not None and id(identity) not in before:
            before[id(identity)] = _copy(identity)
        identity.take(report)
        for other in [] if report.vague else _bridged(report, identity, candidates):
            identity.take(other)
            candidates[:] = [candidate for candidate in candidates if candidate is not other]
            merged[id(other)] = (other, identity)
        chosen.append(identity)
    changed = [
        *before.values(),
        *(identity for identity in candidates if id(identity) in before or identity.pk is None),
        *(other for other, _ in merged.values() if id(other) not in before),
    ]
    loners = _Loners(candidates, region)
    joined = _settle(candidates, loners, merged, changed)
    chosen = [_final(identity, merged) for identity in chosen]
    return _Assignment(reports, chosen, candidates, merged, joined, loners, sides, stored)


class _Loners:
    """The identities ``_settle`` may join to another ("loners"), in order, each as the reports it is
    compared as (one a kind it was reported as). ``region``: the dates loaded (``_Region``), where
    ``fitting`` records the dates it needed."""

    def __init__(self, candidates: list[Identity], region: _Region | None = None) -> None:
        self.region = region or _Region(None)
        self.items = [identity for identity in candidates if identity.loner]
        self.reports = [[_as_report(loner, kind) for kind in sorted(loner.kinds)] for loner in self.items]
        # Loners reported alike (most name no date at all) fit the same identities: each is compared once.
        self._alike: dict[str, dict[_Key, tuple[AgreementReport, DateRange | None, list[int]]]] = {}
        for number, reports in enumerate(self.reports):
            for report in reports:
                alike = self._alike.setdefault(report.group, {})
                alike.setdefault(_key(report), (report, _window(report), []))[2].append(number)

    def fitting(self, identities: Iterable[Identity]) -> set[int]:
        """The positions of the loners one of ``identities`` (those founded on actors or places) fits: the
        loners whose settling they may change."""
        found: set[int] = set()
        for identity in identities:
            if identity.founded:
                self.region.need(_loners_reach(identity))
                for report, window, numbers in self._alike.get(identity.group, {}).values():
                    if _fits(identity, report, window):
                        found.update(numbers)
        return found

    def unsettle(self, identities: Iterable[Identity]) -> None:
        """Mark the loners ``identities`` fit, and those of them that are loners, to be settled again."""
        chosen = list(identities)
        for number in self.fitting(chosen):
            self.items[number].settled = False
        for identity in chosen:
            identity.settled = False


_Key = tuple[str, str | None, tuple[DateRange, ...], DateRange | None]


def _key(report: AgreementReport) -> _Key:
    """What a loner's report is compared by (``_as_report``: it names no actors and no place)."""
    return report.kind, report.status, tuple(report.stated), report.seen


def _sole_fit(report: AgreementReport, founded: Sequence[Identity]) -> Identity | None:
    """``best_identity`` for a report naming no actors among identities founded on actors or places,
    stopping once two fit that tell the answer is none: two with a date its own stated dates fall in, or,
    when it states none, any two."""
    window = _window(report)
    fits: list[Identity] = []
    dated: list[Identity] = []
    for identity in founded:
        if not _fits(identity, report, window):
            continue
        fits.append(identity)
        if report.stated and _stated_in(report.stated, identity.stated):
            dated.append(identity)
        if len(dated) > 1 or (not report.stated and len(fits) > 1):
            return None
    if len(dated) == 1:
        return dated[0]
    return fits[0] if len(fits) == 1 else None


def _unsettle_recounted(
    session: Session, loners: _Loners, touched: list[Identity], recounted: set[int], sides: dict[int, int]
) -> None:
    """The identities the batch changed as recounted from their reports can differ from what the loners were
    compared with (``Identity.take`` keeps less): where they do, the loners either fits are settled again."""
    compared: dict[int | None, Identity] = {identity.pk: identity for identity in touched if identity.pk in recounted}
    beyond: list[Identity] = []  # fitting loners may be stored beyond the region loaded: marked there
    for identity in _candidates(session, recounted):
        identity.participants, identity.states = _on_sides(identity, sides)
        was = compared[identity.pk]
        if _compared_by(identity) != _compared_by(was):
            loners.unsettle([was, identity])
            if not all(loners.region.covers(_loners_reach(item)) for item in (was, identity)):
                beyond += [was, identity]
    if beyond:
        _unsettle_near(session, beyond, [loner.pk for loner in loners.items])


def _compared_by(identity: Identity) -> tuple[object, ...]:
    """What ``Identity.fit`` compares a report with."""
    sets = (identity.participants, identity.places, identity.kinds, identity.statuses, identity.states)
    return (
        identity.group,
        *(frozenset(items) for items in (*sets, identity.proposers, identity.stated)),
        identity.span,
        identity.anchor,
        identity.ended,
        identity.named,
    )


def _settle(
    candidates: list[Identity],
    loners: _Loners,
    merged: dict[int, tuple[Identity, Identity]],
    changed: list[Identity],
) -> list[Identity]:
    """Identities whose reports name no actors (not even unknown ones) and no local place join the one
    identity founded on actors
    or places they fit, now that the batch's clearer reports are in ("despite the ceasefire" published
    before the reports that name its sides). Every kind the loner was reported as must fit the same one.
    The identities that took one are returned.

    Only the loners whose answer may have changed are compared, in the order of all: those not settled
    (new, changed, or marked by an earlier batch or a removal) and those an identity the batch changed
    fits, as it was or as it is (``changed``). Any other compares as it did when it was last settled: it
    joins none. A loner an identity fits that took a loner is compared later in this pass, or, when it
    came before, in the next batch (``settled`` false), as comparing all in order would."""
    joined: list[Identity] = []
    founded: dict[str, list[Identity]] = {}  # by group: a report naming no actors fits only its own group
    for identity in candidates:
        if identity.founded:
            founded.setdefault(identity.group, []).append(identity)
    due = {number for number, loner in enumerate(loners.items) if not loner.settled} | loners.fitting(changed)
    answers: dict[_Key, Identity | None] = {}  # until a loner joins one: loners reported alike fit alike
    for number, loner in enumerate(loners.items):
        if number not in due:
            continue
        loner.settled = True
        targets = []
        for report in loners.reports[number]:
            loners.region.need(_window(report))  # the identities it may fit must be loaded
            if (key := _key(report)) not in answers:
                answers[key] = _sole_fit(report, founded.get(report.group, []))
            targets.append(answers[key])
        target = targets[0] if targets else None
        if target is None or any(other is not target for other in targets):
            continue
        answers.clear()
        was = _copy(target)
        target.take(loner)
        candidates[:] = [identity for identity in candidates if identity is not loner]
        merged[id(loner)] = (loner, target)
        joined.append(target)
        for other in loners.fitting([was, target]):
            if other > number:
                due.add(other)
            else:
                loners.items[other].settled = False
    return joined


def _copy(identity: Identity) -> Identity:
    """``identity`` as it is now, apart from its later changes."""
    return replace(
        identity,
        participants=set(identity.participants),
        places=set(identity.places),
        stated=list(identity.stated),
        kinds=set(identity.kinds),
        statuses=set(identity.statuses),
        states=set(identity.states),
        documents=set(identity.documents),
        proposers=set(identity.proposers),
        durations=set(identity.durations),
    )


def _save_settled(session: Session, identities: list[Identity], stored: dict[int | None, bool]) -> None:
    """Store which identities are settled, where it changed."""
    rows = [
        {"id": identity.pk, "settled": identity.settled}
        for identity in identities
        if identity.pk is not None and identity.settled != stored.get(identity.pk, False)
    ]
    if rows:
        session.execute(update(AgreementIdentityRow), rows)


def as_stored(session: Session, identity_ids: Iterable[int]) -> list[Identity]:
    """The identities ``identity_ids`` as stored: what a removal recounts, before it does
    (``unsettle_removed``)."""
    return _candidates(session, sorted(identity_ids))


def unsettle_removed(session: Session, was: list[Identity]) -> None:
    """After a removal recounted (or removed) the identities ``was`` (as they were), mark them and the loners
    they fit, as they were or as they are, to be settled again by the next batch (``_settle``)."""
    if not was:
        return
    changed = [*was, *_candidates(session, [identity.pk for identity in was if identity.pk is not None])]
    table = AgreementIdentityRow
    wanted = [identity.pk for identity in changed]
    session.execute(update(table).where(table.id.in_(wanted)).values(settled=False))
    _unsettle_near(session, changed)


def _unsettle_near(session: Session, changed: list[Identity], loaded: Collection[int | None] = ()) -> None:
    """Mark the settled loners stored (but for those ``loaded``) that one of ``changed`` fits, as it was or
    as it is, to be settled again by the next batch."""
    table = AgreementIdentityRow
    near: set[int] = set()
    for window in _reach_of(identity.span for identity in changed):
        conditions = [] if window is None else [or_(table.date_start.is_(None), and_(*window))]
        loners = select(table.id).where(table.participants == "[]", table.places == "[]", table.settled == true())
        near.update(session.scalars(loners.where(*conditions)))
    near -= set(loaded)
    stored = _Loners(_candidates(session, near)) if near else None
    fitted = [] if stored is None else [stored.items[number].pk for number in stored.fitting(changed)]
    if fitted:
        session.execute(update(table).where(table.id.in_(fitted)).values(settled=False))


def _reach_of(spans: Iterable[DateRange | None]) -> list[tuple[ColumnElement[bool], ...] | None]:
    """Conditions on an identity's dates that take in every one within ``_REACH`` of one of ``spans``
    (None: all, for a span of no dates)."""
    windows: list[DateRange] = []
    for span in spans:
        if span is None:
            return [None]
        windows.append(_widened(span, _REACH))
    table = AgreementIdentityRow
    return [
        (table.date_start <= last.isoformat(), table.date_end >= first.isoformat()) for first, last in _joined(windows)
    ]


def _joined(windows: Iterable[DateRange]) -> list[DateRange]:
    """``windows`` in order, those that overlap joined."""
    joined: list[DateRange] = []
    for first, last in sorted(windows):
        if joined and first <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], last))
        else:
            joined.append((first, last))
    return joined


def _widened(days: DateRange, delta: timedelta) -> DateRange:
    return _moved(days[0], -delta), _moved(days[1], delta)


def _moved(day: date, delta: timedelta) -> date:
    try:
        return day + delta
    except OverflowError:
        return date.max if delta > _NO_SLACK else date.min


def _as_report(identity: Identity, kind: str) -> AgreementReport:
    """An identity without actors, seen as one report of ``kind`` over its whole span."""
    statuses = identity.statuses
    status = "proposed" if statuses == {"proposed"} else "collapsed" if statuses == {"collapsed"} else None
    return AgreementReport(-1, kind, set(), set(identity.places), list(identity.stated), identity.span, status)


def _bridged(report: AgreementReport, identity: Identity, candidates: list[Identity]) -> list[Identity]:
    """The other identities whose actors ``report`` names too, when they can be one agreement with its own
    (only those within reach of its dates can fit it: ``_window``)."""
    near = _near(report, candidates)
    return [other for other in near if other is not identity and _bridges(report, identity, other)]


def _bridges(report: AgreementReport, identity: Identity, other: Identity) -> bool:
    """Does ``report`` name the actors of both identities, which can be one agreement?"""
    if not (report.participants and other.participants and _same_actors(report, other)):
        return False
    return other.fit(report) is not None and identity.compatible(other)


def _final(identity: Identity, merged: dict[int, tuple[Identity, Identity]]) -> Identity:
    while id(identity) in merged:
        identity = merged[id(identity)][1]
    return identity


def _move(session: Session, agreements: object, reports: object, identity_pk: int) -> None:
    session.execute(update(AgreementRow).where(agreements).values(identity_id=identity_pk))  # type: ignore[arg-type]
    session.execute(update(AgreementStatusRow).where(reports).values(identity_id=identity_pk))  # type: ignore[arg-type]


def _absorb(session: Session, merged: dict[int, tuple[Identity, Identity]]) -> set[int]:
    """Move the agreements of stored identities that were merged into another to it; delete them."""
    gone: set[int] = set()
    for joined, into in merged.values():
        pk, final = joined.pk, _final(into, merged)
        if pk is None or final.pk is None or pk == final.pk:
            continue
        _move(session, AgreementRow.identity_id == pk, AgreementStatusRow.identity_id == pk, final.pk)
        session.execute(delete(AgreementIdentityRow).where(AgreementIdentityRow.id == pk))
        gone.add(pk)
    return gone


def _candidates(session: Session, only: Collection[int] | None = None, near: _Region | None = None) -> list[Identity]:
    """The stored identities (``only`` those of these ids; ``near``: those of its dates), in order."""
    table = AgreementIdentityRow
    query = select(  # rows, not objects: loaded faster
        *(table.id, table.family, table.participants, table.places, table.stated, table.date_start),
        *(table.date_end, table.anchor_start, table.anchor_end, table.kinds, table.statuses, table.states),
        table.settled,
    ).order_by(table.id)
    chosen: list[ColumnElement[bool]] = []
    if only is not None:
        chosen = [AgreementRow.identity_id.in_(only)]
        query = query.where(AgreementIdentityRow.id.in_(only))
    if near is not None and (condition := near.condition()) is not None:
        chosen = [AgreementRow.identity_id.in_(select(table.id).where(condition))]
        query = query.where(condition)
    ended = _first_collapse(session, chosen)
    named = _named(session, chosen)
    proposers = _proposers(session, chosen)
    durations = _durations(session, chosen)
    return [
        Identity(
            row.id,
            row.family,
            set(json.loads(row.participants)),
            set(json.loads(row.places)),
            [days for day in json.loads(row.stated or "[]") if (days := date_range(day)) is not None],
            _span(row.date_start, row.date_end),
            _span(row.anchor_start, row.anchor_end),
            set(json.loads(row.kinds or "[]")),
            set(json.loads(row.statuses or "[]")),
            set(json.loads(row.states or "[]")),
            ended.get(row.id),
            named=row.id in named,
            proposers=proposers.get(row.id, set()),
            durations=durations.get(row.id, set()),
            settled=row.settled,
        )
        for row in session.execute(query)
    ]


def _durations(session: Session, chosen: Sequence[ColumnElement[bool]]) -> dict[int, set[str]]:
    """The durations the reports of each identity of proposals give (``Identity.durations``)."""
    query = select(AgreementRow.identity_id, AgreementRow.duration).where(
        AgreementRow.identity_id.is_not(None),
        AgreementRow.duration.is_not(None),
        AgreementRow.status == "proposed",
        *chosen,
    )
    found: dict[int, set[str]] = {}
    for identity, duration in session.execute(query):
        if identity is not None and duration:
            found.setdefault(identity, set()).add(duration)
    return found


def _named(session: Session, chosen: Sequence[ColumnElement[bool]]) -> set[int]:
    """The identities whose reports name parties or mediators (``AgreementReport.named``)."""
    query = select(AgreementRow.identity_id, AgreementRow.parties, AgreementRow.mediators).where(
        AgreementRow.identity_id.is_not(None),
        (AgreementRow.parties != "[]") | (AgreementRow.mediators != "[]"),
        *chosen,
    )
    return {
        identity
        for identity, parties, mediators in session.execute(query)
        if identity is not None
        and any(names_a_side(name) for name in [*json.loads(parties), *json.loads(mediators or "[]")])
    }


def _proposers(session: Session, chosen: Sequence[ColumnElement[bool]]) -> dict[int, set[int]]:
    """Who proposed each identity's agreement, as its reports name them (actor identity ids)."""
    query = (
        select(AgreementRow.identity_id, AgreementActorRow.identity_id)
        .join(AgreementActorRow, AgreementActorRow.agreement_id == AgreementRow.id)
        .where(AgreementActorRow.role == PROPOSER_ROLE, AgreementRow.identity_id.is_not(None), *chosen)
    )
    found: dict[int, set[int]] = {}
    for identity, actor in session.execute(query):
        if identity is not None:
            found.setdefault(identity, set()).add(actor)
    return found


def _first_collapse(session: Session, chosen: Sequence[ColumnElement[bool]] = ()) -> dict[int, DateRange]:
    """From the first to the last of each identity's reports naming actors, a local place or a date that
    say it collapsed (``Identity.ended``, as ``Identity.take`` keeps it in a batch), whatever its latest
    report says: a later report of a violation must not hide that it collapsed."""
    collapsed = (AgreementRow.status == "collapsed", AgreementRow.identity_id.is_not(None), *chosen)
    sides = (
        select(AgreementRow.id, ActorIdentityRow.name)
        .join(AgreementActorRow, AgreementActorRow.agreement_id == AgreementRow.id)
        .join(ActorIdentityRow, ActorIdentityRow.id == AgreementActorRow.identity_id)
        .where(*collapsed, AgreementActorRow.role.in_(PARTICIPANT_ROLES))
    )
    named = {agreement for agreement, name in session.execute(sides) if names_a_side(name)}  # not "groups"
    query = (
        select(
            AgreementRow.id,
            AgreementRow.identity_id,
            DocumentRow.date,
            AgreementRow.date,
            AgreementRow.start_date,
            AgreementRow.end_date,
            AgreementRow.place_identity_id,
        )
        .join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
        .where(*collapsed)
    )
    found: dict[int, DateRange] = {}
    for pk, identity, seen, agreed, start, end, place in session.execute(query):
        stated = [day for day in (agreed, start, end) if day and len(day) >= 7 and day != (seen or "")[:7]]
        days = date_range(seen)
        if identity is None or days is None or not (pk in named or place or stated):
            continue
        found[identity] = _extend(found.get(identity), [days]) or days
    return found


def _span(start: str | None, end: str | None) -> DateRange | None:
    first, last = date_range(start), date_range(end)
    if first is None or last is None:
        return None
    return first[0], last[1]


def _new_row(identity: Identity, token: str) -> Row:
    """A placeholder row (``refresh_agreement_identities`` fills it); its name tells new rows apart."""
    return {
        "kind": "agreement",
        "family": identity.group,
        "name": f"new agreement {token}",
        "participants": "[]",
        "places": "[]",
        "report_count": 0,
        "source_count": 0,
    }


# ----------------------------------------------------------------------------------------- blocking
_WIDENINGS = 3  # a batch whose comparisons need more than its region is assigned again, at most so often


class _Region:
    """The dates whose identities a batch loads (``_candidates``): those whose span meets one of
    ``intervals``, and those of no dates (None: all identities). A comparison states the dates it needs
    loaded (``need``: an identity's ``reach`` must meet them for it to count); when some are not, the
    batch's assignment may differ from loading all, and it is made again in a wider region."""

    def __init__(self, intervals: Iterable[DateRange] | None) -> None:
        self.intervals = None if intervals is None else _joined(intervals)
        self.missed: list[DateRange] = []
        self.unbounded = False  # a comparison needed every identity

    def covers(self, days: DateRange | None) -> bool:
        if self.intervals is None:
            return True
        return days is not None and any(first <= days[0] and days[1] <= last for first, last in self.intervals)

    def need(self, days: DateRange | None) -> None:
        if self.covers(days):
            return
        if days is None:
            self.unbounded = True
        else:
            self.missed.append(days)

    @property
    def complete(self) -> bool:
        """Did every comparison find all it needed loaded?"""
        return not (self.unbounded or self.missed)

    def widened(self) -> _Region:
        if self.intervals is None or self.unbounded:
            return _Region(None)
        return _Region([*self.intervals, *self.missed])

    def condition(self) -> ColumnElement[bool] | None:
        """Which ``agreement_identities`` rows to load (None: all)."""
        if self.intervals is None:
            return None
        table = AgreementIdentityRow
        meets = (
            and_(table.date_start <= last.isoformat(), table.date_end >= first.isoformat())
            for first, last in self.intervals
        )
        return or_(table.date_start.is_(None), *meets)


def _region_of(session: Session, reports: Sequence[AgreementReport]) -> _Region:
    """The region a batch most likely needs: within twice ``_REACH`` of its reports' dates (what they may
    fit, and the loners those may fit) and of the loners not settled (``_settle`` compares them)."""
    days = [_window(report) for report in reports]
    table = AgreementIdentityRow
    unsettled = (table.settled == false(), table.participants == "[]", table.places == "[]")
    named = _named(session, [AgreementRow.identity_id.in_(select(table.id).where(*unsettled))])  # not loners
    loose = select(table.id, table.date_start, table.date_end).where(*unsettled)
    days += [_span(start, end) for pk, start, end in session.execute(loose) if pk not in named]
    if any(window is None for window in days):
        return _Region(None)
    return _Region(_widened(window, _REACH) for window in days if window is not None)


def _loners_reach(identity: Identity) -> DateRange | None:
    """The dates of the loners ``identity`` may fit (``_Loners.fitting``): a loner's window lies within
    ``_REACH`` of its span."""
    return None if identity.reach is None else _widened(identity.reach, _REACH)


# ----------------------------------------------------------------------------------------- refresh
@dataclass
class _Member:
    agreement_pk: int
    kind: str
    parties: list[str]
    mediators: list[str]
    stated: list[str]
    seen: str | None
    outlet: str
    status: str | None
    participants: set[tuple[int, bool]]

    @property
    def vague(self) -> bool:
        return not self.participants and not self.stated


def refresh_agreement_identities(session: Session, identity_ids: Iterable[int]) -> None:
    """Recount identities: kind, name, actors, places, dates, latest status, reports and sources (those
    that still exist: one a report was removed from may have been merged into another since)."""
    wanted = sorted(identity_ids)
    for start in range(0, len(wanted), _CHUNK):
        stored = select(AgreementIdentityRow.id).where(AgreementIdentityRow.id.in_(wanted[start : start + _CHUNK]))
        chunk = sorted(session.scalars(stored))
        actors = _participants(session, chunk)
        members = _members(session, chunk, actors)
        rows = [_identity_row(pk, members.get(pk, [])) for pk in chunk]
        session.execute(update(AgreementIdentityRow), rows)
        places = _places(session, chunk)
        session.execute(
            update(AgreementIdentityRow),
            [{"id": pk, "places": json.dumps(sorted(places.get(pk, set())))} for pk in chunk],
        )


def _members(
    session: Session, identity_ids: list[int], actors: dict[int, set[tuple[int, bool]]]
) -> dict[int, list[_Member]]:
    columns = (
        AgreementRow.identity_id,
        AgreementRow.id,
        AgreementRow.kind,
        AgreementRow.parties,
        AgreementRow.mediators,
        AgreementRow.date,
        AgreementRow.start_date,
        AgreementRow.end_date,
        AgreementRow.status,
        DocumentRow.date,
        DocumentRow.outlet,
        DocumentRow.id,
    )
    query = select(*columns).join(DocumentRow, DocumentRow.id == AgreementRow.document_id)
    reported = _status_dates(session, identity_ids)
    found: dict[int, list[_Member]] = {}
    for row in session.execute(query.where(AgreementRow.identity_id.in_(identity_ids))):
        identity, pk, kind, parties, mediators, agreed, start, end, status, seen, outlet, document = row
        if identity is None:
            continue
        days = [agreed if agreed != (seen or "")[:7] else None, start, end, *reported.get(pk, [])]
        stated = [d for d in dict.fromkeys(days) if d and len(d) >= 7 and d != seen]
        found.setdefault(identity, []).append(
            _Member(
                pk,
                kind,
                json.loads(parties),
                json.loads(mediators or "[]"),
                stated,
                seen,
                outlet or f"#{document}",
                status,
                actors.get(pk, set()),
            )
        )
    return found


def _status_dates(session: Session, identity_ids: list[int]) -> dict[int, list[str]]:
    query = select(AgreementStatusRow.agreement_id, AgreementStatusRow.date).where(
        AgreementStatusRow.identity_id.in_(identity_ids),
        AgreementStatusRow.date.is_not(None),
        AgreementStatusRow.status.in_(DEFINING_STAGES),
    )
    found: dict[int, list[str]] = {}
    for agreement, day in session.execute(query):
        if day is not None:
            found.setdefault(agreement, []).append(day)
    return found


def _participants(session: Session, identity_ids: list[int]) -> dict[int, set[tuple[int, bool]]]:
    """(actor identity, is a state) of its parties and mediators that tell a side (``names_a_side``), per
    agreement row."""
    query = (
        select(AgreementRow.id, AgreementActorRow.identity_id, ActorIdentityRow.kind, ActorIdentityRow.name)
        .join(AgreementActorRow, AgreementActorRow.agreement_id == AgreementRow.id)
        .join(ActorIdentityRow, ActorIdentityRow.id == AgreementActorRow.identity_id)
        .where(AgreementRow.identity_id.in_(identity_ids), AgreementActorRow.role.in_(PARTICIPANT_ROLES))
    )
    found: dict[int, set[tuple[int, bool]]] = {}
    for agreement, actor, kind, name in session.execute(query):
        if names_a_side(name):
            found.setdefault(agreement, set()).add((actor, kind == "state"))
    return found


def _places(session: Session, identity_ids: list[int]) -> dict[int, set[int]]:
    """Local places (finer than a province) of the identity's reports."""
    query = (
        select(AgreementRow.identity_id, AgreementRow.place_identity_id)
        .join(PlaceIdentityRow, PlaceIdentityRow.id == AgreementRow.place_identity_id)
        .where(AgreementRow.identity_id.in_(identity_ids), PlaceIdentityRow.feature.not_in(BROAD_FEATURES))
    )
    found: dict[int, set[int]] = {}
    for identity, place in session.execute(query):
        if identity is not None and place is not None:
            found.setdefault(identity, set()).add(place)
    return found


def _latest(members: list[_Member]) -> _Member | None:
    """The report of the latest document (at equal dates, the later stage): what is said of it last."""
    return max(members, key=lambda m: (m.seen or "", _RANK.get(m.status or "", -1)), default=None)


def _identity_row(pk: int, members: list[_Member]) -> Row:
    kind = most_specific([member.kind for member in members])
    latest = _latest(members)
    participants = {actor for member in members for actor, _state in member.participants}
    participants |= collective_sides(name for member in members for name in [*member.parties, *member.mediators])
    states = {actor for member in members for actor, state in member.participants if state}
    anchored = [
        r for member in members if not member.vague for day in [*member.stated, member.seen] if (r := date_range(day))
    ]
    parties = _most_named([name for member in members for name in member.parties])
    mediators = _most_named([name for member in members for name in member.mediators])
    stated = sorted({day for member in members for day in member.stated})
    days = [r for member in members for day in [*member.stated, member.seen] if (r := date_range(day))]
    label = ", ".join(parties) or (f"brokered by {', '.join(mediators)}" if mediators else "")
    return {
        "id": pk,
        "kind": kind,
        "family": group_of(kind),
        "name": f"{kind.replace('_', ' ')}: {label}" if label else kind.replace("_", " "),
        "participants": json.dumps(sorted(participants)),
        "states": json.dumps(sorted(states)),
        "agreed_date": stated[0] if stated else None,  # the first date its reports state
        "stated": json.dumps(stated),
        "date_start": min(r[0] for r in days).isoformat() if days else None,
        "date_end": max(r[1] for r in days).isoformat() if days else None,
        "anchor_start": min(r[0] for r in anchored).isoformat() if anchored else None,
        "anchor_end": max(r[1] for r in anchored).isoformat() if anchored else None,
        "kinds": json.dumps(sorted({member.kind for member in members})),
        "statuses": json.dumps(sorted({member.status or "agreed" for member in members})),
        "status": latest.status if latest else None,
        "status_date": latest.seen if latest else None,
        "report_count": len(members),
        "source_count": len({member.outlet for member in members}),
    }


def _most_named(names: list[str], limit: int = 4) -> list[str]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], names.index(name)))[:limit]
