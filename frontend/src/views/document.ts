import { DocumentDetail, RecordJson, SourceHop, get } from "../api";
import { Child, append, h, link, section } from "../dom";

// Each layer highlights spans of the text and can be toggled on and off.
const LAYERS = [
  ["actors", "Actors"],
  ["places", "Places"],
  ["events", "Events"],
  ["quotes", "Quotes"],
  ["claims", "Claims"],
  ["provisions", "Agreement provisions"],
  ["framing", "Framing"],
] as const;
type Layer = (typeof LAYERS)[number][0];

interface Mark { start: number; end: number; layer: Layer; title: string; href?: string }

export async function documentView(root: HTMLElement, docId: string, params: URLSearchParams): Promise<void> {
  const doc = await get<DocumentDetail>(`documents/${encodeURIComponent(docId)}`);
  const marks = collectMarks(doc);
  const text = renderText(doc.text, marks);
  text.classList.add(...LAYERS.map(([layer]) => `show-${layer}`));
  const toggles = h(
    "div",
    { class: "layer-toggles", role: "group", "aria-label": "Layers" },
    LAYERS.map(([layer, label]) => {
      const count = marks.filter((mark) => mark.layer === layer).length;
      const box = h("input", { type: "checkbox", checked: true, "data-layer": layer }) as HTMLInputElement;
      box.addEventListener("change", () => text.classList.toggle(`show-${layer}`, box.checked));
      return h("label", { class: `toggle layer-${layer}` }, box, ` ${label} (${count})`);
    }),
  );
  root.append(
    h("div", { class: "doc-header" },
      h("h2", {}, doc.title || doc.doc_id),
      h("p", { class: "muted" }, doc.date ?? "undated",
        doc.outlet ? [" · ", link(`#/outlet/${encodeURIComponent(doc.outlet)}`, doc.outlet)] : null, ` · id ${doc.doc_id}`),
      toggles),
    h("div", { class: "doc-layout" }, h("div", { class: "doc-text-wrap" }, text), sidePanel(doc)),
  );
  const at = params.get("at");
  if (at) focusOffset(text, Number(at.split("-")[0]));
}

function collectMarks(doc: DocumentDetail): Mark[] {
  const record = doc.record;
  const names = actorNames(record);
  const marks: Mark[] = [];
  for (const actor of record.actors) {
    const identity = doc.links.actors[actor.id];
    for (const mention of actor.mentions) {
      marks.push({ ...mention, layer: "actors", title: `${actor.name} (${actor.kind})`, href: identity ? `#/actor/${identity}` : undefined });
    }
  }
  for (const place of record.places) {
    for (const mention of place.mentions) marks.push({ ...mention, layer: "places", title: `${place.name}${place.country ? `, ${place.country}` : ""}` });
  }
  for (const event of record.events) {
    const cluster = doc.links.events[event.id];
    const who = `${event.source.map(names).join(", ")} → ${event.target.map(names).join(", ")}`;
    marks.push({ ...event.evidence, layer: "events", title: `${event.type} (${event.status}): ${who}`, href: cluster ? `#/event/${cluster}` : undefined });
  }
  for (const quote of record.quotes) marks.push({ ...quote, layer: "quotes", title: `Quote by ${quote.speaker ? names(quote.speaker) : "unknown"}` });
  for (const claim of record.claims) {
    const chain = claim.chain?.length ? claim.chain.map((hop) => hop.name).join(" → ") : claim.source_chain.map(names).join(" → ");
    marks.push({ ...claim, layer: "claims", title: `Claim reported by ${chain}${claim.anonymous ? " (unnamed source)" : ""}` });
  }
  for (const agreement of record.agreements) {
    const pk = doc.links.agreements[agreement.id];
    for (const provision of agreement.provisions) {
      marks.push({ ...provision, layer: "provisions", title: `Provision ${provision.n}: ${provision.type}`, href: pk ? `#/agreement/${pk}` : undefined });
    }
  }
  for (const item of record.framing) {
    const voice = item.voice === "attributed" ? " (in a quoted source's words)" : "";
    marks.push({ ...item, layer: "framing", title: `${item.technique}${item.target ? ` about ${names(item.target)}` : ""}${voice}` });
  }
  return marks.filter((mark) => mark.end > mark.start && mark.end <= doc.text.length);
}

function actorNames(record: RecordJson): (id: string) => string {
  const names = new Map(record.actors.map((actor) => [actor.id, actor.name]));
  return (id: string) => names.get(id) ?? id;
}

/** The text split at every span boundary; each piece carries the classes of the spans covering it. */
function renderText(text: string, marks: Mark[]): HTMLElement {
  const boundaries = [...new Set([0, text.length, ...marks.flatMap((mark) => [mark.start, mark.end])])].sort((a, b) => a - b);
  const container = h("div", { class: "doc-text" });
  for (let index = 0; index < boundaries.length - 1; index++) {
    const start = boundaries[index];
    const end = boundaries[index + 1];
    const piece = text.slice(start, end);
    const covering = marks.filter((mark) => mark.start <= start && mark.end >= end);
    if (!covering.length) {
      container.appendChild(document.createTextNode(piece));
      continue;
    }
    const target = covering.find((mark) => mark.href && mark.layer === "actors") ?? covering.find((mark) => mark.href);
    const element = h(target ? "a" : "span", {
      class: [...new Set(covering.map((mark) => `hl hl-${mark.layer}`))].join(" "),
      title: covering.map((mark) => mark.title).join("\n"),
      href: target?.href,
      "data-start": start,
    });
    element.textContent = piece;
    container.appendChild(element);
  }
  return container;
}

/** Outline the event highlight at ``offset`` (the evidence an event page linked to), else any highlight there. */
function focusOffset(text: HTMLElement, offset: number): void {
  const events = [...text.querySelectorAll<HTMLElement>(".hl-events[data-start]")];
  const pieces = events.length ? events : [...text.querySelectorAll<HTMLElement>("[data-start]")];
  const piece = pieces.filter((element) => Number(element.dataset.start) <= offset).pop();
  if (piece) {
    piece.classList.add("focus");
    piece.scrollIntoView({ block: "center" });
  }
}

function sidePanel(doc: DocumentDetail): HTMLElement {
  const record = doc.record;
  const names = actorNames(record);
  const actorLink = (id: string): Child => {
    const identity = doc.links.actors[id];
    return identity ? link(`#/actor/${identity}`, names(id)) : names(id);
  };
  const join = (ids: string[], separator = ", "): Child[] => ids.flatMap((id, index) => [index ? separator : "", actorLink(id)]);
  // Each hop of a chain, outermost first: an actor's link, else the source's words ("activists").
  const hops = (chain: SourceHop[]): Child[] => chain.flatMap((hop, index) => [
    index ? " → " : "",
    hop.actor ? actorLink(hop.actor) : h("span", { class: hop.anonymous ? "hop unnamed" : "hop", title: hop.type }, hop.name),
  ]);
  const list = (items: Child[][]): HTMLElement => h("ul", { class: "plain" }, items.map((item) => h("li", {}, item)));
  const panel = h("aside", { class: "doc-side" });
  append(panel, [
    section(`Actors (${record.actors.length})`, list(record.actors.map((actor) => [actorLink(actor.id), h("span", { class: "muted" }, ` ${actor.kind} ×${actor.mentions.length}`)]))),
    section(`Places (${record.places.length})`, list(record.places.map((place) => {
      const identity = doc.links.places[place.id];
      return [place.name, h("span", { class: "muted" }, place.country ? ` ${place.country}` : ""), identity ? h("span", { class: "muted" }, ` #${identity}`) : null];
    }))),
    section(`Events (${record.events.length})`, list(record.events.map((event) => {
      const cluster = doc.links.events[event.id];
      return [cluster ? link(`#/event/${cluster}`, event.type) : event.type, ` ${event.status}: `, ...join(event.source), " → ", ...join(event.target)];
    }))),
    section(`Quotes (${record.quotes.length})`, list(record.quotes.map((quote) => [h("b", {}, quote.speaker ? actorLink(quote.speaker) : "unknown"), `: “${quote.text.slice(0, 140)}${quote.text.length > 140 ? "…" : ""}”`]))),
    section(`Claims and their source chain (${record.claims.length})`, list(record.claims.map((claim) => [
      h("span", { class: "chain" }, ...(claim.chain?.length ? hops(claim.chain) : join(claim.source_chain, " → "))),
      claim.hedged ? h("span", { class: "status" }, "hedged") : null,
      claim.anonymous ? h("span", { class: "status unnamed" }, "unnamed source") : null,
      claim.voice === "attributed" ? h("span", { class: "status" }, "relayed") : null,
      h("br"), `“${claim.text.slice(0, 140)}${claim.text.length > 140 ? "…" : ""}”`,
    ]))),
    section(`Agreements (${record.agreements.length})`, list(record.agreements.map((agreement) => {
      const pk = doc.links.agreements[agreement.id];
      return [pk ? link(`#/agreement/${pk}`, agreement.kind) : agreement.kind, ` between `, ...join(agreement.parties), ` (${agreement.provisions.length} provisions)`];
    }))),
    section(`Framing (${record.framing.length})`, list(record.framing.map((item) => [h("span", { class: "technique" }, item.technique), ` “${item.text}”`, item.target ? " → " : "", item.target ? actorLink(item.target) : ""]))),
  ]);
  return panel;
}
