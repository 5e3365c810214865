/**
 * Properties of term plans over generated catalogs and calendars (fast-check, fixed seeds): pruning
 * changes no answer — the plans it keeps are ranked and judged exactly as without it, and every
 * combination it cuts does not fit — and every combination is judged as `checkFit` judges the same
 * sections together (the planner's shortcuts — shared free time, the proof that every deadline is
 * met without planning — give the check's answer).
 *
 * Generated: 2–3 courses of 1–3 sections over four weeks of March 2027 (the US changes clocks on
 * the 14th, the UK on the 28th), each synchronous, hybrid or online, meeting one evening a week
 * (Tuesday to Thursday, 17:00–21:00 in ten-minute steps) in New York, Chicago or London, with 1–16 hours of work a week (one or two
 * deadlines); calendars of 0–3 weekly evening or daytime commitments in New York; a learner in New
 * York or London who joins up to 0, 15 or 30 minutes late.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { busyIntervals } from "@/lib/busy";
import { checkFit, preferencesFrom, type FitPreferences } from "@/lib/fit";
import { busyPreferencesOf } from "@/lib/fit/preferences";
import { planItemJson, planWithBusy, type JudgedPlan } from "@/lib/plan";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { catalogOf } from "./helpers";
import { ics, importEvents, ms } from "../helpers/ics";

const TERM = { startDate: "2027-03-01", endDate: "2027-03-28" };
const WINDOW = { from: ms("2027-02-27T00:00:00Z"), to: ms("2027-03-31T00:00:00Z") };
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** Minutes after midnight as HH:MM. */
function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const genSection = fc.record({
  format: fc.constantFrom("synchronous", "hybrid", "asynchronous"),
  timeZone: fc.constantFrom("America/New_York", "America/Chicago", "Europe/London"),
  // Three evenings, so that sections of different courses often meet the same day.
  day: fc.constantFrom("TU", "WE", "TH"),
  // Every ten minutes from 17:00 to 21:00: overlaps of 10, 20, 30… minutes, some within a late join.
  start: fc.integer({ min: 17 * 6, max: 21 * 6 }).map((x) => x * 10),
  durationMinutes: fc.constantFrom(45, 60, 90, 120),
  recordings: fc.constantFrom("all", "some", "none"),
  hours: fc.integer({ min: 1, max: 16 }),
  midweek: fc.boolean(),
});

type GenSection = typeof genSection extends fc.Arbitrary<infer T> ? T : never;

function sectionOf(id: string, g: GenSection): Record<string, unknown> {
  const base = { id, format: g.format, timeZone: g.timeZone, ...TERM };
  const meetings = [{ rrule: `FREQ=WEEKLY;BYDAY=${g.day}`, startTime: hhmm(g.start), durationMinutes: g.durationMinutes }];
  const deadlines = [
    ...(g.midweek ? [{ rrule: "FREQ=WEEKLY;BYDAY=WE", time: "23:59", title: "Discussion post", hours: 1 }] : []),
    { rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: g.hours },
  ];
  if (g.format === "synchronous") return { ...base, meetings, recordings: g.recordings };
  if (g.format === "hybrid") return { ...base, meetings, recordings: g.recordings, hoursPerWeek: g.hours, deadlines };
  return { ...base, hoursPerWeek: g.hours, deadlines };
}

const genCommitment = fc.record({ days: fc.subarray([...DAYS], { minLength: 1, maxLength: 5 }), start: fc.integer({ min: 8 * 4, max: 20 * 4 }).map((x) => x * 15), minutes: fc.constantFrom(60, 90, 240, 480) });

const genCase = fc.record({
  courses: fc.array(fc.array(genSection, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  commitments: fc.array(genCommitment, { maxLength: 3 }),
  zone: fc.constantFrom("America/New_York", "Europe/London"),
  lateJoinMinutes: fc.constantFrom(0, 15, 30),
});

type Case = typeof genCase extends fc.Arbitrary<infer T> ? T : never;

function setUp(c: Case): { catalog: ReturnType<typeof catalogOf>; courseIds: string[]; occurrences: Occurrence[]; prefs: FitPreferences } {
  const courses = Object.fromEntries(c.courses.map((sections, i) => [`C${i + 1}`, sections.map((g, k) => sectionOf(`C${i + 1}-S${k + 1}`, g))]));
  const events = c.commitments.map((m, i) => {
    const at = (minutes: number) => `20270222T${hhmm(minutes).replace(":", "")}00`;
    return [`UID:commitment-${i}`, `DTSTART;TZID=America/New_York:${at(m.start)}`, `DTEND;TZID=America/New_York:${at(Math.min(m.start + m.minutes, 23 * 60 + 45))}`, `RRULE:FREQ=WEEKLY;BYDAY=${m.days.join(",")}`];
  });
  const occurrences = events.length === 0 ? [] : expandEvents(importEvents(ics(...events)).events, WINDOW, { viewerZone: c.zone }).occurrences;
  return { catalog: catalogOf(courses), courseIds: Object.keys(courses), occurrences, prefs: preferencesFrom({ timeZone: c.zone, lateJoinMinutes: c.lateJoinMinutes }) };
}

const key = (p: JudgedPlan) => p.sectionIds.join(" + ");

describe("pruning changes no answer", () => {
  it("keeps the plans it judges exactly as without pruning, and cuts only plans that do not fit", () => {
    let cutSeen = 0;
    fc.assert(
      fc.property(genCase, (c) => {
        const { catalog, courseIds, occurrences, prefs } = setUp(c);
        const busy = busyIntervals(occurrences, busyPreferencesOf(prefs));
        const on = planWithBusy(catalog, busy, prefs, { courseIds });
        const off = planWithBusy(catalog, busy, prefs, { courseIds, prune: false });
        expect(on.considered).toBe(off.considered);
        expect(off.judged).toBe(off.considered);
        expect(on.judged + on.pruned.alone + on.pruned.pairs).toBe(on.considered);
        const kept = new Set(on.plans.map(key));
        const cut = off.plans.filter((p) => !kept.has(key(p)));
        cutSeen += cut.length;
        expect(cut.length).toBe(on.pruned.alone + on.pruned.pairs);
        for (const p of cut) expect(p.verdict).toBe("does-not-fit");
        expect(off.plans.filter((p) => kept.has(key(p))).map(planItemJson)).toEqual(on.plans.map(planItemJson));
        // The top answers — everything that fits, with or without trade-offs — are the same.
        const fitting = (plans: readonly JudgedPlan[]) => plans.filter((p) => p.verdict !== "does-not-fit").map(planItemJson);
        expect(fitting(on.plans)).toEqual(fitting(off.plans));
      }),
      { seed: 16, numRuns: 60 },
    );
    // The generator does make plans that pruning cuts.
    expect(cutSeen).toBeGreaterThan(50);
  });
});

describe("every combination is judged as checkFit judges the same sections together", () => {
  it("verdict, reasons, clashes, deadlines lost and weeks", () => {
    const seen = { unmet: 0, fits: 0, partial: 0 };
    fc.assert(
      fc.property(genCase, (c) => {
        const { catalog, courseIds, occurrences, prefs } = setUp(c);
        const plan = planWithBusy(catalog, busyIntervals(occurrences, busyPreferencesOf(prefs)), prefs, { courseIds, prune: false });
        for (const p of plan.plans) {
          const result = checkFit({ catalog, sectionIds: p.sectionIds, occurrences, preferences: prefs, together: true });
          const together = result.plan;
          expect(together?.verdict).toBe(p.verdict);
          expect(p.reasons.slice(p.reasons.length - (together?.reasons.length ?? 0))).toEqual(together?.reasons);
          expect(together?.clashes.length).toBe(p.clashes.length);
          const unmet = together?.studyPlan.jobs.filter((j) => !j.met).length ?? 0;
          expect(p.unmetDeadlines).toBe(unmet);
          expect(p.weeks).toEqual(together?.weeks);
          const lost = result.sections.reduce((n, s) => n + (s.live?.missed ?? 0), 0) + (together?.clashes.filter((x) => !x.partial).length ?? 0);
          expect(p.missedSessions).toBe(lost);
          if (unmet > 0) seen.unmet++;
          if (p.verdict === "fits") seen.fits++;
          if (p.clashes.some((x) => x.partial)) seen.partial++;
        }
      }),
      { seed: 1616, numRuns: 60 },
    );
    // Both sides of the load judgement are exercised (plans that lose deadlines, plans that fit),
    // and clashes between sections attended by leaving early or joining late.
    expect(seen.unmet).toBeGreaterThan(10);
    expect(seen.fits).toBeGreaterThan(10);
    expect(seen.partial).toBeGreaterThan(3);
  });
});
