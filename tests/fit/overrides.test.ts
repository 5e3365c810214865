/**
 * A learner's weekly series with an EXDATE, an UNTIL and one instance moved to another weekday
 * (RECURRENCE-ID), against a section's sessions. Hand-computed; January and February 2027 are all
 * US Eastern standard time (UTC−5), and 11 Jan 2027 is a Monday (1 Jan is a Friday).
 *
 * Section WK-100-S1 (fixtures/catalog/fit-weekly.json): Mondays and Wednesdays 18:00–19:30 New York,
 * 11 Jan – 28 Feb → 14 sessions:
 *   Mon 11, 18, 25 Jan, 1, 8, 15, 22 Feb; Wed 13, 20, 27 Jan, 3, 10, 17, 24 Feb,
 *   each 23:00Z–00:30Z (next day).
 *
 * Learner (fixtures/ics/fit-weekly-exdate-until-moved.ics): "Team sync" Mondays 18:30–19:30 from
 * 11 Jan, UNTIL=20270208T233000Z (exactly the 8 Feb instance, 18:30 EST, so it is included),
 * EXDATE 18 Jan (a holiday), and the 25 Jan instance moved to Wednesday 27 Jan 18:00–19:00.
 *   Instances: 11 Jan, 27 Jan (moved), 1 Feb, 8 Feb. Not 18 Jan (EXDATE), not 25 Jan (moved
 *   away), not 15 or 22 Feb (after UNTIL).
 *
 * Clashes: Mon 11 Jan (18:30–19:30 inside 18:00–19:30 → 60 min), Wed 27 Jan (18:00–19:00 → 60),
 * Mon 1 Feb (60), Mon 8 Feb (60). 4 of 14.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "@/lib/catalog";
import { checkFit, chooseSections, preferencesFrom, termWindow, type SectionFit } from "@/lib/fit";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";
import { iso } from "../helpers/ics";

const FIXTURES = new URL("../fixtures/", import.meta.url);
const CATALOG_PATH = fileURLToPath(new URL("catalog/fit-weekly.json", FIXTURES));
const CATALOG = parseCatalog(readFileSync(CATALOG_PATH, "utf8"), CATALOG_PATH);
const ICS = readFileSync(fileURLToPath(new URL("ics/fit-weekly-exdate-until-moved.ics", FIXTURES)), "utf8");

function occurrences() {
  const result = importIcs(ICS);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(CATALOG, ["WK-100-S1"]).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone: "America/New_York" }).occurrences;
}

const prefs = preferencesFrom({ timeZone: "America/New_York" });

function fit(ignoredUids: string[] = []): SectionFit {
  const result = checkFit({ catalog: CATALOG, sectionIds: ["WK-100-S1"], occurrences: occurrences(), preferences: { ...prefs, ignoredUids } });
  return result.sections[0] as SectionFit;
}

describe("a weekly series with EXDATE, UNTIL and a moved instance, against Monday/Wednesday sessions", () => {
  it("expands the learner's series to 11 Jan, 27 Jan (moved), 1 Feb and 8 Feb (the UNTIL instant itself)", () => {
    // Stated here so a failure below points at the fit, not at the expansion.
    expect(occurrences().map((o) => `${iso(o.start)}/${iso(o.end)}`)).toEqual([
      "2027-01-11T23:30:00Z/2027-01-12T00:30:00Z",
      "2027-01-27T23:00:00Z/2027-01-28T00:00:00Z",
      "2027-02-01T23:30:00Z/2027-02-02T00:30:00Z",
      "2027-02-08T23:30:00Z/2027-02-09T00:30:00Z",
    ]);
  });

  it("clashes with exactly four of the 14 sessions, 60 minutes each", () => {
    const f = fit();
    expect(f.live?.sessions).toHaveLength(14);
    expect(f.live?.conflicts.map((c) => ({ start: iso(c.session.start), end: iso(c.session.end), overlapMinutes: c.overlapMinutes }))).toEqual([
      { start: "2027-01-11T23:00:00Z", end: "2027-01-12T00:30:00Z", overlapMinutes: 60 },
      { start: "2027-01-27T23:00:00Z", end: "2027-01-28T00:30:00Z", overlapMinutes: 60 },
      { start: "2027-02-01T23:00:00Z", end: "2027-02-02T00:30:00Z", overlapMinutes: 60 },
      { start: "2027-02-08T23:00:00Z", end: "2027-02-09T00:30:00Z", overlapMinutes: 60 },
    ]);
  });

  it("names the moved instance (its own summary) as the busy event behind the Wednesday clash", () => {
    const wednesday = fit().live?.conflicts[1];
    expect(wednesday?.busy.map((b) => [b.uid, b.summary, iso(b.start), iso(b.end)])).toEqual([
      ["team-sync@fit.test", "Team sync (moved to Wednesday)", "2027-01-27T23:00:00Z", "2027-01-28T00:00:00Z"],
    ]);
  });

  it("does not clash on 18 Jan (EXDATE), 25 Jan (moved away) or 15 and 22 Feb (after UNTIL)", () => {
    const clashDates = (fit().live?.conflicts ?? []).map((c) => c.session.localDate);
    for (const date of ["2027-01-18", "2027-01-25", "2027-02-15", "2027-02-22"]) expect(clashDates).not.toContain(date);
  });

  it("judges 4 missed of 14 (28.6%) as more than the 25% a recorded section allows", () => {
    const f = fit();
    expect(f.live?.missed).toBe(4);
    expect(f.verdict).toBe("does-not-fit");
    expect(f.reasons).toContain("That is more than the 25% of sessions you can miss and keep up even with recordings.");
  });

  it("fits once the series is ignored (what-if), from the same occurrences", () => {
    const f = fit(["team-sync@fit.test"]);
    expect(f.live?.conflicts).toEqual([]);
    expect(f.verdict).toBe("fits");
  });
});
