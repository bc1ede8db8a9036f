import { DocumentSummary, EventItem, PageOf, PlaceRef, get } from "../api";
import { chips, empty, h, link, section, table } from "../dom";
import { eventsTable } from "./common";

interface PlaceDetail extends PlaceRef {
  admin1: string | null; feature: string | null; names: string[]; documents: DocumentSummary[]; events: EventItem[];
}
interface ActorAtPlace { id: number; name: string; kind: string; events: number }

const FEATURE_NAMES: Record<string, string> = { country: "country", admin1: "province", region: "region", city: "city", town: "town", village: "village" };

/** A place page: the events at the place, the actors in them and the documents naming it. */
export async function placeView(root: HTMLElement, id: string): Promise<void> {
  const [place, actors] = await Promise.all([
    get<PlaceDetail>(`places/${encodeURIComponent(id)}`),
    get<PageOf<ActorAtPlace>>(`places/${encodeURIComponent(id)}/actors`, { limit: 100 }),
  ]);
  const where = [place.feature ? FEATURE_NAMES[place.feature] ?? place.feature : null, place.admin1, place.country].filter(Boolean).join(", ");
  const area = place.feature === "country" || place.feature === "admin1" || place.feature === "region";
  root.append(
    h("h2", {}, place.name),
    h("p", { class: "muted place-where" }, where,
      place.lat !== null && place.lon !== null ? ` · ${place.lat.toFixed(3)}, ${place.lon.toFixed(3)}${area ? " (the area's centre: events here are known only to the area)" : ""}` : "",
      " · ", link(`#/map?place=${place.id}`, "show on the map"), " · ", link(`#/events?place=${place.id}`, "events list"), " · ",
      link(`#/timeline?place=${place.id}`, "timeline")),
    place.names.length ? h("div", { class: "aliases" }, chips(place.names)) : "",
    h("div", { class: "two-columns" },
      h("div", {},
        section(`Events here (${place.events.length}${place.events.length >= 200 ? ", the newest 200" : ""})`,
          place.events.length ? eventsTable(place.events) : empty("No events at this place."))),
      h("div", {},
        section(`Actors in these events (${actors.total})`,
          actors.items.length
            ? table(["Actor", "Kind", "Events"], actors.items.map((actor) => [link(`#/actor/${actor.id}`, actor.name), actor.kind, String(actor.events)]), "place-actors")
            : empty("No actors in events here.")),
        section(`Documents naming it (${place.documents.length}${place.documents.length >= 100 ? ", the first 100" : ""})`,
          h("ul", { class: "plain place-documents" }, place.documents.map((doc) =>
            h("li", {}, link(`#/doc/${encodeURIComponent(doc.doc_id)}`, doc.title ?? doc.doc_id), h("span", { class: "muted" }, ` ${doc.outlet ?? ""} ${doc.date ?? ""}`)))))),
    ),
  );
}
