import { get } from "../api";
import { append, empty, h, link, section, table } from "../dom";

interface Outlet { outlet: string; documents: number; words: number; framing: number; own_framing: number; own_per_1000_words: number | null }
interface Comparison {
  outlets: { outlet: string; words: number; claims: number; unnamed_share: number | null }[];
  unknown: string[];
  techniques: Record<string, Record<string, number | null>>;
  targets: { id: number; name: string; items: Record<string, number> }[];
}
interface Profile {
  outlet: string; documents: number;
  techniques: { technique: string; items: number; per_document: number }[];
  framed_actors: { id: number; name: string; items: number }[];
  event_statuses: Record<string, number>;
  claims: Record<string, number>;
  framing_voice: { own: number; quoted: number };
  claim_sources: { claims: number; unnamed: number; unnamed_share: number | null };
  words: number; own_voice: { technique: string; items: number; per_1000_words: number | null }[];
}

export async function outletsView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const outlets = await get<Outlet[]>("outlets");
  const chosen = new Set(params.getAll("compare"));
  const boxes = outlets.map((item) => h("input", { type: "checkbox", name: "compare", value: item.outlet, "aria-label": `compare ${item.outlet}`, checked: chosen.has(item.outlet) }) as HTMLInputElement);
  const compare = h("button", { type: "button", class: "compare-button" }, "Compare the ticked outlets");
  compare.addEventListener("click", () => {
    const picked = boxes.filter((box) => box.checked).map((box) => ["compare", box.value]);
    location.hash = `#/outlets?${new URLSearchParams(picked).toString()}`;
  });
  append(root, [
    h("h2", {}, `Outlets (${outlets.length})`),
    h("p", { class: "export-bar muted" }, "Export: ", h("a", { href: "/api/outlets", download: "outlets.json", class: "export" }, "JSON")),
    h("p", { class: "muted" }, "Framing counted in each outlet\u2019s own voice: loaded words inside quotation marks or attributed to a source are left out."),
    outlets.length
      ? [table(["", "Outlet", "Documents", "Words", "Own-voice framing", "per 1,000 words", "All framing (incl. quoted)"], outlets.map((item, index) => [
          boxes[index], link(`#/outlet/${encodeURIComponent(item.outlet)}`, item.outlet), String(item.documents), item.words.toLocaleString("en"),
          String(item.own_framing), item.own_per_1000_words === null ? "–" : item.own_per_1000_words.toFixed(2), String(item.framing),
        ]), "outlets"), compare]
      : empty("No outlet is known."),
  ]);
  if (chosen.size) root.append(await comparison([...chosen]));
}

async function comparison(names: string[]): Promise<HTMLElement> {
  const compared = await get<Comparison>(`outlets/compare?${new URLSearchParams(names.map((name) => ["outlet", name])).toString()}`);
  const outlets = compared.outlets.map((item) => item.outlet);
  const rate = (value: number | null | undefined) => h("span", { class: "rate" }, value === null || value === undefined ? "–" : value.toFixed(2));
  const params = new URLSearchParams(names.map((name) => ["outlet", name])).toString();
  return h("div", { class: "comparison" },
    h("h2", {}, `Comparing ${outlets.join(", ")}`),
    h("p", { class: "export-bar muted" }, "Export: ", h("a", { href: `/api/outlets/compare?${params}`, download: "comparison.json", class: "export" }, "JSON")),
    section("Techniques × outlets (own voice, per 1,000 words)",
      Object.keys(compared.techniques).length
        ? table(["Technique", ...outlets], Object.entries(compared.techniques).map(([technique, rates]) => [technique, ...outlets.map((outlet) => rate(rates[outlet]))]), "compare techniques")
        : empty("No framing in these outlets\u2019 own voice.")),
    section("Targets × outlets (own-voice framing items)",
      compared.targets.length
        ? table(["Target", ...outlets], compared.targets.map((target) => [link(`#/actor/${target.id}`, target.name), ...outlets.map((outlet) => String(target.items[outlet] ?? 0))]), "compare targets")
        : empty("No framed actor.")),
    section("Sources",
      table(["", ...outlets], [
        ["Claims", ...compared.outlets.map((item) => String(item.claims))],
        ["Share from unnamed sources", ...compared.outlets.map((item) => item.unnamed_share === null ? "–" : `${Math.round(100 * item.unnamed_share)}%`)],
        ["Words", ...compared.outlets.map((item) => item.words.toLocaleString("en"))],
      ], "compare sources")),
    compared.unknown.length ? h("p", { class: "muted" }, `Not known: ${compared.unknown.join(", ")}`) : null,
  );
}

export async function outletView(root: HTMLElement, name: string): Promise<void> {
  const profile = await get<Profile>(`outlets/${encodeURIComponent(name)}`);
  const highest = Math.max(1, ...profile.techniques.map((item) => item.items));
  root.append(
    h("h2", {}, profile.outlet, h("span", { class: "muted" }, ` ${profile.documents} documents`)),
    h("p", {}, link(`#/events?outlet=${encodeURIComponent(profile.outlet)}`, "events it reports"), " · ", link(`#/map?outlet=${encodeURIComponent(profile.outlet)}`, "on the map")),
    h("div", { class: "two-columns" },
      section("In its own voice (per 1,000 words)",
        profile.own_voice.length
          ? table(["Technique", "Items", "per 1,000 words"], profile.own_voice.map((item) => [item.technique, String(item.items), item.per_1000_words === null ? "–" : item.per_1000_words.toFixed(2)]), "own-voice")
          : empty("No framing in its own voice.")),
      section("Framing profile (all voices)",
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
