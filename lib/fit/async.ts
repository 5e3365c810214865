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

// Local copy: read for every job of every plan (an imported binding is a getter once compiled).
const HOUR_MS = HOUR;

/** A second of rounding is not a missed deadline. */
const MET_TOLERANCE_MS = 1000;

/** Per job (in the order given): the work left undone and the work planned, in ms. */
interface Scheduled {
  readonly left: Float64Array;
  readonly planned: Float64Array;
}

/**
 * Earliest deadline first over the free blocks: at every moment, the released, unfinished, not
 * yet overdue job due first (the first one released among equals). `place` hears of every piece
 * of work placed, in time order. Optimal for preemptive work with release times on one person.
 */
function scheduleEarliestDeadlineFirst(jobs: readonly Job[], free: readonly FreeBlock[], place?: (job: Job, start: number, end: number) => void): Scheduled {
  const n = jobs.length;
  const left = new Float64Array(n);
  const planned = new Float64Array(n);
  for (let i = 0; i < n; i++) left[i] = (jobs[i] as Job).hours * HOUR_MS;
  const job = (i: number) => jobs[i] as Job;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => job(a).release - job(b).release || job(a).due - job(b).due);
  const ready: number[] = [];
  let next = 0;
  for (const fb of free) {
    let t = fb.start;
    while (t < fb.end) {
      while (next < n && job(order[next] as number).release <= t) ready.push(order[next++] as number);
      let best = -1;
      for (const r of ready) if ((left[r] as number) > 0 && job(r).due > t && (best < 0 || job(r).due < job(best).due)) best = r;
      const nextRelease = next < n ? job(order[next] as number).release : Infinity;
      if (best < 0) {
        if (nextRelease >= fb.end) break;
        t = nextRelease;
        continue;
      }
      const until = Math.min(fb.end, job(best).due, nextRelease, t + (left[best] as number));
      if (until <= t) break;
      place?.(job(best), t, until);
      left[best] = (left[best] as number) - (until - t);
      planned[best] = (planned[best] as number) + (until - t);
      t = until;
    }
    // Drop finished and overdue work so the scan stays short.
    for (let k = ready.length - 1; k >= 0; k--) {
      const r = ready[k] as number;
      if ((left[r] as number) <= 0 || job(r).due <= fb.end) ready.splice(k, 1);
    }
  }
  return { left, planned };
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
  const blocks: StudyBlock[] = [];
  const { left, planned } = scheduleEarliestDeadlineFirst(jobs, free, (job, start, end) => {
    const last = blocks[blocks.length - 1];
    if (last && last.end === start && last.sectionId === job.sectionId && last.dueAt === job.due) (last as { end: number }).end = end;
    else blocks.push({ start, end, sectionId: job.sectionId, deadlineTitle: job.title, dueAt: job.due });
  });
  const results = jobs.map((job, i) => ({
    job,
    availableHours: sums.between(job.release, job.due) / HOUR_MS,
    plannedHours: (planned[i] as number) / HOUR_MS,
    met: (left[i] as number) <= MET_TOLERANCE_MS,
  }));
  return { blocks, jobs: results };
}

/**
 * The jobs {@link planStudy} cannot meet, in the order given, without building the plan's blocks
 * (the same schedule: the term planner asks this of thousands of combinations).
 *
 * @example
 * unmetJobs(jobs, free).length === planStudy(jobs, free).jobs.filter((j) => !j.met).length // true
 */
export function unmetJobs(jobs: readonly Job[], free: readonly FreeBlock[]): Job[] {
  const { left } = scheduleEarliestDeadlineFirst(jobs, free);
  return jobs.filter((_, i) => (left[i] as number) > MET_TOLERANCE_MS);
}

/**
 * A quick proof that {@link planStudy} meets every deadline, without planning: true means it will;
 * false means it may not (plan to know). One section's jobs never overlap (each is released at the
 * section's previous deadline), so a section that needs at most a share `a` of the free time
 * before each of its deadlines (its hours over the free hours between release and due) can be
 * given that share of every free minute; when the sections' shares add up to at most 1, that
 * schedule exists, and earliest-deadline-first, which is optimal, finds one as good.
 *
 * @example
 * meetsEveryDeadline(jobs, free) ? "every deadline met" : planStudy(jobs, free).jobs.filter((j) => !j.met).length
 */
export function meetsEveryDeadline(jobs: readonly Job[], free: readonly FreeBlock[]): boolean {
  if (jobs.length === 0) return true;
  const sums = new PrefixSums(free);
  const share = new Map<string, number>();
  for (const j of jobs) {
    if (j.hours <= 0) continue;
    const available = sums.between(j.release, j.due);
    if (available <= 0) return false;
    const a = (j.hours * HOUR_MS) / available;
    if (a > (share.get(j.sectionId) ?? 0)) share.set(j.sectionId, a);
  }
  let total = 0;
  for (const a of share.values()) total += a;
  // A margin for rounding: the planner's own tolerance is a second.
  return total <= 1 - 1e-9;
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
