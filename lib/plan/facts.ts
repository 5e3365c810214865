/**
 * What a term plan knows before it combines anything, computed once: per section, its fit on its
 * own (verdict, sessions missed, sessions that clash), its sessions as UTC instants and its study
 * jobs; per pair of sections of different courses, the clashes between their sessions, graded.
 * Every combination is then judged from these facts without looking at a calendar again.
 */
import type { Section } from "../catalog/schema";
import type { Session } from "../catalog/sessions";
import type { Job } from "../fit/async";
import type { SectionFit } from "../fit/check";
import { sectionTerm, type TogetherTerm } from "../fit/term-weeks";
import { clashCounts, sessionClashes, type SessionClash } from "../fit/together";
import type { Verdict } from "../fit/verdict";

export interface SectionFacts {
  /** Its place in {@link PlanFacts.sections}. */
  readonly index: number;
  /** Its course's place in the plan's course list. */
  readonly courseIndex: number;
  readonly section: Section;
  /** The section judged on its own against the calendar. */
  readonly fit: SectionFit;
  readonly verdict: Verdict;
  /** Live sessions lost to the calendar (clashes that are not late joins or early leaves). */
  readonly missed: number;
  /** Live sessions that clash with the calendar at all. */
  readonly conflicts: number;
  /** Its live sessions, sorted by start (empty for an asynchronous section). */
  readonly sessions: readonly Session[];
  /** Its study jobs, one per deadline (empty without deadlines). */
  readonly jobs: readonly Job[];
  /** Its term, as instants and dates. */
  readonly term: TogetherTerm;
}

/** The clashes between two sections' sessions. */
export interface PairFacts {
  readonly missed: number;
  readonly partial: number;
  readonly clashes: readonly SessionClash[];
}

export interface PlanFacts {
  readonly sections: readonly SectionFacts[];
  /** Per course of the plan, the indexes of its candidate sections. */
  readonly byCourse: readonly (readonly number[])[];
  /** The clashes between sections `s` and `t` (indexes) of different courses. */
  pair(s: number, t: number): PairFacts;
}

const NO_CLASH: PairFacts = { missed: 0, partial: 0, clashes: [] };

function sectionFacts(fit: SectionFit, index: number, courseIndex: number): SectionFacts {
  return {
    index,
    courseIndex,
    section: fit.section,
    fit,
    verdict: fit.verdict,
    missed: fit.live?.missed ?? 0,
    conflicts: fit.live?.conflicts.length ?? 0,
    sessions: fit.live?.sessions ?? [],
    // The check planned each section's own deadlines: its jobs are the ones a plan combines.
    jobs: fit.async ? fit.async.plan.jobs.map((j) => j.job) : [],
    term: sectionTerm(fit.section),
  };
}

/**
 * The facts of the candidate sections (per course, in order) from their fits, and the clashes of
 * every pair of sections of different courses, compared as UTC instants (two zones that change
 * clocks on different dates are compared correctly).
 *
 * @example
 * const facts = planFacts(candidates.map((c) => c.sections.map((s) => fitOf(s))), prefs.lateJoinMinutes);
 * facts.pair(0, 3).missed // sessions of the two that meet at the same time
 */
export function planFacts(fitsByCourse: readonly (readonly SectionFit[])[], lateJoinMinutes: number): PlanFacts {
  const sections: SectionFacts[] = [];
  const byCourse = fitsByCourse.map((fits, courseIndex) =>
    fits.map((fit) => {
      const facts = sectionFacts(fit, sections.length, courseIndex);
      sections.push(facts);
      return facts.index;
    }),
  );
  const n = sections.length;
  const table: (PairFacts | undefined)[] = new Array<PairFacts | undefined>(n * n);
  for (const a of sections) {
    for (const b of sections) {
      if (b.courseIndex <= a.courseIndex) continue;
      const facts = pairFacts(a, b, lateJoinMinutes);
      table[a.index * n + b.index] = facts;
      table[b.index * n + a.index] = facts;
    }
  }
  return { sections, byCourse, pair: (s, t) => table[s * n + t] ?? NO_CLASH };
}

function pairFacts(a: SectionFacts, b: SectionFacts, lateJoinMinutes: number): PairFacts {
  if (a.sessions.length === 0 || b.sessions.length === 0) return NO_CLASH;
  // Ties keep the earlier course's session first, as the together check's sweep does.
  const clashes = sessionClashes([...a.sessions, ...b.sessions].sort((x, y) => x.start - y.start), lateJoinMinutes);
  if (clashes.length === 0) return NO_CLASH;
  return { ...clashCounts(clashes), clashes };
}
