/**
 * The one table from the domain's error classes to the app's AppError (lib/check/app-error.ts):
 * each class and code lands on the code, status and `where` intended; the domain message and the
 * cause are kept; what is not the learner's to fix is INTERNAL with a message that names nothing
 * about the server. A guard lists every exported error class in lib/ so a new one gets a row here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/check/app-error";
import { CatalogError, type CatalogErrorCode } from "@/lib/catalog/load";
import { SealError } from "@/lib/connections/seal";
import { StoreError } from "@/lib/db";
import { AppError, type AppErrorCode } from "@/lib/errors";
import { UnknownSectionError } from "@/lib/fit/check";
import { RuleError } from "@/lib/ics/rule/text";
import { ValueError } from "@/lib/ics/values";
import { ProviderError, type ProviderErrorCode } from "@/lib/providers/http";
import { UrlFetchError, type UrlRefusalCode } from "@/lib/sources/url";
import { InstantParseError } from "@/lib/time/parse";

const INTERNAL_MESSAGE = "Something went wrong on our side while checking; please try again. Your calendar was not stored.";

function parts(e: AppError) {
  return { code: e.code, status: e.status, where: e.where, detail: e.detail };
}

const url = (code: UrlRefusalCode) => new UrlFetchError(code, `calendar.example.edu said ${code}.`, "https://calendar.example.edu/term.ics");
const provider = (code: ProviderErrorCode) => new ProviderError(code, `Google Calendar said ${code}.`, 418);

/** Thrown → code, status, where and detail; the message and the cause are the thrown error's. */
const ROWS: [string, Error, AppErrorCode, number, string, Record<string, string | number>?][] = [
  // UrlFetchError: the learner's to fix (422) or the far server's failure (502)
  ["URL_INVALID", url("URL_INVALID"), "CALENDAR_URL_REFUSED", 422, "url", { reason: "URL_INVALID" }],
  ["URL_SCHEME", url("URL_SCHEME"), "CALENDAR_URL_REFUSED", 422, "url", { reason: "URL_SCHEME" }],
  ["URL_CREDENTIALS", url("URL_CREDENTIALS"), "CALENDAR_URL_REFUSED", 422, "url", { reason: "URL_CREDENTIALS" }],
  ["URL_DNS", url("URL_DNS"), "CALENDAR_URL_REFUSED", 422, "url", { reason: "URL_DNS" }],
  ["URL_PRIVATE_ADDRESS", url("URL_PRIVATE_ADDRESS"), "CALENDAR_URL_REFUSED", 422, "url", { reason: "URL_PRIVATE_ADDRESS" }],
  ["URL_REDIRECTS", url("URL_REDIRECTS"), "CALENDAR_URL_FAILED", 502, "url", { reason: "URL_REDIRECTS" }],
  ["URL_HTTP_STATUS", url("URL_HTTP_STATUS"), "CALENDAR_URL_FAILED", 502, "url", { reason: "URL_HTTP_STATUS" }],
  ["URL_TIMEOUT", url("URL_TIMEOUT"), "CALENDAR_URL_FAILED", 502, "url", { reason: "URL_TIMEOUT" }],
  ["URL_NETWORK", url("URL_NETWORK"), "CALENDAR_URL_FAILED", 502, "url", { reason: "URL_NETWORK" }],
  ["URL_TOO_LARGE (no limit known)", url("URL_TOO_LARGE"), "FILE_TOO_LARGE", 413, "url"],
  // ProviderError: reconnect, scope, busy (retry later) or failed
  ["RECONNECT", provider("RECONNECT"), "CALENDAR_RECONNECT", 409, "connection", { reason: "RECONNECT" }],
  ["INSUFFICIENT_SCOPE", provider("INSUFFICIENT_SCOPE"), "CALENDAR_SCOPE", 403, "connection", { reason: "INSUFFICIENT_SCOPE" }],
  ["RATE_LIMITED", provider("RATE_LIMITED"), "CALENDAR_PROVIDER_BUSY", 503, "connection", { reason: "RATE_LIMITED" }],
  ["UNAVAILABLE", provider("UNAVAILABLE"), "CALENDAR_PROVIDER_BUSY", 503, "connection", { reason: "UNAVAILABLE" }],
  ["CALENDAR_GONE", provider("CALENDAR_GONE"), "CALENDAR_PROVIDER_FAILED", 502, "connection", { reason: "CALENDAR_GONE" }],
  ["BAD_RESPONSE", provider("BAD_RESPONSE"), "CALENDAR_PROVIDER_FAILED", 502, "connection", { reason: "BAD_RESPONSE" }],
  // SealError: tokens this server can no longer open
  ["SealError", new SealError("This connection's tokens cannot be opened. Connect the calendar again."), "CALENDAR_RECONNECT", 409, "connection"],
];

describe("URL, provider and sealed-token errors", () => {
  it.each(ROWS)("%s → %s (%i), where %s", (_name, thrown, code, status, where, detail) => {
    const e = toAppError(thrown);
    expect(parts(e)).toEqual({ code, status, where, detail });
    expect([e.message, e.cause]).toEqual([thrown.message, thrown]);
  });

  it("URL_TOO_LARGE carries the caller's limit as detail.limitBytes", () => {
    expect(toAppError(url("URL_TOO_LARGE"), { limitBytes: 10_485_760 }).detail).toEqual({ limitBytes: 10_485_760 });
  });
});

describe("the other domain errors", () => {
  it("UnknownSectionError → UNKNOWN_SECTION (400), where sections, detail.sectionId, saying what to do", () => {
    const e = toAppError(new UnknownSectionError("PM-999-S1"));
    expect(parts(e)).toEqual({ code: "UNKNOWN_SECTION", status: 400, where: "sections", detail: { sectionId: "PM-999-S1" } });
    expect(e.message).toBe('There is no section "PM-999-S1" in the catalog. Pick sections from the catalog list.');
  });

  it.each<CatalogErrorCode>(["CATALOG_NOT_FOUND", "CATALOG_NOT_JSON", "CATALOG_INVALID"])("CatalogError %s → INTERNAL (500): the school's administrators fix it, the path stays private", (code) => {
    const cause = new CatalogError(code, "/srv/formatfit/catalog.json: line 3: not JSON.", { source: "/srv/formatfit/catalog.json" });
    const e = toAppError(cause);
    expect(parts(e)).toEqual({ code: "INTERNAL", status: 500, where: undefined, detail: undefined });
    expect(e.message).toBe("The course catalog on this server is broken; the school's administrators have to fix it.");
    expect(e.cause).toBe(cause);
  });

  it("StoreError → INTERNAL (500) without the database's address", () => {
    const cause = new StoreError("Cannot connect to PostgreSQL at postgres://app:***@db.internal:5432/formatfit: ECONNREFUSED");
    const e = toAppError(cause);
    expect(parts(e)).toEqual({ code: "INTERNAL", status: 500, where: undefined, detail: undefined });
    expect(e.message).toBe(INTERNAL_MESSAGE);
    expect(JSON.stringify(e.toJSON())).not.toContain("db.internal");
  });

  it.each([
    ["ValueError", new ValueError("Line 12: DTSTART 2027-02-30 is not a date.")],
    ["RuleError", new RuleError("FREQ is missing.")],
    ["InstantParseError", new InstantParseError("not an instant")],
    ["TypeError (a bug)", new TypeError("Cannot read properties of undefined (reading 'start')")],
  ])("%s, which the importer reports as an issue and never throws this far, → INTERNAL (500) naming nothing", (_name, cause) => {
    const e = toAppError(cause);
    expect([e.code, e.status, e.message, e.cause]).toEqual(["INTERNAL", 500, INTERNAL_MESSAGE, cause]);
  });

  it("a thrown non-Error → INTERNAL (500)", () => {
    expect([toAppError("boom").code, toAppError({ code: "FILE_TOO_LARGE" }).code, toAppError(undefined).code]).toEqual(["INTERNAL", "INTERNAL", "INTERNAL"]);
  });

  it("an AppError passes through as the same object", () => {
    const e = new AppError("NO_CALENDAR", "Add at least one calendar.");
    expect(toAppError(e, { limitBytes: 1 })).toBe(e);
  });
});

describe("every exported error class in lib/ has a row above", () => {
  /** Classes whose mapping the tests above state, and those that never reach the web (the CLI's). */
  const COVERED = ["AppError", "UrlFetchError", "ProviderError", "SealError", "UnknownSectionError", "CatalogError", "StoreError", "ValueError", "RuleError", "InstantParseError"];
  const CLI_ONLY = ["InputError", "UsageError"];
  /**
   * Converted where they are thrown, so they never reach the table: the check pool's own failures
   * become AppErrors naming the limit in lib/server/isolation/check.ts (isolatedAppError, tested in
   * tests/isolation); a ConfigError stops the server at start (lib/server/startup).
   */
  const CONVERTED_WHERE_THROWN = ["IsolationError", "TaskError", "ConfigError", "SkipEvent"];

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : /\.tsx?$/.test(d.name) ? [join(dir, d.name)] : []));
  }

  it("names each one (a new class needs its row in lib/check/app-error.ts and a case here)", () => {
    const lib = fileURLToPath(new URL("../../lib", import.meta.url));
    const found = new Set(sources(lib).flatMap((file) => [...readFileSync(file, "utf8").matchAll(/export class (\w+) extends Error\b/g)].map((m) => m[1] as string)));
    const known = new Set([...COVERED, ...CLI_ONLY, ...CONVERTED_WHERE_THROWN]);
    expect({ withoutRow: [...found].filter((c) => !known.has(c)).sort(), gone: [...known].filter((c) => !found.has(c)).sort() }).toEqual({ withoutRow: [], gone: [] });
  });
});
