/**
 * Regressions: engine bugs found by the RFC/DST/override suites (once known failures), fixed, and
 * kept so they stay fixed. Each comment gives the original reproduction and the right answer.
 */
import { describe, expect, it } from "vitest";
import { ianaZone } from "@/lib/time/zone";
import { expandText, ics } from "./helpers/ics";

describe("fixed: RANGE=THISANDFUTURE", () => {
  /*
   * Repro: Saturdays 09:00 America/New_York from 2027-03-06; an override
   *   RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270313T090000
   *   DTSTART;TZID=America/New_York:20270314T090000      (Sat 09:00 EST → Sun 09:00 EDT)
   * Engine: the later instances come out on Sundays at 08:00 EDT (2027-03-21T12:00Z, 03-28T12:00Z).
   * Why: expand.ts shifts them by the exact difference between the two instants, 23 h (the move
   * crosses spring-forward). RFC 5545 §3.8.4.4 says later instances are "rescheduled by the same
   * time difference", and DESIGN.md says a TZID time recurs at the same wall-clock time: moving
   * the series from Saturday 09:00 to Sunday 09:00 means Sundays at 09:00 (13:00Z in EDT). The
   * shift should be applied to wall-clock time (as days + exact time), not to the instant.
   */
  it("a day's move across spring-forward keeps the new wall-clock time (Sundays 09:00 EDT)", () => {
    const r = expandText(
      ics(
        ["UID:sat@test", "DTSTART;TZID=America/New_York:20270306T090000", "DTEND;TZID=America/New_York:20270306T100000", "RRULE:FREQ=WEEKLY;COUNT=4"],
        ["UID:sat@test", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270313T090000", "DTSTART;TZID=America/New_York:20270314T090000", "DTEND;TZID=America/New_York:20270314T100000"],
      ),
      "2027-03-01T00:00:00Z",
      "2027-04-01T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual(["2027-03-06T14:00:00Z", "2027-03-14T13:00:00Z", "2027-03-21T13:00:00Z", "2027-03-28T13:00:00Z"]);
  });

  /*
   * Repro: Mondays 09:00 America/New_York from 2027-03-01 (no end); an override
   *   RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270308T090000
   *   DTSTART;TZID=America/New_York:20270311T090000      (Mondays → Thursdays from Mar 8)
   * Expanding March shows Thursday 2027-03-18T13:00Z; expanding only Thursday 2027-03-18
   * ([2027-03-18T00:00Z, 2027-03-19T00:00Z)) shows nothing.
   * Why: expandSeries only walks original instances within [from − 15 h − length − 1 day,
   * to + 15 h] of wall time; the original Monday (Mar 15 09:00) is 63 h before the window, so its
   * shifted Thursday is never produced. A window must not change which occurrences exist: widen
   * the walk by the largest THISANDFUTURE shift (both directions).
   */
  it("a THISANDFUTURE shift of +3 days is seen in a one-day window", () => {
    const r = expandText(
      ics(
        ["UID:mon@test", "DTSTART;TZID=America/New_York:20270301T090000", "DTEND;TZID=America/New_York:20270301T100000", "RRULE:FREQ=WEEKLY"],
        ["UID:mon@test", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270308T090000", "DTSTART;TZID=America/New_York:20270311T090000", "DTEND;TZID=America/New_York:20270311T100000"],
      ),
      "2027-03-18T00:00:00Z",
      "2027-03-19T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual(["2027-03-18T13:00:00Z"]);
  });

  /*
   * Repro: Fridays 09:00 America/New_York from 2027-03-05; THISANDFUTURE from 2027-03-12 moved to
   * Tuesday 2027-03-09 09:00 (−3 days). Expanding only Tuesday 2027-03-16 shows nothing, though
   * the whole of March shows 2027-03-16T13:00Z. Same cause as above, on the other side (`to + 15 h`).
   */
  it("a THISANDFUTURE shift of −3 days is seen in a one-day window", () => {
    const r = expandText(
      ics(
        ["UID:fri@test", "DTSTART;TZID=America/New_York:20270305T090000", "DTEND;TZID=America/New_York:20270305T100000", "RRULE:FREQ=WEEKLY"],
        ["UID:fri@test", "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20270312T090000", "DTSTART;TZID=America/New_York:20270309T090000", "DTEND;TZID=America/New_York:20270309T100000"],
      ),
      "2027-03-16T00:00:00Z",
      "2027-03-17T00:00:00Z",
      "America/New_York",
    );
    expect(r.starts).toEqual(["2027-03-16T13:00:00Z"]);
  });
});

describe("fixed: duplicate and misplaced instants", () => {
  /*
   * Repro: DTSTART;TZID=America/New_York:20270314T000000, RRULE:FREQ=HOURLY, window
   * [2027-03-14T05:00Z, 09:00Z). Engine: 05:00Z, 06:00Z, 07:00Z, 07:00Z, 08:00Z.
   * Why: the wall times 02:00 (in the gap) and 03:00 both resolve to 07:00Z (RFC 5545 §3.3.10:
   * a missing local time is read as §3.3.5 says, i.e. 03:00 EDT). §3.8.5.3: "Where duplicate
   * instances are generated ... only one recurrence is considered." The engine de-duplicates wall
   * times but not the instants they resolve to.
   */
  it("an HOURLY rule across spring-forward yields each instant once", () => {
    const r = expandText(ics(["DTSTART;TZID=America/New_York:20270314T000000", "RRULE:FREQ=HOURLY"]), "2027-03-14T05:00:00Z", "2027-03-14T09:00:00Z", "America/New_York");
    expect(r.starts).toEqual(["2027-03-14T05:00:00Z", "2027-03-14T06:00:00Z", "2027-03-14T07:00:00Z", "2027-03-14T08:00:00Z"]);
  });

  /*
   * Repro: DTSTART;TZID=America/New_York:20271101T013000, DURATION:PT30M,
   * RDATE:20271107T063000Z (01:30 EST, the second of the two 01:30s that day).
   * Engine: the RDATE instance is at 2027-11-07T05:30Z (the first 01:30, EDT), an hour early.
   * Why: expandSeries turns every RDATE into a wall time of the series' zone and back, and the way
   * back picks the first of two ambiguous instants. A UTC RDATE names one exact instant; it must
   * stay there (the same happens to a UTC RDATE;VALUE=PERIOD start).
   */
  it("a UTC RDATE inside the repeated fall-back hour keeps its instant", () => {
    const r = expandText(ics(["DTSTART;TZID=America/New_York:20271101T013000", "DURATION:PT30M", "RDATE:20271107T063000Z"]), "2027-11-01T00:00:00Z", "2027-12-01T00:00:00Z");
    expect(r.spans).toEqual(["2027-11-01T05:30:00Z/2027-11-01T06:00:00Z", "2027-11-07T06:30:00Z/2027-11-07T07:00:00Z"]);
  });
});

describe("fixed: DTSTART is always the first instance", () => {
  /*
   * Repro: DTSTART;TZID=America/New_York:20270115T090000, RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30.
   * Engine: importIcs reports RRULE_NEVER_MATCHES as an error and drops the whole event; nothing
   * is expanded.
   * Why: DESIGN.md — "DTSTART is always the first instance, even where the rule would not produce
   * it" (RFC 5545 §3.8.5.3: DTSTART defines the first instance); expand.ts itself says "Reported
   * once at import; DTSTART still stands as the first instance", but events.ts throws SkipEvent.
   * Right answer: one occurrence at 2027-01-15T14:00Z, with a warning about the rule.
   */
  it("an event whose RRULE can never match still occurs once, at DTSTART", () => {
    const r = expandText(ics(["DTSTART;TZID=America/New_York:20270115T090000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30"]), "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
    expect(r.spans).toEqual(["2027-01-15T14:00:00Z/2027-01-15T15:00:00Z"]);
  });
});

describe("fixed: zone names", () => {
  /*
   * Repro: ianaZone("america/new_york").name
   * Engine: "america/new_york". lib/time/zone.ts says it canonicalises case "so the cache and
   * display use one spelling", via IANAZone.create(name).name — but luxon keeps the name as given.
   * Right answer: "America/New_York" (Intl.DateTimeFormat(…, { timeZone }).resolvedOptions().timeZone
   * gives the canonical spelling). Consequence today: a lowercase TZID gets its own cached rules
   * object and is shown lowercase.
   */
  it("ianaZone canonicalises the spelling of a zone name", () => {
    expect(ianaZone("america/new_york")?.name).toBe("America/New_York");
  });
});

describe("fixed: COUNT far from DTSTART (issue 2's known failure, fixed with issue 12)", () => {
  /*
   * Repro: DTSTART:20200101T000000Z, RRULE:FREQ=SECONDLY;COUNT=226368060 (the last instance is
   *        2027-03-05T00:00:59Z), window 2027-03-05T00:00Z – 00:02Z.
   * Engine: a COUNT that runs out inside a far window forced a walk from DTSTART, which the cap
   *        stopped long before the window: nothing was returned, with EXPANSION_CAPPED.
   * Right:  60 occurrences (00:00:00 … 00:00:59). A sub-daily rule without BYxxx parts is periodic,
   *        so its k-th instance is DTSTART + k·INTERVAL units and COUNT is checked arithmetically
   *        (lib/ics/rule/subdaily.ts).
   */
  it("FREQ=SECONDLY;COUNT=… ending inside a window seven years on gives the last 60 instances", () => {
    const r = expandText(ics(["DTSTART:20200101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=226368060"]), "2027-03-05T00:00:00Z", "2027-03-05T00:02:00Z");
    expect(r.warnings).toEqual([]);
    expect(r.starts).toHaveLength(60);
    expect(r.starts.at(-1)).toBe("2027-03-05T00:00:59Z");
  });
});
