// The months chart shared by the timeline and the map: stacked bars by event type or by date precision,
// a brush (drag across months, or click one) that selects a time window, and the window kept for the session
// so that the map and the timeline show the same period.
import { get } from "../api";
import { h } from "../dom";
import { EVENT_TYPES, TYPE_COLOURS } from "./common";

export interface TimeBin { month: string; type: string; precision: string; events: number }
export interface TimeBins { bins: TimeBin[]; window: { from: string; to: string; outside: number } | null }
export interface TimeWindow { date_from: string; date_to: string }

export const PRECISIONS = ["day", "days", "month", "year", "longer"];
export const PRECISION_COLOURS: Record<string, string> = {
  day: "#1f3a5f", days: "#4f7cac", month: "#9cb8d6", year: "#d9c27a", longer: "#c9c9c9",
};
const PRECISION_LABELS: Record<string, string> = {
  day: "one day", days: "a few days", month: "a month", year: "a year", longer: "a longer period",
};
const SVG = "http://www.w3.org/2000/svg";
const STORE_KEY = "sitroom.time-window";

/** The filters without their time window (which the chart's brush sets). */
export function withoutDates(params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== "date_from" && key !== "date_to"));
}

export function binsFor(params: Record<string, string>): Promise<TimeBins> {
  return get<TimeBins>("timeline/bins", withoutDates(params));
}

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, month] = first.split("-").map(Number);
  const [endYear, endMonth] = last.split("-").map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    out.push(`${year}-${String(month).padStart(2, "0")}`);
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return out;
}

/** The last day of a month (YYYY-MM): the 28th to the 31st. */
export function monthEnd(month: string): string {
  const [year, number] = month.split("-").map(Number);
  const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}

export function windowOfMonths(first: string, last: string): TimeWindow {
  return first <= last ? { date_from: `${first}-01`, date_to: monthEnd(last) } : windowOfMonths(last, first);
}

/** The time window in the address, else the one chosen last in this session (the timeline's or the map's). */
export function sharedWindow(params: URLSearchParams): TimeWindow | null {
  const from = params.get("date_from"), to = params.get("date_to");
  if (from || to) return { date_from: from ?? "", date_to: to ?? "" };
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? "null") as TimeWindow | null;
    return stored && typeof stored.date_from === "string" && typeof stored.date_to === "string" ? stored : null;
  } catch {
    return null;
  }
}

export function keepWindow(window: TimeWindow | null): void {
  if (window) sessionStorage.setItem(STORE_KEY, JSON.stringify(window));
  else sessionStorage.removeItem(STORE_KEY);
}

export interface ChartOptions {
  by: "type" | "precision";
  months: string[];
  selected: TimeWindow | null;
  height?: number;
  width?: number;
  onSelect: (window: TimeWindow) => void;
}

/** Stacked month bars with a brush; returns the chart and a function that redraws the selection. */
export function monthsChart(bins: TimeBin[], options: ChartOptions): { element: HTMLElement; select: (window: TimeWindow | null) => void } {
  const { months, by } = options;
  const index = new Map(months.map((month, position) => [month, position]));
  const stacks = months.map(() => new Map<string, number>());
  for (const bin of bins) {
    const position = index.get(bin.month);
    if (position === undefined) continue;
    const key = by === "type" ? bin.type : bin.precision;
    stacks[position].set(key, (stacks[position].get(key) ?? 0) + bin.events);
  }
  const order = by === "type" ? EVENT_TYPES : PRECISIONS;
  const colours = by === "type" ? TYPE_COLOURS : PRECISION_COLOURS;
  const highest = Math.max(1, ...stacks.map((stack) => [...stack.values()].reduce((a, b) => a + b, 0)));
  const height = options.height ?? 260, bottom = 28;
  const width = Math.max(400, options.width ?? months.length * 10), barWidth = width / Math.max(1, months.length);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img", "aria-label": "events per month" });
  chart.style.height = `${height}px`;
  const shade = svg("rect", { class: "brush", x: 0, y: 0, width: 0, height: height - bottom });
  chart.appendChild(shade);
  months.forEach((month, position) => {
    let y = height - bottom;
    const column = svg("g", { class: "month", "data-month": month });
    for (const key of order) {
      const count = stacks[position].get(key) ?? 0;
      if (!count) continue;
      const barHeight = (count / highest) * (height - bottom - 8);
      y -= barHeight;
      const bar = svg("rect", { x: position * barWidth + 0.5, y, width: Math.max(1, barWidth - 1), height: barHeight, fill: colours[key] ?? "#888", class: "bar", "data-month": month });
      const title = svg("title", {});
      title.textContent = by === "type" ? `${month}: ${count} ${key}` : `${month}: ${count} dated to ${PRECISION_LABELS[key]}`;
      bar.appendChild(title);
      column.appendChild(bar);
    }
    chart.appendChild(column);
    if (position % Math.max(1, Math.ceil(months.length / 12)) === 0) {
      const label = svg("text", { x: position * barWidth, y: height - bottom + 16, class: "axis" });
      label.textContent = month;
      chart.appendChild(label);
    }
  });
  const select = (window: TimeWindow | null): void => {
    const from = window?.date_from.slice(0, 7), to = window?.date_to.slice(0, 7);
    const first = from ? months.findIndex((month) => month >= from) : -1;
    let last = -1;
    if (to) for (let position = months.length - 1; position >= 0; position -= 1) if (months[position] <= to) { last = position; break; }
    const visible = window !== null && first !== -1 && last >= first;
    shade.setAttribute("x", String(visible ? first * barWidth : 0));
    shade.setAttribute("width", String(visible ? (last - first + 1) * barWidth : 0));
  };
  select(options.selected);
  // The brush: press on a month, drag to another, release; a click alone selects one month.
  const monthAt = (event: MouseEvent): number => {
    const box = chart.getBoundingClientRect();
    const position = Math.floor(((event.clientX - box.left) / box.width) * months.length);
    return Math.min(months.length - 1, Math.max(0, position));
  };
  let anchor: number | null = null;
  chart.addEventListener("mousedown", (event) => { anchor = monthAt(event); select(windowOfMonths(months[anchor], months[anchor])); event.preventDefault(); });
  chart.addEventListener("mousemove", (event) => { if (anchor !== null) select(windowOfMonths(months[anchor], months[monthAt(event)])); });
  const release = (event: MouseEvent): void => {
    if (anchor === null) return;
    const chosen = windowOfMonths(months[anchor], months[monthAt(event)]);
    anchor = null;
    select(chosen);
    options.onSelect(chosen);
  };
  chart.addEventListener("mouseup", release);
  chart.addEventListener("mouseleave", (event) => release(event));
  const legend = h("div", { class: "legend" }, order.filter((key) => stacks.some((stack) => stack.has(key))).map((key) =>
    h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${colours[key]}` }), by === "type" ? key : `dated to ${PRECISION_LABELS[key]}`)));
  const element = h("div", { class: "time-chart" }, h("div", { class: "timeline-wrap" }, chart), legend);
  return { element, select };
}

/** The months to draw: the data's dense window unless ``all`` is asked for. */
export function axisMonths(data: TimeBins, all: boolean): string[] {
  if (!data.bins.length) return [];
  const first = all || !data.window ? data.bins[0].month : data.window.from;
  const last = all || !data.window ? data.bins[data.bins.length - 1].month : data.window.to;
  return monthsBetween(first, last);
}
