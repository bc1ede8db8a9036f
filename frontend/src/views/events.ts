import { EventItem, PageOf, Report, get } from "../api";
import { append, empty, h, link, section, table } from "../dom";
import { actorLinks, dateText, eventFilters, eventsTable, filterParams, setHashParams, statusBadges, typeBadge } from "./common";

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
    page.items.length ? eventsTable(page.items) : empty("No event matches."),
    page.next_cursor ? link(`#/events?${new URLSearchParams({ ...filters, cursor: page.next_cursor })}`, "more →") : null,
  ]);
}

type EventDetail = EventItem & { reports: Report[] };

export async function eventView(root: HTMLElement, id: string): Promise<void> {
  const event = await get<EventDetail>(`events/${id}`);
  root.append(
    h("div", { class: "doc-header" },
      h("h2", {}, typeBadge(event.type), event.mode ? ` ${event.mode}` : "", " ", h("span", { class: "muted" }, dateText(event))),
      h("p", {}, h("span", {}, actorLinks(event.sources)), " → ", h("span", {}, actorLinks(event.targets)),
        event.place ? ` at ${event.place.name}` : ""),
      h("p", {}, `${event.report_count} report(s) from ${event.source_count} independent source(s) `, statusBadges(event))),
    section("Reports",
      table(["Outlet", "Date", "Status", "Evidence", "Document"], event.reports.map((report) => [
        report.outlet ?? "unknown outlet",
        report.date ?? "",
        h("span", { class: `status status-${report.status}` }, report.status),
        h("q", {}, report.evidence),
        link(`#/doc/${encodeURIComponent(report.doc_id)}?at=${report.start}`, report.title || report.doc_id),
      ]), "reports")),
  );
}
