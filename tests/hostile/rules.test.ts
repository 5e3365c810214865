/**
 * Issue 12: recurrence that used to go wrong silently — an override naming no instance added as an
 * extra occurrence, rules that can never repeat keeping DTSTART without a word, and a COUNT series
 * whose only instance vanished.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { calendar, codes, run, TERM, vevent } from "./helpers";

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const startsOf = (r: ReturnType<typeof run>, uid: string) => r.expansion?.occurrences.filter((o) => o.uid === uid).map((o) => iso(o.start)) ?? [];

/** Mondays 08:00 New York from the term's first Monday, four of them. */
const MONDAYS = vevent("mondays", "DTSTART;TZID=America/New_York:20270111T080000", "DTEND;TZID=America/New_York:20270111T090000", "RRULE:FREQ=WEEKLY;COUNT=4");
const override = (rid: string, start: string) => vevent("mondays", `RECURRENCE-ID;TZID=America/New_York:${rid}`, `DTSTART;TZID=America/New_York:${start}`, `DTEND;TZID=America/New_York:${start.slice(0, 9)}230000`, "SUMMARY:Moved");
const ORIGINAL = ["2027-01-11T13:00:00Z", "2027-01-18T13:00:00Z", "2027-01-25T13:00:00Z", "2027-02-01T13:00:00Z"];

describe("a RECURRENCE-ID that names no instance", () => {
  it("a Wednesday in a Monday series: ignored with RECURRENCE_ID_NO_INSTANCE naming the override's line, not added", () => {
    const r = run(calendar(MONDAYS, override("20270113T080000", "20270113T220000")));
    expect(startsOf(r, "mondays")).toEqual(ORIGINAL);
    expect(r.expansion?.warnings.map((w) => [w.code, w.line, w.uid])).toEqual([["RECURRENCE_ID_NO_INSTANCE", 10, "mondays"]]);
    expect(r.expansion?.warnings[0]?.message).toContain("Event at line 10 changes the instance of 2027-01-13 08:00 (America/New_York)");
  });

  it("a date after the series ended (COUNT=4): ignored with a warning", () => {
    const r = run(calendar(MONDAYS, override("20270208T080000", "20270208T220000")));
    expect(startsOf(r, "mondays")).toEqual(ORIGINAL);
    expect(codes(r)).toEqual(["RECURRENCE_ID_NO_INSTANCE"]);
  });

  it("00:00 on a day with exactly one instance (Exchange's way) replaces that instance", () => {
    const r = run(calendar(MONDAYS, override("20270118T000000", "20270118T220000")));
    expect(startsOf(r, "mondays")).toEqual([ORIGINAL[0], ORIGINAL[2], ORIGINAL[3], "2027-01-19T03:00:00Z"].sort());
    expect(r.expansion?.occurrences.find((o) => o.event.summary === "Moved")?.recurrenceId).toBe(Date.parse("2027-01-18T13:00:00Z"));
    expect(codes(r)).toEqual([]);
  });

  it("a date with two instances is ambiguous: ignored with a warning", () => {
    const twice = vevent("twice", "DTSTART:20270111T080000Z", "DURATION:PT30M", "RRULE:FREQ=HOURLY;INTERVAL=4;BYHOUR=8,12;COUNT=6");
    const r = run(calendar(twice, vevent("twice", "RECURRENCE-ID:20270112T000000Z", "DTSTART:20270112T200000Z", "DURATION:PT30M")));
    expect(startsOf(r, "twice")).toEqual(["2027-01-11T08:00:00Z", "2027-01-11T12:00:00Z", "2027-01-12T08:00:00Z", "2027-01-12T12:00:00Z", "2027-01-13T08:00:00Z", "2027-01-13T12:00:00Z"]);
    expect(codes(r)).toEqual(["RECURRENCE_ID_NO_INSTANCE"]);
  });
});

describe("rules that never repeat past DTSTART: DTSTART kept, with RRULE_NEVER_MATCHES naming the RRULE's line", () => {
  it.each([
    ["BYDAY=1TH;BYSETPOS=2 (one candidate a month)", "FREQ=MONTHLY;BYDAY=1TH;BYSETPOS=2", /BYSETPOS=2/],
    ["BYMONTHDAY=30 with the first Monday", "FREQ=MONTHLY;BYMONTHDAY=30;BYDAY=1MO", /never falls on BYMONTHDAY=30/],
    ["UNTIL before DTSTART", "FREQ=DAILY;UNTIL=20270101T000000Z", /UNTIL is before the event's start/],
    ["a DATE UNTIL the day before", "FREQ=DAILY;UNTIL=20270113", /UNTIL is before the event's start/],
  ])("%s", (_name, rule, says) => {
    const r = run(calendar(vevent("once", "DTSTART:20270114T090000Z", "DURATION:PT1H", `RRULE:${rule}`)));
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([["RRULE_NEVER_MATCHES", "warning", 8]]);
    expect(r.issues[0]?.message).toMatch(says);
    expect(startsOf(r, "once")).toEqual(["2027-01-14T09:00:00Z"]);
  });

  it("an UNTIL on DTSTART's own date is not before it", () => {
    const r = run(calendar(vevent("same-day", "DTSTART:20270114T090000Z", "RRULE:FREQ=DAILY;UNTIL=20270114")));
    expect(codes(r)).toEqual([]);
    expect(startsOf(r, "same-day")).toEqual(["2027-01-14T09:00:00Z"]);
  });
});

describe("COUNT with a DTSTART that the rule does not produce and an EXDATE removes", () => {
  const FIXTURES = fileURLToPath(new URL("../fixtures/ics/real-world/", import.meta.url));

  it("Feast of Christ the King 2004 (Apple iCal): 2004-11-28, as python-dateutil and ical.js give, not nothing", () => {
    const bytes = new Uint8Array(readFileSync(FIXTURES + "apple-ical15-christian-holidays-yearly-ordinals-exdate.ics"));
    const window = { from: Date.parse("2004-10-01T00:00:00Z"), to: Date.parse("2005-01-01T00:00:00Z") };
    const r = run(bytes, { window, viewerZone: "UTC" });
    expect(startsOf(r, "9C89EE14-4E3C-11D9-A619-000A958A3252")).toEqual(["2004-11-28T00:00:00Z"]);
  });

  it("the same shape, small: DTSTART excluded, so COUNT counts the rule's own instances", () => {
    const ev = vevent("king", "DTSTART;VALUE=DATE:20271031", "RRULE:FREQ=YEARLY;COUNT=1;BYMONTH=11;BYDAY=4SU", "EXDATE;VALUE=DATE:20271031");
    const r = run(calendar(ev), { window: { from: Date.parse("2027-10-01T00:00:00Z"), to: Date.parse("2028-01-01T00:00:00Z") } });
    expect(startsOf(r, "king")).toEqual(["2027-11-28T00:00:00Z"]);
    expect(codes(r)).toEqual([]);
  });

  it("DTSTART not excluded: RFC 5545 (DTSTART is the first of COUNT) — COUNT=1 is DTSTART alone", () => {
    const ev = vevent("king", "DTSTART;VALUE=DATE:20271031", "RRULE:FREQ=YEARLY;COUNT=1;BYMONTH=11;BYDAY=4SU");
    const r = run(calendar(ev), { window: { from: Date.parse("2027-10-01T00:00:00Z"), to: Date.parse("2028-01-01T00:00:00Z") } });
    expect(startsOf(r, "king")).toEqual(["2027-10-31T00:00:00Z"]);
  });
});

describe("the term window itself", () => {
  it("is what the other tests use", () => {
    expect(iso(TERM.to)).toBe("2027-05-03T00:00:00Z");
  });
});
