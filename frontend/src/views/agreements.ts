import { PageOf, get } from "../api";
import { empty, h, link, section, table } from "../dom";

interface Agreement { id: number; kind: string; date: string | null; place: string | null; parties: string[]; signatories: string[]; implementers: string[]; doc_id: string; title: string | null; outlet: string | null }
type AgreementDetail = Agreement & {
  actors: { role: string; id: number; name: string }[];
  provisions: { n: number; type: string; obligors: string[]; text: string; start: number; end: number }[];
};

export async function agreementsView(root: HTMLElement): Promise<void> {
  const page = await get<PageOf<Agreement>>("agreements", { limit: 200 });
  root.append(
    h("h2", {}, `Agreements (${page.total})`),
    page.items.length
      ? table(["Agreement", "Parties", "Date", "Place", "Source"], page.items.map((item) => [
          link(`#/agreement/${item.id}`, item.kind), item.parties.join(", "), item.date ?? "", item.place ?? "",
          link(`#/doc/${encodeURIComponent(item.doc_id)}`, item.outlet ?? item.doc_id),
        ]))
      : empty("No agreements found in the documents."),
  );
}

export async function agreementView(root: HTMLElement, id: string): Promise<void> {
  const agreement = await get<AgreementDetail>(`agreements/${id}`);
  const byRole = (role: string) => agreement.actors.filter((actor) => actor.role === role).flatMap((actor, index) => [index ? ", " : "", link(`#/actor/${actor.id}`, actor.name)]);
  root.append(
    h("div", { class: "doc-header" },
      h("h2", {}, `${agreement.kind[0].toUpperCase()}${agreement.kind.slice(1)}`, h("span", { class: "muted" }, ` ${agreement.date ?? ""} ${agreement.place ? `· ${agreement.place}` : ""}`)),
      h("p", {}, "Parties: ", ...byRole("party")),
      h("p", {}, "Signed by: ", ...byRole("signatory")),
      h("p", {}, "Implemented by: ", ...byRole("implementer")),
      h("p", { class: "muted" }, "Source: ", link(`#/doc/${encodeURIComponent(agreement.doc_id)}`, agreement.title || agreement.doc_id))),
    section("Provisions",
      table(["#", "Type", "Obligations on", "Text"], agreement.provisions.map((provision) => [
        String(provision.n), h("span", { class: "provision-type" }, provision.type.replace(/_/g, " ")), provision.obligors.join(", "),
        link(`#/doc/${encodeURIComponent(agreement.doc_id)}?at=${provision.start}`, provision.text),
      ]), "provisions")),
  );
}
