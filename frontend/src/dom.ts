// DOM helpers. Untrusted text (articles, names) only ever goes through textContent: never innerHTML.

export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

export function h(tag: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.replace(/^on/, ""), value);
    else if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

export function link(href: string, text: string, className = ""): HTMLElement {
  return h("a", { href, class: className }, text);
}

export function clear(element: HTMLElement): HTMLElement {
  element.replaceChildren();
  return element;
}

/** A search snippet: hits come marked with \u0002 … \u0003, shown as <mark> without parsing markup. */
export function snippet(text: string | null): HTMLElement {
  const out = h("p", { class: "snippet" });
  (text ?? "").split("\u0002").forEach((part, index) => {
    if (index === 0) return append(out, [part]);
    const [hit, rest] = part.split("\u0003");
    append(out, [h("mark", {}, hit), rest ?? ""]);
  });
  return out;
}

export function table(headers: string[], rows: Child[][], className = ""): HTMLElement {
  return h(
    "table",
    { class: className },
    h("thead", {}, h("tr", {}, headers.map((text) => h("th", {}, text)))),
    h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell))))),
  );
}

export function section(title: string, ...children: (Child | Child[])[]): HTMLElement {
  return h("section", { class: "card" }, h("h3", {}, title), ...children);
}

export function chips(items: string[], className = "chip"): HTMLElement {
  return h("div", { class: "chips" }, items.map((item) => h("span", { class: className }, item)));
}

export function empty(text: string): HTMLElement {
  return h("p", { class: "muted" }, text);
}
