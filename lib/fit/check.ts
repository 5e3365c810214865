/**
 * The format-fit check: for chosen sections, live-session conflicts and asynchronous load against
 * the learner's busy time, a verdict per section with plain-language reasons, the sections judged
 * together as one plan, and a study plan. Works from expanded occurrences, so a "what if" (ignore an
 * event, change a buffer or a study window) recomputes without importing again.
 */
import { busyIntervals, type BusyInterval } from "../busy";
import type { Catalog, Course, Section } from "../catalog/schema";
import { sectionDeadlines, sectionSessions, type DeadlineInstant, type Session } from "../catalog/sessions";
import type { Occurrence } from "../recurrence/expand";
import { mergeIntervals, type Interval } from "./intervals";
import { analyseLive, type LiveAnalysis } from "./live";
import { rawFreeTime, usableBlocks, type FreeBlock } from "./free-time";
import { loadWeeks, planStudy, sectionJobs, termEndOf, termStartOf, weeklyHours, type AsyncAnalysis, type LoadWeek, type StudyPlan } from "./async";
import { busyPreferencesOf, type FitPreferences } from "./preferences";
import { describeAsync, describeLive, whenText, worst, type Verdict } from "./verdict";
import { MINUTE, HOUR, DAY } from "../time/units";
import { plural } from "../words";
import type { Window } from "../time/window";

export type { Verdict } from "./verdict";
export type { AsyncAnalysis } from "./async";

export interface SectionFit {
  readonly section: Section;
  readonly course: Course;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly live: LiveAnalysis | null;
  readonly async: AsyncAnalysis | null;
}

export interface SessionClash {
  readonly a: Session;
  readonly b: Session;
  readonly overlapMinutes: number;
}

export interface PlanFit {
  readonly sectionIds: readonly string[];
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly clashes: readonly SessionClash[];
  readonly studyPlan: StudyPlan;
  /** Combined 7-day periods from the earliest term start: required and free hours of all sections. */
  readonly weeks: readonly LoadWeek[];
}

/** One course's formats side by side. */
export interface CourseComparison {
  readonly course: Course;
  readonly sectionIds: readonly string[];
  /** "the synchronous section clashes with 5 of 24 sessions (…); the asynchronous section leaves …" */
  readonly summary: string;
  /** The sections that fit best, in order. */
  readonly best: readonly string[];
}

export interface FitResult {
  readonly sections: readonly SectionFit[];
  readonly courses: readonly CourseComparison[];
  readonly plan: PlanFit | null;
  readonly busy: readonly BusyInterval[];
}

export interface CheckOptions {
  readonly catalog: Catalog;
  /** Sections to check; every section of the catalog when omitted. */
  readonly sectionIds?: readonly string[];
  /** The learner's occurrences over (at least) the sections' terms. */
  readonly occurrences: readonly Occurrence[];
  readonly preferences: FitPreferences;
  /** Also judge the chosen sections together as one plan. */
  readonly together?: boolean;
}

export class UnknownSectionError extends Error {
  override readonly name = "UnknownSectionError";
  constructor(readonly sectionId: string) {
    super(`There is no section "${sectionId}" in the catalog.`);
  }
}

/** The chosen sections with their courses, in the order asked (or catalog order). */
export function chooseSections(catalog: Catalog, ids?: readonly string[]): { section: Section; course: Course }[] {
  const all = catalog.courses.flatMap((course) => course.sections.map((section) => ({ section, course })));
  if (!ids || ids.length === 0) return all;
  return ids.map((id) => {
    const found = all.find((x) => x.section.id === id);
    if (!found) throw new UnknownSectionError(id);
    return found;
  });
}

/**
 * The UTC window covering the chosen sections' terms (a day either side), for expanding the
 * learner's calendar once.
 *
 * @example
 * termWindow(chooseSections(catalog, ["PM-101-S1"]).map((x) => x.section))
 */
export function termWindow(sections: readonly Section[]): Window {
  let from = Infinity;
  let to = -Infinity;
  for (const s of sections) {
    from = Math.min(from, termStartOf(s) - DAY);
    to = Math.max(to, termEndOf(s) + DAY);
  }
  return { from, to };
}

/** The sessions as sorted, non-overlapping intervals (you cannot study during class). */
function sessionIntervals(sessions: readonly Session[]): Interval[] {
  return mergeIntervals(sessions);
}

function analyseAsync(section: Section, raw: readonly FreeBlock[], prefs: FitPreferences, ownSessions: readonly Session[], deadlines: readonly DeadlineInstant[]): { plan: StudyPlan; weeks: LoadWeek[] } {
  const free = usableBlocks(raw, sessionIntervals(ownSessions), prefs, termStartOf(section), termEndOf(section));
  const jobs = sectionJobs(section, deadlines, termStartOf(section));
  const plan = planStudy(jobs, free);
  return { plan, weeks: loadWeeks(section, plan.jobs, free) };
}

/**
 * Checks each chosen section on its own against the calendar (the learner is comparing options),
 * and with `together`, the chosen sections as one plan.
 *
 * @example
 * const result = checkFit({ catalog, sectionIds: ["PM-101-S1", "PM-101-A1"], occurrences, preferences });
 * result.sections.map((s) => [s.section.id, s.verdict])
 */
export function checkFit(options: CheckOptions): FitResult {
  const prefs = options.preferences;
  const chosen = chooseSections(options.catalog, options.sectionIds);
  const busy = busyIntervals(options.occurrences, busyPreferencesOf(prefs));
  return checkFitWithBusy({ ...options, busy, chosen });
}

/**
 * {@link checkFit} from busy intervals already merged (the what-if path and the benchmark start
 * here). Free time (study windows minus busy) is computed once for all sections.
 */
export function checkFitWithBusy(options: CheckOptions & { busy: readonly BusyInterval[]; chosen?: { section: Section; course: Course }[] }): FitResult {
  const prefs = options.preferences;
  const busy = options.busy;
  const chosen = options.chosen ?? chooseSections(options.catalog, options.sectionIds);
  const window = termWindow(chosen.map((c) => c.section));
  const raw = chosen.length > 0 ? rawFreeTime(busy, prefs, window.from, window.to) : [];
  const sections: SectionFit[] = chosen.map(({ section, course }) => {
    const sessions = sectionSessions(section);
    const live =
      sessions.length > 0
        ? analyseLive(sessions, busy, { timeZone: prefs.timeZone, partialOverlapMinutes: prefs.thresholds.partialOverlapMinutes, bufferMinutes: Math.max(prefs.bufferBeforeMinutes, prefs.bufferAfterMinutes) })
        : null;
    const hasDeadlines = "deadlines" in section && section.deadlines !== undefined && section.deadlines.length > 0;
    let async: AsyncAnalysis | null = null;
    if (hasDeadlines) {
      const deadlines = sectionDeadlines(section);
      const a = analyseAsync(section, raw, prefs, sessions, deadlines);
      const weeks = a.weeks;
      const crunchWeeks = weeks.filter((w) => w.requiredHours > 0 && w.slackHours < prefs.thresholds.crunchSlackHours);
      async = {
        weeks,
        plan: a.plan,
        unmet: a.plan.jobs.filter((j) => !j.met).length,
        crunchWeeks,
        hoursPerWeek: weeklyHours(section, deadlines),
      };
    }
    const liveText = live ? describeLive(section, live, prefs) : undefined;
    const asyncText = async ? describeAsync(section, async, prefs) : undefined;
    const verdict = worst([liveText?.verdict, asyncText?.verdict]);
    const reasons = [...(liveText?.reasons ?? []), ...(asyncText?.reasons ?? [])];
    return { section, course, verdict, reasons, live, async };
  });

  let plan: PlanFit | null = null;
  if (options.together && chosen.length > 0) plan = checkTogether(chosen.map((c) => c.section), raw, prefs, sections);
  return { sections, courses: compareCourses(sections, prefs), plan, busy };
}

function checkTogether(sections: readonly Section[], raw: readonly FreeBlock[], prefs: FitPreferences, alone: readonly SectionFit[]): PlanFit {
  const all = sections.flatMap((s) => sectionSessions(s)).sort((a, b) => a.start - b.start);
  const clashes: SessionClash[] = [];
  // Sessions of different sections that overlap: sort and sweep with an active list.
  const active: Session[] = [];
  for (const s of all) {
    for (let k = active.length - 1; k >= 0; k--) if ((active[k] as Session).end <= s.start) active.splice(k, 1);
    for (const a of active) if (a.sectionId !== s.sectionId) clashes.push({ a, b: s, overlapMinutes: Math.round((Math.min(a.end, s.end) - s.start) / MINUTE) });
    active.push(s);
  }
  const withDeadlines = sections.filter((s) => "deadlines" in s && s.deadlines && s.deadlines.length > 0);
  const from = Math.min(...sections.map(termStartOf));
  const to = Math.max(...sections.map(termEndOf));
  const free = usableBlocks(raw, sessionIntervals(all), prefs, from, to);
  const jobs = withDeadlines.flatMap((s) => sectionJobs(s, sectionDeadlines(s), termStartOf(s)));
  const studyPlan = planStudy(jobs, free);
  const weeks = combinedWeeks(studyPlan, free, from, to);
  const reasons: string[] = [];
  let verdict: Verdict = worst(alone.map((a) => a.verdict));
  if (clashes.length > 0) {
    verdict = "does-not-fit";
    // One line per pair of sections, whichever starts first, with how often they clash.
    const pairs = new Map<string, number>();
    for (const c of clashes) {
      const key = [c.a.sectionId, c.b.sectionId].sort().join(" and ");
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    for (const [pair, n] of pairs) reasons.push(`${pair} meet at the same time ${n === 1 ? "once" : `${n} times`}: you cannot attend both live.`);
  }
  const unmet = studyPlan.jobs.filter((j) => !j.met);
  if (unmet.length > 0) {
    verdict = "does-not-fit";
    reasons.push(`Together, ${plural(unmet.length, "deadline")} cannot be met in your free time (first: ${unmet[0]?.job.title} for ${unmet[0]?.job.sectionId}, due ${unmet[0]?.job.localDate}).`);
  } else if (jobs.length > 0) {
    const minSlack = Math.min(...weeks.filter((w) => w.requiredHours > 0).map((w) => w.slackHours));
    const total = sections.reduce((h, s) => h + ("hoursPerWeek" in s && typeof s.hoursPerWeek === "number" ? s.hoursPerWeek : 0), 0);
    reasons.push(`Together they need about ${total} hours a week of study besides live sessions; every deadline can be met${Number.isFinite(minSlack) ? `, with at least ${Math.max(0, minSlack)} free hours to spare in the tightest week` : ""}.`);
  }
  if (reasons.length === 0) reasons.push("The chosen sections do not clash with each other.");
  return { sectionIds: sections.map((s) => s.id), verdict, reasons, clashes, studyPlan, weeks };
}

function combinedWeeks(plan: StudyPlan, free: readonly FreeBlock[], from: number, to: number): LoadWeek[] {
  const weeks: LoadWeek[] = [];
  for (let s = from; s < to; s += 7 * DAY) {
    const e = Math.min(s + 7 * DAY, to);
    const due = plan.jobs.filter((j) => j.job.due >= s && j.job.due < e);
    const requiredHours = Math.round(due.reduce((h, j) => h + j.job.hours, 0) * 10) / 10;
    let freeMs = 0;
    for (const b of free) if (b.end > s && b.start < e) freeMs += Math.min(b.end, e) - Math.max(b.start, s);
    const availableHours = Math.round((freeMs / HOUR) * 10) / 10;
    weeks.push({ start: s, end: e, requiredHours, availableHours, feasible: due.every((j) => j.met), slackHours: Math.round((availableHours - requiredHours) * 10) / 10 });
  }
  return weeks;
}


const VERDICT_ORDER: Record<Verdict, number> = { fits: 0, "fits-with-tradeoffs": 1, "does-not-fit": 2 };

function sectionPhrase(f: SectionFit, prefs: FitPreferences, several: boolean): string {
  const name = `the ${f.section.format} section${several ? ` ${f.section.id}` : ""}`;
  const parts: string[] = [];
  if (f.live) {
    const missed = f.live.conflicts.filter((c) => !c.partial);
    if (f.live.conflicts.length === 0) parts.push(`has no clash in its ${f.live.sessions.length} sessions`);
    else parts.push(`clashes with ${f.live.conflicts.length} of ${f.live.sessions.length} sessions (${whenText((missed.length > 0 ? missed : f.live.conflicts).map((c) => c.session.start), prefs.timeZone)})`);
  }
  if (f.async) {
    const weeks = f.async.weeks.filter((w) => w.requiredHours > 0);
    if (f.async.unmet > 0) parts.push(`leaves you unable to meet ${plural(f.async.unmet, "deadline")}`);
    else if (weeks.length > 0) parts.push(`leaves at least ${Math.max(0, Math.min(...weeks.map((w) => w.availableHours)))} free hours every week for its ${f.async.hoursPerWeek} hours of study`);
  }
  return `${name} ${parts.join(" and ")}`;
}

function compareCourses(fits: readonly SectionFit[], prefs: FitPreferences): CourseComparison[] {
  const byCourse = new Map<string, SectionFit[]>();
  for (const f of fits) {
    const list = byCourse.get(f.course.id) ?? [];
    list.push(f);
    byCourse.set(f.course.id, list);
  }
  return [...byCourse.values()].map((list) => {
    const formats = new Map<string, number>();
    for (const f of list) formats.set(f.section.format, (formats.get(f.section.format) ?? 0) + 1);
    const phrases = list.map((f) => sectionPhrase(f, prefs, (formats.get(f.section.format) ?? 0) > 1));
    const best = [...list].sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]).map((f) => f.section.id);
    const summary = phrases.join("; ");
    return { course: (list[0] as SectionFit).course, sectionIds: list.map((f) => f.section.id), summary: summary.charAt(0).toUpperCase() + summary.slice(1) + ".", best };
  });
}
