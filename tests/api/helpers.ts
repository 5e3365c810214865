/**
 * Helpers for the route-handler tests: real `Request`s with real multipart bodies (FormData and
 * Blob, the way a browser or `curl -F` sends them), the error body every refusal shares, scoped
 * environment variables, and real HTTP(S) servers on 127.0.0.1 for the calendar-URL cases.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { startServer, type Handler, type TestServer } from "../sources/helpers-url";

export { closedPort, startServer, type Handler, type TestServer } from "../sources/helpers-url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const MIB = 1024 * 1024;

/** A fixture's bytes, by its path under tests/fixtures/ics/. */
export function fixture(name: string): Uint8Array<ArrayBuffer> {
  const buf = readFileSync(`${ROOT}tests/fixtures/ics/${name}`);
  const out = new Uint8Array(buf.byteLength);
  out.set(buf);
  return out;
}

export const LEARNER = "learner-spring-2027.ics";

/** An uploaded file in a form: its bytes (or text), the name the browser sends, and its type. */
export interface FilePart {
  readonly file: Uint8Array<ArrayBuffer> | string;
  readonly name: string;
  readonly type?: string;
}

export type FormFields = readonly (readonly [string, string | FilePart])[];

/** A FormData as the check page sends it; repeated names stay repeated. */
export function formData(fields: FormFields): FormData {
  const form = new FormData();
  for (const [name, value] of fields) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([value.file], { type: value.type ?? "text/calendar" }), value.name);
  }
  return form;
}

/** A `POST` with a multipart body (undici writes the boundary into Content-Type). */
export function postForm(path: string, fields: FormFields, headers: Record<string, string> = {}): Request {
  return new Request(`http://formatfit.test${path}`, { method: "POST", body: formData(fields), headers });
}

/** A calendar file part from a fixture. */
export function fixturePart(name: string, as: string = name): FilePart {
  return { file: fixture(name), name: as };
}

/** The error body of every refusal: `{ error: { code, message, where?, line?, detail? } }`. */
export interface ErrorBody {
  code: string;
  message: string;
  where?: string;
  line?: number;
  detail?: Record<string, string | number>;
}

/** Asserts a JSON error response with this status and code, and returns its `error` object. */
export async function expectError(response: Response, status: number, code: string): Promise<ErrorBody> {
  const text = await response.text();
  expect({ status: response.status, body: text.slice(0, 400) }).toMatchObject({ status });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error: ErrorBody };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.message.length).toBeGreaterThan(20);
  return body.error;
}

/** Runs `fn` with these environment variables set (undefined deletes), restoring them afterwards. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = new Map(Object.keys(vars).map((k) => [k, process.env[k]] as const));
  const apply = (entries: Iterable<readonly [string, string | undefined]>) => {
    for (const [k, v] of entries) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(Object.entries(vars));
  try {
    return await fn();
  } finally {
    apply(before);
  }
}

/** Servers started by a test file, closed by {@link closeServers} in `afterEach`. */
const open: { close(): Promise<void> }[] = [];

export async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  open.push(s);
  return s;
}

export async function closeServers(): Promise<void> {
  await Promise.all(open.splice(0).map((s) => s.close()));
}

/** A handler that answers with this body, status and content type, and counts nothing else. */
export function answer(status: number, body: string | Uint8Array, contentType = "text/calendar; charset=utf-8"): Handler {
  return (_req, res) => {
    res.writeHead(status, { "content-type": contentType, "content-length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength) });
    res.end(body);
  };
}

// A throwaway self-signed certificate for 127.0.0.1 (EC P-256, generated once with openssl for
// these tests). Nothing trusts it: the one test that speaks TLS to it (webcal:// maps to https://)
// turns certificate verification off for its own duration and restores it.
const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQKTry9w2HwXtHPWT
Nb8gaGuSoB1xCnBDNVMGTaU8iLuhRANCAATqw20mV6KWNE5/DNimYE8lqVBiYL+G
r3Z8YsyhfDcmvzCJAUOTqB6WyHxA/LJCJrk2Q7+O2X83aGflx/sPk0qJ
-----END PRIVATE KEY-----
`;
const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBxzCCAW6gAwIBAgIUA0udRXgxFYb+vdS7zEEVYbCJ7sYwCgYIKoZIzj0EAwIw
MDEuMCwGA1UEAwwlRm9ybWF0Rml0IHRlc3Qgc2VydmVyIChuZXZlciB0cnVzdGVk
KTAgFw0yNjEyMDMwNzMzMzNaGA8yMTI2MTEwOTA3MzMzM1owMDEuMCwGA1UEAwwl
Rm9ybWF0Rml0IHRlc3Qgc2VydmVyIChuZXZlciB0cnVzdGVkKTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABOrDbSZXopY0Tn8M2KZgTyWpUGJgv4avdnxizKF8Nya/
MIkBQ5OoHpbIfED8skImuTZDv47ZfzdoZ+XH+w+TSomjZDBiMB0GA1UdDgQWBBQb
rWilZCxl7/EFAa+aQFcZyLCY/zAfBgNVHSMEGDAWgBQbrWilZCxl7/EFAa+aQFcZ
yLCY/zAPBgNVHRMBAf8EBTADAQH/MA8GA1UdEQQIMAaHBH8AAAEwCgYIKoZIzj0E
AwIDRwAwRAIgEOzrMHJkxrOcWu+emG87Bk9VYHH4zcWt5gAhAs9zb3ACICPU8N+7
qRCALJNCwJGGuzmd5z84HahhBJzTsJUNjLxM
-----END CERTIFICATE-----
`;

/** An HTTPS server on 127.0.0.1 with the throwaway certificate; closed by {@link closeServers}. */
export async function serveTls(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler, { tls: { key: TEST_TLS_KEY, cert: TEST_TLS_CERT } });
  open.push(s);
  return s;
}

/** The project's importer and expander over `[from, to)`; fails the test if the import refuses. */
export function readBack(text: string, window: { from: number; to: number }, viewerZone = "UTC"): { occurrences: Occurrence[]; eventCount: number; issues: unknown[] } {
  const result = importIcs(new TextEncoder().encode(text), { sourceName: "answer.ics" });
  if (!result.ok) throw new Error(`the importer refused the answer: ${result.issues.map((i) => i.message).join("; ")}`);
  const expansion = expandEvents(result.calendar.events, window, { viewerZone });
  return { occurrences: expansion.occurrences, eventCount: result.calendar.stats.eventCount, issues: [...result.issues, ...expansion.warnings] };
}

/** `2027-01-12T23:30:00Z` */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}
