/**
 * The display dates that saved reports and share links use (lib/time/format.ts): each names its
 * zone, so the suite's own zone (Asia/Kathmandu) never shows through, and each is English whatever
 * the runtime's locale.
 */
import { describe, expect, it } from "vitest";
import { formatDateTime, formatLongDate } from "@/lib/time/format";

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
