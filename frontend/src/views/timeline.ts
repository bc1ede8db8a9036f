import { get } from "../api";
import { empty, h } from "../dom";
import { EVENT_TYPES, TYPE_COLOURS, eventFilters, filterParams, setHashParams } from "./common";

interface Bucket { month: string; type: string; events: number }
const SVG = "http://www.w3.org/2000/svg";

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  return element;
}

function months(first: string, last: string): string[] {
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

export async function timelineView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  root.append(h("h2", {}, "Timeline"), eventFilters(params, (values) => setHashParams("#/timeline", values)));
  const buckets = await get<Bucket[]>("timeline", filterParams(params));
  if (!buckets.length) {
    root.append(empty("No dated events match."));
    return;
  }
  const axis = months(buckets[0].month, buckets[buckets.length - 1].month);
  const totals = new Map<string, Map<string, number>>();
  for (const bucket of buckets) {
    const perType = totals.get(bucket.month) ?? new Map<string, number>();
    perType.set(bucket.type, bucket.events);
    totals.set(bucket.month, perType);
  }
  const highest = Math.max(...[...totals.values()].map((perType) => [...perType.values()].reduce((a, b) => a + b, 0)));
  const width = Math.max(600, axis.length * 14), height = 260, bottom = 40, barWidth = width / axis.length;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "timeline", role: "img", "aria-label": "events per month" });
  axis.forEach((month, index) => {
    let y = height - bottom;
    for (const type of EVENT_TYPES) {
      const count = totals.get(month)?.get(type) ?? 0;
      if (!count) continue;
      const barHeight = (count / highest) * (height - bottom - 10);
      y -= barHeight;
      const bar = svg("rect", { x: index * barWidth + 1, y, width: Math.max(1, barWidth - 2), height: barHeight, fill: TYPE_COLOURS[type], class: "bar" });
      const title = svg("title", {});
      title.textContent = `${month}: ${count} ${type}`;
      bar.appendChild(title);
      bar.addEventListener("click", () => setHashParams("#/events", { ...filterParams(params), type, date_from: `${month}-01`, date_to: `${month}-28` }));
      chart.appendChild(bar);
    }
    if (index % Math.ceil(axis.length / 12) === 0) {
      const label = svg("text", { x: index * barWidth, y: height - bottom + 16, class: "axis" });
      label.textContent = month;
      chart.appendChild(label);
    }
  });
  const legend = h("div", { class: "legend" }, EVENT_TYPES.filter((type) => buckets.some((b) => b.type === type)).map((type) =>
    h("span", { class: "legend-item" }, h("span", { class: "swatch", style: `background:${TYPE_COLOURS[type]}` }), type)));
  root.append(h("div", { class: "timeline-wrap" }, chart), legend, h("p", { class: "muted" }, "Click a bar to list its events."));
}
