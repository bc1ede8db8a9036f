import { DocumentSummary, EventItem, get } from "../api";
import { chips, empty, h, link, section, table } from "../dom";
import { eventsTable } from "./common";

interface ActorDetail {
  id: number; name: string; kind: string; canonical_id: string | null; aliases: string[]; roles: string[];
  affiliations: { member_of: { id: number; name: string }[]; members: { id: number; name: string }[] };
  documents: DocumentSummary[]; documents_total: number; merged_with: { id: number; name: string }[]; events: EventItem[];
  co_occurring: { id: number; name: string; kind: string; documents: number }[];
  framing: { techniques: Record<string, number>; examples: { technique: string; text: string; doc_id: string; outlet: string | null }[] };
  quotes: { text: string; start: number; doc_id: string; outlet: string | null }[];
}

export async function actorView(root: HTMLElement, id: string): Promise<void> {
  const actor = await get<ActorDetail>(`actors/${id}`);
  const docLink = (docId: string, text: string, at?: number) =>
    link(`#/doc/${encodeURIComponent(docId)}${at !== undefined ? `?at=${at}` : ""}`, text);
  root.append(
    h("div", { class: "doc-header" },
      h("h2", {}, actor.name),
      h("p", { class: "muted" }, actor.kind, actor.canonical_id ? ` · registry id ${actor.canonical_id}` : " · not in the registry",
        actor.roles.length ? ` · ${actor.roles.join(", ")}` : "",
        " · ", link(`#/network?actor=${actor.id}`, "network"), " · ", link(`#/map?actor=${actor.id}`, "map")),
      h("div", { class: "aliases" }, h("span", { class: "muted" }, "Also written: "), chips(actor.aliases)),
      actor.merged_with.length
        ? h("p", { class: "merged muted" }, "Merged with: ", ...actor.merged_with.flatMap((other, index) => [index ? ", " : "", link(`#/actor/${other.id}`, other.name)]), " · ", link("#/identities", "review"))
        : null),
    h("div", { class: "two-columns" },
      h("div", {},
        section(`Events (${actor.events.length})`, actor.events.length ? eventsTable(actor.events) : empty("No events.")),
        section(`Quotes (${actor.quotes.length})`, actor.quotes.length
          ? h("ul", { class: "plain" }, actor.quotes.map((quote) => h("li", {}, `“${quote.text.slice(0, 200)}” `, docLink(quote.doc_id, quote.outlet ?? quote.doc_id, quote.start))))
          : empty("No quotes.")),
        section(actor.documents_total > actor.documents.length ? `Documents (the latest ${actor.documents.length} of ${actor.documents_total})` : `Documents (${actor.documents_total})`,
          h("ul", { class: "plain" }, actor.documents.map((doc) =>
            h("li", {}, docLink(doc.doc_id, doc.title || doc.doc_id), h("span", { class: "muted" }, ` ${doc.date ?? ""} ${doc.outlet ?? ""}`))))),
      ),
      h("div", {},
        section("Affiliations",
          actor.affiliations.member_of.length ? h("p", {}, "Part of: ", ...actor.affiliations.member_of.flatMap((a, i) => [i ? ", " : "", link(`#/actor/${a.id}`, a.name)])) : null,
          actor.affiliations.members.length ? h("p", {}, "Members: ", ...actor.affiliations.members.flatMap((a, i) => [i ? ", " : "", link(`#/actor/${a.id}`, a.name)])) : null,
          !actor.affiliations.member_of.length && !actor.affiliations.members.length ? empty("None recorded.") : null),
        section("Framing used about this actor",
          Object.keys(actor.framing.techniques).length
            ? [table(["Technique", "Items"], Object.entries(actor.framing.techniques).map(([technique, count]) => [technique, String(count)])),
               h("ul", { class: "plain" }, actor.framing.examples.slice(0, 10).map((item) => h("li", {}, `“${item.text}” `, docLink(item.doc_id, item.outlet ?? item.doc_id))))]
            : empty("No framing recorded.")),
        section("Appears with", h("ul", { class: "plain" }, actor.co_occurring.map((other) =>
          h("li", {}, link(`#/actor/${other.id}`, other.name), h("span", { class: "muted" }, ` ${other.documents} doc.`))))),
      ),
    ),
  );
}
