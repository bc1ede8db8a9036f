"""The ``sitroom_agreements`` spaCy component: mentions → what each sentence says → agreements."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from sitroom import layers
from sitroom.components.agreements import attributes, passages
from sitroom.components.agreements.context import Context, build_context
from sitroom.components.agreements.detection import Mention, duration, find_mentions
from sitroom.components.agreements.event_links import EventLink, link_events
from sitroom.components.agreements.fillers import Fillers
from sitroom.components.agreements.grouping import Draft, MentionFacts, group_mentions
from sitroom.components.agreements.provisions import (
    Clause,
    bound_by_both,
    char_span,
    content_lemmas,
    is_deontic,
    is_targeted,
    mention_clauses,
    numbered_clauses,
    provision_type,
    restates,
)
from sitroom.components.agreements.roles import mention_roles
from sitroom.components.agreements.status import StatusHit, mention_statuses
from sitroom.knowledge.agreement_kinds import ROLE_FIELDS, STATUS_ORDER, most_specific
from sitroom.knowledge.registry import Registry, load_registry
from sitroom.record import (
    Agreement,
    AgreementRole,
    AgreementRoleName,
    EndReason,
    Event,
    Provision,
    ProvisionType,
    StatusReport,
)
from sitroom.record import Span as TextSpan


@dataclass
class Extraction:
    """The layer's output for one document."""

    agreements: list[Agreement]
    events: list[Event]


class AgreementsComponent:
    """spaCy component: sets ``doc._.agreements``, links them to ``doc._.events`` and completes ``doc._.actors``
    with the role fillers it had to resolve itself."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __call__(self, doc: Doc) -> Doc:
        ctx = build_context(doc)
        found = extract_agreements(ctx, self.registry)
        doc._.agreements = found.agreements
        if doc._.events is not None or found.agreements:
            doc._.events = found.events
        if doc._.actors is not None or ctx.actors:
            doc._.actors = list(ctx.actors.values())
        return doc


@Language.factory("sitroom_agreements", default_config={"extra_registry_paths": []})
def make_agreements_component(nlp: Language, name: str, extra_registry_paths: list[str]) -> AgreementsComponent:
    """Factory of the agreements layer; ``extra_registry_paths`` are the user's actor files."""
    layers.register_extensions()
    return AgreementsComponent(load_registry([Path(path) for path in extra_registry_paths]))


def extract_agreements(ctx: Context, registry: Registry) -> Extraction:
    """The agreements of a document and its events list with their AGREE events."""
    fillers = Fillers(ctx, registry)
    mentions = find_mentions(ctx)
    heads = {mention.head.i for mention in mentions}
    unit_starts = [unit.start for unit in ctx.units]
    facts = [_facts(mention, ctx, fillers, heads, unit_starts) for mention in mentions]
    drafts = group_mentions(facts)
    _attach_passages(drafts, ctx)
    built = [_agreement(number, draft, ctx) for number, draft in enumerate(drafts, start=1)]
    fillers.keep_only({actor for agreement, _link in built for actor in _actors_named(agreement)})
    links = [link for _agreement_, link in built]
    events = link_events(list(ctx.events), links) if links else list(ctx.events)
    return Extraction([agreement for agreement, _link in built], events)


def _actors_named(agreement: Agreement) -> set[str]:
    """Every actor id the agreement refers to."""
    named = {role.actor for role in agreement.roles}
    for field in ROLE_FIELDS.values():
        named.update(getattr(agreement, field))
    named.update(actor for provision in agreement.provisions for actor in provision.obligors)
    named.update(actor for report in agreement.statuses for actor in report.actors)
    return named


# ------------------------------------------------------------------------------------------ mentions
def _facts(mention: Mention, ctx: Context, fillers: Fillers, heads: set[int], unit_starts: list[int]) -> MentionFacts:
    index = max(bisect_right(unit_starts, mention.head.i) - 1, 0)
    unit = ctx.units[index]
    return MentionFacts(
        mention=mention,
        unit=unit,
        unit_index=index,
        roles=mention_roles(mention, fillers),
        statuses=mention_statuses(mention, ctx, fillers),
        provisions=mention_clauses(mention.head, unit, heads),
        duration=duration(mention.head),
        date=attributes.phrase_date(mention, ctx),
        places=attributes.places(mention, ctx),
        representing=passages.representation(unit, ctx),
    )


def _attach_passages(drafts: list[Draft], ctx: Context) -> None:
    """Drafts announced with their sides ("a truce between A and B") take the sentences that set them out."""
    announcing = {draft.announcement.unit_index for draft in drafts if draft.announcement.announces}
    for draft in drafts:
        fact = draft.announcement
        if not fact.announces or fact.unit.start in ctx.heading_tokens:
            continue
        passage = passages.passage_units(fact.unit_index, ctx.units, announcing - {fact.unit_index}, ctx)
        if not passages.sets_out(fact.unit, passage, ctx):
            continue  # a news report naming two sides, not an agreement's text
        draft.passage = passage
        for unit in [fact.unit, *draft.passage]:
            draft.representing.update(passages.representation(unit, ctx))
        for other in draft.facts:
            draft.representing.update(other.representing)


# ------------------------------------------------------------------------------------------ agreements
def _agreement(number: int, draft: Draft, ctx: Context) -> tuple[Agreement, EventLink]:
    """Draft ``number`` as the record agreement ``g<number>`` and what the events layer should hold for it."""
    roles = _roles(draft, ctx)
    fields = {name: [role.actor for role in roles if role.role == key] for key, name in ROLE_FIELDS.items()}
    fields = {name: list(dict.fromkeys(actors)) for name, actors in fields.items()}
    hits = [hit for fact in draft.facts for hit in fact.statuses]
    place_ids = list(dict.fromkeys(place for fact in draft.facts for place in fact.places))
    announcement = draft.announcement
    clauses = _provisions(draft, fields["parties"], ctx)
    end_date, end_reason = _end(hits, ctx)
    agreement = Agreement(
        id=f"g{number}",
        kind=most_specific(draft.kinds),
        place=_place(draft, clauses, place_ids, ctx),
        date=_date(draft, hits, ctx),
        provisions=clauses,
        evidence=_text_span(announcement.unit),
        roles=roles,
        sidedness=attributes.sidedness(
            fields["parties"], [f.mention.span for f in draft.facts] + _cue_phrases(hits), _has_with_party(draft)
        ),
        written=attributes.written([fact.unit for fact in draft.facts] + draft.passage),
        status=max((hit.status for hit in hits), key=STATUS_ORDER.index, default="agreed"),
        statuses=[_report(hit, ctx) for hit in hits],
        start_date=min((hit.start_date for hit in hits if hit.start_date), default=None),
        end_date=end_date,
        end_reason=end_reason,
        duration=next((fact.duration for fact in draft.facts if fact.duration), None),
        places=place_ids,
        mentions=[_text_span(fact.mention.span) for fact in draft.facts],
        parties=fields["parties"],
        signatories=fields["signatories"],
        representatives=fields["representatives"],
        mediators=fields["mediators"],
        guarantors=fields["guarantors"],
        monitors=fields["monitors"],
        implementers=fields["implementers"],
        excluded=fields["excluded"],
        proposers=fields["proposers"],
    )
    link = EventLink(
        agreement=agreement,
        units=[(fact.unit.start_char, fact.unit.end_char) for fact in draft.facts],
        announced=_announced(draft),
        passage_end=draft.passage[-1].end_char if draft.passage else None,
        reporter=passages.reporter(draft.passage, ctx),
        violations=[hit.events for hit in hits],
    )
    return agreement, link


def _roles(draft: Draft, ctx: Context) -> list[AgreementRole]:
    """Every (actor, role) once, with the sentence that gives it; persons stand for what they represent."""
    found: dict[tuple[str, AgreementRoleName], AgreementRole] = {}

    def add(actor: str, role: AgreementRoleName, unit: Span) -> None:
        found.setdefault((actor, role), AgreementRole(actor=actor, role=role, evidence=_text_span(unit)))

    for fact in draft.facts:
        representing = draft.representing | fact.representing
        for hit in fact.roles:
            for actor in hit.actors:
                if hit.role != "party" or ctx.actors[actor].kind not in passages.NON_PARTY_KINDS:
                    add(actor, hit.role, fact.unit)
                elif actor in representing:
                    add(representing[actor], "party", fact.unit)
                    add(actor, "representative", fact.unit)
                elif ctx.actors[actor].kind == "person":
                    add(actor, "representative", fact.unit)
    if draft.passage:
        units = [draft.announcement.unit, *draft.passage]
        signers = passages.signatories(units, draft.representing, ctx)
        for person in signers:
            add(person, "signatory", _unit_naming(person, units, ctx))
        for person in passages.implementers(units, signers, ctx):
            add(person, "implementer", _unit_naming(person, units, ctx))
        for person in draft.representing:
            add(person, "representative", _unit_naming(person, units, ctx))
    return list(found.values())


def _unit_naming(actor: str, units: list[Span], ctx: Context) -> Span:
    return next((unit for unit in units if actor in ctx.actors_in(unit)), units[0])


def _has_with_party(draft: Draft) -> bool:
    return any(
        token.dep_ == "prep" and token.lower_ == "with" for fact in draft.facts for token in fact.mention.head.children
    )


def _cue_phrases(hits: list[StatusHit]) -> list[Span]:
    doc_spans: list[Span] = []
    for hit in hits:
        doc = hit.cue.doc
        doc_spans.append(doc[hit.cue.left_edge.i : hit.cue.i + 1])
    return doc_spans


def _report(hit: StatusHit, ctx: Context) -> StatusReport:
    start, end = hit.evidence
    span = char_span(ctx.doc, start, end)
    return StatusReport(
        status=hit.status,
        date=hit.date or ctx.document_date,
        actors=list(dict.fromkeys(hit.actors)),
        evidence=_text_span(span) if span is not None else TextSpan(text=ctx.text[start:end], start=start, end=end),
    )


def _end(hits: list[StatusHit], ctx: Context) -> tuple[str | None, EndReason | None]:
    ended = [hit for hit in hits if hit.status == "collapsed"]
    if not ended:
        return None, None
    return ended[0].date or ctx.document_date, ended[0].end_reason


def _date(draft: Draft, hits: list[StatusHit], ctx: Context) -> str | None:
    """When it was agreed: a date the text gives, else (for one the document announces) the document's month."""
    agreed = [hit.date for hit in hits if hit.status in {"agreed", "proposed"} and hit.date]
    stated = agreed or [fact.date for fact in draft.facts if fact.date]
    if stated:
        return stated[0]
    if draft.passage or any(hit.status == "agreed" for hit in hits):
        return ctx.document_month
    return None


def _announced(draft: Draft) -> bool:
    """Announced here: the document sets its text out (an agreement reported in passing is the events
    layer's to code, from its own verbs)."""
    return bool(draft.passage)


def _place(draft: Draft, clauses: list[Provision], place_ids: list[str], ctx: Context) -> str | None:
    """The most specific place of the first clauses (of a set-out agreement), else of its mentions."""
    for provision in clauses:
        span = char_span(ctx.doc, provision.start, provision.end)
        for token in span or []:
            place = ctx.places.get(ctx.token_place.get(token.i, ""))
            if place is not None and place.feature not in {"country", "admin1"} and token.i not in ctx.token_actor:
                return place.id
    if draft.passage:
        unit_places = ctx.places_in(draft.announcement.unit)
        place_ids = place_ids + [p for p in unit_places if p not in place_ids]
    return attributes.most_specific_place(place_ids, ctx)


def _text_span(span: Span) -> TextSpan:
    text = span.text.strip()
    start = span.start_char + span.text.index(text) if text else span.start_char
    return TextSpan(text=text, start=start, end=start + len(text))


# ------------------------------------------------------------------------------------------ provisions
def _provisions(draft: Draft, parties: list[str], ctx: Context) -> list[Provision]:
    """Numbered clauses of a set-out agreement, then unnumbered ones that do not restate them, numbered on."""
    doc = ctx.doc
    numbered: list[Clause] = []
    if draft.passage:
        numbered = numbered_clauses(ctx.text, draft.announcement.unit.end_char, draft.passage[-1].end_char)
    covered = [(clause.start, clause.end) for clause in numbered]
    unnumbered: list[tuple[int, int]] = []
    for unit in draft.passage:
        inside = any(start <= unit.start_char < end for start, end in covered)
        if not inside and is_deontic(unit) and provision_type(unit) != "other":
            text = _text_span(unit)
            unnumbered.append((text.start, text.end))
    for fact in draft.facts:
        unnumbered += [c for c in fact.provisions if not any(s <= c[0] < e for s, e in covered)]
    result: list[Provision] = []
    seen: list[tuple[ProvisionType, set[str]]] = []
    for number, (start, end) in [(c.n, (c.start, c.end)) for c in numbered] + [(0, c) for c in unnumbered]:
        span = char_span(doc, start, end)
        if span is None:
            continue
        kind = provision_type(span)
        lemmas = content_lemmas(span)
        if number == 0 and restates(kind, lemmas, seen):
            continue
        seen.append((kind, lemmas))
        obligors = _obligors(span, kind, parties, draft.representing, ctx)
        result.append(Provision(n=number, type=kind, obligors=obligors, text=ctx.text[start:end], start=start, end=end))
    next_n = max((item.n for item in result), default=0) + 1
    for item in result:
        if item.n == 0:
            item.n, next_n = next_n, next_n + 1
    return result


def _obligors(
    span: Span, kind: ProvisionType, parties: list[str], representing: dict[str, str], ctx: Context
) -> list[str]:
    """Who is bound: both sides, the subject's party, or for a ceasefire the side not named as its target."""
    if bound_by_both(span.text):
        return list(parties)
    named = passages.as_parties(ctx.actors_in(span), representing, ctx)
    subjects = [token for token in span if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"]
    bound = passages.as_parties(ctx.actors_in(t for s in subjects for t in s.subtree), representing, ctx)
    if bound:
        return [party for party in bound if party in parties] or bound
    if is_targeted(kind) and named:
        return [party for party in parties if party not in named] or list(parties)
    return [party for party in named if party in parties] or list(parties)
