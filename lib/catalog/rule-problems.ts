/**
 * The catalog's restrictions on rule text (docs/catalog.md, "Rules"), layered on the rule engine
 * that expands it (`rule-dates.ts`, on `lib/ics/rule`). That engine reads learners' calendars, so it
 * is forgiving where real calendar writers deviate (lower case, spaces, unknown parts ignored,
 * `BYDAY=1MO` with `FREQ=WEEKLY` read as `MO`); a catalog is written for FormatFit, so here such
 * text is refused with a message that says what is expected, and so is what the format leaves out
 * (DTSTART, a date-time UNTIL, sub-daily FREQ, BYHOUR, TZID). What passes is rule text the engine
 * reads as written.
 */
import { parseRecurrenceRule } from "../ics/rule/text";
import { isRealDate, show } from "./values";

const FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
const RULE_PARTS = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"];
const RULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

function wholeNumberIn(value: string, min: number, max: number, signed: boolean): boolean {
  const match = (signed ? /^[+-]?\d{1,3}$/ : /^\d{1,6}$/).exec(value);
  if (!match) return false;
  const n = Math.abs(Number(value));
  return n >= min && n <= max;
}

function listProblems(name: string, value: string, min: number, max: number, signed: boolean, example: string): string[] {
  const bad = value.split(",").filter((entry) => !wholeNumberIn(entry, min, max, signed));
  if (bad.length === 0) return [];
  const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
  return [`${name}=${value} has ${bad.map((b) => show(b)).join(", ")}; expected a comma-separated list of whole numbers ${range}, e.g. ${name}=${example}`];
}

/**
 * Every problem with a catalog rule's text, as messages that say what is wrong and what is
 * expected; none when the rule is fit for `termRuleDates` (rule-dates.ts). The engine's own parser
 * has the last word, so a rule this accepts is one the engine reads.
 *
 * @example
 * ```ts
 * catalogRuleProblems("FREQ=WEEKLY;BYDAY=TU,TH"); // → []
 * catalogRuleProblems("FREQ=HOURLY");
 * // → ["FREQ=HOURLY repeats within a day; a catalog rule picks dates, so expected DAILY, WEEKLY, MONTHLY or YEARLY (the time comes from startTime or time)"]
 * ```
 */
export function catalogRuleProblems(rule: string): string[] {
  if (rule.trim() === "") return ['is empty; expected RFC 5545 rule parts such as "FREQ=WEEKLY;BYDAY=TU,TH"'];
  if (/^RRULE:/i.test(rule)) return [`starts with "RRULE:"; write only the rule parts, e.g. ${show(rule.slice(6))}`];
  if (/DTSTART/i.test(rule)) {
    return ["contains DTSTART; leave it out: sessions start from the section's startDate and take their time from startTime (meetings) or time (deadlines)"];
  }
  if (/\s/.test(rule)) return ['contains spaces or line breaks; expected rule parts joined by ";" with no spaces, e.g. "FREQ=WEEKLY;BYDAY=TU,TH"'];
  if (rule !== rule.toUpperCase()) return [`is not in upper case; expected ${show(rule.toUpperCase())}`];

  const problems: string[] = [];
  const parts = new Map<string, string>();
  for (const piece of rule.split(";")) {
    const eq = piece.indexOf("=");
    if (eq <= 0 || eq === piece.length - 1) {
      problems.push(`${show(piece)} is not a rule part; expected NAME=VALUE pairs joined by ";", e.g. "FREQ=WEEKLY;BYDAY=TU"`);
      continue;
    }
    const name = piece.slice(0, eq);
    if (parts.has(name)) problems.push(`${name} appears more than once; each rule part may appear once`);
    parts.set(name, piece.slice(eq + 1));
  }

  const freq = parts.get("FREQ");
  for (const [name, value] of parts) {
    switch (name) {
      case "FREQ":
        if (["HOURLY", "MINUTELY", "SECONDLY"].includes(value)) {
          problems.push(`FREQ=${value} repeats within a day; a catalog rule picks dates, so expected DAILY, WEEKLY, MONTHLY or YEARLY (the time comes from startTime or time)`);
        } else if (!(FREQUENCIES as readonly string[]).includes(value)) {
          problems.push(`FREQ=${value} is not a frequency; expected DAILY, WEEKLY, MONTHLY or YEARLY`);
        }
        break;
      case "INTERVAL":
      case "COUNT":
        if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
          problems.push(
            name === "INTERVAL"
              ? `INTERVAL=${value} is not allowed; expected a whole number of at least 1 (with FREQ=WEEKLY, INTERVAL=2 is every other week)`
              : `COUNT=${value} is not allowed; expected a whole number of at least 1`,
          );
        }
        break;
      case "UNTIL": {
        const date = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
        if (date && isRealDate(`${date[1]}-${date[2]}-${date[3]}`)) break;
        problems.push(
          /^\d{8}T\d{6}Z?$/.test(value)
            ? `UNTIL=${value} is a date-time; expected a date such as UNTIL=20270425 (the last date a session may fall on), because times come from startTime or time`
            : `UNTIL=${value} is not a date; expected YYYYMMDD, e.g. UNTIL=20270425`,
        );
        break;
      }
      case "BYDAY": {
        for (const entry of value.split(",")) {
          const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(entry);
          if (!match || !RULE_DAYS.includes(match[2] ?? "")) {
            problems.push(`BYDAY=${value} has ${show(entry)}; expected days MO, TU, WE, TH, FR, SA, SU, optionally numbered (1SA is the first Saturday, -1FR the last Friday)`);
            break;
          }
          if (match[1] !== undefined) {
            const n = Math.abs(Number(match[1]));
            if (n < 1 || n > 53) {
              problems.push(`BYDAY=${value} has ${show(entry)}; expected a position from 1 to 53 or -53 to -1 before the day`);
              break;
            }
            if (freq !== "MONTHLY" && freq !== "YEARLY") {
              problems.push(`BYDAY=${value} numbers a day (${entry}), which RFC 5545 allows only with FREQ=MONTHLY or FREQ=YEARLY; expected plain days such as BYDAY=${match[2]}`);
              break;
            }
            if (freq === "MONTHLY" && n > 5) {
              problems.push(`BYDAY=${value} has ${show(entry)}, but a month has at most 5 of any day; expected a position from 1 to 5 or -5 to -1 with FREQ=MONTHLY`);
              break;
            }
          }
        }
        break;
      }
      case "BYMONTHDAY":
        problems.push(...listProblems(name, value, 1, 31, true, "1,15"));
        if (freq === "WEEKLY") problems.push("BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545); expected BYDAY, or FREQ=MONTHLY");
        break;
      case "BYYEARDAY":
        problems.push(...listProblems(name, value, 1, 366, true, "1,-1"));
        if (freq !== "YEARLY") problems.push("BYYEARDAY can be used only with FREQ=YEARLY (RFC 5545)");
        break;
      case "BYWEEKNO":
        problems.push(...listProblems(name, value, 1, 53, true, "2,4"));
        if (freq !== "YEARLY") problems.push("BYWEEKNO can be used only with FREQ=YEARLY (RFC 5545)");
        break;
      case "BYMONTH":
        problems.push(...listProblems(name, value, 1, 12, false, "1,2,3"));
        break;
      case "BYSETPOS":
        problems.push(...listProblems(name, value, 1, 366, true, "-1"));
        if (![...parts.keys()].some((part) => part.startsWith("BY") && part !== "BYSETPOS")) {
          problems.push("BYSETPOS needs another BY rule part to pick from (RFC 5545), e.g. BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
        }
        break;
      case "WKST":
        if (!RULE_DAYS.includes(value)) problems.push(`WKST=${value} is not a day; expected MO, TU, WE, TH, FR, SA or SU`);
        break;
      case "BYHOUR":
      case "BYMINUTE":
      case "BYSECOND":
        problems.push(`${name} is not allowed: a catalog rule picks dates; the time comes from startTime (meetings) or time (deadlines)`);
        break;
      case "TZID":
        problems.push("TZID is not allowed: times are wall-clock times in the section's timeZone");
        break;
      default:
        problems.push(`${name} is not an RFC 5545 rule part; expected ${RULE_PARTS.join(", ")}`);
    }
  }
  if (freq === undefined) problems.push(`FREQ is missing; every rule needs one, e.g. ${show(`FREQ=WEEKLY;${rule}`)}`);
  if (parts.has("COUNT") && parts.has("UNTIL")) problems.push("COUNT and UNTIL cannot both be given (RFC 5545); keep one, or neither and let endDate end the term");
  if (problems.length > 0) return problems;

  try {
    parseRecurrenceRule(rule, 0);
  } catch (error) {
    return [`could not be read as an RFC 5545 rule (${error instanceof Error ? error.message : String(error)})`];
  }
  return [];
}

