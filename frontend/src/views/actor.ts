import { DocumentSummary, EventItem, PageOf, get } from "../api";
import { chips, empty, h, link, section, table } from "../dom";
import { eventsTable, offsetPager, offsetParam } from "./common";
import { exportBar } from "./exports";

interface ActorDetail {
  id: number; name: string; kind: string; canonical_id: string | null; aliases: string[]; roles: string[];
  affiliations: { member_of: { id: number; name: string }[]; members: { id: number; name: string }[] };
  documents_total: number; merged_with: { id: number; name: string }[]; events: EventItem[];
  events_total: number | null; events_total_exact: boolean;
  co_occurring: { id: number; name: string; kind: string; documents: number }[];
  framing: { techniques: Record<string, number>; examples: { technique: string; text: string; doc_id: string; outlet: string | null }[] };
  quotes: Quote[]; quotes_total: number;
}
interface Quote { text: string; start: number; doc_id: string; outlet: string | null }

const DOCUMENTS_PAGE = 50;
const QUOTES_PAGE = 50; // the actor's first page of quotes comes with the actor

export async function actorView(root: HTMLElement, id: string, params: URLSearchParams): Promise<void> {
  const offset = offsetParam(params);
  const quotesOffset = offsetParam(params, "quotes_offset");
  const [actor, documents, quotes] = await Promise.all([
    get<ActorDetail>(`actors/${id}`),
    get<PageOf<DocumentSummary>>(`actors/${id}/documents`, { limit: DOCUMENTS_PAGE, offset }),
    quotesOffset ? get<PageOf<Quote>>(`actors/${id}/quotes`, { limit: QUOTES_PAGE, offset: quotesOffset }) : null,
  ]);
  const shownQuotes = quotes ? quotes.items : actor.quotes;
  const quotesPager = offsetPager((start) => `#/actor/${id}?${new URLSearchParams({ offset: String(offset), quotes_offset: String(start) })}`,
    quotesOffset, QUOTES_PAGE, actor.quotes_total, "quotes-pager");
  const eventsTotal = actor.events_total ?? actor.events.length;
  const eventsTitle = eventsTotal > actor.events.length
    ? `Events (the latest ${actor.events.length} of ${eventsTotal}${actor.events_total_exact ? "" : "+"})` : `Events (${actor.events.length})`;
  const docLink = (docId: string, text: string, at?: number) =>
    link(`#/doc/${encodeURIComponent(docId)}${at !== undefined ? `?at=${at}` : ""}`, text);
  root.append(
    h("div", { class: "doc-header" },
      h("h2", {}, actor.name),
      h("p", { class: "muted" }, actor.kind, actor.canonical_id ? ` · registry id ${actor.canonical_id}` : " · not in the registry",
        actor.roles.length ? ` · ${actor.roles.join(", ")}` : "",
        " · ", link(`#/network?ego=${actor.id}`, "network"), " · ", link(`#/map?actor=${actor.id}`, "map")),
      h("div", { class: "aliases" }, h("span", { class: "muted" }, "Also written: "), chips(actor.aliases)),
      actor.merged_with.length
        ? h("p", { class: "merged muted" }, "Merged with: ", ...actor.merged_with.flatMap((other, index) => [index ? ", " : "", link(`#/actor/${other.id}`, other.name)]), " · ", link("#/identities", "review"))
        : null),
    h("div", { class: "two-columns" },
      h("div", {},
        section(eventsTitle, actor.events.length ? eventsTable(actor.events) : empty("No events."),
          eventsTotal > actor.events.length ? link(`#/events?actor=${actor.id}`, `all ${eventsTotal} events →`) : null),
        section(`Quotes (${actor.quotes_total})`, shownQuotes.length
          ? h("ul", { class: "plain quotes" }, shownQuotes.map((quote) => h("li", {}, `“${quote.text.slice(0, 200)}” `, docLink(quote.doc_id, quote.outlet ?? quote.doc_id, quote.start))))
          : empty("No quotes."), quotesPager),
        section(`Documents (${documents.total})`,
          exportBar("exports/documents", { actor: actor.id, sort: "newest" }, ["csv", "json"]),
          h("ul", { class: "plain" }, documents.items.map((doc) =>
            h("li", {}, docLink(doc.doc_id, doc.title || doc.doc_id), h("span", { class: "muted" }, ` ${doc.date ?? ""} ${doc.outlet ?? ""}`)))),
          documentsPager(actor.id, offset, documents.total)),
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

function documentsPager(id: number, offset: number, total: number): HTMLElement | null {
  return offsetPager((start) => `#/actor/${id}?offset=${start}`, offset, DOCUMENTS_PAGE, total);
}
