/**
 * Live sessions across daylight-saving changes, hand-computed (no expectation here was read off
 * the engine).
 *
 * Calendar facts for 2027 used below, from first principles: 1 Jan 2027 is a Friday, so 1 Mar is
 * a Monday (59 days later, 59 mod 7 = 3) and the March Tuesdays are 2, 9, 16, 23 and 30.
 *   - US Eastern: daylight time from the second Sunday of March, 14 Mar 2027, 02:00 local
 *     (EST UTC−5 before, EDT UTC−4 after); back on the first Sunday of November, 7 Nov 2027
 *     (1 Nov 2027 is a Monday), 02:00 EDT → 01:00 EST.
 *   - UK: summer time from the last Sunday of March, 28 Mar 2027, 01:00 UTC (GMT UTC+0 before,
 *     BST UTC+1 after).
 * So from 14 Mar to 27 Mar New York is 4 hours behind London instead of the usual 5.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCatalog, type Catalog } from "@/lib/catalog";
import { sectionSessions } from "@/lib/catalog/sessions";
import { checkFit, chooseSections, preferencesFrom, termWindow } from "@/lib/fit";
import type { SectionFit } from "@/lib/fit";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";
import { ics, iso } from "../helpers/ics";

const FIXTURES = new URL("../fixtures/", import.meta.url);

function catalogFile(name: string): Catalog {
  const path = fileURLToPath(new URL(`catalog/${name}`, FIXTURES));
  return parseCatalog(readFileSync(path, "utf8"), path);
}

/** The learner's occurrences over the chosen sections' terms, through the real importer and expander. */
function occurrencesOf(text: string, catalog: Catalog, sectionIds: readonly string[], viewerZone: string): Occurrence[] {
  const result = importIcs(text);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(catalog, sectionIds).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone }).occurrences;
}

function icsFile(name: string): string {
  return readFileSync(fileURLToPath(new URL(`ics/${name}`, FIXTURES)), "utf8");
}

function only(result: { sections: readonly SectionFit[] }): SectionFit {
  expect(result.sections).toHaveLength(1);
  return result.sections[0] as SectionFit;
}

const conflictsOf = (fit: SectionFit) =>
  (fit.live?.conflicts ?? []).map((c) => ({ start: iso(c.session.start), end: iso(c.session.end), overlapMinutes: c.overlapMinutes, partial: c.partial }));

const DST = catalogFile("fit-dst.json");

describe("a New York section taken from London in March 2027 (DST-100-S1, Tuesdays 18:30–20:00 New York)", () => {
  // Session instants: 18:30 EST = 23:30Z before 14 Mar; 18:30 EDT = 22:30Z from 14 Mar on.
  //   2 Mar 23:30Z–3 Mar 01:00Z · 9 Mar 23:30Z–10 Mar 01:00Z · 16 Mar 22:30Z–17 Mar 00:00Z ·
  //   23 Mar 22:30Z–24 Mar 00:00Z · 30 Mar 22:30Z–31 Mar 00:00Z
  // In London: 23:30 GMT, 23:30 GMT, 22:30 GMT, 22:30 GMT, then 30 Mar 22:30Z = 23:30 BST.
  const london = preferencesFrom({ timeZone: "Europe/London" });

  it("builds the five sessions at 23:30Z before the US change and 22:30Z after it", () => {
    const section = chooseSections(DST, ["DST-100-S1"])[0]?.section;
    if (!section) throw new Error("fixture");
    expect(sectionSessions(section).map((s) => `${iso(s.start)}/${iso(s.end)}`)).toEqual([
      "2027-03-02T23:30:00Z/2027-03-03T01:00:00Z",
      "2027-03-09T23:30:00Z/2027-03-10T01:00:00Z",
      "2027-03-16T22:30:00Z/2027-03-17T00:00:00Z",
      "2027-03-23T22:30:00Z/2027-03-24T00:00:00Z",
      "2027-03-30T22:30:00Z/2027-03-31T00:00:00Z",
    ]);
  });

  it("lists exactly the two mismatch-week sessions (16 and 23 Mar) as shifted to 22:30 London time", () => {
    const fit = only(checkFit({ catalog: DST, sectionIds: ["DST-100-S1"], occurrences: [], preferences: london }));
    // 23:30 happens three times (2, 9, 30 Mar), 22:30 twice: the usual time is 23:30, ending 01:00.
    expect(fit.live?.patterns).toEqual([{ patternIndex: 0, usual: "23:30", usualEnd: "01:00", weekdays: [1] }]);
    expect(fit.live?.shifts).toEqual([{ patternIndex: 0, usual: "23:30", shifted: "22:30", dates: ["2027-03-16", "2027-03-23"] }]);
    expect(fit.reasons.some((r) => r.includes("16 Mar and 23 Mar") && r.includes("22:30") && r.includes("instead of 23:30"))).toBe(true);
  });

  it("shows no shift to a learner in New York itself", () => {
    const fit = only(checkFit({ catalog: DST, sectionIds: ["DST-100-S1"], occurrences: [], preferences: preferencesFrom({ timeZone: "America/New_York" }) }));
    expect(fit.live?.patterns).toEqual([{ patternIndex: 0, usual: "18:30", usualEnd: "20:00", weekdays: [1] }]);
    expect(fit.live?.shifts).toEqual([]);
  });

  it("clashes with a London 22:00–23:00 Tuesday rehearsal in exactly the mismatch weeks, 30 minutes each", () => {
    // The rehearsal is 22:00–23:00 London: 22:00Z–23:00Z in GMT (2, 9, 16, 23 Mar), 21:00Z–22:00Z in BST (30 Mar).
    //   2 and 9 Mar: rehearsal ends 23:00Z, session starts 23:30Z → no overlap.
    //   16 and 23 Mar: session 22:30Z–00:00Z, rehearsal 22:00Z–23:00Z → overlap 22:30–23:00 = 30 min.
    //   30 Mar: rehearsal ends 22:00Z, session starts 22:30Z → no overlap.
    const occurrences = occurrencesOf(icsFile("fit-london-tuesday.ics"), DST, ["DST-100-S1"], "Europe/London");
    const fit = only(checkFit({ catalog: DST, sectionIds: ["DST-100-S1"], occurrences, preferences: london }));
    expect(conflictsOf(fit)).toEqual([
      { start: "2027-03-16T22:30:00Z", end: "2027-03-17T00:00:00Z", overlapMinutes: 30, partial: false },
      { start: "2027-03-23T22:30:00Z", end: "2027-03-24T00:00:00Z", overlapMinutes: 30, partial: false },
    ]);
    expect(fit.live?.conflicts.map((c) => c.busy.map((b) => `${b.uid} ${iso(b.start)}/${iso(b.end)}`))).toEqual([
      ["london-choir@fit.test 2027-03-16T22:00:00Z/2027-03-16T23:00:00Z"],
      ["london-choir@fit.test 2027-03-23T22:00:00Z/2027-03-23T23:00:00Z"],
    ]);
    // 30 min ≥ the 15-minute "late or leave early" threshold: both are missed sessions.
    expect(fit.live?.missed).toBe(2);
    expect(fit.live?.attendanceRate).toBe(0.6); // 3 of 5
    // Recorded ("all"), but 2 of 5 = 40% > 25%.
    expect(fit.verdict).toBe("does-not-fit");
  });
});

describe("an extra meeting in the spring-forward gap (DST-200-S1: extra 2027-03-14T02:30 New York, 60 min)", () => {
  // 02:30 does not exist on 14 Mar in New York (02:00 EST jumps to 03:00 EDT). RFC 5545 §3.3.5:
  // take the offset from before the gap, UTC−5 → 02:30 + 5 h = 07:30Z, which is 03:30 EDT.
  // The session is 07:30Z–08:30Z. Wednesdays at 19:00: 19:00 EST = 00:00Z next day (3, 10 Mar),
  // 19:00 EDT = 23:00Z (17, 24, 31 Mar).
  it("is placed at 07:30Z (03:30 EDT), between the Wednesday sessions", () => {
    const section = chooseSections(DST, ["DST-200-S1"])[0]?.section;
    if (!section) throw new Error("fixture");
    expect(sectionSessions(section).map((s) => `${s.kind} ${iso(s.start)}/${iso(s.end)}`)).toEqual([
      "meeting 2027-03-04T00:00:00Z/2027-03-04T01:00:00Z",
      "meeting 2027-03-11T00:00:00Z/2027-03-11T01:00:00Z",
      "extra 2027-03-14T07:30:00Z/2027-03-14T08:30:00Z",
      "meeting 2027-03-17T23:00:00Z/2027-03-18T00:00:00Z",
      "meeting 2027-03-24T23:00:00Z/2027-03-25T00:00:00Z",
      "meeting 2027-03-31T23:00:00Z/2027-04-01T00:00:00Z",
    ]);
  });

  it("clashes only with the 03:00–04:00 EDT handover (30 min), not with the 06:30Z–07:00Z call", () => {
    // Busy: 06:30Z–07:00Z (a UTC event) and 03:00–04:00 EDT = 07:00Z–08:00Z; they touch, so they
    // merge into one busy interval 06:30Z–08:00Z. Inside the session 07:30Z–08:30Z: 07:30–08:00 = 30 min.
    // Only the handover overlaps the session itself; the call ends at 07:00Z, before it starts.
    // (Had the gap time been read with the offset after the gap, UTC−4, the session would be
    // 06:30Z–07:30Z and the call would clash too.)
    const occurrences = occurrencesOf(icsFile("fit-dst-gap.ics"), DST, ["DST-200-S1"], "America/New_York");
    const fit = only(checkFit({ catalog: DST, sectionIds: ["DST-200-S1"], occurrences, preferences: preferencesFrom({ timeZone: "America/New_York" }) }));
    expect(conflictsOf(fit)).toEqual([{ start: "2027-03-14T07:30:00Z", end: "2027-03-14T08:30:00Z", overlapMinutes: 30, partial: false }]);
    expect(fit.live?.conflicts[0]?.busy.map((b) => b.uid)).toEqual(["night-shift@fit.test"]);
    // 1 missed of 6, recorded: 16.7% ≤ 25%.
    expect(fit.verdict).toBe("fits-with-tradeoffs");
  });
});

describe("an extra meeting at an ambiguous fall-back time (DST-200-S2: extra 2027-11-07T01:30 New York)", () => {
  // 01:30 happens twice on 7 Nov 2027: first in EDT (05:30Z), then in EST (06:30Z). DESIGN.md:
  // an ambiguous time takes the first, so the session is 05:30Z–06:30Z.
  it("takes the first (EDT) instant, 05:30Z", () => {
    const section = chooseSections(DST, ["DST-200-S2"])[0]?.section;
    if (!section) throw new Error("fixture");
    const extra = sectionSessions(section).filter((s) => s.kind === "extra");
    expect(extra.map((s) => `${iso(s.start)}/${iso(s.end)}`)).toEqual(["2027-11-07T05:30:00Z/2027-11-07T06:30:00Z"]);
  });

  it("clashes with a busy 06:00Z–06:30Z (01:00–01:30 EST, the second pass) for 30 minutes", () => {
    const text = ics(["UID:second-pass@fit.test", "SUMMARY:Server maintenance", "DTSTART:20271107T060000Z", "DTEND:20271107T063000Z"]);
    const occurrences = occurrencesOf(text, DST, ["DST-200-S2"], "America/New_York");
    const fit = only(checkFit({ catalog: DST, sectionIds: ["DST-200-S2"], occurrences, preferences: preferencesFrom({ timeZone: "America/New_York" }) }));
    expect(conflictsOf(fit)).toEqual([{ start: "2027-11-07T05:30:00Z", end: "2027-11-07T06:30:00Z", overlapMinutes: 30, partial: false }]);
  });
});
