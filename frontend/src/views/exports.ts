// "Export what you see": links to the API's list exports with exactly the view's filters.
import { Params, query } from "../api";
import { h } from "../dom";

/** Download links for one list view: each format of ``/api/<path>`` with the view's parameters. */
export function exportBar(path: string, params: Params, formats: string[], extra: [string, string][] = []): HTMLElement {
  const links = formats.map((format) =>
    h("a", { href: `/api/${path}${query({ ...params, format })}`, download: "", class: "export", "data-format": format }, format.toUpperCase()),
  );
  const more = extra.map(([label, href]) => h("a", { href, download: "", class: "export" }, label));
  return h("p", { class: "export-bar muted" }, "Export exactly this list: ", ...links, ...more);
}
