/**
 * Sections judged together as one plan: the clashes between their sessions (graded as clashes
 * with the calendar are: an overlap of at most `lateJoinMinutes` at the end of one session and the
 * start of the next is leaving early or joining late, a trade-off; any other overlap loses a
 * session), one earliest-deadline-first study plan for all their deadlines in the free time minus
 * all their sessions, combined weeks (./term-weeks.ts), and a verdict with reasons.
 * `checkFit({ together })` and the term planner (lib/plan) both judge through these pieces, so a
 * combination the planner ranks reads the same as the same sections checked together.
 */
import type { Section } from "../catalog/schema";
import { sectionDeadlines, sectionSessions, type Session } from "../catalog/sessions";
import { meetsEveryDeadline, planStudy, sectionJobs, termStartOf, unmetJobs, type Job, type LoadWeek, type StudyPlan } from "./async";
import { usableBlocks, type FreeBlock } from "./free-time";
import { mergeIntervals } from "./intervals";
import type { FitPreferences } from "./preferences";
import { tightestWeek, togetherTerm, togetherWeeks, type TogetherTerm } from "./term-weeks";
import { worst, type Verdict } from "./verdict";
import { formatDayMonth } from "../time/format";
import { MINUTE } from "../time/units";
import { plural } from "../words";

export interface SessionClash {
  /** The session that starts first (or either, when both start together). */
  readonly a: Session;
  readonly b: Session;
  readonly overlapMinutes: number;
  /**
   * Both can be attended, leaving `a` early or joining `b` late: they overlap at `a`'s end and
   * `b`'s start only, by at most `lateJoinMinutes`, and at least half of one of them is left.
   */
  readonly partial: boolean;
}

export interface PlanFit {
  readonly sectionIds: readonly string[];
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly clashes: readonly SessionClash[];
  readonly studyPlan: StudyPlan;
  /** The combined weeks (./term-weeks.ts): required and free hours of all sections. */
  readonly weeks: readonly LoadWeek[];
}

/** The study side of a plan: one study plan for every deadline, and the combined weeks. */
export interface TogetherStudy {
  readonly studyPlan: StudyPlan;
  readonly weeks: readonly LoadWeek[];
}

/** What the verdict and the reasons need of the study side. */
export interface TogetherLoad {
  /** The combined weeks (./term-weeks.ts). */
  readonly weeks: readonly LoadWeek[];
  /** Jobs (deadlines) of all the sections. */
  readonly jobCount: number;
  /** The jobs the study plan cannot meet, in job order. */
  readonly unmet: readonly Job[];
}

/**
 * Grades one overlap between sessions of two sections (`a` starts no later than `b`).
 *
 * @example
 * clashOf(tuesday1830to2000, tuesday1945to2115, 15 * 60_000) // { overlapMinutes: 15, partial: true, … }
 */
export function clashOf(a: Session, b: Session, toleranceMs: number): SessionClash {
  const overlap = Math.min(a.end, b.end) - b.start;
  const staggered = a.start < b.start && a.end < b.end;
  const partial = staggered && overlap <= toleranceMs && (2 * overlap <= a.end - a.start || 2 * overlap <= b.end - b.start);
  return { a, b, overlapMinutes: Math.round(overlap / MINUTE), partial };
}

/**
 * Sessions of different sections that overlap, graded ({@link clashOf}): a sort-and-sweep over
 * sessions sorted by start (ties keep their order), with an active list.
 *
 * @example
 * sessionClashes([...sectionSessions(s1), ...sectionSessions(s2)].sort((a, b) => a.start - b.start), prefs.lateJoinMinutes)
 */
export function sessionClashes(sorted: readonly Session[], lateJoinMinutes: number): SessionClash[] {
  const tolerance = lateJoinMinutes * MINUTE;
  const clashes: SessionClash[] = [];
  const active: Session[] = [];
  for (const s of sorted) {
    for (let k = active.length - 1; k >= 0; k--) if ((active[k] as Session).end <= s.start) active.splice(k, 1);
    for (const a of active) if (a.sectionId !== s.sectionId) clashes.push(clashOf(a, s, tolerance));
    active.push(s);
  }
  return clashes;
}

/**
 * The free study time of sections taken together: raw free time inside `[from, to)` minus all
 * their sessions (you cannot study during class), as usable blocks.
 */
export function togetherFree(sessions: readonly Session[], raw: readonly FreeBlock[], prefs: FitPreferences, from: number, to: number): FreeBlock[] {
  return usableBlocks(raw, mergeIntervals(sessions), prefs, from, to);
}

/**
 * One earliest-deadline-first study plan for all the jobs in the free blocks, and the combined
 * weeks of the term ({@link togetherWeeks}).
 *
 * @example
 * const term = togetherTerm(sections);
 * const { studyPlan, weeks } = togetherStudy(jobs, togetherFree(sessions, raw, prefs, term.from, term.to), term, prefs.timeZone);
 */
export function togetherStudy(jobs: readonly Job[], free: readonly FreeBlock[], term: TogetherTerm, zone: string): TogetherStudy {
  const studyPlan = planStudy(jobs, free);
  const unmet = new Set<Job>();
  for (const j of studyPlan.jobs) if (!j.met) unmet.add(j.job);
  return { studyPlan, weeks: togetherWeeks(jobs, free, term, zone, unmet) };
}

/** The load of a study plan as the reasons read it. */
function loadOfStudy(study: TogetherStudy): TogetherLoad {
  return { weeks: study.weeks, jobCount: study.studyPlan.jobs.length, unmet: study.studyPlan.jobs.filter((j) => !j.met).map((j) => j.job) };
}

/**
 * The combined load without the study plan's blocks: the weeks, and the deadlines not met — none
 * when {@link meetsEveryDeadline} proves it, else from the planner's schedule. The term planner
 * judges thousands of combinations through this; the result is what {@link togetherStudy} says.
 *
 * @example
 * togetherLoad(jobs, free, togetherTerm(sections), prefs.timeZone).unmet.length // 0
 */
export function togetherLoad(jobs: readonly Job[], free: readonly FreeBlock[], term: TogetherTerm, zone: string): TogetherLoad {
  const unmet = meetsEveryDeadline(jobs, free) ? [] : unmetJobs(jobs, free);
  return { weeks: togetherWeeks(jobs, free, term, zone, new Set(unmet)), jobCount: jobs.length, unmet };
}

/** How many clashes lose a session and how many are attended late or left early. */
export function clashCounts(clashes: readonly SessionClash[]): { missed: number; partial: number } {
  let partial = 0;
  for (const c of clashes) if (c.partial) partial++;
  return { missed: clashes.length - partial, partial };
}

/**
 * The verdict of sections taken together: the worst of their own verdicts; a clash between them
 * that loses a session, or a deadline the combined study plan cannot meet, makes it does not fit;
 * clashes attended late or left early make it at best a trade-off.
 *
 * @example
 * togetherVerdict({ alone: ["fits", "fits"], missedClashes: 0, partialClashes: 4, unmet: 0 }) // "fits-with-tradeoffs"
 */
export function togetherVerdict(input: { alone: readonly Verdict[]; missedClashes: number; partialClashes: number; unmet: number }): Verdict {
  if (input.missedClashes > 0 || input.unmet > 0) return "does-not-fit";
  return worst([...input.alone, input.partialClashes > 0 ? "fits-with-tradeoffs" : undefined]);
}

/**
 * One sentence per pair of sections that clash, pairs in the order of their first clash (ties by
 * name): sessions lost ("meet at the same time"), then overlaps attended by leaving early or
 * joining late. Reasons speak about the sections, not to the learner: a shared report reads the same.
 *
 * @example
 * clashReasons(clashes) // ["FIT-100-S1 and FIT-200-S1 meet at the same time 4 times: both cannot be attended live."]
 */
export function clashReasons(clashes: readonly SessionClash[]): string[] {
  const pairs = new Map<string, { first: number; missed: number; partial: number; maxPartial: number }>();
  for (const c of clashes) {
    const x = c.a.sectionId;
    const y = c.b.sectionId;
    const key = x < y ? `${x} and ${y}` : `${y} and ${x}`;
    const p = pairs.get(key) ?? { first: c.b.start, missed: 0, partial: 0, maxPartial: 0 };
    p.first = Math.min(p.first, c.b.start);
    if (c.partial) {
      p.partial++;
      p.maxPartial = Math.max(p.maxPartial, c.overlapMinutes);
    } else p.missed++;
    pairs.set(key, p);
  }
  const times = (n: number) => (n === 1 ? "once" : `${n} times`);
  const reasons: string[] = [];
  for (const [pair, p] of [...pairs].sort((x, y) => x[1].first - y[1].first || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    if (p.missed > 0) reasons.push(`${pair} meet at the same time ${times(p.missed)}: both cannot be attended live.`);
    if (p.partial > 0) reasons.push(`${pair} overlap by up to ${plural(p.maxPartial, "minute")} ${times(p.partial)}: attending both means leaving the earlier session early or joining the later one late.`);
  }
  return reasons;
}

/** Why the combined study load fits or not, in one sentence (none without deadlines). */
function loadReasons(sections: readonly Section[], load: TogetherLoad, prefs: FitPreferences): string[] {
  const unmet = load.unmet;
  if (unmet.length > 0) {
    const first = unmet[0] as (typeof unmet)[number];
    return [`Together, ${plural(unmet.length, "deadline")} cannot be met in the free study time (first: ${first.title} for ${first.sectionId}, due ${formatDayMonth(first.due, prefs.timeZone)}).`];
  }
  if (load.jobCount === 0) return [];
  const tight = tightestWeek(load.weeks);
  const total = sections.reduce((h, s) => h + ("hoursPerWeek" in s && typeof s.hoursPerWeek === "number" ? s.hoursPerWeek : 0), 0);
  return [`Together they need about ${total} hours a week of study besides live sessions; every deadline can be met${tight.required > 0 ? `, with at least ${Math.max(0, tight.slack)} free hours to spare in the tightest week` : ""}.`];
}

/**
 * The reasons of a plan: the clashes between its sections, then its combined load; "do not clash"
 * when there is nothing to say.
 *
 * @example
 * togetherReasons(sections, clashes, togetherLoad(jobs, free, term, prefs.timeZone), prefs)[0] // "FIT-100-S1 and FIT-200-S1 meet at the same time 4 times: …"
 */
export function togetherReasons(sections: readonly Section[], clashes: readonly SessionClash[], load: TogetherLoad, prefs: FitPreferences): string[] {
  const reasons = [...clashReasons(clashes), ...loadReasons(sections, load, prefs)];
  if (reasons.length === 0) reasons.push("The chosen sections do not clash with each other.");
  return reasons;
}

/**
 * Judges sections together as one plan against raw free time, given each one's own verdict.
 *
 * @example
 * checkTogether(sections, rawFreeTime(busy, prefs, window.from, window.to), prefs, ["fits", "fits"]).verdict
 */
export function checkTogether(sections: readonly Section[], raw: readonly FreeBlock[], prefs: FitPreferences, alone: readonly Verdict[]): PlanFit {
  const all = sections.flatMap((s) => sectionSessions(s)).sort((a, b) => a.start - b.start);
  const clashes = sessionClashes(all, prefs.lateJoinMinutes);
  const term = togetherTerm(sections);
  const jobs = sections.flatMap((s) => ("deadlines" in s && s.deadlines && s.deadlines.length > 0 ? sectionJobs(s, sectionDeadlines(s), termStartOf(s)) : []));
  const study = togetherStudy(jobs, togetherFree(all, raw, prefs, term.from, term.to), term, prefs.timeZone);
  const counts = clashCounts(clashes);
  const load = loadOfStudy(study);
  const verdict = togetherVerdict({ alone, missedClashes: counts.missed, partialClashes: counts.partial, unmet: load.unmet.length });
  return { sectionIds: sections.map((s) => s.id), verdict, reasons: togetherReasons(sections, clashes, load, prefs), clashes, ...study };
}
