/**
 * Preferences that change the answer, and "what if" recomputed from the same occurrences.
 *
 * FIT-100-S1 (fixtures/catalog/fit-small.json): Tue + Thu 18:30–20:00 New York, 11 Jan – 7 Feb
 * 2027 (EST, UTC−5) → 8 sessions, 23:30Z–01:00Z; recordings "all".
 *   Tuesdays 12, 19, 26 Jan, 2 Feb; Thursdays 14, 21, 28 Jan, 4 Feb.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "@/lib/catalog";
import { checkFit, chooseSections, DEFAULT_FIT_PREFERENCES, preferencesFrom, termWindow, type FitPreferences, type SectionFit } from "@/lib/fit";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { ics, iso } from "../helpers/ics";

const CATALOG_PATH = fileURLToPath(new URL("../fixtures/catalog/fit-small.json", import.meta.url));
const CATALOG = parseCatalog(readFileSync(CATALOG_PATH, "utf8"), CATALOG_PATH);

function occurrencesOf(text: string): Occurrence[] {
  const result = importIcs(text);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(CATALOG, ["FIT-100-S1"]).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone: "America/New_York" }).occurrences;
}

function s1(occurrences: readonly Occurrence[], preferences: FitPreferences): SectionFit {
  return checkFit({ catalog: CATALOG, sectionIds: ["FIT-100-S1"], occurrences, preferences }).sections[0] as SectionFit;
}

const conflicts = (f: SectionFit) => (f.live?.conflicts ?? []).map((c) => `${iso(c.session.start)} ${c.overlapMinutes}${c.partial ? " partial" : ""}`);
const base = preferencesFrom({ timeZone: "America/New_York" });

describe("the documented defaults", () => {
  it("are 07:00–22:00 every day, 30-minute blocks, 4 h a day, no buffers, and the verdict thresholds", () => {
    expect(DEFAULT_FIT_PREFERENCES.studyWindows).toEqual([{ days: [0, 1, 2, 3, 4, 5, 6], start: "07:00", end: "22:00" }]);
    expect(DEFAULT_FIT_PREFERENCES.minBlockMinutes).toBe(30);
    expect(DEFAULT_FIT_PREFERENCES.dailyCapHours).toBe(4);
    expect([DEFAULT_FIT_PREFERENCES.bufferBeforeMinutes, DEFAULT_FIT_PREFERENCES.bufferAfterMinutes]).toEqual([0, 0]);
    expect(DEFAULT_FIT_PREFERENCES.tentativeIsBusy).toBe(true);
    expect(DEFAULT_FIT_PREFERENCES.lateJoinMinutes).toBe(15);
    expect(DEFAULT_FIT_PREFERENCES.sleepHours).toEqual({ start: "23:00", end: "06:00" });
    expect(DEFAULT_FIT_PREFERENCES.watchRecordings).toBe(false);
    expect(DEFAULT_FIT_PREFERENCES.studyBufferMinutes).toBe(30);
    expect(DEFAULT_FIT_PREFERENCES.thresholds).toEqual({
      maxMissedShareRecorded: 0.25,
      maxMissedShareUnrecorded: 0.1,
      crunchSlackHours: 2,
      maxCrunchWeekShare: 0,
    });
  });

  it("rejects a bad preference, naming it", () => {
    expect(() => preferencesFrom({ timeZone: "Mars/Olympus_Mons" })).toThrow(/timeZone/);
    expect(() => preferencesFrom({ studyWindows: [{ days: [7], start: "07:00", end: "22:00" }] })).toThrow(/studyWindows/);
    expect(() => preferencesFrom({ lateJoinMinutes: -1 })).toThrow(/lateJoinMinutes/);
    expect(() => preferencesFrom({ sleepHours: { start: "25:00", end: "06:00" } })).toThrow(/sleepHours/);
  });

  it("reads saved preferences that still use the old thresholds.partialOverlapMinutes, and never writes it back", () => {
    const saved = preferencesFrom({ thresholds: { partialOverlapMinutes: 10, crunchSlackHours: 3 } });
    expect(saved.lateJoinMinutes).toBe(10);
    expect(saved.thresholds).toEqual({ maxMissedShareRecorded: 0.25, maxMissedShareUnrecorded: 0.1, crunchSlackHours: 3, maxCrunchWeekShare: 0 });
    // The new name wins when both are there.
    expect(preferencesFrom({ lateJoinMinutes: 5, thresholds: { partialOverlapMinutes: 10 } }).lateJoinMinutes).toBe(5);
  });
});

describe("buffers turn a near miss into a conflict", () => {
  // "Work" Tuesdays 17:00–18:20 (4 Tuesdays from 12 Jan). Without a buffer it ends 10 minutes
  // before the 18:30 session. With 30 minutes after it, busy runs to 18:50: 20 minutes of each
  // Tuesday session, ≥ 15 so not "late", a missed session. 4 of 8 = 50% → does not fit.
  const work = occurrencesOf(
    ics(["UID:work@fit.test", "SUMMARY:Work", "DTSTART;TZID=America/New_York:20270112T170000", "DTEND;TZID=America/New_York:20270112T182000", "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4"]),
  );

  it("no conflict without a buffer", () => {
    const f = s1(work, base);
    expect(conflicts(f)).toEqual([]);
    expect(f.verdict).toBe("fits");
  });

  it("a 30-minute buffer after makes every Tuesday a 20-minute clash", () => {
    const f = s1(work, { ...base, bufferAfterMinutes: 30 });
    expect(conflicts(f)).toEqual(["2027-01-12T23:30:00Z 20", "2027-01-19T23:30:00Z 20", "2027-01-26T23:30:00Z 20", "2027-02-02T23:30:00Z 20"]);
    expect(f.verdict).toBe("does-not-fit");
  });

  it("a 10-minute buffer after only touches the session: no conflict (half-open intervals)", () => {
    expect(conflicts(s1(work, { ...base, bufferAfterMinutes: 10 }))).toEqual([]);
  });

  it("a 15-minute buffer before an event at 20:10 makes a 5-minute 'leave early' (partial) clash", () => {
    // "Late call" Thursday 14 Jan 20:10–21:00; 15 minutes before → busy from 19:55; session ends 20:00.
    const late = occurrencesOf(ics(["UID:late@fit.test", "SUMMARY:Late call", "DTSTART;TZID=America/New_York:20270114T201000", "DTEND;TZID=America/New_York:20270114T210000"]));
    expect(conflicts(s1(late, base))).toEqual([]);
    const f = s1(late, { ...base, bufferBeforeMinutes: 15 });
    expect(conflicts(f)).toEqual(["2027-01-14T23:30:00Z 5 partial"]);
    expect(f.verdict).toBe("fits-with-tradeoffs");
  });
});

describe("what if: ignoring an event, from the same occurrences (no re-import)", () => {
  // "Book club" Thursdays 19:00–20:00 (4 Thursdays from 14 Jan): 60 minutes of each Thursday session.
  const occurrences = occurrencesOf(
    ics(
      ["UID:book-club@fit.test", "SUMMARY:Book club", "DTSTART;TZID=America/New_York:20270114T190000", "DTEND;TZID=America/New_York:20270114T200000", "RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=4"],
      ["UID:dentist@fit.test", "SUMMARY:Dentist", "DTSTART;TZID=America/New_York:20270119T180000", "DTEND;TZID=America/New_York:20270119T190000"],
    ),
  );

  it("clashes with the four Thursdays and one Tuesday", () => {
    // Dentist Tue 19 Jan 18:00–19:00: 18:30–19:00 = 30 minutes of that session.
    expect(conflicts(s1(occurrences, base))).toEqual(["2027-01-14T23:30:00Z 60", "2027-01-19T23:30:00Z 30", "2027-01-21T23:30:00Z 60", "2027-01-28T23:30:00Z 60", "2027-02-04T23:30:00Z 60"]);
  });

  it("ignoring the book club leaves only the dentist; the occurrences are untouched", () => {
    const before = JSON.stringify(occurrences.map((o) => [o.uid, o.start, o.end]));
    const f = s1(occurrences, { ...base, ignoredUids: ["book-club@fit.test"] });
    expect(conflicts(f)).toEqual(["2027-01-19T23:30:00Z 30"]);
    // 1 of 8 = 12.5% ≤ 25% with recordings.
    expect(f.verdict).toBe("fits-with-tradeoffs");
    expect(JSON.stringify(occurrences.map((o) => [o.uid, o.start, o.end]))).toBe(before);
    // And the first answer is unchanged when asked again.
    expect(conflicts(s1(occurrences, base))).toHaveLength(5);
  });

  it("ignoring both fits", () => {
    expect(s1(occurrences, { ...base, ignoredUids: ["book-club@fit.test", "dentist@fit.test"] }).verdict).toBe("fits");
  });
});

describe("busy rules from the preferences", () => {
  const tentative = occurrencesOf(
    ics(["UID:maybe@fit.test", "SUMMARY:Maybe drinks", "STATUS:TENTATIVE", "DTSTART;TZID=America/New_York:20270121T183000", "DTEND;TZID=America/New_York:20270121T200000"]),
  );

  it("a tentative event is busy by default and free when the learner says so", () => {
    expect(conflicts(s1(tentative, base))).toEqual(["2027-01-21T23:30:00Z 90"]);
    expect(conflicts(s1(tentative, { ...base, tentativeIsBusy: false }))).toEqual([]);
  });
});
