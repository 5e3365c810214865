/**
 * A calendar that only looks busy (transparent and cancelled events), and chosen sections judged
 * together. Catalog: fixtures/catalog/fit-small.json, four weeks 11 Jan – 7 Feb 2027, all US
 * Eastern standard time (UTC−5); 11 Jan 2027 is a Monday.
 *
 *   FIT-100-S1  synchronous, Tue + Thu 18:30–20:00 (23:30Z–01:00Z): 12, 14, 19, 21, 26, 28 Jan, 2, 4 Feb → 8 sessions
 *   FIT-100-A1  asynchronous, 5 h a week, 5 h due Sundays 23:59 (04:59Z Monday)
 *   FIT-100-H1  hybrid, Wed 12:00–13:00 (17:00Z–18:00Z) → 4 sessions; 4 h a week, 3 h quizzes scaled to 4 h
 *   FIT-200-S1  synchronous, Thu 19:00–20:30 (00:00Z–01:30Z next day): 14, 21, 28 Jan, 4 Feb → 4 sessions
 *
 * Default preferences: study 07:00–22:00 daily, 4 h a day (the earliest, 07:00–11:00), 30-minute
 * blocks → 28 free hours in an empty week. The hybrid's lunchtime session is after 11:00, so it
 * does not reduce that.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "@/lib/catalog";
import { checkFit, chooseSections, preferencesFrom, termWindow } from "@/lib/fit";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";
import { ics, iso } from "../helpers/ics";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const CATALOG_PATH = fileURLToPath(new URL("catalog/fit-small.json", FIXTURES));
const CATALOG = parseCatalog(readFileSync(CATALOG_PATH, "utf8"), CATALOG_PATH);
const prefs = preferencesFrom({ timeZone: "America/New_York" });

describe("a calendar whose only events are transparent or cancelled", () => {
  // fixtures/ics/fit-transparent-cancelled.ics: "Focus time" 07:00–22:00 every day (transparent:
  // it covers every study window), a transparent gym Tue/Thu 18:00–21:00 (over FIT-100-S1), a
  // cancelled Wednesday lunch 11:30–13:30 (over FIT-100-H1), a cancelled Thursday offsite and a
  // transparent all-day holiday. None of it is busy.
  const text = readFileSync(fileURLToPath(new URL("ics/fit-transparent-cancelled.ics", FIXTURES)), "utf8");
  const imported = importIcs(text);
  if (!imported.ok) throw new Error("fixture");
  const window = termWindow(chooseSections(CATALOG).map((c) => c.section));
  const occurrences = expandEvents(imported.calendar.events, window, { viewerZone: "America/New_York" }).occurrences;
  const result = checkFit({ catalog: CATALOG, occurrences, preferences: prefs });

  it("has occurrences to ignore (the transparent ones are expanded, marked)", () => {
    // 28 days of focus time + 8 gym evenings + 1 holiday; cancelled events do not appear.
    expect(occurrences.filter((o) => o.transparent)).toHaveLength(37);
    expect(occurrences).toHaveLength(37);
  });

  it("makes no busy time at all", () => {
    expect(result.busy).toEqual([]);
  });

  it("gives every section of the catalog the verdict fits, with zero conflicts", () => {
    expect(result.sections.map((s) => [s.section.id, s.verdict, s.live?.conflicts.length ?? null])).toEqual([
      ["FIT-100-S1", "fits", 0],
      ["FIT-100-A1", "fits", null],
      ["FIT-100-H1", "fits", 0],
      ["FIT-200-S1", "fits", 0],
    ]);
  });

  it("leaves 28 free hours in each of the four weeks for both sections with deadlines", () => {
    for (const id of ["FIT-100-A1", "FIT-100-H1"]) {
      const s = result.sections.find((x) => x.section.id === id);
      expect(s?.async?.weeks.map((w) => w.availableHours)).toEqual([28, 28, 28, 28]);
    }
    const required = (id: string) => result.sections.find((x) => x.section.id === id)?.async?.weeks.map((w) => w.requiredHours);
    expect(required("FIT-100-A1")).toEqual([5, 5, 5, 5]);
    expect(required("FIT-100-H1")).toEqual([4, 4, 4, 4]);
  });
});

describe("two chosen sections that clash with each other (together)", () => {
  // FIT-100-S1 Thu 18:30–20:00 and FIT-200-S1 Thu 19:00–20:30 overlap 19:00–20:00 = 60 min on each
  // of the four Thursdays: 14, 21, 28 Jan and 4 Feb. On an empty calendar each fits on its own.
  const result = checkFit({ catalog: CATALOG, sectionIds: ["FIT-100-S1", "FIT-200-S1"], occurrences: [], preferences: prefs, together: true });

  it("judges each section on its own as fitting", () => {
    expect(result.sections.map((s) => s.verdict)).toEqual(["fits", "fits"]);
  });

  it("lists exactly the four clashing session pairs, 60 minutes each", () => {
    const pair = (thu: string, fri: string) => ({
      a: `FIT-100-S1 ${thu}T23:30:00Z/${fri}T01:00:00Z`,
      b: `FIT-200-S1 ${fri}T00:00:00Z/${fri}T01:30:00Z`,
      overlapMinutes: 60,
    });
    expect(result.plan?.clashes.map((c) => ({ a: `${c.a.sectionId} ${iso(c.a.start)}/${iso(c.a.end)}`, b: `${c.b.sectionId} ${iso(c.b.start)}/${iso(c.b.end)}`, overlapMinutes: c.overlapMinutes }))).toEqual([
      pair("2027-01-14", "2027-01-15"),
      pair("2027-01-21", "2027-01-22"),
      pair("2027-01-28", "2027-01-29"),
      pair("2027-02-04", "2027-02-05"),
    ]);
  });

  it("does not fit as a plan, and says why", () => {
    expect(result.plan?.verdict).toBe("does-not-fit");
    expect(result.plan?.sectionIds).toEqual(["FIT-100-S1", "FIT-200-S1"]);
    // Plan reasons are about the sections, not to the learner: a shared report reads the same.
    expect(result.plan?.reasons).toContain("FIT-100-S1 and FIT-200-S1 meet at the same time 4 times: both cannot be attended live.");
  });

  it("has no plan without together", () => {
    expect(checkFit({ catalog: CATALOG, sectionIds: ["FIT-100-S1", "FIT-200-S1"], occurrences: [], preferences: prefs }).plan).toBeNull();
  });

  it("finds no clash between sections that meet on different days (FIT-100-S1 and FIT-100-H1)", () => {
    const r = checkFit({ catalog: CATALOG, sectionIds: ["FIT-100-S1", "FIT-100-H1"], occurrences: [], preferences: prefs, together: true });
    expect(r.plan?.clashes).toEqual([]);
    expect(r.plan?.verdict).toBe("fits");
  });
});

describe("combined weekly load (together)", () => {
  // FIT-100-A1 (5 h) and FIT-100-H1 (4 h) together need 9 h a week; the free time is 28 h a week
  // (H1's Wednesday lunchtime session is outside the 07:00–11:00 kept by the 4 h cap).
  const result = checkFit({ catalog: CATALOG, sectionIds: ["FIT-100-A1", "FIT-100-H1"], occurrences: [], preferences: prefs, together: true });

  it("adds the two sections' hours week by week", () => {
    expect(result.plan?.weeks.map((w) => ({ start: iso(w.start), required: w.requiredHours, available: w.availableHours, feasible: w.feasible }))).toEqual([
      { start: "2027-01-11T05:00:00Z", required: 9, available: 28, feasible: true },
      { start: "2027-01-18T05:00:00Z", required: 9, available: 28, feasible: true },
      { start: "2027-01-25T05:00:00Z", required: 9, available: 28, feasible: true },
      { start: "2027-02-01T05:00:00Z", required: 9, available: 28, feasible: true },
    ]);
  });

  it("meets all eight deadlines and fits", () => {
    expect(result.plan?.studyPlan.jobs.map((j) => j.met)).toEqual([true, true, true, true, true, true, true, true]);
    expect(result.plan?.verdict).toBe("fits");
    expect(result.plan?.reasons).toEqual(["Together they need about 9 hours a week of study besides live sessions; every deadline can be met, with at least 19 free hours to spare in the tightest week."]);
  });

  it("plans the first week earliest deadline first, ties in catalog order: A1's 5 h, then H1's 4 h", () => {
    // Both first deadlines are 17 Jan 23:59 EST (18 Jan 04:59Z). Free: 07:00–11:00 EST = 12:00Z–16:00Z
    // each day. A1 takes Monday and Tuesday's first hour; H1 the rest of Tuesday and Wednesday 07:00–08:00.
    const firstWeek = (result.plan?.studyPlan.blocks ?? []).filter((b) => b.dueAt === Date.parse("2027-01-18T04:59:00Z"));
    expect(firstWeek.map((b) => `${b.sectionId} ${iso(b.start)}/${iso(b.end)}`)).toEqual([
      "FIT-100-A1 2027-01-11T12:00:00Z/2027-01-11T16:00:00Z",
      "FIT-100-A1 2027-01-12T12:00:00Z/2027-01-12T13:00:00Z",
      "FIT-100-H1 2027-01-12T13:00:00Z/2027-01-12T16:00:00Z",
      "FIT-100-H1 2027-01-13T12:00:00Z/2027-01-13T13:00:00Z",
    ]);
  });
});

describe("one course's formats side by side", () => {
  // "Book club" Thursdays 19:00–20:00 (14, 21, 28 Jan, 4 Feb): 60 minutes of each FIT-100-S1 Thursday
  // session → 4 of 8 missed (50% > 25%: does not fit). The asynchronous and hybrid sections keep
  // their 28 free hours a week (07:00–11:00; the book club is in the evening) and do not meet on
  // Thursdays: both fit. Ranking (docs/fit.md): both fit with no misses and no late joins, so spare
  // study time decides: H1 needs 4 h of its 28 (24 to spare), A1 5 h (23 to spare).
  const imported = importIcs(
    ics(["UID:book-club@fit.test", "SUMMARY:Book club", "DTSTART;TZID=America/New_York:20270114T190000", "DTEND;TZID=America/New_York:20270114T200000", "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=4"]),
  );
  if (!imported.ok) throw new Error("fixture");
  const ids = ["FIT-100-S1", "FIT-100-A1", "FIT-100-H1"];
  const window = termWindow(chooseSections(CATALOG, ids).map((c) => c.section));
  const occurrences = expandEvents(imported.calendar.events, window, { viewerZone: "America/New_York" }).occurrences;
  const result = checkFit({ catalog: CATALOG, sectionIds: ids, occurrences, preferences: prefs });

  it("states each format's answer in one sentence", () => {
    expect(result.courses.map((c) => [c.course.id, c.sectionIds, c.summary])).toEqual([
      [
        "FIT-100",
        ids,
        "The synchronous section clashes with 4 of 8 sessions (the Thursdays in January and February); the asynchronous section leaves at least 28 free hours every week for its 5 hours of study; the hybrid section has no clash in its 4 sessions and leaves at least 28 free hours every week for its 4 hours of study. FIT-100-H1 fits best: of the sections that fit, it leaves the most spare study time in its tightest week (24 hours to spare, against 23 hours to spare for FIT-100-A1).",
      ],
    ]);
  });

  it("orders the sections from best fit to worst: verdict, then misses, late joins, spare study time", () => {
    expect(result.sections.map((s) => s.verdict)).toEqual(["does-not-fit", "fits", "fits"]);
    expect(result.courses[0]?.best).toEqual(["FIT-100-H1", "FIT-100-A1", "FIT-100-S1"]);
    expect(result.courses[0]?.bestReason).toBe("FIT-100-H1 fits best: of the sections that fit, it leaves the most spare study time in its tightest week (24 hours to spare, against 23 hours to spare for FIT-100-A1).");
  });
});
