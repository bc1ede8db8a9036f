"""Record items from the found attributions: attribution relations with their chains, quotes and claims.

A chain runs from the outlet (the implicit first hop of every chain in its own article) through each
enclosing attribution's source to the attribution's own source. A claim is one fragment of a clausal content
(of a cue that is not negated: "did not say what ...") that holds no nested cue and is not a direct quote; an
indirect quote is the same fragment when someone is named or described as its source. Items are built with
their validating constructors: pydantic's compiled validation is faster than ``model_construct``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitroom.components.attribution.document import MIN_CARRIED_WORDS, FoundAttributions
from sitroom.components.attribution.finder import Found, Range
from sitroom.components.attribution.text_geometry import word_count
from sitroom.components.offset_index import OffsetIndex
from sitroom.knowledge.reporting import ReportingLexicon
from sitroom.record import Attribution, Claim, Quote, SourceHop, Span

MIN_CLAIM_WORDS = 3
UNNAMED = "(unnamed)"


@dataclass(frozen=True)
class Outlet:
    """The document's outlet: its name and, when it is one of the document's actors, that actor's id."""

    name: str | None
    actor: str | None


@dataclass(frozen=True)
class AttributionLayers:
    """What the attribution layer writes on the Doc."""

    attributions: list[Attribution]
    quotes: list[Quote]
    claims: list[Claim]


class RecordBuilder:
    """Turns found attributions into record items."""

    def __init__(self, text: str, outlet: Outlet, lexicon: ReportingLexicon) -> None:
        self.text = text
        self.outlet = outlet
        self.lexicon = lexicon
        self.ids: dict[int, str] = {}
        self.chains: dict[int, list[SourceHop]] = {}
        self.spans: dict[Range, Span] = {}

    def span(self, start: int, end: int) -> Span:
        """The span of the offsets, one object for each range (a cue is in its attribution and in its hop)."""
        span = self.spans.get((start, end))
        if span is None:
            span = self.spans[start, end] = Span(text=self.text[start:end], start=start, end=end)
        return span

    def build(self, found: FoundAttributions) -> AttributionLayers:
        self.ids = {id(item): f"t{n}" for n, item in enumerate(found.found, start=1)}
        direct = OffsetIndex([(quote.start, quote.end) for quote in found.quotes], lambda r: r[0], lambda r: r[1])
        attributions = [self.attribution(item, direct) for item in found.found]
        claims: list[Claim] = []
        indirect: list[Quote] = []
        for item in found.found:
            if item.clausal and not item.negated:
                self.claims_of(item, found.carried, direct, claims, indirect)
        quotes = [
            Quote(
                speaker=quote.found.source.actor_id if quote.found else None,
                text=self.text[quote.start : quote.end],
                start=quote.start,
                end=quote.end,
                direct=True,
                cue=self.cue_text(quote.found) if quote.found else None,
                chain=self.chain(quote.found) if quote.found else [],
                attribution=self.ids[id(quote.found)] if quote.found else None,
            )
            for quote in found.quotes
        ]
        return AttributionLayers(attributions, sorted([*quotes, *indirect], key=lambda q: q.start), claims)

    def cue_text(self, item: Found) -> str:
        return self.text[item.cue[0] : item.cue[1]]

    def attribution(self, item: Found, direct: OffsetIndex[Range]) -> Attribution:
        source = item.source
        return Attribution(
            id=self.ids[id(item)],
            cue=self.span(*item.cue),
            source=self.span(source.start, source.end) if source.start is not None and source.end else None,
            content=[self.span(start, end) for start, end in item.content],
            direct=all(share_inside(fragment, direct) > 0.5 for fragment in item.content),
            chain=self.chain(item),
            parent=self.ids.get(id(item.parent)) if item.parent is not None else None,
        )

    def hop(self, item: Found) -> SourceHop:
        source = item.source
        words = self.span(source.start, source.end) if source.start is not None and source.end else None
        return SourceHop(
            name=words.text if words else UNNAMED,
            type=source.type,
            anonymous=source.anonymous,
            actor=source.actor_id,
            kind=source.kind,
            source=words,
            cue=self.span(*item.cue),
        )

    def chain(self, item: Found) -> list[SourceHop]:
        """Outermost first: the outlet, the enclosing attributions' sources, then the item's own."""
        key = id(item)
        if key not in self.chains:
            if item.parent is not None:
                outer = self.chain(item.parent)
            elif self.outlet.name:
                outer = [SourceHop(name=self.outlet.name, type="outlet", actor=self.outlet.actor, kind="media")]
            else:
                outer = []
            self.chains[key] = [*outer, self.hop(item)]
        return self.chains[key]

    def source_chain(self, item: Found) -> list[str]:
        """The actor ids of the chain, consecutive repeats dropped."""
        ids: list[str] = []
        for hop in self.chain(item):
            if hop.actor and (not ids or ids[-1] != hop.actor):
                ids.append(hop.actor)
        return ids

    def claims_of(
        self, item: Found, carried: set[Range], direct: OffsetIndex[Range], claims: list[Claim], indirect: list[Quote]
    ) -> None:
        """The item's claims (and indirect quotes): fragments with no nested cue, not quoted directly."""
        cue = self.cue_text(item)
        chain = self.chain(item)
        anonymous = item.source.type == "anonymous"
        for start, end in item.content:
            if (start, end) in item.minor:
                continue
            text = self.text[start:end]
            is_carried = (start, end) in carried
            nested = any(start <= child.cue[0] < end for child in item.children if child.clausal)
            if nested or share_inside((start, end), direct) > 0.5:
                continue
            if word_count(text) < (MIN_CARRIED_WORDS if is_carried else MIN_CLAIM_WORDS):
                continue
            claims.append(
                Claim(
                    text=text,
                    start=start,
                    end=end,
                    source_chain=self.source_chain(item),
                    cue=cue,
                    hedged=anonymous or self.lexicon.is_hedge(cue),
                    chain=chain,
                    anonymous=item.source.anonymous,
                    voice="attributed" if item.parent is not None else "outlet",
                    attribution=self.ids[id(item)],
                )
            )
            if not anonymous and not is_carried:
                indirect.append(
                    Quote(
                        speaker=item.source.actor_id,
                        text=text,
                        start=start,
                        end=end,
                        direct=False,
                        cue=cue,
                        chain=chain,
                        attribution=self.ids[id(item)],
                    )
                )


def share_inside(fragment: Range, spans: OffsetIndex[Range]) -> float:
    """Share of the fragment's characters that lie inside the spans."""
    length = fragment[1] - fragment[0]
    if not spans:
        return 0.0
    overlapping = spans.overlapping(*fragment)
    inside = sum(min(fragment[1], end) - max(fragment[0], start) for start, end in overlapping)
    return inside / length if length else 0.0
