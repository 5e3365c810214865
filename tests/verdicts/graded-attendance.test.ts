/**
 * Graded attendance (docs/fit.md, "Live sessions"): a clash of at most `lateJoinMinutes` (default
 * 15, inclusive) at the start or the end of a session is attended late or left early; a clash in the
 * middle, or a longer one, is a missed session.
 *
 * The boundaries use PM-240-S2 of the bundled catalog: Tuesdays and Thursdays 19:00–20:30 London,
 * 23 Mar – 13 May 2027 → 16 sessions, all recorded; a learner in London. The first session is Tue 23
 * Mar, 19:00–20:30 GMT (the UK changes clocks on 28 Mar). One event that day per test.
 *
 * Then two calendars from the issue, as a learner would bring them:
 * - London, "Band practice" every Monday 21:00–23:45, against HR-200-S1 (Mondays 18:30–21:00 New
 *   York, 150 minutes, not recorded): 23:30–02:00 in London, except 22 Mar, when the US has changed
 *   its clocks and the UK has not (22:30–01:00). 12 Mondays (18 Jan, 15 Feb, 15 Mar skipped) and a
 *   Saturday make-up (23 Jan 14:30 London): 13 sessions. The band takes the first 15 minutes of 11
 *   Mondays (join late) and 75 minutes of 22 Mar (missed).
 * - Sydney, a stand-up every weekday 09:30–09:45, against PM-101-S1 (Tue/Thu 18:30 New York, all
 *   recorded): 10:30 Wed/Fri in Sydney until the US change (14 Mar), 09:30 until Australia's (4 Apr),
 *   then 08:30. The stand-up takes the first 15 minutes of the 4 sessions from 24 Mar to 2 Apr (join
 *   late) and 15 minutes in the middle of the 6 from 7 Apr to 23 Apr (missed): 6 of 29, 21% ≤ 25%.
 */
import { cliRaw, runTable } from "./helpers";
import { describe, expect, it } from "vitest";
import { api, check, cli, fitOf, ics, sectionOf, upload } from "./helpers";

const LONDON = { timeZone: "Europe/London" };

/** One event on Tue 23 Mar 2027, London wall time (HHMM), through runCheck. */
function clash(from: string, to: string, prefs: object = LONDON) {
  const text = ics(["UID:e@verdicts.test", "SUMMARY:Meeting", `DTSTART;TZID=Europe/London:20270323T${from}00`, `DTEND;TZID=Europe/London:20270323T${to}00`]);
  return fitOf(check(upload(text), prefs, ["PM-240-S2"]), "PM-240-S2");
}

const shape = (f: ReturnType<typeof clash>) => f.live?.conflicts.map((c) => ({ overlap: c.overlapMinutes, partial: c.partial, late: c.lateMinutes, early: c.earlyMinutes }));

describe("a clash at the start of a session", () => {
  it("of exactly 15 minutes is joining late (the tolerance is inclusive): attended, a trade-off", () => {
    const f = clash("1800", "1915");
    expect(shape(f)).toEqual([{ overlap: 15, partial: true, late: 15, early: 0 }]);
    expect([f.live?.missed, f.live?.partial, f.verdict]).toEqual([0, 1, "fits-with-tradeoffs"]);
    expect(f.reasons).toContain("You would join 15 minutes late on 23 Mar.");
    expect(f.reasons.some((r) => r.startsWith("Clashes with"))).toBe(false);
  });

  it("of 16 minutes is a missed session", () => {
    const f = clash("1800", "1916");
    expect(shape(f)).toEqual([{ overlap: 16, partial: false, late: 16, early: 0 }]);
    expect(f.live?.missed).toBe(1);
    expect(f.reasons).toContain("Clashes with 1 of 16 sessions (23 Mar): every session is recorded, so you could catch up on the one you miss. You could attend 94% live.");
  });
});

describe("a clash at the end of a session", () => {
  it("of exactly 15 minutes is leaving early", () => {
    const f = clash("2015", "2100");
    expect(shape(f)).toEqual([{ overlap: 15, partial: true, late: 0, early: 15 }]);
    expect(f.reasons).toContain("You would leave 15 minutes early on 23 Mar.");
  });

  it("of 16 minutes is a missed session", () => {
    expect(shape(clash("2014", "2100"))).toEqual([{ overlap: 16, partial: false, late: 0, early: 16 }]);
  });
});

describe("a clash in the middle of a session", () => {
  it("is a missed session even at 15 minutes: you cannot step out of a class and call it attended", () => {
    const f = clash("1930", "1945");
    expect(shape(f)).toEqual([{ overlap: 15, partial: false, late: 0, early: 0 }]);
    expect(f.live?.missed).toBe(1);
  });
});

describe("clashes at both ends", () => {
  it("within the tolerance at each end are joining late and leaving early", () => {
    const text = ics(
      ["UID:a@verdicts.test", "SUMMARY:Pick-up", "DTSTART;TZID=Europe/London:20270323T183000", "DTEND;TZID=Europe/London:20270323T191000"],
      ["UID:b@verdicts.test", "SUMMARY:Call", "DTSTART;TZID=Europe/London:20270323T202000", "DTEND;TZID=Europe/London:20270323T210000"],
    );
    const f = fitOf(check(upload(text), LONDON, ["PM-240-S2"]), "PM-240-S2");
    expect(shape(f)).toEqual([{ overlap: 20, partial: true, late: 10, early: 10 }]);
    expect(f.reasons).toContain("You would join late and leave early on 23 Mar.");
  });
});

describe("the tolerance is the learner's (lateJoinMinutes: the what-if 'I can join up to N minutes late')", () => {
  it("0 makes any clash a missed session; 30 makes a 30-minute late start attended", () => {
    expect(shape(clash("1800", "1901", { ...LONDON, lateJoinMinutes: 0 }))?.[0]?.partial).toBe(false);
    expect(shape(clash("1800", "1930", { ...LONDON, lateJoinMinutes: 30 }))?.[0]).toEqual({ overlap: 30, partial: true, late: 30, early: 0 });
  });

  it("never counts as attended a session more than half lost, whatever the tolerance", () => {
    // 50 of 90 minutes at the start with a 60-minute tolerance: less than half is left.
    expect(shape(clash("1800", "1950", { ...LONDON, lateJoinMinutes: 60 }))?.[0]).toEqual({ overlap: 50, partial: false, late: 50, early: 0 });
  });
});

const BAND = ics([
  "UID:band@verdicts.test",
  "SUMMARY:Band practice",
  "DTSTART;TZID=Europe/London:20270104T210000",
  "DTEND;TZID=Europe/London:20270104T234500",
  "RRULE:FREQ=WEEKLY;BYDAY=MO",
]);
/** A night owl: asleep 02:30–09:30, so HR-200-S1 (until 02:00) is judged on its clashes alone. */
const NIGHT_OWL = { timeZone: "Europe/London", sleepHours: { start: "02:30", end: "09:30" } };

describe("London: a Monday band practice until 23:45 against a 150-minute session from 23:30 (HR-200-S1)", () => {
  it("joins 11 Mondays 15 minutes late and misses only 22 Mar: fits with trade-offs (1 of 13 missed, 8% ≤ 10%)", () => {
    const f = fitOf(check(upload(BAND), NIGHT_OWL, ["HR-200-S1"]), "HR-200-S1");
    expect([f.live?.sessions.length, f.live?.conflicts.length, f.live?.partial, f.live?.missed]).toEqual([13, 12, 11, 1]);
    expect(f.live?.conflicts.filter((c) => c.partial).every((c) => c.overlapMinutes === 15 && c.lateMinutes === 15)).toBe(true);
    expect(f.verdict).toBe("fits-with-tradeoffs");
    expect(f.reasons).toContain("You would join 15 minutes late on 11 Mondays between 11 Jan and 19 Apr.");
    expect(f.reasons).toContain("Clashes with 1 of 13 sessions (22 Mar): sessions are not recorded, so that session is lost. You could attend 92% live.");
    expect(f.reasons.join(" ")).not.toMatch(/each clash is a session lost|You could attend 8% live/);
  });

  it("with the default sleep hours (23:00–06:00) does not fit — because of the nights, not the 15 minutes", () => {
    const f = fitOf(check(upload(BAND), { timeZone: "Europe/London" }, ["HR-200-S1"]), "HR-200-S1");
    expect(f.verdict).toBe("does-not-fit");
    expect(f.reasons).toContain(
      "12 of 13 sessions are in your sleep hours (23:00–06:00 your time): attending live would cost you a night's sleep every week. Sessions are not recorded, so watching recordings instead is not an option.",
    );
    expect(f.reasons).toContain("You would join 15 minutes late on 11 Mondays between 11 Jan and 19 Apr.");
  });

  it("the CLI says the same in its JSON: live.missed, live.partial and each conflict's partial", () => {
    const { json } = cli({ "band.ics": BAND }, ["--section", "HR-200-S1", "--tz", "Europe/London"]);
    const s = sectionOf(json, "HR-200-S1");
    expect(s.live && [s.live.sessions, s.live.missed, s.live.partial]).toEqual([13, 1, 11]);
    expect(s.live?.conflicts[0]).toEqual({ start: "2027-01-11T23:30:00Z", end: "2027-01-12T02:00:00Z", overlapMinutes: 15, partial: true });
    expect(s.live?.conflicts.find((c) => c.start === "2027-03-22T22:30:00Z")).toEqual({ start: "2027-03-22T22:30:00Z", end: "2027-03-23T01:00:00Z", overlapMinutes: 75, partial: false });
    expect(json.warnings).toEqual([]);
  });

  it("the CLI takes the learner's tolerance (--late) and sleep hours (--sleep), and its table says what each clash costs", () => {
    const json = (late: string) => sectionOf(cli({ "band.ics": BAND }, ["--section", "HR-200-S1", "--tz", "Europe/London", "--sleep", "02:30-09:30", "--late", late]).json, "HR-200-S1");
    expect(json("15").verdict).toBe("fits-with-tradeoffs");
    expect(json("10").live && [json("10").live?.missed, json("10").live?.partial]).toEqual([12, 0]);
    const table = runTable({ "band.ics": BAND }, ["--section", "HR-200-S1", "--tz", "Europe/London", "--sleep", "02:30-09:30"]);
    expect(table).toMatch(/HR-200-S1 +synchronous +fits with trade-offs +1\/13 missed, 11 late\/early/);
    expect(table).toContain("clash 11 Jan: 15 min with Band practice (join 15 min late)");
    expect(table).toContain("clash 22 Mar: 75 min with Band practice (missed)");
  });

  it("the CLI refuses a bad --late, --sleep or --study-buffer in one line naming the option", () => {
    for (const [args, message] of [
      [["--late", "-5"], "--late -5 must be a whole number of minutes from 0 to 120."],
      [["--late", "121"], "--late 121 must be a whole number of minutes from 0 to 120."],
      [["--sleep", "23:00"], '--sleep 23:00 must be two times as HH:MM-HH:MM (for example 23:00-06:00), or "none".'],
      [["--study-buffer", "1.5"], "--study-buffer 1.5 must be a whole number of minutes from 0 to 240."],
    ] as const) {
      const r = cliRaw({ "band.ics": BAND }, ["--section", "HR-200-S1", ...args]);
      expect([r.code, r.stderr]).toEqual([1, `formatfit check: ${message}\n`]);
    }
  });

  it("the API answers the same with the learner's preferences (a night owl): fits with trade-offs", async () => {
    const body = await api(BAND, [
      ["section", "HR-200-S1"],
      ["preferences", JSON.stringify(NIGHT_OWL)],
    ]);
    const s = sectionOf(body, "HR-200-S1");
    expect(s.verdict).toBe("fits-with-tradeoffs");
    expect(s.live && [s.live.missed, s.live.partial]).toEqual([1, 11]);
    expect(s.live?.conflicts.filter((c) => c.partial)).toHaveLength(11);
  });

  it("the API reads a saved preference with the old name (thresholds.partialOverlapMinutes: 0): every clash missed", async () => {
    const body = await api(BAND, [
      ["section", "HR-200-S1"],
      ["preferences", JSON.stringify({ ...NIGHT_OWL, thresholds: { partialOverlapMinutes: 0 } })],
    ]);
    const s = sectionOf(body, "HR-200-S1");
    expect(s.live && [s.live.missed, s.live.partial]).toEqual([12, 0]);
    expect(s.verdict).toBe("does-not-fit");
  });
});

const STANDUP = ics([
  "UID:standup@verdicts.test",
  "SUMMARY:Stand-up",
  "DTSTART;TZID=Australia/Sydney:20270104T093000",
  "DTEND;TZID=Australia/Sydney:20270104T094500",
  "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
]);

describe("Sydney: a 09:30–09:45 stand-up against PM-101-S1 (recorded)", () => {
  const sydney = { timeZone: "Australia/Sydney" };

  it("joins 4 sessions late and misses 6: fits with trade-offs (21% ≤ 25% with recordings), not 'does not fit'", () => {
    const f = fitOf(check(upload(STANDUP), sydney, ["PM-101-S1"]), "PM-101-S1");
    expect(f.live?.conflicts.map((c) => c.overlapMinutes)).toEqual(Array(10).fill(15));
    expect([f.live?.partial, f.live?.missed]).toEqual([4, 6]);
    expect(f.verdict).toBe("fits-with-tradeoffs");
    expect(f.reasons).toContain("You would join 15 minutes late on 4 sessions between 24 Mar and 2 Apr.");
    expect(f.reasons).toContain("Clashes with 6 of 29 sessions (Wednesdays and Fridays in April): every session is recorded, so you could catch up on the ones you miss. You could attend 79% live.");
  });

  it("through the CLI and the API alike", async () => {
    const { json } = cli({ "standup.ics": STANDUP }, ["--section", "PM-101-S1", "--tz", "Australia/Sydney"]);
    const body = await api(STANDUP, [
      ["section", "PM-101-S1"],
      ["preferences", JSON.stringify(sydney)],
    ]);
    for (const s of [sectionOf(json, "PM-101-S1"), sectionOf(body, "PM-101-S1")]) {
      expect(s.verdict).toBe("fits-with-tradeoffs");
      expect(s.live && [s.live.missed, s.live.partial]).toEqual([6, 4]);
    }
  });
});
