import { DocumentSummary, PageOf, Params, get } from "../api";
import { empty, h, link, section, snippet } from "../dom";
import { exportBar } from "./exports";
import { offsetPager, offsetParam } from "./common";

interface ActorHit { id: number; name: string; kind: string; documents: number }
interface PlaceHit { id: number; name: string; country: string | null; feature: string | null; documents: number }
interface Stats { documents: number; actors: number; places: number; events: number; reports: number; agreements: number; outlets: number }
interface FacetValue { value: string | number; label?: string; documents: number }
type Facets = Record<"outlet" | "year" | "actor" | "place" | "event_type", FacetValue[]>;
type SearchPage = PageOf<DocumentSummary> & { facets: Facets; sort: string };

const PAGE = 20;
// Search parameters kept in the address, so that a search, its facets and its page can be linked to.
const KEYS = ["q", "outlet", "date_from", "date_to", "actor", "place", "event_type", "sort"];

function searchParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(KEYS.filter((key) => params.get(key)).map((key) => [key, params.get(key) as string]));
}

function hrefWith(current: Record<string, string>, changes: Params): string {
  const next: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === "") delete next[key];
    else next[key] = String(value);
  }
  const search = new URLSearchParams(next).toString();
  return search ? `#/?${search}` : "#/";
}

export async function searchView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const current = searchParams(params);
  const q = current.q ?? "";
  const offset = offsetParam(params);
  const input = h("input", { type: "search", name: "q", value: q, placeholder: 'Search: Aleppo airstrike, "barrel bombs", Nusra OR Qaeda, negot*, Homs -Hama', autofocus: true, "aria-label": "Search" }) as HTMLInputElement;
  const sort = h("select", { name: "sort", "aria-label": "Sort" },
    ["relevance", "newest", "oldest"].map((value) => h("option", { value }, value))) as HTMLSelectElement;
  sort.value = current.sort ?? "relevance";
  const form = h("form", { class: "search" }, input, sort, h("button", { type: "submit" }, "Search")) as HTMLFormElement;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = hrefWith(current, { q: input.value.trim(), sort: sort.value === "relevance" ? null : sort.value });
  });
  sort.addEventListener("change", () => form.requestSubmit());
  root.append(form, h("p", { class: "muted syntax-help" },
    'All words must occur; "a phrase"; OR; NOT or -word to exclude; prefix*; (brackets) to group. An actor\u2019s name in any spelling also finds its documents.'));
  let documents: SearchPage;
  try {
    documents = await get<SearchPage>("documents", { ...current, limit: PAGE, offset });
  } catch (error) {
    root.append(h("p", { class: "search-error", role: "alert" }, String(error).replace(/^Error: /, "")));
    return;
  }
  const [actors, places, stats] = await Promise.all([
    get<PageOf<ActorHit>>("actors", { q, limit: 12 }),
    q ? get<PageOf<PlaceHit>>("places", { q, limit: 8 }) : null,
    get<Stats>("stats"),
  ]);
  root.append(
    h("p", { class: "muted stats" },
      `${stats.documents} documents · ${stats.actors} actors · ${stats.places} places · ${stats.events} events (${stats.reports} reports) · ${stats.agreements} agreements · ${stats.outlets} outlets`),
  );
  const filtered = Object.keys(current).some((key) => key !== "q" && key !== "sort");
  const title = q || filtered ? `Documents matching${q ? ` “${q}”` : " the filters"} (${documents.total})` : `Latest documents (${documents.total})`;
  const results = h(
    "div",
    { class: "results" },
    exportBar("exports/documents", current, ["csv", "json"]),
    documents.items.length ? documents.items.map(documentHit) : empty("No document matches."),
    pager(current, offset, documents.total),
  );
  const actorList = h(
    "ul",
    { class: "plain" },
    actors.items.map((actor) =>
      h("li", {}, link(`#/actor/${actor.id}`, actor.name), h("span", { class: "muted" }, ` ${actor.kind} · ${actor.documents} doc.`)),
    ),
  );
  root.append(
    h("div", { class: "search-layout" },
      facetPanel(current, documents.facets),
      section(title, results),
      h("div", {},
        section(q ? "Actors (any alias)" : "Most reported actors", actors.items.length ? actorList : empty("No actor matches.")),
        places && places.items.length ? section("Places", placeList(places.items)) : null),
    ),
  );
}

function facetPanel(current: Record<string, string>, facets: Facets): HTMLElement {
  const group = (title: string, key: string, values: FacetValue[], toParams: (item: FacetValue) => Params, chosen: (item: FacetValue) => boolean) =>
    values.length
      ? [h("h4", {}, title), h("ul", {}, values.map((item) =>
          h("li", { class: chosen(item) ? "chosen" : "", "data-facet": key },
            link(hrefWith(current, chosen(item) ? Object.fromEntries(Object.keys(toParams(item)).map((k) => [k, null])) : toParams(item)), item.label ?? String(item.value)),
            h("span", { class: "muted" }, String(item.documents)))))]
      : [];
  return h("aside", { class: "card facets", "aria-label": "Facets" },
    h("h3", {}, "Narrow down"),
    group("Outlet", "outlet", facets.outlet, (item) => ({ outlet: item.value }), (item) => current.outlet === String(item.value)),
    group("Year", "year", facets.year, (item) => ({ date_from: item.value, date_to: item.value }), (item) => current.date_from === String(item.value)),
    group("Actor", "actor", facets.actor, (item) => ({ actor: item.value }), (item) => current.actor === String(item.value)),
    group("Place", "place", facets.place, (item) => ({ place: item.value }), (item) => current.place === String(item.value)),
    group("Event type", "event_type", facets.event_type, (item) => ({ event_type: item.value }), (item) => current.event_type === String(item.value)),
    Object.keys(current).some((key) => key !== "q" && key !== "sort") ? link(hrefWith({ q: current.q ?? "" }, {}), "clear filters") : null,
  );
}

/** Places whose name holds the query: each opens its place page (events, actors, documents). */
function placeList(places: PlaceHit[]): HTMLElement {
  return h("ul", { class: "plain place-hits" }, places.map((place) =>
    h("li", {}, link(`#/place/${place.id}`, place.name),
      h("span", { class: "muted" }, ` ${[place.feature, place.country].filter(Boolean).join(", ")} · ${place.documents} doc.`))));
}

function documentHit(item: DocumentSummary): HTMLElement {
  return h(
    "article",
    { class: "hit" },
    h("h4", {}, link(`#/doc/${encodeURIComponent(item.doc_id)}`, item.title || item.doc_id)),
    h("p", { class: "muted" }, [item.date, item.outlet].filter(Boolean).join(" · ")),
    item.snippet ? snippet(item.snippet) : null,
  );
}

function pager(current: Record<string, string>, offset: number, total: number): HTMLElement | null {
  return offsetPager((start) => `${hrefWith(current, {})}${Object.keys(current).length ? "&" : "?"}offset=${start}`, offset, PAGE, total);
}
