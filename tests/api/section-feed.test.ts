/**
 * GET /api/sections/{id}/calendar.ics: the course calendar as served, with its caching headers,
 * 304 on a matching If-None-Match, download vs inline, 404 in plain text, and a body that ical.js
 * parses and the project's importer reads back to exactly the section's sessions.
 *
 * Section revisions go to a temporary file (FORMATFIT_REVISIONS_FILE, set before the route module
 * is imported: it reads the variable once), seeded with a known revision so that SEQUENCE,
 * DTSTAMP and Last-Modified are literal values; the repository's data/ is never written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSection, loadCatalog } from "@/lib/catalog";
import { sessionRows } from "@/lib/catalog/describe";
import { sectionFeedHash } from "@/lib/catalog/revisions";
import { sectionDeadlines, sectionSessions } from "@/lib/catalog/sessions";
import { iso, readBack } from "./helpers";

type Get = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const catalog = loadCatalog({ env: {} });
const SEEDED_SINCE = Date.parse("2027-01-04T12:00:00Z");
const DAY = 86_400_000;

let dir: string;
let revisionsFile: string;
let GET: Get;
const saved: Record<string, string | undefined> = {};

function found(id: string) {
  const f = findSection(catalog, id);
  if (!f) throw new Error(`test bug: no section ${id}`);
  return f;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "formatfit-feed-"));
  revisionsFile = join(dir, "section-revisions.json");
  const s1 = found("PM-101-S1");
  writeFileSync(
    revisionsFile,
    JSON.stringify({
      // The current revision of S1: served as is.
      "PM-101-S1": { sequence: 3, since: SEEDED_SINCE, hash: sectionFeedHash(s1.section, s1.course, catalog.institution) },
      // H1 changed since its stored revision (the hash differs): the next revision is 6.
      "PM-101-H1": { sequence: 5, since: SEEDED_SINCE, hash: "stale" },
    }),
  );
  for (const k of ["FORMATFIT_REVISIONS_FILE", "FORMATFIT_UID_DOMAIN", "FORMATFIT_CATALOG"]) saved[k] = process.env[k];
  process.env.FORMATFIT_REVISIONS_FILE = revisionsFile;
  delete process.env.FORMATFIT_UID_DOMAIN;
  delete process.env.FORMATFIT_CATALOG;
  ({ GET } = (await import("@/app/api/sections/[id]/calendar.ics/route")) as { GET: Get });
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(dir, { recursive: true, force: true });
});

function get(id: string, query = "", headers: Record<string, string> = {}): Promise<Response> {
  return GET(new Request(`http://formatfit.test/api/sections/${encodeURIComponent(id)}/calendar.ics${query}`, { headers }), { params: Promise.resolve({ id }) });
}

/** Unfolded content lines (RFC 5545 §3.1). */
function lines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, "").split("\r\n");
}

describe("GET /api/sections/PM-101-S1/calendar.ics", () => {
  let response: Response;
  let body: string;
  beforeAll(async () => {
    response = await get("PM-101-S1");
    body = await response.text();
  });

  it("answers 200 text/calendar, cacheable for an hour, inline, named after the section", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="PM-101-S1.ics"');
  });

  it("has a strong ETag and Last-Modified at the section's revision time", () => {
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(response.headers.get("last-modified")).toBe("Mon, 04 Jan 2027 12:00:00 GMT");
  });

  it("carries the stored revision as SEQUENCE and its time as DTSTAMP", () => {
    const ls = lines(body);
    const events = ls.filter((l) => l === "BEGIN:VEVENT").length;
    expect(events).toBeGreaterThan(0);
    expect(ls.filter((l) => l === "SEQUENCE:3")).toHaveLength(events);
    expect(ls.filter((l) => l === "DTSTAMP:20270104T120000Z")).toHaveLength(events);
  });

  it("keeps the same ETag and body on the next request", async () => {
    const again = await get("PM-101-S1");
    expect(again.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(again.headers.get("last-modified")).toBe(response.headers.get("last-modified"));
    expect(await again.text()).toBe(body);
  });

  it("parses with ical.js: a VCALENDAR with the section's VTIMEZONE", () => {
    const root = new ICAL.Component(ICAL.parse(body));
    expect(root.name).toBe("vcalendar");
    expect(root.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid"))).toEqual(["America/New_York"]);
    const events = root.getAllSubcomponents("vevent");
    // One series for the meeting pattern, one event for the workshop, one series for the deadline.
    expect(events.map((e) => String(e.getFirstPropertyValue("uid"))).sort()).toEqual([
      "deadline-0.PM-101-S1@formatfit.invalid",
      "extra-0.PM-101-S1@formatfit.invalid",
      "meeting-0.PM-101-S1@formatfit.invalid",
    ]);
    const deadline = events.find((e) => String(e.getFirstPropertyValue("uid")).startsWith("deadline-"));
    expect(deadline?.getAllSubcomponents("valarm")).toHaveLength(1);
  });

  it("ical.js expands the meeting series to the section's 28 Tuesday/Thursday sessions", () => {
    const root = new ICAL.Component(ICAL.parse(body));
    for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
    const meeting = root.getAllSubcomponents("vevent").find((e) => String(e.getFirstPropertyValue("uid")).startsWith("meeting-"));
    if (!meeting) throw new Error("no meeting series");
    const event = new ICAL.Event(meeting);
    const it = event.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 200; next = it.next()) starts.push(iso(event.getOccurrenceDetails(next).startDate.toUnixTime() * 1000));
    const expected = sectionSessions(found("PM-101-S1").section).filter((s) => s.kind === "meeting").map((s) => iso(s.start));
    expect(starts).toHaveLength(28);
    expect(starts).toEqual(expected);
  });

  it("reads back through the project's importer to exactly the section's 29 sessions and 15 deadlines", () => {
    const { section } = found("PM-101-S1");
    const window = { from: Date.parse(`${section.startDate}T00:00:00Z`) - 7 * DAY, to: Date.parse(`${section.endDate}T00:00:00Z`) + 7 * DAY };
    const { occurrences, issues } = readBack(body, window);
    expect(issues).toEqual([]);
    const sessions = occurrences.filter((o) => !o.uid.startsWith("deadline-"));
    const deadlines = occurrences.filter((o) => o.uid.startsWith("deadline-"));
    const rows = sessionRows(section, "America/New_York");
    expect(rows).toHaveLength(29);
    expect(sessions.map((o) => [iso(o.start), iso(o.end)])).toEqual(rows.map((r) => [iso(r.start), iso(r.end)]));
    // Spot checks by hand: the first session, the workshop, and the first one after the DST change.
    expect(sessions.map((o) => iso(o.start))).toEqual(expect.arrayContaining(["2027-01-12T23:30:00Z", "2027-02-06T15:00:00Z", "2027-03-23T22:30:00Z"]));
    expect(sessions.map((o) => iso(o.start))).not.toContain("2027-03-16T22:30:00Z"); // a skip date
    expect(deadlines.map((o) => iso(o.start))).toEqual(sectionDeadlines(section).map((d) => iso(d.at)));
    expect(deadlines).toHaveLength(15);
    // Sessions make the learner busy; deadlines do not.
    expect(sessions.every((o) => !o.transparent)).toBe(true);
    expect(deadlines.every((o) => o.transparent)).toBe(true);
  });
});

describe("conditional requests", () => {
  let etag: string;
  beforeAll(async () => {
    etag = (await get("PM-101-S1")).headers.get("etag") ?? "";
    expect(etag).not.toBe("");
  });

  it("If-None-Match with the ETag answers 304 with no body, and the same ETag", async () => {
    const r = await get("PM-101-S1", "", { "if-none-match": etag });
    expect(r.status).toBe(304);
    expect(r.body).toBeNull();
    expect(await r.text()).toBe("");
    expect(r.headers.get("etag")).toBe(etag);
    expect(r.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("matches the ETag inside a list and in its weak form", async () => {
    expect((await get("PM-101-S1", "", { "if-none-match": `"other", ${etag}` })).status).toBe(304);
    expect((await get("PM-101-S1", "", { "if-none-match": `W/${etag}` })).status).toBe(304);
    expect((await get("PM-101-S1", "", { "if-none-match": "*" })).status).toBe(304);
  });

  it("answers 200 with the body for another ETag", async () => {
    const r = await get("PM-101-S1", "", { "if-none-match": '"not-this-one"' });
    expect(r.status).toBe(200);
    expect(await r.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it("another section's ETag does not match", async () => {
    const other = (await get("PM-101-A1")).headers.get("etag");
    expect(other).not.toBe(etag);
    expect((await get("PM-101-S1", "", { "if-none-match": other ?? "" })).status).toBe(200);
  });
});

describe("?download=1", () => {
  it("is an attachment with a .ics filename and the same content as the subscription", async () => {
    const inline = await get("PM-101-S1");
    const download = await get("PM-101-S1", "?download=1");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="PM-101-S1.ics"');
    expect(download.headers.get("etag")).toBe(inline.headers.get("etag"));
    expect(await download.text()).toBe(await inline.text());
  });

  it("any other value stays inline", async () => {
    expect((await get("PM-101-S1", "?download=0")).headers.get("content-disposition")).toBe('inline; filename="PM-101-S1.ics"');
  });
});

describe("unknown sections", () => {
  it.each(["PM-999-S1", "pm-101-s1", "../../etc/passwd", "x".repeat(65)])("%s: 404 in plain text naming the id", async (id) => {
    const r = await get(id);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("etag")).toBeNull();
    const text = await r.text();
    expect(text).toContain(`There is no section "${id.slice(0, 64)}" in this catalog`);
    expect(text).toMatch(/\/api\/sections\/<id>\/calendar\.ics/);
  });
});

describe("section revisions in FORMATFIT_REVISIONS_FILE", () => {
  const stored = () => JSON.parse(readFileSync(revisionsFile, "utf8")) as Record<string, { sequence: number; since: number; hash: string }>;

  it("a section seen for the first time starts at revision 0 and is recorded in the temporary file", async () => {
    const r = await get("PM-101-A1");
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(lines(text)).toContain("SEQUENCE:0");
    const a1 = stored()["PM-101-A1"];
    expect(a1?.sequence).toBe(0);
    expect(r.headers.get("last-modified")).toBe(new Date(a1?.since ?? NaN).toUTCString());
  });

  it("a section whose content changed since its stored revision is served at the next revision", async () => {
    const r = await get("PM-101-H1");
    const text = await r.text();
    expect(lines(text)).toContain("SEQUENCE:6");
    expect(lines(text)).not.toContain("SEQUENCE:5");
    const h1 = stored()["PM-101-H1"];
    expect(h1?.sequence).toBe(6);
    expect(h1?.hash).not.toBe("stale");
    expect(r.headers.get("last-modified")).toBe(new Date(h1?.since ?? NaN).toUTCString());
    // The hybrid section meets on Chicago time: 8 sessions, every other Wednesday.
    const { section } = found("PM-101-H1");
    const window = { from: Date.parse(`${section.startDate}T00:00:00Z`) - 7 * DAY, to: Date.parse(`${section.endDate}T00:00:00Z`) + 7 * DAY };
    const sessions = readBack(text, window).occurrences.filter((o) => o.uid.startsWith("meeting-"));
    expect(sessions.map((o) => iso(o.start))).toEqual(sectionSessions(section).map((s) => iso(s.start)));
    expect(sessions).toHaveLength(8);
    expect(iso(sessions[0]?.start ?? NaN)).toBe("2027-01-14T01:00:00Z"); // Wed 13 Jan 19:00 CST
  });

  it("the seeded, unchanged section keeps its revision", () => {
    expect(stored()["PM-101-S1"]).toMatchObject({ sequence: 3, since: SEEDED_SINCE });
  });
});
