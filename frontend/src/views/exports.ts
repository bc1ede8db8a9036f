// "Export what you see": links to the API's list exports with exactly the view's filters.
import { Params, query } from "../api";
import { h } from "../dom";

function withFormat(params: Params | URLSearchParams, format: string): string {
  if (!(params instanceof URLSearchParams)) return query({ ...params, format });
  const search = new URLSearchParams(params);
  search.set("format", format);
  return `?${search}`;
}

/** Download links for one view: each format of ``/api/<path>`` with the view's parameters (repeated keys
 * such as the network's actor kinds kept when given as URLSearchParams). */
export function exportBar(path: string, params: Params | URLSearchParams, formats: string[], extra: [string, string][] = [], label = "Export exactly this list: "): HTMLElement {
  const links = formats.map((format) =>
    h("a", { href: `/api/${path}${withFormat(params, format)}`, download: "", class: "export", "data-format": format }, format.toUpperCase()),
  );
  const more = extra.map(([text, href]) => h("a", { href, download: "", class: "export" }, text));
  return h("p", { class: "export-bar muted" }, label, ...links, ...more);
}
