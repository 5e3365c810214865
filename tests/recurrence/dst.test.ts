/**
 * Wall-clock recurrence across DST changes (DESIGN.md, "Time, precisely"): a TZID series keeps
 * its local time; a time in a spring-forward gap takes the offset from before the gap (RFC 5545
 * §3.3.5: 02:30 becomes 03:30); an ambiguous fall-back time takes the first instant; DTEND lengths
 * are exact and DURATION days nominal; all-day and floating times are read in the viewer's zone.
 *
 * 2027 transitions used below (from the zones' published rules):
 *   America/New_York   2027-03-14 02:00 EST→EDT (07:00Z)   2027-11-07 02:00 EDT→EST (06:00Z)
 *   Europe/London      2027-03-28 01:00Z                   2027-10-31 01:00Z
 *   Europe/Berlin      2027-03-28 01:00Z                   2027-10-31 01:00Z
 *   Australia/Sydney   2027-04-04 03:00 AEDT→AEST (16:00Z Apr 3)   2027-10-03 02:00 AEST→AEDT (16:00Z Oct 2)
 *   Australia/Adelaide 2027-04-04 03:00 ACDT→ACST (16:30Z Apr 3)   2027-10-03 02:00 ACST→ACDT (16:30Z Oct 2)
 *   Pacific/Chatham    2027-04-04 03:45 +1345→+1245 (14:00Z Apr 3) 2027-09-26 02:45 +1245→+1345 (14:00Z Sep 25)
 *   Europe/Dublin      as London (IST +01:00 in summer, GMT in winter)
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { ianaZone } from "@/lib/time/zone";
import { expandText, ics, iso } from "../helpers/ics";

const WHOLE_2027 = ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"] as const;

function spans(lines: string[], viewer = "UTC", from: string = WHOLE_2027[0], to: string = WHOLE_2027[1]): string[] {
  return expandText(ics(lines), from, to, viewer).spans;
}
function starts(lines: string[], viewer = "UTC", from: string = WHOLE_2027[0], to: string = WHOLE_2027[1]): string[] {
  return expandText(ics(lines), from, to, viewer).starts;
}
/** Local wall clock of an ISO instant in a zone, computed by luxon (not the engine). */
function wallIn(isoInstant: string, zone: string): string {
  return DateTime.fromISO(isoInstant, { zone: "utc" }).setZone(zone).toFormat("yyyy-LL-dd HH:mm");
}

describe("America/New_York: a weekly 09:00 series keeps 09:00 local", () => {
  it("across spring-forward (2027-03-14): 14:00Z before, 13:00Z after", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20270308T090000", "RRULE:FREQ=WEEKLY;COUNT=3"])).toEqual([
      "2027-03-08T14:00:00Z",
      "2027-03-15T13:00:00Z",
      "2027-03-22T13:00:00Z",
    ]);
  });

  it("across fall-back (2027-11-07): 13:00Z before, 14:00Z after", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20271101T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-11-01T13:00:00Z", "2027-11-08T14:00:00Z"]);
  });
});

describe("America/New_York: times in the gap and the overlap", () => {
  it("DTSTART 02:30 on the spring-forward day does not exist: it becomes 03:30 EDT (07:30Z)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270314T023000", "DURATION:PT1H"])).toEqual(["2027-03-14T07:30:00Z/2027-03-14T08:30:00Z"]);
  });

  it("DTSTART 01:30 on the fall-back day happens twice: the first (EDT, 05:30Z) is meant", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20271107T013000", "DURATION:PT1H"])).toEqual(["2027-11-07T05:30:00Z"]);
  });

  it("a daily 02:30 series across spring-forward: 07:30Z, 07:30Z (03:30 EDT on the gap day), 06:30Z", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20270313T023000", "RRULE:FREQ=DAILY;COUNT=3"])).toEqual([
      "2027-03-13T07:30:00Z",
      "2027-03-14T07:30:00Z",
      "2027-03-15T06:30:00Z",
    ]);
  });

  it("a daily 01:30 series across fall-back: the ambiguous day takes the first 01:30 (05:30Z)", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20271106T013000", "RRULE:FREQ=DAILY;COUNT=3"])).toEqual([
      "2027-11-06T05:30:00Z",
      "2027-11-07T05:30:00Z",
      "2027-11-08T06:30:00Z",
    ]);
  });
});

describe("lengths across DST: DURATION days are nominal, DTEND and hours exact", () => {
  it("DURATION:P1D over spring-forward is 23 hours (12:00 EST → 12:00 EDT)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270313T120000", "DURATION:P1D"])).toEqual(["2027-03-13T17:00:00Z/2027-03-14T16:00:00Z"]);
  });

  it("DURATION:P1D over fall-back is 25 hours (12:00 EDT → 12:00 EST)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20271106T120000", "DURATION:P1D"])).toEqual(["2027-11-06T16:00:00Z/2027-11-07T17:00:00Z"]);
  });

  it("DURATION:PT24H over spring-forward stays 24 hours (ends 13:00 EDT)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270313T120000", "DURATION:PT24H"])).toEqual(["2027-03-13T17:00:00Z/2027-03-14T17:00:00Z"]);
  });

  it("a weekly series with DURATION:P1D: the instance over the change is 23 hours", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270306T120000", "DURATION:P1D", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual([
      "2027-03-06T17:00:00Z/2027-03-07T17:00:00Z",
      "2027-03-13T17:00:00Z/2027-03-14T16:00:00Z",
    ]);
  });

  it("a weekly series with a 24-hour DTEND: every instance keeps the exact 24 hours (ends 13:00 EDT over the change)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270306T120000", "DTEND;TZID=America/New_York:20270307T120000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual([
      "2027-03-06T17:00:00Z/2027-03-07T17:00:00Z",
      "2027-03-13T17:00:00Z/2027-03-14T17:00:00Z",
    ]);
  });

  it("a single event whose DTEND is across the change is as long as its two instants say (23 hours)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270313T120000", "DTEND;TZID=America/New_York:20270314T120000"])).toEqual(["2027-03-13T17:00:00Z/2027-03-14T16:00:00Z"]);
  });

  it("DURATION:P1D from 02:30 the day before the gap ends at the gap's 02:30, read as 03:30 EDT (07:30Z)", () => {
    expect(spans(["DTSTART;TZID=America/New_York:20270313T023000", "DURATION:P1D"])).toEqual(["2027-03-13T07:30:00Z/2027-03-14T07:30:00Z"]);
  });
});

describe("a Europe/London viewer of a New York 18:30 series during the US/EU mismatch weeks", () => {
  const series = ["DTSTART;TZID=America/New_York:20270309T183000", "DURATION:PT1H30M", "RRULE:FREQ=WEEKLY;COUNT=4"];

  it("the instants follow New York: 23:30Z, then 22:30Z from 2027-03-14 on", () => {
    expect(starts(series, "Europe/London")).toEqual(["2027-03-09T23:30:00Z", "2027-03-16T22:30:00Z", "2027-03-23T22:30:00Z", "2027-03-30T22:30:00Z"]);
  });

  it("London sees 23:30, 22:30, 22:30 (the weeks between 2027-03-14 and 2027-03-28), then 23:30 BST again", () => {
    expect(starts(series, "Europe/London").map((s) => wallIn(s, "Europe/London"))).toEqual(["2027-03-09 23:30", "2027-03-16 22:30", "2027-03-23 22:30", "2027-03-30 23:30"]);
  });

  it("in autumn London falls back first (2027-10-31): the week of 2027-11-02 shows 22:30 there", () => {
    const got = starts(["DTSTART;TZID=America/New_York:20271026T183000", "DURATION:PT1H30M", "RRULE:FREQ=WEEKLY;COUNT=3"], "Europe/London");
    expect(got).toEqual(["2027-10-26T22:30:00Z", "2027-11-02T22:30:00Z", "2027-11-09T23:30:00Z"]);
    expect(got.map((s) => wallIn(s, "Europe/London"))).toEqual(["2027-10-26 23:30", "2027-11-02 22:30", "2027-11-09 23:30"]);
  });
});

describe("southern hemisphere: Australia/Sydney", () => {
  it("weekly 09:00 across the end of DST (first Sunday of April 2027): 22:00Z → 23:00Z", () => {
    expect(starts(["DTSTART;TZID=Australia/Sydney:20270328T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-03-27T22:00:00Z", "2027-04-03T23:00:00Z"]);
  });

  it("weekly 09:00 across the start of DST (first Sunday of October 2027): 23:00Z → 22:00Z", () => {
    expect(starts(["DTSTART;TZID=Australia/Sydney:20270926T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-09-25T23:00:00Z", "2027-10-02T22:00:00Z"]);
  });

  it("02:30 on 2027-10-03 is in the gap: 03:30 AEDT (16:30Z)", () => {
    expect(starts(["DTSTART;TZID=Australia/Sydney:20271003T023000"])).toEqual(["2027-10-02T16:30:00Z"]);
  });

  it("02:30 on 2027-04-04 happens twice: the first, AEDT (15:30Z)", () => {
    expect(starts(["DTSTART;TZID=Australia/Sydney:20270404T023000"])).toEqual(["2027-04-03T15:30:00Z"]);
  });
});

describe("half-hour and 45-minute zones", () => {
  it("Asia/Kolkata (+05:30, no DST): 09:00 is 03:30Z", () => {
    expect(starts(["DTSTART;TZID=Asia/Kolkata:20270315T090000"])).toEqual(["2027-03-15T03:30:00Z"]);
  });

  it("Australia/Adelaide (+10:30 → +09:30 on 2027-04-04): weekly 09:00 is 22:30Z then 23:30Z", () => {
    expect(starts(["DTSTART;TZID=Australia/Adelaide:20270328T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-03-27T22:30:00Z", "2027-04-03T23:30:00Z"]);
  });

  it("Australia/Adelaide: 02:30 on 2027-10-03 is in the gap, read with +09:30 (17:00Z)", () => {
    expect(starts(["DTSTART;TZID=Australia/Adelaide:20271003T023000"])).toEqual(["2027-10-02T17:00:00Z"]);
  });

  it("Asia/Kathmandu (+05:45, no DST): 09:00 is 03:15Z", () => {
    expect(starts(["DTSTART;TZID=Asia/Kathmandu:20270315T090000"])).toEqual(["2027-03-15T03:15:00Z"]);
  });

  it("Pacific/Chatham (+13:45 → +12:45 on 2027-04-04): weekly 09:00 is 19:15Z then 20:15Z", () => {
    expect(starts(["DTSTART;TZID=Pacific/Chatham:20270328T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-03-27T19:15:00Z", "2027-04-03T20:15:00Z"]);
  });

  it("Pacific/Chatham (+12:45 → +13:45 on 2027-09-26): weekly 09:00 is 20:15Z then 19:15Z", () => {
    expect(starts(["DTSTART;TZID=Pacific/Chatham:20270919T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-09-18T20:15:00Z", "2027-09-25T19:15:00Z"]);
  });

  it("Pacific/Chatham: 03:00 on 2027-09-26 is in the 02:45–03:45 gap, read with +12:45 (14:15Z)", () => {
    expect(starts(["DTSTART;TZID=Pacific/Chatham:20270926T030000"])).toEqual(["2027-09-25T14:15:00Z"]);
  });

  it("Pacific/Chatham: 03:00 on 2027-04-04 happens twice: the first, +13:45 (13:15Z)", () => {
    expect(starts(["DTSTART;TZID=Pacific/Chatham:20270404T030000"])).toEqual(["2027-04-03T13:15:00Z"]);
  });
});

describe("Europe/Dublin (IST in summer, GMT in winter)", () => {
  it("weekly 09:00 across 2027-03-28: 09:00Z then 08:00Z", () => {
    expect(starts(["DTSTART;TZID=Europe/Dublin:20270321T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-03-21T09:00:00Z", "2027-03-28T08:00:00Z"]);
  });

  it("weekly 09:00 across 2027-10-31: 08:00Z then 09:00Z", () => {
    expect(starts(["DTSTART;TZID=Europe/Dublin:20271024T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-10-24T08:00:00Z", "2027-10-31T09:00:00Z"]);
  });

  it("01:30 on 2027-03-28 is in the gap: read as GMT (01:30Z, 02:30 IST)", () => {
    expect(starts(["DTSTART;TZID=Europe/Dublin:20270328T013000"])).toEqual(["2027-03-28T01:30:00Z"]);
  });

  it("01:30 on 2027-10-31 happens twice: the first, IST (00:30Z)", () => {
    expect(starts(["DTSTART;TZID=Europe/Dublin:20271031T013000"])).toEqual(["2027-10-31T00:30:00Z"]);
  });
});

describe("all-day and floating times are read in the viewer's zone", () => {
  const allDay = ["DTSTART;VALUE=DATE:20270315", "DTEND;VALUE=DATE:20270316"];

  it("Pacific/Kiritimati (+14) sees 2027-03-15 from 2027-03-14T10:00Z", () => {
    expect(spans(allDay, "Pacific/Kiritimati")).toEqual(["2027-03-14T10:00:00Z/2027-03-15T10:00:00Z"]);
  });

  it("Pacific/Pago_Pago (-11) sees the same date from 2027-03-15T11:00Z", () => {
    expect(spans(allDay, "Pacific/Pago_Pago")).toEqual(["2027-03-15T11:00:00Z/2027-03-16T11:00:00Z"]);
  });

  it("an all-day event on New York's spring-forward day is 23 hours long for a New York viewer", () => {
    expect(spans(["DTSTART;VALUE=DATE:20270314", "DTEND;VALUE=DATE:20270315"], "America/New_York")).toEqual(["2027-03-14T05:00:00Z/2027-03-15T04:00:00Z"]);
  });

  it("an all-day weekly series stays on its dates for a viewer whose offset changes (New York, across 2027-03-14)", () => {
    expect(spans(["DTSTART;VALUE=DATE:20270308", "RRULE:FREQ=WEEKLY;COUNT=2"], "America/New_York")).toEqual([
      "2027-03-08T05:00:00Z/2027-03-09T05:00:00Z",
      "2027-03-15T04:00:00Z/2027-03-16T04:00:00Z",
    ]);
  });

  it("a floating 09:00 is 13:00Z for a New York viewer (EDT)", () => {
    expect(spans(["DTSTART:20270315T090000", "DTEND:20270315T100000"], "America/New_York")).toEqual(["2027-03-15T13:00:00Z/2027-03-15T14:00:00Z"]);
  });

  it("the same floating 09:00 is 00:00Z for an Asia/Tokyo viewer", () => {
    expect(spans(["DTSTART:20270315T090000", "DTEND:20270315T100000"], "Asia/Tokyo")).toEqual(["2027-03-15T00:00:00Z/2027-03-15T01:00:00Z"]);
  });

  it("a floating daily 09:00 series follows the viewer's DST (New York: 14:00Z, then 13:00Z)", () => {
    expect(starts(["DTSTART:20270313T090000", "RRULE:FREQ=DAILY;COUNT=2"], "America/New_York")).toEqual(["2027-03-13T14:00:00Z", "2027-03-14T13:00:00Z"]);
  });

  it("a floating 02:30 on the viewer's spring-forward day becomes 03:30 EDT (07:30Z)", () => {
    expect(starts(["DTSTART:20270314T023000"], "America/New_York")).toEqual(["2027-03-14T07:30:00Z"]);
  });
});

describe("a UTC UNTIL is compared as an instant, not as a wall time", () => {
  // 09:00 Europe/Berlin on Monday 2027-03-15 is 08:00Z (CET, +01:00).
  it("UNTIL=20270315T080000Z equals the 2027-03-15 instance's instant: it is included", () => {
    expect(starts(["DTSTART;TZID=Europe/Berlin:20270301T090000", "RRULE:FREQ=WEEKLY;UNTIL=20270315T080000Z"])).toEqual([
      "2027-03-01T08:00:00Z",
      "2027-03-08T08:00:00Z",
      "2027-03-15T08:00:00Z",
    ]);
  });

  it("UNTIL=20270315T075959Z is one second earlier: 2027-03-15 is excluded", () => {
    expect(starts(["DTSTART;TZID=Europe/Berlin:20270301T090000", "RRULE:FREQ=WEEKLY;UNTIL=20270315T075959Z"])).toEqual(["2027-03-01T08:00:00Z", "2027-03-08T08:00:00Z"]);
  });

  it("a New York series whose UNTIL is 09:00 EDT in UTC (13:00Z) includes that instance after the DST change", () => {
    expect(starts(["DTSTART;TZID=America/New_York:20270308T090000", "RRULE:FREQ=WEEKLY;UNTIL=20270315T130000Z"])).toEqual(["2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z"]);
  });
});

describe("wallToUtc at gaps and overlaps", () => {
  const cases: [zone: string, wall: [number, number, number, number, number], expected: string, why: string][] = [
    ["America/New_York", [2027, 2, 14, 2, 30], "2027-03-14T07:30:00Z", "gap: 02:30 → 03:30 EDT"],
    ["America/New_York", [2027, 10, 7, 1, 30], "2027-11-07T05:30:00Z", "overlap: first (EDT)"],
    ["Europe/London", [2027, 2, 28, 1, 30], "2027-03-28T01:30:00Z", "gap: 01:30 → 02:30 BST"],
    ["Europe/London", [2027, 9, 31, 1, 30], "2027-10-31T00:30:00Z", "overlap: first (BST)"],
    ["Australia/Sydney", [2027, 9, 3, 2, 30], "2027-10-02T16:30:00Z", "gap: 02:30 → 03:30 AEDT"],
    ["Australia/Sydney", [2027, 3, 4, 2, 30], "2027-04-03T15:30:00Z", "overlap: first (AEDT)"],
    ["Pacific/Chatham", [2027, 8, 26, 3, 0], "2027-09-25T14:15:00Z", "gap: 03:00 → 04:00 +13:45"],
    ["Pacific/Chatham", [2027, 3, 4, 3, 0], "2027-04-03T13:15:00Z", "overlap: first (+13:45)"],
    ["Australia/Lord_Howe", [2027, 9, 3, 2, 15], "2027-10-02T15:45:00Z", "30-minute gap: 02:15 → 02:45 +11:00"],
    ["Australia/Lord_Howe", [2027, 3, 4, 1, 45], "2027-04-03T14:45:00Z", "30-minute overlap: first (+11:00)"],
    ["Europe/Dublin", [2027, 2, 28, 1, 30], "2027-03-28T01:30:00Z", "gap: 01:30 → 02:30 IST"],
    ["Asia/Kathmandu", [2027, 2, 14, 2, 30], "2027-03-13T20:45:00Z", "no DST: +05:45 all year"],
  ];
  it.each(cases)("%s %j → %s (%s)", (zone, [y, mo, d, h, mi], expected) => {
    expect(iso(ianaZone(zone)!.wallToUtc(Date.UTC(y, mo, d, h, mi)))).toBe(expected);
  });
});

describe("the same answers whatever the host's TZ", () => {
  // Node re-reads process.env.TZ when it is assigned. Each host zone also resolves a New York
  // spring-forward gap in a year no other test touches, so that year's zone table is built under it.
  const hosts: [host: string, januaryOffsetMinutes: number, gapDay: [number, number, number], gapUtc: string][] = [
    ["America/New_York", 300, [2028, 2, 12], "2028-03-12T07:30:00Z"],
    ["Europe/London", 0, [2029, 2, 11], "2029-03-11T07:30:00Z"],
    ["Australia/Lord_Howe", -660, [2030, 2, 10], "2030-03-10T07:30:00Z"],
    ["Pacific/Chatham", -825, [2031, 2, 9], "2031-03-09T07:30:00Z"],
    ["UTC", 0, [2032, 2, 14], "2032-03-14T07:30:00Z"],
  ];
  it.each(hosts)("under TZ=%s", (host, januaryOffset, [y, mo, d], gapUtc) => {
    const saved = process.env.TZ;
    process.env.TZ = host;
    try {
      // The switch took effect (otherwise this test proves nothing).
      expect(new Date(2027, 0, 15, 12).getTimezoneOffset()).toBe(januaryOffset);
      expect(iso(ianaZone("America/New_York")!.wallToUtc(Date.UTC(y, mo, d, 2, 30)))).toBe(gapUtc);
      expect(starts(["DTSTART;TZID=America/New_York:20270308T090000", "RRULE:FREQ=WEEKLY;COUNT=2"])).toEqual(["2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z"]);
      expect(starts(["DTSTART;TZID=Europe/Berlin:20270301T090000", "RRULE:FREQ=WEEKLY;UNTIL=20270315T080000Z"])).toHaveLength(3);
      expect(spans(["DTSTART;VALUE=DATE:20270315", "DTEND;VALUE=DATE:20270316"], "Pacific/Kiritimati")).toEqual(["2027-03-14T10:00:00Z/2027-03-15T10:00:00Z"]);
      expect(starts(["DTSTART:20270314T023000"], "America/New_York")).toEqual(["2027-03-14T07:30:00Z"]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
