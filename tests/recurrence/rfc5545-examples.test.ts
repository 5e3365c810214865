/**
 * Every recurrence example of RFC 5545 §3.8.5.3, as the RFC writes it (DTSTART;TZID=America/New_York),
 * against the dates the RFC prints. The RFC prints local dates with "EDT"/"EST"; the expected UTC
 * instants come from `eastern()`, a hand-written oracle of the US rules (tests/helpers/ics.ts),
 * never from the engine's own zone code.
 *
 * Every printed date below was re-derived by hand (weekday, week numbering, year days, DST) as
 * well as copied. Where the RFC's text and its printed answer disagree, the test says so:
 * - "Every 3 hours from 9:00 AM to 5:00 PM": UNTIL=19970902T170000Z is 13:00 EDT, so the rule as
 *   written stops after 12:00; the printed 09:00,12:00,15:00 needs UNTIL=19970902T210000Z, the
 *   correction reported in the RFC's errata. Both readings are tested.
 * - "Every hour and a half": the RFC prints "09:00,10:30;12:00;13:30" (punctuation only).
 * - The WKST example prints "(1997 EDT)" without the 9:00 AM time; the instances are 09:00 EDT.
 *   Both WKST answers (August 5,10,19,24 and August 5,17,19,31) re-derive correctly.
 * - "Every Friday the 13th": DTSTART (Tue 2 Sep 1997) does not match the rule, so the RFC removes
 *   it with an EXDATE (DTSTART is otherwise always the first instance).
 */
import { describe, expect, it } from "vitest";
import { easternDays, expandText, ics, range } from "../helpers/ics";

const NY = "DTSTART;TZID=America/New_York:";
/** Wide enough for every finite example (the last one ends in 2006). */
const ALL_FROM = "1996-01-01T00:00:00Z";
const ALL_TO = "2010-01-01T00:00:00Z";

function starts(lines: string[], from = ALL_FROM, to = ALL_TO): string[] {
  return expandText(ics(lines), from, to, "America/New_York").starts;
}

describe("RFC 5545 §3.8.5.3 examples: DAILY", () => {
  it("daily for 10 occurrences: 1997 9:00 AM EDT September 2-11", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;COUNT=10"])).toEqual(easternDays(1997, 9, range(2, 11)));
  });

  it("daily until December 24, 1997: EDT September 2 - October 25, EST October 26 - December 23", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;UNTIL=19971224T000000Z"]);
    expect(got).toEqual([
      ...easternDays(1997, 9, range(2, 30)),
      ...easternDays(1997, 10, range(1, 31)),
      ...easternDays(1997, 11, range(1, 30)),
      ...easternDays(1997, 12, range(1, 23)),
    ]);
    // The DST boundary, written out: 09:00 EDT is 13:00Z, 09:00 EST is 14:00Z.
    expect(got).toContain("1997-10-25T13:00:00Z");
    expect(got).toContain("1997-10-26T14:00:00Z");
    expect(got.at(-1)).toBe("1997-12-23T14:00:00Z");
  });

  it("every other day, forever (window to the end of 1997)", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;INTERVAL=2"], "1997-09-01T00:00:00Z", "1998-01-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, range(2, 30, 2)),
      ...easternDays(1997, 10, range(2, 30, 2)),
      ...easternDays(1997, 11, range(1, 29, 2)),
      ...easternDays(1997, 12, range(1, 31, 2)),
    ]);
  });

  it("every other day, forever: a window 30 years later keeps the parity and the local time across DST", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;INTERVAL=2"], "2027-03-12T00:00:00Z", "2027-03-18T00:00:00Z");
    expect(got).toEqual(["2027-03-13T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-17T13:00:00Z"]);
  });

  it("every 10 days, 5 occurrences: September 2,12,22; October 2,12", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;INTERVAL=10;COUNT=5"])).toEqual([
      ...easternDays(1997, 9, [2, 12, 22]),
      ...easternDays(1997, 10, [2, 12]),
    ]);
  });

  const januaries = [...easternDays(1998, 1, range(1, 31)), ...easternDays(1999, 1, range(1, 31)), ...easternDays(2000, 1, range(1, 31))];

  it("every day in January, for 3 years (YEARLY;BYMONTH=1;BYDAY=all, folded as the RFC prints it)", () => {
    const got = starts([`${NY}19980101T090000`, "RRULE:FREQ=YEARLY;UNTIL=20000131T140000Z;\r\n BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA"]);
    expect(got).toEqual(januaries);
    // UNTIL is exactly the last instance (09:00 EST = 14:00Z) and is included.
    expect(got.at(-1)).toBe("2000-01-31T14:00:00Z");
  });

  it("every day in January, for 3 years (DAILY;BYMONTH=1)", () => {
    expect(starts([`${NY}19980101T090000`, "RRULE:FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1"])).toEqual(januaries);
  });
});

describe("RFC 5545 §3.8.5.3 examples: WEEKLY", () => {
  it("weekly for 10 occurrences", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;COUNT=10"])).toEqual([
      ...easternDays(1997, 9, [2, 9, 16, 23, 30]),
      ...easternDays(1997, 10, [7, 14, 21, 28]),
      ...easternDays(1997, 11, [4]),
    ]);
  });

  it("weekly until December 24, 1997", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;UNTIL=19971224T000000Z"])).toEqual([
      ...easternDays(1997, 9, [2, 9, 16, 23, 30]),
      ...easternDays(1997, 10, [7, 14, 21, 28]),
      ...easternDays(1997, 11, [4, 11, 18, 25]),
      ...easternDays(1997, 12, [2, 9, 16, 23]),
    ]);
  });

  it("every other week, forever (WKST=SU), through February 17, 1998", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU"], "1997-09-01T00:00:00Z", "1998-02-18T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, [2, 16, 30]),
      ...easternDays(1997, 10, [14, 28]),
      ...easternDays(1997, 11, [11, 25]),
      ...easternDays(1997, 12, [9, 23]),
      ...easternDays(1998, 1, [6, 20]),
      ...easternDays(1998, 2, [3, 17]),
    ]);
  });

  it("every other week, forever: the fortnight grid holds in 2027", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;WKST=SU"], "2027-01-01T00:00:00Z", "2027-03-01T00:00:00Z");
    expect(got).toEqual(["2027-01-12T14:00:00Z", "2027-01-26T14:00:00Z", "2027-02-09T14:00:00Z", "2027-02-23T14:00:00Z"]);
  });

  const tuTh5 = [...easternDays(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...easternDays(1997, 10, [2])];

  it("weekly on Tuesday and Thursday for five weeks (UNTIL)", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH"])).toEqual(tuTh5);
  });

  it("weekly on Tuesday and Thursday for five weeks (COUNT=10)", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH"])).toEqual(tuTh5);
  });

  it("every other week on Monday, Wednesday and Friday until December 24, 1997, from Monday September 1", () => {
    expect(starts([`${NY}19970901T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;\r\n BYDAY=MO,WE,FR"])).toEqual([
      ...easternDays(1997, 9, [1, 3, 5, 15, 17, 19, 29]),
      ...easternDays(1997, 10, [1, 3, 13, 15, 17, 27, 29, 31]),
      ...easternDays(1997, 11, [10, 12, 14, 24, 26, 28]),
      ...easternDays(1997, 12, [8, 10, 12, 22]),
    ]);
  });

  it("every other week on Tuesday and Thursday, for 8 occurrences", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"])).toEqual([
      ...easternDays(1997, 9, [2, 4, 16, 18, 30]),
      ...easternDays(1997, 10, [2, 14, 16]),
    ]);
  });

  it("WKST=MO: every other week on Tuesday and Sunday, 4 occurrences → August 5,10,19,24", () => {
    expect(starts([`${NY}19970805T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"])).toEqual(easternDays(1997, 8, [5, 10, 19, 24]));
  });

  it("WKST=SU: the same rule → August 5,17,19,31", () => {
    expect(starts([`${NY}19970805T090000`, "RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"])).toEqual(easternDays(1997, 8, [5, 17, 19, 31]));
  });
});

describe("RFC 5545 §3.8.5.3 examples: MONTHLY", () => {
  it("monthly on the first Friday for 10 occurrences", () => {
    expect(starts([`${NY}19970905T090000`, "RRULE:FREQ=MONTHLY;COUNT=10;BYDAY=1FR"])).toEqual([
      ...easternDays(1997, 9, [5]),
      ...easternDays(1997, 10, [3]),
      ...easternDays(1997, 11, [7]),
      ...easternDays(1997, 12, [5]),
      ...easternDays(1998, 1, [2]),
      ...easternDays(1998, 2, [6]),
      ...easternDays(1998, 3, [6]),
      ...easternDays(1998, 4, [3]),
      ...easternDays(1998, 5, [1]),
      ...easternDays(1998, 6, [5]),
    ]);
  });

  it("monthly on the first Friday until December 24, 1997", () => {
    expect(starts([`${NY}19970905T090000`, "RRULE:FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"])).toEqual([
      "1997-09-05T13:00:00Z",
      "1997-10-03T13:00:00Z",
      "1997-11-07T14:00:00Z",
      "1997-12-05T14:00:00Z",
    ]);
  });

  it("every other month on the first and last Sunday, for 10 occurrences", () => {
    expect(starts([`${NY}19970907T090000`, "RRULE:FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"])).toEqual([
      ...easternDays(1997, 9, [7, 28]),
      ...easternDays(1997, 11, [2, 30]),
      ...easternDays(1998, 1, [4, 25]),
      ...easternDays(1998, 3, [1, 29]),
      ...easternDays(1998, 5, [3, 31]),
    ]);
  });

  it("monthly on the second-to-last Monday for 6 months", () => {
    expect(starts([`${NY}19970922T090000`, "RRULE:FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"])).toEqual([
      ...easternDays(1997, 9, [22]),
      ...easternDays(1997, 10, [20]),
      ...easternDays(1997, 11, [17]),
      ...easternDays(1997, 12, [22]),
      ...easternDays(1998, 1, [19]),
      ...easternDays(1998, 2, [16]),
    ]);
  });

  it("monthly on the third-to-the-last day, forever (through February 1998)", () => {
    const got = starts([`${NY}19970928T090000`, "RRULE:FREQ=MONTHLY;BYMONTHDAY=-3"], "1997-09-01T00:00:00Z", "1998-03-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, [28]),
      ...easternDays(1997, 10, [29]),
      ...easternDays(1997, 11, [28]),
      ...easternDays(1997, 12, [29]),
      ...easternDays(1998, 1, [29]),
      ...easternDays(1998, 2, [26]),
    ]);
  });

  it("monthly on the 2nd and 15th for 10 occurrences", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"])).toEqual([
      ...easternDays(1997, 9, [2, 15]),
      ...easternDays(1997, 10, [2, 15]),
      ...easternDays(1997, 11, [2, 15]),
      ...easternDays(1997, 12, [2, 15]),
      ...easternDays(1998, 1, [2, 15]),
    ]);
  });

  it("monthly on the first and last day for 10 occurrences", () => {
    expect(starts([`${NY}19970930T090000`, "RRULE:FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"])).toEqual([
      ...easternDays(1997, 9, [30]),
      ...easternDays(1997, 10, [1, 31]),
      ...easternDays(1997, 11, [1, 30]),
      ...easternDays(1997, 12, [1, 31]),
      ...easternDays(1998, 1, [1, 31]),
      ...easternDays(1998, 2, [1]),
    ]);
  });

  it("every 18 months on the 10th thru 15th, for 10 occurrences", () => {
    expect(starts([`${NY}19970910T090000`, "RRULE:FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,\r\n 13,14,15"])).toEqual([
      ...easternDays(1997, 9, range(10, 15)),
      ...easternDays(1999, 3, range(10, 13)),
    ]);
  });

  it("every Tuesday, every other month (through March 1998)", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"], "1997-09-01T00:00:00Z", "1998-04-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, [2, 9, 16, 23, 30]),
      ...easternDays(1997, 11, [4, 11, 18, 25]),
      ...easternDays(1998, 1, [6, 13, 20, 27]),
      ...easternDays(1998, 3, [3, 10, 17, 24, 31]),
    ]);
  });

  it("every Tuesday, every other month: March 2027 is on the grid, across the DST change", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=TU"], "2027-02-01T00:00:00Z", "2027-04-01T00:00:00Z");
    expect(got).toEqual(["2027-03-02T14:00:00Z", "2027-03-09T14:00:00Z", "2027-03-16T13:00:00Z", "2027-03-23T13:00:00Z", "2027-03-30T13:00:00Z"]);
  });

  it("Friday the 13th, forever (DTSTART removed by EXDATE), through 2000", () => {
    const got = starts(
      [`${NY}19970902T090000`, "EXDATE;TZID=America/New_York:19970902T090000", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"],
      "1997-01-01T00:00:00Z",
      "2001-01-01T00:00:00Z",
    );
    expect(got).toEqual([...easternDays(1998, 2, [13]), ...easternDays(1998, 3, [13]), ...easternDays(1998, 11, [13]), ...easternDays(1999, 8, [13]), ...easternDays(2000, 10, [13])]);
  });

  it("Friday the 13th, forever: the only one in 2027 is August 13", () => {
    const got = starts(
      [`${NY}19970902T090000`, "EXDATE;TZID=America/New_York:19970902T090000", "RRULE:FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13"],
      "2027-01-01T00:00:00Z",
      "2028-01-01T00:00:00Z",
    );
    expect(got).toEqual(["2027-08-13T13:00:00Z"]);
  });

  it("the first Saturday that follows the first Sunday of the month, forever (through June 1998)", () => {
    const got = starts([`${NY}19970913T090000`, "RRULE:FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13"], "1997-09-01T00:00:00Z", "1998-07-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, [13]),
      ...easternDays(1997, 10, [11]),
      ...easternDays(1997, 11, [8]),
      ...easternDays(1997, 12, [13]),
      ...easternDays(1998, 1, [10]),
      ...easternDays(1998, 2, [7]),
      ...easternDays(1998, 3, [7]),
      ...easternDays(1998, 4, [11]),
      ...easternDays(1998, 5, [9]),
      ...easternDays(1998, 6, [13]),
    ]);
  });

  it("the third instance of one of Tuesday, Wednesday or Thursday, for 3 months (BYSETPOS=3)", () => {
    expect(starts([`${NY}19970904T090000`, "RRULE:FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"])).toEqual([
      ...easternDays(1997, 9, [4]),
      ...easternDays(1997, 10, [7]),
      ...easternDays(1997, 11, [6]),
    ]);
  });

  it("the second-to-last weekday of the month (BYSETPOS=-2), through March 1998", () => {
    const got = starts([`${NY}19970929T090000`, "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2"], "1997-09-01T00:00:00Z", "1998-04-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 9, [29]),
      ...easternDays(1997, 10, [30]),
      ...easternDays(1997, 11, [27]),
      ...easternDays(1997, 12, [30]),
      ...easternDays(1998, 1, [29]),
      ...easternDays(1998, 2, [26]),
      ...easternDays(1998, 3, [30]),
    ]);
  });

  it("an invalid date (February 30) is ignored, not rolled over: January 15,30; February 15; March 15,30 (2007)", () => {
    expect(starts([`${NY}20070115T090000`, "RRULE:FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"])).toEqual([
      "2007-01-15T14:00:00Z",
      "2007-01-30T14:00:00Z",
      "2007-02-15T14:00:00Z",
      "2007-03-15T13:00:00Z",
      "2007-03-30T13:00:00Z",
    ]);
  });
});

describe("RFC 5545 §3.8.5.3 examples: YEARLY", () => {
  it("yearly in June and July for 10 occurrences (day taken from DTSTART)", () => {
    expect(starts([`${NY}19970610T090000`, "RRULE:FREQ=YEARLY;COUNT=10;BYMONTH=6,7"])).toEqual(
      [1997, 1998, 1999, 2000, 2001].flatMap((y) => [...easternDays(y, 6, [10]), ...easternDays(y, 7, [10])]),
    );
  });

  it("every other year on January, February and March for 10 occurrences", () => {
    expect(starts([`${NY}19970310T090000`, "RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"])).toEqual([
      ...easternDays(1997, 3, [10]),
      ...[1999, 2001, 2003].flatMap((y) => [...easternDays(y, 1, [10]), ...easternDays(y, 2, [10]), ...easternDays(y, 3, [10])]),
    ]);
  });

  it("every third year on the 1st, 100th and 200th day for 10 occurrences (leap year 2000 shifts by a day)", () => {
    expect(starts([`${NY}19970101T090000`, "RRULE:FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"])).toEqual([
      ...easternDays(1997, 1, [1]),
      ...easternDays(1997, 4, [10]),
      ...easternDays(1997, 7, [19]),
      ...easternDays(2000, 1, [1]),
      ...easternDays(2000, 4, [9]),
      ...easternDays(2000, 7, [18]),
      ...easternDays(2003, 1, [1]),
      ...easternDays(2003, 4, [10]),
      ...easternDays(2003, 7, [19]),
      ...easternDays(2006, 1, [1]),
    ]);
  });

  it("every 20th Monday of the year, forever (1997-1999)", () => {
    const got = starts([`${NY}19970519T090000`, "RRULE:FREQ=YEARLY;BYDAY=20MO"], "1997-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
    expect(got).toEqual([...easternDays(1997, 5, [19]), ...easternDays(1998, 5, [18]), ...easternDays(1999, 5, [17])]);
  });

  it("every 20th Monday of the year: May 17 in 2027", () => {
    const got = starts([`${NY}19970519T090000`, "RRULE:FREQ=YEARLY;BYDAY=20MO"], "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(got).toEqual(["2027-05-17T13:00:00Z"]);
  });

  it("Monday of week number 20 (weeks start on Monday), forever (1997-1999)", () => {
    const got = starts([`${NY}19970512T090000`, "RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO"], "1997-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
    expect(got).toEqual([...easternDays(1997, 5, [12]), ...easternDays(1998, 5, [11]), ...easternDays(1999, 5, [17])]);
  });

  it("every Thursday in March, forever (1997-1999)", () => {
    const got = starts([`${NY}19970313T090000`, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=TH"], "1997-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
    expect(got).toEqual([...easternDays(1997, 3, [13, 20, 27]), ...easternDays(1998, 3, [5, 12, 19, 26]), ...easternDays(1999, 3, [4, 11, 18, 25])]);
  });

  it("every Thursday, but only during June, July and August, forever (1997-1999)", () => {
    const got = starts([`${NY}19970605T090000`, "RRULE:FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8"], "1997-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
    expect(got).toEqual([
      ...easternDays(1997, 6, [5, 12, 19, 26]),
      ...easternDays(1997, 7, [3, 10, 17, 24, 31]),
      ...easternDays(1997, 8, [7, 14, 21, 28]),
      ...easternDays(1998, 6, [4, 11, 18, 25]),
      ...easternDays(1998, 7, [2, 9, 16, 23, 30]),
      ...easternDays(1998, 8, [6, 13, 20, 27]),
      ...easternDays(1999, 6, [3, 10, 17, 24]),
      ...easternDays(1999, 7, [1, 8, 15, 22, 29]),
      ...easternDays(1999, 8, [5, 12, 19, 26]),
    ]);
  });

  it("US Presidential Election Day: every 4 years, the first Tuesday after a Monday in November (1996-2004)", () => {
    const got = starts([`${NY}19961105T090000`, "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;\r\n BYMONTHDAY=2,3,4,5,6,7,8"], ALL_FROM, "2005-01-01T00:00:00Z");
    expect(got).toEqual([...easternDays(1996, 11, [5]), ...easternDays(2000, 11, [7]), ...easternDays(2004, 11, [2])]);
  });

  it("US Presidential Election Day: November 7, 2028 (the only one in 2025-2028)", () => {
    const got = starts([`${NY}19961105T090000`, "RRULE:FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8"], "2025-01-01T00:00:00Z", "2029-01-01T00:00:00Z");
    expect(got).toEqual(["2028-11-07T14:00:00Z"]);
  });
});

describe("RFC 5545 §3.8.5.3 examples: HOURLY and MINUTELY", () => {
  it("every 3 hours from 9:00 AM to 5:00 PM, as written: UNTIL=19970902T170000Z is 13:00 EDT, so 09:00 and 12:00 only", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"])).toEqual(["1997-09-02T13:00:00Z", "1997-09-02T16:00:00Z"]);
  });

  it("every 3 hours from 9:00 AM to 5:00 PM, with the errata's UNTIL=19970902T210000Z (17:00 EDT): 09:00, 12:00, 15:00", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z"])).toEqual(["1997-09-02T13:00:00Z", "1997-09-02T16:00:00Z", "1997-09-02T19:00:00Z"]);
  });

  it("every 15 minutes for 6 occurrences", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=MINUTELY;INTERVAL=15;COUNT=6"])).toEqual(
      ["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"].flatMap((t) => easternDays(1997, 9, [2], t)),
    );
  });

  it("every hour and a half for 4 occurrences", () => {
    expect(starts([`${NY}19970902T090000`, "RRULE:FREQ=MINUTELY;INTERVAL=90;COUNT=4"])).toEqual(["09:00", "10:30", "12:00", "13:30"].flatMap((t) => easternDays(1997, 9, [2], t)));
  });

  const twentyMinutes = [2, 3].flatMap((d) => range(9, 16).flatMap((h) => [0, 20, 40].flatMap((m) => easternDays(1997, 9, [d], `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`))));

  it("every 20 minutes from 9:00 AM to 4:40 PM every day (DAILY;BYHOUR;BYMINUTE), September 2-3", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40"], "1997-09-02T04:00:00Z", "1997-09-04T04:00:00Z");
    expect(got).toHaveLength(48);
    expect(got).toEqual(twentyMinutes);
  });

  it("every 20 minutes from 9:00 AM to 4:40 PM every day (MINUTELY;INTERVAL=20;BYHOUR), September 2-3", () => {
    const got = starts([`${NY}19970902T090000`, "RRULE:FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16"], "1997-09-02T04:00:00Z", "1997-09-04T04:00:00Z");
    expect(got).toEqual(twentyMinutes);
  });
});
