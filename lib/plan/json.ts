/**
 * A term plan as JSON: DESIGN.md's `plan --json` contract — `considered`, then `plans`, each with
 * `sectionIds`, `verdict`, `reasons`, `clashes` (`calendar`, `between`) and `weeklyHours`
 * (`required`, `tightestWeekAvailable`) — followed by additive keys: per plan the misses and the
 * slack it was ranked by; at the top level how many combinations were judged, what pruning cut and
 * why, and the check's warnings.
 */
import type { CheckWarning } from "../check/run";
import type { Verdict } from "../fit/verdict";
import type { JudgedPlan } from "./judge";
import type { PlanOutcome } from "./plan";
import type { Pruned } from "./prune";
import { whyBelow } from "./rank";

export interface PlanItemJson {
  sectionIds: readonly string[];
  verdict: Verdict;
  reasons: readonly string[];
  clashes: { calendar: number; between: number };
  weeklyHours: { required: number; tightestWeekAvailable: number };
  /** Live sessions lost to the calendar or to a clash between the sections. */
  missedSessions: number;
  /** Deadlines the combined study plan cannot meet. */
  unmetDeadlines: number;
  /** tightestWeekAvailable − required. */
  slackHours: number;
  /** Why it ranks below the plan above it (absent on the first). */
  belowBecause?: string;
}

export interface PlanJson {
  considered: number;
  plans: PlanItemJson[];
  judged: number;
  pruned: Pruned;
  /** Pruning would have left nothing, so every combination was judged: the plans are the least bad. */
  judgedAll: boolean;
  warnings: readonly CheckWarning[];
}

/**
 * One plan as the contract prints it, then its additive keys.
 *
 * @example
 * planItemJson(outcome.plan.plans[0]).weeklyHours // { required: 9, tightestWeekAvailable: 28 }
 */
export function planItemJson(p: JudgedPlan): PlanItemJson {
  return {
    sectionIds: p.sectionIds,
    verdict: p.verdict,
    reasons: p.reasons,
    clashes: { calendar: p.calendarClashes, between: p.clashes.length },
    weeklyHours: { required: p.week.required, tightestWeekAvailable: p.week.available },
    missedSessions: p.missedSessions,
    unmetDeadlines: p.unmetDeadlines,
    slackHours: p.week.slack,
  };
}

/**
 * The whole answer of `plan --json` (and, later, `POST /api/plan`).
 *
 * @example
 * planJson(planTerm(request)).considered // 27
 */
export function planJson(outcome: Pick<PlanOutcome, "plan" | "warnings">): PlanJson {
  const { plan } = outcome;
  return { considered: plan.considered, plans: plan.plans.map((p, i) => {
      const above = plan.plans[i - 1];
      return above ? { ...planItemJson(p), belowBecause: whyBelow(p, above, i) } : planItemJson(p);
    }), judged: plan.judged, pruned: plan.pruned, judgedAll: plan.judgedAll, warnings: outcome.warnings };
}
