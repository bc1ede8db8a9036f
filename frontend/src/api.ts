// The JSON API of sitroom (see /docs for the OpenAPI description).

export interface Ref { id: number; name: string }
export interface PlaceRef { id: number; name: string; country: string | null; lat: number | null; lon: number | null }
export interface DocumentSummary { doc_id: string; title: string | null; date: string | null; outlet: string | null; snippet: string | null }
export interface PageOf<T> { total: number; limit: number; offset: number; items: T[] }
export interface EventItem {
  id: number; type: string; mode: string | null; date_start: string | null; date_end: string | null;
  place: PlaceRef | null; sources: Ref[]; targets: Ref[]; reporters: Ref[];
  report_count: number; source_count: number; statuses: string[]; contested: boolean;
}
export interface Report { doc_id: string; title: string | null; outlet: string | null; date: string | null; status: string; evidence: string; start: number; end: number }
export interface Span { text: string; start: number; end: number }
export interface SourceHop { name: string; type: string; anonymous: boolean; actor: string | null; kind: string | null; source: Span | null; cue: Span | null }
export interface RecordJson {
  id: string; title: string | null; date: string | null; outlet: string | null;
  actors: { id: string; name: string; kind: string; mentions: Span[]; affiliations: string[]; roles: string[] }[];
  places: { id: string; name: string; country: string | null; mentions: Span[] }[];
  events: { id: string; type: string; mode: string | null; source: string[]; target: string[]; place: string | null; date: string | null; status: string; reported_by: string[]; evidence: Span }[];
  quotes: { speaker: string | null; text: string; start: number; end: number; direct: boolean; cue: string | null }[];
  claims: { text: string; start: number; end: number; source_chain: string[]; cue: string | null; hedged: boolean; chain?: SourceHop[]; anonymous?: boolean; voice?: string }[];
  agreements: { id: string; kind: string; parties: string[]; provisions: { n: number; type: string; obligors: string[]; text: string; start: number; end: number }[] }[];
  framing: { text: string; start: number; end: number; technique: string; target: string | null; voice?: string }[];
}
export interface DocumentDetail {
  doc_id: string; title: string | null; date: string | null; outlet: string | null; text: string; record: RecordJson;
  links: { actors: Record<string, number>; places: Record<string, number>; events: Record<string, number>; agreements: Record<string, number> };
}

export type Params = Record<string, string | number | undefined | null>;

export function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function get<T>(path: string, params: Params = {}): Promise<T> {
  const response = await fetch(`/api/${path}${query(params)}`, { headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(await problem(response));
  return (await response.json()) as T;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await problem(response));
  return (await response.json()) as T;
}

/** The server's own reason for a refusal ("text too long to analyse here: …"), else the status line. */
async function problem(response: Response): Promise<string> {
  const status = `${response.status} ${response.statusText}`;
  try {
    const detail = ((await response.json()) as { detail?: unknown }).detail;
    return typeof detail === "string" ? `${status}: ${detail}` : status;
  } catch {
    return status;
  }
}
