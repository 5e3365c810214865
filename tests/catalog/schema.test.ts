import { describe, expect, it } from "vitest";
import { formatIssuePath, validateCatalog } from "@/lib/catalog/schema";

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

  it("accepts an asynchronous section with an empty list of meetings (issue 14)", () => {
    const result = validateCatalog(catalogOf({ ...async, meetings: [] }));
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.catalog.courses[0]?.sections[0]?.meetings).toEqual([]);
  });

  it("rejects an asynchronous section whose meetings are not a list", () => {
    expect(issuesOf(catalogOf({ ...async, meetings: {} }))).toEqual([
      { path: "courses[0].sections[0].meetings", message: 'asynchronous sections have no meetings; remove meetings, or make the section "hybrid"' },
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
    ["", 'is empty; expected RFC 5545 rule parts such as "FREQ=WEEKLY;BYDAY=TU,TH"'],
    ["FREQ=WEEKLY;BYDAY", '"BYDAY" is not a rule part; expected NAME=VALUE pairs joined by ";", e.g. "FREQ=WEEKLY;BYDAY=TU"'],
    ["FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", "BYDAY appears more than once; each rule part may appear once"],
    ["FREQ=FORTNIGHTLY", "FREQ=FORTNIGHTLY is not a frequency; expected DAILY, WEEKLY, MONTHLY or YEARLY"],
    ["FREQ=SECONDLY", "FREQ=SECONDLY repeats within a day; a catalog rule picks dates, so expected DAILY, WEEKLY, MONTHLY or YEARLY (the time comes from startTime or time)"],
    ["FREQ=WEEKLY;BYDAY=MO;COUNT=0", "COUNT=0 is not allowed; expected a whole number of at least 1"],
    ["FREQ=WEEKLY;BYDAY=MO;UNTIL=20270230", "UNTIL=20270230 is not a date; expected YYYYMMDD, e.g. UNTIL=20270425"],
    ["FREQ=YEARLY;BYDAY=54MO", 'BYDAY=54MO has "54MO"; expected a position from 1 to 53 or -53 to -1 before the day'],
    ["FREQ=MONTHLY;BYDAY=6MO", 'BYDAY=6MO has "6MO", but a month has at most 5 of any day; expected a position from 1 to 5 or -5 to -1 with FREQ=MONTHLY'],
    ["FREQ=MONTHLY;BYYEARDAY=1", "BYYEARDAY can be used only with FREQ=YEARLY (RFC 5545)"],
    ["FREQ=YEARLY;BYYEARDAY=367", 'BYYEARDAY=367 has "367"; expected a comma-separated list of whole numbers 1 to 366 or -366 to -1, e.g. BYYEARDAY=1,-1'],
    ["FREQ=MONTHLY;BYWEEKNO=1", "BYWEEKNO can be used only with FREQ=YEARLY (RFC 5545)"],
    ["FREQ=YEARLY;BYMONTH=13", 'BYMONTH=13 has "13"; expected a comma-separated list of whole numbers 1 to 12, e.g. BYMONTH=1,2,3'],
    ["FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS needs another BY rule part to pick from (RFC 5545), e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"],
    ["FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", 'BYSETPOS=0 has "0"; expected a comma-separated list of whole numbers 1 to 366 or -366 to -1, e.g. BYSETPOS=-1'],
    ["FREQ=WEEKLY;BYDAY=MO;WKST=XX", "WKST=XX is not a day; expected MO, TU, WE, TH, FR, SA or SU"],
    ["FREQ=WEEKLY;BYDAY=MO;TZID=UTC", "TZID is not allowed: times are wall-clock times in the section's timeZone"],
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

  it("accepts the last Friday of a month (a numbered day within 5 with FREQ=MONTHLY)", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=MONTHLY;BYDAY=-5FR,-1FR", startTime: "18:30", durationMinutes: 90 }], skipDates: [] }))).toEqual([]);
  });

  it("rejects a deadline rule that matches no date in the term", () => {
    expect(issuesOf(catalogOf({ ...async, deadlines: [{ rrule: "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", time: "23:59", title: "Essay", hours: 3 }] }))).toEqual([
      {
        path: "courses[0].sections[0].deadlines[0].rrule",
        message: "matches no date from startDate 2027-01-11 through endDate 2027-03-07; expected a rule with at least one due date in the term",
      },
    ]);
  });

  it("rejects a rule whose only dates come after its own UNTIL", () => {
    expect(issuesOf(catalogOf({ ...sync, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270110", startTime: "18:30", durationMinutes: 90 }], skipDates: [] }))).toEqual([
      {
        path: "courses[0].sections[0].meetings[0].rrule",
        message: "matches no date from startDate 2027-01-11 through endDate 2027-03-07; expected a rule with at least one session in the term",
      },
    ]);
  });

  it("rejects a skip date after the last of a rule's COUNT sessions", () => {
    const meetings = [{ rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=2", startTime: "18:30", durationMinutes: 90 }];
    expect(issuesOf(catalogOf({ ...sync, meetings, skipDates: ["2027-01-18", "2027-01-25"] }))).toEqual([
      {
        path: "courses[0].sections[0].skipDates[1]",
        message: "2027-01-25 (a Monday) is not a session date: no meetings rule matches it; expected a date a meeting falls on",
      },
    ]);
  });

  it("rejects a term that starts before 2000", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "1999-12-31", endDate: "2000-01-31" }))).toEqual([
      { path: "courses[0].sections[0].startDate", message: "1999-12-31 is before 2000; expected a term within 2000–2099" },
    ]);
  });

  it("rejects a term that ends after 2099", () => {
    expect(issuesOf(catalogOf({ ...async, startDate: "2099-12-01", endDate: "2100-01-01" }))).toEqual([
      { path: "courses[0].sections[0].endDate", message: "2100-01-01 is after 2099; expected a term within 2000–2099" },
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

describe("formatIssuePath", () => {
  it("writes indexes in brackets and keys with dots", () => {
    expect(formatIssuePath(["courses", 2, "sections", 0, "meetings", 0, "startTime"])).toBe("courses[2].sections[0].meetings[0].startTime");
  });

  it("quotes keys that are not identifiers", () => {
    expect(formatIssuePath(["courses", 0, "x-code"])).toBe('courses[0]["x-code"]');
  });
});
