/**
 * What a check worker does with one task: the CPU-heavy part of a web check (import → expand →
 * busy → fit, and the answer's JSON or the study plan's `.ics`) on inputs that were already read
 * on the request thread (bytes of files and fetched URLs, events of connected calendars). Inputs and
 * outputs are plain data (Uint8Array, plain objects, strings), so they cross to a worker thread by
 * structured clone and come back whole.
 */
import { checkResponse, inspectCalendars, runCheck, studyPlanIcs, type CheckRequest, type CheckResponse, type SourceSummary } from "./run";
import type { CalendarSource } from "../sources/types";

/** The check itself: what {@link runCheck} takes (all of it plain data). */
export type CheckTaskRequest = CheckRequest;

/** What to answer with: the check's JSON (with the page's details or not), or the study plan as `.ics`. */
export type CheckTaskOutput = { readonly kind: "json"; readonly details: boolean } | { readonly kind: "study-plan"; readonly now: number; readonly planSection?: string };

export type CheckTask =
  | { readonly kind: "check"; readonly request: CheckTaskRequest; readonly output: CheckTaskOutput }
  | { readonly kind: "inspect"; readonly sources: readonly CalendarSource[]; readonly timeZone?: string };

export type CheckTaskResult = { readonly kind: "json"; readonly body: CheckResponse } | { readonly kind: "ics"; readonly text: string } | { readonly kind: "sources"; readonly sources: SourceSummary[] };

/**
 * Runs one task in this thread (the worker calls it; so can a test or the CLI).
 *
 * @example
 * runCheckTask({ kind: "check", request: { catalog, sources, preferences, courseIds: ["PM-101"] }, output: { kind: "json", details: false } })
 * // { kind: "json", body: { sections: [...], sources: [...], warnings: [] } }
 */
export function runCheckTask(task: CheckTask): CheckTaskResult {
  if (task.kind === "inspect") return { kind: "sources", sources: inspectCalendars(task.sources, task.timeZone) };
  const { request, output } = task;
  const outcome = runCheck(request);
  if (output.kind === "study-plan") {
    return { kind: "ics", text: studyPlanIcs(outcome.result, { now: output.now, ...(output.planSection !== undefined ? { sectionId: output.planSection } : {}) }) };
  }
  return { kind: "json", body: checkResponse(outcome, request.preferences, { details: output.details }) };
}
