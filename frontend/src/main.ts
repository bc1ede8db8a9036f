import "./style.css";
import { clear, h } from "./dom";
import { searchView } from "./views/search";
import { documentView } from "./views/document";
import { actorView } from "./views/actor";
import { eventsView, eventView } from "./views/events";
import { mapView } from "./views/map";
import { timelineView } from "./views/timeline";
import { networkView } from "./views/network";
import { agreementIdentityView, agreementsView, agreementView } from "./views/agreements";
import { outletsView, outletView } from "./views/outlets";
import { analyzeView } from "./views/analyze";
import { identitiesView } from "./views/identities";
import { placeView } from "./views/place";

type View = (root: HTMLElement, arg: string, params: URLSearchParams) => Promise<void>;

const routes: [RegExp, View][] = [
  [/^\/?$/, searchView],
  [/^\/doc\/(.+)$/, documentView],
  [/^\/actor\/(\d+)$/, actorView],
  [/^\/events$/, eventsView],
  [/^\/event\/(\d+)$/, eventView],
  [/^\/map$/, mapView],
  [/^\/timeline$/, timelineView],
  [/^\/network$/, networkView],
  [/^\/agreements$/, agreementsView],
  [/^\/agreement\/(\d+)$/, agreementView],
  [/^\/agreement-identity\/(\d+)$/, agreementIdentityView],
  [/^\/outlets$/, outletsView],
  [/^\/outlet\/(.+)$/, outletView],
  [/^\/analyze$/, analyzeView],
  [/^\/identities$/, identitiesView],
  [/^\/place\/(\d+)$/, placeView],
];

async function route(): Promise<void> {
  const root = clear(document.getElementById("app") as HTMLElement);
  const [path, search = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  for (const link of document.querySelectorAll<HTMLAnchorElement>(".topbar nav a")) {
    const target = link.getAttribute("href")?.replace(/^#/, "") ?? "";
    link.classList.toggle("active", target === "/" ? path === "/" || path === "" : path.startsWith(target));
  }
  for (const [pattern, view] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    root.classList.add("loading");
    try {
      await view(root, decodeURIComponent(match[1] ?? ""), params);
    } catch (error) {
      root.appendChild(h("p", { class: "error" }, `Could not load this page: ${String(error)}`));
    } finally {
      root.classList.remove("loading");
    }
    return;
  }
  root.appendChild(h("p", { class: "error" }, "No such page."));
}

window.addEventListener("hashchange", () => void route());
void route();
