import { DocumentSummary, PageOf, get } from "../api";
import { empty, h, link, section, snippet } from "../dom";

interface ActorHit { id: number; name: string; kind: string; documents: number }
interface Stats { documents: number; actors: number; places: number; events: number; reports: number; agreements: number; outlets: number }

export async function searchView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const q = params.get("q") ?? "";
  const offset = Number(params.get("offset") ?? 0);
  const input = h("input", { type: "search", name: "q", value: q, placeholder: "Search documents and actors (e.g. Aleppo, Ahrar al-Sham)", autofocus: true, "aria-label": "Search" }) as HTMLInputElement;
  const form = h("form", { class: "search" }, input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/?q=${encodeURIComponent(input.value.trim())}`;
  });
  root.append(form);
  const [documents, actors, stats] = await Promise.all([
    get<PageOf<DocumentSummary>>("documents", { q, limit: 20, offset }),
    get<PageOf<ActorHit>>("actors", { q, limit: 12 }),
    get<Stats>("stats"),
  ]);
  root.append(
    h("p", { class: "muted stats" },
      `${stats.documents} documents · ${stats.actors} actors · ${stats.places} places · ${stats.events} events (${stats.reports} reports) · ${stats.agreements} agreements · ${stats.outlets} outlets`),
  );
  const results = h(
    "div",
    { class: "results" },
    documents.items.length ? documents.items.map(documentHit) : empty("No document matches."),
    pager(q, offset, documents.total),
  );
  const actorList = h(
    "ul",
    { class: "plain" },
    actors.items.map((actor) =>
      h("li", {}, link(`#/actor/${actor.id}`, actor.name), h("span", { class: "muted" }, ` ${actor.kind} · ${actor.documents} doc.`)),
    ),
  );
  root.append(
    h("div", { class: "two-columns" },
      section(q ? `Documents matching “${q}” (${documents.total})` : `Latest documents (${documents.total})`, results),
      section(q ? "Actors (any alias)" : "Most reported actors", actors.items.length ? actorList : empty("No actor matches.")),
    ),
  );
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

function pager(q: string, offset: number, total: number): HTMLElement | null {
  if (total <= 20) return null;
  const to = (start: number) => `#/?q=${encodeURIComponent(q)}&offset=${start}`;
  return h(
    "nav",
    { class: "pager" },
    offset > 0 ? link(to(Math.max(0, offset - 20)), "← previous") : null,
    h("span", { class: "muted" }, ` ${offset + 1}–${Math.min(offset + 20, total)} of ${total} `),
    offset + 20 < total ? link(to(offset + 20), "next →") : null,
  );
}
