/**
 * One web check from its validated form: fetch the URLs (SSRF-safe) and read connected calendars
 * on the request thread, then hand the CPU-heavy rest (import → expand → fit) to a
 * {@link CheckRunner} — on the server, a worker pool with a deadline and a heap limit
 * (lib/server/isolation); in tests, this thread. `POST /api/check`, `POST /api/calendars` and
 * `POST /api/reports` call this and nothing else.
 */
import type { Catalog } from "../catalog/schema";
import { AppError } from "../errors";
import type { CheckForm, CheckLimits } from "./form";
import { DEFAULT_CHECK_LIMITS } from "./form";
import { termWindow } from "../fit";
import type { ProviderError } from "../providers/http";
import { toAppError } from "./app-error";
import { requestedSections, type CalendarSource, type CheckResponse, type ConnectedSource, type ExpansionLimits, type SourceSummary } from "./run";
import { runCheckTask, type CheckTask, type CheckTaskResult } from "./task";
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
  /** Runs the CPU-heavy part: the server passes its worker pool's runner, tests {@link IN_PROCESS}. */
  readonly runner: CheckRunner;
  /** Who asked (the client's address), so the runner can share its workers fairly. */
  readonly client?: string;
  /** The expansion budget of one check (the server's configuration; the library's defaults without). */
  readonly budget?: ExpansionLimits;
}

/** What the runner is told of the request. */
export function runOptions(options: Pick<WebCheckOptions, "client">): { client?: string } {
  return options.client !== undefined ? { client: options.client } : {};
}

/** Where a check's import, expansion and fit run. Errors come back as AppErrors. */
export interface CheckRunner {
  run(task: CheckTask, options?: { readonly client?: string }): Promise<CheckTaskResult>;
}

/**
 * Runs checks on the calling thread: for tests and tools, never for a web request (a hostile
 * calendar would block every other request; lib/server/isolation runs them in workers).
 */
export const IN_PROCESS: CheckRunner = { run: async (task) => runCheckTask(task) };

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

async function connectedSources(form: CheckForm, options: Omit<WebCheckOptions, "runner">): Promise<ConnectedSource[]> {
  if (form.connections.length === 0) return [];
  if (!options.connected) throw new AppError("UNAUTHORIZED", "Sign in to use your connected Google or Outlook calendars (or upload .ics files instead).", { where: "connection" });
  const window = termWindow(requestedSections(options.catalog, form.sectionIds, form.courseIds).map((c) => c.section));
  try {
    return await options.connected(form.connections, window);
  } catch (e) {
    throw toAppError(e);
  }
}

/**
 * Every calendar a form names, read on the request thread: uploaded files, fetched URLs (within the
 * size limit) and connected accounts over the chosen sections' term. The planner reads its
 * calendars through this too.
 */
export async function sourcesOf(form: CheckForm, options: Omit<WebCheckOptions, "runner">): Promise<CalendarSource[]> {
  const limits = options.limits ?? DEFAULT_CHECK_LIMITS;
  const [fetched, connected] = await Promise.all([Promise.all(form.urls.map((u) => fetchSource(u, { ...options.fetch, maxBytes: limits.maxFileBytes }))), connectedSources(form, options)]);
  return [...form.files.map((f) => ({ name: f.name, origin: "upload" as const, bytes: f.bytes })), ...fetched, ...connected];
}

/**
 * Runs a check for the web: `json` answers with DESIGN.md's check JSON (plus `sources`, `warnings`
 * and, on request, `details`); `study-plan` answers with the plan as `.ics`.
 *
 * @example
 * const answer = await webCheck(await parseCheckForm(request), { catalog, now: Date.now(), runner: IN_PROCESS });
 */
export async function webCheck(form: CheckForm, options: WebCheckOptions): Promise<WebCheckAnswer> {
  const sources = await sourcesOf(form, options);
  const request = { catalog: options.catalog, sources, preferences: form.preferences, sectionIds: form.sectionIds, courseIds: form.courseIds, together: form.together, ...(options.budget ? { budget: options.budget } : {}) };
  const output = form.output === "study-plan" ? { kind: "study-plan" as const, now: options.now, ...(form.planSection !== undefined ? { planSection: form.planSection } : {}) } : { kind: "json" as const, details: form.details };
  const result = await options.runner.run({ kind: "check", request, output }, runOptions(options));
  if (result.kind === "ics") return { kind: "ics", text: result.text, filename: `study-plan${form.planSection ? `-${form.planSection}` : ""}.ics` };
  if (result.kind === "json") return { kind: "json", body: result.body };
  throw new AppError("INTERNAL", "The check answered a check with a list of calendars.");
}

/**
 * What each calendar holds (event count, dates, problems with line numbers), for the page to list
 * calendars as they are added.
 *
 * @example
 * const summaries = await webInspect(await parseCheckForm(request), { catalog, now: Date.now(), runner: IN_PROCESS });
 */
export async function webInspect(form: CheckForm, options: WebCheckOptions): Promise<SourceSummary[]> {
  const sources = await sourcesOf(form, options);
  if (sources.length === 0) throw new AppError("NO_CALENDAR", "Add at least one calendar: upload an .ics file or paste a calendar's .ics address.");
  const result = await options.runner.run({ kind: "inspect", sources, timeZone: form.preferences.timeZone }, runOptions(options));
  if (result.kind !== "sources") throw new AppError("INTERNAL", "The check answered a list of calendars with a check.");
  return result.sources;
}
