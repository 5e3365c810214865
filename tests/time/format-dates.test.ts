/**
 * The display dates that saved reports and share links use (lib/time/format.ts): each names its
 * zone, so the suite's own zone (Asia/Kathmandu) never shows through, and each is English whatever
 * the runtime's locale.
 */
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { formatDateTime, formatLongDate, formatWallTime } from "@/lib/time/format";

describe("formatLongDate", () => {
  it("gives the date in the zone named, not UTC's (03:00 UTC is still the evening before in New York)", () => {
    expect(formatLongDate(Date.parse("2027-04-12T03:00:00Z"), "America/New_York")).toBe("11 April 2027");
    expect(formatLongDate(Date.parse("2027-04-12T03:00:00Z"), "UTC")).toBe("12 April 2027");
  });

  it("crosses the date line the other way in Auckland", () => {
    expect(formatLongDate(Date.parse("2027-04-11T13:00:00Z"), "Pacific/Auckland")).toBe("12 April 2027");
  });
});

describe("formatDateTime", () => {
  it("gives the wall time in the zone named, on a 24-hour clock", () => {
    expect(formatDateTime(Date.parse("2027-04-12T18:05:00Z"), "America/New_York")).toBe("12 Apr 2027, 14:05");
  });

  it("follows daylight saving: the same UTC hour a day before New York's spring change reads an hour earlier", () => {
    expect(formatDateTime(Date.parse("2027-03-13T18:00:00Z"), "America/New_York")).toBe("13 Mar 2027, 13:00");
    expect(formatDateTime(Date.parse("2027-03-15T18:00:00Z"), "America/New_York")).toBe("15 Mar 2027, 14:00");
  });
});

describe("formatWallTime", () => {
  it("is luxon's `ccc d LLL yyyy HH:mm` in English, in any zone, at any instant of years 1000–9999", () => {
    const zones = fc.constantFrom("America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Europe/Amsterdam", "Pacific/Chatham", "UTC", "America/St_Johns");
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }), zones, (ms, zone) => {
        expect(formatWallTime(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).setLocale("en-US").toFormat("ccc d LLL yyyy HH:mm"));
      }),
      { numRuns: 2000 },
    );
    expect(formatWallTime(Date.UTC(2027, 0, 12, 23, 30), "America/New_York")).toBe("Tue 12 Jan 2027 18:30");
  });
});
