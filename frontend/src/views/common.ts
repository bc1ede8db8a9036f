import { EventItem, Ref } from "../api";
import { Child, h, link, table } from "../dom";

export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
export const STATUSES = ["occurred", "claimed", "promised", "planned", "denied", "hypothetical"];

/** One colour per PLOVER type: cooperation in blues/greens, conflict in oranges/reds. */
export const TYPE_COLOURS: Record<string, string> = {
  AGREE: "#2b7bba", CONSULT: "#5aa0d6", SUPPORT: "#3a9e8f", CONCEDE: "#7bbf6a", COOPERATE: "#1f6f54",
  AID: "#59a14f", RETREAT: "#b5a642", REQUEST: "#8c8cd9", ACCUSE: "#e8a23a", REJECT: "#d98236",
  THREATEN: "#d4612f", PROTEST: "#b07aa1", SANCTION: "#9c5a33", MOBILIZE: "#c44e52", COERCE: "#b2182b",
  ASSAULT: "#7f0000",
};

export function actorLinks(actors: Ref[]): Child[] {
  return actors.flatMap((actor, index) => [index ? ", " : "", link(`#/actor/${actor.id}`, actor.name)]);
}

export function dateText(event: EventItem): string {
  if (!event.date_start) return "undated";
  return event.date_start === event.date_end || !event.date_end ? event.date_start : `${event.date_start} – ${event.date_end}`;
}

export function typeBadge(type: string): HTMLElement {
  return h("span", { class: "badge", style: `background:${TYPE_COLOURS[type] ?? "#666"}` }, type);
}

export function statusBadges(event: EventItem): HTMLElement {
  return h(
    "span",
    {},
    event.statuses.map((status) => h("span", { class: `status status-${status}` }, status)),
    event.contested ? h("span", { class: "status contested", title: "sources contradict each other" }, "contested") : null,
  );
}

export function eventsTable(events: EventItem[]): HTMLElement {
  return table(
    ["Event", "Date", "Who", "Whom", "Where", "Sources", "Status"],
    events.map((event) => [
      h("a", { href: `#/event/${event.id}` }, typeBadge(event.type), event.mode ? ` ${event.mode}` : ""),
      dateText(event),
      h("span", {}, actorLinks(event.sources)),
      h("span", {}, actorLinks(event.targets)),
      event.place ? event.place.name : "",
      h("span", { title: `${event.report_count} report(s)` }, `${event.source_count}`),
      statusBadges(event),
    ]),
    "events",
  );
}

export function formField(label: string, control: HTMLElement): HTMLElement {
  return h("label", { class: "field" }, h("span", {}, label), control);
}

export function select(name: string, options: string[], value: string, blank = "any"): HTMLSelectElement {
  const element = h("select", { name }, h("option", { value: "" }, blank), options.map((option) => h("option", { value: option }, option))) as HTMLSelectElement;
  element.value = value;
  return element;
}

/** The events filter form; calls ``onChange`` with the chosen parameters. */
export function eventFilters(params: URLSearchParams, onChange: (values: Record<string, string>) => void): HTMLElement {
  const form = h(
    "form",
    { class: "filters" },
    formField("Type", select("type", EVENT_TYPES, params.get("type") ?? "")),
    formField("Status", select("status", STATUSES, params.get("status") ?? "")),
    formField("From", h("input", { name: "date_from", type: "date", value: params.get("date_from") ?? "" })),
    formField("To", h("input", { name: "date_to", type: "date", value: params.get("date_to") ?? "" })),
    formField("Country", h("input", { name: "country", size: 3, maxlength: 3, placeholder: "SY", value: params.get("country") ?? "" })),
    formField("Outlet", h("input", { name: "outlet", size: 12, value: params.get("outlet") ?? "" })),
    formField("Min. sources", h("input", { name: "min_sources", type: "number", min: 1, max: 50, value: params.get("min_sources") ?? "1" })),
    h("button", { type: "submit" }, "Apply"),
  ) as HTMLFormElement;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values: Record<string, string> = {};
    new FormData(form).forEach((value, key) => {
      if (String(value)) values[key] = String(value);
    });
    onChange(values);
  });
  return form;
}

export function filterParams(params: URLSearchParams): Record<string, string> {
  const keys = ["type", "status", "date_from", "date_to", "country", "outlet", "min_sources", "actor", "place"];
  return Object.fromEntries(keys.filter((key) => params.get(key)).map((key) => [key, params.get(key) as string]));
}

export function setHashParams(path: string, values: Record<string, string>): void {
  const search = new URLSearchParams(values).toString();
  location.hash = search ? `${path}?${search}` : path;
}

/** Previous/next links over an offset-paged list of ``total`` items; ``to`` makes the link to an offset. */
export function offsetPager(to: (offset: number) => string, offset: number, size: number, total: number, className = ""): HTMLElement | null {
  if (total <= size && offset === 0) return null;
  return h("nav", { class: `pager ${className}`.trim() },
    offset > 0 ? link(to(Math.max(0, offset - size)), "← previous", "previous") : null,
    h("span", { class: "muted" }, ` ${Math.min(offset + 1, total)}–${Math.min(offset + size, total)} of ${total.toLocaleString("en")} `),
    offset + size < total ? link(to(offset + size), "next →", "next") : null);
}

/** A non-negative offset from the page's parameters. */
export function offsetParam(params: URLSearchParams, key = "offset"): number {
  return Math.max(0, Math.floor(Number(params.get(key) ?? 0)) || 0);
}
