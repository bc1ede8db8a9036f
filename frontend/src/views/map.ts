import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { FeatureCollection, Point } from "geojson";
import countries from "world-atlas/countries-110m.json";
import { get } from "../api";
import { h, link } from "../dom";
import { TYPE_COLOURS, eventFilters, filterParams, setHashParams } from "./common";

interface EventProperties { id: number; type: string; date_start: string | null; place: string; located_by: string | null; source_count: number; report_count: number; contested: boolean; statuses: string[] }

/** The offline basemap: country shapes from world-atlas (Natural Earth, public domain). */
function basemap(): L.GeoJSON {
  const topology = countries as unknown as Topology<{ countries: GeometryCollection }>;
  return L.geoJSON(feature(topology, topology.objects.countries), {
    style: { color: "#8a9bb0", weight: 0.6, fillColor: "#e9eef3", fillOpacity: 1 },
    interactive: false,
  });
}

export async function mapView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  root.append(h("h2", {}, "Events map"), eventFilters(params, (values) => setHashParams("#/map", values)));
  const container = h("div", { id: "map", class: "map" });
  root.append(container);
  const data = await get<FeatureCollection<Point, EventProperties>>("events.geojson", filterParams(params));
  const map = L.map(container, { worldCopyJump: true, attributionControl: true, preferCanvas: false }).setView([34.8, 38.5], 5);
  map.attributionControl.addAttribution("Basemap: Natural Earth via world-atlas");
  basemap().addTo(map);
  const markers = data.features.map((point) => {
    const [lon, lat] = point.geometry.coordinates;
    const properties = point.properties;
    const approximate = properties.located_by === "parent";
    const marker = L.circleMarker([lat, lon], {
      radius: 4 + Math.min(10, properties.source_count * 2),
      color: properties.contested ? "#000" : "#fff",
      weight: properties.contested ? 2 : 1,
      dashArray: approximate ? "3 3" : undefined,
      fillColor: TYPE_COLOURS[properties.type] ?? "#555",
      fillOpacity: approximate ? 0.45 : 0.85,
      className: approximate ? "event-marker approximate" : "event-marker",
    });
    marker.bindPopup(() => h("div", {},
      h("b", {}, properties.type), ` ${properties.date_start ?? "undated"}`, h("br"), properties.place,
      approximate ? h("span", { class: "muted" }, " (approximate: at the point of the place containing it)") : "", h("br"),
      `${properties.source_count} source(s), ${properties.report_count} report(s)`, h("br"),
      link(`#/event/${properties.id}`, "open event")));
    return marker.addTo(map);
  });
  container.dataset.markers = String(markers.length);
  if (markers.length) map.fitBounds(L.featureGroup(markers).getBounds().pad(0.3), { maxZoom: 8 });
  root.append(h("p", { class: "muted" }, `${markers.length} located events. Marker size: independent sources; black ring: contested; pale, dashed: approximate point (the place's parent).`));
}
