/**
 * The arithmetic fast path must answer exactly what rrule answers, for every rule shape it takes.
 * Generated rules (fast-check, seeded) are expanded both ways over windows near and far from
 * DTSTART, with and without COUNT / UNTIL.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecurrenceRule } from "@/lib/ics/rule/text";
import { isFastShape } from "@/lib/ics/rule/fast";
import { expandRule } from "@/lib/ics/rule/expand";
import { civilFromDays, daysFromCivil } from "@/lib/ics/rule/fast";

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const DAY = 86_400_000;

const ruleArb = fc.oneof(
  fc.record({ freq: fc.constant("DAILY"), interval: fc.integer({ min: 1, max: 9 }), byday: fc.option(fc.subarray(DAYS, { minLength: 1 })), bymonth: fc.option(fc.subarray([1, 2, 3, 6, 11, 12], { minLength: 1 })), bymonthday: fc.option(fc.subarray([1, 13, 28, 29, 30, 31, -1, -2], { minLength: 1 })) }),
  fc.record({ freq: fc.constant("WEEKLY"), interval: fc.integer({ min: 1, max: 5 }), byday: fc.option(fc.subarray(DAYS, { minLength: 1 })), wkst: fc.option(fc.constantFrom(...DAYS)), bymonth: fc.option(fc.subarray([1, 3, 7, 10], { minLength: 1 })) }),
  fc.record({ freq: fc.constant("MONTHLY"), interval: fc.integer({ min: 1, max: 13 }), bymonthday: fc.option(fc.subarray([1, 15, 29, 30, 31, -1, -3], { minLength: 1 })), bymonth: fc.option(fc.subarray([2, 4, 8, 12], { minLength: 1 })) }),
  // Ordinal and plain weekdays are not mixed here: rrule (like dateutil) intersects "-2TH,SA" where
  // RFC 5545 means a union; the fast path follows the RFC (tested on its own below).
  fc.record({ freq: fc.constant("MONTHLY"), interval: fc.integer({ min: 1, max: 4 }), byday: fc.oneof(fc.subarray(["1MO", "2TU", "-1FR", "3WE", "5SU", "-2TH", "4MO"], { minLength: 1 }), fc.subarray(DAYS, { minLength: 1 })) }),
  fc.record({ freq: fc.constant("YEARLY"), interval: fc.integer({ min: 1, max: 4 }), bymonth: fc.option(fc.subarray([1, 2, 6, 12], { minLength: 1 })), bymonthday: fc.option(fc.subarray([1, 29, 31, -1], { minLength: 1 })) }),
);

function ruleText(r: Record<string, unknown>, extra: string): string {
  const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
  if (r.byday) parts.push(`BYDAY=${(r.byday as string[]).join(",")}`);
  if (r.bymonth) parts.push(`BYMONTH=${(r.bymonth as number[]).join(",")}`);
  if (r.bymonthday) parts.push(`BYMONTHDAY=${(r.bymonthday as number[]).join(",")}`);
  if (r.wkst) parts.push(`WKST=${r.wkst}`);
  return parts.join(";") + extra;
}

describe("fast path equals rrule", () => {
  it("reads a mixed BYDAY list as a union, as RFC 5545 says (rrule intersects)", () => {
    const rule = parseRecurrenceRule("FREQ=MONTHLY;BYDAY=-2TH,SA", 1);
    const res = expandRule(rule, Date.UTC(2015, 0, 1), Date.UTC(2015, 0, 1), Date.UTC(2015, 1, 1) - 1, { maxSteps: 1000 });
    // January 2015: Saturdays 3, 10, 17, 24, 31 and the second-to-last Thursday, the 22nd.
    expect(res.walls.map((w) => new Date(w).getUTCDate())).toEqual([3, 10, 17, 22, 24, 31]);
  });

  it("civil date arithmetic round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200000, max: 200000 }), (day) => {
        const [y, m, d] = civilFromDays(day);
        const date = new Date(day * DAY);
        expect([y, m, d]).toEqual([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
        expect(daysFromCivil(y, m, d)).toBe(day);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it("on generated rules, windows near and far, with COUNT and UNTIL", () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.integer({ min: Date.UTC(2015, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }),
        fc.integer({ min: 0, max: 86399 }),
        fc.constantFrom("", ";COUNT=1", ";COUNT=7", ";COUNT=40"),
        fc.option(fc.integer({ min: 10, max: 3000 })),
        fc.integer({ min: -30, max: 4000 }),
        fc.integer({ min: 1, max: 120 }),
        (r, startDay, sec, countPart, untilDays, windowOffset, windowDays) => {
          const text = ruleText(r as Record<string, unknown>, countPart);
          const rule = parseRecurrenceRule(text, 1);
          expect(isFastShape(rule)).toBe(true);
          const dtstart = startDay * DAY + sec * 1000;
          const lo = dtstart + windowOffset * DAY;
          const hi = lo + windowDays * DAY;
          const untilWall = untilDays === null ? undefined : dtstart + untilDays * DAY;
          const opts = { maxSteps: 100000, untilWall };
          const fast = expandRule(rule, dtstart, lo, hi, opts);
          const slow = expandRule(rule, dtstart, lo, hi, { ...opts, forceRRule: true });
          expect(fast.walls.map((w) => new Date(w).toISOString())).toEqual(slow.walls.map((w) => new Date(w).toISOString()));
          expect(fast.countExhaustedWithoutDtstart).toBe(slow.countExhaustedWithoutDtstart);
          if (slow.countExhaustedWithoutDtstart) expect(fast.lastCounted).toBe(slow.lastCounted);
        },
      ),
      { seed: 20261128, numRuns: 150 },
    );
  }, 120_000);
});
