/**
 * A report's snapshot (lib/reports/snapshot.ts) from a real check: the learner's spring 2027
 * calendar (tests/fixtures/ics/learner-spring-2027.ics) against the bundled catalog, as the web
 * check runs it. Without includeTitles nothing of the calendar's text is in it — no event title,
 * file name, calendar name or UID — while the verdicts are; with includeTitles the clash partners
 * and the file name are. Saved on each store, the stored row is as clean as the snapshot.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/catalog";
import { preferencesFrom } from "@/lib/fit";
import { reportBodyHtml, reportDocument } from "@/lib/reports/html";
import { snapshotOf, SNAPSHOT_VERSION } from "@/lib/reports/snapshot";
import { checkResponse, runCheck, type CheckResponse } from "@/lib/check/run";
import { TestClock, anonymousOwner, storeKinds, useStore } from "../helpers/stores";

const KINDS = await storeKinds();
const FILE_NAME = "learner-spring-2027.ics";
const ICS = readFileSync(fileURLToPath(new URL(`../fixtures/ics/${FILE_NAME}`, import.meta.url)));
/** Everything private in the fixture: the SUMMARY of each event, the calendar's name, the UIDs' domain, the file. */
const PRIVATE = ["Coach kids' soccer practice", "soccer", "Soccer", "Yoga", "PTA board meeting", "Client visit in Denver", "Denver", "Family time", "Work and family", "learner.test", FILE_NAME, "learner-spring"];
const CHECKED_AT = Date.parse("2027-01-04T15:00:00Z");

let response: CheckResponse;

beforeAll(() => {
  const preferences = preferencesFrom({ timeZone: "America/New_York" });
  const outcome = runCheck({ catalog: loadCatalog({ env: {} }), sources: [{ name: FILE_NAME, origin: "upload", bytes: ICS }], preferences });
  response = checkResponse(outcome, preferences, { details: true });
});

function leaks(text: string): string[] {
  const found = PRIVATE.filter((p) => text.includes(p));
  if (/\bWork\b/.test(text)) found.push("Work");
  return found;
}

describe("snapshotOf a real check", () => {
  it("the check itself holds the private text (so the tests below can fail)", () => {
    const full = JSON.stringify(response);
    for (const p of ["Coach kids' soccer practice", "Yoga", "PTA board meeting", "Client visit in Denver", "Family time", "Work and family", FILE_NAME]) expect(full).toContain(p);
  });

  it("without includeTitles, holds no event title, file name, calendar name or UID", () => {
    const json = JSON.stringify(snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT }));
    expect(leaks(json)).toEqual([]);
    expect(json.toLowerCase()).not.toContain("soccer");
    expect(json.toLowerCase()).not.toContain("yoga");
  });

  it("without includeTitles, clashes carry no `with` and sources no `name` (left out, not blanked)", () => {
    const snap = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    const conflicts = snap.sections.flatMap((s) => s.live?.conflicts ?? []);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) expect(Object.keys(c)).not.toContain("with");
    expect(snap.sources).toEqual([{ eventCount: 6 }]);
  });

  it("holds every section's verdict, as the check's JSON gives it", () => {
    const snap = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    expect(snap.sections.map((s) => [s.sectionId, s.verdict])).toEqual(response.sections.map((s) => [s.sectionId, s.verdict]));
    expect(snap.sections.length).toBeGreaterThan(10);
    expect(new Set(snap.sections.map((s) => s.verdict))).toEqual(new Set(["fits", "fits-with-tradeoffs", "does-not-fit"]));
    expect(snap.sections.find((s) => s.sectionId === "PM-101-S1")).toMatchObject({ courseId: "PM-101", format: "synchronous", verdict: "does-not-fit" });
  });

  it("records the version, when the check ran (ISO UTC) and the learner's zone", () => {
    const snap = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    expect(snap).toMatchObject({ version: SNAPSHOT_VERSION, checkedAt: "2027-01-04T15:00:00.000Z", timeZone: "America/New_York", includeTitles: false, plan: null });
    expect(snap.busy.length).toBeGreaterThan(0);
  });

  it("with includeTitles, names what each session clashes with, and the file", () => {
    const snap = snapshotOf(response, { includeTitles: true, checkedAt: CHECKED_AT });
    const s1 = snap.sections.find((s) => s.sectionId === "PM-101-S1");
    const partners = new Set(s1?.live?.conflicts.flatMap((c) => c.with ?? []));
    expect(partners).toEqual(new Set(["PTA board meeting", "Coach kids' soccer practice", "Family time", "Client visit in Denver"]));
    expect(snap.sources).toEqual([{ eventCount: 6, name: FILE_NAME }]);
    const json = JSON.stringify(snap);
    for (const p of ["soccer", "Yoga", FILE_NAME]) expect(json).toContain(p);
  });

  it("copies: changing the check afterwards does not change the snapshot", () => {
    const snap = snapshotOf(response, { includeTitles: true, checkedAt: CHECKED_AT });
    const before = JSON.stringify(snap);
    const copy = structuredClone(response);
    const frozen = snapshotOf(copy, { includeTitles: true, checkedAt: CHECKED_AT });
    (copy.details?.sections[0]?.reasons as string[] | undefined)?.push("changed");
    (copy.sections[0]?.reasons as string[] | undefined)?.push("changed");
    expect(JSON.stringify(copy)).toContain("changed");
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it("keeps the reasons in a third person's words for a shared view: the advisor reads of the learner's time, the owner of their own", () => {
    const snap = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    const own = snap.sections.flatMap((s) => s.reasons).join("\n");
    const shared = snap.sections.flatMap((s) => s.sharedReasons ?? []).join("\n");
    expect(own).toMatch(/\byour\b/i); // so the test below can fail
    expect(shared).not.toMatch(/\byou(r)?\b/i);
    expect(shared).toMatch(/the learner/);
    const report = { id: "r", title: "t", includeTitles: false, createdAt: CHECKED_AT, updatedAt: CHECKED_AT, expiresAt: CHECKED_AT, snapshot: snap };
    const reasonsOf = (html: string) => [...html.matchAll(/<ul><li>(.*?)<\/ul>/g)].map((m) => m[1]).join("\n");
    expect(reasonsOf(reportBodyHtml(report))).not.toMatch(/\byour\b/i);
    expect(reasonsOf(reportBodyHtml(report, { audience: "owner" }))).toMatch(/\byour\b/i);
  });

  it("records, per clash, the minutes at the session's start and end", () => {
    const snap = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    const conflicts = snap.sections.flatMap((s) => s.live?.conflicts ?? []);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      expect(c.lateMinutes).toBeGreaterThanOrEqual(0);
      expect(c.earlyMinutes).toBeGreaterThanOrEqual(0);
      expect(c.lateMinutes).toBeLessThanOrEqual(c.overlapMinutes);
      expect(c.earlyMinutes).toBeLessThanOrEqual(c.overlapMinutes);
    }
  });

  it("refuses a check answered without details", () => {
    const { details: _details, ...bare } = response;
    expect(() => snapshotOf(bare, { includeTitles: false, checkedAt: CHECKED_AT })).toThrow(TypeError);
  });
});

describe.each(KINDS)("a real snapshot saved on the %s store", (kind) => {
  const t = useStore(kind);

  it("the stored row and the rendered report hold no private text, and read back identical", async () => {
    const reports = t.reports(new TestClock("2027-01-04T15:00:00Z"));
    const owner = anonymousOwner();
    const snapshot = snapshotOf(response, { includeTitles: false, checkedAt: CHECKED_AT });
    const saved = await reports.save(owner, { title: "Spring 2027 options", snapshot, includeTitles: false });
    const row = await t.store.db.selectFrom("reports").selectAll().where("id", "=", saved.id).executeTakeFirstOrThrow();
    expect(leaks(JSON.stringify(row))).toEqual([]);
    const again = await reports.get(owner, saved.id);
    expect(again?.snapshot).toEqual(snapshot);
    const html = reportDocument(saved.title, reportBodyHtml(again ?? saved));
    expect(leaks(html)).toEqual([]);
    expect(html).toContain("Does not fit");
  });

  it("with includeTitles the stored snapshot keeps the titles the learner chose to share", async () => {
    const reports = t.reports(new TestClock("2027-01-04T15:00:00Z"));
    const owner = anonymousOwner();
    const snapshot = snapshotOf(response, { includeTitles: true, checkedAt: CHECKED_AT });
    const saved = await reports.save(owner, { title: "With titles", snapshot, includeTitles: true });
    const again = await reports.get(owner, saved.id);
    expect(again?.includeTitles).toBe(true);
    expect(again?.snapshot).toEqual(snapshot);
    expect(reportBodyHtml(again ?? saved)).toContain("Coach kids&#39; soccer practice");
  });
});
