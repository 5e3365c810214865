/** Term planning: combinations of one section per course, judged together and ranked (docs/plan.md). */
export { MAX_PLANS, planFromFit, planTerm, planWithBusy } from "./plan";
export type { PlanOptions, PlanOutcome, PlanRequest, TermPlan } from "./plan";
export { MAX_COMBINATIONS, MAX_PLAN_COURSES, MIN_PLAN_COURSES, planCandidates } from "./request";
export type { CourseCandidates, PlanChoice } from "./request";
export type { JudgedPlan, Measure } from "./judge";
export type { TightestWeek } from "../fit/term-weeks";
export type { PruneReason, Pruned } from "./prune";
export { planItemJson, planJson } from "./json";
export type { PlanItemJson, PlanJson } from "./json";
