/**
 * Synthetic catalogs for the term-plan benchmark (bench/plan.ts), built with the catalog schema
 * from a seeded mulberry32 PRNG (no Math.random, no clock): evening and lunchtime synchronous sections, hybrid
 * sections with a weekly live session and a weekly assignment, asynchronous sections with two
 * deadlines a week, over one 15-week term (Monday 2024-01-15 to Sunday 2024-04-28). Most meet in
 * Europe/Paris, a quarter in America/New_York at lunchtime there (evening in Paris): the US
 * changes clocks on 10 March and the EU on 31 March, so for three weeks those sessions come an
 * hour earlier on a Paris clock, and clashes have to be found between UTC instants.
 */
import { validateCatalog, type Catalog } from "../lib/catalog/schema";
import { mulberry32 } from "./generate";

export const PLAN_TERM = { startDate: "2024-01-15", endDate: "2024-04-28" } as const;
export const PLAN_ZONE = "Europe/Paris";
const TERM = PLAN_TERM;
const ZONE = PLAN_ZONE;
const DAY_CODES = ["MO", "TU", "WE", "TH", "FR"] as const;

interface Draw {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

function picker(seed: number): Draw {
  const next = mulberry32(seed);
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number] };
}

/** One synthetic section of a course: its format decides meetings and deadlines. */
function section(r: Draw, id: string): Record<string, unknown> {
  const format = r.pick(["synchronous", "synchronous", "hybrid", "asynchronous"] as const);
  const timeZone = r.next() < 0.25 ? "America/New_York" : ZONE;
  // Evenings in Paris, some at lunchtime (when the learner's working day has meetings); a New
  // York section meets at lunchtime there, evening in Paris.
  const startTime = timeZone === ZONE ? r.pick(["12:15", "18:00", "18:30", "19:00", "19:30", "20:00"]) : r.pick(["12:00", "12:30", "13:00"]);
  const days = format === "synchronous" ? [r.pick(DAY_CODES), r.pick(DAY_CODES)].filter((d, i, a) => a.indexOf(d) === i) : [r.pick(DAY_CODES)];
  const meetings = [{ rrule: `FREQ=WEEKLY;BYDAY=${days.join(",")}`, startTime, durationMinutes: r.pick([60, 90, 120]) }];
  const hours = r.int(3, 7);
  const deadlines = [
    { rrule: `FREQ=WEEKLY;BYDAY=${r.pick(["WE", "TH"])}`, time: "23:59", title: "Discussion post", hours: 1 },
    { rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: hours - 1 },
  ];
  const base = { id, format, timeZone, ...TERM };
  if (format === "synchronous") return { ...base, meetings, recordings: r.pick(["all", "some", "none"]) };
  if (format === "hybrid") return { ...base, meetings, recordings: r.pick(["all", "some"]), hoursPerWeek: hours, deadlines: deadlines.slice(1) };
  return { ...base, hoursPerWeek: hours, deadlines };
}

/** A catalog of `courses` courses with `sections` sections each, valid under the catalog schema. */
export function planCatalog(courses: number, sections: number, seed: number): Catalog {
  const r = picker(seed);
  const input = {
    institution: "FormatFit plan benchmark",
    courses: Array.from({ length: courses }, (_, c) => ({
      id: `C${c + 1}`,
      title: `Course ${c + 1}`,
      summary: "A synthetic course for the plan benchmark.",
      sections: Array.from({ length: sections }, (_, s) => section(r, `C${c + 1}-S${s + 1}`)),
    })),
  };
  const v = validateCatalog(input);
  if (!v.ok) throw new Error(`bench/plan: the synthetic catalog is invalid: ${v.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
  return v.catalog;
}

