/** The report-management calls the owner's page makes, and how their errors read. */

export interface Sent {
  readonly ok: boolean;
  readonly json: unknown;
  readonly status: number;
}

/** One JSON call to the reports API; a body that is not JSON reads as null. */
export async function send(url: string, method: string, body?: unknown): Promise<Sent> {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  return { ok: res.ok, json, status: res.status };
}

/** Sends, and throws the API's own error message (or `fallback`) when the call failed. */
export async function sendOrThrow(url: string, method: string, fallback: string, body?: unknown): Promise<unknown> {
  const r = await send(url, method, body);
  if (!r.ok) throw new Error((r.json as { error?: { message?: string } } | null)?.error?.message ?? fallback);
  return r.json;
}

/** Runs one owner action: clears the last error, and shows the action's failure as the new one. */
export type Act = (fn: () => Promise<void>) => Promise<void>;
