import { DocumentSummary, EventItem, PageOf, PlaceRef, get } from "../api";
import { chips, empty, h, link, section, table } from "../dom";
import { eventsTable, offsetPager, offsetParam } from "./common";
import { exportBar } from "./exports";

interface PlaceDetail extends PlaceRef {
  admin1: string | null; feature: string | null; names: string[]; documents_total: number;
}
interface ActorAtPlace { id: number; name: string; kind: string; events: number }
type EventPage = PageOf<EventItem> & { total_exact: boolean };

const FEATURE_NAMES: Record<string, string> = { country: "country", admin1: "province", region: "region", city: "city", town: "town", village: "village" };
const PAGE = 50;
const OFFSETS = ["events_offset", "actors_offset", "documents_offset"] as const;

/** A place page: the events at the place, the actors in them and the documents naming it, each paged. */
export async function placeView(root: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  const offsets = Object.fromEntries(OFFSETS.map((key) => [key, offsetParam(params, key)])) as Record<(typeof OFFSETS)[number], number>;
  const path = encodeURIComponent(id);
  const [place, events, actors, documents] = await Promise.all([
    get<PlaceDetail>(`places/${path}`),
    get<EventPage>("events", { place: id, limit: PAGE, offset: offsets.events_offset }),
    get<PageOf<ActorAtPlace>>(`places/${path}/actors`, { limit: PAGE, offset: offsets.actors_offset }),
    get<PageOf<DocumentSummary>>(`places/${path}/documents`, { limit: PAGE, offset: offsets.documents_offset }),
  ]);
  // Each list pages on its own: its link changes its offset and keeps the others'.
  const to = (key: string) => (offset: number) => `#/place/${path}?${new URLSearchParams({ ...offsets, [key]: String(offset) } as unknown as Record<string, string>)}`;
  const where = [place.feature ? FEATURE_NAMES[place.feature] ?? place.feature : null, place.admin1, place.country].filter(Boolean).join(", ");
  const area = place.feature === "country" || place.feature === "admin1" || place.feature === "region";
  const eventsTotal = `${events.total.toLocaleString("en")}${events.total_exact ? "" : "+"}`;
  root.append(
    h("h2", {}, place.name),
    h("p", { class: "muted place-where" }, where,
      place.lat !== null && place.lon !== null ? ` · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}${area ? " (the area's centre: events here are known only to the area)" : ""}` : "",
      " · ", link(`#/map?place=${place.id}`, "show on the map"), " · ", link(`#/events?place=${place.id}`, "events list"), " · ",
      link(`#/timeline?place=${place.id}`, "timeline")),
    place.names.length ? h("div", { class: "aliases" }, chips(place.names)) : "",
    h("div", { class: "two-columns" },
      h("div", {},
        section(`Events here (${eventsTotal})`,
          events.items.length ? [exportBar("exports/events", { place: place.id }, ["csv", "json", "geojson"]), eventsTable(events.items)] : empty("No events at this place."),
          offsetPager(to("events_offset"), offsets.events_offset, PAGE, events.total, "events-pager"))),
      h("div", {},
        section(`Actors in these events (${actors.total})`,
          actors.items.length
            ? table(["Actor", "Kind", "Events"], actors.items.map((actor) => [link(`#/actor/${actor.id}`, actor.name), actor.kind, String(actor.events)]), "place-actors")
            : empty("No actors in events here."),
          offsetPager(to("actors_offset"), offsets.actors_offset, PAGE, actors.total, "actors-pager")),
        section(`Documents naming it (${documents.total})`,
          documents.total ? exportBar("exports/documents", { place: place.id, sort: "newest" }, ["csv", "json"]) : null,
          h("ul", { class: "plain place-documents" }, documents.items.map((doc) =>
            h("li", {}, link(`#/doc/${encodeURIComponent(doc.doc_id)}`, doc.title ?? doc.doc_id), h("span", { class: "muted" }, ` ${doc.outlet ?? ""} ${doc.date ?? ""}`)))),
          offsetPager(to("documents_offset"), offsets.documents_offset, PAGE, documents.total, "documents-pager"))),
    ),
  );
}
