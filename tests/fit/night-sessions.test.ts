/**
 * A session that clashes with nothing can still be a cost: PM-101-S1 meets Tue/Thu 18:30–20:00
 * New York, which is 00:30–02:00 the next morning in Paris (23:30–01:00 in the two weeks of March
 * when only the US has changed its clocks). With the default sleep hours (23:00–06:00) every regular
 * session is a night session, and a section mostly at night does not fit; with later sleep hours
 * the same sessions are only outside the study hours (07:00–22:00 by default), a trade-off. The
 * Saturday 10:00 New York workshop (16:00 Paris) is neither. More zones: tests/verdicts/nights.test.ts.
 */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/catalog";
import { checkFit, preferencesFrom } from "@/lib/fit";

describe("sessions at night or outside the learner's study hours", () => {
  const catalog = loadCatalog({ env: {} });
  const s1 = (prefs: unknown) => checkFit({ catalog, sectionIds: ["PM-101-S1"], occurrences: [], preferences: preferencesFrom(prefs) }).sections[0];

  it("does not fit a learner in Paris who sleeps 23:00–06:00, and says recordings would make it a trade-off", () => {
    const fit = s1({ timeZone: "Europe/Paris" });
    expect(fit?.live?.conflicts).toEqual([]);
    // 30 Tue/Thu dates from 12 Jan to 22 Apr, minus the 2 spring-break skips = 28, plus 1 workshop = 29.
    expect(fit?.live?.sessions).toHaveLength(29);
    expect(fit?.live?.night).toHaveLength(28);
    expect(fit?.verdict).toBe("does-not-fit");
    expect(fit?.reasons).toContain(
      "28 of 29 sessions are in your sleep hours (23:00–06:00 your time): attending live would cost you a night's sleep every week. Every session is recorded: if you would watch the recordings instead, say so in your preferences and this section becomes a trade-off.",
    );
    // Night sessions are not named again as "outside the hours you set for study".
    expect(fit?.reasons.some((r) => r.includes("outside the hours"))).toBe(false);
  });

  it("fits with trade-offs when the learner will watch the recordings", () => {
    const fit = s1({ timeZone: "Europe/Paris", watchRecordings: true });
    expect(fit?.verdict).toBe("fits-with-tradeoffs");
    expect(fit?.reasons).toContain(
      "28 of 29 sessions are in your sleep hours (23:00–06:00 your time). Every session is recorded and you said you would watch the recordings, so you can follow the course without attending live: a trade-off.",
    );
  });

  it("is only outside the study hours (a trade-off) for a learner who sleeps 02:00–09:00", () => {
    const fit = s1({ timeZone: "Europe/Paris", sleepHours: { start: "02:00", end: "09:00" } });
    expect(fit?.live?.night).toEqual([]);
    expect(fit?.verdict).toBe("fits-with-tradeoffs");
    expect(fit?.reasons).toContain("28 of 29 sessions fall outside the hours you set for study (07:00–22:00 every day, your time): between 13 Jan and 23 Apr.");
  });

  it("is no cost for a learner in New York", () => {
    const fit = s1({ timeZone: "America/New_York" });
    expect(fit?.verdict).toBe("fits");
    expect(fit?.live?.night).toEqual([]);
    expect(fit?.reasons.some((r) => r.includes("outside the hours") || r.includes("sleep"))).toBe(false);
  });
});
