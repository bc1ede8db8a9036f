// The network's force-directed layout (fcose), computed off the page's thread: the view is drawn and usable at
// once with a concentric layout, then moves to these positions when they are ready.
import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";

cytoscape.use(fcose);

export interface LayoutRequest { nodes: { id: string; size: number }[]; edges: [string, string][] }
export type LayoutAnswer = Record<string, { x: number; y: number }>;

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { nodes, edges } = event.data;
  const cy = cytoscape({
    headless: true, styleEnabled: true,
    style: [{ selector: "node", style: { width: "data(size)", height: "data(size)" } }],
    elements: [
      ...nodes.map((node) => ({ data: { id: node.id, size: node.size } })),
      ...edges.map(([source, target], index) => ({ data: { id: `e${index}`, source, target } })),
    ],
  });
  cy.layout({ name: "fcose", quality: "default", animate: false, randomize: true, numIter: 2500, idealEdgeLength: () => 80 } as cytoscape.LayoutOptions).run();
  const answer: LayoutAnswer = {};
  cy.nodes().forEach((node) => { answer[node.id()] = node.position(); });
  self.postMessage(answer);
};
