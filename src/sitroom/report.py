"""The readable terminal report of one analysis record (rich)."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sitroom.record import Record


def _names(record: Record) -> dict[str, str]:
    names = {actor.id: actor.name for actor in record.actors}
    names.update({place.id: place.name for place in record.places})
    return names


def _join(ids: list[str], names: dict[str, str]) -> str:
    return ", ".join(names.get(item, item) for item in ids)


def _table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _actors(record: Record) -> Table:
    table = _table(f"Actors ({len(record.actors)})", "name", "kind", "mentions", "affiliations / roles")
    names = _names(record)
    for actor in record.actors:
        mentions = sorted({mention.text for mention in actor.mentions})
        name = actor.name if actor.registered else f"{actor.name} [dim](unregistered)[/dim]"
        roles = ", ".join([_join(actor.affiliations, names), *actor.roles]).strip(", ")
        table.add_row(name, actor.kind, "; ".join(mentions), roles)
    return table


def _places(record: Record) -> Table:
    table = _table(f"Places ({len(record.places)})", "name", "feature", "country / admin1", "coordinates")
    for place in record.places:
        where = " / ".join(part for part in (place.country, place.admin1) if part)
        coordinates = f"{place.lat:.3f}, {place.lon:.3f}" if place.lat is not None and place.lon is not None else "—"
        table.add_row(place.name, place.feature or "", where, coordinates if place.resolved else "unresolved")
    return table


def _events(record: Record) -> Table:
    table = _table(f"Events ({len(record.events)})", "type", "who → whom", "where / when", "status", "evidence")
    names = _names(record)
    for event in record.events:
        kind = f"{event.type} ({event.mode})" if event.mode else event.type
        who = f"{_join(event.source, names)} → {_join(event.target, names)}"
        where = " / ".join(part for part in (names.get(event.place or ""), event.date) if part)
        status = event.status + (f" by {_join(event.reported_by, names)}" if event.reported_by else "")
        table.add_row(kind, who, where, status, Text(event.evidence.text))
    return table


def _statements(record: Record) -> Table:
    table = _table(f"Quotes and claims ({len(record.quotes)} + {len(record.claims)})", "who", "says", "cue")
    names = _names(record)
    for quote in record.quotes:
        speaker = names.get(quote.speaker or "", "unknown")
        table.add_row(speaker, Text(f"“{quote.text}”" if quote.direct else quote.text), quote.cue or "")
    for claim in record.claims:
        chain = " → ".join(names.get(item, item) for item in claim.source_chain) or "anonymous"
        cue = (claim.cue or "") + (" (hedged)" if claim.hedged else "")
        table.add_row(chain, Text(claim.text), cue)
    return table


def _agreements(record: Record) -> list[RenderableType]:
    names = _names(record)
    panels: list[RenderableType] = []
    for agreement in record.agreements:
        table = _table("", "n", "type", "obligors", "provision")
        for provision in agreement.provisions:
            table.add_row(str(provision.n), provision.type, _join(provision.obligors, names), Text(provision.text))
        header = Text.assemble(
            ("parties: ", "bold"),
            _join(agreement.parties, names),
            ("\nsignatories: ", "bold"),
            _join(agreement.signatories, names),
            ("\nimplementers: ", "bold"),
            _join(agreement.implementers, names),
            ("\nplace / date: ", "bold"),
            " / ".join(p for p in (names.get(agreement.place or ""), agreement.date) if p),
        )
        panels.append(Panel(Group(header, table), title=f"Agreement: {agreement.kind}", title_align="left"))
    return panels


def _framing(record: Record) -> Table:
    table = _table(f"Framing ({len(record.framing)})", "span", "technique", "target")
    names = _names(record)
    for item in record.framing:
        table.add_row(Text(item.text), item.technique, names.get(item.target or "", ""))
    return table


def render_record(record: Record) -> RenderableType:
    """Everything in one record as rich renderables, section by section."""
    heading = Text.assemble(
        (record.title or record.id, "bold"), "\n", " · ".join(p for p in (record.date, record.outlet) if p)
    )
    sections: list[RenderableType] = [Panel(heading, title=record.id, title_align="left")]
    if record.actors:
        sections.append(_actors(record))
    if record.places:
        sections.append(_places(record))
    if record.events:
        sections.append(_events(record))
    if record.quotes or record.claims:
        sections.append(_statements(record))
    sections.extend(_agreements(record))
    if record.framing:
        sections.append(_framing(record))
    return Group(*sections)


def print_record(record: Record, console: Console) -> None:
    console.print(render_record(record))
