/**
 * Regressions of the fit engine (lib/fit): bugs the hand-computed scenarios found (issue #3), fixed,
 * and kept so they stay fixed. Each comment gives the original repro and the right answer.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog, validateCatalog, type Catalog } from "@/lib/catalog";
import { checkFit, chooseSections, preferencesFrom, termWindow } from "@/lib/fit";
import { studyWindowIntervals } from "@/lib/fit/free-time";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { ics } from "../helpers/ics";

const FIXTURES = new URL("../fixtures/", import.meta.url);

function catalogFile(name: string): Catalog {
  const path = fileURLToPath(new URL(`catalog/${name}`, FIXTURES));
  return parseCatalog(readFileSync(path, "utf8"), path);
}

function catalogOf(sections: unknown[]): Catalog {
  const v = validateCatalog({ institution: "Known failures", courses: [{ id: "KF-1", title: "Known failures", summary: "Minimal repros.", sections }] });
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.catalog;
}

function occurrencesOf(text: string, catalog: Catalog, ids: readonly string[], viewerZone: string): Occurrence[] {
  const r = importIcs(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("; "));
  return expandEvents(r.calendar.events, termWindow(chooseSections(catalog, ids).map((c) => c.section)), { viewerZone }).occurrences;
}

const TUESDAY_EVENINGS = {
  id: "KF-S1",
  format: "synchronous",
  timeZone: "America/New_York",
  startDate: "2027-01-11",
  endDate: "2027-02-07",
  meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "18:30", durationMinutes: 90 }],
  recordings: "all",
};

describe("fixed: live conflicts", () => {
  /**
   * A clash caused by a buffer names no busy event: `conflict.busy` keeps only the occurrences
   * that overlap the session themselves, but with a buffer the occurrence ends before the session
   * starts and only its buffer reaches in. The CLI table then prints "60 min with " and the web
   * page cannot answer "which event is in the way?".
   *
   * Repro: section Tue 18:30–20:00 New York; event "Work" Tue 12 Jan 2027 17:00–18:20;
   *        bufferAfterMinutes 30 → one conflict, overlapMinutes 20, busy [].
   * Right:  busy names the Work event (uid work@fit.test), whose buffer makes the clash.
   */
  it("a clash made by a buffer names the event whose buffer it is", () => {
    const catalog = catalogOf([TUESDAY_EVENINGS]);
    const occurrences = occurrencesOf(
      ics(["UID:work@fit.test", "SUMMARY:Work", "DTSTART;TZID=America/New_York:20270112T170000", "DTEND;TZID=America/New_York:20270112T182000"]),
      catalog,
      ["KF-S1"],
      "America/New_York",
    );
    const fit = checkFit({ catalog, occurrences, preferences: preferencesFrom({ timeZone: "America/New_York", bufferAfterMinutes: 30 }) }).sections[0];
    expect(fit?.live?.conflicts.map((c) => c.overlapMinutes)).toEqual([20]);
    expect(fit?.live?.conflicts[0]?.busy.map((b) => b.uid)).toEqual(["work@fit.test"]);
  });
});

describe("fixed: asynchronous weeks", () => {
  /**
   * Async weeks are 7-day calendar periods from startDate, not deadline periods as DESIGN.md's
   * check contract says ("An async week runs from one deadline period's start to its end"). With a
   * mid-week deadline the week that holds an unmet deadline reports more free hours than it needs,
   * and the reasons say the calendar "leaves at least 12 free study hours every week" right next
   * to a deadline with 0 free hours before it.
   *
   * Repro: BK-100-A2 (fixtures/catalog/fit-booked.json): America/Chicago, 11 Jan – 7 Feb 2027,
   *        6 h due Wednesdays 23:59. Busy 07:00–22:00 every day Thu 14 – Wed 20 Jan (the whole
   *        study window). Default preferences (4 h a day).
   *        Deadlines: 13 Jan (12 h free since term start: Mon–Wed), 20 Jan (0 h free since 13 Jan:
   *        unmet), 27 Jan and 3 Feb (28 h each).
   *        Engine weeks (Mon–Sun): [6 h, 12 free, ok], [6 h, 16 free, infeasible], [6, 28], [6, 28]
   *        — the second counts Thu–Sun 21–24 Jan, after the deadline it judges.
   * Right:  the infeasible week is the period 13 Jan 23:59 → 20 Jan 23:59: 6 h needed, 0 free.
   */
  const catalog = catalogFile("fit-booked.json");
  const occurrences = occurrencesOf(
    ics(["UID:busy-week@fit.test", "SUMMARY:Audit", "DTSTART;TZID=America/Chicago:20270114T070000", "DTEND;TZID=America/Chicago:20270114T220000", "RRULE:FREQ=DAILY;COUNT=7"]),
    catalog,
    ["BK-100-A2"],
    "America/Chicago",
  );
  const fit = () => checkFit({ catalog, sectionIds: ["BK-100-A2"], occurrences, preferences: preferencesFrom({ timeZone: "America/Chicago" }) }).sections[0];

  it("misses exactly the 20 Jan deadline (this part is right)", () => {
    expect(fit()?.async?.plan.jobs.map((j) => [j.job.localDate, j.availableHours, j.met])).toEqual([
      ["2027-01-13", 12, true],
      ["2027-01-20", 0, false],
      ["2027-01-27", 28, true],
      ["2027-02-03", 28, true],
    ]);
  });

  it("the week with the unmet mid-week deadline shows the 0 free hours before it", () => {
    const weeks = fit()?.async?.weeks ?? [];
    expect(weeks.filter((w) => !w.feasible).map((w) => [w.requiredHours, w.availableHours])).toEqual([[6, 0]]);
  });

  it("the reasons do not claim free hours every week that a deadline period does not have", () => {
    const reasons = fit()?.reasons ?? [];
    expect(reasons.some((r) => r.includes("at least 12 free study hours every week"))).toBe(false);
  });

  /**
   * A synchronous section may have deadlines without `hoursPerWeek` (the catalog schema allows it).
   * The weekly-pace reason then reads "about 0 hours of study a week" although each weekly
   * deadline needs 3 hours, and the course comparison says "for its 0 hours of study".
   *
   * Repro: synchronous, Tue 18:30 New York, 11 Jan – 7 Feb 2027, deadlines Sundays 23:59 "Homework"
   *        3 h, no hoursPerWeek; empty calendar.
   * Right:  "about 3 hours of study a week" (the deadlines' hours per week, as sectionJobs derives them).
   */
  it("a synchronous section with deadlines but no hoursPerWeek states the deadlines' weekly hours", () => {
    const c = catalogOf([{ ...TUESDAY_EVENINGS, deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Homework", hours: 3 }] }]);
    const result = checkFit({ catalog: c, occurrences: [], preferences: preferencesFrom({ timeZone: "America/New_York" }) });
    const reasons = result.sections[0]?.reasons ?? [];
    expect(reasons.filter((r) => r.startsWith("Weekly pace"))).toHaveLength(1);
    expect(reasons.some((r) => r.includes("about 0 hours"))).toBe(false);
    expect(reasons.some((r) => r.includes("about 3 hours of study a week"))).toBe(true);
  });
});

describe("fixed: preferences", () => {
  /**
   * A study window that crosses midnight ("22:00"–"01:00") is accepted by preferencesFrom and then
   * silently gives no study time at all (studyWindowIntervals drops a window whose end is before
   * its start). A learner who studies late would be told they have no free time.
   *
   * Repro: preferencesFrom({ timeZone: "America/New_York", studyWindows: [{ days: [0], start: "22:00", end: "01:00" }] });
   *        studyWindowIntervals over Sun 10 – Wed 13 Jan 2027 → [].
   * Right:  either preferencesFrom rejects it (naming studyWindows[0].end), or the window gives
   *         Monday 11 Jan 22:00 → Tuesday 01:00 EST = 3 hours.
   */
  it("a study window across midnight is either refused or gives its 3 hours", () => {
    let hours: number | "rejected";
    try {
      const p = preferencesFrom({ timeZone: "America/New_York", studyWindows: [{ days: [0], start: "22:00", end: "01:00" }] });
      const windows = studyWindowIntervals(p, Date.parse("2027-01-10T05:00:00Z"), Date.parse("2027-01-13T05:00:00Z"));
      hours = windows.reduce((h, w) => h + (w.end - w.start), 0) / 3_600_000;
    } catch {
      hours = "rejected";
    }
    expect([3, "rejected"]).toContain(hours);
  });
});

describe("fixed: the together plan's wording", () => {
  /**
   * The clash reason lists each pair in the order its sessions happened to start, so a pair that
   * clashes with either section first is named twice, reversed: "KF-A and KF-B; KF-B and KF-A meet
   * at the same time 2 times".
   *
   * Repro: KF-A Tue + Thu 18:30–20:00 New York; KF-B Thu 19:00–20:30 and an extra meeting Tue
   *        12 Jan 2027 18:00–19:00 (before KF-A's Tuesday session), term 11–17 Jan 2027; together.
   * Right:  the pair is named once: "KF-A and KF-B meet at the same time 2 times: …".
   */
  it("names a clashing pair once, whichever section starts first", () => {
    const c = catalogOf([
      { ...TUESDAY_EVENINGS, id: "KF-A", endDate: "2027-01-17", meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=TU,TH", startTime: "18:30", durationMinutes: 90 }] },
      {
        ...TUESDAY_EVENINGS,
        id: "KF-B",
        endDate: "2027-01-17",
        meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=TH", startTime: "19:00", durationMinutes: 90 }],
        extraMeetings: [{ start: "2027-01-12T18:00", durationMinutes: 60 }],
      },
    ]);
    const plan = checkFit({ catalog: c, sectionIds: ["KF-A", "KF-B"], occurrences: [], preferences: preferencesFrom({ timeZone: "America/New_York" }), together: true }).plan;
    expect(plan?.clashes).toHaveLength(2);
    expect(plan?.reasons.some((r) => r.includes("KF-B and KF-A"))).toBe(false);
  });
});
