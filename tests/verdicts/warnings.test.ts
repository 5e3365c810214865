/**
 * Warnings before trust (docs/fit.md, "Before you trust the answer"): a calendar with no busy time
 * in the term makes every section "fit", so the check says so first, with a code, in the JSON's
 * top-level `warnings` (CLI and API), on the CLI's stderr, and in `runCheck`'s outcome. Each
 * calendar here is one a learner could really bring: an empty export, an export of 2009, a calendar
 * of "free" focus blocks, a birthdays calendar, a connected account with nothing in it.
 *
 * Sections: PM-101-S1 (11 Jan – 25 Apr 2027, New York).
 */
import { describe, expect, it } from "vitest";
import type { CalendarSource } from "@/lib/check/run";
import { fitJson } from "@/lib/fit/json";
import { api, check, cli, fixtureText, ics, NINE_TO_FIVE, upload } from "./helpers";

const S1 = ["PM-101-S1"];
const codes = (ws: readonly { code: string }[]) => ws.map((w) => w.code);

const EMPTY = ics();
/** Exported in 2009 from Sydney: 10 Mar 09:00 AEDT is 9 Mar 22:00 UTC. */
const OLD = ics(
  ["UID:a@old.test", "SUMMARY:Planning", "DTSTART;TZID=Australia/Sydney:20090310T090000", "DTEND;TZID=Australia/Sydney:20090310T100000"],
  ["UID:b@old.test", "SUMMARY:Review", "DTSTART;TZID=Australia/Sydney:20090630T090000", "DTEND;TZID=Australia/Sydney:20090630T100000"],
);
const FOCUS = ics([
  "UID:focus@free.test",
  "SUMMARY:Focus time",
  "TRANSP:TRANSPARENT",
  "DTSTART;TZID=America/New_York:20270111T090000",
  "DTEND;TZID=America/New_York:20270111T170000",
  "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
]);
const BIRTHDAYS = ics(
  ["UID:ana@birthdays.test", "SUMMARY:Ana's birthday", "DTSTART;VALUE=DATE:20270214", "DTEND;VALUE=DATE:20270215", "TRANSP:TRANSPARENT", "RRULE:FREQ=YEARLY"],
  ["UID:ben@birthdays.test", "SUMMARY:Ben's birthday", "DTSTART;VALUE=DATE:20270320", "DTEND;VALUE=DATE:20270321", "TRANSP:TRANSPARENT", "RRULE:FREQ=YEARLY"],
);
const WORK = NINE_TO_FIVE;

describe("an empty calendar", () => {
  const outcome = check(upload(EMPTY, "empty.ics"), { timeZone: "America/New_York" }, S1);

  it("still answers (fits), but warns first: no busy time in the term, and a file with no events", () => {
    expect(outcome.result.sections[0]?.verdict).toBe("fits");
    expect(outcome.warnings).toEqual([
      {
        code: "CALENDAR_EMPTY_IN_TERM",
        message: "Your calendar has no busy time during the term (11 Jan – 25 Apr 2027), so every section looks free. If you have commitments then, add the calendar that holds them before trusting these verdicts.",
      },
      { code: "CALENDAR_NO_EVENTS", message: "empty.ics has no events at all. Is it the right file? An empty export makes every section look free.", source: "empty.ics" },
    ]);
    // The contract's JSON carries the same list (the CLI prints fitJson).
    expect(fitJson(outcome.result).warnings).toEqual(outcome.warnings);
  });

  it("the CLI puts them in the JSON and on stderr", () => {
    const { json, stderr } = cli({ "empty.ics": EMPTY }, ["--section", "PM-101-S1", "--tz", "America/New_York"]);
    expect(codes(json.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_NO_EVENTS"]);
    expect(stderr).toBe(json.warnings.map((w) => `warning: ${w.message}\n`).join(""));
  });

  it("the API answers them at the top level, after sources", async () => {
    const body = await api(EMPTY, [["section", "PM-101-S1"]], "empty.ics");
    expect(Object.keys(body)).toEqual(["sections", "courses", "sources", "warnings"]);
    expect(codes(body.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_NO_EVENTS"]);
    expect(body.warnings[1]).toMatchObject({ source: "empty.ics" });
  });
});

describe("a calendar whose events are all years before the term", () => {
  it("says so with the dates, in the learner's zone (10 Mar 2009 in Sydney, not the UTC 9 Mar)", () => {
    const outcome = check(upload(OLD, "old.ics"), { timeZone: "Australia/Sydney" }, S1);
    expect(outcome.sources[0]).toMatchObject({ eventCount: 2, firstDate: "2009-03-10", lastDate: "2009-06-30" });
    expect(outcome.warnings).toEqual([
      expect.objectContaining({ code: "CALENDAR_EMPTY_IN_TERM" }),
      {
        code: "CALENDAR_OUTSIDE_TERM",
        message: "Every event in old.ics is before the term: they run from 10 Mar 2009 to 30 Jun 2009, and the term is 11 Jan – 25 Apr 2027. Is it an old export? Export the calendar again so that it covers the term.",
        source: "old.ics",
      },
    ]);
  });

  it("and after it, for a calendar of 2030", () => {
    const later = ics(["UID:c@later.test", "SUMMARY:Conference", "DTSTART:20300601T090000Z", "DTEND:20300601T170000Z"]);
    const outcome = check(upload(later, "later.ics"), { timeZone: "America/New_York" }, S1);
    expect(outcome.warnings[1]?.message).toBe("The only event in later.ics is after the term (1 Jun 2030), and the term is 11 Jan – 25 Apr 2027. Is it the right calendar?");
  });

  it("through the API too, with the summary's dates local", async () => {
    const body = await api(OLD, [["section", "PM-101-S1"], ["preferences", JSON.stringify({ timeZone: "Australia/Sydney" })]], "old.ics");
    expect(codes(body.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_OUTSIDE_TERM"]);
    expect(body.sources[0]).toMatchObject({ firstDate: "2009-03-10", lastDate: "2009-06-30" });
  });
});

describe("a calendar that is mostly free or all-day events", () => {
  it("all transparent (focus time shown as available): no busy time, and says why", () => {
    const outcome = check(upload(FOCUS, "focus.ics"), { timeZone: "America/New_York" }, S1);
    expect(codes(outcome.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_MOSTLY_FREE"]);
    expect(outcome.warnings[1]?.message).toMatch(/^Most events in focus\.ics during the term are marked free, "show as available" \(\d+ of \d+\), so they do not count as busy\./);
  });

  it("a birthdays calendar: all-day", () => {
    const outcome = check(upload(BIRTHDAYS, "birthdays.ics"), { timeZone: "America/New_York" }, S1);
    expect(codes(outcome.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_MOSTLY_ALL_DAY"]);
    expect(outcome.warnings[1]?.message).toBe(
      "Most events in birthdays.ics during the term are all-day (2 of 2), like holidays or birthdays: only timed events say when you are busy. If your commitments are in another calendar, add it.",
    );
  });

  it("the CLI's JSON carries them", () => {
    const { json } = cli({ "focus.ics": FOCUS }, ["--section", "PM-101-S1", "--tz", "America/New_York"]);
    expect(codes(json.warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_MOSTLY_FREE"]);
  });
});

describe("a connected account that returned nothing", () => {
  const google: CalendarSource = { name: "Google: Work", origin: "connected", events: [], selfEmails: ["ana@work.example"], notes: [] };

  it("is named, even when another calendar has busy time (no CALENDAR_EMPTY_IN_TERM then)", () => {
    const outcome = check([upload(WORK, "work.ics"), google], { timeZone: "America/New_York" }, S1);
    expect(outcome.warnings).toEqual([
      {
        code: "CONNECTED_CALENDAR_EMPTY",
        message: "Google: Work returned no events for the term (11 Jan – 25 Apr 2027). If that calendar holds your commitments, reconnect it or pick another calendar of the account.",
        source: "Google: Work",
      },
    ]);
  });

  it("alone, it also leaves the term empty", () => {
    expect(codes(check(google, { timeZone: "America/New_York" }, S1).warnings)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CONNECTED_CALENDAR_EMPTY"]);
  });
});

describe("calendars that deserve trust have no warnings", () => {
  it("a 9–5 job; and the learner fixture of the API tests", () => {
    expect(check(upload(WORK, "work.ics"), { timeZone: "America/New_York" }, S1).warnings).toEqual([]);
    expect(check(upload(fixtureText("learner-spring-2027.ics"), "learner.ics"), { timeZone: "America/New_York" }, ["PM-101-S1", "PM-101-A1", "PM-101-H1"]).warnings).toEqual([]);
  });

  it("a stale export next to a current one: only the stale one is named", () => {
    const outcome = check([upload(WORK, "work.ics"), upload(OLD, "old.ics")], { timeZone: "America/New_York" }, S1);
    expect(codes(outcome.warnings)).toEqual(["CALENDAR_OUTSIDE_TERM"]);
  });
});

describe("the expansion's own warnings keep their line and gain their code", () => {
  it("a runaway rule is EXPANSION_CAPPED, with its line", () => {
    // Twice a minute, every minute, for the whole term: over the 200,000 instances one rule may make.
    const runaway = ics(["UID:tick@runaway.test", "SUMMARY:Tick", "DTSTART:20270101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY;BYSECOND=0,30"]);
    const outcome = check([upload(WORK, "work.ics"), upload(runaway, "runaway.ics")], { timeZone: "America/New_York" }, S1);
    const capped = outcome.warnings.filter((w) => w.code.startsWith("EXPANSION"));
    expect(capped.map((w) => [w.code, w.line])).toEqual([["EXPANSION_CAPPED", 10]]);
  });
});
