/**
 * Asynchronous load: the work each deadline needs against the free study time before it, for one
 * or several sections together, earliest deadline first. Free-time questions ("how many free hours
 * between a and b") are answered from prefix sums; the study plan is an earliest-deadline-first
 * allocation of the free blocks, which meets every deadline whenever any plan can (EDF is optimal
 * for preemptive work with release times on one person).
 */
import type { DeadlineInstant } from "../catalog/sessions";
import type { Section } from "../catalog/schema";
import { requireZone } from "../time/zone";
import type { FreeBlock } from "./free-time";
import { PrefixSums } from "./intervals";
import { HOUR, DAY } from "../time/units";

/** Work due at a deadline: released at the previous deadline of the same section (or term start). */
export interface Job {
  readonly sectionId: string;
  readonly title: string;
  readonly release: number;
  readonly due: number;
  /** Hours of work, the deadline's share of the section's weekly hours. */
  readonly hours: number;
  readonly localDate: string;
}

/** One block of study `[start, end)` (UTC ms) toward one deadline (`dueAt`) of one section. */
export interface StudyBlock {
  readonly start: number;
  readonly end: number;
  readonly sectionId: string;
  readonly deadlineTitle: string;
  readonly dueAt: number;
}

export interface JobResult {
  readonly job: Job;
  /** Free hours between the job's release and its due time (ignoring other work). */
  readonly availableHours: number;
  readonly plannedHours: number;
  readonly met: boolean;
}

export interface StudyPlan {
  readonly blocks: readonly StudyBlock[];
  readonly jobs: readonly JobResult[];
}

/**
 * The jobs of a section: each deadline's `hours`, scaled so that a week's deadlines add up to the
 * section's `hoursPerWeek` (reading and lectures are done for the next deadline too).
 *
 * @example
 * sectionJobs(section, sectionDeadlines(section), termStart)[0] // { title: "Discussion post", hours: 2, … }
 */
export function sectionJobs(section: Section, deadlines: readonly DeadlineInstant[], termStart: number): Job[] {
  // Deadline hours per week: count each deadline's instances over the term's weeks.
  const weeks = Math.max(1, termDays(section) / 7);
  const perWeek = deadlines.reduce((h, d) => h + d.hours, 0) / weeks;
  const weekly = "hoursPerWeek" in section && typeof section.hoursPerWeek === "number" ? section.hoursPerWeek : perWeek;
  const scale = perWeek > 0 && weekly > perWeek ? weekly / perWeek : 1;
  const jobs: Job[] = [];
  let prev = termStart;
  for (const d of deadlines) {
    jobs.push({ sectionId: d.sectionId, title: d.title, release: prev, due: d.at, hours: d.hours * scale, localDate: d.localDate });
    prev = d.at;
  }
  return jobs;
}

function termDays(section: Section): number {
  return (Date.parse(`${section.endDate}T00:00:00Z`) - Date.parse(`${section.startDate}T00:00:00Z`)) / DAY + 1;
}

/** The UTC instant at which a section's term starts (its startDate, 00:00 in its zone). */
export function termStartOf(section: Section): number {
  return requireZone(section.timeZone).wallToUtc(Date.parse(`${section.startDate}T00:00:00Z`));
}

/** The UTC instant at which a section's term ends (the day after endDate, 00:00 in its zone). */
export function termEndOf(section: Section): number {
  return requireZone(section.timeZone).wallToUtc(Date.parse(`${section.endDate}T00:00:00Z`) + DAY);
}

/**
 * Plans study blocks for the jobs (any sections together) in the free blocks, earliest deadline
 * first, and says which deadlines are met.
 *
 * @example
 * const plan = planStudy(jobs, freeBlocks(busy, prefs, from, to));
 * plan.jobs.filter((j) => !j.met) // the deadlines that cannot be met
 */
export function planStudy(jobs: readonly Job[], free: readonly FreeBlock[]): StudyPlan {
  const sums = new PrefixSums(free);
  const order = jobs.map((job, i) => ({ job, i, left: job.hours * HOUR, planned: 0 })).sort((a, b) => a.job.release - b.job.release || a.job.due - b.job.due);
  const ready: typeof order = [];
  const blocks: StudyBlock[] = [];
  let next = 0;
  for (const fb of free) {
    let t = fb.start;
    while (t < fb.end) {
      while (next < order.length && (order[next] as (typeof order)[number]).job.release <= t) {
        ready.push(order[next] as (typeof order)[number]);
        next++;
      }
      // Earliest due first among released work that is still open and not yet overdue.
      let best: (typeof order)[number] | undefined;
      for (const r of ready) if (r.left > 0 && r.job.due > t && (!best || r.job.due < best.job.due)) best = r;
      const nextRelease = next < order.length ? (order[next] as (typeof order)[number]).job.release : Infinity;
      if (!best) {
        if (nextRelease >= fb.end) break;
        t = nextRelease;
        continue;
      }
      const until = Math.min(fb.end, best.job.due, nextRelease, t + best.left);
      if (until <= t) break;
      const last = blocks[blocks.length - 1];
      if (last && last.end === t && last.sectionId === best.job.sectionId && last.dueAt === best.job.due) {
        (last as { end: number }).end = until;
      } else {
        blocks.push({ start: t, end: until, sectionId: best.job.sectionId, deadlineTitle: best.job.title, dueAt: best.job.due });
      }
      best.left -= until - t;
      best.planned += until - t;
      t = until;
    }
    // Drop finished and overdue work so the scan stays short (results are read from `order`).
    for (let k = ready.length - 1; k >= 0; k--) {
      const r = ready[k] as (typeof order)[number];
      if (r.left <= 0 || r.job.due <= fb.end) ready.splice(k, 1);
    }
  }
  const results: JobResult[] = [];
  const byIndex: (typeof order)[number][] = new Array(order.length);
  for (const o of order) byIndex[o.i] = o;
  jobs.forEach((job, i) => {
    const o = byIndex[i] as (typeof order)[number];
    results.push({
      job,
      availableHours: sums.between(job.release, job.due) / HOUR,
      plannedHours: o.planned / HOUR,
      met: o.left <= 1000, // a second of rounding is not a missed deadline
    });
  });
  return { blocks, jobs: results };
}

/** One week of a section's term: the work due in it and the free time in it. */
export interface LoadWeek {
  readonly start: number;
  readonly end: number;
  readonly requiredHours: number;
  readonly availableHours: number;
  readonly feasible: boolean;
  /** availableHours − requiredHours */
  readonly slackHours: number;
}

/** A section's asynchronous side judged against the calendar: the weeks, the plan and what it could not place. */
export interface AsyncAnalysis {
  readonly weeks: readonly LoadWeek[];
  readonly plan: StudyPlan;
  readonly unmet: number;
  readonly crunchWeeks: readonly LoadWeek[];
  readonly hoursPerWeek: number;
}

/**
 * The section's term in deadline periods (DESIGN.md: an async "week" runs from one deadline
 * period's start to its end). Periods end at the section's main deadline — the one pattern with
 * the most hours, typically the weekly assignment — and hold every deadline due since the previous
 * one: the hours needed, the free study hours between the two, and whether the plan meets them all.
 *
 * @example
 * loadWeeks(section, plan.jobs, free).filter((w) => w.slackHours < 2) // crunch weeks
 */
export function loadWeeks(section: Section, jobs: readonly JobResult[], free: readonly FreeBlock[]): LoadWeek[] {
  const own = jobs.filter((j) => j.job.sectionId === section.id).sort((a, b) => a.job.due - b.job.due);
  if (own.length === 0) return [];
  const sums = new PrefixSums(free);
  // The main pattern: the deadline title with the most hours in total.
  const byTitle = new Map<string, number>();
  for (const j of own) byTitle.set(j.job.title, (byTitle.get(j.job.title) ?? 0) + j.job.hours);
  const main = [...byTitle.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const weeks: LoadWeek[] = [];
  let periodStart = (own[0] as JobResult).job.release;
  let pending: JobResult[] = [];
  own.forEach((j, i) => {
    pending.push(j);
    const last = i === own.length - 1;
    if (j.job.title !== main && !last) return;
    const start = periodStart;
    const end = j.job.due;
    const requiredHours = round1(pending.reduce((h, x) => h + x.job.hours, 0));
    const availableHours = round1(sums.between(start, end) / HOUR);
    weeks.push({ start, end, requiredHours, availableHours, feasible: pending.every((x) => x.met), slackHours: round1(availableHours - requiredHours) });
    periodStart = end;
    pending = [];
  });
  return weeks;
}

/** A section's weekly study hours: its hoursPerWeek, or what its deadlines add up to per week. */
export function weeklyHours(section: Section, deadlines: readonly DeadlineInstant[]): number {
  if ("hoursPerWeek" in section && typeof section.hoursPerWeek === "number") return section.hoursPerWeek;
  return round1(deadlines.reduce((h, d) => h + d.hours, 0) / Math.max(1, termDays(section) / 7));
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
