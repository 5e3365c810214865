/**
 * The validator and the schedule agree (issue 11): the dates `validateCatalog` reasons about — a
 * rule that matches no date in the term, skip dates that must fall on a session — are the dates
 * `sectionSessions` and `sectionDeadlines` produce, for any valid rule over any term.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { catalogRuleProblems } from "@/lib/catalog/rule-problems";
import { type AsynchronousSection, type HybridSection, validateCatalog } from "@/lib/catalog/schema";
import { sectionDeadlines, sectionSessions } from "@/lib/catalog/sessions";
import { ruleCase, termDates } from "./rule-arbitrary";

function catalogOf(section: HybridSection | AsynchronousSection) {
  return { institution: "Harbor City College", courses: [{ id: "AC-210", title: "Managerial Accounting", summary: "Costing, budgets and variance analysis.", sections: [section] }] };
}

/** What the validator says about a section, as the dates it takes to be sessions and the rules it finds empty. */
function validatorView(section: HybridSection) {
  const result = validateCatalog(catalogOf(section));
  const issues = result.ok ? [] : result.issues;
  const prefix = "courses[0].sections[0].";
  const flaggedSkips = new Set(issues.filter((issue) => issue.path.startsWith(`${prefix}skipDates[`)).map((issue) => Number(/\[(\d+)\]$/.exec(issue.path)?.[1])));
  const skipDates = section.skipDates ?? [];
  return {
    sessionDates: skipDates.filter((_, i) => !flaggedSkips.has(i)),
    emptyRules: issues.filter((issue) => issue.message.startsWith("matches no date")).map((issue) => issue.path.slice(prefix.length)),
    otherIssues: issues.filter((issue) => !issue.path.startsWith(`${prefix}skipDates[`) && !issue.message.startsWith("matches no date")),
  };
}

describe("the validator and sectionSessions", () => {
  it("agree on the session dates of any valid rule in any term", () => {
    fc.assert(
      fc.property(ruleCase({ setPos: true, mixedDays: true }), ({ rule, startDate, endDate }) => {
        expect(catalogRuleProblems(rule)).toEqual([]);
        const section: HybridSection = {
          id: "AC-210-H1",
          format: "hybrid",
          timeZone: "America/New_York",
          startDate,
          endDate,
          meetings: [{ rrule: rule, startTime: "18:30", durationMinutes: 90 }],
          recordings: "all",
          hoursPerWeek: 4,
          deadlines: [{ rrule: rule, time: "23:59", title: "Journal entry", hours: 1 }],
        };
        // Every date of the term as a skip date: the validator flags exactly those no meeting falls on.
        const view = validatorView({ ...section, skipDates: termDates(startDate, endDate) });
        const sessions = sectionSessions(section).map((session) => session.localDate);
        const deadlines = sectionDeadlines(section).map((deadline) => deadline.localDate);

        expect(view.otherIssues).toEqual([]);
        expect(view.sessionDates).toEqual(sessions);
        expect(deadlines).toEqual(sessions);
        expect(view.emptyRules).toEqual(sessions.length === 0 ? ["meetings[0].rrule", "deadlines[0].rrule"] : []);
      }),
      // Each run validates every date of a term as a skip date (up to 731, most of them flagged), so runs are kept few.
      { numRuns: 100, seed: 20270111 },
    );
  });

  it("agree that an asynchronous section's empty list of meetings holds no sessions (issue 14)", () => {
    const section: AsynchronousSection = {
      id: "AC-210-A1",
      format: "asynchronous",
      timeZone: "America/Chicago",
      startDate: "2027-01-11",
      endDate: "2027-03-07",
      meetings: [],
      hoursPerWeek: 6,
      deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Problem set", hours: 3 }],
    };
    expect(validateCatalog(catalogOf(section)).ok).toBe(true);
    expect(sectionSessions(section)).toEqual([]);
    expect(sectionDeadlines(section).map((deadline) => deadline.localDate)[0]).toBe("2027-01-17");
  });
});
