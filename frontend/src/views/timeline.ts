import { EventItem, PageOf, get } from "../api";
import { empty, h, link } from "../dom";
import { eventFilters, eventsTable, filterParams, setHashParams } from "./common";
import { exportBar } from "./exports";
import { TimeWindow, axisMonths, binsFor, keepWindow, monthsChart, sharedWindow, withoutDates } from "./time-chart";

const LIST_LIMIT = 50;

function hashFor(path: string, params: Record<string, string>): string {
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}

/** The events of the brushed window, listed under the chart, with a link to the same window on the map. */
async function listWindow(list: HTMLElement, filters: Record<string, string>, window: TimeWindow | null): Promise<void> {
  const chosen = { ...filters, ...(window ?? {}) };
  const page = await get<PageOf<EventItem> & { total_exact?: boolean }>("events", { ...chosen, limit: LIST_LIMIT });
  const shown = page.items.length, total = page.total ?? shown;
  list.replaceChildren(
    h("p", { class: "window-summary" },
      window ? `${window.date_from} to ${window.date_to}: ` : "",
      `${total}${page.total_exact === false ? "+" : ""} events`, shown < total ? ` (the newest ${shown} listed)` : "", " · ",
      link(hashFor("#/map", chosen), "show on the map", "to-map"), " · ",
      link(hashFor("#/events", chosen), "open the events list")),
    exportBar("exports/events", chosen, ["csv", "json", "geojson"], [], "Export every event of this window and filters: "),
    page.items.length ? eventsTable(page.items) : empty("No events in this window."),
  );
  list.dataset.events = String(total);
  list.dataset.window = window ? `${window.date_from}..${window.date_to}` : "";
}

export async function timelineView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const filters = withoutDates(filterParams(params));
  const by = params.get("by") === "precision" ? "precision" : "type";
  const all = params.get("all") === "1";
  root.append(h("h2", {}, "Timeline"), eventFilters(params, (values) => setHashParams("#/timeline", { ...values, by })));
  const data = await binsFor(filters);
  const months = axisMonths(data, all);
  if (!months.length) {
    root.append(empty("No dated events match."));
    return;
  }
  const options = { ...filters, by, ...(all ? { all: "1" } : {}) };
  const switches = h("p", { class: "chart-switches" },
    "Bars by ", by === "type" ? h("b", {}, "event type") : link(hashFor("#/timeline", { ...options, by: "type" }), "event type", "by-type"),
    " | ", by === "precision" ? h("b", {}, "date precision") : link(hashFor("#/timeline", { ...options, by: "precision" }), "date precision", "by-precision"),
    data.window && data.window.outside ? h("span", { class: "outside" }, " · ",
      all ? link(hashFor("#/timeline", { ...options, all: "" }), `hide the ${data.window.outside} event(s) outside the dense period`)
        : link(hashFor("#/timeline", { ...options, all: "1" }), `show all: ${data.window.outside} event(s) fall outside ${data.window.from} – ${data.window.to}`, "show-all")) : "");
  const list = h("div", { class: "window-events" });
  let selected = sharedWindow(params);
  const chart = monthsChart(data.bins, {
    by,
    months,
    selected,
    width: root.clientWidth - 14,
    onSelect: (window) => {
      selected = window;
      keepWindow(window);
      history.replaceState(null, "", hashFor("#/timeline", { ...options, ...window }));
      void listWindow(list, filters, window);
    },
  });
  const clear = h("button", { type: "button", class: "clear-window" }, "Clear the time window");
  clear.addEventListener("click", () => {
    selected = null;
    keepWindow(null);
    chart.select(null);
    history.replaceState(null, "", hashFor("#/timeline", options));
    void listWindow(list, filters, null);
  });
  root.append(switches, chart.element, h("p", { class: "muted" }, "Drag across months (or click one) to list their events; the map shows the same window. ", clear), list);
  await listWindow(list, filters, selected);
}
