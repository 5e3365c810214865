/**
 * A session that clashes with nothing can still be a cost: PM-101-S1 meets Tue/Thu 18:30–20:00
 * New York, which is 00:30–02:00 the next morning in Paris (23:30 in the two weeks of March when only
 * the US has changed its clocks). With the default study hours 07:00–22:00, every regular session is
 * outside them; the Saturday 10:00 New York workshop (16:00 Paris) is inside.
 */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/catalog";
import { checkFit, preferencesFrom } from "@/lib/fit";

describe("sessions outside the learner's study hours", () => {
  const catalog = loadCatalog({ env: {} });

  it("makes a clash-free section a trade-off for a learner in Paris, naming how many", () => {
    const fit = checkFit({ catalog, sectionIds: ["PM-101-S1"], occurrences: [], preferences: preferencesFrom({ timeZone: "Europe/Paris" }) })
      .sections[0];
    expect(fit?.live?.conflicts).toEqual([]);
    expect(fit?.verdict).toBe("fits-with-tradeoffs");
    // 30 Tue/Thu dates from 12 Jan to 22 Apr, minus the 2 spring-break skips = 28, plus 1 workshop = 29.
    expect(fit?.live?.sessions).toHaveLength(29);
    expect(fit?.reasons).toContain("28 of 29 sessions fall outside the hours you set for study (07:00–22:00 your time) (28 dates from January to April).");
  });

  it("is no cost for a learner in New York", () => {
    const fit = checkFit({ catalog, sectionIds: ["PM-101-S1"], occurrences: [], preferences: preferencesFrom({ timeZone: "America/New_York" }) }).sections[0];
    expect(fit?.verdict).toBe("fits");
    expect(fit?.reasons.some((r) => r.includes("outside the hours"))).toBe(false);
  });
});
