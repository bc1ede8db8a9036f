import { PageOf, get } from "../api";
import { append, empty, h, link, section, table } from "../dom";
import { offsetPager, offsetParam } from "./common";

// An agreement as one document reports it.
interface Agreement {
  id: number; kind: string; date: string | null; place: string | null; status: string | null;
  parties: string[]; signatories: string[]; implementers: string[]; mediators: string[]; guarantors: string[]; monitors: string[];
  excluded: string[]; places: string[]; sidedness: string | null; written: boolean | null;
  start_date: string | null; end_date: string | null; end_reason: string | null; duration: string | null;
  identity_id: number | null; doc_id: string; title: string | null; outlet: string | null; document_date: string | null;
}
interface Provision { n: number; type: string; obligors: string[]; text: string; start: number; end: number; doc_id?: string }
interface StatusReport {
  status: string; date: string | null; actors: string[]; events: number[]; evidence: string; start: number; end: number;
  doc_id: string; outlet: string | null; document_date: string | null; agreement_id: number;
}
// An agreement across documents.
interface Identity {
  id: number; name: string; kind: string; status: string | null; status_date: string | null; agreed_date: string | null;
  date_start: string | null; date_end: string | null; report_count: number; source_count: number;
}
type RoleActor = { role: string; id: number; name: string; reports?: number };
type AgreementDetail = Agreement & {
  actors: RoleActor[]; provisions: Provision[]; statuses: StatusReport[]; identity: Identity | null; timeline: StatusReport[];
};
type IdentityDetail = Identity & { timeline: StatusReport[]; actors: RoleActor[]; reports: Agreement[]; provisions: Provision[] };

const ROLES: [string, string][] = [
  ["party", "Parties"], ["mediator", "Mediated by"], ["guarantor", "Guaranteed by"], ["monitor", "Monitored by"],
  ["signatory", "Signed by"], ["representative", "Represented by"], ["implementer", "Implemented by"], ["excluded", "Not covering"],
  ["proposer", "Proposed by"],
];

const words = (text: string) => text.replace(/_/g, " ");
const capital = (text: string) => (text ? text[0].toUpperCase() + text.slice(1) : text);
const statusBadge = (status: string | null) => (status ? h("span", { class: `status agreement-status status-${status}` }, words(status)) : "");
const docLink = (docId: string, text: string, at?: number) =>
  link(`#/doc/${encodeURIComponent(docId)}${at === undefined ? "" : `?at=${at}`}`, text);

function roleLines(actors: RoleActor[]): HTMLElement[] {
  return ROLES.flatMap(([role, label]) => {
    const members = actors.filter((actor) => actor.role === role);
    if (!members.length) return [];
    return [h("p", {}, `${label}: `, ...members.flatMap((actor, index) => [index ? ", " : "", link(`#/actor/${actor.id}`, actor.name)]))];
  });
}

function timelineTable(reports: StatusReport[]): HTMLElement {
  if (!reports.length) return empty("No report says at which stage it is.");
  return h("ol", { class: "agreement-timeline" }, reports.map((report) =>
    h("li", { class: `stage stage-${report.status}` },
      h("span", { class: "when" }, report.date ?? "undated"), " ", statusBadge(report.status), " ",
      report.actors.length ? h("span", { class: "muted" }, `by ${report.actors.join(", ")} `) : "",
      h("q", {}, report.evidence), " ",
      h("span", { class: "muted" }, "— ", docLink(report.doc_id, report.outlet ?? report.doc_id, report.start),
        report.document_date ? `, ${report.document_date}` : ""),
      report.events.length ? h("span", { class: "muted" }, ` (${report.events.length} violating event(s))`) : "")));
}

function provisionsTable(provisions: Provision[], docId?: string): HTMLElement {
  if (!provisions.length) return empty("No provision is stated.");
  return table(["#", "Type", "Obligations on", "Text"], provisions.map((provision) => [
    String(provision.n), h("span", { class: "provision-type" }, words(provision.type)), provision.obligors.join(", "),
    docLink(provision.doc_id ?? docId ?? "", provision.text, provision.start),
  ]), "provisions");
}

function facts(item: Agreement | Identity, extra: string[] = []): HTMLElement {
  const parts = [
    "start_date" in item && item.start_date ? `in force from ${item.start_date}` : "",
    "end_date" in item && item.end_date ? `ended ${item.end_date}${item.end_reason ? ` (${item.end_reason})` : ""}` : "",
    "duration" in item && item.duration ? `duration ${item.duration}` : "",
    "sidedness" in item && item.sidedness ? item.sidedness : "",
    "written" in item && item.written !== null ? (item.written ? "written" : "verbal") : "",
    ...extra,
  ].filter(Boolean);
  return h("p", { class: "muted" }, parts.join(" · "));
}

const AGREEMENTS_PAGE = 100;

export async function agreementsView(root: HTMLElement, _arg: string, params: URLSearchParams): Promise<void> {
  const offset = offsetParam(params);
  const page = await get<PageOf<Identity>>("agreement-identities", { limit: AGREEMENTS_PAGE, offset });
  root.append(
    h("h2", {}, `Agreements (${page.total})`),
    h("p", { class: "muted" }, "Reports of one agreement by several outlets on several dates are one agreement here."),
    page.items.length
      ? table(["Agreement", "Status", "First reported", "Last reported", "Reports", "Sources"], page.items.map((item) => [
          link(`#/agreement-identity/${item.id}`, capital(item.name)), statusBadge(item.status),
          item.date_start ?? "", item.date_end ?? "", String(item.report_count), String(item.source_count),
        ]), "agreements")
      : empty("No agreements found in the documents."),
    offsetPager((start) => `#/agreements?offset=${start}`, offset, AGREEMENTS_PAGE, page.total) ?? "",
  );
}

export async function agreementIdentityView(root: HTMLElement, id: string): Promise<void> {
  const item = await get<IdentityDetail>(`agreement-identities/${id}`);
  append(root, [
    h("div", { class: "doc-header" },
      h("h2", {}, capital(item.name), " ", statusBadge(item.status)),
      h("p", { class: "muted" }, `${item.report_count} report(s) from ${item.source_count} source(s), ${item.date_start ?? "?"} – ${item.date_end ?? "?"}`,
        item.agreed_date ? ` · first dated ${item.agreed_date}` : ""),
      ...roleLines(item.actors)),
    section("Timeline", timelineTable(item.timeline)),
    section("Reports", table(["Document", "Outlet", "Date", "Kind", "Status"], item.reports.map((report) => [
      link(`#/agreement/${report.id}`, report.title || report.doc_id), report.outlet ?? "", report.document_date ?? "",
      words(report.kind), statusBadge(report.status),
    ]), "reports")),
    section("Provisions", provisionsTable(item.provisions)),
  ]);
}

export async function agreementView(root: HTMLElement, id: string): Promise<void> {
  const agreement = await get<AgreementDetail>(`agreements/${id}`);
  const places = agreement.places.length ? `covering ${agreement.places.join(", ")}` : "";
  append(root, [
    h("div", { class: "doc-header" },
      h("h2", {}, capital(words(agreement.kind)), " ", statusBadge(agreement.status),
        h("span", { class: "muted" }, ` ${agreement.date ?? ""} ${agreement.place ? `· ${agreement.place}` : ""}`)),
      ...roleLines(agreement.actors),
      facts(agreement, [places]),
      h("p", { class: "muted" }, "Source: ", docLink(agreement.doc_id, agreement.title || agreement.doc_id)),
      agreement.identity
        ? h("p", {}, "Across documents: ", link(`#/agreement-identity/${agreement.identity.id}`, capital(agreement.identity.name)),
          ` (${agreement.identity.report_count} report(s))`)
        : null),
    section("Provisions", provisionsTable(agreement.provisions, agreement.doc_id)),
    section("Timeline", timelineTable(agreement.identity ? agreement.timeline : agreement.statuses)),
  ]);
}
