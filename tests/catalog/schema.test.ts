import fc from "fast-check";
import { RRule } from "rrule";
import { describe, expect, it } from "vitest";
import { catalogRuleDates, formatIssuePath, validateCatalog } from "@/lib/catalog/schema";

// One small, valid catalog; each test changes one thing. Mondays from 2027-01-11 to 2027-03-01.
const sync = {
  id: "XL-100-S1",
  format: "synchronous",
  timeZone: "America/New_York",
  startDate: "2027-01-11",
  endDate: "2027-03-07",
  meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "18:30", durationMinutes: 90 }],
  skipDates: ["2027-01-18"],
  extraMeetings: [{ start: "2027-01-23T10:00", durationMinutes: 90, title: "Make-up session" }],
  recordings: "all",
};
const async = {
  id: "XL-100-A1",
  format: "asynchronous",
  timeZone: "America/Chicago",
  startDate: "2027-01-11",
  endDate: "2027-03-07",
  hoursPerWeek: 6,
  deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: 3 }],
};
const hybrid = {
  id: "XL-100-H1",
  format: "hybrid",
  timeZone: "America/Los_Angeles",
  startDate: "2027-01-11",
  endDate: "2027-03-07",
  meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=WE", startTime: "12:00", durationMinutes: 60 }],
  recordings: "some",
  hoursPerWeek: 4,
  deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: 3 }],
};
function catalogOf(...sections: unknown[]) {
  return {
    institution: "Lakeside College Continuing Education",
    courses: [{ id: "XL-100", title: "Excel for Managers", summary: "Formulas, pivot tables and charts for everyday decisions.", sections }],
  };
}
function issuesOf(input: unknown) {
  const result = validateCatalog(input);
  return result.ok ? [] : result.issues;
}

describe("validateCatalog: valid catalogs", () => {
  it("accepts one section of each format", () => {
    const result = validateCatalog(catalogOf(sync, async, hybrid));
    expect(result.ok).toBe(true);
  });

  it("keeps fields the format does not know", () => {
    const result = validateCatalog({
      ...catalogOf({ ...sync, registrarCode: "40213" }),
      campus: "Lakeside",
    });
    expect(result.ok && result.catalog.campus).toBe("Lakeside");
    expect(result.ok && result.catalog.courses[0]?.sections[0]?.registrarCode).toBe("40213");
  });

  it("returns the catalog's data unchanged", () => {
    const result = validateCatalog(catalogOf(hybrid));
    expect(result.ok && result.catalog.courses[0]?.sections[0]).toEqual(hybrid);
  });
});

describe("validateCatalog: each problem names its JSON path", () => {
  it("reports a section id used twice across courses at the second use", () => {
    const input = catalogOf(sync);
    input.courses.push({ id: "XL-200", title: "Advanced Excel", summary: "Power Query and dashboards.", sections: [{ ...hybrid, id: "XL-100-S1" }] });
    expect(issuesOf(input)).toEqual([
      {
        path: "courses[1].sections[0].id",
        message: 'section id "XL-100-S1" is already used by courses[0].sections[0]; expected section ids unique across the catalog',
      },
    ]);
  });

  it("reports a course id used twice", () => {
    const input = catalogOf(sync);
    input.courses.push({ id: "XL-100", title: "Excel again", summary: "The same id.", sections: [hybrid] });
    expect(issuesOf(input)).toEqual([
      { path: "courses[1].id", message: 'course id "XL-100" is already used by courses[0]; expected ids unique within the catalog' },
    ]);
  });

  it("rejects a time zone that is not in the IANA database", () => {
    expect(issuesOf(catalogOf(async, { ...sync, timeZone: "Mars/Base" }))).toEqual([
      {
        path: "courses[0].sections[1].timeZone",
        message: '"Mars/Base" is not an IANA time zone; expected a name such as "America/New_York" or "Europe/London"',
      },
    ]);
  });

  it("rejects a zone name in the wrong case and gives the right spelling", () => {
    expect(issuesOf(catalogOf({ ...sync, timeZone: "america/new_york" }))).toEqual([
      {
        path: "courses[0].sections[0].timeZone",
        message: '"america/new_york" is not spelled as in the IANA time zone database; expected "America/New_York"',
      },
    ]);
  });

  it("rejects 30 February", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "2027-02-30" }))).toEqual([
      {
        path: "courses[0].sections[0].startDate",
        message: '"2027-02-30" is not a real date; expected the first day of the term as YYYY-MM-DD, e.g. "2027-01-11"',
      },
    ]);
  });

  it("accepts 29 February in a leap year only", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "2028-02-29", endDate: "2028-04-30" }))).toEqual([]);
    expect(issuesOf(catalogOf({ ...async, startDate: "2027-02-29" }))[0]?.path).toBe("courses[0].sections[0].startDate");
  });

  it("rejects 25:00 as a start time", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "25:00", durationMinutes: 90 }] }))).toEqual([
      {
        path: "courses[0].sections[0].meetings[0].startTime",
        message: '"25:00" is not a valid time; expected the session\'s start as HH:MM on a 24-hour clock, 00:00–23:59',
      },
    ]);
  });

  it("rejects 24:00 as a deadline time", () => {
    expect(issuesOf(catalogOf({ ...async, deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "24:00", title: "Essay", hours: 3 }] }))).toEqual([
      {
        path: "courses[0].sections[0].deadlines[0].time",
        message: '"24:00" is not a valid time; expected the due time as HH:MM on a 24-hour clock, 00:00–23:59',
      },
    ]);
  });

  it("rejects an asynchronous section with meetings", () => {
    expect(issuesOf(catalogOf({ ...async, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "18:30", durationMinutes: 90 }] }))).toEqual([
      {
        path: "courses[0].sections[0].meetings",
        message: 'asynchronous sections have no meetings; remove meetings, or make the section "hybrid"',
      },
    ]);
  });

  it("rejects an asynchronous section with extra meetings", () => {
    expect(issuesOf(catalogOf({ ...async, extraMeetings: [{ start: "2027-01-16T10:00", durationMinutes: 60 }] }))).toEqual([
      {
        path: "courses[0].sections[0].extraMeetings",
        message: 'asynchronous sections have no live sessions; remove extraMeetings, or make the section "hybrid"',
      },
    ]);
  });

  it("requires deadlines and hoursPerWeek of an asynchronous section", () => {
    const { deadlines: _deadlines, hoursPerWeek: _hours, ...bare } = async;
    expect(issuesOf(catalogOf(bare))).toEqual([
      { path: "courses[0].sections[0].hoursPerWeek", message: "hoursPerWeek is missing; asynchronous sections need the hours of study a week" },
      { path: "courses[0].sections[0].deadlines", message: "deadlines is missing; asynchronous sections need the weekly work and when it is due" },
    ]);
  });

  it("requires meetings of a synchronous section", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [], skipDates: [] }))).toEqual([
      { path: "courses[0].sections[0].meetings", message: "meetings is empty; synchronous sections need at least one recurring live session" },
    ]);
  });

  it("requires deadlines of a hybrid section", () => {
    const { deadlines: _deadlines, ...bare } = hybrid;
    expect(issuesOf(catalogOf(bare))).toEqual([
      { path: "courses[0].sections[0].deadlines", message: "deadlines is missing; hybrid sections need the weekly work and when it is due" },
    ]);
  });

  it("requires a recording policy for live sessions", () => {
    const { recordings: _recordings, ...bare } = sync;
    expect(issuesOf(catalogOf(bare))).toEqual([
      { path: "courses[0].sections[0].recordings", message: 'recordings is missing; synchronous sections need a recording policy: "all", "some" or "none"' },
    ]);
    expect(issuesOf(catalogOf({ ...sync, recordings: "always" }))).toEqual([
      { path: "courses[0].sections[0].recordings", message: '"always" is not a recording policy; expected "all", "some" or "none"' },
    ]);
  });

  it("rejects an unknown format", () => {
    expect(issuesOf(catalogOf({ ...sync, format: "online" }))).toEqual([
      { path: "courses[0].sections[0].format", message: '"online" is not a format; expected "synchronous", "asynchronous" or "hybrid"' },
    ]);
  });

  it("rejects a rule without FREQ", () => {
    expect(issuesOf(catalogOf({ ...hybrid, meetings: [{ rrule: "BYDAY=WE", startTime: "12:00", durationMinutes: 60 }] }))).toEqual([
      { path: "courses[0].sections[0].meetings[0].rrule", message: 'FREQ is missing; every rule needs one, e.g. "FREQ=WEEKLY;BYDAY=WE"' },
    ]);
  });

  it("rejects INTERVAL=0", () => {
    expect(issuesOf(catalogOf({ ...async, deadlines: [{ rrule: "FREQ=WEEKLY;INTERVAL=0;BYDAY=SU", time: "23:59", title: "Essay", hours: 3 }] }))).toEqual([
      {
        path: "courses[0].sections[0].deadlines[0].rrule",
        message: "INTERVAL=0 is not allowed; expected a whole number of at least 1 (with FREQ=WEEKLY, INTERVAL=2 is every other week)",
      },
    ]);
  });

  it.each([
    ["DTSTART:20270111T183000\nRRULE:FREQ=WEEKLY;BYDAY=MO", "contains DTSTART; leave it out: sessions start from the section's startDate and take their time from startTime (meetings) or time (deadlines)"],
    ["RRULE:FREQ=WEEKLY;BYDAY=MO", 'starts with "RRULE:"; write only the rule parts, e.g. "FREQ=WEEKLY;BYDAY=MO"'],
    ["FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T235959Z", "UNTIL=20270301T235959Z is a date-time; expected a date such as UNTIL=20270425 (the last date a session may fall on), because times come from startTime or time"],
    ["FREQ=WEEKLY;BYDAY=MO;BYHOUR=18", "BYHOUR is not allowed: a catalog rule picks dates; the time comes from startTime (meetings) or time (deadlines)"],
    ["FREQ=HOURLY", "FREQ=HOURLY repeats within a day; a catalog rule picks dates, so expected DAILY, WEEKLY, MONTHLY or YEARLY (the time comes from startTime or time)"],
    ["FREQ=WEEKLY;BYDAY=MON", 'BYDAY=MON has "MON"; expected days MO, TU, WE, TH, FR, SA, SU, optionally numbered (1SA is the first Saturday, -1FR the last Friday)'],
    ["FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO numbers a day (1MO), which RFC 5545 allows only with FREQ=MONTHLY or FREQ=YEARLY; expected plain days such as BYDAY=MO"],
    ["freq=weekly;byday=mo", 'is not in upper case; expected "FREQ=WEEKLY;BYDAY=MO"'],
    ["FREQ=WEEKLY;BYDAY=MO;COUNT=5;UNTIL=20270301", "COUNT and UNTIL cannot both be given (RFC 5545); keep one, or neither and let endDate end the term"],
    ["FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545); expected BYDAY, or FREQ=MONTHLY"],
    ["FREQ=MONTHLY;BYMONTHDAY=32", 'BYMONTHDAY=32 has "32"; expected a comma-separated list of whole numbers 1 to 31 or -31 to -1, e.g. BYMONTHDAY=1,15'],
    ["FREQ=WEEKLY;BYDAY=MO;X-NAME=1", "X-NAME is not an RFC 5545 rule part; expected FREQ, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST"],
    ["FREQ=WEEKLY; BYDAY=MO", 'contains spaces or line breaks; expected rule parts joined by ";" with no spaces, e.g. "FREQ=WEEKLY;BYDAY=TU,TH"'],
  ])("rejects the rule %j", (rrule, message) => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule, startTime: "18:30", durationMinutes: 90 }] }))).toEqual([
      { path: "courses[0].sections[0].meetings[0].rrule", message },
    ]);
  });

  it("rejects a rule that matches no date in the term", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", startTime: "18:30", durationMinutes: 90 }], skipDates: [] }))).toEqual([
      {
        path: "courses[0].sections[0].meetings[0].rrule",
        message: "matches no date from startDate 2027-01-11 through endDate 2027-03-07; expected a rule with at least one session in the term",
      },
    ]);
  });

  it("rejects an endDate before the startDate", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "2027-03-07", endDate: "2027-01-11" }))).toEqual([
      { path: "courses[0].sections[0].endDate", message: "2027-01-11 is before startDate 2027-03-07; expected the last day of the term, on or after startDate" },
    ]);
  });

  it("accepts a one-day term", () => {
    expect(issuesOf(catalogOf({ ...sync, startDate: "2027-01-11", endDate: "2027-01-11", skipDates: [], extraMeetings: [] }))).toEqual([]);
  });

  it("rejects a term longer than two years", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "2027-01-11", endDate: "2029-01-11" }))).toEqual([
      { path: "courses[0].sections[0].endDate", message: "the term from 2027-01-11 to 2029-01-11 is 732 days; expected at most 731 days" },
    ]);
  });

  it("rejects a skip date outside the term", () => {
    expect(issuesOf(catalogOf({ ...sync, skipDates: ["2027-03-08"] }))).toEqual([
      { path: "courses[0].sections[0].skipDates[0]", message: "2027-03-08 is outside the term; expected a date from startDate 2027-01-11 through endDate 2027-03-07" },
    ]);
  });

  it("rejects a skip date on which no session falls", () => {
    expect(issuesOf(catalogOf({ ...sync, skipDates: ["2027-01-18", "2027-02-16"] }))).toEqual([
      {
        path: "courses[0].sections[0].skipDates[1]",
        message: "2027-02-16 (a Tuesday) is not a session date: no meetings rule matches it; expected a date a meeting falls on",
      },
    ]);
  });

  it("rejects a skip date listed twice", () => {
    expect(issuesOf(catalogOf({ ...sync, skipDates: ["2027-01-18", "2027-01-18"] }))).toEqual([
      { path: "courses[0].sections[0].skipDates[1]", message: "2027-01-18 is listed twice; expected each date once" },
    ]);
  });

  it("rejects an extra meeting with a UTC offset", () => {
    expect(issuesOf(catalogOf({ ...sync, extraMeetings: [{ start: "2027-01-23T10:00Z", durationMinutes: 90 }] }))).toEqual([
      {
        path: "courses[0].sections[0].extraMeetings[0].start",
        message: '"2027-01-23T10:00Z" is not a local date and time; expected YYYY-MM-DDTHH:MM in the section\'s timeZone, with no offset or Z, e.g. "2027-02-06T10:00"',
      },
    ]);
  });

  it("rejects an extra meeting after the term", () => {
    expect(issuesOf(catalogOf({ ...sync, extraMeetings: [{ start: "2027-03-08T10:00", durationMinutes: 90 }] }))).toEqual([
      { path: "courses[0].sections[0].extraMeetings[0].start", message: "2027-03-08T10:00 is outside the term; expected a date from startDate 2027-01-11 through endDate 2027-03-07" },
    ]);
  });

  it.each([
    [0, "0 minutes is too short; expected 1 to 1440"],
    [1441, "1441 minutes is longer than a day; expected 1 to 1440"],
    [90.5, "90.5 is not a whole number of minutes; expected 1 to 1440"],
    ["90", '"90" is not a whole number of minutes; expected 1 to 1440'],
  ])("rejects durationMinutes %j", (durationMinutes, message) => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "18:30", durationMinutes }] }))).toEqual([
      { path: "courses[0].sections[0].meetings[0].durationMinutes", message },
    ]);
  });

  it("accepts a session of exactly a day", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "00:00", durationMinutes: 1440 }] }))).toEqual([]);
  });

  it("rejects negative hours", () => {
    expect(issuesOf(catalogOf({ ...async, hoursPerWeek: -1 }))).toEqual([
      { path: "courses[0].sections[0].hoursPerWeek", message: "-1 hours is negative; expected the weekly study time from 0 to 168" },
    ]);
  });

  it("names missing top-level fields", () => {
    expect(issuesOf({})).toEqual([
      { path: "institution", message: "missing; expected text (a string)" },
      { path: "courses", message: "missing; expected a list (an array)" },
    ]);
  });

  it("names the whole document with an empty path", () => {
    expect(issuesOf([])).toEqual([{ path: "", message: "an array is the wrong type; expected an object" }]);
  });

  it("reports every problem, not the first", () => {
    const input = catalogOf({
      ...sync,
      timeZone: "Mars/Base",
      startDate: "2027-03-07",
      endDate: "2027-01-11",
      meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "25:00", durationMinutes: 90 }],
    });
    expect(issuesOf(input).map((issue) => issue.path)).toEqual([
      "courses[0].sections[0].timeZone",
      "courses[0].sections[0].meetings[0].startTime",
      "courses[0].sections[0].endDate",
    ]);
  });
});

describe("catalogRuleDates", () => {
  it("returns the dates from startDate through endDate that the rule matches", () => {
    expect(catalogRuleDates("FREQ=WEEKLY;BYDAY=MO", "2027-01-11", "2027-02-01")).toEqual(["2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01"]);
  });

  it("leaves out a startDate the rule does not match", () => {
    expect(catalogRuleDates("FREQ=WEEKLY;BYDAY=MO", "2027-01-12", "2027-01-31")).toEqual(["2027-01-18", "2027-01-25"]);
  });

  it("counts INTERVAL from the week of startDate", () => {
    expect(catalogRuleDates("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "2027-01-11", "2027-02-28")).toEqual(["2027-01-16", "2027-01-30", "2027-02-13", "2027-02-27"]);
  });

  it("reads numbered days in a monthly rule", () => {
    expect(catalogRuleDates("FREQ=MONTHLY;BYDAY=1SA", "2027-01-11", "2027-04-25")).toEqual(["2027-02-06", "2027-03-06", "2027-04-03"]);
  });

  it("stops at the rule's own UNTIL date, inclusive", () => {
    expect(catalogRuleDates("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270125", "2027-01-11", "2027-03-07")).toEqual(["2027-01-11", "2027-01-18", "2027-01-25"]);
  });

  it("stops after COUNT dates", () => {
    expect(catalogRuleDates("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "2027-01-11", "2027-03-07")).toEqual(["2027-01-11", "2027-01-13", "2027-01-18"]);
  });

  it("finds 29 February in a term spanning a leap year", () => {
    expect(catalogRuleDates("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2027-06-01", "2029-05-31")).toEqual(["2028-02-29"]);
  });

  it("finds the last weekday of each month with BYSETPOS", () => {
    expect(catalogRuleDates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2027-01-01", "2027-03-31")).toEqual(["2027-01-29", "2027-02-26", "2027-03-31"]);
  });

  it("returns nothing, promptly, for a rule that never matches", () => {
    const started = performance.now();
    expect(catalogRuleDates("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "2027-01-11", "2028-12-31")).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("catalogRuleDates agrees with rrule expanded in place", () => {
  // catalogRuleDates expands in a calendar-identical year near 9999; rrule run on the real dates is the oracle.
  const rules = [
    "FREQ=WEEKLY;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
    "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO",
    "FREQ=DAILY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=1SA,-1FR",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO",
    "FREQ=YEARLY;BYYEARDAY=60,-1",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
  ];
  const direct = (rule: string, startDate: string, endDate: string) =>
    new RRule({ ...RRule.parseString(rule), dtstart: new Date(`${startDate}T00:00:00Z`), until: new Date(`${endDate}T00:00:00Z`) })
      .all()
      .map((date) => date.toISOString().slice(0, 10));

  it("for any rule and any term in 2000–2099", () => {
    const day = 86_400_000;
    const first = Date.UTC(2000, 0, 1) / day;
    const last = Date.UTC(2099, 11, 31) / day;
    fc.assert(
      fc.property(fc.constantFrom(...rules), fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 730 }), (rule, start, length) => {
        const end = Math.min(start + length, last);
        const startDate = new Date(start * day).toISOString().slice(0, 10);
        const endDate = new Date(end * day).toISOString().slice(0, 10);
        expect(catalogRuleDates(rule, startDate, endDate)).toEqual(direct(rule, startDate, endDate));
      }),
      { numRuns: 300, seed: 20270111 },
    );
  });
});

describe("formatIssuePath", () => {
  it("writes indexes in brackets and keys with dots", () => {
    expect(formatIssuePath(["courses", 2, "sections", 0, "meetings", 0, "startTime"])).toBe("courses[2].sections[0].meetings[0].startTime");
  });

  it("quotes keys that are not identifiers", () => {
    expect(formatIssuePath(["courses", 0, "x-code"])).toBe('courses[0]["x-code"]');
  });
});
