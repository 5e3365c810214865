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
import { describeAsync, describeLive, whenText, worst, type Audience, type Verdict } from "./verdict";
import { checkTogether, type PlanFit } from "./together";
import { DAY } from "../time/units";
import { listText as list, plural } from "../words";
import type { Window } from "../time/window";

export type { Audience, Verdict } from "./verdict";
export type { AsyncAnalysis } from "./async";
export type { PlanFit, SessionClash } from "./together";

export interface SectionFit {
  readonly section: Section;
  readonly course: Course;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly live: LiveAnalysis | null;
  readonly async: AsyncAnalysis | null;
}

/** One course's formats side by side. */
export interface CourseComparison {
  readonly course: Course;
  readonly sectionIds: readonly string[];
  /**
   * "The synchronous section clashes with 5 of 24 sessions (…); the asynchronous section leaves ….
   * PM-101-A1 fits best: …" — the formats side by side, ending with {@link bestReason} when the
   * course has more than one section.
   */
  readonly summary: string;
  /** The sections from best fit to worst ({@link rankSections}). */
  readonly best: readonly string[];
  /** Why the first of `best` is best, in one sentence (empty for a course with one section). */
  readonly bestReason: string;
}

/** Something the learner should know before trusting the answer (lib/check computes these). */
export interface FitWarning {
  /** `CALENDAR_EMPTY_IN_TERM`, `CALENDAR_OUTSIDE_TERM`, `EXPANSION_CAPPED`, … (docs/fit.md, "Before you trust the answer"). */
  readonly code: string;
  readonly message: string;
  /** The calendar it is about, when it is about one. */
  readonly source?: string;
  /** The line of the calendar file, for warnings about one event. */
  readonly line?: number;
}

export interface FitResult {
  readonly sections: readonly SectionFit[];
  readonly courses: readonly CourseComparison[];
  readonly plan: PlanFit | null;
  readonly busy: readonly BusyInterval[];
  /** The preferences the check ran with (the learner's zone for dates, the voice of reasons). */
  readonly preferences: FitPreferences;
  /** What the learner should know before trusting the answer; the check pipeline fills it in. */
  readonly warnings?: readonly FitWarning[];
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
        ? analyseLive(sessions, busy, {
            timeZone: prefs.timeZone,
            lateJoinMinutes: prefs.lateJoinMinutes,
            bufferMinutes: Math.max(prefs.bufferBeforeMinutes, prefs.bufferAfterMinutes),
            sleepHours: prefs.sleepHours,
          })
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
    const { verdict, reasons } = describeSection({ section, live, async }, prefs);
    return { section, course, verdict, reasons, live, async };
  });

  let plan: PlanFit | null = null;
  if (options.together && chosen.length > 0) plan = checkTogether(chosen.map((c) => c.section), raw, prefs, sections.map((f) => f.verdict));
  return { sections, courses: compareCourses(sections, prefs), plan, busy, preferences: prefs };
}

/**
 * A section's verdict and reasons from its analyses, for one audience: the check speaks to the
 * learner; a report an advisor reads asks for `"advisor"` ("the learner's time").
 *
 * @example
 * describeSection(result.sections[0], result.preferences, "advisor").reasons[0] // "Set meeting times: 29 live sessions, Tuesdays and Thursdays 18:30–20:00 the learner's time."
 */
export function describeSection(fit: Pick<SectionFit, "section" | "live" | "async">, prefs: FitPreferences, audience: Audience = "learner"): { verdict: Verdict; reasons: string[] } {
  const liveText = fit.live ? describeLive(fit.section, fit.live, prefs, audience) : undefined;
  const asyncText = fit.async ? describeAsync(fit.section, fit.async, prefs, audience) : undefined;
  return { verdict: worst([liveText?.verdict, asyncText?.verdict]), reasons: [...(liveText?.reasons ?? []), ...(asyncText?.reasons ?? [])] };
}

const VERDICT_ORDER: Record<Verdict, number> = { fits: 0, "fits-with-tradeoffs": 1, "does-not-fit": 2 };

/** How a section stands against the others of its course, in the order the ranking asks. */
interface Standing {
  readonly verdict: number;
  /** Missed live sessions plus deadlines that cannot be met. */
  readonly misses: number;
  /** Sessions joined late or left early. */
  readonly partial: number;
  /** Spare study hours in the tightest week with work due (Infinity without deadlines). */
  readonly slack: number;
}

function standingOf(f: SectionFit): Standing {
  const weeks = f.async ? f.async.weeks.filter((w) => w.requiredHours > 0) : [];
  return {
    verdict: VERDICT_ORDER[f.verdict],
    misses: (f.live?.missed ?? 0) + (f.async?.unmet ?? 0),
    partial: f.live?.partial ?? 0,
    slack: weeks.length > 0 ? Math.min(...weeks.map((w) => w.slackHours)) : Infinity,
  };
}

function compareStanding(a: Standing, b: Standing): number {
  return a.verdict - b.verdict || a.misses - b.misses || a.partial - b.partial || (a.slack === b.slack ? 0 : b.slack > a.slack ? 1 : -1);
}

/**
 * Sections from best fit to worst: by verdict (fits, then fits with trade-offs, then does not fit),
 * then the fewest misses (missed live sessions plus deadlines that cannot be met), then the fewest
 * sessions joined late or left early, then the most spare study hours in the tightest week; ties
 * keep catalog order.
 *
 * @example
 * rankSections(result.sections).map((f) => f.section.id) // ["PM-101-A1", "PM-101-H1", "PM-101-S1"]
 */
export function rankSections(fits: readonly SectionFit[]): SectionFit[] {
  const standing = new Map(fits.map((f) => [f, standingOf(f)]));
  return [...fits].sort((a, b) => compareStanding(standing.get(a) as Standing, standing.get(b) as Standing));
}

const VERDICT_PLURAL: Record<Verdict, string> = { fits: "fit", "fits-with-tradeoffs": "fit with trade-offs", "does-not-fit": "do not fit" };

/** "24 hours to spare", "0.5 hours short". */
function spareText(h: number): string {
  const r = Math.round(h * 10) / 10;
  return r < 0 ? `${plural(-r, "hour")} short` : `${plural(r, "hour")} to spare`;
}

/** One sentence: why the first of the ranked sections is best, against the runner-up. */
function bestReasonOf(ranked: readonly SectionFit[]): string {
  const [a, b] = ranked;
  if (!a || !b) return "";
  const sa = standingOf(a);
  const sb = standingOf(b);
  const A = a.section.id;
  const B = b.section.id;
  if (sa.verdict < sb.verdict) {
    return a.verdict === "fits" ? `${A} fits best: it is the only section that fits.` : `${A} fits best: it is the only section that fits, with trade-offs.`;
  }
  const lead = a.verdict === "does-not-fit" ? `None of the sections fits; ${A} comes closest` : `${A} fits best`;
  const among = `of the sections that ${VERDICT_PLURAL[a.verdict]}`;
  if (sa.misses !== sb.misses) return `${lead}: ${among}, it misses the fewest sessions and deadlines (${sa.misses}, against ${sb.misses} for ${B}).`;
  if (sa.partial !== sb.partial) return `${lead}: ${among}, it has the fewest sessions joined late or left early (${sa.partial}, against ${sb.partial} for ${B}).`;
  if (sa.slack !== sb.slack) {
    return sa.slack === Infinity
      ? `${lead}: ${among}, it is the one without weekly deadlines to fit in (${B} has ${spareText(sb.slack)} in its tightest week).`
      : `${lead}: ${among}, it leaves the most spare study time in its tightest week (${spareText(sa.slack)}, against ${spareText(sb.slack)} for ${B}).`;
  }
  return `${A} and ${B} fit equally well (same verdict, misses, late joins and spare study time); ${A} comes first in the catalog.`;
}

/**
 * One section's fit as a phrase for a sentence: "the synchronous section clashes with 5 of 24
 * sessions (…)", with its id when `several` sections of the format are compared.
 *
 * @example
 * sectionPhrase(fit, prefs, true) // "the asynchronous section PM-101-A1 leaves at least 12 free hours every week for its 6 hours of study"
 */
export function sectionPhrase(f: SectionFit, prefs: FitPreferences, several: boolean): string {
  const name = `the ${f.section.format} section${several ? ` ${f.section.id}` : ""}`;
  const parts: string[] = [];
  if (f.live) {
    const n = f.live.sessions.length;
    const missed = f.live.conflicts.filter((c) => !c.partial);
    const partial = f.live.partial;
    if (f.live.night.length * 2 > n) parts.push(f.live.night.length === n ? `meets in the sleep hours for all ${n} of its sessions` : `meets in the sleep hours for ${f.live.night.length} of its ${n} sessions`);
    if (f.live.conflicts.length === 0) parts.push(`has no clash in its ${n} sessions`);
    else if (partial === 0) parts.push(`clashes with ${missed.length} of ${n} sessions (${whenText(missed.map((c) => c.session.start), prefs.timeZone)})`);
    else if (missed.length === 0) parts.push(`clashes briefly with ${partial} of ${n} sessions (joined late or left early)`);
    else parts.push(`clashes with ${f.live.conflicts.length} of ${n} sessions (${missed.length} missed: ${whenText(missed.map((c) => c.session.start), prefs.timeZone)}; ${partial} joined late or left early)`);
  }
  if (f.async) {
    const weeks = f.async.weeks.filter((w) => w.requiredHours > 0);
    if (f.async.unmet > 0) parts.push(`has ${plural(f.async.unmet, "deadline")} that cannot be met in the free study time`);
    else if (weeks.length > 0) parts.push(`leaves at least ${Math.max(0, Math.min(...weeks.map((w) => w.availableHours)))} free hours every week for its ${f.async.hoursPerWeek} hours of study`);
  }
  return `${name} ${list(parts)}`;
}

function compareCourses(fits: readonly SectionFit[], prefs: FitPreferences): CourseComparison[] {
  const byCourse = new Map<string, SectionFit[]>();
  for (const f of fits) {
    const group = byCourse.get(f.course.id) ?? [];
    group.push(f);
    byCourse.set(f.course.id, group);
  }
  return [...byCourse.values()].map((group) => {
    const formats = new Map<string, number>();
    for (const f of group) formats.set(f.section.format, (formats.get(f.section.format) ?? 0) + 1);
    const phrases = group.map((f) => sectionPhrase(f, prefs, (formats.get(f.section.format) ?? 0) > 1));
    const ranked = rankSections(group);
    const bestReason = bestReasonOf(ranked);
    const summary = phrases.join("; ");
    return {
      course: (group[0] as SectionFit).course,
      sectionIds: group.map((f) => f.section.id),
      summary: `${summary.charAt(0).toUpperCase()}${summary.slice(1)}.${bestReason ? ` ${bestReason}` : ""}`,
      best: ranked.map((f) => f.section.id),
      bestReason,
    };
  });
}
