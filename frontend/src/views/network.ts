import cytoscape from "cytoscape";
import { PageOf, Ref, get } from "../api";
import { empty, h, link, table } from "../dom";
import { EVENT_TYPES, TYPE_COLOURS, formField, select } from "./common";
import { exportBar } from "./exports";
import type { LayoutAnswer, LayoutRequest } from "./network-layout-worker";


interface GraphNode { id: number; name: string; kind: string; degree: number }
interface Graph {
  nodes: GraphNode[]; edges: { source: number; target: number; type: string; weight: number }[]; truncated: boolean;
  total_actors: number; total_links: number;
}

const KIND_COLOURS: Record<string, string> = {
  state: "#1f3a5f", government: "#2b5c8a", armed_group: "#a33", political_party: "#8a5a9e", person: "#444",
  media: "#c08a2b", institution: "#4d7d6b", international_org: "#2b8a8a", religious: "#7a6a3a",
};
const KINDS = Object.keys(KIND_COLOURS);
const EDGE_LIMIT = 150;
/** Actors drawn by default: the most connected of the heaviest links' actors (the rest are counted and one
 * choice away). */
const ACTOR_CHOICES = ["40", "80", "150", "all"];
const DEFAULT_ACTORS = "80";
const GRAPH_KEYS = ["type", "status", "date_from", "date_to", "country", "outlet", "min_events", "min_degree", "ego", "actors"];

function graphQuery(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of GRAPH_KEYS) if (params.get(key)) out.set(key, params.get(key) as string);
  for (const kind of params.getAll("kind")) out.append("kind", kind);
  return out;
}

/** The API's query for the graph the view draws: its filters, the link limit and the actors chosen. */
function apiQuery(params: URLSearchParams): URLSearchParams {
  const query = graphQuery(params);
  const actors = query.get("actors") ?? DEFAULT_ACTORS;
  query.delete("actors");
  if (actors !== "all") query.set("max_actors", actors);
  query.set("limit", String(EDGE_LIMIT));
  return query;
}

function networkHash(values: URLSearchParams): string {
  const search = values.toString();
  return search ? `#/network?${search}` : "#/network";
}

/** How many of the most connected actors to draw. */
function actorsShown(value: string): HTMLSelectElement {
  const element = h("select", { name: "actors" }, ACTOR_CHOICES.map((choice) => h("option", { value: choice }, choice === "all" ? "all" : `the ${choice} most connected`))) as HTMLSelectElement;
  element.value = value;
  return element;
}

/** The network's filters: event type and period, actor kinds, least events per link, least links per actor, ego. */
function networkFilters(params: URLSearchParams, egoName: string): HTMLElement {
  const kinds = new Set(params.getAll("kind"));
  const actorNames = h("datalist", { id: "actor-names" });
  const ego = h("input", { name: "ego_name", list: "actor-names", size: 20, placeholder: "any actor", value: egoName }) as HTMLInputElement;
  ego.addEventListener("input", async () => {
    if (ego.value.trim().length < 2) return;
    const found = await get<PageOf<Ref>>("actors", { q: ego.value.trim(), limit: 10 });
    actorNames.replaceChildren(...found.items.map((actor) => h("option", { value: actor.name })));
  });
  const form = h("form", { class: "filters network-filters" },
    formField("Type", select("type", EVENT_TYPES, params.get("type") ?? "")),
    formField("From", h("input", { name: "date_from", type: "date", value: params.get("date_from") ?? "" })),
    formField("To", h("input", { name: "date_to", type: "date", value: params.get("date_to") ?? "" })),
    h("fieldset", { class: "kinds" }, h("legend", {}, "Actor kinds"), KINDS.map((kind) =>
      h("label", { class: "kind" }, h("input", { type: "checkbox", name: "kind", value: kind, checked: kinds.has(kind) }), kind.replace("_", " ")))),
    formField("Min. events per link", h("input", { name: "min_events", type: "number", min: 1, max: 1000, value: params.get("min_events") ?? "1" })),
    formField("Min. links per actor", h("input", { name: "min_degree", type: "number", min: 1, max: 100, value: params.get("min_degree") ?? "1" })),
    formField("Around actor", ego), actorNames,
    formField("Actors shown", actorsShown(params.get("actors") ?? DEFAULT_ACTORS)),
    h("button", { type: "submit" }, "Apply"),
    h("span", { class: "muted network-message" })) as HTMLFormElement;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = new URLSearchParams();
    const atLeastOne = (key: string, text: string): boolean => (key === "min_events" || key === "min_degree") && Number(text) <= 1;
    new FormData(form).forEach((value, key) => {
      const text = String(value);
      const byDefault = key === "actors" && text === DEFAULT_ACTORS;
      if (text && key !== "ego_name" && !atLeastOne(key, text) && !byDefault) values.append(key, text);
    });
    const name = ego.value.trim();
    if (name) {
      const found = await get<PageOf<Ref>>("actors", { q: name, limit: 1 });
      if (!found.items.length) {
        (form.querySelector(".network-message") as HTMLElement).textContent = `no actor named “${name}”`;
        return;
      }
      values.set("ego", String(found.items[0].id));
    }
    location.hash = networkHash(values);
  });
  return form;
}

// Concentric rings by degree (the most connected in the middle): placed in milliseconds, so the graph is usable
// at once; fcose's force-directed layout is computed in a worker meanwhile and the actors move there.
const FIRST_LAYOUT = {
  name: "concentric", animate: false, concentric: (node: cytoscape.NodeSingular) => node.data("degree"), levelWidth: () => 2,
} as cytoscape.LayoutOptions;

/** Moves the actors to fcose's layout, computed in a worker; marks the container ``data-layout="fcose"``. */
function refineLayout(cy: cytoscape.Core, container: HTMLElement): void {
  const worker = new Worker(new URL("./network-layout-worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<LayoutAnswer>) => {
    worker.terminate();
    if (cy.destroyed()) return;
    const positions = event.data;
    cy.layout({ name: "preset", positions: (node: cytoscape.NodeSingular) => positions[node.id()], animate: true, animationDuration: 400, fit: true } as cytoscape.LayoutOptions).run();
    container.dataset.layout = "fcose";
  };
  const request: LayoutRequest = {
    nodes: cy.nodes().map((node) => ({ id: node.id(), size: node.width() })),
    edges: cy.edges().map((edge) => [edge.source().id(), edge.target().id()]),
  };
  worker.postMessage(request);
}

function drawGraph(container: HTMLElement, data: Graph, ego: number): cytoscape.Core {
  const heaviest = Math.max(1, ...data.nodes.map((node) => node.degree));
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((node) => ({ data: { id: `a${node.id}`, label: node.name, kind: node.kind, actor: node.id, degree: node.degree } })),
      ...data.edges.map((edge, index) => ({
        data: { id: `e${index}`, source: `a${edge.source}`, target: `a${edge.target}`, type: edge.type, weight: edge.weight },
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)", "font-size": (node: cytoscape.NodeSingular) => 9 + (5 * node.data("degree")) / heaviest,
          "min-zoomed-font-size": 7, "text-valign": "bottom", "text-margin-y": 3, "text-outline-color": "#fff", "text-outline-width": 2,
          "background-color": (node: cytoscape.NodeSingular) => KIND_COLOURS[node.data("kind")] ?? "#888",
          width: (node: cytoscape.NodeSingular) => 12 + (22 * node.data("degree")) / heaviest,
          height: (node: cytoscape.NodeSingular) => 12 + (22 * node.data("degree")) / heaviest,
        },
      },
      {
        selector: "edge",
        style: {
          width: (edge: cytoscape.EdgeSingular) => 1 + Math.min(6, edge.data("weight")), opacity: 0.7,
          "line-color": (edge: cytoscape.EdgeSingular) => TYPE_COLOURS[edge.data("type")] ?? "#999",
          "target-arrow-color": (edge: cytoscape.EdgeSingular) => TYPE_COLOURS[edge.data("type")] ?? "#999",
          "target-arrow-shape": "triangle", "curve-style": "bezier",
        },
      },
      { selector: "edge:selected, edge.hover", style: { label: "data(type)", "font-size": 8, color: "#333", "text-rotation": "autorotate", opacity: 1 } },
      { selector: `node[actor = ${ego}]`, style: { "border-width": 3, "border-color": "#f2c14e" } },
    ],
    layout: FIRST_LAYOUT,
  });
  cy.on("tap", "node", (event) => { location.hash = `#/actor/${event.target.data("actor")}`; });
  cy.on("cxttap", "node", (event) => { location.hash = `#/network?ego=${event.target.data("actor")}`; });
  cy.on("mouseover", "edge", (event) => event.target.addClass("hover"));
  cy.on("mouseout", "edge", (event) => event.target.removeClass("hover"));
  return cy;
}

export async function networkView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const query = apiQuery(params);
  const ego = Number(params.get("ego")) || -1;
  const data = await get<Graph>(`network/graph?${query}`);
  const egoNode = data.nodes.find((node) => node.id === ego);
  root.append(h("h2", {}, egoNode ? `Network around ${egoNode.name}` : "Actor network"), networkFilters(params, egoNode?.name ?? ""));
  if (!data.edges.length) {
    root.append(empty("No events between actors match."));
    return;
  }
  const container = h("div", { id: "network", class: "network" });
  const central = [...data.nodes].sort((a, b) => b.degree - a.degree).slice(0, 15);
  const others = new URLSearchParams(graphQuery(params));
  const side = h("section", { class: "card network-side" }, h("h3", {}, "Most connected"),
    table(["Actor", "Links", ""], central.map((node) => {
      others.set("ego", String(node.id));
      return [link(`#/actor/${node.id}`, node.name), String(node.degree), link(networkHash(others), "network around", "ego-link")];
    }), "central"));
  const whole = new URLSearchParams(graphQuery(params));
  whole.delete("ego");
  root.append(h("div", { class: "network-layout" }, container, side),
    h("p", { class: "network-shown" + (data.truncated ? " truncated" : "") },
      `Showing ${data.nodes.length} of ${data.total_actors} actors and ${data.edges.length} of ${data.total_links} links`,
      data.truncated
        ? ` (the ${EDGE_LIMIT} heaviest links and their most connected actors): choose more actors shown, or raise the minimums, ` +
          "pick actor kinds, a type or a period to see the rest. "
        : "."),
    h("p", { class: "muted" },
      "Links: who did what to whom, coloured by event type, thicker with more events; larger actors have more links. ",
      "Click an actor to open it, right-click to see the network around it. ",
      egoNode ? link(networkHash(whole), "whole network") : ""));
  root.append(exportBar("exports/network", query, ["graphml", "json"], [], "Export this network (the links and actors drawn): "));
  const cy = drawGraph(container, data, ego);
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
  refineLayout(cy, container);
}
