/**
 * POST /api/plan, called as Next.js calls it, through the check workers (the route's runner): a New
 * York learner with a 9–5 job (Mon–Fri) and soccer on Tuesdays 18:30–20:00 plans PM-101 with DA-110
 * of the bundled catalog. Worked out from the catalog:
 *
 * - PM-101-S1 meets Tue/Thu 18:30–20:00 New York: every Tuesday clashes with soccer, so it does not
 *   fit on its own and its 3 combinations are cut.
 * - PM-101-H1 (Wednesdays 20:00–21:30 New York) and DA-110-S1 clash with nothing: together they
 *   need the least study, so they rank first.
 * - The answer is the one the planner gives in this thread (runPlanTask), whole.
 */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/plan/route";
import { loadCatalog } from "@/lib/catalog";
import { preferencesFrom } from "@/lib/fit/preferences";
import { runPlanTask } from "@/lib/plan/task";
import { ics } from "../helpers/ics";
import { expectError, postForm, type FormFields } from "./helpers";

const WEEK = ics(
  ["UID:work@plan.test", "SUMMARY:Work", "DTSTART;TZID=America/New_York:20270111T090000", "DTEND;TZID=America/New_York:20270111T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
  [
  "UID:soccer@plan.test",
  "SUMMARY:Soccer",
  "DTSTART;TZID=America/New_York:20270112T183000",
  "DTEND;TZID=America/New_York:20270112T200000",
  "RRULE:FREQ=WEEKLY;BYDAY=TU",
  ],
);
const PREFS = JSON.stringify({ timeZone: "America/New_York" });

interface PlanBody {
  considered: number;
  judged: number;
  judgedAll: boolean;
  plans: { sectionIds: string[]; verdict: string; reasons: string[]; belowBecause?: string; clashes: { calendar: number; between: number }; weeklyHours: { required: number; tightestWeekAvailable: number } }[];
  pruned: { alone: number; pairs: number; reasons: { kind: string; sectionIds: string[]; combinations: number; reason: string }[] };
  warnings: unknown[];
  sources: { name: string; eventCount: number }[];
}

async function plan(fields: FormFields): Promise<Response> {
  return POST(postForm("/api/plan", [["calendar", { file: WEEK, name: "week.ics" }], ["preferences", PREFS], ...fields]));
}

describe("POST /api/plan", () => {
  it("ranks every combination of PM-101 and DA-110 for a learner with a 9–5 job and Tuesday soccer", async () => {
    const res = await plan([
      ["course", "PM-101"],
      ["course", "DA-110"],
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const body = (await res.json()) as PlanBody;
    expect([body.considered, body.judged, body.judgedAll, body.pruned.alone, body.pruned.pairs]).toEqual([9, 6, false, 3, 0]);
    expect(body.pruned.reasons.map((r) => [r.kind, r.sectionIds, r.combinations])).toEqual([["alone", ["PM-101-S1"], 3]]);
    expect(body.plans[0]).toMatchObject({ sectionIds: ["PM-101-H1", "DA-110-S1"], verdict: "fits", clashes: { calendar: 0, between: 0 } });
    expect(body.plans.map((p) => p.verdict)).toEqual(["fits", "fits", "fits", "fits-with-tradeoffs", "fits-with-tradeoffs", "does-not-fit"]);
    // Why each ranks below the one above it, by the first ranking rule that tells them apart.
    expect(body.plans.map((p) => p.belowBecause)).toEqual([
      undefined,
      "Same verdict and misses, but 12 h to spare in its tightest week against 13.5 h for plan 1.",
      "Same verdict and misses, but 8.3 h to spare in its tightest week against 12 h for plan 2.",
      "It fits with trade-offs; plan 3 fits.",
      "Same verdict and misses, but 12 h to spare in its tightest week against 14 h for plan 4.",
      "It does not fit; plan 5 fits with trade-offs.",
    ]);
    expect(body.sources).toMatchObject([{ name: "week.ics", eventCount: 2 }]);
    expect(body.warnings).toEqual([]);

    const here = runPlanTask({
      kind: "plan",
      request: { catalog: loadCatalog({ env: {} }), sources: [{ name: "week.ics", origin: "upload", bytes: new TextEncoder().encode(WEEK) }], preferences: preferencesFrom({ timeZone: "America/New_York" }), courseIds: ["PM-101", "DA-110"], require: [], exclude: [] },
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(here.body)));
  });

  it("takes require and exclude (comma lists too)", async () => {
    const res = await plan([
      ["course", "PM-101,DA-110"],
      ["require", "DA-110-S1"],
      ["exclude", "PM-101-H1"],
    ]);
    const body = (await res.json()) as PlanBody;
    expect(body.considered).toBe(2);
    expect(body.plans.map((p) => p.sectionIds)).toEqual([["PM-101-A1", "DA-110-S1"]]);
  });

  it("answers a bad request with a clear error naming the field: no course, one course, a section field, an unknown course, a section of another course", async () => {
    const none = await expectError(await plan([]), 400, "BAD_REQUEST");
    expect([none.where, none.message]).toEqual(["course", 'Choose the courses to plan: two to eight "course" ids (for example PM-101 and DA-110).']);
    const one = await expectError(await plan([["course", "PM-101"]]), 400, "BAD_REQUEST");
    expect(one.message).toBe("A plan combines at least 2 courses (got 1: PM-101); to compare the sections of one course, run a check.");
    const section = await expectError(await plan([["course", "PM-101,DA-110"], ["section", "PM-101-S1"]]), 400, "BAD_REQUEST");
    expect(section.where).toBe("section");
    const unknown = await expectError(await plan([["course", "PM-101,NOPE-1"]]), 400, "UNKNOWN_COURSE");
    expect(unknown.message).toBe('There is no course "NOPE-1" in the catalog; course ids look like PM-101.');
    const foreign = await expectError(await plan([["course", "PM-101,DA-110"], ["require", "HR-200-S1"]]), 400, "BAD_REQUEST");
    expect(foreign.message).toBe("HR-200-S1 belongs to HR-200, which is not among the courses to plan; add HR-200 to the courses or drop HR-200-S1 from the required sections.");
  });

  it("refuses a plan without a calendar", async () => {
    const res = await POST(postForm("/api/plan", [["preferences", PREFS], ["course", "PM-101,DA-110"]]));
    await expectError(res, 400, "NO_CALENDAR");
  });
});
