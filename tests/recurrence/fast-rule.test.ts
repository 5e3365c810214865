/**
 * The arithmetic fast path must answer exactly what rrule answers, for every rule shape it takes.
 * Generated rules (fast-check, seeded) are expanded both ways over windows near and far from
 * DTSTART, with and without COUNT / UNTIL.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecurrenceRule } from "@/lib/ics/rule/text";
import { isFastShape } from "@/lib/ics/rule/fast";
import { expandRule, whyRuleNeverMatches } from "@/lib/ics/rule/expand";
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

/**
 * Every other shape (issue 12 moved them off rrule, which cannot be stopped while it searches):
 * times of day, BYSETPOS, yearly rules with BYDAY, BYWEEKNO or BYYEARDAY, monthly rules with both
 * BYDAY and BYMONTHDAY. A BYDAY list never mixes numbered and plain weekdays here (rrule intersects
 * the two, RFC 5545 means a union).
 */
const pick = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1, maxLength: Math.min(3, values.length) }), { nil: undefined });
const anyRuleArb = fc.oneof(
  fc.record({
    freq: fc.constantFrom("DAILY", "WEEKLY"),
    interval: fc.integer({ min: 1, max: 4 }),
    byhour: pick([0, 9, 18, 23]),
    byminute: pick([0, 30, 45]),
    bysecond: pick([0, 30]),
    byday: pick(DAYS),
    bysetpos: pick([1, 2, -1, -3]),
  }),
  fc.record({
    freq: fc.constant("MONTHLY"),
    interval: fc.integer({ min: 1, max: 5 }),
    byday: fc.oneof(pick(["1MO", "2TU", "-1FR", "3WE", "-2SU"]), pick(DAYS)),
    bymonthday: pick([1, 7, 8, 13, 14, 15, 28, 31, -1, -7]),
    bymonth: pick([2, 4, 8, 12]),
    byhour: pick([9, 17]),
    bysetpos: pick([1, -1, 2]),
  }),
  fc.record({
    freq: fc.constant("YEARLY"),
    interval: fc.integer({ min: 1, max: 3 }),
    byday: fc.oneof(pick(["1MO", "4TH", "-1SU", "20WE", "-3FR"]), pick(DAYS)),
    bymonth: pick([1, 2, 3, 10, 11]),
    bymonthday: pick([1, 13, 29, -1]),
    byweekno: pick([1, 2, 20, 52, 53, -1]),
    byyearday: pick([1, 59, 60, 200, 366, -1, -306]),
    bysetpos: pick([1, -1, 3]),
    wkst: fc.constantFrom(...DAYS),
  }),
);

function anyRuleText(r: Record<string, unknown>, extra: string): string {
  const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
  for (const [key, name] of [["byday", "BYDAY"], ["bymonth", "BYMONTH"], ["bymonthday", "BYMONTHDAY"], ["byyearday", "BYYEARDAY"], ["byweekno", "BYWEEKNO"], ["byhour", "BYHOUR"], ["byminute", "BYMINUTE"], ["bysecond", "BYSECOND"], ["bysetpos", "BYSETPOS"]] as const) {
    const v = r[key] as readonly unknown[] | undefined;
    if (v) parts.push(`${name}=${v.join(",")}`);
  }
  if (r.wkst) parts.push(`WKST=${r.wkst}`);
  return parts.join(";") + extra;
}

/** A generated rule with a DTSTART (day and second of the day), a COUNT, an UNTIL offset and a window offset. */
const ruleCase = (rules: fc.Arbitrary<Record<string, unknown>>, maxUntil: number, maxWindow: number) =>
  fc.tuple(
    rules,
    fc.integer({ min: Date.UTC(2018, 0, 1) / DAY, max: Date.UTC(2030, 0, 1) / DAY }),
    fc.integer({ min: 0, max: 86399 }),
    fc.constantFrom("", ";COUNT=1", ";COUNT=5", ";COUNT=30"),
    fc.option(fc.integer({ min: 1, max: maxUntil }), { nil: undefined }),
    fc.integer({ min: 0, max: maxWindow }),
  );
const DATE_SHAPE_CASE = ruleCase(anyRuleArb, 800, 400);

describe("every daily-or-coarser shape: the arithmetic expansion equals rrule", () => {
  it("on generated rules, windows near DTSTART, with COUNT and UNTIL", () => {
    let compared = 0;
    fc.assert(
      fc.property(DATE_SHAPE_CASE, ([r, startDay, sec, countPart, untilDays, windowOffset]) => {
        let rule;
        try {
          rule = parseRecurrenceRule(anyRuleText(r as Record<string, unknown>, countPart), 1);
        } catch {
          return; // a combination RFC 5545 does not allow (BYWEEKNO with MONTHLY, …)
        }
        const dtstart = startDay * DAY + sec * 1000;
        // rrule walks a rule that never matches up to the year 9999: those are caught before expanding.
        if (whyRuleNeverMatches(rule, dtstart)) return;
        const lo = dtstart + windowOffset * DAY;
        const hi = lo + 400 * DAY;
        const opts = { maxSteps: 2_000_000, untilWall: untilDays === undefined ? undefined : dtstart + untilDays * DAY };
        const fast = expandRule(rule, dtstart, lo, hi, opts);
        const slow = expandRule(rule, dtstart, lo, hi, { ...opts, forceRRule: true });
        if (slow.capped) return;
        compared++;
        expect(fast.capped, rule.text).toBe(false);
        expect(fast.walls.map((w) => new Date(w).toISOString()), rule.text).toEqual(slow.walls.map((w) => new Date(w).toISOString()));
        expect(fast.countExhaustedWithoutDtstart, rule.text).toBe(slow.countExhaustedWithoutDtstart);
        if (slow.countExhaustedWithoutDtstart) expect(fast.lastCounted, rule.text).toBe(slow.lastCounted);
      }),
      { seed: 20261207, numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(120);
  }, 240_000);
});

/**
 * Sub-daily rules against RFC 5545 read literally: every period of the INTERVAL's grid from
 * DTSTART's, one by one, kept when the limiting parts allow it, expanded by the finer ones, BYSETPOS
 * applied. rrule is no oracle here: it leaves the grid when BYHOUR or BYMINUTE skips an hour
 * (`FREQ=MINUTELY;INTERVAL=36;BYHOUR=9,13` gives 09:12 where the grid has 09:00), and takes minutes
 * on sparse rules.
 */
function bruteSubdaily(rule: ReturnType<typeof parseRecurrenceRule>, dtstart: number, lo: number, end: number): number[] {
  const unit = { HOURLY: 3_600_000, MINUTELY: 60_000, SECONDLY: 1000 }[rule.freq as "HOURLY"];
  const d0 = new Date(dtstart);
  const p0 = Math.floor(dtstart / unit) * unit;
  const out: number[] = [];
  let produced = 0;
  for (let p = p0; p <= end; p += rule.interval * unit) {
    const t = new Date(p);
    const dim = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
    const wd = (t.getUTCDay() + 6) % 7;
    if (rule.byMonth && !rule.byMonth.includes(t.getUTCMonth() + 1)) continue;
    if (rule.byMonthDay && !rule.byMonthDay.some((md) => md === t.getUTCDate() || md === t.getUTCDate() - dim - 1)) continue;
    if (rule.byDay && !rule.byDay.some((b) => b.day === wd)) continue;
    if (rule.byHour && !rule.byHour.includes(t.getUTCHours())) continue;
    if (rule.freq !== "HOURLY" && rule.byMinute && !rule.byMinute.includes(t.getUTCMinutes())) continue;
    if (rule.freq === "SECONDLY" && rule.bySecond && !rule.bySecond.includes(t.getUTCSeconds())) continue;
    const minutes = rule.freq === "HOURLY" ? (rule.byMinute ?? [d0.getUTCMinutes()]) : [t.getUTCMinutes()];
    const seconds = rule.freq === "SECONDLY" ? [t.getUTCSeconds()] : (rule.bySecond ?? [d0.getUTCSeconds()]);
    let set = [...new Set(minutes.flatMap((m) => seconds.map((s) => Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), m, s))))].sort((a, b) => a - b);
    if (rule.bySetPos) set = [...new Set(rule.bySetPos.map((pos) => set[pos > 0 ? pos - 1 : set.length + pos]).filter((x): x is number => x !== undefined))].sort((a, b) => a - b);
    for (const w of set) {
      if (w < dtstart) continue;
      if (w > end || produced === (rule.count ?? Infinity)) return out;
      produced++;
      if (w >= lo) out.push(w);
    }
  }
  return out;
}

const subdailyArb = fc.record({
  freq: fc.constantFrom("HOURLY", "MINUTELY", "SECONDLY"),
  interval: fc.integer({ min: 1, max: 97 }),
  byhour: pick([0, 3, 9, 13, 23]),
  byminute: pick([0, 1, 15, 30, 59]),
  bysecond: pick([0, 7, 30, 59]),
  byday: pick(DAYS),
  bymonth: pick([1, 2, 3, 11, 12]),
  bymonthday: pick([1, 2, 15, 28, 31, -1]),
  bysetpos: pick([1, 2, -1]),
});

describe("sub-daily rules: the arithmetic expansion (with its skips and its jumps) equals RFC 5545 read literally", () => {
  it("MINUTELY;INTERVAL=36;BYHOUR=9,13 keeps the INTERVAL's grid from midnight: 09:00, 09:36, 13:12, 13:48", () => {
    const rule = parseRecurrenceRule("FREQ=MINUTELY;INTERVAL=36;BYHOUR=9,13", 1);
    const res = expandRule(rule, Date.UTC(2027, 0, 11), Date.UTC(2027, 0, 11), Date.UTC(2027, 0, 11, 23, 59), { maxSteps: 10_000 });
    expect(res.walls.map((w) => new Date(w).toISOString().slice(11, 16))).toEqual(["09:00", "09:36", "13:12", "13:48"]);
  });

  it("on generated rules, windows near DTSTART, with COUNT and UNTIL", () => {
    let compared = 0;
    fc.assert(
      fc.property(ruleCase(subdailyArb, 400, 200), ([r, startDay, sec, countPart, untilTenths, windowOffset]) => {
        const rule = parseRecurrenceRule(anyRuleText(r as Record<string, unknown>, countPart), 1);
        const dtstart = startDay * DAY + sec * 1000;
        if (whyRuleNeverMatches(rule, dtstart)) return;
        const lo = dtstart + windowOffset * 3_600_000;
        const untilWall = untilTenths === undefined ? undefined : dtstart + (untilTenths * DAY) / 10;
        const end = Math.min(lo + 3 * DAY, untilWall ?? Infinity);
        const res = expandRule(rule, dtstart, lo, lo + 3 * DAY, { maxSteps: 5_000_000, untilWall });
        compared++;
        expect(res.capped, rule.text).toBe(false);
        expect(res.walls.map((w) => new Date(w).toISOString()), rule.text).toEqual(bruteSubdaily(rule, dtstart, lo, end).map((w) => new Date(w).toISOString()));
      }),
      { seed: 20261208, numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(200);
  }, 240_000);

  it("a periodic rule's COUNT is checked without walking: SECONDLY;COUNT=226368060 from 2020 ends at 2027-03-05T00:00:59Z", () => {
    const rule = parseRecurrenceRule("FREQ=SECONDLY;COUNT=226368060", 1);
    const res = expandRule(rule, Date.UTC(2020, 0, 1), Date.UTC(2027, 2, 5), Date.UTC(2027, 2, 5, 0, 2), { maxSteps: 1000 });
    expect(res.walls).toHaveLength(60);
    expect(new Date(res.walls.at(-1) as number).toISOString()).toBe("2027-03-05T00:00:59.000Z");
    expect(res.steps).toBeLessThan(100);
  });
});
