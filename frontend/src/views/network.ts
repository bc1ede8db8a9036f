import cytoscape from "cytoscape";
import { get } from "../api";
import { empty, h } from "../dom";
import { TYPE_COLOURS, eventFilters, filterParams, setHashParams } from "./common";

interface Network { nodes: { id: number; name: string; kind: string }[]; edges: { source: number; target: number; type: string; weight: number }[] }

const KIND_COLOURS: Record<string, string> = {
  state: "#1f3a5f", government: "#2b5c8a", armed_group: "#a33", political_party: "#8a5a9e", person: "#444",
  media: "#c08a2b", institution: "#4d7d6b", international_org: "#2b8a8a", religious: "#7a6a3a", other: "#888",
};

export async function networkView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  root.append(h("h2", {}, "Actor network"), eventFilters(params, (values) => setHashParams("#/network", values)));
  const data = await get<Network>("network", { ...filterParams(params), limit: 300 });
  if (!data.edges.length) {
    root.append(empty("No events between actors match."));
    return;
  }
  const container = h("div", { id: "network", class: "network" });
  root.append(container, h("p", { class: "muted" }, "Edges: who did what to whom, coloured by event type, thicker with more events. Click an actor to open it."));
  const focus = params.get("actor");
  const cy = cytoscape({
    container,
    elements: [
      ...data.nodes.map((node) => ({ data: { id: `a${node.id}`, label: node.name, kind: node.kind, actor: node.id } })),
      ...data.edges.map((edge, index) => ({
        data: { id: `e${index}`, source: `a${edge.source}`, target: `a${edge.target}`, type: edge.type, weight: edge.weight },
      })),
    ],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "background-color": (node: cytoscape.NodeSingular) => KIND_COLOURS[node.data("kind")] ?? "#888", width: 16, height: 16, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { width: (edge: cytoscape.EdgeSingular) => 1 + Math.min(6, edge.data("weight")), "line-color": (edge: cytoscape.EdgeSingular) => TYPE_COLOURS[edge.data("type")] ?? "#999", "target-arrow-color": (edge: cytoscape.EdgeSingular) => TYPE_COLOURS[edge.data("type")] ?? "#999", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(type)", "font-size": 7, color: "#555", "text-rotation": "autorotate" } },
      { selector: `node[actor = ${Number(focus) || -1}]`, style: { "border-width": 3, "border-color": "#f2c14e", width: 24, height: 24 } },
    ],
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 },
    wheelSensitivity: 0.3,
  });
  cy.on("tap", "node", (event) => { location.hash = `#/actor/${event.target.data("actor")}`; });
  container.dataset.nodes = String(cy.nodes().length);
  container.dataset.edges = String(cy.edges().length);
}
