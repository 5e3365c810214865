/**
 * One web check from its validated form: fetch the URLs (SSRF-safe), import and check everything
 * in memory, and answer with the CLI's JSON or the study plan. `POST /api/check` calls this and
 * nothing else.
 */
import type { Catalog } from "../catalog/schema";
import { AppError } from "../errors";
import type { CheckForm, CheckLimits } from "./form";
import { DEFAULT_CHECK_LIMITS } from "./form";
import { termWindow } from "../fit";
import type { ProviderError } from "../providers/http";
import { toAppError } from "./app-error";
import { checkResponse, inspectCalendars, requestedSections, runCheck, studyPlanIcs, type CalendarSource, type CheckResponse, type ConnectedSource, type SourceSummary } from "./run";
import { fetchCalendarUrl, type FetchCalendarOptions } from "../sources/url";
import type { Window } from "../time/window";

export interface WebCheckOptions {
  readonly catalog: Catalog;
  /** The request's time (UTC ms), for the study plan's DTSTAMP. */
  readonly now: number;
  readonly limits?: CheckLimits;
  /** Passed to the URL fetcher (tests point it at loopback servers). */
  readonly fetch?: Omit<FetchCalendarOptions, "maxBytes">;
  /**
   * Reads connected calendars (lib/connections) for the request's user over the check's window;
   * absent when nobody is signed in.
   */
  readonly connected?: ((connectionIds: readonly string[], window: Window) => Promise<ConnectedSource[]>) | undefined;
}

export type WebCheckAnswer = { kind: "json"; body: CheckResponse } | { kind: "ics"; text: string; filename: string };

/**
 * Fetches one calendar URL as a source, turning the fetcher's refusals into app errors
 * ({@link toAppError}: 422 for the learner's to fix, 502 for the far server's failures).
 *
 * @example
 * await fetchSource("webcal://calendar.example.edu/term.ics", { maxBytes: 10 * 1024 * 1024 })
 */
export async function fetchSource(url: string, options: FetchCalendarOptions): Promise<CalendarSource> {
  try {
    const fetched = await fetchCalendarUrl(url, options);
    let name = url;
    try {
      const u = new URL(fetched.finalUrl);
      name = `${u.host}${u.pathname.length > 40 ? `${u.pathname.slice(0, 37)}…` : u.pathname}`;
    } catch {
      // keep the URL as given
    }
    return { name, origin: "url", bytes: fetched.bytes };
  } catch (e) {
    throw toAppError(e, { limitBytes: options.maxBytes });
  }
}

/**
 * A provider's trouble as the app's error: reconnect, scope, busy (retry later) or failed. The
 * {@link toAppError} table's ProviderError row, kept under this name for tests/providers.
 *
 * @example
 * providerAppError(new ProviderError("RATE_LIMITED", "Google Calendar is busy.")).code // "CALENDAR_PROVIDER_BUSY"
 */
export const providerAppError = (e: ProviderError): AppError => toAppError(e);

async function connectedSources(form: CheckForm, options: WebCheckOptions): Promise<ConnectedSource[]> {
  if (form.connections.length === 0) return [];
  if (!options.connected) throw new AppError("UNAUTHORIZED", "Sign in to use your connected Google or Outlook calendars (or upload .ics files instead).", { where: "connection" });
  const window = termWindow(requestedSections(options.catalog, form.sectionIds, form.courseIds).map((c) => c.section));
  try {
    return await options.connected(form.connections, window);
  } catch (e) {
    throw toAppError(e);
  }
}

async function sourcesOf(form: CheckForm, options: WebCheckOptions): Promise<CalendarSource[]> {
  const limits = options.limits ?? DEFAULT_CHECK_LIMITS;
  const [fetched, connected] = await Promise.all([Promise.all(form.urls.map((u) => fetchSource(u, { ...options.fetch, maxBytes: limits.maxFileBytes }))), connectedSources(form, options)]);
  return [...form.files.map((f) => ({ name: f.name, origin: "upload" as const, bytes: f.bytes })), ...fetched, ...connected];
}

/**
 * Runs a check for the web: `json` answers with DESIGN.md's check JSON (plus `sources`, `warnings`
 * and, on request, `details`); `study-plan` answers with the plan as `.ics`.
 *
 * @example
 * const answer = await webCheck(await parseCheckForm(request), { catalog, now: Date.now() });
 */
export async function webCheck(form: CheckForm, options: WebCheckOptions): Promise<WebCheckAnswer> {
  const sources = await sourcesOf(form, options);
  const outcome = runCheck({ catalog: options.catalog, sources, preferences: form.preferences, sectionIds: form.sectionIds, courseIds: form.courseIds, together: form.together });
  if (form.output === "study-plan") {
    const text = studyPlanIcs(outcome.result, { now: options.now, ...(form.planSection !== undefined ? { sectionId: form.planSection } : {}) });
    return { kind: "ics", text, filename: `study-plan${form.planSection ? `-${form.planSection}` : ""}.ics` };
  }
  return { kind: "json", body: checkResponse(outcome, form.preferences, { details: form.details }) };
}

/**
 * What each calendar holds (event count, dates, problems with line numbers), for the page to list
 * calendars as they are added.
 *
 * @example
 * const summaries = await webInspect(await parseCheckForm(request), { catalog, now: Date.now() });
 */
export async function webInspect(form: CheckForm, options: WebCheckOptions): Promise<SourceSummary[]> {
  const sources = await sourcesOf(form, options);
  if (sources.length === 0) throw new AppError("NO_CALENDAR", "Add at least one calendar: upload an .ics file or paste a calendar's .ics address.");
  return inspectCalendars(sources);
}
