/**
 * Rules that make naive expanders loop forever, walk for minutes, or answer wrongly: each is
 * refused per event, bounded, or answered exactly. No timing assertions: vitest's test timeout is
 * what catches a hang.
 */
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";
import type { CalendarEvent, ImportIssue } from "@/lib/calendar";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";

const MIN = 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

function vevent(uid: string, dtstart: string, rrule: string, extra: readonly string[] = []): string[] {
  return ["BEGIN:VEVENT", `UID:${uid}`, dtstart, `RRULE:${rrule}`, ...extra, "END:VEVENT"];
}

function calendar(...events: string[][]): string[] {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FormatFit tests//EN", ...events.flat(), "END:VCALENDAR"];
}

function load(lines: readonly string[]): { events: CalendarEvent[]; issues: ImportIssue[] } {
  const result = importIcs(lines.join("\r\n"));
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues)}`);
  return { events: result.calendar.events, issues: result.issues };
}

function expandOne(dtstart: string, rrule: string, from: string, to: string, viewerZone = "UTC", extra: readonly string[] = []) {
  const { events, issues } = load(calendar(vevent("x", dtstart, rrule, extra)));
  expect(issues).toEqual([]);
  return expandEvents(events, { from: Date.parse(from), to: Date.parse(to) }, { viewerZone });
}

/** Like {@link expandOne} for a rule that can never match after DTSTART: one RRULE_NEVER_MATCHES warning, DTSTART kept. */
function expandNever(dtstart: string, rrule: string, from: string, to: string) {
  const { events, issues } = load(calendar(vevent("x", dtstart, rrule)));
  expect(issues.map((i) => [i.code, i.severity, i.line])).toEqual([["RRULE_NEVER_MATCHES", "warning", 7]]);
  expect(issues[0]?.message).toContain("BYSETPOS");
  return expandEvents(events, { from: Date.parse(from), to: Date.parse(to) }, { viewerZone: "UTC" });
}

function iso(occurrences: readonly Occurrence[]): string[] {
  return occurrences.map((o) => new Date(o.start).toISOString().replace(".000Z", "Z"));
}

/** True when starts run from `first` in steps of `step` ms with no gap. */
function isArithmetic(occurrences: readonly Occurrence[], first: number, step: number): boolean {
  return occurrences.every((o, i) => o.start === first + i * step);
}

describe("rules that can never produce an instance after DTSTART: RRULE_NEVER_MATCHES, the rule dropped, DTSTART kept", () => {
  const hostile: [string, string, string][] = [
    ["February 30th, daily", "DTSTART:20270101T090000Z", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"],
    ["every 2 hours from an even hour, at 01:xx", "DTSTART:20270101T100000Z", "FREQ=HOURLY;INTERVAL=2;BYHOUR=1"],
    ["every 2 minutes from an even minute, at minute 1", "DTSTART:20270101T100000Z", "FREQ=MINUTELY;INTERVAL=2;BYMINUTE=1"],
    ["every 7 days from a Tuesday, on Mondays", "DTSTART:20270105T090000Z", "FREQ=DAILY;INTERVAL=7;BYDAY=MO"],
    ["every 12 months from February, on the 31st", "DTSTART:20270215T090000Z", "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31"],
    ["every 2 seconds from an even second, at second 1", "DTSTART:20270101T100000Z", "FREQ=SECONDLY;INTERVAL=2;BYSECOND=1"],
    ["every 1440 minutes from 10:00, at 05:xx", "DTSTART:20270101T100000Z", "FREQ=MINUTELY;INTERVAL=1440;BYHOUR=5"],
    ["April 31st", "DTSTART:20270101T090000Z", "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31"],
    ["every 2 months from January, in February", "DTSTART:20270115T090000Z", "FREQ=MONTHLY;INTERVAL=2;BYMONTH=2"],
    ["every 7 days from a zoned Tuesday, on Mondays", "DTSTART;TZID=America/New_York:20270105T090000", "FREQ=DAILY;INTERVAL=7;BYDAY=MO"],
  ];

  it.each(hostile)("%s", (_name, dtstart, rrule) => {
    const lines = calendar(vevent("good-1", "DTSTART:20270104T090000Z", "FREQ=WEEKLY;COUNT=3"), vevent("hostile", dtstart, rrule), vevent("good-2", "DTSTART:20270105T090000Z", "FREQ=DAILY;COUNT=2"));
    const { events, issues } = load(lines);
    // RFC 5545: DTSTART is always the first instance, so the event stays, without its rule.
    expect(events.map((e) => e.uid)).toEqual(["good-1", "hostile", "good-2"]);
    expect(events.find((e) => e.uid === "hostile")?.rrules).toEqual([]);
    expect(issues).toHaveLength(1);
    const issue = issues[0] as ImportIssue;
    const line = lines.indexOf(`RRULE:${rrule}`) + 1;
    expect(issue).toMatchObject({ code: "RRULE_NEVER_MATCHES", severity: "warning", line, uid: "hostile" });
    expect(issue.message).toContain(`Line ${line}`);
    expect(issue.message).toContain(rrule);
    const { occurrences, warnings } = expandEvents(events, { from: Date.parse("2027-01-01T00:00:00Z"), to: Date.parse("2027-02-01T00:00:00Z") }, { viewerZone: "UTC" });
    expect(warnings).toEqual([]);
    // Only DTSTART remains: one occurrence when it lies in the January window.
    const hostileStarts = occurrences.filter((o) => o.uid === "hostile");
    expect(hostileStarts).toHaveLength(dtstart.includes(":202701") ? 1 : 0);
    expect(occurrences.filter((o) => o.uid !== "hostile").map((o) => `${o.uid} ${new Date(o.start).toISOString()}`)).toEqual([
      "good-1 2027-01-04T09:00:00.000Z",
      "good-2 2027-01-05T09:00:00.000Z",
      "good-2 2027-01-06T09:00:00.000Z",
      "good-1 2027-01-11T09:00:00.000Z",
      "good-1 2027-01-18T09:00:00.000Z",
    ]);
  });

  it("all of them in one file: one issue each, at its own line, and every event keeps its DTSTART", () => {
    const lines = calendar(...hostile.map(([, d, r], i) => vevent(`hostile-${i}`, d, r)), vevent("good", "DTSTART:20270104T090000Z", "FREQ=DAILY;COUNT=2"));
    const { events, issues } = load(lines);
    expect(events.map((e) => e.uid)).toEqual([...hostile.map((_h, i) => `hostile-${i}`), "good"]);
    expect(issues.map((i) => [i.code, i.line, i.uid])).toEqual(hostile.map((_h, i) => ["RRULE_NEVER_MATCHES", lines.indexOf(`UID:hostile-${i}`) + 3, `hostile-${i}`]));
  });

  it("a rule that matches only rarely is not refused (Feb 29 on a Sunday: next in 2032)", () => {
    const { occurrences } = expandOne("DTSTART:20270104T090000Z", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=SU", "2031-01-01T00:00:00Z", "2033-01-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2032-02-29T09:00:00Z"]);
  });

  it("INTERVAL=-2 is INVALID_RRULE, not a rule read as INTERVAL=1 (ical.js drops the sign)", () => {
    const lines = calendar(vevent("neg", "DTSTART:20270104T090000Z", "FREQ=DAILY;INTERVAL=-2"), vevent("good", "DTSTART:20270104T090000Z", "FREQ=DAILY;COUNT=1"));
    const { events, issues } = load(lines);
    expect(events.map((e) => e.uid)).toEqual(["good"]);
    expect(issues.map((i) => [i.code, i.line])).toEqual([["INVALID_RRULE", 7]]);
    expect(issues[0]?.message).toMatch(/INTERVAL=-2/);
  });
});

describe("huge or unbounded rules over small windows: exact answers, without walking from DTSTART", () => {
  it("FREQ=SECONDLY with no end, over one hour: exactly 3600 instances, one per second", () => {
    const { occurrences, warnings } = expandOne("DTSTART:20270101T000000Z", "FREQ=SECONDLY", "2027-03-01T10:00:00Z", "2027-03-01T11:00:00Z");
    expect(warnings).toEqual([]);
    expect(occurrences).toHaveLength(3600);
    expect(isArithmetic(occurrences, Date.parse("2027-03-01T10:00:00Z"), 1000)).toBe(true);
  });

  it("FREQ=SECONDLY;COUNT=1000000000 from 2020, over one minute in 2027: exactly 60", () => {
    const { occurrences, warnings } = expandOne("DTSTART:20200101T000000Z", "FREQ=SECONDLY;COUNT=1000000000", "2027-06-15T12:00:00Z", "2027-06-15T12:01:00Z");
    expect(warnings).toEqual([]);
    expect(occurrences).toHaveLength(60);
    expect(isArithmetic(occurrences, Date.parse("2027-06-15T12:00:00Z"), 1000)).toBe(true);
  });

  it("a COUNT that runs out inside the window is honoured exactly (DAILY;COUNT=2620 from 2020-01-01 ends 2027-03-04)", () => {
    // 2020-01-01 + 2619 days = 2027-03-04 (2020 and 2024 are leap years).
    const { occurrences } = expandOne("DTSTART:20200101T000000Z", "FREQ=DAILY;COUNT=2620", "2027-03-01T00:00:00Z", "2027-03-10T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-03-01T00:00:00Z", "2027-03-02T00:00:00Z", "2027-03-03T00:00:00Z", "2027-03-04T00:00:00Z"]);
  });

  it("a daily rule from 1900 expanded in 2027 gives the right instances (UTC)", () => {
    const { occurrences, warnings } = expandOne("DTSTART:19000101T090000Z", "FREQ=DAILY", "2027-03-01T00:00:00Z", "2027-03-04T00:00:00Z");
    expect(warnings).toEqual([]);
    expect(iso(occurrences)).toEqual(["2027-03-01T09:00:00Z", "2027-03-02T09:00:00Z", "2027-03-03T09:00:00Z"]);
  });

  it("a daily rule from 1900 in America/New_York keeps 09:00 wall time across the 2027-03-14 DST change", () => {
    const { occurrences } = expandOne("DTSTART;TZID=America/New_York:19000101T090000", "FREQ=DAILY", "2027-03-13T00:00:00Z", "2027-03-16T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-15T13:00:00Z"]);
  });

  it("every 3 weeks from Monday 1900-01-01 stays on its grid in 2027", () => {
    // Instances fall on 1900-01-01 + 21k days; find the ones in the window by arithmetic.
    const from = Date.parse("2027-03-01T00:00:00Z");
    const to = Date.parse("2027-05-01T00:00:00Z");
    const first = Date.UTC(1900, 0, 1, 9);
    const expected: string[] = [];
    for (let t = first + Math.ceil((from - first) / (3 * WEEK)) * 3 * WEEK; t < to; t += 3 * WEEK) expected.push(new Date(t).toISOString().replace(".000Z", "Z"));
    expect(expected.length).toBe(3);
    const { occurrences } = expandOne("DTSTART:19000101T090000Z", "FREQ=WEEKLY;INTERVAL=3", "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(expected);
  });

  it("every 5 months from 1900-01-15 stays on its grid in 2027 (month 1524 + 1 = February)", () => {
    const { occurrences } = expandOne("DTSTART:19000115T090000Z", "FREQ=MONTHLY;INTERVAL=5", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-02-15T09:00:00Z", "2027-07-15T09:00:00Z", "2027-12-15T09:00:00Z"]);
  });
});

describe("jump-ahead keeps ordinal, week-number and set-position rules on their grid (RFC 5545 examples, decades on)", () => {
  it.each([
    ["the 20th Monday of the year", "DTSTART:19970519T090000Z", "FREQ=YEARLY;BYDAY=20MO", "2027-01-01T00:00:00Z", "2029-01-01T00:00:00Z", ["2027-05-17T09:00:00Z", "2028-05-15T09:00:00Z"]],
    ["Monday of ISO week 20", "DTSTART:19970512T090000Z", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "2027-01-01T00:00:00Z", "2029-01-01T00:00:00Z", ["2027-05-17T09:00:00Z", "2028-05-15T09:00:00Z"]],
    ["the second-to-last weekday of the month", "DTSTART:19970929T090000Z", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z", ["2027-01-28T09:00:00Z", "2027-02-25T09:00:00Z", "2027-03-30T09:00:00Z"]],
    ["US election day every 4 years", "DTSTART:19961105T090000Z", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", "2027-01-01T00:00:00Z", "2033-01-01T00:00:00Z", ["2028-11-07T09:00:00Z", "2032-11-02T09:00:00Z"]],
    ["the 2nd of MO,WE,FR every other week", "DTSTART:20270104T090000Z", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;BYSETPOS=2", "2029-01-01T00:00:00Z", "2029-02-01T00:00:00Z", ["2029-01-03T09:00:00Z", "2029-01-17T09:00:00Z", "2029-01-31T09:00:00Z"]],
    ["every other week on TU,SU with WKST=SU", "DTSTART:19970805T090000Z", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,SU;WKST=SU", "2027-08-01T00:00:00Z", "2027-09-01T00:00:00Z", ["2027-08-08T09:00:00Z", "2027-08-10T09:00:00Z", "2027-08-22T09:00:00Z", "2027-08-24T09:00:00Z"]],
    ["the 31st every other month (months without one skipped)", "DTSTART:20270131T090000Z", "FREQ=MONTHLY;INTERVAL=2", "2031-01-01T00:00:00Z", "2032-01-01T00:00:00Z", ["2031-01-31T09:00:00Z", "2031-03-31T09:00:00Z", "2031-05-31T09:00:00Z", "2031-07-31T09:00:00Z"]],
  ])("%s", (_name, dtstart, rrule, from, to, expected) => {
    expect(iso(expandOne(dtstart, rrule, from, to).occurrences)).toEqual(expected);
  });
});

describe("expansion caps (ExpandOptions: maxStepsPerRule 200,000 and maxOccurrences 500,000 by default)", () => {
  const from = Date.parse("2027-01-04T00:00:00Z");

  it("FREQ=MINUTELY with no end over 16 weeks: 161,280 instances fit under the default cap, so all are returned", () => {
    const { occurrences, warnings } = expandOne("DTSTART:20270101T000000Z", "FREQ=MINUTELY", "2027-01-04T00:00:00Z", new Date(from + 16 * WEEK).toISOString());
    expect(warnings).toEqual([]);
    expect(occurrences).toHaveLength(16 * 7 * 24 * 60);
    expect(isArithmetic(occurrences, from, MIN)).toBe(true);
  });

  it("FREQ=MINUTELY with no end over 20 weeks (201,600 instances): EXPANSION_CAPPED, and a gap-free prefix of the window", () => {
    const { occurrences, warnings } = expandOne("DTSTART:20270101T000000Z", "FREQ=MINUTELY", "2027-01-04T00:00:00Z", new Date(from + 20 * WEEK).toISOString());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "EXPANSION_CAPPED", severity: "warning", line: 7, uid: "x" });
    expect(warnings[0]?.message).toContain("200,000");
    expect(warnings[0]?.message).toContain("FREQ=MINUTELY");
    expect(occurrences.length).toBeGreaterThan(150_000);
    expect(occurrences.length).toBeLessThan(200_000);
    expect(isArithmetic(occurrences, from, MIN)).toBe(true);
  });

  it("a lower maxStepsPerRule caps the same 16 weeks", () => {
    const { events } = load(calendar(vevent("x", "DTSTART:20270101T000000Z", "FREQ=MINUTELY")));
    const { occurrences, warnings } = expandEvents(events, { from, to: from + 16 * WEEK }, { viewerZone: "UTC", maxStepsPerRule: 50_000 });
    expect(warnings.map((w) => w.code)).toEqual(["EXPANSION_CAPPED"]);
    expect(warnings[0]?.message).toContain("50,000");
    expect(occurrences.length).toBeLessThan(50_000);
    expect(isArithmetic(occurrences, from, MIN)).toBe(true);
  });

  it("maxOccurrences caps the total across events while expanding: the first series keeps its earliest, one EXPANSION_BUDGET error", () => {
    const { events } = load(calendar(vevent("a", "DTSTART:20270101T000000Z", "FREQ=MINUTELY"), vevent("b", "DTSTART:20270101T000000Z", "FREQ=MINUTELY")));
    const { occurrences, warnings, complete } = expandEvents(events, { from, to: from + 2 * DAY }, { viewerZone: "UTC", maxOccurrences: 1000 });
    expect(complete).toBe(false);
    expect(warnings.map((w) => [w.code, w.severity])).toEqual([["EXPANSION_BUDGET", "error"]]);
    expect(warnings[0]?.message).toContain("1,000 occurrences");
    expect(warnings[0]?.message).toContain("2 events were cut short or left out (at lines 4, 9)");
    expect(occurrences).toHaveLength(1000);
    // Equal cost: the first in the file is expanded first, up to the limit; the second gets nothing.
    expect(occurrences.every((o) => o.uid === "a")).toBe(true);
    expect(isArithmetic(occurrences, from, MIN)).toBe(true);
  });
});

describe("BYSETPOS out of range (rrule alone returns the first of the set for an out-of-range negative position)", () => {
  it("MONTHLY weekdays, BYSETPOS=-1: the last weekday of each month", () => {
    const { occurrences } = expandOne("DTSTART:20270301T090000Z", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2027-03-01T00:00:00Z", "2027-09-01T00:00:00Z");
    // DTSTART (Mon 1 March) is the first instance even though the rule does not produce it.
    expect(iso(occurrences)).toEqual([
      "2027-03-01T09:00:00Z",
      "2027-03-31T09:00:00Z",
      "2027-04-30T09:00:00Z",
      "2027-05-31T09:00:00Z",
      "2027-06-30T09:00:00Z",
      "2027-07-30T09:00:00Z",
      "2027-08-31T09:00:00Z",
    ]);
  });

  it("MONTHLY weekdays, BYSETPOS=-10: a month has 20–23 weekdays, so the tenth from last exists", () => {
    const { occurrences } = expandOne("DTSTART:20270301T090000Z", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-10", "2027-03-02T00:00:00Z", "2027-06-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-03-18T09:00:00Z", "2027-04-19T09:00:00Z", "2027-05-18T09:00:00Z"]);
  });

  it("WEEKLY weekdays (a 5-element set), BYSETPOS=-10: nothing after DTSTART, and a warning", () => {
    const { occurrences } = expandNever("DTSTART:20270104T090000Z", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-10", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-01-04T09:00:00Z"]);
  });

  it("WEEKLY weekdays (a 5-element set), BYSETPOS=6: nothing after DTSTART, and a warning", () => {
    const { occurrences } = expandNever("DTSTART:20270104T090000Z", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=6", "2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-01-04T09:00:00Z"]);
  });

  it("WEEKLY weekdays, BYSETPOS=-1: Fridays (after DTSTART on a Monday)", () => {
    const { occurrences } = expandOne("DTSTART:20270104T090000Z", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-01-04T09:00:00Z", "2027-01-08T09:00:00Z", "2027-01-15T09:00:00Z", "2027-01-22T09:00:00Z", "2027-01-29T09:00:00Z"]);
  });

  it("WEEKLY weekdays, BYSETPOS=-10 far from DTSTART: nothing at all", () => {
    const { occurrences } = expandNever("DTSTART:20270104T090000Z", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-10", "2029-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    expect(occurrences).toEqual([]);
  });

  it("MONTHLY Mondays, BYSETPOS=-6: no month has six Mondays, so nothing after DTSTART, and a warning", () => {
    const { occurrences } = expandNever("DTSTART:20270104T090000Z", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-01-04T09:00:00Z"]);
  });

  it("MONTHLY Mondays, BYSETPOS=5: only the months with five Mondays", () => {
    const { occurrences } = expandOne("DTSTART:20270104T090000Z", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5", "2027-01-05T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(iso(occurrences)).toEqual(["2027-03-29T09:00:00Z", "2027-05-31T09:00:00Z", "2027-08-30T09:00:00Z", "2027-11-29T09:00:00Z"]);
  });
});
