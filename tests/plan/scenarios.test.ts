/**
 * Term plans worked out by hand. The learner works 9–5 Monday to Friday and plays soccer on
 * Tuesdays 18:30–20:00 (New York); default preferences: study 07:00–22:00, at most 4 h a day,
 * blocks of at least 30 minutes, 30 minutes kept from commitments, nothing before a workday's
 * 09:00 start. So a week's free study time (Monday to Sunday) is
 *
 *   Mon, Wed, Thu, Fri  17:30–21:30 (4 h: 17:30–22:00 cut at the daily cap)
 *   Tue                 17:30–18:00 and 20:30–22:00 (2 h: soccer and its 30-minute margins)
 *   Sat, Sun            07:00–11:00 (4 h)
 *                       = 26 h, less what a plan's own evening sessions take.
 *
 * The catalog (four weeks, 11 Jan – 7 Feb 2027, New York):
 *
 *   ACC-100-S1  Tue 18:00–19:30, not recorded  → clashes with soccer every week: does not fit alone
 *   ACC-100-S2  Wed 18:00–19:30, recorded      → fits; Wednesday keeps 17:30–18:00 + 19:30–22:00 = 3 h
 *   ACC-100-A1  online, 14 h a week            → fits (26 h free)
 *   BUS-200-S1  Wed 19:00–20:30                → fits; meets ACC-100-S2's last 30 minutes: both cannot be attended
 *   BUS-200-S2  Wed 19:20–21:20                → fits; overlaps ACC-100-S2 by 10 minutes: leave early / join late
 *   BUS-200-A1  online, 14 h a week            → fits; with ACC-100-A1, 28 h a week against 26 h free
 *
 * The nine combinations:
 *   ACC-100-S1 + any            cut (does not fit alone): 3
 *   ACC-100-S2 + BUS-200-S1     cut (meet at the same time): 1
 *   ACC-100-A1 + BUS-200-S1     fits, 14 h due, 25 h free (Wednesday 19:00–20:30 leaves 3 h): slack 11
 *   ACC-100-S2 + BUS-200-A1     fits, 14 h due, 25 h free: slack 11 (after the one above by section id)
 *   ACC-100-A1 + BUS-200-S2     fits, 14 h due, Wednesday 17:30–19:20 + 21:20–22:00 = 2.5 h: 24.5 h free, slack 10.5
 *   ACC-100-S2 + BUS-200-S2     fits with trade-offs (10-minute overlaps); no work due; Wednesday
 *                               17:30–18:00 + 21:20–22:00 = 7/6 h: 23.2 h in the tightest week
 *   ACC-100-A1 + BUS-200-A1     does not fit: 28 h due against 26 h free, a deadline lost every week
 */
import { describe, expect, it } from "vitest";
import { checkFit, preferencesFrom } from "@/lib/fit";
import { AppError } from "@/lib/errors";
import { planCandidates, planTerm, planWithBusy, type PlanOptions } from "@/lib/plan";
import { catalogOf, online, upload, weekly, WEEK_ICS } from "./helpers";
import { importEvents, ms } from "../helpers/ics";
import { expandEvents } from "@/lib/recurrence/expand";
import { busyIntervals } from "@/lib/busy";
import { busyPreferencesOf } from "@/lib/fit/preferences";

const CATALOG = catalogOf({
  "ACC-100": [weekly("ACC-100-S1", "TU", "18:00", 90, "none"), weekly("ACC-100-S2", "WE", "18:00", 90), online("ACC-100-A1", 14)],
  "BUS-200": [weekly("BUS-200-S1", "WE", "19:00", 90), weekly("BUS-200-S2", "WE", "19:20", 120), online("BUS-200-A1", 14)],
});
const prefs = preferencesFrom({ timeZone: "America/New_York" });
const COURSES = ["ACC-100", "BUS-200"];

function plan(options: Partial<PlanOptions> = {}) {
  return planTerm({ catalog: CATALOG, sources: [upload(WEEK_ICS)], preferences: prefs, courseIds: COURSES, ...options });
}

const outcome = plan();
const ranked = outcome.plan.plans;

describe("two courses, three sections each, against a working week", () => {
  it("considers all nine combinations and judges the five that pruning leaves", () => {
    expect(outcome.plan.considered).toBe(9);
    expect(outcome.plan.judged).toBe(5);
    expect({ alone: outcome.plan.pruned.alone, pairs: outcome.plan.pruned.pairs }).toEqual({ alone: 3, pairs: 1 });
  });

  it("ranks them: fits by slack then section ids, then the trade-off, then the plan that does not fit", () => {
    expect(ranked.map((p) => [p.sectionIds.join(" + "), p.verdict, p.week.required, p.week.available, p.week.slack])).toEqual([
      ["ACC-100-A1 + BUS-200-S1", "fits", 14, 25, 11],
      ["ACC-100-S2 + BUS-200-A1", "fits", 14, 25, 11],
      ["ACC-100-A1 + BUS-200-S2", "fits", 14, 24.5, 10.5],
      ["ACC-100-S2 + BUS-200-S2", "fits-with-tradeoffs", 0, 23.2, 23.2],
      ["ACC-100-A1 + BUS-200-A1", "does-not-fit", 28, 26, -2],
    ]);
  });

  it("finds the pair that overlaps by 10 minutes a trade-off, four times, and says how both are attended", () => {
    const p = ranked[3];
    expect(p?.clashes.map((c) => [c.a.sectionId, c.b.sectionId, c.overlapMinutes, c.partial])).toEqual([
      ["ACC-100-S2", "BUS-200-S2", 10, true],
      ["ACC-100-S2", "BUS-200-S2", 10, true],
      ["ACC-100-S2", "BUS-200-S2", 10, true],
      ["ACC-100-S2", "BUS-200-S2", 10, true],
    ]);
    expect(p?.missedSessions).toBe(0);
    expect(p?.reasons).toEqual(["ACC-100-S2 and BUS-200-S2 overlap by up to 10 minutes 4 times: attending both means leaving the earlier session early or joining the later one late."]);
  });

  it("finds that two online sections that each fit alone cannot fit together, one deadline lost a week", () => {
    const p = ranked[4];
    expect(p?.unmetDeadlines).toBe(4);
    expect(p?.reasons).toEqual(["Together, 4 deadlines cannot be met in the free study time (first: Weekly assignment for BUS-200-A1, due 17 Jan)."]);
    expect(p?.sections.map((s) => s.verdict)).toEqual(["fits", "fits"]);
  });

  it("explains a plan that fits with its combined load", () => {
    expect(ranked[0]?.reasons).toEqual(["Together they need about 14 hours a week of study besides live sessions; every deadline can be met, with at least 11 free hours to spare in the tightest week."]);
    expect(ranked[0]?.calendarClashes).toBe(0);
  });

  it("says what it cut and why, biggest cause first", () => {
    expect(outcome.plan.pruned.reasons.map((r) => [r.kind, r.sectionIds, r.combinations])).toEqual([
      ["alone", ["ACC-100-S1"], 3],
      ["pair", ["ACC-100-S2", "BUS-200-S1"], 1],
    ]);
    expect(outcome.plan.pruned.reasons[0]?.reason).toBe("ACC-100-S1 does not fit on its own: the synchronous section clashes with 4 of 4 sessions (the Tuesdays in January and February).");
    expect(outcome.plan.pruned.reasons[1]?.reason).toBe("ACC-100-S2 and BUS-200-S1 meet at the same time 4 times: both cannot be attended live.");
  });

  it("without pruning judges all nine, and the cut ones are exactly the ones that do not fit for those reasons", () => {
    const all = plan({ prune: false }).plan;
    expect(all.judged).toBe(9);
    expect(all.pruned).toEqual({ alone: 0, pairs: 0, reasons: [] });
    const kept = new Set(ranked.map((p) => p.sectionIds.join(" + ")));
    const cut = all.plans.filter((p) => !kept.has(p.sectionIds.join(" + ")));
    // Each misses four sessions; then by slack: no work due leaves the week's free hours (25,
    // 24.5 and 24 with the Wednesday sessions), 14 h due leaves 26 − 14 = 12.
    expect(cut.map((p) => [p.sectionIds.join(" + "), p.verdict, p.missedSessions, p.week.slack])).toEqual([
      ["ACC-100-S1 + BUS-200-S1", "does-not-fit", 4, 25],
      ["ACC-100-S1 + BUS-200-S2", "does-not-fit", 4, 24.5],
      ["ACC-100-S2 + BUS-200-S1", "does-not-fit", 4, 24],
      ["ACC-100-S1 + BUS-200-A1", "does-not-fit", 4, 12],
    ]);
    expect(all.plans.filter((p) => kept.has(p.sectionIds.join(" + ")))).toEqual(ranked);
  });

  it("judges each combination as checkFit judges the same sections together", () => {
    const { events } = importEvents(WEEK_ICS);
    const occurrences = expandEvents(events, { from: ms("2027-01-09T00:00:00Z"), to: ms("2027-02-10T00:00:00Z") }, { viewerZone: "America/New_York" }).occurrences;
    for (const p of ranked) {
      const together = checkFit({ catalog: CATALOG, sectionIds: p.sectionIds, occurrences, preferences: prefs, together: true }).plan;
      expect(together?.verdict).toBe(p.verdict);
      expect(p.reasons.slice(-(together?.reasons.length ?? 0))).toEqual(together?.reasons);
      expect(together?.weeks).toEqual(p.weeks);
    }
  });

  it("starts from busy intervals as well as from calendars (the same answer)", () => {
    const { events } = importEvents(WEEK_ICS);
    const occurrences = expandEvents(events, { from: ms("2027-01-09T00:00:00Z"), to: ms("2027-02-10T00:00:00Z") }, { viewerZone: "America/New_York" }).occurrences;
    const fromBusy = planWithBusy(CATALOG, busyIntervals(occurrences, busyPreferencesOf(prefs)), prefs, { courseIds: COURSES });
    expect(fromBusy.plans.map((p) => [p.sectionIds, p.verdict, p.week])).toEqual(ranked.map((p) => [p.sectionIds, p.verdict, p.week]));
  });
});

describe("require and exclude", () => {
  it("--require pins a section: only the combinations holding it", () => {
    const p = plan({ require: ["ACC-100-A1"] }).plan;
    expect(p.considered).toBe(3);
    expect(p.plans.map((x) => x.sectionIds.join(" + "))).toEqual(["ACC-100-A1 + BUS-200-S1", "ACC-100-A1 + BUS-200-S2", "ACC-100-A1 + BUS-200-A1"]);
  });

  it("--exclude drops sections: they are neither considered nor cut", () => {
    const p = plan({ exclude: ["ACC-100-S1", "BUS-200-A1"] }).plan;
    expect(p.considered).toBe(4);
    expect(p.pruned.alone).toBe(0);
    expect(p.pruned.pairs).toBe(1);
    expect(p.plans.map((x) => x.sectionIds.join(" + "))).toEqual(["ACC-100-A1 + BUS-200-S1", "ACC-100-A1 + BUS-200-S2", "ACC-100-S2 + BUS-200-S2"]);
  });

  it("a required section that does not fit on its own cuts every combination, and says why", () => {
    const p = plan({ require: ["ACC-100-S1"], prune: true }).plan;
    expect(p.considered).toBe(3);
    expect(p.plans).toEqual([]);
    expect(p.pruned.alone).toBe(3);
  });

  it("by default the learner still sees those three, least bad first, each saying why it does not fit", () => {
    const p = plan({ require: ["ACC-100-S1"] }).plan;
    expect([p.considered, p.judged, p.judgedAll, p.plans.length]).toEqual([3, 3, true, 3]);
    expect(p.plans.every((x) => x.verdict === "does-not-fit" && x.sectionIds.includes("ACC-100-S1"))).toBe(true);
    const misses = p.plans.map((x) => x.missedSessions + x.unmetDeadlines);
    expect(misses).toEqual([...misses].sort((a, b) => a - b));
  });
});

describe("requests that cannot be planned fail with a clear error", () => {
  function failure(choice: Parameters<typeof planCandidates>[1]): { code: string; where: string | undefined; message: string } {
    try {
      planCandidates(CATALOG, choice);
    } catch (e) {
      if (e instanceof AppError) return { code: e.code, where: e.where, message: e.message };
      throw e;
    }
    throw new Error("expected an AppError");
  }

  it.each([
    [{ courseIds: COURSES, require: ["ACC-100-X9"] }, "UNKNOWN_SECTION", "require", 'There is no section "ACC-100-X9" in the catalog (required); section ids look like ACC-100-S1.'],
    [{ courseIds: COURSES, exclude: ["NOPE"] }, "UNKNOWN_SECTION", "exclude", 'There is no section "NOPE" in the catalog (excluded); section ids look like ACC-100-S1.'],
    [{ courseIds: ["ACC-100", "LAW-300"] }, "UNKNOWN_COURSE", "courses", 'There is no course "LAW-300" in the catalog; course ids look like ACC-100.'],
    [{ courseIds: ["ACC-100"] }, "BAD_REQUEST", "courses", "A plan combines at least 2 courses (got 1: ACC-100); to compare the sections of one course, run a check."],
    [{ courseIds: ["ACC-100", "ACC-100"] }, "BAD_REQUEST", "courses", "ACC-100 is listed twice; list each course once."],
    [{ courseIds: ["A", "B", "C", "D", "E", "F", "G", "H", "I"] }, "BAD_REQUEST", "courses", "A plan combines at most 8 courses (got 9); plan fewer at a time."],
    [{ courseIds: COURSES, require: ["ACC-100-S2", "ACC-100-A1"] }, "BAD_REQUEST", "require", "ACC-100-S2 and ACC-100-A1 are both required, but a plan takes one section of ACC-100; require one of them."],
    [{ courseIds: COURSES, require: ["ACC-100-A1"], exclude: ["ACC-100-A1"] }, "BAD_REQUEST", "require", "ACC-100-A1 is both required and excluded; keep one."],
    [{ courseIds: COURSES, exclude: ["BUS-200-S1", "BUS-200-S2", "BUS-200-A1"] }, "BAD_REQUEST", "exclude", "Every section of BUS-200 is excluded, so no plan can hold it; exclude fewer or drop the course."],
  ])("%o → %s", (choice, code, where, message) => {
    expect(failure(choice)).toEqual({ code, where, message });
  });

  it("a required section of a course that is not planned", () => {
    const c = catalogOf({ "ACC-100": [online("ACC-100-A1", 3)], "BUS-200": [online("BUS-200-A1", 3)], "LAW-300": [online("LAW-300-A1", 3)] });
    expect(() => planCandidates(c, { courseIds: ["ACC-100", "BUS-200"], require: ["LAW-300-A1"] })).toThrow(
      "LAW-300-A1 belongs to LAW-300, which is not among the courses to plan; add LAW-300 to the courses or drop LAW-300-A1 from the required sections.",
    );
  });

  it("too many combinations to judge", () => {
    const many = Object.fromEntries(["A", "B", "C", "D", "E", "F", "G", "H"].map((c) => [c, Array.from({ length: 5 }, (_, i) => online(`${c}-${i}`, 1))]));
    expect(() => planCandidates(catalogOf(many), { courseIds: Object.keys(many) })).toThrow("These courses make 390,625 combinations, more than the 100,000 a plan judges; require a section or exclude some to narrow it.");
  });
});
