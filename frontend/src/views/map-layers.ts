// The map's layers beyond the basemap: clustered event points, areas for events known only to a country or
// province, and place names from the gazetteer (served by the API: nothing is fetched from the internet).
import L from "leaflet";
import "leaflet.markercluster";
import "leaflet.markercluster/dist/MarkerCluster.css";
import "leaflet.markercluster/dist/MarkerCluster.Default.css";
import type { Feature, FeatureCollection, Geometry, Point } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";
import { get } from "../api";
import { h, link } from "../dom";
import { TYPE_COLOURS } from "./common";

export interface PointProperties {
  id: number; type: string; date_start: string | null; date_end: string | null; place: string; place_id: number; located_by: string | null;
  source_count: number; report_count: number; contested: boolean;
}
export type PointEvents = FeatureCollection<Point, PointProperties> & { truncated: boolean };
export interface PlaceProperties {
  place_id: number; place: string; located_by: string | null; types: Record<string, number>; events: number;
  contested: number; max_sources: number; latest: string | null;
}
/** Events counted per place (``/api/map/places``): every event, one feature per place. */
export type PlaceEvents = FeatureCollection<Point, PlaceProperties> & { events: number };
export interface AreaEvents { id: number; name: string; country: string | null; feature: string; events: number; latest: string | null }
interface Label { name: string; feature: string; lat: number; lon: number }

function eventPopup(properties: PointProperties): HTMLElement {
  return h("div", { class: "event-popup" },
    h("b", {}, properties.type), ` ${properties.date_start ?? "undated"}`, h("br"),
    link(`#/place/${properties.place_id}`, properties.place, "place-link"),
    properties.located_by === "parent" ? h("span", { class: "muted" }, " (approximate: at the point of the place containing it)") : "", h("br"),
    `${properties.source_count} source(s), ${properties.report_count} report(s)`, h("br"),
    link(`#/event/${properties.id}`, "open event"));
}

/** A cluster's events listed by place, busiest place first: the events stacked on one point, or, at the deepest
 * zoom, events at places too close together ever to split (two identities a few hundred metres apart). */
function clusterPopup(cluster: L.MarkerCluster): HTMLElement {
  const markers = cluster.getAllChildMarkers() as unknown as { options: { event?: PointProperties } }[];
  const byPlace = new Map<number, PointProperties[]>();
  for (const marker of markers) {
    const event = marker.options.event as PointProperties;
    byPlace.set(event.place_id, [...(byPlace.get(event.place_id) ?? []), event]);
  }
  const groups = [...byPlace.values()].sort((a, b) => b.length - a.length);
  return h("div", { class: "cluster-popup" }, groups.map((events) => {
    const place = events[0];
    const items = events.slice(0, 12).map((event) => h("li", {}, link(`#/event/${event.id}`, `${event.type} ${event.date_start ?? "undated"}`)));
    return h("section", { class: "cluster-place", "data-place": String(place.place_id) },
      h("b", {}, `${events.length} event(s) at `), link(`#/place/${place.place_id}`, place.place, "place-link"),
      h("ul", { class: "plain" }, items), events.length > 12 ? link(`#/place/${place.place_id}`, "all of them on the place page") : "");
  }));
}

/** Whether a click on ``cluster`` should list its events rather than zoom: they stand at one place, or the map
 * cannot zoom further to split them. */
function listsRatherThanZooms(map: L.Map, cluster: L.MarkerCluster, placeOf: (marker: unknown) => unknown): boolean {
  const places = new Set(cluster.getAllChildMarkers().map(placeOf));
  return places.size === 1 || map.getZoom() >= map.getMaxZoom();
}

/** Event points in a cluster layer; ``show`` replaces them and returns their number. */
export function clusteredEvents(map: L.Map): { layer: L.MarkerClusterGroup; show: (data: PointEvents) => number } {
  const layer = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: false, zoomToBoundsOnClick: false });
  layer.on("clusterclick", (event) => {
    const cluster = (event as L.LeafletEvent & { layer: L.MarkerCluster }).layer;
    const placeOf = (marker: unknown): unknown => (marker as { options: { event?: PointProperties } }).options.event?.place_id;
    if (listsRatherThanZooms(map, cluster, placeOf)) L.popup().setLatLng(cluster.getLatLng()).setContent(clusterPopup(cluster)).openOn(map);
    else cluster.zoomToBounds({ padding: [30, 30] });
  });
  layer.addTo(map);
  const show = (data: PointEvents): number => {
    layer.clearLayers();
    const markers = data.features.map((point: Feature<Point, PointProperties>) => {
      const [lon, lat] = point.geometry.coordinates;
      const properties = point.properties;
      const approximate = properties.located_by === "parent";  // pale and dashed: the point of a containing place
      const marker = L.circleMarker([lat, lon], {
        radius: 4 + Math.min(10, properties.source_count * 2),
        color: properties.contested ? "#000" : "#fff",
        weight: properties.contested ? 2 : 1,
        dashArray: approximate ? "3 3" : undefined,
        fillColor: TYPE_COLOURS[properties.type] ?? "#555",
        fillOpacity: approximate ? 0.45 : 0.85,
        className: approximate ? "event-marker approximate" : "event-marker",
      }) as L.CircleMarker & { options: { event?: PointProperties } };
      marker.options.event = properties;
      marker.bindPopup(() => eventPopup(properties));
      return marker;
    });
    layer.addLayers(markers);
    return markers.length;
  };
  return { layer, show };
}

function placePopup(properties: PlaceProperties, filters: Record<string, string>): HTMLElement {
  const types = Object.entries(properties.types).sort((a, b) => b[1] - a[1]);
  return h("div", { class: "place-popup" },
    h("b", {}, `${properties.events} event(s) at `), link(`#/place/${properties.place_id}`, properties.place, "place-link"),
    properties.located_by === "parent" ? h("span", { class: "muted" }, " (approximate: at the point of the place containing it)") : "",
    h("ul", { class: "plain" }, types.map(([type, count]) => h("li", {}, `${type}: ${count}`))),
    properties.contested ? h("p", {}, `${properties.contested} contested`) : "",
    link(`#/events?${new URLSearchParams({ ...filters, place: String(properties.place_id) })}`, "list these events", "place-events"));
}

/** The places of a cluster that the deepest zoom cannot split, busiest first, each with its events' list. */
function placesPopup(cluster: L.MarkerCluster, filters: Record<string, string>): HTMLElement {
  const places = (cluster.getAllChildMarkers() as unknown as { options: { place?: PlaceProperties } }[])
    .map((marker) => marker.options.place as PlaceProperties).sort((a, b) => b.events - a.events);
  return h("div", { class: "cluster-popup" }, places.map((place) => h("section", { class: "cluster-place", "data-place": String(place.place_id) },
    h("b", {}, `${place.events} event(s) at `), link(`#/place/${place.place_id}`, place.place, "place-link"), " ",
    link(`#/events?${new URLSearchParams({ ...filters, place: String(place.place_id) })}`, "list these events", "place-events"))));
}

/** Events counted per place, for more events than one marker each can show: a marker per place sized by its
 * events and coloured by its most frequent type; clusters add up their places' events. */
export function placeMarkers(map: L.Map): { layer: L.MarkerClusterGroup; show: (data: PlaceEvents, filters: Record<string, string>) => number } {
  const eventsIn = (cluster: L.MarkerCluster): number => (cluster.getAllChildMarkers() as unknown as { options: { events?: number } }[])
    .reduce((sum, marker) => sum + (marker.options.events ?? 0), 0);
  const layer = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 45, spiderfyOnMaxZoom: false, chunkedLoading: true, zoomToBoundsOnClick: false,
    iconCreateFunction: (cluster) => {
      const events = eventsIn(cluster);
      const size = events < 100 ? "small" : events < 1000 ? "medium" : "large";
      return L.divIcon({ html: `<div><span>${events}</span></div>`, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
    },
  });
  let shownFilters: Record<string, string> = {};
  layer.on("clusterclick", (event) => {
    const cluster = (event as L.LeafletEvent & { layer: L.MarkerCluster }).layer;
    if (!listsRatherThanZooms(map, cluster, (marker) => marker)) cluster.zoomToBounds({ padding: [30, 30] });
    else L.popup().setLatLng(cluster.getLatLng()).setContent(placesPopup(cluster, shownFilters)).openOn(map);
  });
  layer.addTo(map);
  const show = (data: PlaceEvents, filters: Record<string, string>): number => {
    shownFilters = filters;
    layer.clearLayers();
    const markers = data.features.map((place: Feature<Point, PlaceProperties>) => {
      const [lon, lat] = place.geometry.coordinates;
      const properties = place.properties;
      const commonest = Object.entries(properties.types).sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
      const approximate = properties.located_by === "parent";
      const marker = L.circleMarker([lat, lon], {
        radius: 5 + Math.min(12, 2 * Math.log2(properties.events)),
        color: properties.contested ? "#000" : "#fff", weight: properties.contested ? 2 : 1,
        dashArray: approximate ? "3 3" : undefined, fillColor: TYPE_COLOURS[commonest] ?? "#555",
        fillOpacity: approximate ? 0.45 : 0.85, className: approximate ? "place-marker approximate" : "place-marker",
      }) as L.CircleMarker & { options: { events?: number; place?: PlaceProperties } };
      marker.options.events = properties.events;
      marker.options.place = properties;
      marker.bindPopup(() => placePopup(properties, filters));
      return marker;
    });
    layer.addLayers(markers);
    return markers.length;
  };
  return { layer, show };
}

/** A ring crossing the antimeridian (Russia's, Fiji's) continued eastward past 180°, so that it is not drawn
 * as a band across the whole map. */
function eastward(ring: number[][]): number[][] {
  const crosses = ring.some(([lon]) => lon > 90) && ring.some(([lon]) => lon < -90);
  return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
}

function unwrapped(shape: Feature<Geometry, { name?: string }>): Feature<Geometry, { name?: string }> {
  const geometry = shape.geometry;
  if (geometry.type === "Polygon") return { ...shape, geometry: { ...geometry, coordinates: geometry.coordinates.map(eastward) } };
  if (geometry.type === "MultiPolygon") {
    return { ...shape, geometry: { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(eastward)) } };
  }
  return shape;
}

let countryShapes: Feature<Geometry, { name?: string }>[] | null = null;

/** The world's country shapes (Natural Earth via world-atlas), to shade the areas that events are known to. */
function shapesOfCountries(): Feature<Geometry, { name?: string }>[] {
  if (countryShapes === null) {
    const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
    countryShapes = (feature(topology, topology.objects.countries).features as Feature<Geometry, { name?: string }>[]).map(unwrapped);
  }
  return countryShapes;
}

/** Country shapes shaded by how many events are known only to that country (matched by name), on ``layer``. */
export function areaShading(layer: L.LayerGroup, areas: AreaEvents[]): number {
  const byName = new Map(areas.filter((area) => area.feature === "country").map((area) => [area.name.toLowerCase(), area]));
  layer.clearLayers();
  const shaded = shapesOfCountries().filter((shape) => byName.has((shape.properties.name ?? "").toLowerCase()));
  for (const shape of shaded) {
    const area = byName.get((shape.properties.name ?? "").toLowerCase()) as AreaEvents;
    const drawn = L.geoJSON(shape, {
      style: { fillColor: "#c9a227", fillOpacity: 0.3, dashArray: "4 3", weight: 1.2, color: "#8a6d00", className: "area-events" },
    });
    drawn.bindTooltip(`${area.name}: ${area.events} event(s) known only to the country`, { sticky: true });
    drawn.on("click", () => { location.hash = `#/place/${area.id}`; });
    layer.addLayer(drawn);
    drawn.eachLayer((part) => (part as L.Path).getElement()?.classList.add("area-events"));
  }
  return shaded.length;
}

/** The list beside the map of events known only to a country, province or region. */
export function areaList(areas: AreaEvents[], filters: Record<string, string>): HTMLElement {
  const feature: Record<string, string> = { country: "country", admin1: "province", region: "region" };
  const total = areas.reduce((sum, area) => sum + area.events, 0);
  return h("section", { class: "card area-events-list" },
    h("h3", {}, `Known only to an area: ${total} event(s)`),
    h("p", { class: "muted" }, "Reports give only a country, province or region: these are shaded or listed, never drawn as points."),
    h("ul", { class: "plain" }, areas.slice(0, 40).map((area) => h("li", { "data-place": area.id },
      link(`#/place/${area.id}`, area.name), ` (${feature[area.feature] ?? area.feature}) · `,
      link(`#/events?${new URLSearchParams({ ...filters, place: String(area.id) })}`, `${area.events} event(s)`)))),
    areas.length > 40 ? h("p", { class: "muted" }, `and ${areas.length - 40} more areas`) : "");
}

/** Place names of the view from the gazetteer, refreshed when the map moves. */
export function placeLabels(map: L.Map): L.LayerGroup {
  const layer = L.layerGroup().addTo(map);
  let asked = 0;
  const refresh = async (): Promise<void> => {
    const ticket = ++asked;
    const view = map.getBounds();
    const clamp = (value: number, limit: number): number => Math.max(-limit, Math.min(limit, value));
    const labels = await get<Label[]>("map/labels", {
      south: clamp(view.getSouth(), 90), west: clamp(view.getWest(), 180), north: clamp(view.getNorth(), 90), east: clamp(view.getEast(), 180), zoom: map.getZoom(),
    });
    if (ticket !== asked) return;
    layer.clearLayers();
    const placed: L.Point[] = [];
    for (const label of labels) {
      // Largest first: a name is left out where it would overlap one already placed.
      const at = map.latLngToContainerPoint([label.lat, label.lon]);
      const room = label.name.length * 3.5 + 40;
      if (placed.some((other) => Math.abs(other.x - at.x) < room && Math.abs(other.y - at.y) < 16)) continue;
      placed.push(at);
      const icon = L.divIcon({ className: `map-label map-label-${label.feature}`, html: "", iconSize: undefined });
      const marker = L.marker([label.lat, label.lon], { icon, interactive: false, keyboard: false, pane: "labels" });
      marker.on("add", () => { const element = marker.getElement(); if (element) element.textContent = label.name; });
      layer.addLayer(marker);
    }
  };
  map.createPane("labels").style.zIndex = "450";
  map.getPane("labels")!.style.pointerEvents = "none";
  map.on("moveend", () => void refresh());
  void refresh();
  return layer;
}
