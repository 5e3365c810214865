/**
 * Verdict thresholds, one boundary per test.
 *
 * fixtures/catalog/fit-thresholds.json: three sections with the same ten sessions, Tue + Thu
 * 18:30–20:00 New York, 11 Jan – 12 Feb 2027 (EST, UTC−5; 11 Jan is a Monday):
 *   Tue 12, 19, 26 Jan, 2, 9 Feb; Thu 14, 21, 28 Jan, 4, 11 Feb → 10 sessions, 23:30Z–01:00Z.
 * TH-100-ALL records every session, TH-100-NONE none, TH-100-SOME some.
 *
 * Defaults: a clash of at most 15 minutes (inclusive) at the start or the end of a session is
 * attended late or left early (partial); a clash in the middle, or a longer one, is a missed session.
 * Missed share allowed: 25% when every session is recorded, 10% otherwise ("some" counts as not
 * recorded: a missed session may be lost). tests/verdicts/graded-attendance.test.ts has the
 * boundaries on whole calendars.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "@/lib/catalog";
import { checkFit, chooseSections, preferencesFrom, termWindow, type FitPreferences } from "@/lib/fit";
import { whenText, worst } from "@/lib/fit/verdict";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { ics, ms } from "../helpers/ics";

const CATALOG_PATH = fileURLToPath(new URL("../fixtures/catalog/fit-thresholds.json", import.meta.url));
const CATALOG = parseCatalog(readFileSync(CATALOG_PATH, "utf8"), CATALOG_PATH);
const IDS = ["TH-100-ALL", "TH-100-NONE", "TH-100-SOME"];
const prefs = preferencesFrom({ timeZone: "America/New_York" });

function occurrencesOf(...events: string[][]): Occurrence[] {
  const result = importIcs(ics(...events));
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(CATALOG, IDS).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone: "America/New_York" }).occurrences;
}

function event(uid: string, start: string, end: string): string[] {
  return [`UID:${uid}@fit.test`, `SUMMARY:${uid}`, `DTSTART;TZID=America/New_York:${start}`, `DTEND;TZID=America/New_York:${end}`];
}

function verdicts(occurrences: readonly Occurrence[], preferences: FitPreferences = prefs) {
  const r = checkFit({ catalog: CATALOG, sectionIds: IDS, occurrences, preferences });
  return Object.fromEntries(r.sections.map((s) => [s.section.id, { verdict: s.verdict, missed: s.live?.missed, reasons: s.reasons }]));
}

describe("missed sessions against the recording policy (2 of 10 missed = 20%)", () => {
  // Tue 19 Jan 18:30–20:00 covers a whole session (90 min); Thu 28 Jan 19:00–20:00 covers 60 min.
  const two = occurrencesOf(event("school-evening", "20270119T183000", "20270119T200000"), event("client-dinner", "20270128T190000", "20270128T200000"));
  const v = verdicts(two);

  it("recordings all: 20% ≤ 25% → fits with trade-offs", () => {
    expect(v["TH-100-ALL"]?.missed).toBe(2);
    expect(v["TH-100-ALL"]?.verdict).toBe("fits-with-tradeoffs");
    expect(v["TH-100-ALL"]?.reasons).toContain(
      "Clashes with 2 of 10 sessions (19 Jan and 28 Jan): every session is recorded, so you could catch up on the ones you miss. You could attend 80% live.",
    );
  });

  it("recordings none: 20% > 10% → does not fit", () => {
    expect(v["TH-100-NONE"]?.verdict).toBe("does-not-fit");
    expect(v["TH-100-NONE"]?.reasons).toContain("That is more than the 10% of sessions you can miss and keep up.");
  });

  it("recordings some: judged like none (20% > 10%) → does not fit", () => {
    expect(v["TH-100-SOME"]?.verdict).toBe("does-not-fit");
  });

  it("a stricter recorded threshold (15%) makes the recorded section not fit either", () => {
    const strict = preferencesFrom({ timeZone: "America/New_York", thresholds: { maxMissedShareRecorded: 0.15 } });
    expect(verdicts(two, strict)["TH-100-ALL"]?.verdict).toBe("does-not-fit");
  });
});

describe("the 10% boundary for unrecorded sessions", () => {
  it("1 of 10 missed (exactly 10%) still fits with trade-offs", () => {
    const one = occurrencesOf(event("school-evening", "20270119T183000", "20270119T200000"));
    const v = verdicts(one);
    expect(v["TH-100-NONE"]?.missed).toBe(1);
    expect(v["TH-100-NONE"]?.verdict).toBe("fits-with-tradeoffs");
  });
});

describe("short overlaps: join late or leave early", () => {
  it("a 10-minute overlap at the start is partial → fits with trade-offs, saying how late", () => {
    // Tue 12 Jan 18:00–18:40: 18:30–18:40 = the first 10 min of the session → join 10 minutes late.
    const late = occurrencesOf(event("overrun", "20270112T180000", "20270112T184000"));
    const r = checkFit({ catalog: CATALOG, sectionIds: IDS, occurrences: late, preferences: prefs });
    for (const s of r.sections) {
      expect(s.live?.conflicts.map((c) => [c.overlapMinutes, c.partial, c.lateMinutes, c.earlyMinutes])).toEqual([[10, true, 10, 0]]);
      expect(s.live?.missed).toBe(0);
      expect(s.live?.partial).toBe(1);
      expect(s.live?.attendanceRate).toBe(1);
      expect(s.verdict).toBe("fits-with-tradeoffs");
      expect(s.reasons).toContain("You would join 10 minutes late on 12 Jan.");
    }
  });

  it("14 minutes is partial", () => {
    const late = occurrencesOf(event("overrun", "20270112T180000", "20270112T184400"));
    expect(verdicts(late)["TH-100-NONE"]?.missed).toBe(0);
  });

  it("exactly 15 minutes at the start is partial (the tolerance is inclusive)", () => {
    const late = occurrencesOf(event("overrun", "20270112T180000", "20270112T184500"));
    const v = verdicts(late);
    expect(v["TH-100-NONE"]?.missed).toBe(0);
    expect(v["TH-100-NONE"]?.verdict).toBe("fits-with-tradeoffs");
  });

  it("16 minutes at the start is a missed session (1 of 10: fits with trade-offs even without recordings)", () => {
    const late = occurrencesOf(event("overrun", "20270112T180000", "20270112T184600"));
    const v = verdicts(late);
    expect(v["TH-100-NONE"]?.missed).toBe(1);
    expect(v["TH-100-NONE"]?.verdict).toBe("fits-with-tradeoffs");
  });

  it("a higher tolerance (30 min) turns a 20-minute clash at the start into 'late'; the old name still reads", () => {
    const late = occurrencesOf(event("overrun", "20270112T180000", "20270112T185000"));
    expect(verdicts(late)["TH-100-NONE"]?.missed).toBe(1);
    const lenient = preferencesFrom({ timeZone: "America/New_York", lateJoinMinutes: 30 });
    expect(verdicts(late, lenient)["TH-100-NONE"]?.missed).toBe(0);
    // Saved preferences from before lateJoinMinutes carry thresholds.partialOverlapMinutes.
    const saved = preferencesFrom({ timeZone: "America/New_York", thresholds: { partialOverlapMinutes: 30 } });
    expect(saved.lateJoinMinutes).toBe(30);
    expect(verdicts(late, saved)["TH-100-NONE"]?.missed).toBe(0);
  });
});

describe("no clash", () => {
  it("fits, and says so", () => {
    const v = verdicts([]);
    for (const id of IDS) {
      expect(v[id]?.verdict).toBe("fits");
      expect(v[id]?.reasons).toContain("No clash with your calendar in any of the 10 sessions.");
    }
  });
});

describe("worst and whenText", () => {
  it("worst picks the worse verdict and ignores missing parts", () => {
    expect(worst([])).toBe("fits");
    expect(worst([undefined, "fits-with-tradeoffs"])).toBe("fits-with-tradeoffs");
    expect(worst(["does-not-fit", "fits"])).toBe("does-not-fit");
  });

  it("names up to three dates, otherwise the weekdays and months", () => {
    expect(whenText([ms("2027-01-12T23:30:00Z"), ms("2027-01-19T23:30:00Z")], "America/New_York")).toBe("12 Jan and 19 Jan");
    // 22:30Z on an October Tuesday is 18:30 EDT, Tuesday in New York; in Tokyo (UTC+9) it is 07:30 on Wednesday.
    const tuesdays = ["2027-10-05T22:30:00Z", "2027-10-12T22:30:00Z", "2027-10-19T22:30:00Z", "2027-10-26T22:30:00Z"].map(ms);
    expect(whenText(tuesdays, "America/New_York")).toBe("the Tuesdays in October");
    expect(whenText(tuesdays, "Asia/Tokyo")).toBe("the Wednesdays in October");
  });
});
