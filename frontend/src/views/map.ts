import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";
import { PageOf, PlaceRef, get } from "../api";
import { h, link } from "../dom";
import { eventFilters, filterParams, setHashParams } from "./common";
import { exportBar } from "./exports";
import { AreaEvents, PlaceEvents, PointEvents, areaList, areaShading, clusteredEvents, placeLabels, placeMarkers } from "./map-layers";
import { TimeBins, TimeWindow, axisMonths, binsFor, keepWindow, monthsChart, sharedWindow, withoutDates } from "./time-chart";

/** The offline basemap: country shapes from world-atlas (Natural Earth, public domain). */
function basemap(): L.GeoJSON {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return L.geoJSON(feature(topology, topology.objects.countries), {
    style: { color: "#8a9bb0", weight: 0.6, fillColor: "#e9eef3", fillOpacity: 1 },
    interactive: false,
  });
}

/** Up to this many events the map draws one marker each; beyond, one marker per place with its events counted
 * (every event still counted and reachable from its place). */
const EACH_EVENT_LIMIT = 5000;

/** The events to draw: each one when few enough, else counted per place. */
type Drawn = { each: PointEvents } | { places: PlaceEvents };

function hashFor(values: Record<string, string>): string {
  const search = new URLSearchParams(values).toString();
  return search ? `#/map?${search}` : "#/map";
}

/** A place filter: a name looked up among the knowledge base's places (suggested while typing). */
function placeFilter(filters: Record<string, string>, current: PlaceRef | null): HTMLElement {
  const options = h("datalist", { id: "place-names" });
  const input = h("input", { name: "place_name", list: "place-names", placeholder: "a town, province or country", size: 24, value: current?.name ?? "" }) as HTMLInputElement;
  input.addEventListener("input", async () => {
    if (input.value.trim().length < 2) return;
    const found = await get<PageOf<PlaceRef>>("places", { q: input.value.trim(), limit: 10 });
    options.replaceChildren(...found.items.map((place) => h("option", { value: place.name }, place.country ?? "")));
  });
  const form = h("form", { class: "place-filter" },
    h("label", { class: "field" }, h("span", {}, "Place"), input), options,
    h("button", { type: "submit" }, "Show place"),
    current ? link(hashFor(Object.fromEntries(Object.entries(filters).filter(([key]) => key !== "place"))), "all places", "clear-place") : "",
    current ? link(`#/place/${current.id}`, `${current.name}: place page`, "place-page") : "",
    h("span", { class: "muted place-message" })) as HTMLFormElement;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const found = await get<PageOf<PlaceRef>>("places", { q: input.value.trim(), limit: 1 });
    const place = found.items[0];
    if (!place) {
      (form.querySelector(".place-message") as HTMLElement).textContent = `no place named “${input.value.trim()}”`;
      return;
    }
    location.hash = hashFor({ ...filters, place: String(place.id) });
  });
  return form;
}

export async function mapView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const filters = withoutDates(filterParams(params));
  const perPlaceAsked = params.get("markers") === "places";
  let window: TimeWindow | null = sharedWindow(params);
  const current = filters.place ? await get<PlaceRef>(`places/${encodeURIComponent(filters.place)}`) : null;
  const keepPlace = (values: Record<string, string>): Record<string, string> => (filters.place ? { ...values, place: filters.place } : values);
  root.append(h("h2", {}, current ? `Events map: ${current.name}` : "Events map"),
    eventFilters(params, (values) => setHashParams("#/map", keepPlace(values))), placeFilter(filters, current));
  const strip = h("div", { class: "map-time" });
  const container = h("div", { id: "map", class: "map" });
  const side = h("div", { class: "map-side" });
  const note = h("p", { class: "muted" });
  const exports = h("div", { class: "map-exports" });
  root.append(strip, exports, h("div", { class: "map-layout" }, container, side), note);
  const load = async (chosen: TimeWindow | null): Promise<[Drawn, AreaEvents[]]> => {
    const query = { ...filters, ...(chosen ?? {}) };
    const [places, inAreas] = await Promise.all([get<PlaceEvents>("map/places", query), get<AreaEvents[]>("map/areas", query)]);
    const each = places.events <= EACH_EVENT_LIMIT && !perPlaceAsked;
    return [each ? { each: await get<PointEvents>("map/points", query) } : { places }, inAreas];
  };
  const binsReady = binsFor(filters);  // the time strip is drawn when they come, without holding up the map
  const [points, areas] = await load(window);
  const map = L.map(container, { worldCopyJump: true, attributionControl: true, preferCanvas: false, minZoom: 2, maxZoom: 12 });
  const features = "each" in points ? points.each.features : points.places.features;
  const located = features.map((point) => L.latLng(point.geometry.coordinates[1], point.geometry.coordinates[0]));
  if (located.length) map.fitBounds(L.latLngBounds(located).pad(0.3), { maxZoom: 8, animate: false });
  else map.setView([34.8, 38.5], 5);
  map.attributionControl.addAttribution("Basemap: Natural Earth via world-atlas; names: GeoNames");
  basemap().addTo(map);
  const shading = L.layerGroup().addTo(map);
  const events = clusteredEvents(map);
  const places = placeMarkers(map);
  const draw = async (data: Drawn, inAreas: AreaEvents[]): Promise<void> => {
    delete container.dataset.markers;
    const selected = { ...filters, ...(window ?? {}) };
    const shown = "each" in data ? events.show(data.each) : data.places.events;
    const placeCount = "each" in data ? 0 : places.show(data.places, selected);
    if ("each" in data) places.layer.clearLayers();
    else events.layer.clearLayers();
    const shaded = areaShading(shading, inAreas);
    side.replaceChildren(areaList(inAreas, { ...filters, ...(window ?? {}) }));
    exports.replaceChildren(exportBar("exports/events", { ...filters, ...(window ?? {}) }, ["csv", "json", "geojson"], [], "Export the events these filters and dates select (points and areas): "));
    container.dataset.markers = String(shown);
    container.dataset.window = window ? `${window.date_from}..${window.date_to}` : "";
    container.dataset.areas = String(inAreas.length);
    container.dataset.shaded = String(shaded);
    container.dataset.places = String(placeCount);
    const dates = window ? `, ${window.date_from} to ${window.date_to}` : "";
    const legend = "Black ring: contested; pale, dashed: approximate point (the place's parent).";
    if ("each" in data) {
      note.replaceChildren(`${shown} events at a place${data.each.truncated ? " (the newest only: narrow the filters)" : ""}${dates}. ` +
        `Marker size: independent sources; numbered circles: several events (click to list or zoom). ${legend} Show `,
        link(hashFor({ ...selected, markers: "places" }), "one marker per place", "markers-places"), ".");
    } else {
      const why = perPlaceAsked ? "one marker per place" : `more than ${EACH_EVENT_LIMIT} to draw one by one, so one marker per place`;
      note.replaceChildren(`${shown} events at ${placeCount} places${dates}: ${why}, sized by its events and coloured by their commonest ` +
        `type (click it for its events); numbered circles add up their places' events. ${legend} `,
        perPlaceAsked ? link(hashFor(selected), "Show one marker per event", "markers-each") : "Narrow the filters or the dates to see each event.");
    }
  };
  await draw(points, areas);
  placeLabels(map);
  binsReady.then((bins) => timeStrip(bins)).catch((error: unknown) => strip.append(h("p", { class: "error" }, `time strip: ${String(error)}`)));

  function timeStrip(bins: TimeBins): void {
    const months = axisMonths(bins, false);
    if (!months.length) return;
    const chart = monthsChart(bins.bins, {
      by: "type", months, selected: window, height: 80, width: strip.clientWidth - 14,
      onSelect: async (chosen) => {
        window = chosen;
        keepWindow(chosen);
        history.replaceState(null, "", hashFor({ ...filters, ...chosen }));
        await draw(...(await load(chosen)));
      },
    });
    const clear = h("button", { type: "button", class: "clear-window" }, "All dates");
    clear.addEventListener("click", async () => {
      window = null;
      keepWindow(null);
      chart.select(null);
      history.replaceState(null, "", hashFor(filters));
      await draw(...(await load(null)));
    });
    strip.append(chart.element, h("p", { class: "muted" }, "Drag across months to show their events (shared with the timeline). ", clear));
  }
}
