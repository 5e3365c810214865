/**
 * The term planner for the web (POST /api/plan): the same form as a check (calendar files, URLs,
 * connected calendars, preferences; `course` for the courses, `require` and `exclude`), the
 * calendars read on the request thread, the planning run by a {@link PlanRunner} (on the server,
 * the check workers; in tests, this thread).
 */
import { AppError } from "../errors";
import type { CheckForm } from "../check/form";
import { runOptions, sourcesOf, type WebCheckOptions } from "../check/web";
import { runPlanTask, type PlanTask, type PlanTaskResult } from "./task";

/** Where a plan's import, expansion and judging run. Errors come back as AppErrors. */
export interface PlanRunner {
  run(task: PlanTask, options?: { readonly client?: string }): Promise<PlanTaskResult>;
}

/** Plans on the calling thread: for tests and tools, never for a web request. */
export const PLAN_IN_PROCESS: PlanRunner = { run: async (task) => runPlanTask(task) };

export interface WebPlanOptions extends Omit<WebCheckOptions, "runner"> {
  readonly runner: PlanRunner;
}

/**
 * Plans a term for the web: every combination of one section per chosen course, ranked (DESIGN.md's
 * `plan --json`, plus `sources`).
 *
 * @example
 * const body = await webPlan(await parseCheckForm(request), { catalog, now: Date.now(), runner: PLAN_IN_PROCESS });
 * body.plans[0] // { sectionIds: ["PM-101-A1", "DA-110-S1"], verdict: "fits", … }
 */
export async function webPlan(form: CheckForm, options: WebPlanOptions): Promise<PlanTaskResult["body"]> {
  if (form.courseIds.length === 0) throw new AppError("BAD_REQUEST", 'Choose the courses to plan: two to eight "course" ids (for example PM-101 and DA-110).', { where: "course" });
  if (form.sectionIds.length > 0) throw new AppError("BAD_REQUEST", 'A plan takes courses ("course"), with "require" and "exclude" for sections; "section" is for a check.', { where: "section" });
  const sources = await sourcesOf(form, options);
  if (sources.length === 0) throw new AppError("NO_CALENDAR", "Add at least one calendar: upload an .ics file or paste a calendar's .ics address.");
  const request = {
    catalog: options.catalog,
    sources,
    preferences: form.preferences,
    courseIds: form.courseIds,
    require: form.require,
    exclude: form.exclude,
    ...(options.budget ? { budget: options.budget } : {}),
  };
  const result = await options.runner.run({ kind: "plan", request }, runOptions(options));
  return result.body;
}
