/**
 * Reasons a learner (and an advisor) can read: one voice, correct grammar, no repeats, no
 * contradictions across the DST weeks, local dates everywhere, one form for week ranges, and a
 * sentence for why the best section is best (docs/fit.md, "Reasons" and "Which section is best").
 */
import { describe, expect, it } from "vitest";
import { describeSection } from "@/lib/fit";
import { fitDetails } from "@/lib/fit/json";
import { api, BUNDLED, check, fitOf, fixtureText, NINE_TO_FIVE, upload } from "./helpers";

const LEARNER = fixtureText("learner-spring-2027.ics");
const WORK = NINE_TO_FIVE;
const ALL = BUNDLED.courses.flatMap((c) => c.sections.map((s) => s.id));
const ZONES = ["America/New_York", "Europe/London", "Australia/Sydney"];

describe("one voice", () => {
  it("speaks to the learner in the check, and about them in a shared view, for every bundled section in three zones", () => {
    for (const timeZone of ZONES) {
      const outcome = check(upload(LEARNER), { timeZone }, ALL);
      for (const f of outcome.result.sections) {
        const shared = describeSection(f, outcome.result.preferences, "advisor");
        expect(shared.verdict, f.section.id).toBe(f.verdict);
        expect(shared.reasons).toHaveLength(f.reasons.length);
        for (const r of shared.reasons) expect(r, `${f.section.id} in ${timeZone}`).not.toMatch(/\b(you|your|yours)\b/i);
        for (const r of f.reasons) expect(r, `${f.section.id} in ${timeZone}`).not.toMatch(/the learner/);
      }
      // Course summaries and the together plan are about the sections: the same for both readers.
      for (const c of outcome.result.courses) expect(c.summary).not.toMatch(/\b(you|your)\b/i);
    }
  });

  it("the page's details carry the shared reasons next to the learner's", () => {
    const outcome = check(upload(LEARNER), { timeZone: "America/New_York" }, ["PM-101-S1"]);
    const details = fitDetails(outcome.result, outcome.occurrences, outcome.result.preferences);
    expect(details.sections[0]?.reasons[0]).toBe("Set meeting times: 29 live sessions, Tuesdays and Thursdays 18:30–20:00 your time.");
    expect(details.sections[0]?.sharedReasons[0]).toBe("Set meeting times: 29 live sessions, Tuesdays and Thursdays 18:30–20:00 the learner's time.");
  });

  it("the plan's reasons are about the sections, with the learner's dates", () => {
    const plan = check(upload(LEARNER), { timeZone: "America/New_York" }, ["PM-101-A1", "PM-101-H1"], { together: true }).result.plan;
    expect(plan?.reasons).toEqual(["Together, 2 deadlines cannot be met in the free study time (first: Discussion post for PM-101-A1, due 10 Mar)."]);
    const clash = check(upload(WORK), { timeZone: "America/New_York" }, ["PM-101-S1", "DA-110-S1", "UX-130-S1"], { together: true }).result.plan;
    expect(clash?.reasons.length).toBeGreaterThan(0);
    for (const r of clash?.reasons ?? []) expect(r).not.toMatch(/\b(you|your)\b/i);
  });
});

describe("grammar and repeats", () => {
  it("'Every session falls', and a study window given as weekdays and weekends reads once", () => {
    // HR-200-H1 meets Wednesdays 12:00–13:00 New York: outside 18:00–22:00, whichever days.
    const prefs = {
      timeZone: "America/New_York",
      studyWindows: [
        { days: [0, 1, 2, 3, 4], start: "18:00", end: "22:00" },
        { days: [5, 6], start: "18:00", end: "22:00" },
      ],
    };
    const f = fitOf(check(upload(WORK), prefs, ["HR-200-H1"]), "HR-200-H1");
    expect(f.reasons).toContain("Every session falls outside the hours you set for study (18:00–22:00 every day, your time).");
    const weekdaysOnly = fitOf(check(upload(WORK), { ...prefs, studyWindows: [{ days: [0, 1, 2, 3, 4], start: "18:00", end: "22:00" }, { days: [5, 6], start: "09:00", end: "13:00" }] }, ["HR-200-H1"]), "HR-200-H1");
    expect(weekdaysOnly.reasons).toContain("Every session falls outside the hours you set for study (18:00–22:00 Monday to Friday and 09:00–13:00 at weekends, your time).");
  });

  it("no section says the same thing twice, in three zones", () => {
    for (const timeZone of ZONES) {
      for (const f of check(upload(LEARNER), { timeZone }, ALL).result.sections) {
        expect(new Set(f.reasons).size, `${f.section.id} in ${timeZone}: ${f.reasons.join(" | ")}`).toBe(f.reasons.length);
        // A night section is not called "outside your study hours" as well.
        if (f.reasons.some((r) => r.includes("sleep hours"))) expect(f.reasons.filter((r) => r.startsWith("Every session falls outside"))).toEqual([]);
      }
    }
  });
});

describe("DST weeks: one account, never two notes that seem to disagree", () => {
  it("Sydney, PM-101-S1: the US change (14 Mar) and Australia's (4 Apr) in one sentence, in date order", () => {
    const f = fitOf(check(upload(WORK), { timeZone: "Australia/Sydney" }, ["PM-101-S1"]), "PM-101-S1");
    const notes = f.reasons.filter((r) => r.includes("change clocks on different dates"));
    expect(notes).toEqual([
      "Your zone and the section's change clocks on different dates, so the session moves: from 24 Mar to 2 Apr it starts at 09:30 your time and from 7 Apr to 23 Apr at 08:30, instead of 10:30.",
    ]);
  });

  it("London, the two weeks when only the US has changed: one sentence with the dates", () => {
    const f = fitOf(check(upload(WORK), { timeZone: "Europe/London" }, ["PM-101-S1"]), "PM-101-S1");
    expect(f.reasons.filter((r) => r.includes("change clocks on different dates"))).toEqual([
      "On 23 Mar and 25 Mar the session starts at 22:30 your time instead of 23:30: your zone and the section's change clocks on different dates.",
    ]);
  });
});

describe("local dates everywhere", () => {
  it("no reason, summary or plan reason shows an ISO date or a UTC instant", () => {
    for (const timeZone of ZONES) {
      const outcome = check(upload(LEARNER), { timeZone }, ["PM-101-S1", "PM-101-A1", "PM-101-H1"]);
      const together = check(upload(LEARNER), { timeZone }, ["PM-101-A1", "PM-101-H1"], { together: true });
      const texts = [...outcome.result.sections.flatMap((s) => s.reasons), ...outcome.result.courses.map((c) => c.summary), ...(together.result.plan?.reasons ?? [])];
      for (const t of texts) expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}Z/);
    }
  });

  it("the unmet deadline is named on the learner's date: a Wednesday 23:59 New York deadline is Thursday in Sydney", () => {
    const ny = fitOf(check(upload(LEARNER), { timeZone: "America/New_York" }, ["PM-101-A1"]), "PM-101-A1");
    expect(ny.reasons.join(" ")).toMatch(/Discussion post, due 10 Mar/);
  });
});

describe("week ranges in one form", () => {
  it("a New York learner reads Monday-to-Sunday weeks for a New York section and a Chicago one alike", () => {
    const outcome = check(upload(WORK), { timeZone: "America/New_York" }, ["PM-101-A1", "PM-101-H1"]);
    const details = fitDetails(outcome.result, outcome.occurrences, outcome.result.preferences);
    const labels = details.sections.map((s) => s.async?.weeks.slice(0, 2).map((w) => w.label));
    // H1's Sunday 23:59 Chicago deadline is Monday 00:59 in New York: still the week of Mon 11 – Sun 17 Jan.
    expect(labels).toEqual([
      ["Mon 11 Jan – Sun 17 Jan", "Mon 18 Jan – Sun 24 Jan"],
      ["Mon 11 Jan – Sun 17 Jan", "Mon 18 Jan – Sun 24 Jan"],
    ]);
    for (const s of details.sections) for (const w of s.async?.weeks ?? []) expect(w.label).toMatch(/^[A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} – [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}$/);
  });

  it("the reasons name weeks the same way", () => {
    const f = fitOf(check(upload(LEARNER), { timeZone: "America/New_York" }, ["PM-101-A1"]), "PM-101-A1");
    expect(f.reasons.join(" ")).toMatch(/Mon 8 Mar – Sun 14 Mar/);
  });
});

describe("why the best section is best", () => {
  it("names the deciding rule, after the side-by-side summary", () => {
    const outcome = check(upload(WORK), { timeZone: "America/New_York" }, ["PM-101-S1", "PM-101-A1", "PM-101-H1"]);
    const course = outcome.result.courses[0];
    expect(outcome.result.sections.map((s) => s.verdict)).toEqual(["fits", "fits", "fits"]);
    expect(course?.bestReason).toMatch(new RegExp(`^${course?.best[0]} fits best: of the sections that fit, it leaves the most spare study time in its tightest week \\(`));
    expect(course?.summary.endsWith(course.bestReason)).toBe(true);
  });

  it("when none fits, says which comes closest and why", () => {
    const outcome = check(upload(LEARNER), { timeZone: "America/New_York" }, ["PM-101-S1", "PM-101-A1", "PM-101-H1"]);
    const course = outcome.result.courses[0];
    // S1 misses 16 sessions; H1 one session (10 Mar, the Denver trip) and A1 one deadline (the
    // discussion post of 10 Mar): a tie on misses, so spare study time decides.
    expect(course?.best).toEqual(["PM-101-H1", "PM-101-A1", "PM-101-S1"]);
    expect(course?.bestReason).toBe(
      "None of the sections fits; PM-101-H1 comes closest: of the sections that do not fit, it leaves the most spare study time in its tightest week (2.5 hours to spare, against 0.5 hours short for PM-101-A1).",
    );
  });

  it("the API's courses carry it in the summary", async () => {
    const body = await api(WORK, [["course", "PM-101"]]);
    expect(body.courses[0]?.summary).toMatch(/ fits best: /);
  });
});
