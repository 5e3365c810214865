/**
 * Zone rules (lib/time/zone.ts): `offsetAt` on both sides of each transition, and `wallToUtc` at
 * the edges of spring-forward gaps (the offset from before the gap: 02:30 becomes 03:30) and
 * fall-back overlaps (the first, earlier instant), for IANA zones and for a zone that only a
 * VTIMEZONE in the file defines.
 *
 * Wall-clock fields are written as Date.UTC(...) (months 0-based), as the engine encodes them.
 */
import { describe, expect, it } from "vitest";
import type { DateValue } from "@/lib/calendar";
import { ianaZone, requireZone, type ZoneRules } from "@/lib/time/zone";
import { expandText, importEvents, ics, iso, ms } from "../helpers/ics";

const H = 3_600_000;

function zone(name: string): ZoneRules {
  const z = ianaZone(name);
  if (!z) throw new Error(`Test bug: ${name} is not an IANA zone.`);
  return z;
}
function wallToUtc(z: ZoneRules, y: number, mo: number, d: number, h: number, mi = 0, s = 0): string {
  return iso(z.wallToUtc(Date.UTC(y, mo - 1, d, h, mi, s)));
}
function offsetHours(z: ZoneRules, isoInstant: string): number {
  return z.offsetAt(ms(isoInstant)) / H;
}

describe("America/New_York, spring-forward 2027-03-14 at 07:00Z (02:00 EST → 03:00 EDT)", () => {
  const ny = zone("America/New_York");
  it("offsetAt one millisecond before the change is -5 h", () => expect(offsetHours(ny, "2027-03-14T06:59:59.999Z")).toBe(-5));
  it("offsetAt the change is -4 h", () => expect(offsetHours(ny, "2027-03-14T07:00:00Z")).toBe(-4));
  it("01:59:59, the last wall time before the gap, is 06:59:59Z", () => expect(wallToUtc(ny, 2027, 3, 14, 1, 59, 59)).toBe("2027-03-14T06:59:59Z"));
  it("02:00, the first missing wall time, is read with EST: 07:00Z", () => expect(wallToUtc(ny, 2027, 3, 14, 2, 0)).toBe("2027-03-14T07:00:00Z"));
  it("02:30, in the gap, is read with EST: 07:30Z (03:30 EDT)", () => expect(wallToUtc(ny, 2027, 3, 14, 2, 30)).toBe("2027-03-14T07:30:00Z"));
  it("02:59:59, the last missing wall time, is 07:59:59Z", () => expect(wallToUtc(ny, 2027, 3, 14, 2, 59, 59)).toBe("2027-03-14T07:59:59Z"));
  it("03:00, the first wall time after the gap, is 07:00Z", () => expect(wallToUtc(ny, 2027, 3, 14, 3, 0)).toBe("2027-03-14T07:00:00Z"));
});

describe("America/New_York, fall-back 2027-11-07 at 06:00Z (02:00 EDT → 01:00 EST)", () => {
  const ny = zone("America/New_York");
  it("offsetAt one millisecond before the change is -4 h", () => expect(offsetHours(ny, "2027-11-07T05:59:59.999Z")).toBe(-4));
  it("offsetAt the change is -5 h", () => expect(offsetHours(ny, "2027-11-07T06:00:00Z")).toBe(-5));
  it("00:59:59, before the repeated hour, is 04:59:59Z", () => expect(wallToUtc(ny, 2027, 11, 7, 0, 59, 59)).toBe("2027-11-07T04:59:59Z"));
  it("01:00, the first repeated wall time, takes the first (EDT): 05:00Z", () => expect(wallToUtc(ny, 2027, 11, 7, 1, 0)).toBe("2027-11-07T05:00:00Z"));
  it("01:30 takes the first (EDT): 05:30Z", () => expect(wallToUtc(ny, 2027, 11, 7, 1, 30)).toBe("2027-11-07T05:30:00Z"));
  it("01:59:59 takes the first (EDT): 05:59:59Z", () => expect(wallToUtc(ny, 2027, 11, 7, 1, 59, 59)).toBe("2027-11-07T05:59:59Z"));
  it("02:00, after the repeated hour, is EST: 07:00Z", () => expect(wallToUtc(ny, 2027, 11, 7, 2, 0)).toBe("2027-11-07T07:00:00Z"));
});

describe("Europe/London, 2027-03-28 and 2027-10-31 at 01:00Z", () => {
  const london = zone("Europe/London");
  it("offsetAt just before spring-forward is 0", () => expect(offsetHours(london, "2027-03-28T00:59:59.999Z")).toBe(0));
  it("offsetAt spring-forward is +1 h", () => expect(offsetHours(london, "2027-03-28T01:00:00Z")).toBe(1));
  it("01:30, in the gap, is read with GMT: 01:30Z (02:30 BST)", () => expect(wallToUtc(london, 2027, 3, 28, 1, 30)).toBe("2027-03-28T01:30:00Z"));
  it("02:00, after the gap, is BST: 01:00Z", () => expect(wallToUtc(london, 2027, 3, 28, 2, 0)).toBe("2027-03-28T01:00:00Z"));
  it("offsetAt just before fall-back is +1 h", () => expect(offsetHours(london, "2027-10-31T00:59:59.999Z")).toBe(1));
  it("offsetAt fall-back is 0", () => expect(offsetHours(london, "2027-10-31T01:00:00Z")).toBe(0));
  it("01:30, repeated, takes the first (BST): 00:30Z", () => expect(wallToUtc(london, 2027, 10, 31, 1, 30)).toBe("2027-10-31T00:30:00Z"));
  it("02:00, after the repeated hour, is GMT: 02:00Z", () => expect(wallToUtc(london, 2027, 10, 31, 2, 0)).toBe("2027-10-31T02:00:00Z"));
});

describe("Australia/Lord_Howe: a 30-minute DST (+10:30 / +11:00)", () => {
  const lh = zone("Australia/Lord_Howe");
  // Ends 2027-04-04 02:00 LHDT (+11) = 2027-04-03T15:00Z → 01:30 LHST; starts 2027-10-03 02:00 LHST (+10:30) = 2027-10-02T15:30Z → 02:30 LHDT.
  it("offsetAt just before the April change is +11 h", () => expect(offsetHours(lh, "2027-04-03T14:59:59.999Z")).toBe(11));
  it("offsetAt the April change is +10.5 h", () => expect(offsetHours(lh, "2027-04-03T15:00:00Z")).toBe(10.5));
  it("01:45 on 2027-04-04, repeated, takes the first (+11): 14:45Z", () => expect(wallToUtc(lh, 2027, 4, 4, 1, 45)).toBe("2027-04-03T14:45:00Z"));
  it("02:00 on 2027-04-04, after the repeated half hour, is +10:30: 15:30Z", () => expect(wallToUtc(lh, 2027, 4, 4, 2, 0)).toBe("2027-04-03T15:30:00Z"));
  it("offsetAt just before the October change is +10.5 h", () => expect(offsetHours(lh, "2027-10-02T15:29:59.999Z")).toBe(10.5));
  it("offsetAt the October change is +11 h", () => expect(offsetHours(lh, "2027-10-02T15:30:00Z")).toBe(11));
  it("02:15 on 2027-10-03, in the 30-minute gap, is read with +10:30: 15:45Z (02:45 LHDT)", () => expect(wallToUtc(lh, 2027, 10, 3, 2, 15)).toBe("2027-10-02T15:45:00Z"));
  it("02:30 on 2027-10-03, after the gap, is +11: 15:30Z", () => expect(wallToUtc(lh, 2027, 10, 3, 2, 30)).toBe("2027-10-02T15:30:00Z"));
});

describe("zone names", () => {
  it("ianaZone returns undefined for a name that is not a zone", () => expect(ianaZone("Eastern Standard Time")).toBeUndefined());
  it("ianaZone accepts a name in any case (its spelling: see known-failures)", () => expect(ianaZone("america/new_york")?.wallToUtc(Date.UTC(2027, 2, 14, 2, 30))).toBe(Date.UTC(2027, 2, 14, 7, 30)));
  it("requireZone throws a RangeError naming an unknown zone", () => expect(() => requireZone("Mars/Olympus_Mons")).toThrow(/Mars\/Olympus_Mons/));
  it("requireZone(\"UTC\") has offset 0 everywhere", () => expect(requireZone("UTC").offsetAt(ms("2027-07-01T00:00:00Z"))).toBe(0));
});

describe("a zone defined only by the file's VTIMEZONE", () => {
  // US Eastern rules under a TZID no database knows, with the 2007 change written as two
  // observances per kind, the older ones ended by a UTC UNTIL (as Apple and Outlook write them).
  const VTZ = [
    "BEGIN:VTIMEZONE",
    "TZID:Custom Eastern (FormatFit test)",
    "BEGIN:DAYLIGHT",
    "DTSTART:19870405T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:19671029T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "END:STANDARD",
    "BEGIN:DAYLIGHT",
    "DTSTART:20070311T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0400",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "DTSTART:20071104T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    "TZOFFSETFROM:-0400",
    "TZOFFSETTO:-0500",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
  const TZID = "Custom Eastern (FormatFit test)";

  function customZone(): ZoneRules {
    const { events } = importEvents(ics(VTZ, [`DTSTART;TZID=${TZID}:20270315T090000`]));
    const start: DateValue | undefined = events[0]?.start;
    if (start?.kind !== "zoned") throw new Error("expected a zoned DTSTART");
    return start.zone;
  }

  it("is not an IANA zone and keeps the file's TZID as its name", () => {
    const z = customZone();
    expect(z.iana).toBe(false);
    expect(z.name).toBe(TZID);
  });

  it("09:00 on 2027-03-15 is EDT (13:00Z)", () => expect(wallToUtc(customZone(), 2027, 3, 15, 9)).toBe("2027-03-15T13:00:00Z"));
  it("02:30 on 2027-03-14, in the gap, is read with EST: 07:30Z", () => expect(wallToUtc(customZone(), 2027, 3, 14, 2, 30)).toBe("2027-03-14T07:30:00Z"));
  it("01:30 on 2027-11-07, repeated, takes the first (EDT): 05:30Z", () => expect(wallToUtc(customZone(), 2027, 11, 7, 1, 30)).toBe("2027-11-07T05:30:00Z"));
  it("offsetAt the 2027 spring-forward instant (07:00Z) is -4 h, a millisecond before -5 h", () => {
    const z = customZone();
    expect(offsetHours(z, "2027-03-14T07:00:00Z")).toBe(-4);
    expect(offsetHours(z, "2027-03-14T06:59:59.999Z")).toBe(-5);
  });
  it("follows the pre-2007 rule up to its UNTIL: 2006-04-01 09:00 is EST (14:00Z)", () => expect(wallToUtc(customZone(), 2006, 4, 1, 9)).toBe("2006-04-01T14:00:00Z"));
  it("2006-04-03 09:00 is EDT (13:00Z)", () => expect(wallToUtc(customZone(), 2006, 4, 3, 9)).toBe("2006-04-03T13:00:00Z"));
  it("2006-10-30 09:00 is EST again (14:00Z)", () => expect(wallToUtc(customZone(), 2006, 10, 30, 9)).toBe("2006-10-30T14:00:00Z"));
  it("the old rule stops at its UNTIL: 2007-04-01 (first Sunday of April) is not a change; 2007-03-12 is already EDT", () => {
    expect(wallToUtc(customZone(), 2007, 3, 12, 9)).toBe("2007-03-12T13:00:00Z");
    expect(wallToUtc(customZone(), 2007, 4, 2, 9)).toBe("2007-04-02T13:00:00Z");
  });
  it("2007-11-01 09:00 is still EDT (the old last-Sunday-of-October rule has ended): 13:00Z", () => expect(wallToUtc(customZone(), 2007, 11, 1, 9)).toBe("2007-11-01T13:00:00Z"));

  it("a weekly 09:00 series in the custom zone keeps 09:00 across 2027-03-14", () => {
    const r = expandText(ics(VTZ, [`DTSTART;TZID=${TZID}:20270308T090000`, "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=2"]), "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", "Asia/Kathmandu");
    expect(r.starts).toEqual(["2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z"]);
  });

  it("a VTIMEZONE with a fixed offset (+05:30, no DST) reads 09:00 as 03:30Z", () => {
    const fixed = ["BEGIN:VTIMEZONE", "TZID:My Office", "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "END:STANDARD", "END:VTIMEZONE"].join("\r\n");
    expect(expandText(ics(fixed, ["DTSTART;TZID=My Office:20270315T090000"]), "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z").starts).toEqual(["2027-03-15T03:30:00Z"]);
  });

  it("a VTIMEZONE whose changes are RDATEs (no RRULE) applies them", () => {
    const rdates = [
      "BEGIN:VTIMEZONE",
      "TZID:Listed",
      "BEGIN:STANDARD",
      "DTSTART:20261101T020000",
      "RDATE:20261101T020000,20271107T020000",
      "TZOFFSETFROM:-0400",
      "TZOFFSETTO:-0500",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:20270314T020000",
      "RDATE:20270314T020000",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0400",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
    ].join("\r\n");
    const r = expandText(ics(rdates, ["DTSTART;TZID=Listed:20270308T090000", "RRULE:FREQ=WEEKLY;COUNT=3"], ["DTSTART;TZID=Listed:20271108T090000"]), "2027-03-01T00:00:00Z", "2027-12-01T00:00:00Z");
    expect(r.starts).toEqual(["2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-22T13:00:00Z", "2027-11-08T14:00:00Z"]);
  });
});
