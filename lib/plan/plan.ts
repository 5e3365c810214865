/**
 * Term planning: every combination of one section per course (2–8 courses), judged together — the
 * calendar clashes of each section, the clashes between the sections, the combined study load
 * against the free time — and ranked best first. Calendars go through the one check pipeline
 * (lib/check/run.ts) once: import, expansion, busy time and each section's own fit; the
 * combinations are judged from those facts (docs/plan.md).
 */
import type { BusyInterval } from "../busy";
import type { Catalog } from "../catalog/schema";
import { runCheck, type CalendarSource, type CheckOutcome, type CheckWarning, type ExpansionLimits } from "../check/run";
import { checkFitWithBusy, termWindow, type FitResult, type SectionFit } from "../fit/check";
import { rawFreeTime } from "../fit/free-time";
import type { FitPreferences } from "../fit/preferences";
import { planFacts } from "./facts";
import { judgeCombination, measureCombination, type JudgedPlan, type PlanContext } from "./judge";
import { enumerateCombinations, type Pruned } from "./prune";
import { rankPlans } from "./rank";
import { planCandidates, type CourseCandidates, type PlanChoice } from "./request";

/** Plans listed at most (DESIGN.md): the best ones; `considered` still counts them all. */
export const MAX_PLANS = 1000;

/**
 * When pruning leaves nothing to judge and there are at most this many combinations, every one is
 * judged instead: a learner for whom nothing fits still wants the least bad choices, ranked.
 */
export const JUDGE_ALL_UP_TO = 10_000;

export interface PlanOptions extends PlanChoice {
  /**
   * Cut combinations that cannot fit before judging them. `false` judges every combination: the
   * answers above the cut ones are the same (the property tests hold it to that). `true` always
   * cuts. By default it cuts, unless that leaves nothing and there are at most
   * {@link JUDGE_ALL_UP_TO} combinations: then every one is judged (`judgedAll`).
   */
  readonly prune?: boolean;
  /** Plans to list at most (default {@link MAX_PLANS}). */
  readonly maxPlans?: number;
}

export interface TermPlan {
  readonly courseIds: readonly string[];
  /** Every combination of one candidate section per course. */
  readonly considered: number;
  /** Combinations judged: those pruning left (all of them without pruning). */
  readonly judged: number;
  /** The best judged combinations, best first, at most `maxPlans`. */
  readonly plans: readonly JudgedPlan[];
  readonly pruned: Pruned;
  /** Pruning would have left nothing, so every combination was judged: the plans are the least bad ones. */
  readonly judgedAll: boolean;
  readonly preferences: FitPreferences;
}

export interface PlanRequest extends PlanOptions {
  readonly catalog: Catalog;
  readonly sources: readonly CalendarSource[];
  readonly preferences: FitPreferences;
  /** The expansion's limits, as for a check (lib/check/run.ts). */
  readonly budget?: ExpansionLimits;
}

/** A plan and what the check pipeline found on the way: warnings, each calendar's summary. */
export interface PlanOutcome extends Pick<CheckOutcome, "sources" | "importIssues" | "complete"> {
  readonly plan: TermPlan;
  /** What to know before trusting the answer (CALENDAR_EMPTY_IN_TERM, EXPANSION_BUDGET, …). */
  readonly warnings: readonly CheckWarning[];
  /** The check every plan was judged from (its busy time draws the plans' week pictures). */
  readonly fit: FitResult;
}

function fitsByCourse(fit: FitResult, candidates: readonly CourseCandidates[]): SectionFit[][] {
  const byId = new Map(fit.sections.map((f) => [f.section.id, f]));
  return candidates.map((c) =>
    c.sections.map((s) => {
      const f = byId.get(s.id);
      if (!f) throw new Error(`planFromFit: the fit has no ${s.id}; check every candidate section first`);
      return f;
    }),
  );
}

/**
 * Plans from a check's result that holds every candidate section's own fit (the check pipeline
 * and the benchmark start here).
 *
 * @example
 * const candidates = planCandidates(catalog, { courseIds: ["PM-101", "DS-200"] });
 * planFromFit(runCheck({ catalog, sources, preferences, sectionIds: candidates.flatMap((c) => c.sections.map((s) => s.id)) }).result, candidates).plans[0]
 */
export function planFromFit(fit: FitResult, candidates: readonly CourseCandidates[], options: Omit<PlanOptions, keyof PlanChoice> = {}): TermPlan {
  const prefs = fit.preferences;
  const facts = planFacts(fitsByCourse(fit, candidates), prefs.lateJoinMinutes);
  const window = termWindow(candidates.flatMap((c) => c.sections));
  const ctx: PlanContext = { facts, raw: rawFreeTime(fit.busy, prefs, window.from, window.to), prefs, freeCache: new Map() };
  const first = enumerateCombinations(facts, prefs, options.prune ?? true);
  const { considered } = first;
  const judgedAll = options.prune === undefined && first.survivors.length === 0 && considered > 0 && considered <= JUDGE_ALL_UP_TO;
  const { survivors, pruned } = judgedAll ? enumerateCombinations(facts, prefs, false) : first;
  const maxPlans = options.maxPlans ?? MAX_PLANS;
  // Few enough to list all: keep each one's study plan instead of judging it twice.
  const keep = survivors.length <= maxPlans;
  const measures = survivors.map((combo) => measureCombination(ctx, combo, keep));
  const best = rankPlans(measures, (i) => facts.sections[i]?.section.id ?? "", maxPlans);
  return {
    courseIds: candidates.map((c) => c.course.id),
    considered,
    judged: survivors.length,
    plans: best.map((m) => judgeCombination(ctx, m.combo, m)),
    pruned,
    judgedAll,
    preferences: prefs,
  };
}

/**
 * Plans from busy intervals already merged (the benchmark and the what-if path start here).
 *
 * @example
 * planWithBusy(catalog, busyIntervals(occurrences), preferencesFrom({ timeZone: "Europe/Paris" }), { courseIds: ["PM-101", "DS-200"] }).plans[0].verdict
 */
export function planWithBusy(catalog: Catalog, busy: readonly BusyInterval[], preferences: FitPreferences, options: PlanOptions): TermPlan {
  const candidates = planCandidates(catalog, options);
  const sectionIds = candidates.flatMap((c) => c.sections.map((s) => s.id));
  const fit = checkFitWithBusy({ catalog, sectionIds, occurrences: [], busy, preferences });
  return planFromFit(fit, candidates, options);
}

/**
 * Plans a term from calendars: the request is checked first (unknown courses or sections, a
 * required section of a course not listed, … are {@link AppError}s), then the calendars go through
 * the check pipeline once, then every combination is judged and ranked.
 *
 * @example
 * const { plan, warnings } = planTerm({ catalog, sources, preferences, courseIds: ["PM-101", "DS-200"], exclude: ["PM-101-S1"] });
 * plan.plans[0] // { sectionIds: ["PM-101-A1", "DS-200-S1"], verdict: "fits", … }
 */
export function planTerm(request: PlanRequest): PlanOutcome {
  const candidates = planCandidates(request.catalog, request);
  const sectionIds = candidates.flatMap((c) => c.sections.map((s) => s.id));
  const outcome = runCheck({ catalog: request.catalog, sources: request.sources, preferences: request.preferences, sectionIds, ...(request.budget ? { budget: request.budget } : {}) });
  return {
    plan: planFromFit(outcome.result, candidates, request),
    warnings: outcome.warnings,
    fit: outcome.result,
    sources: outcome.sources,
    importIssues: outcome.importIssues,
    complete: outcome.complete,
  };
}
