/**
 * RECURRENCE-ID overrides, EXDATE, RDATE, COUNT and cancelled series (DESIGN.md, "Time,
 * precisely"; RFC 5545 §3.8.4.4, §3.8.5.1–3).
 *
 * The base series: Mondays 09:00–10:00 America/New_York from 2027-01-04. In March 2027 its
 * instances are Mar 1 and 8 at 14:00Z (EST) and Mar 15, 22 and 29 at 13:00Z (EDT from Mar 14).
 */
import { describe, expect, it } from "vitest";
import { expandText, ics } from "../helpers/ics";

const MARCH = ["2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z"] as const;
const MASTER = [
  "UID:weekly@test",
  "SUMMARY:Weekly",
  "DTSTART;TZID=America/New_York:20270104T090000",
  "DTEND;TZID=America/New_York:20270104T100000",
  "RRULE:FREQ=WEEKLY",
];
const MARCH_STARTS = ["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"];

function override(recurrenceId: string, ...rest: string[]): string[] {
  return ["UID:weekly@test", recurrenceId, ...rest];
}
function march(...components: (readonly string[] | string)[]) {
  return expandText(ics(...components), MARCH[0], MARCH[1], "America/New_York");
}

describe("the base series", () => {
  it("has five March instances, 14:00Z before the DST change and 13:00Z after", () => {
    expect(march(MASTER).starts).toEqual(MARCH_STARTS);
  });
});

describe("RECURRENCE-ID overrides", () => {
  const moved = ["SUMMARY:Moved", "DTSTART;TZID=America/New_York:20270316T110000", "DTEND;TZID=America/New_York:20270316T120000"];

  it("an override written before its master replaces the instance it names", () => {
    const r = march(override("RECURRENCE-ID;TZID=America/New_York:20270315T090000", ...moved), MASTER);
    expect(r.spans).toEqual([
      "2027-03-01T14:00:00Z/2027-03-01T15:00:00Z",
      "2027-03-08T14:00:00Z/2027-03-08T15:00:00Z",
      "2027-03-16T15:00:00Z/2027-03-16T16:00:00Z",
      "2027-03-22T13:00:00Z/2027-03-22T14:00:00Z",
      "2027-03-29T13:00:00Z/2027-03-29T14:00:00Z",
    ]);
    expect(r.occurrences[2]?.summary).toBe("Moved");
  });

  it("a RECURRENCE-ID in another zone names the instance at the same instant (13:00 London = 09:00 New York)", () => {
    const r = march(MASTER, override("RECURRENCE-ID;TZID=Europe/London:20270315T130000", ...moved));
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-16T15:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("a RECURRENCE-ID in UTC names the instance at that instant", () => {
    const r = march(MASTER, override("RECURRENCE-ID:20270315T130000Z", ...moved));
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-16T15:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("a RECURRENCE-ID at another time of a day with one instance replaces that instance (Exchange writes 00:00 for an 08:00 series)", () => {
    const r = march(MASTER, override("RECURRENCE-ID;TZID=America/New_York:20270315T100000", ...moved));
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-16T15:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
    expect(r.warnings).toEqual([]);
  });

  it("a RECURRENCE-ID on a day without an instance is ignored with a warning, not added as an extra occurrence", () => {
    const r = march(MASTER, override("RECURRENCE-ID;TZID=America/New_York:20270317T090000", ...moved));
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
    expect(r.warnings.map((w) => w.code)).toEqual(["RECURRENCE_ID_NO_INSTANCE"]);
    expect(r.warnings[0]?.message).toContain("2027-03-17 09:00 (America/New_York)");
  });

  it("VALUE=DATE overrides an all-day series: 2027-03-15 moves to 2027-03-17", () => {
    const r = expandText(
      ics(
        ["UID:allday@test", "DTSTART;VALUE=DATE:20270301", "DTEND;VALUE=DATE:20270302", "RRULE:FREQ=WEEKLY;COUNT=4"],
        ["UID:allday@test", "RECURRENCE-ID;VALUE=DATE:20270315", "DTSTART;VALUE=DATE:20270317", "DTEND;VALUE=DATE:20270318"],
      ),
      MARCH[0],
      MARCH[1],
      "UTC",
    );
    expect(r.spans).toEqual([
      "2027-03-01T00:00:00Z/2027-03-02T00:00:00Z",
      "2027-03-08T00:00:00Z/2027-03-09T00:00:00Z",
      "2027-03-17T00:00:00Z/2027-03-18T00:00:00Z",
      "2027-03-22T00:00:00Z/2027-03-23T00:00:00Z",
    ]);
  });

  it("an override moves an instance from far outside the window into it (January 4 → March 17)", () => {
    const r = expandText(
      ics(MASTER, override("RECURRENCE-ID;TZID=America/New_York:20270104T090000", "DTSTART;TZID=America/New_York:20270317T140000", "DTEND;TZID=America/New_York:20270317T150000")),
      "2027-03-15T00:00:00Z",
      "2027-03-22T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual(["2027-03-15T13:00:00Z", "2027-03-17T18:00:00Z"]);
  });

  it("an override moves an instance out of the window (March 15 → April 20): the window is empty", () => {
    const r = expandText(
      ics(MASTER, override("RECURRENCE-ID;TZID=America/New_York:20270315T090000", "DTSTART;TZID=America/New_York:20270420T090000", "DTEND;TZID=America/New_York:20270420T100000")),
      "2027-03-14T00:00:00Z",
      "2027-03-21T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual([]);
  });

  it("RANGE=THISANDFUTURE reshapes the named instance and every later one (09:00–10:00 → 11:00–12:30)", () => {
    const r = march(
      MASTER,
      override(
        "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270315T090000",
        "SUMMARY:Later",
        "DTSTART;TZID=America/New_York:20270315T110000",
        "DTEND;TZID=America/New_York:20270315T123000",
      ),
    );
    expect(r.spans).toEqual([
      "2027-03-01T14:00:00Z/2027-03-01T15:00:00Z",
      "2027-03-08T14:00:00Z/2027-03-08T15:00:00Z",
      "2027-03-15T15:00:00Z/2027-03-15T16:30:00Z",
      "2027-03-22T15:00:00Z/2027-03-22T16:30:00Z",
      "2027-03-29T15:00:00Z/2027-03-29T16:30:00Z",
    ]);
    expect(r.occurrences.map((o) => o.summary)).toEqual(["Weekly", "Weekly", "Later", "Later", "Later"]);
  });

  it("an override with STATUS:CANCELLED removes its instance", () => {
    const r = march(MASTER, override("RECURRENCE-ID;TZID=America/New_York:20270315T090000", "STATUS:CANCELLED", "DTSTART;TZID=America/New_York:20270315T090000", "DTEND;TZID=America/New_York:20270315T100000"));
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("an override whose master is missing is an event of its own", () => {
    const r = march(["UID:orphan@test", "RECURRENCE-ID;TZID=America/New_York:20270315T090000", "DTSTART;TZID=America/New_York:20270316T090000", "DTEND;TZID=America/New_York:20270316T100000"]);
    expect(r.occurrences.map((o) => [o.uid, o.start, o.end])).toEqual([["orphan@test", "2027-03-16T13:00:00Z", "2027-03-16T14:00:00Z"]]);
  });
});

describe("EXDATE", () => {
  it("several EXDATE lines, one with several values, remove every instance they name", () => {
    const r = march([...MASTER, "EXDATE;TZID=America/New_York:20270308T090000,20270322T090000", "EXDATE;TZID=America/New_York:20270329T090000"]);
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-15T13:00:00Z"]);
  });

  it("an EXDATE in UTC removes the instance at that instant (13:00Z = 09:00 EDT)", () => {
    expect(march([...MASTER, "EXDATE:20270315T130000Z"]).starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("an EXDATE in another TZID removes the instance at the same instant (14:00 Berlin CET = 09:00 EDT)", () => {
    expect(march([...MASTER, "EXDATE;TZID=Europe/Berlin:20270315T140000"]).starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("an EXDATE at a time the series never has removes nothing", () => {
    expect(march([...MASTER, "EXDATE;TZID=America/New_York:20270315T100000"]).starts).toEqual(MARCH_STARTS);
  });

  it("an EXDATE;VALUE=DATE on a timed series removes that date's instance", () => {
    expect(march([...MASTER, "EXDATE;VALUE=DATE:20270315"]).starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-22T13:00:00Z", "2027-03-29T13:00:00Z"]);
  });

  it("an EXDATE;VALUE=DATE on an all-day series removes that date", () => {
    const r = expandText(ics(["DTSTART;VALUE=DATE:20270301", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE;VALUE=DATE:20270302"]), MARCH[0], MARCH[1], "UTC");
    expect(r.starts).toEqual(["2027-03-01T00:00:00Z", "2027-03-03T00:00:00Z"]);
  });

  it("COUNT counts instances before EXDATE removes them: COUNT=4 minus one EXDATE is three instances", () => {
    const r = march([
      "DTSTART;TZID=America/New_York:20270301T090000",
      "DTEND;TZID=America/New_York:20270301T100000",
      "RRULE:FREQ=WEEKLY;COUNT=4",
      "EXDATE;TZID=America/New_York:20270308T090000",
    ]);
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-15T13:00:00Z", "2027-03-22T13:00:00Z"]);
  });
});

describe("RDATE", () => {
  it("RDATE;VALUE=DATE adds dates to an all-day series", () => {
    const r = expandText(ics(["DTSTART;VALUE=DATE:20270301", "RRULE:FREQ=WEEKLY;COUNT=2", "RDATE;VALUE=DATE:20270310,20270311"]), MARCH[0], MARCH[1], "UTC");
    expect(r.spans).toEqual([
      "2027-03-01T00:00:00Z/2027-03-02T00:00:00Z",
      "2027-03-08T00:00:00Z/2027-03-09T00:00:00Z",
      "2027-03-10T00:00:00Z/2027-03-11T00:00:00Z",
      "2027-03-11T00:00:00Z/2027-03-12T00:00:00Z",
    ]);
  });

  it("RDATE;VALUE=DATE adds dates to an all-day event without a rule", () => {
    const r = expandText(ics(["DTSTART;VALUE=DATE:20270301", "RDATE;VALUE=DATE:20270305"]), MARCH[0], MARCH[1], "UTC");
    expect(r.starts).toEqual(["2027-03-01T00:00:00Z", "2027-03-05T00:00:00Z"]);
  });

  it("a zoned RDATE adds an instance with the master's length", () => {
    const r = march([...MASTER, "RDATE;TZID=America/New_York:20270317T140000"]);
    expect(r.spans).toContain("2027-03-17T18:00:00Z/2027-03-17T19:00:00Z");
    expect(r.starts).toHaveLength(6);
  });

  it("a UTC RDATE adds an instance at that instant", () => {
    expect(march([...MASTER, "RDATE:20270317T180000Z"]).spans).toContain("2027-03-17T18:00:00Z/2027-03-17T19:00:00Z");
  });

  it("an RDATE equal to a rule instance does not duplicate it", () => {
    expect(march([...MASTER, "RDATE;TZID=America/New_York:20270315T090000"]).starts).toEqual(MARCH_STARTS);
  });

  it("RDATE;VALUE=PERIOD with an end gives that instance its own length (14:00–17:00 EDT)", () => {
    const r = march([...MASTER, "RDATE;VALUE=PERIOD;TZID=America/New_York:20270320T140000/20270320T170000"]);
    expect(r.spans).toContain("2027-03-20T18:00:00Z/2027-03-20T21:00:00Z");
  });

  it("RDATE;VALUE=PERIOD with a duration gives that instance its own length (PT2H)", () => {
    const r = march([...MASTER, "RDATE;VALUE=PERIOD:20270321T180000Z/PT2H"]);
    expect(r.spans).toContain("2027-03-21T18:00:00Z/2027-03-21T20:00:00Z");
  });

  it("RDATE;VALUE=PERIOD with a nominal day over the DST change is 23 hours (P1D from 12:00 EST)", () => {
    const r = march([...MASTER, "RDATE;VALUE=PERIOD;TZID=America/New_York:20270313T120000/P1D"]);
    expect(r.spans).toContain("2027-03-13T17:00:00Z/2027-03-14T16:00:00Z");
  });
});

describe("DTSTART, COUNT and several rules", () => {
  it("a DTSTART the rule would not produce is still the first instance and counts toward COUNT (Wed, then Mondays)", () => {
    const r = march(["DTSTART;TZID=America/New_York:20270303T090000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3"]);
    expect(r.starts).toEqual(["2027-03-03T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z"]);
  });

  it("a DTSTART the rule would not produce is the first instance of an endless rule too", () => {
    const r = march(["DTSTART;TZID=America/New_York:20270303T090000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=MO"]);
    expect(r.starts).toEqual(["2027-03-03T14:00:00Z", ...MARCH_STARTS.slice(1)]);
  });

  it("two RRULEs in one event: the union of both, a shared instant once", () => {
    const r = expandText(
      ics(["DTSTART;TZID=America/New_York:20270301T090000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3", "RRULE:FREQ=MONTHLY;BYMONTHDAY=1;COUNT=2"]),
      "2027-03-01T00:00:00Z",
      "2027-06-01T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual(["2027-03-01T14:00:00Z", "2027-03-08T14:00:00Z", "2027-03-15T13:00:00Z", "2027-04-01T13:00:00Z"]);
  });

  it("STATUS:CANCELLED on the series removes every instance", () => {
    expect(march([...MASTER, "STATUS:CANCELLED"]).starts).toEqual([]);
  });

  it("METHOD:CANCEL makes the whole series a cancellation", () => {
    const text = ics(MASTER).replace("BEGIN:VEVENT", "METHOD:CANCEL\r\nBEGIN:VEVENT");
    expect(expandText(text, MARCH[0], MARCH[1], "America/New_York").starts).toEqual([]);
  });
});

describe("the window is half-open [from, to)", () => {
  const one = ["DTSTART:20270315T130000Z", "DTEND:20270315T140000Z"];

  it("an occurrence that ends exactly at `from` is outside", () => {
    expect(expandText(ics(one), "2027-03-15T14:00:00Z", "2027-03-16T00:00:00Z").starts).toEqual([]);
  });

  it("an occurrence that ends one second after `from` is inside", () => {
    expect(expandText(ics(one), "2027-03-15T13:59:59Z", "2027-03-16T00:00:00Z").starts).toEqual(["2027-03-15T13:00:00Z"]);
  });

  it("an occurrence that starts exactly at `to` is outside", () => {
    expect(expandText(ics(one), "2027-03-15T00:00:00Z", "2027-03-15T13:00:00Z").starts).toEqual([]);
  });

  it("a zero-length occurrence at `from` is inside", () => {
    expect(expandText(ics(["DTSTART:20270315T130000Z"]), "2027-03-15T13:00:00Z", "2027-03-15T14:00:00Z").starts).toEqual(["2027-03-15T13:00:00Z"]);
  });

  it("a zero-length occurrence at `to` is outside", () => {
    expect(expandText(ics(["DTSTART:20270315T130000Z"]), "2027-03-15T12:00:00Z", "2027-03-15T13:00:00Z").starts).toEqual([]);
  });
});
