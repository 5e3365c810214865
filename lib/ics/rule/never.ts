/**
 * Rules that can never produce an instance after DTSTART, found before expanding: they would make
 * a naive expander (rrule, ical.js) loop for ever, and they mean the writer made a mistake the
 * learner should hear about. Every check is cheap (a few thousand operations at most) and
 * optimistic: it never calls a rule that can match "never".
 */
import type { RecurrenceRule } from "../../calendar";

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return Math.abs(a);
}

const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const UNIT_SECONDS: Partial<Record<RecurrenceRule["freq"], number>> = { HOURLY: 3600, MINUTELY: 60, SECONDLY: 1 };
const WEEKDAYS = "MO TU WE TH FR SA SU".split(" ");
const FREQ_RANK = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"];

/**
 * A sentence saying why the rule can never produce an instance after DTSTART, or undefined when
 * it can (as far as these checks see).
 *
 * @example
 * whyRuleNeverMatches(parseRecurrenceRule("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 1), Date.UTC(2027, 0, 1))
 * // "BYMONTHDAY=30 never falls in BYMONTH=2."
 */
export function whyRuleNeverMatches(rule: RecurrenceRule, dtstartWall: number): string | undefined {
  const d = new Date(dtstartWall);
  return monthsProblem(rule, d) ?? weekdayProblem(rule, d) ?? timeProblem(rule, d) ?? dayPartsProblem(rule) ?? setPosProblem(rule);
}

function monthsProblem(rule: RecurrenceRule, d: Date): string | undefined {
  // Months the rule can reach: all for YEARLY and finer; for MONTHLY the months INTERVAL steps onto.
  let months = rule.byMonth ? [...rule.byMonth] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (rule.freq === "MONTHLY") {
    const step = gcd(rule.interval, 12);
    const m0 = d.getUTCMonth();
    months = months.filter((m) => (m - 1 - m0 + 120) % step === 0);
    if (months.length === 0) return `FREQ=MONTHLY;INTERVAL=${rule.interval} never lands in BYMONTH=${rule.byMonth?.join(",")}.`;
  }
  if (rule.byMonthDay) {
    const ok = rule.byMonthDay.some((md) => months.some((m) => Math.abs(md) <= (MAX_MONTH_DAYS[m - 1] as number)));
    if (!ok) return `BYMONTHDAY=${rule.byMonthDay.join(",")} never falls in ${rule.byMonth ? `BYMONTH=${rule.byMonth.join(",")}` : "the months this rule reaches"}.`;
  }
  if (rule.byYearDay && rule.byMonth && rule.byYearDay.every((n) => Math.abs(n) > 366)) return "BYYEARDAY is out of range.";
  return undefined;
}

function weekdayProblem(rule: RecurrenceRule, d: Date): string | undefined {
  const wd0 = (d.getUTCDay() + 6) % 7;
  const unit = UNIT_SECONDS[rule.freq];
  // Weekdays reachable when the step is a whole number of days.
  const stepSeconds = rule.freq === "DAILY" ? rule.interval * 86400 : unit ? rule.interval * unit : undefined;
  if (!rule.byDay || stepSeconds === undefined || stepSeconds % 86400 !== 0) return undefined;
  const dayStep = gcd(stepSeconds / 86400, 7);
  if (rule.byDay.some((b) => (b.day - wd0 + 7) % dayStep === 0)) return undefined;
  return `FREQ=${rule.freq};INTERVAL=${rule.interval} from a ${WEEKDAYS[wd0]} never lands on BYDAY=${rule.byDay.map((b) => WEEKDAYS[b.day]).join(",")}.`;
}

/**
 * Sub-daily rules step through the seconds of the day as s0 + k·g (mod 86400), g = gcd(step,
 * 86400): a time BYHOUR/BYMINUTE/BYSECOND allows is reachable when it is ≡ s0 (mod g). The hour and
 * minute residues are combined first (at most 1,440), then each is checked against the set of
 * second residues, so the check costs thousands of operations, not 24 × 60 × 61 × …
 */
function timeProblem(rule: RecurrenceRule, d: Date): string | undefined {
  const unit = UNIT_SECONDS[rule.freq];
  if (!unit) return undefined;
  const g = gcd(rule.interval * unit, 86400);
  const s0 = d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
  const mod = (n: number) => ((n % g) + g) % g;
  const hours = rule.byHour ?? range(24);
  const minutes = rule.freq === "HOURLY" ? [d.getUTCMinutes()] : (rule.byMinute ?? range(60));
  const seconds = rule.freq === "SECONDLY" ? (rule.bySecond ?? range(60)) : [d.getUTCSeconds()];
  const secondResidues = new Set(seconds.map(mod));
  const hourMinute = new Set<number>();
  for (const h of hours) for (const m of minutes) hourMinute.add(mod(h * 3600 + m * 60));
  for (const r of hourMinute) if (secondResidues.has(mod(s0 - r))) return undefined;
  return `FREQ=${rule.freq};INTERVAL=${rule.interval} starting at ${hhmmss(s0)} never reaches the times its BYHOUR/BYMINUTE/BYSECOND allow.`;
}

/**
 * A numbered weekday that never falls on one of the listed days of the month
 * (`BYDAY=1MO;BYMONTHDAY=20`: the first Monday is at most the 7th). Optimistic: every month length
 * and every weekday of the 1st counts as reachable, which makes the d-th of a month any weekday,
 * the k-th of its weekday counting from the start and the j-th counting from the end.
 */
function dayPartsProblem(rule: RecurrenceRule): string | undefined {
  const { byDay, byMonthDay } = rule;
  if (byDay === undefined || byMonthDay === undefined) return undefined;
  // Ordinals count within the month only for these; YEARLY without BYMONTH counts them in the year.
  if (rule.freq !== "MONTHLY" && !(rule.freq === "YEARLY" && rule.byMonth && !rule.byWeekNo && !rule.byYearDay)) return undefined;
  for (const month of rule.byMonth ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]) {
    const longest = MAX_MONTH_DAYS[month - 1] as number;
    for (const monthLength of month === 2 ? [28, 29] : [longest]) {
      for (const listed of byMonthDay) {
        const day = listed > 0 ? listed : monthLength + listed + 1;
        if (day < 1 || day > monthLength) continue;
        const fromStart = Math.ceil(day / 7);
        const fromEnd = -Math.ceil((monthLength - day + 1) / 7);
        if (byDay.some(({ n }) => n === undefined || n === fromStart || n === fromEnd)) return undefined;
      }
    }
  }
  return `BYDAY=${byDay.map((b) => `${b.n ?? ""}${WEEKDAYS[b.day]}`).join(",")} never falls on BYMONTHDAY=${byMonthDay.join(",")}.`;
}

/**
 * BYSETPOS picks positions in each period's set of candidates; a position beyond the largest set
 * the other parts can make (`BYDAY=1TH;BYSETPOS=2`: one candidate a month) never exists.
 */
function setPosProblem(rule: RecurrenceRule): string | undefined {
  if (!rule.bySetPos) return undefined;
  const bound = setSizeBound(rule);
  if (rule.bySetPos.some((p) => Math.abs(p) <= bound)) return undefined;
  return `BYSETPOS=${rule.bySetPos.join(",")} asks for a position past the end of every period's set, which holds at most ${bound} candidate${bound === 1 ? "" : "s"}.`;
}

/** An upper bound of the number of candidates one period of the rule can hold. */
export function setSizeBound(rule: RecurrenceRule): number {
  const rank = FREQ_RANK.indexOf(rule.freq);
  let times = 1;
  if (rank < 4 && rule.byHour) times *= rule.byHour.length;
  if (rank < 5 && rule.byMinute) times *= rule.byMinute.length;
  if (rank < 6 && rule.bySecond) times *= rule.bySecond.length;
  return daySetBound(rule) * times;
}

/** How many days a BYDAY list can select in one period: `perOrdinal` for each numbered weekday, `perPlain` for each plain one. */
function byDayCount(byDay: NonNullable<RecurrenceRule["byDay"]>, perOrdinal: number, perPlain: number): number {
  let sum = 0;
  for (const b of byDay) sum += b.n !== undefined ? perOrdinal : perPlain;
  return sum;
}

function daySetBound(rule: RecurrenceRule): number {
  const months = rule.byMonth ? rule.byMonth.length : 12;
  switch (rule.freq) {
    case "YEARLY": {
      let bound = rule.byMonth ? 31 * months : 366;
      if (rule.byMonthDay) bound = Math.min(bound, rule.byMonthDay.length * months);
      if (rule.byYearDay) bound = Math.min(bound, rule.byYearDay.length);
      if (rule.byWeekNo) bound = Math.min(bound, 7 * rule.byWeekNo.length);
      if (rule.byDay) bound = Math.min(bound, byDayCount(rule.byDay, rule.byMonth ? months : 1, rule.byMonth ? 5 * months : 53));
      return bound;
    }
    case "MONTHLY": {
      let bound = 31;
      if (rule.byMonthDay) bound = Math.min(bound, rule.byMonthDay.length);
      if (rule.byDay) bound = Math.min(bound, byDayCount(rule.byDay, 1, 5));
      return bound;
    }
    case "WEEKLY":
      return rule.byDay ? new Set(rule.byDay.map((b) => b.day)).size : 1;
    default:
      return 1;
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function hhmmss(s: number): string {
  const p = (v: number) => String(v).padStart(2, "0");
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}
