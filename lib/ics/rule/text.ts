/**
 * RRULE text → a validated {@link RecurrenceRule} (RFC 5545 §3.3.10). Stricter than ical.js, which
 * silently drops `INTERVAL=-2` and rolls `UNTIL=20200230` into March, and more forgiving than the
 * RFC where real writers deviate harmlessly (`BYDAY=MO, TU` with spaces, lower case).
 */
import type { RecurrenceRule } from "../../calendar";
import { parseDateOrDateTime, ValueError, truncate } from "../values";

const FREQS = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"] as const;
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

export class RuleError extends Error {
  override readonly name = "RuleError";
}

/** What the parser noticed but could live with (dropped ordinals, unknown parts). */
export interface RuleNotes {
  readonly notes: string[];
}

/**
 * Parses the value of an RRULE property. Throws {@link RuleError} with a sentence naming the part
 * that is wrong; the caller adds the line number.
 *
 * @example
 * parseRecurrenceRule("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270425T235959Z", 12).byDay
 * // [{ day: 1 }, { day: 3 }]
 */
export function parseRecurrenceRule(value: string, line: number, notes: string[] = []): RecurrenceRule {
  const text = value.trim();
  if (text === "") throw new RuleError("The RRULE is empty.");
  const parts = new Map<string, string>();
  for (const piece of text.split(";")) {
    if (piece.trim() === "") continue;
    const eq = piece.indexOf("=");
    if (eq < 0) throw new RuleError(`"${truncate(piece)}" is not a NAME=VALUE rule part.`);
    const name = piece.slice(0, eq).trim().toUpperCase();
    const val = piece.slice(eq + 1).trim();
    if (parts.has(name)) throw new RuleError(`${name} appears twice.`);
    parts.set(name, val);
  }
  const freqText = parts.get("FREQ")?.toUpperCase();
  if (!freqText) throw new RuleError("FREQ is missing (every RRULE needs FREQ=DAILY, WEEKLY, MONTHLY, …).");
  const freq = FREQS.find((f) => f === freqText);
  if (!freq) throw new RuleError(`FREQ=${freqText} is not a frequency (expected one of ${FREQS.join(", ")}).`);

  const rule: MutableRule = { text, line, freq, interval: 1, wkst: 0 };

  for (const [name, val] of parts) applyPart(rule, name, val, notes);
  if (rule.bySetPos && !(rule.byDay || rule.byMonthDay || rule.byYearDay || rule.byWeekNo || rule.byMonth || rule.byHour || rule.byMinute || rule.bySecond)) {
    throw new RuleError("BYSETPOS needs another BYxxx part to choose from.");
  }
  if (rule.byWeekNo && freq !== "YEARLY") throw new RuleError("BYWEEKNO only works with FREQ=YEARLY.");
  if (rule.byYearDay && (freq === "DAILY" || freq === "WEEKLY" || freq === "MONTHLY")) {
    throw new RuleError(`BYYEARDAY does not work with FREQ=${freq}.`);
  }
  if (rule.byMonthDay && freq === "WEEKLY") throw new RuleError("BYMONTHDAY does not work with FREQ=WEEKLY.");
  return rule;
}

type MutableRule = { -readonly [K in keyof RecurrenceRule]: RecurrenceRule[K] };

/** A BYDAY list: weekdays with an optional ordinal, which only MONTHLY and YEARLY rules keep. */
function parseByDay(val: string, freq: RecurrenceRule["freq"], notes: string[]): { day: number; n?: number }[] {
  const days: { day: number; n?: number }[] = [];
  for (const raw of val.split(",")) {
    const item = raw.trim().toUpperCase();
    if (item === "") continue;
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!m) throw new RuleError(`BYDAY value "${raw.trim()}" is not a weekday such as MO, 2TU or -1FR.`);
    const day = DAYS.indexOf(m[2] as string);
    if (m[1] === undefined) {
      days.push({ day });
      continue;
    }
    const n = Number(m[1]);
    if (n === 0 || Math.abs(n) > 53) throw new RuleError(`BYDAY value "${item}" has an ordinal outside ±1…±53.`);
    if (freq !== "MONTHLY" && freq !== "YEARLY") {
      notes.push(`BYDAY=${item}: an ordinal only means something with FREQ=MONTHLY or YEARLY; read as ${m[2]}.`);
      days.push({ day });
    } else if (freq === "MONTHLY" && Math.abs(n) > 5) {
      throw new RuleError(`BYDAY value "${item}": a month has at most 5 of any weekday.`);
    } else {
      days.push({ day, n });
    }
  }
  if (days.length === 0) throw new RuleError("BYDAY is empty.");
  return days;
}

/** The BYxxx parts that are lists of numbers: where they go, their range, and whether they may be negative. */
const NUMBER_LISTS: Readonly<Record<string, readonly [keyof RecurrenceRule, number, number, boolean]>> = {
  BYMINUTE: ["byMinute", 0, 59, false],
  BYHOUR: ["byHour", 0, 23, false],
  BYMONTHDAY: ["byMonthDay", 1, 31, true],
  BYYEARDAY: ["byYearDay", 1, 366, true],
  BYWEEKNO: ["byWeekNo", 1, 53, true],
  BYMONTH: ["byMonth", 1, 12, false],
  BYSETPOS: ["bySetPos", 1, 366, true],
};

/** Reads one NAME=VALUE part into `rule`; throws {@link RuleError} for a value that is wrong. */
function applyPart(rule: MutableRule, name: string, val: string, notes: string[]): void {
  const numbers = NUMBER_LISTS[name];
  if (numbers) {
    const [key, min, max, signed] = numbers;
    (rule as Record<string, unknown>)[key] = list(val, name, min, max, signed);
    return;
  }
  switch (name) {
    case "FREQ":
      break;
    case "INTERVAL": {
      const n = int(val, name);
      if (n < 1) throw new RuleError(`INTERVAL=${val} must be a whole number of at least 1.`);
      rule.interval = n;
      break;
    }
    case "COUNT": {
      const n = int(val, name);
      if (n < 1) throw new RuleError(`COUNT=${val} must be at least 1.`);
      rule.count = n;
      break;
    }
    case "UNTIL": {
      try {
        const p = parseDateOrDateTime(val);
        rule.until = p.kind === "utc" ? { kind: "utc", utc: p.utc } : p.kind === "date" ? { kind: "date", wall: p.wall } : { kind: "floating", wall: p.wall };
      } catch (e) {
        throw new RuleError(`UNTIL: ${(e as ValueError).message}`);
      }
      break;
    }
    case "WKST": {
      const d = DAYS.indexOf(val.toUpperCase());
      if (d < 0) throw new RuleError(`WKST=${val} is not a weekday (MO … SU).`);
      rule.wkst = d;
      break;
    }
    case "BYSECOND": {
      // 60 is a leap second (RFC 5545 allows it); like a DATE-TIME's :60 it is read as :59.
      const seconds = list(val, name, 0, 60, false);
      if (seconds.includes(60)) notes.push("BYSECOND=60 (a leap second) is read as 59.");
      rule.bySecond = [...new Set(seconds.map((s) => Math.min(s, 59)))];
      break;
    }
    case "BYDAY":
      rule.byDay = parseByDay(val, rule.freq, notes);
      break;
    default:
      if (!name.startsWith("X-")) notes.push(`Unknown rule part ${name} was ignored.`);
  }
}

function int(val: string, name: string): number {
  if (!/^[+-]?\d+$/.test(val)) throw new RuleError(`${name}=${truncate(val)} is not a whole number.`);
  return Number(val);
}

function list(val: string, name: string, min: number, max: number, signed: boolean): number[] {
  const out: number[] = [];
  for (const raw of val.split(",")) {
    const t = raw.trim();
    if (t === "") continue;
    if (!/^[+-]?\d+$/.test(t)) throw new RuleError(`${name} value "${truncate(t)}" is not a whole number.`);
    const n = Number(t);
    const abs = Math.abs(n);
    const ok = signed ? abs >= min && abs <= max : n >= min && n <= max && !t.startsWith("-");
    if (!ok) {
      const range = signed ? `±${min}…±${max}` : `${min}…${max}`;
      throw new RuleError(`${name} value ${t} is outside ${range}.`);
    }
    out.push(n);
  }
  if (out.length === 0) throw new RuleError(`${name} is empty.`);
  return out;
}
