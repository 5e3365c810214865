/**
 * Known failures of the import, expansion and CLI engine, found by the input-hardening tests
 * (tests/ics/*.test.ts, tests/recurrence/*.test.ts, tests/cli/expand.test.ts). Each test states the
 * right answer and is marked `it.fails`, so the suite stays green while the bug exists and turns
 * red as soon as it is fixed: then move the test to the file it belongs in and drop `.fails`.
 *
 * Each comment gives a minimal repro and the right answer. Tracked in issue #2 (calendar engine),
 * whose closing note lists them as what is left.
 */
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";

function oneEvent(lines: readonly string[]): string {
  return ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", ...lines, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
}

function expandText(text: string, from: string, to: string) {
  const result = importIcs(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return expandEvents(result.calendar.events, { from: Date.parse(from), to: Date.parse(to) }, { viewerZone: "UTC" });
}

describe("known failures: expansion", () => {
  /**
   * A COUNT that runs out inside a far window forces a walk from DTSTART, which the cap stops
   * long before the window: nothing is returned (with an EXPANSION_CAPPED warning, so not silent).
   *
   * Repro: DTSTART:20200101T000000Z, RRULE:FREQ=SECONDLY;COUNT=226368060 (the last instance is
   *        2027-03-05T00:00:59Z), window 2027-03-05T00:00Z – 00:02Z → 0 occurrences.
   * Right:  60 occurrences (00:00:00 … 00:00:59). For rules without BYxxx parts the k-th instance is
   *         DTSTART + k·INTERVAL units, so COUNT can be checked arithmetically instead of walked.
   */
  it.fails("FREQ=SECONDLY;COUNT=… ending inside a window seven years on gives the last 60 instances", () => {
    const { occurrences } = expandText(oneEvent(["DTSTART:20200101T000000Z", "RRULE:FREQ=SECONDLY;COUNT=226368060"]), "2027-03-05T00:00:00Z", "2027-03-05T00:02:00Z");
    expect(occurrences).toHaveLength(60);
    expect(new Date((occurrences.at(-1) as { start: number }).start).toISOString()).toBe("2027-03-05T00:00:59.000Z");
  });
});
