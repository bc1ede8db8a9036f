import { get } from "../api";
import { empty, h, link, table } from "../dom";
import { offsetParam } from "./common";

const LINKS_PAGE = 200;

interface Link {
  identity_id: number; other_id: number; name: string; other_name: string; kind: string;
  status: string; reason: string; documents: number; other_documents: number;
}

const STATUSES = ["proposed", "accepted", "rejected", "all"];

async function decide(identity: number, other: number, verdict: string, token: string, by: string): Promise<string> {
  const response = await fetch("/api/identities/decisions", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ identity, other, verdict, by }),
  });
  return response.ok ? `${verdict === "same" ? "Kept merged" : "Split"}.` : `Not recorded: ${response.status} ${response.statusText}`;
}

export async function identitiesView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const status = STATUSES.includes(params.get("status") ?? "") ? (params.get("status") as string) : "proposed";
  const offset = offsetParam(params);
  const page = await get<{ items: Link[]; writable: boolean }>("identities/links", { status, limit: LINKS_PAGE, offset });
  // The API does not count the links: a full page means there may be more.
  const to = (start: number) => `#/identities?status=${status}&offset=${start}`;
  const pager = offset > 0 || page.items.length === LINKS_PAGE
    ? h("nav", { class: "pager" },
        offset > 0 ? link(to(Math.max(0, offset - LINKS_PAGE)), "← previous", "previous") : null,
        h("span", { class: "muted" }, ` ${offset + 1}–${offset + page.items.length} `),
        page.items.length === LINKS_PAGE ? link(to(offset + LINKS_PAGE), "next →", "next") : null)
    : null;
  const token = h("input", { type: "password", placeholder: "write token", "aria-label": "write token" }) as HTMLInputElement;
  const analyst = h("input", { type: "text", placeholder: "your name", "aria-label": "your name" }) as HTMLInputElement;
  token.value = sessionStorage.getItem("sitroom-token") ?? "";
  analyst.value = sessionStorage.getItem("sitroom-analyst") ?? "";
  const button = (item: Link, verdict: string, label: string, note: HTMLElement): HTMLElement => {
    const element = h("button", { type: "button", class: `decide-${verdict}` }, label) as HTMLButtonElement;
    element.disabled = !page.writable;
    element.addEventListener("click", () => {
      sessionStorage.setItem("sitroom-token", token.value);
      sessionStorage.setItem("sitroom-analyst", analyst.value);
      void decide(item.identity_id, item.other_id, verdict, token.value, analyst.value || "analyst").then((text) => {
        note.textContent = text;
      });
    });
    return element;
  };
  root.append(
    h("h2", {}, "Identities to review"),
    h("p", { class: "muted" },
      "Actors named in different spellings across documents are merged when their names are spellings of one name. ",
      "Keep a merge or split it; the decision holds for every later ingest (writes need the server's token)."),
    h("nav", { class: "filters" }, ...STATUSES.map((name) => link(`#/identities?status=${name}`, name))),
    page.writable
      ? h("p", {}, token, " ", analyst)
      : h("p", { class: "read-only" }, "This server is read-only: start it with a write token to record decisions."),
    page.items.length
      ? table(["Name", "Documents", "Other spelling", "Documents", "Kind", "Status", "Decide"], page.items.map((item) => {
          const note = h("span", { class: "decision-note", role: "status" });
          return [
            link(`#/actor/${item.identity_id}`, item.name), String(item.documents),
            link(`#/actor/${item.other_id}`, item.other_name), String(item.other_documents),
            item.kind, item.status,
            h("span", {}, button(item, "same", "Same actor", note), " ", button(item, "different", "Different", note), " ", note),
          ];
        }))
      : empty("No identities to review."),
    pager ?? "",
  );
}
