/**
 * What a worker does with a plan (POST /api/plan): the planner's CPU-heavy part (import → expand →
 * busy → every combination judged and ranked) on inputs already read on the request thread, all
 * plain data so it crosses to a worker thread by structured clone.
 */
import type { SourceSummary } from "../check/run";
import { planJson, type PlanJson } from "./json";
import { planTerm, type PlanRequest } from "./plan";
import { planWeekSvg } from "./pictures";

export type PlanTask = { readonly kind: "plan"; readonly request: PlanRequest };

/** Plans drawn as a week for the page (the best few). */
export const PICTURED_PLANS = 3;

/**
 * The plan's JSON (DESIGN.md's `plan --json`), plus what each calendar held and, for the best
 * {@link PICTURED_PLANS} plans, their week as SVG (`weekSvg`, in plan order; "" for a plan with no
 * live session).
 */
export type PlanTaskResult = { readonly kind: "plan"; readonly body: PlanJson & { readonly sources: SourceSummary[]; readonly weekSvg: string[] } };

/**
 * Runs one plan in this thread (the worker calls it; so can a test).
 *
 * @example
 * runPlanTask({ kind: "plan", request: { catalog, sources, preferences, courseIds: ["PM-101", "DA-110"] } }).body.plans[0].verdict
 */
export function runPlanTask(task: PlanTask): PlanTaskResult {
  const outcome = planTerm(task.request);
  const zone = task.request.preferences.timeZone;
  const weekSvg = outcome.plan.plans.slice(0, PICTURED_PLANS).map((p, i) => planWeekSvg(outcome.fit, p, zone, `plan-${i + 1}`));
  return { kind: "plan", body: { ...planJson(outcome), sources: outcome.sources, weekSvg } };
}
