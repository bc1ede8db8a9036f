import { get } from "../api";
import { empty, h, link, section, table } from "../dom";

interface Outlet { outlet: string; documents: number; framing: number }
interface Profile {
  outlet: string; documents: number;
  techniques: { technique: string; items: number; per_document: number }[];
  framed_actors: { id: number; name: string; items: number }[];
  event_statuses: Record<string, number>;
  claims: Record<string, number>;
  framing_voice: { own: number; quoted: number };
  claim_sources: { claims: number; unnamed: number; unnamed_share: number | null };
}

export async function outletsView(root: HTMLElement): Promise<void> {
  const outlets = await get<Outlet[]>("outlets");
  root.append(
    h("h2", {}, `Outlets (${outlets.length})`),
    outlets.length
      ? table(["Outlet", "Documents", "Framing items", "Per document"], outlets.map((item) => [
          link(`#/outlet/${encodeURIComponent(item.outlet)}`, item.outlet), String(item.documents), String(item.framing),
          (item.framing / item.documents).toFixed(2),
        ]))
      : empty("No outlet is known."),
  );
}

export async function outletView(root: HTMLElement, name: string): Promise<void> {
  const profile = await get<Profile>(`outlets/${encodeURIComponent(name)}`);
  const highest = Math.max(1, ...profile.techniques.map((item) => item.items));
  root.append(
    h("h2", {}, profile.outlet, h("span", { class: "muted" }, ` ${profile.documents} documents`)),
    h("p", {}, link(`#/events?outlet=${encodeURIComponent(profile.outlet)}`, "events it reports"), " · ", link(`#/map?outlet=${encodeURIComponent(profile.outlet)}`, "on the map")),
    h("div", { class: "two-columns" },
      section("Framing profile",
        profile.techniques.length
          ? h("div", { class: "bars" }, profile.techniques.map((item) =>
              h("div", { class: "bar-row" }, h("span", { class: "bar-label" }, item.technique),
                h("span", { class: "bar", style: `width:${(100 * item.items) / highest}%` }),
                h("span", { class: "muted" }, ` ${item.items} (${item.per_document}/doc)`))))
          : empty("No framing found.")),
      h("div", {},
        section("Actors it frames", profile.framed_actors.length
          ? h("ul", { class: "plain" }, profile.framed_actors.map((actor) => h("li", {}, link(`#/actor/${actor.id}`, actor.name), ` ${actor.items}`)))
          : empty("None.")),
        section("How it reports events", table(["Status", "Reports"], Object.entries(profile.event_statuses).map(([status, count]) => [status, String(count)]))),
        section("Claims", table(["", "Claims"], Object.entries(profile.claims).map(([kind, count]) => [kind, String(count)]))),
        section("Whose voice", table(["", "Items"], [
          ["Framing in its own text", String(profile.framing_voice.own)],
          ["Framing inside quoted sources", String(profile.framing_voice.quoted)],
          ["Claims from unnamed sources", profile.claim_sources.unnamed_share === null ? "–"
            : `${profile.claim_sources.unnamed} of ${profile.claim_sources.claims} (${Math.round(100 * profile.claim_sources.unnamed_share)}%)`],
        ], "voice"))),
    ),
  );
}
