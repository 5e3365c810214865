/**
 * What a worker does with a plan (POST /api/plan): the planner's CPU-heavy part (import → expand →
 * busy → every combination judged and ranked) on inputs already read on the request thread, all
 * plain data so it crosses to a worker thread by structured clone.
 */
import type { SourceSummary } from "../check/run";
import { planJson, type PlanJson } from "./json";
import { planTerm, type PlanRequest } from "./plan";

export type PlanTask = { readonly kind: "plan"; readonly request: PlanRequest };

/** The plan's JSON (DESIGN.md's `plan --json`, plus what each calendar held). */
export type PlanTaskResult = { readonly kind: "plan"; readonly body: PlanJson & { readonly sources: SourceSummary[] } };

/**
 * Runs one plan in this thread (the worker calls it; so can a test).
 *
 * @example
 * runPlanTask({ kind: "plan", request: { catalog, sources, preferences, courseIds: ["PM-101", "DA-110"] } }).body.plans[0].verdict
 */
export function runPlanTask(task: PlanTask): PlanTaskResult {
  const outcome = planTerm(task.request);
  return { kind: "plan", body: { ...planJson(outcome), sources: outcome.sources } };
}
