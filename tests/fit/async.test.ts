/**
 * Asynchronous load, hand-computed: free study time, deadline hours, the EDF study plan and the
 * weekly table.
 *
 * BK-100-A1 (fixtures/catalog/fit-booked.json): America/Chicago, 11 Jan (a Monday) – 7 Feb 2027,
 * four whole weeks, all Central standard time (UTC−6). 6 hours a week; "Weekly project" (6 h)
 * due every Sunday at 23:59: 17, 24, 31 Jan and 7 Feb at 23:59 CST = 05:59Z the next day.
 * The term starts 11 Jan 00:00 CST = 06:00Z; weeks are 7-day periods from there (06:00Z Mondays).
 *
 * Default preferences in the learner's zone (Chicago too): study 07:00–22:00 every day, blocks of
 * at least 30 minutes, at most 4 hours a day (the earliest kept) → an empty day gives 07:00–11:00
 * CST = 13:00Z–17:00Z, and an empty week 7 × 4 = 28 hours.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog, type Catalog } from "@/lib/catalog";
import { sectionDeadlines } from "@/lib/catalog/sessions";
import { checkFit, chooseSections, preferencesFrom, termWindow, type SectionFit } from "@/lib/fit";
import { sectionJobs, termStartOf } from "@/lib/fit/async";
import { freeBlocks, studyWindowIntervals } from "@/lib/fit/free-time";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { ics, iso, ms } from "../helpers/ics";

const FIXTURES = new URL("../fixtures/", import.meta.url);

function catalogFile(name: string): Catalog {
  const path = fileURLToPath(new URL(`catalog/${name}`, FIXTURES));
  return parseCatalog(readFileSync(path, "utf8"), path);
}

function occurrencesOf(text: string, catalog: Catalog, sectionIds: readonly string[], viewerZone: string): Occurrence[] {
  const result = importIcs(text);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(catalog, sectionIds).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone }).occurrences;
}

const BOOKED = catalogFile("fit-booked.json");
const SMALL = catalogFile("fit-small.json");
const chicago = preferencesFrom({ timeZone: "America/Chicago" });
const newYork = preferencesFrom({ timeZone: "America/New_York" });

function one(catalog: Catalog, id: string, occurrences: readonly Occurrence[], preferences = newYork): SectionFit {
  return checkFit({ catalog, sectionIds: [id], occurrences, preferences }).sections[0] as SectionFit;
}

const weekRows = (f: SectionFit) => (f.async?.weeks ?? []).map((w) => ({ start: iso(w.start), required: w.requiredHours, available: w.availableHours, feasible: w.feasible }));

describe("a fully booked week with a deadline inside it (BK-100-A1)", () => {
  // Busy (fixtures/ics/fit-booked-week.ics): 07:00–22:00 CST every day from Mon 18 Jan to Sun 24 Jan:
  // the whole study window of each day of the second week. Nothing is free from the 17 Jan deadline
  // (23:59) to the 24 Jan one, so "Weekly project" due 24 Jan has 0 free hours for its 6 hours.
  const occurrences = occurrencesOf(readFileSync(fileURLToPath(new URL("ics/fit-booked-week.ics", FIXTURES)), "utf8"), BOOKED, ["BK-100-A1"], "America/Chicago");
  const fit = one(BOOKED, "BK-100-A1", occurrences, chicago);

  it("reports that week as 6 h needed, 0 h free, infeasible, and the other weeks as 6 of 28", () => {
    // Deadline periods (DESIGN.md): the first from the term's start, each later one from the
    // previous Sunday 23:59 deadline (05:59Z) to the next.
    expect(weekRows(fit)).toEqual([
      { start: "2027-01-11T06:00:00Z", required: 6, available: 28, feasible: true },
      { start: "2027-01-18T05:59:00Z", required: 6, available: 0, feasible: false },
      { start: "2027-01-25T05:59:00Z", required: 6, available: 28, feasible: true },
      { start: "2027-02-01T05:59:00Z", required: 6, available: 28, feasible: true },
    ]);
    expect(iso(fit.async?.weeks[3]?.end ?? 0)).toBe("2027-02-08T05:59:00Z");
  });

  it("misses exactly the 24 Jan deadline, with 0 free hours between it and the one before", () => {
    const jobs = (fit.async?.plan.jobs ?? []).map((j) => ({ due: iso(j.job.due), release: iso(j.job.release), hours: j.job.hours, available: j.availableHours, planned: j.plannedHours, met: j.met }));
    expect(jobs).toEqual([
      { due: "2027-01-18T05:59:00Z", release: "2027-01-11T06:00:00Z", hours: 6, available: 28, planned: 6, met: true },
      { due: "2027-01-25T05:59:00Z", release: "2027-01-18T05:59:00Z", hours: 6, available: 0, planned: 0, met: false },
      { due: "2027-02-01T05:59:00Z", release: "2027-01-25T05:59:00Z", hours: 6, available: 28, planned: 6, met: true },
      { due: "2027-02-08T05:59:00Z", release: "2027-02-01T05:59:00Z", hours: 6, available: 28, planned: 6, met: true },
    ]);
    expect(fit.async?.unmet).toBe(1);
  });

  it("plans the other weeks' work in the earliest free blocks: 4 h on Monday and 2 h on Tuesday", () => {
    // EDF: each project is released at the previous deadline and worked on from the first free
    // block after it: Monday 07:00–11:00 CST (13:00Z–17:00Z), then Tuesday 07:00–09:00 (13:00Z–15:00Z).
    expect((fit.async?.plan.blocks ?? []).map((b) => `${iso(b.start)}/${iso(b.end)} ${b.deadlineTitle} due ${iso(b.dueAt)}`)).toEqual([
      "2027-01-11T13:00:00Z/2027-01-11T17:00:00Z Weekly project due 2027-01-18T05:59:00Z",
      "2027-01-12T13:00:00Z/2027-01-12T15:00:00Z Weekly project due 2027-01-18T05:59:00Z",
      "2027-01-25T13:00:00Z/2027-01-25T17:00:00Z Weekly project due 2027-02-01T05:59:00Z",
      "2027-01-26T13:00:00Z/2027-01-26T15:00:00Z Weekly project due 2027-02-01T05:59:00Z",
      "2027-02-01T13:00:00Z/2027-02-01T17:00:00Z Weekly project due 2027-02-08T05:59:00Z",
      "2027-02-02T13:00:00Z/2027-02-02T15:00:00Z Weekly project due 2027-02-08T05:59:00Z",
    ]);
  });

  it("names the booked week as the one crunch week and does not fit", () => {
    expect((fit.async?.crunchWeeks ?? []).map((w) => iso(w.start))).toEqual(["2027-01-18T05:59:00Z"]);
    expect(fit.verdict).toBe("does-not-fit");
    expect(fit.reasons).toContain("1 deadline cannot be met in your free study time (first: Weekly project, due 24 Jan, needs 6 h with 0 h free before it).");
  });

  it("fits with 22 hours to spare every week on an empty calendar", () => {
    const free = one(BOOKED, "BK-100-A1", [], chicago);
    expect(weekRows(free).map((w) => [w.required, w.available, w.feasible])).toEqual([
      [6, 28, true],
      [6, 28, true],
      [6, 28, true],
      [6, 28, true],
    ]);
    expect(free.async?.weeks.map((w) => w.slackHours)).toEqual([22, 22, 22, 22]);
    expect(free.verdict).toBe("fits");
  });
});

describe("deadline hours scaled to hoursPerWeek", () => {
  // FIT-100-H1: 4 weeks, "Weekly quiz" 3 h every Sunday → 12 h over 4 weeks = 3 h a week of
  // deadlines, but hoursPerWeek is 4: each deadline carries 3 × 4/3 = 4 hours.
  it("gives each weekly quiz 4 hours, not its listed 3", () => {
    const section = chooseSections(SMALL, ["FIT-100-H1"])[0]?.section;
    if (!section) throw new Error("fixture");
    const jobs = sectionJobs(section, sectionDeadlines(section), termStartOf(section));
    expect(jobs.map((j) => Math.round(j.hours * 1000) / 1000)).toEqual([4, 4, 4, 4]);
  });

  it("keeps listed hours that already match hoursPerWeek (FIT-100-A1: 5 h due weekly, 5 h a week)", () => {
    const section = chooseSections(SMALL, ["FIT-100-A1"])[0]?.section;
    if (!section) throw new Error("fixture");
    expect(sectionJobs(section, sectionDeadlines(section), termStartOf(section)).map((j) => j.hours)).toEqual([5, 5, 5, 5]);
  });
});

describe("study windows, daily cap and minimum block change the free hours exactly (FIT-100-A1, New York)", () => {
  // FIT-100-A1: 11 Jan – 7 Feb 2027 (EST), 5 h due every Sunday 23:59; weeks start Mondays 05:00Z.
  const evenings = { days: [0, 1, 2, 3, 4], start: "19:00", end: "21:00" };

  it("a 19:00–21:00 Monday–Friday window with a 2 h cap leaves exactly 10 h a week", () => {
    const f = one(SMALL, "FIT-100-A1", [], preferencesFrom({ timeZone: "America/New_York", studyWindows: [evenings], dailyCapHours: 2 }));
    expect(weekRows(f)).toEqual([
      { start: "2027-01-11T05:00:00Z", required: 5, available: 10, feasible: true },
      { start: "2027-01-18T04:59:00Z", required: 5, available: 10, feasible: true },
      { start: "2027-01-25T04:59:00Z", required: 5, available: 10, feasible: true },
      { start: "2027-02-01T04:59:00Z", required: 5, available: 10, feasible: true },
    ]);
    expect(f.verdict).toBe("fits"); // 5 h to spare ≥ 2
  });

  it("a 1 h cap leaves exactly 5 h: every deadline still met, but every week is a crunch week", () => {
    // Monday–Friday 19:00–20:00 = 5 h before each Sunday deadline, exactly the 5 h needed: slack 0 < 2.
    const f = one(SMALL, "FIT-100-A1", [], preferencesFrom({ timeZone: "America/New_York", studyWindows: [evenings], dailyCapHours: 1 }));
    expect(weekRows(f).map((w) => [w.required, w.available, w.feasible])).toEqual([
      [5, 5, true],
      [5, 5, true],
      [5, 5, true],
      [5, 5, true],
    ]);
    expect(f.async?.unmet).toBe(0);
    expect(f.async?.crunchWeeks).toHaveLength(4);
    expect(f.verdict).toBe("fits-with-tradeoffs");
  });

  it("drops a 20-minute gap below the 30-minute minimum block, and keeps it with a 15-minute minimum", () => {
    // Busy every Monday 19:20–21:00: Monday's window leaves only 19:00–19:20.
    const text = ics([
      "UID:monday-class@fit.test",
      "SUMMARY:Evening course elsewhere",
      "DTSTART;TZID=America/New_York:20270111T192000",
      "DTEND;TZID=America/New_York:20270111T210000",
      "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=4",
    ]);
    const occurrences = occurrencesOf(text, SMALL, ["FIT-100-A1"], "America/New_York");
    // No study buffer here (its default 30 minutes would take the whole 20-minute gap): this test is about the minimum block.
    const base = { timeZone: "America/New_York", studyWindows: [evenings], dailyCapHours: 2, studyBufferMinutes: 0 };
    // 30-minute minimum: Tuesday–Friday only, 4 × 2 h = 8 h.
    const strict = one(SMALL, "FIT-100-A1", occurrences, preferencesFrom({ ...base, minBlockMinutes: 30 }));
    expect(weekRows(strict).map((w) => w.available)).toEqual([8, 8, 8, 8]);
    // 15-minute minimum: 8 h + 20 min = 8.33 h, shown to one decimal as 8.3.
    const loose = one(SMALL, "FIT-100-A1", occurrences, preferencesFrom({ ...base, minBlockMinutes: 15 }));
    expect(weekRows(loose).map((w) => w.available)).toEqual([8.3, 8.3, 8.3, 8.3]);
  });
});

describe("free study time across a DST change (studyWindowIntervals, freeBlocks)", () => {
  // A 01:00–04:00 Sunday window in New York. On 14 Mar 2027 02:00–03:00 does not exist: the window
  // is 01:00 EST (06:00Z) to 04:00 EDT (08:00Z), 2 hours. On 7 Nov 2027 01:00–02:00 happens twice:
  // 01:00 EDT (05:00Z) to 04:00 EST (09:00Z), 4 hours.
  const night = preferencesFrom({ timeZone: "America/New_York", studyWindows: [{ days: [6], start: "01:00", end: "04:00" }], dailyCapHours: 24 });

  it("is 2 hours on the spring-forward Sunday", () => {
    const windows = studyWindowIntervals(night, ms("2027-03-13T12:00:00Z"), ms("2027-03-15T12:00:00Z"));
    expect(windows.map((w) => `${iso(w.start)}/${iso(w.end)}`)).toEqual(["2027-03-14T06:00:00Z/2027-03-14T08:00:00Z"]);
  });

  it("is 4 hours on the fall-back Sunday", () => {
    const windows = studyWindowIntervals(night, ms("2027-11-06T12:00:00Z"), ms("2027-11-08T12:00:00Z"));
    expect(windows.map((w) => `${iso(w.start)}/${iso(w.end)}`)).toEqual(["2027-11-07T05:00:00Z/2027-11-07T09:00:00Z"]);
  });

  it("caps a day by hours actually studied: a 3 h cap on the fall-back Sunday ends at 08:00Z (03:00 EST)", () => {
    const capped = { ...night, dailyCapHours: 3 };
    const blocks = freeBlocks([], capped, ms("2027-11-06T12:00:00Z"), ms("2027-11-08T12:00:00Z"));
    expect(blocks.map((b) => `${iso(b.start)}/${iso(b.end)}`)).toEqual(["2027-11-07T05:00:00Z/2027-11-07T08:00:00Z"]);
  });

  it("keeps the earliest blocks of a day under the cap, around busy time", () => {
    // Window 07:00–22:00 on Mon 11 Jan 2027 (EST), busy 13:00–14:00 and no study buffer → free
    // 07:00–13:00 and from 14:00; a 4 h cap keeps 07:00–11:00: 12:00Z–16:00Z.
    const busy = [{ start: ms("2027-01-11T18:00:00Z"), end: ms("2027-01-11T19:00:00Z"), sources: [] }];
    const blocks = freeBlocks(busy, { ...newYork, studyBufferMinutes: 0 }, ms("2027-01-11T05:00:00Z"), ms("2027-01-12T05:00:00Z"));
    expect(blocks.map((b) => `${iso(b.start)}/${iso(b.end)}`)).toEqual(["2027-01-11T12:00:00Z/2027-01-11T16:00:00Z"]);
  });

  it("plans nothing before a morning commitment, and keeps the study buffer after it", () => {
    // Busy 08:00–09:00 (before noon: the day's first commitment) with the default 30-minute study
    // buffer → nothing from 07:00 to 08:00, free from 09:30; the 4 h cap keeps 09:30–13:30 (14:30Z–18:30Z).
    const busy = [{ start: ms("2027-01-11T13:00:00Z"), end: ms("2027-01-11T14:00:00Z"), sources: [] }];
    const blocks = freeBlocks(busy, newYork, ms("2027-01-11T05:00:00Z"), ms("2027-01-12T05:00:00Z"));
    expect(blocks.map((b) => `${iso(b.start)}/${iso(b.end)}`)).toEqual(["2027-01-11T14:30:00Z/2027-01-11T18:30:00Z"]);
  });
});
