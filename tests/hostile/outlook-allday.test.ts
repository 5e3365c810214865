/**
 * Issue 12: Outlook and Exchange all-day series read the same in every viewer's zone. A date-time
 * EXDATE or RECURRENCE-ID with a TZID names the date it has in its own zone; a UTC UNTIL (Outlook's
 * "end by", local midnight of the last date in the organiser's zone) names the date it has in the
 * zone the series was written in. Before, each was converted into the viewer's zone first, so the
 * answers were right only near London.
 *
 * Each case is a real export (tests/fixtures/ics/real-world, see SOURCES.md there), expanded for
 * viewers from Auckland to New York: the dates of the all-day occurrences must not move.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { localIsoDate } from "@/lib/time/format";
import { run } from "./helpers";

const DIR = fileURLToPath(new URL("../fixtures/ics/real-world/", import.meta.url));
const ZONES = ["UTC", "America/New_York", "Asia/Tokyo", "Pacific/Auckland", "Europe/London"];

interface Case {
  readonly file: string;
  readonly uid?: string;
  /** Dates (inclusive) whose all-day occurrences are compared. */
  readonly from: string;
  readonly to: string;
  readonly dates: readonly string[];
  readonly why: string;
}

const CASES: Case[] = [
  {
    file: "exchange-w-europe-allday-moved-recurrence.ics",
    from: "2026-02-01",
    to: "2026-02-28",
    dates: ["2026-02-19", "2026-02-24", "2026-02-27"],
    why: "RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000 moves the Thursday Feb 26 instance to Friday Feb 27",
  },
  {
    file: "exchange-w-europe-allday-moved-recurrence.ics",
    from: "2026-08-01",
    to: "2026-08-31",
    dates: ["2026-08-04", "2026-08-06", "2026-08-11", "2026-08-13", "2026-08-18"],
    why: "UNTIL=20260817T220000Z is Aug 18 00:00 in Berlin: Tuesday Aug 18 is the last instance",
  },
  {
    file: "exchange-gmt-standard-allday-weekly-overrides.ics",
    from: "2020-05-25",
    to: "2020-09-04",
    dates: ["2020-05-29", "2020-06-04", "2020-06-11", "2020-06-18", "2020-06-25", "2020-07-02", "2020-07-09", "2020-07-16", "2020-07-23", "2020-07-30", "2020-08-06", "2020-08-13", "2020-08-20", "2020-08-27", "2020-09-04"],
    why: "15 bin days, as Outlook shows: RECURRENCE-ID;TZID=GMT Standard Time moves May 28 and Sep 3 to the Fridays",
  },
  {
    file: "exchange-gmt-standard-allday-weekly-overrides.ics",
    from: "2020-09-01",
    to: "2020-09-30",
    dates: ["2020-09-04", "2020-09-10", "2020-09-17", "2020-09-24"],
    why: "UNTIL=20200916T230000Z and 20200923T230000Z are Sep 17 and Sep 24 00:00 in London: both last instances stay",
  },
  {
    file: "exchange-w-europe-busy-export-66-overrides.ics",
    uid: "040000008200E00074C5B7101A82E008000000002012AC99C94FD601000000000000000010000000C5F95995E3800542923A3EE467BA1A6A",
    from: "2020-12-01",
    to: "2020-12-31",
    dates: ["2020-12-03", "2020-12-16", "2020-12-31"],
    why: "every other Thursday; RECURRENCE-ID;TZID=W. Europe Standard Time:20201217T000000 moves Dec 17 to Dec 16 (not Dec 16 and 17)",
  },
  {
    file: "outlookcom-gmt-standard-time-allday-biweekly-exdate.ics",
    uid: "111",
    from: "2024-06-01",
    to: "2024-08-31",
    dates: ["2024-07-01", "2024-07-29"],
    why: "every other Monday from Jul 1; EXDATE;TZID=GMT Standard Time:20240715T000000 removes Jul 15; UNTIL=20240728T230000Z keeps Jul 29",
  },
];

describe.each(CASES)("$file, $from to $to", (c) => {
  it.each(ZONES)(`in %s: ${c.dates.length} all-day dates (${c.why})`, (zone) => {
    const window = { from: Date.parse(`${c.from}T00:00:00Z`) - 86_400_000, to: Date.parse(`${c.to}T00:00:00Z`) + 2 * 86_400_000 };
    const r = run(new Uint8Array(readFileSync(DIR + c.file)), { window, viewerZone: zone, sourceName: c.file });
    const dates = (r.expansion?.occurrences ?? [])
      .filter((o) => o.allDay && (c.uid === undefined || o.uid === c.uid))
      .map((o) => localIsoDate(o.start, zone))
      .filter((d) => d >= c.from && d <= c.to);
    expect(dates).toEqual(c.dates);
  });
});
