/**
 * fast-check arbitraries for the catalog's rules and terms: valid rule text (as docs/catalog.md
 * allows it) over a term inside the format's bounds (2000–2099, at most 731 days).
 */
import fc from "fast-check";

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2000, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2099, 11, 31) / DAY_MS;
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
const FREQS = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;

/** A day number (days since 1970-01-01) as `YYYY-MM-DD`. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day number from `YYYY-MM-DD`. */
export function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

/** Every date of a term, in order. */
export function termDates(startDate: string, endDate: string): string[] {
  const out: string[] = [];
  for (let day = dayOf(startDate); day <= dayOf(endDate); day++) out.push(isoDay(day));
  return out;
}

export interface RuleCase {
  readonly rule: string;
  readonly startDate: string;
  readonly endDate: string;
}

const list = (values: fc.Arbitrary<string>, maxLength: number) => fc.uniqueArray(values, { minLength: 1, maxLength }).map((items) => items.join(","));
const signed = (max: number) => fc.integer({ min: 1, max }).chain((n) => fc.constantFrom(String(n), String(-n)));
/** Present in about one case in `1 + absent`: every BY part narrows the dates, and most rules should still have some. */
const optional = <T>(arbitrary: fc.Arbitrary<T>, absent = 1) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: absent }, { arbitrary, weight: 1 });

/**
 * BYDAY for a frequency: numbered days only where RFC 5545 allows them, mostly within a month's 5.
 * Unless `mixed`, a list is all plain or all numbered: rrule reads `BYDAY=1MO,TU` as both at once
 * (a first Monday that is a Tuesday), where RFC 5545 and the engine read either.
 */
function byDay(freq: (typeof FREQS)[number], mixed: boolean): fc.Arbitrary<string> {
  const plain = fc.constantFrom(...DAYS);
  if (freq === "DAILY" || freq === "WEEKLY") return list(plain, 3);
  const position = freq === "MONTHLY" ? signed(5) : fc.oneof({ arbitrary: signed(5), weight: 4 }, { arbitrary: signed(53), weight: 1 });
  const numbered = fc.tuple(position, plain).map(([n, day]) => `${n}${day}`);
  return mixed ? list(fc.oneof(plain, numbered), 3) : fc.oneof(list(plain, 3), list(numbered, 3));
}

/**
 * A valid catalog rule over a term. For an oracle that reads a rule otherwise than the engine,
 * `setPos: false` leaves BYSETPOS out (rrule picks the first day for an out-of-range negative
 * position) and `mixedDays: false` keeps plain and numbered days apart.
 */
export function ruleCase(options: { readonly setPos: boolean; readonly mixedDays: boolean }): fc.Arbitrary<RuleCase> {
  const term = fc.record({ start: fc.integer({ min: FIRST_DAY, max: LAST_DAY }), length: fc.integer({ min: 0, max: 730 }) });
  return fc.tuple(term, fc.constantFrom(...FREQS)).chain(([{ start, length }, freq]) => {
    const end = Math.min(start + length, LAST_DAY);
    const parts = fc.record({
      interval: optional(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(12, 53))),
      byDay: optional(byDay(freq, options.mixedDays)),
      byMonthDay: freq === "WEEKLY" ? fc.constant(undefined) : optional(list(signed(31), 3), 2),
      byMonth: optional(list(fc.integer({ min: 1, max: 12 }).map(String), 4), 3),
      wkst: optional(fc.constantFrom(...DAYS)),
      bySetPos: options.setPos ? optional(list(signed(6), 2), 2) : fc.constant(undefined),
      limit: fc.oneof(
        fc.constant(undefined),
        fc.integer({ min: 1, max: 40 }).map((n) => `COUNT=${n}`),
        fc.integer({ min: start - 30, max: end + 30 }).map((day) => `UNTIL=${isoDay(day).replaceAll("-", "")}`),
      ),
    });
    return parts.map((p) => {
      const by = [p.byDay && `BYDAY=${p.byDay}`, p.byMonthDay && `BYMONTHDAY=${p.byMonthDay}`, p.byMonth && `BYMONTH=${p.byMonth}`].filter((x) => x !== undefined);
      // BYSETPOS needs another BY part to pick from.
      const setPos = p.bySetPos !== undefined && by.length > 0 ? [`BYSETPOS=${p.bySetPos}`] : [];
      const rule = [`FREQ=${freq}`, p.interval && `INTERVAL=${p.interval}`, ...by, ...setPos, p.wkst && `WKST=${p.wkst}`, p.limit]
        .filter((x) => x !== undefined)
        .join(";");
      return { rule, startDate: isoDay(start), endDate: isoDay(end) };
    });
  });
}
