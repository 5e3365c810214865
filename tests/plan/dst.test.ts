/**
 * Clashes between sections are found between UTC instants, so two zones that change clocks on
 * different dates clash only in the weeks they really do. Term Monday 1 March – Sunday 11 April
 * 2027; the US springs forward on 14 March, the UK on 28 March.
 *
 *   NY-101-S1   Tuesdays 13:00–14:00 New York: 18:00Z–19:00Z until 9 March, then 17:00Z–18:00Z
 *   LDN-201-S1  Tuesdays 18:30–19:30 London:   18:30Z–19:30Z until 23 March, then 17:30Z–18:30Z
 *
 *   2 and 9 March        overlap 18:30Z–19:00Z (30 minutes)
 *   16 and 23 March      no overlap (New York has moved, London not yet)
 *   30 March and 6 April overlap 17:30Z–18:00Z (30 minutes)
 *
 * The weeks a plan's load is counted in are weeks of dates: a deadline counts in the week of its
 * date, free time in the week of the learner's date, whatever the clocks and the zones do.
 */
import { describe, expect, it } from "vitest";
import { preferencesFrom } from "@/lib/fit";
import { planWithBusy } from "@/lib/plan";
import { catalogOf, online, weekly } from "./helpers";
import { iso } from "../helpers/ics";

const TERM = { startDate: "2027-03-01", endDate: "2027-04-11" };
const CATALOG = catalogOf({
  "NY-101": [weekly("NY-101-S1", "TU", "13:00", 60, "all", { ...TERM, timeZone: "America/New_York" })],
  "LDN-201": [weekly("LDN-201-S1", "TU", "18:30", 60, "all", { ...TERM, timeZone: "Europe/London" })],
});

function plan(lateJoinMinutes: number) {
  return planWithBusy(CATALOG, [], preferencesFrom({ timeZone: "Europe/London", lateJoinMinutes }), { courseIds: ["NY-101", "LDN-201"], prune: false });
}

describe("sections in zones that change clocks on different dates", () => {
  it("clash on the four Tuesdays when both are on the same side of the clock changes", () => {
    const [p] = plan(15).plans;
    expect(p?.clashes.map((c) => [iso(c.a.start), iso(c.b.start), c.overlapMinutes, c.partial])).toEqual([
      ["2027-03-02T18:00:00Z", "2027-03-02T18:30:00Z", 30, false],
      ["2027-03-09T18:00:00Z", "2027-03-09T18:30:00Z", 30, false],
      ["2027-03-30T17:00:00Z", "2027-03-30T17:30:00Z", 30, false],
      ["2027-04-06T17:00:00Z", "2027-04-06T17:30:00Z", 30, false],
    ]);
    expect(p?.verdict).toBe("does-not-fit");
    expect(p?.missedSessions).toBe(4);
    expect(p?.reasons).toEqual(["LDN-201-S1 and NY-101-S1 meet at the same time 4 times: both cannot be attended live."]);
  });

  it("with pruning, the pair is cut before judging", () => {
    const p = planWithBusy(CATALOG, [], preferencesFrom({ timeZone: "Europe/London" }), { courseIds: ["NY-101", "LDN-201"], prune: true });
    expect({ considered: p.considered, judged: p.judged, pairs: p.pruned.pairs, plans: p.plans.length, judgedAll: p.judgedAll }).toEqual({ considered: 1, judged: 0, pairs: 1, plans: 0, judgedAll: false });
  });

  it("by default, when pruning would leave nothing, every combination is judged: the least bad is still shown", () => {
    const p = planWithBusy(CATALOG, [], preferencesFrom({ timeZone: "Europe/London" }), { courseIds: ["NY-101", "LDN-201"] });
    expect({ considered: p.considered, judged: p.judged, pairs: p.pruned.pairs, plans: p.plans.length, judgedAll: p.judgedAll }).toEqual({ considered: 1, judged: 1, pairs: 0, plans: 1, judgedAll: true });
    expect(p.plans[0]?.verdict).toBe("does-not-fit");
  });

  it("a learner who can leave 30 minutes early attends both: a trade-off, nothing cut", () => {
    const [p] = plan(30).plans;
    expect(p?.clashes.every((c) => c.partial)).toBe(true);
    expect(p?.verdict).toBe("fits-with-tradeoffs");
    expect(p?.missedSessions).toBe(0);
    const pruned = planWithBusy(CATALOG, [], preferencesFrom({ timeZone: "Europe/London", lateJoinMinutes: 30 }), { courseIds: ["NY-101", "LDN-201"] });
    expect(pruned.judged).toBe(1);
  });
});

describe("the weeks of a plan follow the local calendar", () => {
  const planOf = (sections: Record<string, readonly Record<string, unknown>[]>) => {
    const catalog = catalogOf(sections);
    return planWithBusy(catalog, [], preferencesFrom({ timeZone: "America/New_York" }), { courseIds: Object.keys(sections) }).plans[0];
  };

  it("across the fall-back change: 15 weeks from Monday midnights, the last deadline in the last week", () => {
    // Two online sections of 5 hours, Monday 6 September – Sunday 19 December 2027, New York; the
    // clocks fall back on 7 November. An empty week has 28 free hours (07:00–11:00 every day).
    const term = { timeZone: "America/New_York", startDate: "2027-09-06", endDate: "2027-12-19" };
    const p = planOf({ "ONE-1": [online("ONE-1-A", 5, term)], "TWO-2": [online("TWO-2-A", 5, term)] });
    expect(p?.weeks).toHaveLength(15);
    expect(p?.weeks.map((w) => [w.requiredHours, w.availableHours])).toEqual(Array.from({ length: 15 }, () => [10, 28]));
    expect([iso(p?.weeks[0]?.start ?? 0), iso(p?.weeks[9]?.start ?? 0), iso(p?.weeks[14]?.end ?? 0)]).toEqual(["2027-09-06T04:00:00Z", "2027-11-08T05:00:00Z", "2027-12-20T05:00:00Z"]);
    expect(p?.week).toEqual({ required: 10, available: 28, slack: 18 });
  });

  it("a deadline counts in the week of its own date, whatever its zone", () => {
    // New York and Los Angeles sections over the same dates: a Los Angeles Sunday 23:59 deadline is
    // Monday 02:59 in New York, and still counts in the week that ends that Sunday.
    const ny = { timeZone: "America/New_York", startDate: "2027-01-11", endDate: "2027-04-25" };
    const la = { ...ny, timeZone: "America/Los_Angeles" };
    const p = planOf({ "NY-1": [online("NY-1-A", 5, ny)], "LA-2": [online("LA-2-A", 5, la)] });
    expect(p?.weeks).toHaveLength(15);
    expect(p?.weeks.map((w) => w.requiredHours)).toEqual(Array.from({ length: 15 }, () => 10));
    // The learner's weeks: New York midnights, daylight time from 14 March.
    expect([iso(p?.weeks[9]?.start ?? 0), iso(p?.weeks[14]?.end ?? 0)]).toEqual(["2027-03-15T04:00:00Z", "2027-04-26T04:00:00Z"]);
    expect(p?.week).toEqual({ required: 10, available: 28, slack: 18 });
  });
});
