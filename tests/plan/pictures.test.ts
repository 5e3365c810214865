/**
 * A plan's week picture (lib/plan/pictures.ts): every live session of the combination on the
 * learner's wall clock, by how it fares, the clashes between the plan's own sections included. The
 * catalog of tests/plan/dst.test.ts: NY-101-S1 (Tuesdays 13:00 New York) and LDN-201-S1 (Tuesdays
 * 18:30 London) overlap on 2 and 9 March and on 30 March and 6 April; a London learner.
 */
import { describe, expect, it } from "vitest";
import { planTerm } from "@/lib/plan";
import { planWeekSvg } from "@/lib/plan/pictures";
import { preferencesFrom } from "@/lib/fit";
import { catalogOf, weekly } from "./helpers";

const TERM = { startDate: "2027-03-01", endDate: "2027-04-11" };
const CATALOG = catalogOf({
  "NY-101": [weekly("NY-101-S1", "TU", "13:00", 60, "all", { ...TERM, timeZone: "America/New_York" })],
  "LDN-201": [weekly("LDN-201-S1", "TU", "18:30", 60, "all", { ...TERM, timeZone: "Europe/London" })],
});
const EMPTY = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VEVENT", "UID:x@t", "DTSTAMP:20270101T000000Z", "DTSTART:20270301T080000Z", "DTEND:20270301T083000Z", "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");

describe("planWeekSvg", () => {
  const outcome = planTerm({ catalog: CATALOG, sources: [{ name: "me.ics", origin: "upload", bytes: new TextEncoder().encode(EMPTY) }], preferences: preferencesFrom({ timeZone: "Europe/London" }), courseIds: ["NY-101", "LDN-201"], prune: false });
  const [plan] = outcome.plan.plans;

  it("draws both sections' sessions, the four Tuesdays they meet at once as missed", () => {
    if (!plan) throw new Error("no plan");
    const svg = planWeekSvg(outcome.fit, plan, "Europe/London", "p1");
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain("Your usual week with the live sessions of NY-101-S1 and LDN-201-S1");
    const blocks = [...svg.matchAll(/<g class="block[^"]*"[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);
    // On the London wall clock: New York's 13:00 is 18:00 (17:00 from 14 to 27 March, when only the US has changed); London's 18:30 stays.
    expect(blocks.join("\n")).toContain("missed (clash)");
    const missed = blocks.map((b) => Number(/(\d+) missed \(clash\)/.exec(b ?? "")?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    expect(missed).toBe(8); // four Tuesdays, both sessions of each
  });

  it("is empty for a plan with no live session", () => {
    if (!plan) throw new Error("no plan");
    expect(planWeekSvg(outcome.fit, { ...plan, sections: [] }, "Europe/London", "p2")).toBe("");
  });
});
