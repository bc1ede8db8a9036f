"""Mentions of one happening in a document merged into one event.

Within a sentence, events of one type and source whose targets nest are one event told twice. Across
sentences (a headline, its lead, the body), mentions are one happening when nothing they say disagrees (type,
actors, place, date, status, being news or recalled as background) and something specific agrees: the same
town (that both tell, not one read from the dateline or the document), the same toll, or the same source and
target; "killed in the attack" refers back to the latest attack as "the attack killed" does. The merged event
keeps every sentence as evidence, the most specific place and date, the union of its actors and every stated
toll. A later mention told without a
doer, that nothing sets apart from an earlier one told with its doer, takes that doer but stays apart; one
with no earlier doer takes the doer told in the next ``FOLLOWING_SENTENCES`` sentences the same way.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Token

from sitroom.components.events.arguments import prep_objects, subject_of
from sitroom.components.events.casualties import OUTCOME_WORDS
from sitroom.components.events.context import Context, lemma, unique
from sitroom.components.events.draft import Draft
from sitroom.components.events.triggers import OVERRIDABLE_MODES
from sitroom.components.events.vocabulary import ACT_NOUNS, ANAPHORIC_DETERMINERS, FORCE_TYPES, MEANS_PREPS
from sitroom.knowledge.collectives import CIVILIAN_TYPES
from sitroom.knowledge.country_codes import alpha2_by_alpha3
from sitroom.knowledge.registry import load_registry
from sitroom.record import Place

FACTUAL = frozenset({"occurred", "claimed"})
BROAD_FEATURES = frozenset({"country", "admin1", "continent", None})
PROVENANCE_RANK = {"clause": 0, "sentence": 1, "dateline": 2, "document": 3, None: 4}
KILLING_WORDS = frozenset(word for word, outcome in OUTCOME_WORDS.items() if outcome == "killed")
FOLLOWING_SENTENCES = 2  # a doerless mention takes a doer told this many sentences after it at most
RESTATEMENT_WINDOW = 30_000  # characters; longer than nearly every news report (FA-KES's longest: 8,606)


def merge_duplicates(drafts: list[Draft]) -> list[Draft]:
    """Merge events of one type and source whose targets are nested (one event told twice)."""
    merged: list[Draft] = []
    # Only drafts of one signature can be one event; without a source, or as an act of force (an armed
    # actor's acts in other sentences are often other happenings: ``merge_happenings`` tells them apart by
    # place and toll), only within one sentence.
    by_key: dict[tuple[str, frozenset[str], int | None], list[Draft]] = {}
    for draft in drafts:
        kind, source = draft.signature()
        apart = not source or draft.sense.type in FORCE_TYPES
        candidates = by_key.setdefault((kind, source, draft.sentence.start if apart else None), [])
        twin = next((kept for kept in candidates if _same_event(kept, draft)), None)
        if twin is None:
            merged.append(draft)
            candidates.append(draft)
            continue
        twin.target = unique(twin.target + draft.target)
        twin.place = twin.place or draft.place
        twin.reported_by = twin.reported_by or draft.reported_by
        if twin.status not in {"occurred", "claimed"} and draft.status in {"occurred", "claimed"}:
            twin.status = draft.status
    return merged


CLAUSE_LINKS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})


def join_linked_clauses(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """An event whose doer is unnamed joins the event of its type, with a doer, that its clause links to: the
    killing "when Russian jets struck the town", "killed in shelling by X", "shelled the town, killing six".
    Both tell one act; the doer is read where the act is named."""
    kept: list[Draft] = []
    for draft in drafts:
        host = None if draft.source else next((d for d in drafts if _linked_act(draft, d)), None)
        host = host or _sole_doer(draft, drafts, ctx)
        if host is None:
            kept.append(draft)
            continue
        host.joined.add(draft.trigger.i)  # the toll of the joined mention goes to its host
        if host.sense.mode in OVERRIDABLE_MODES and draft.sense.mode not in OVERRIDABLE_MODES:
            host.sense = draft.sense
        host.target = unique(host.target + [actor for actor in draft.target if actor not in host.source])
        host.place, host.place_from = (host.place, host.place_from) if host.place else (draft.place, draft.place_from)
        if host.status not in FACTUAL and draft.status in FACTUAL:
            host.status = draft.status
    return kept


def _sole_doer(toll: Draft, drafts: list[Draft], ctx: Context) -> Draft | None:
    """A killing told without its doer ("ten were killed ... when Russian jets struck", however the parse hangs
    the clauses) is the outcome of the one act of its type that its sentence tells with a doer (civilians,
    children and other unarmed groups, a misparse's doers, do not count)."""
    if toll.source or toll.running_total or toll.sense.type != "ASSAULT" or lemma(toll.trigger) not in KILLING_WORDS:
        return None
    doers = [
        other
        for other in drafts
        if other is not toll
        and any(ctx.actors[actor].collective not in CIVILIAN_TYPES for actor in other.source)
        and other.sense.type == toll.sense.type
        and other.sentence.start == toll.sentence.start
        and other.background == toll.background
    ]
    return doers[0] if len(doers) == 1 else None


def _linked_act(sourceless: Draft, other: Draft) -> bool:
    """``other`` has a doer, is of the same type and sentence, and its trigger is a clause or prepositional
    object linked to ``sourceless``'s trigger (or the reverse)."""
    if other is sourceless or not other.source or other.sense.type != sourceless.sense.type:
        return False
    if other.background != sourceless.background:
        return False
    if other.sentence.start != sourceless.sentence.start:
        return False
    return _clause_link(sourceless.trigger, other.trigger) or _clause_link(other.trigger, sourceless.trigger)


def _clause_link(head: Token, dependent: Token) -> bool:
    if dependent.head.i == head.i and dependent.i != head.i:
        return dependent.dep_ in CLAUSE_LINKS
    preposition = dependent.head
    return dependent.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.head.i == head.i


def _same_event(kept: Draft, new: Draft) -> bool:
    if kept.signature() != new.signature() or kept.background != new.background:
        return False
    if kept.sentence.start == new.sentence.start:
        return True
    if kept.running_total or new.running_total:
        return False
    factual = {"occurred", "claimed"}
    if kept.status in factual and new.status in factual and kept.target and new.target:
        return False
    first, second = set(kept.target), set(new.target)
    return bool(kept.source) and (first <= second or second <= first)


def merge_happenings(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """Merge mentions of one happening told in several sentences (drafts in text order). A mention is
    compared with the earlier events of its type first mentioned at most ``RESTATEMENT_WINDOW`` characters
    before it, so that a long document costs time in proportion to its length."""
    merged: list[Draft] = []
    by_type: dict[str, list[Draft]] = {}  # each in text order of first mention, as ``merged``
    for draft in drafts:
        if draft.running_total:  # a running total ("killed since 2014") sums many happenings, restates none
            merged.append(draft)
            continue
        same_type = by_type.setdefault(draft.sense.type, [])
        nearest = bisect_left(
            same_type, draft.sentence.start_char - RESTATEMENT_WINDOW, key=lambda kept: kept.sentence.start_char
        )
        twin = _antecedent(draft, same_type, ctx) or next(
            (kept for kept in same_type[nearest:] if _one_happening(kept, draft, ctx)), None
        )
        if twin is None:
            if not draft.source:
                draft.source = _restated_doer(draft, same_type[nearest:], ctx)
            merged.append(draft)
            same_type.append(draft)
        else:
            _absorb(twin, draft, ctx)
    for draft in merged:
        if not draft.source and not draft.running_total:
            draft.source = _restated_doer(draft, _following(draft, merged, ctx), ctx)
    return merged


def _following(draft: Draft, drafts: list[Draft], ctx: Context) -> list[Draft]:
    """The drafts told in the ``FOLLOWING_SENTENCES`` sentences after ``draft``'s, in text order (a lead told
    without its doer, "79 civilians were killed by air strikes", is often followed by who carried them out)."""
    after = bisect_right(ctx.unit_starts, draft.sentence.start)
    limit = ctx.unit_starts[after + FOLLOWING_SENTENCES] if after + FOLLOWING_SENTENCES < len(ctx.unit_starts) else None
    return [
        other
        for other in drafts
        if other.sentence.start > draft.sentence.start and (limit is None or other.sentence.start < limit)
    ]


def _restated_doer(doerless: Draft, earlier: list[Draft], ctx: Context) -> list[str]:
    """The doer of the first earlier mention, told with an armed doer, that a mention told without one may
    restate (nothing they say disagrees: "Russian jets struck Idlib ... Ten civilians were killed in the
    raids"). The two stay apart, since nothing specific says they are one happening; only the doer is shared."""
    for kept in earlier:
        doers = [
            actor
            for actor in kept.source
            if ctx.actors[actor].collective not in CIVILIAN_TYPES and actor not in doerless.target
        ]
        if doers and _nothing_disagrees(kept, doerless, ctx, same_province=True):
            return doers
    return []


def _one_happening(kept: Draft, new: Draft, ctx: Context) -> bool:
    if not _nothing_disagrees(kept, new, ctx):
        return False
    same_town = (
        kept.place is not None
        and kept.place == new.place
        and _own(kept.place, kept.place_from)
        and _own(new.place, new.place_from)  # a town both tell, not one the other has only from the document
        and ctx.places[kept.place].feature not in BROAD_FEATURES
    )
    same_toll = bool(
        {c.count for c in kept.casualties if c.outcome == "killed"}
        & {c.count for c in new.casualties if c.outcome == "killed"}
    )
    same_actors = bool(kept.source) and bool(kept.target) and set(kept.source) == set(new.source)
    same_actors = same_actors and bool(set(kept.target) & set(new.target))
    return same_town or same_toll or same_actors


def _nothing_disagrees(kept: Draft, new: Draft, ctx: Context, same_province: bool = False) -> bool:
    """Two mentions in different sentences say nothing that sets them apart: type, being news or background,
    status, mode, actors, place (with ``same_province``, two towns of one province agree: enough to share a
    doer, not to be one happening), date."""
    if kept.sense.type != new.sense.type or kept.sentence.start == new.sentence.start:
        return False
    if kept.background != new.background:  # the news is not the happening it recalls
        return False
    if (kept.status in FACTUAL) != (new.status in FACTUAL) or not _modes_agree(kept, new):
        return False
    if not (_nested(kept.source, new.source) and _targets_agree(kept.target, new.target, ctx)):
        return False
    places_agree = _places_agree(kept, new, ctx) or (same_province and _one_province(kept, new, ctx))
    return places_agree and _dates_agree(kept, new)


def _one_province(a: Draft, b: Draft, ctx: Context) -> bool:
    first, second = ctx.places[a.place or ""], ctx.places[b.place or ""]
    return first.country is not None and first.country == second.country and first.admin1 == second.admin1 is not None


def _antecedent(draft: Draft, earlier: list[Draft], ctx: Context) -> Draft | None:
    """ "The attack killed 32 rebels", "the strikes were carried out by X": a definite act noun refers back to
    the latest earlier event of its type (if nothing they say disagrees, sources included)."""
    if not _anaphoric(draft):
        return None
    for kept in reversed(earlier):
        if kept.sense.type == draft.sense.type and kept.sentence.start != draft.sentence.start:
            if not _nested(kept.source, draft.source) or kept.background != draft.background:
                return None
            agree = _places_agree(kept, draft, ctx) and _dates_agree(kept, draft) and _modes_agree(kept, draft)
            return kept if agree else None
    return None


def _anaphoric(draft: Draft) -> bool:
    """The event is named by (or told of) "the attack", "this strike", "the blast"."""
    trigger = draft.trigger
    passive = next((child for child in trigger.children if child.dep_ == "nsubjpass"), None)
    noun = trigger if trigger.pos_ == "NOUN" else passive or subject_of(trigger)
    means = [pobj for _prep, pobj in prep_objects(trigger, MEANS_PREPS)] if trigger.pos_ == "VERB" else []
    return any(  # "the attack killed 32", or "32 were killed in the attack"
        lemma(act) in ACT_NOUNS
        and any(child.dep_ == "det" and child.lower_ in ANAPHORIC_DETERMINERS for child in act.children)
        for act in ([noun] if noun is not None else []) + means
    )


def _modes_agree(a: Draft, b: Draft) -> bool:
    """No weapon on one side (none, or a massacre, which says whom rather than with what), or the same."""
    return a.sense.mode in OVERRIDABLE_MODES or b.sense.mode in OVERRIDABLE_MODES or a.sense.mode == b.sense.mode


def _nested(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _targets_agree(a: list[str], b: list[str], ctx: Context) -> bool:
    """No target, a shared one, or only unnamed groups on one side ("11 civilians" told again as "11 people")."""
    if not a or not b or set(a) & set(b):
        return True
    return all(ctx.actors[actor].collective is not None for actor in (*a, *b))


def _places_agree(a: Draft, b: Draft, ctx: Context) -> bool:
    """No place of its own (none, or only the dateline's or document's), one place, or one inside the other
    (a town and its province or country)."""
    if a.place is None or b.place is None or a.place == b.place:
        return True
    if not (_own(a.place, a.place_from) and _own(b.place, b.place_from)):
        return True
    first, second = ctx.places[a.place], ctx.places[b.place]
    return _inside(first, second) or _inside(second, first)


def _inside(small: Place, large: Place) -> bool:
    if large.country is None or small.country != large.country:
        return False
    if large.feature == "country":
        return True
    return large.feature == "admin1" and small.admin1 is not None and small.admin1 == large.admin1


def _dates_agree(a: Draft, b: Draft) -> bool:
    """No date of its own (none, or only the document's), or one date within the other."""
    if not (_own(a.date, a.date_from) and _own(b.date, b.date_from)):
        return True
    first, second = a.date or "", b.date or ""
    return first.startswith(second) or second.startswith(first)


def _own(value: str | None, read_from: str | None) -> bool:
    """A place or date the event's own sentence gives (not the dateline's or the document's)."""
    return value is not None and read_from in {"clause", "sentence"}


def _absorb(twin: Draft, other: Draft, ctx: Context) -> None:
    twin.source = unique(twin.source + other.source)
    twin.target = unique(twin.target + other.target)
    twin.reported_by = unique(twin.reported_by + other.reported_by)
    twin.casualties += other.casualties
    twin.sentences = sorted(twin.sentences + other.sentences, key=lambda sentence: sentence.start)
    twin.civilian_site = twin.civilian_site or other.civilian_site
    if twin.sense.mode in OVERRIDABLE_MODES and other.sense.mode not in OVERRIDABLE_MODES:  # the weapon, if told
        twin.sense = other.sense
    if _better_place(other, twin, ctx):
        twin.place, twin.place_from = other.place, other.place_from
    if _better_date(other, twin):
        twin.date, twin.date_from = other.date, other.date_from
    if twin.status != "occurred" and other.status == "occurred":
        twin.status = other.status


def _better_place(candidate: Draft, current: Draft, ctx: Context) -> bool:
    """A place the event's own sentences give over the dateline's or the document's; else a place read closer
    to the event, or a town where the other has only its province or country."""
    if candidate.place is None:
        return False
    if current.place is None:
        return True
    own, current_own = _own(candidate.place, candidate.place_from), _own(current.place, current.place_from)
    if own != current_own:
        return own
    broad = ctx.places[current.place].feature in BROAD_FEATURES
    specific = ctx.places[candidate.place].feature not in BROAD_FEATURES
    if broad and specific:
        return True
    return PROVENANCE_RANK[candidate.place_from] < PROVENANCE_RANK[current.place_from] and (specific or broad)


def _better_date(candidate: Draft, current: Draft) -> bool:
    if candidate.date is None:
        return False
    if current.date is None:
        return True
    if PROVENANCE_RANK[candidate.date_from] != PROVENANCE_RANK[current.date_from]:
        return PROVENANCE_RANK[candidate.date_from] < PROVENANCE_RANK[current.date_from]
    return len(candidate.date) > len(current.date)


def acting_abroad(draft: Draft, ctx: Context) -> frozenset[str]:
    """Ids of the event's state actors whose country is not the event's (ACLED's external forces)."""
    place = ctx.places.get(draft.place or "")
    if place is None or place.country is None:
        return frozenset()
    registry, countries = load_registry(), alpha2_by_alpha3()
    abroad = set()
    for actor_id in (*draft.source, *draft.target):
        actor = ctx.actors[actor_id]
        entry = registry.get(actor.canonical_id) if actor.canonical_id else None
        home = countries.get(entry.country) if entry is not None and entry.country else None
        if home is not None and home != place.country and actor.kind in {"state", "government", "institution"}:
            abroad.add(actor_id)
    return frozenset(abroad)
