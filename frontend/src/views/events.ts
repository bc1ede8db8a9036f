import { EventItem, PageOf, Report, get } from "../api";
import { append, empty, h, link, section, table } from "../dom";
import { actorLinks, dateText, eventFilters, eventsTable, filterParams, setHashParams, statusBadges, typeBadge } from "./common";
import { exportBar } from "./exports";
import { query } from "../api";

// A page of events: ``total`` is a lower bound past 10,000 (``total_exact`` false) and null after a cursor.
type EventPage = Omit<PageOf<EventItem>, "total"> & { total: number | null; total_exact: boolean; next_cursor: string | null };

export async function eventsView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const filters = filterParams(params);
  const cursor = params.get("cursor");
  root.append(h("h2", {}, "Events"), eventFilters(params, (values) => setHashParams("#/events", values)));
  // Keyset paging: the next page starts after the last event shown, at the same cost however deep.
  const page = await get<EventPage>("events", { ...filters, limit: 100, ...(cursor ? { cursor } : {}) });
  const total = page.total === null ? "More" : `${page.total.toLocaleString("en")}${page.total_exact ? "" : "+"}`;
  append(root, [
    h("p", { class: "muted" }, `${total} corroborated events (reports of one event from several documents are merged)`),
    exportBar("exports/events", filters, ["csv", "json", "geojson"], [
      ["ACLED CSV", `/api/export/acled${query(filters)}`],
      ["records (JSON Lines)", `/api/export/json${query(filters)}`],
    ]),
    page.items.length ? eventsTable(page.items) : empty("No event matches."),
    page.next_cursor ? link(`#/events?${new URLSearchParams({ ...filters, cursor: page.next_cursor })}`, "more →") : null,
  ]);
}

interface JoinReason { field: string; rule: string; value: string }
type ReportDetail = Report & {
  date_from: string; mode: string | null; sources_as_written: string[]; targets_as_written: string[]; place_as_written: string | null;
};
type EventDetail = EventItem & { reports: ReportDetail[]; joined_because: JoinReason[]; disagreeing_fields: string[] };

const FIELD_LABELS: Record<string, string> = {
  status: "Status", date: "Date", mode: "Mode", sources_as_written: "Who (as written)", targets_as_written: "Whom (as written)", place_as_written: "Where (as written)",
};

function fieldText(report: ReportDetail, field: string): string {
  const value = (report as unknown as Record<string, unknown>)[field];
  if (Array.isArray(value)) return value.join(", ") || "–";
  if (field === "date") return `${report.date ?? "undated"} (${report.date_from === "event" ? "stated" : "document date"})`;
  return value === null || value === undefined || value === "" ? "–" : String(value);
}

export async function eventView(root: HTMLElement, id: string): Promise<void> {
  const event = await get<EventDetail>(`events/${id}`);
  const differs = new Set(event.disagreeing_fields);
  append(root, [
    h("div", { class: "doc-header" },
      h("h2", {}, typeBadge(event.type), event.mode ? ` ${event.mode}` : "", " ", h("span", { class: "muted" }, dateText(event))),
      h("p", {}, h("span", {}, actorLinks(event.sources)), " → ", h("span", {}, actorLinks(event.targets)),
        event.place ? ` at ${event.place.name}` : ""),
      h("p", {}, `${event.report_count} report(s) from ${event.source_count} independent source(s) `, statusBadges(event))),
    event.joined_because.length
      ? section("Why these reports are one event",
          h("p", { class: "muted" }, "Reports join an event only when every field below agrees within its tolerance."),
          table(["Field", "Tolerance", "Here"], event.joined_because.map((reason) => [reason.field, reason.rule, reason.value]), "join-reasons"))
      : null,
    event.reports.length > 1
      ? section(event.contested ? "The reports side by side (contested: highlighted fields disagree)" : "The reports side by side",
          sideBySide(event.reports, differs))
      : null,
    section("Reports",
      table(["Outlet", "Date", "Status", "Evidence", "Document"], event.reports.map((report) => [
        report.outlet ?? "unknown outlet",
        report.date ?? "",
        h("span", { class: `status status-${report.status}` }, report.status),
        h("q", {}, report.evidence),
        link(`#/doc/${encodeURIComponent(report.doc_id)}?at=${report.start}`, report.title || report.doc_id),
      ]), "reports")),
  ]);
}

function sideBySide(reports: ReportDetail[], differs: Set<string>): HTMLElement {
  const mark = (field: string) => (differs.has(field) ? "differs" : "");
  const rows = Object.keys(FIELD_LABELS).map((field) =>
    h("tr", { class: mark(field), "data-field": field },
      h("th", { class: mark(field) }, FIELD_LABELS[field]),
      reports.map((report) => h("td", { class: mark(field) }, fieldText(report, field)))));
  const header = h("tr", {}, h("th", {}, ""), reports.map((report) => h("th", {}, report.outlet ?? "unknown outlet")));
  return h("table", { class: "side-by-side" }, h("thead", {}, header), h("tbody", {}, rows));
}
