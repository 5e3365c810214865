/**
 * The one check pipeline: calendars (files, uploads, fetched URLs, connected accounts) → the chosen
 * sections' term window → import → expand → busy → fit → the result, plus what each source held.
 * The CLI's `check`, `POST /api/check`, `POST /api/reports` and the planner all run this; everything
 * happens in memory and nothing is stored.
 */
import type { Catalog, Course, Section } from "../catalog/schema";
import { AppError } from "../errors";
import { checkFit, chooseSections, termWindow, UnknownSectionError, type FitResult } from "../fit";
import { termEndOf, termStartOf } from "../fit/async";
import { fitDetails, fitJson, warningJson, type FitDetails, type FitJson, type FitJsonWarning } from "../fit/json";
import type { FitPreferences } from "../fit/preferences";
import { studyPlanCalendar } from "../export/study-plan";
import { importIcs } from "../ics/import";
import type { CalendarEvent, DateValue, ImportIssue } from "../calendar";
import { expandEvents, type ExpandOptions, type Occurrence } from "../recurrence/expand";
import { localIsoDate } from "../time/format";
import { isoDateOfDay } from "../time/civil";
import { DAY } from "../time/units";
import type { CalendarSource, ConnectedSource } from "../sources/types";
import type { Window } from "../time/window";
import { trustWarnings, type SourceFacts } from "./warnings";

export type { CalendarSource, ConnectedSource, FileSource } from "../sources/types";

/** What the page says about one source: how much it holds, over which dates, and its problems. */
export interface SourceSummary {
  name: string;
  origin: CalendarSource["origin"];
  ok: boolean;
  calendarName?: string;
  bytes: number;
  eventCount: number;
  recurringCount: number;
  /**
   * Earliest and latest event start (DTSTART), YYYY-MM-DD in the learner's zone (an all-day or
   * floating event on its own date); recurring events may run on past the latest.
   */
  firstDate?: string;
  lastDate?: string;
  /** Problems found, each with its line; at most {@link MAX_LISTED_ISSUES}. */
  issues: { code: string; severity: "error" | "warning"; message: string; line?: number }[];
  issueCount: number;
}

export const MAX_LISTED_ISSUES = 50;

interface Imported {
  summary: SourceSummary;
  events: CalendarEvent[];
  /** Every issue the import found (the summary lists at most {@link MAX_LISTED_ISSUES}). */
  issues: readonly ImportIssue[];
  /** Earliest and latest event start as approximate instants (all-day and floating read as UTC). */
  firstStart?: number;
  lastStart?: number;
}

/** An event start's approximate instant and its date in `zone` (an all-day or floating start keeps its own date). */
function startOf(v: DateValue, zone: string): { at: number; date: string } {
  if (v.kind === "date" || v.kind === "floating") return { at: v.wall, date: isoDateOfDay(Math.floor(v.wall / DAY)) };
  const at = v.kind === "utc" ? v.utc : v.zone.wallToUtc(v.wall);
  return { at, date: localIsoDate(at, zone) };
}

/**
 * The earliest and latest starts of some events, with their local dates. `counted` are the
 * importer's own first and last starts, which include events it skipped as far from the window:
 * when one of those is earlier (or later) than every kept event, its date is read from the instant.
 */
function startRange(events: readonly CalendarEvent[], zone: string, counted?: { first?: number; last?: number }): { firstStart?: number; lastStart?: number; firstDate?: string; lastDate?: string } {
  let first: { at: number; date: string } | undefined;
  let last: { at: number; date: string } | undefined;
  for (const ev of events) {
    const s = startOf(ev.start, zone);
    if (!first || s.at < first.at) first = s;
    if (!last || s.at > last.at) last = s;
  }
  if (counted?.first !== undefined && (!first || counted.first < first.at)) first = { at: counted.first, date: localIsoDate(counted.first, zone) };
  if (counted?.last !== undefined && (!last || counted.last > last.at)) last = { at: counted.last, date: localIsoDate(counted.last, zone) };
  return { ...(first ? { firstStart: first.at, firstDate: first.date } : {}), ...(last ? { lastStart: last.at, lastDate: last.date } : {}) };
}

function connectedSummary(source: ConnectedSource, zone: string): Imported {
  const series = new Set<string>();
  for (const ev of source.events) if (ev.recurrenceId) series.add(ev.uid);
  const range = startRange(source.events, zone);
  return {
    summary: {
      name: source.name,
      origin: "connected",
      ok: true,
      bytes: 0,
      eventCount: source.events.length,
      recurringCount: series.size,
      ...(range.firstDate !== undefined && range.lastDate !== undefined ? { firstDate: range.firstDate, lastDate: range.lastDate } : {}),
      issues: source.notes.map((message) => ({ code: "PROVIDER_NOTE", severity: "warning" as const, message })),
      issueCount: source.notes.length,
    },
    events: [...source.events],
    issues: [],
    ...(range.firstStart !== undefined ? { firstStart: range.firstStart } : {}),
    ...(range.lastStart !== undefined ? { lastStart: range.lastStart } : {}),
  };
}

function importSource(source: CalendarSource, zone: string, window?: Window): Imported {
  if (source.origin === "connected") return connectedSummary(source, zone);
  const result = importIcs(source.bytes, { sourceName: source.name, ...(window ? { window } : {}) });
  const listed = (issues: readonly ImportIssue[]) =>
    issues.slice(0, MAX_LISTED_ISSUES).map((i) => ({ code: i.code, severity: i.severity, message: i.message, ...(i.line !== undefined ? { line: i.line } : {}) }));
  if (!result.ok) {
    return {
      summary: { name: source.name, origin: source.origin, ok: false, bytes: source.bytes.length, eventCount: 0, recurringCount: 0, issues: listed(result.issues), issueCount: result.issues.length },
      events: [],
      issues: result.issues,
    };
  }
  const stats = result.calendar.stats;
  const range = startRange(result.calendar.events, zone, { ...(stats.firstStart !== undefined ? { first: stats.firstStart } : {}), ...(stats.lastStart !== undefined ? { last: stats.lastStart } : {}) });
  return {
    summary: {
      name: source.name,
      origin: source.origin,
      ok: true,
      ...(result.calendar.name ? { calendarName: result.calendar.name } : {}),
      bytes: stats.bytes,
      eventCount: stats.eventCount,
      recurringCount: stats.recurringCount,
      ...(range.firstDate !== undefined ? { firstDate: range.firstDate } : {}),
      ...(range.lastDate !== undefined ? { lastDate: range.lastDate } : {}),
      issues: listed(result.issues),
      issueCount: result.issues.length,
    },
    events: result.calendar.events,
    issues: result.issues,
    ...(range.firstStart !== undefined ? { firstStart: range.firstStart } : {}),
    ...(range.lastStart !== undefined ? { lastStart: range.lastStart } : {}),
  };
}

/**
 * Reads each calendar and says what it holds, without checking anything (the page lists the files
 * as they are picked). Dates are in `timeZone`, the learner's (UTC when not given).
 *
 * @example
 * inspectCalendars([{ name: "work.ics", origin: "upload", bytes }], "Australia/Sydney")[0] // { eventCount: 212, firstDate: "2024-09-02", … }
 */
export function inspectCalendars(sources: readonly CalendarSource[], timeZone = "UTC"): SourceSummary[] {
  return sources.map((s) => importSource(s, timeZone).summary);
}

/** A warning of the check: what to know before trusting it (docs/fit.md), as the JSON carries it. */
export type CheckWarning = FitJsonWarning;

export interface CheckRequest {
  readonly catalog: Catalog;
  readonly sources: readonly CalendarSource[];
  readonly preferences: FitPreferences;
  /** Sections to check. With `courseIds`, their union; with neither, every section. */
  readonly sectionIds?: readonly string[];
  /** Whole courses: every section of each, to compare its formats. */
  readonly courseIds?: readonly string[];
  readonly together?: boolean;
  /**
   * How much expansion work this check may do (lib/recurrence/budget.ts has the defaults): a
   * deployment or a test may set its own. Past it the check still answers, with an
   * EXPANSION_BUDGET warning first among `warnings` and `complete: false`.
   */
  readonly budget?: ExpansionLimits;
}

/** The expansion's limits a check may set (everything of ExpandOptions but the zone). */
export type ExpansionLimits = Omit<ExpandOptions, "viewerZone">;

export interface CheckOutcome {
  readonly result: FitResult;
  readonly occurrences: readonly Occurrence[];
  readonly sources: SourceSummary[];
  /** Every import warning, with the name of the source it came from (the CLI prints them all). */
  readonly importIssues: readonly (ImportIssue & { readonly source: string })[];
  /**
   * What to know before trusting the answer, each with a `code`: the calendars' warnings
   * (`CALENDAR_EMPTY_IN_TERM` and the rest, lib/check/warnings.ts) first, then the expansion's with
   * its own codes (`EXPANSION_CAPPED` for a runaway rule, `EXPANSION_BUDGET`, …) and their line.
   * The same list is in `result.warnings`.
   */
  readonly warnings: CheckWarning[];
  /** False when the expansion budget ran out: some busy time is missing, so a "fits" may be wrong. */
  readonly complete: boolean;
}

/** The sections a request names: explicit sections, then every section of each named course, no repeats. */
export function requestedSections(catalog: Catalog, sectionIds: readonly string[] = [], courseIds: readonly string[] = []): { section: Section; course: Course }[] {
  if (sectionIds.length === 0 && courseIds.length === 0) return chooseSections(catalog);
  const ids: string[] = [];
  for (const courseId of courseIds) {
    const course = catalog.courses.find((c) => c.id === courseId);
    if (!course) {
      throw new AppError("UNKNOWN_COURSE", `There is no course "${courseId}" in the catalog; pick courses from the list (ids look like ${catalog.courses[0]?.id ?? "PM-101"}).`, { where: "courses" });
    }
    for (const s of course.sections) ids.push(s.id);
  }
  ids.push(...sectionIds);
  try {
    return chooseSections(catalog, [...new Set(ids)]);
  } catch (e) {
    if (e instanceof UnknownSectionError) throw new AppError("UNKNOWN_SECTION", `${e.message} Pick sections from the catalog list.`, { where: "sections", detail: { sectionId: e.sectionId } });
    throw e;
  }
}

/**
 * Runs the check on calendars held in memory. A calendar that cannot be read at all fails the
 * check, naming the file and line: a check that silently left out someone's work calendar would
 * say "fits" when it does not.
 *
 * @example
 * const { result } = runCheck({ catalog, sources, preferences: preferencesFrom({ timeZone: "Europe/London" }), courseIds: ["PM-101"] });
 */
export function runCheck(request: CheckRequest): CheckOutcome {
  if (request.sources.length === 0) throw new AppError("NO_CALENDAR", "Add at least one calendar: upload an .ics file or paste a calendar's .ics address.");
  const chosen = requestedSections(request.catalog, request.sectionIds, request.courseIds);
  const window = termWindow(chosen.map((c) => c.section));
  const zone = request.preferences.timeZone;
  const imported = request.sources.map((s) => importSource(s, zone, window));
  const failed = imported.find((i) => !i.summary.ok);
  if (failed) {
    const first = failed.summary.issues[0];
    const problem = first?.message ?? "not an iCalendar file.";
    throw new AppError("CALENDAR_INVALID", `${failed.summary.name}${first?.line ? `, line ${first.line}` : ""}: ${problem}`, {
      where: failed.summary.name,
      ...(first?.line !== undefined ? { line: first.line } : {}),
      detail: { problem },
    });
  }
  const events = imported.flatMap((i) => i.events);
  const expansion = expandEvents(events, window, { ...request.budget, viewerZone: zone });
  // A connected account knows which attendee is the learner: their declines count without asking.
  const selfEmails = request.sources.flatMap((s) => (s.origin === "connected" ? s.selfEmails : []));
  const preferences = selfEmails.length === 0 ? request.preferences : { ...request.preferences, ownerEmails: [...new Set([...request.preferences.ownerEmails, ...selfEmails])] };
  const fit = checkFit({
    catalog: request.catalog,
    sectionIds: chosen.map((c) => c.section.id),
    occurrences: expansion.occurrences,
    preferences,
    together: request.together ?? false,
  });
  // A budget that ran out means busy time is missing: say so before anything else.
  const expansionWarnings = expansion.warnings.map((w) => ({ code: w.code, message: w.message, ...(w.line !== undefined ? { line: w.line } : {}) }));
  const warnings: CheckWarning[] = [
    ...expansionWarnings.filter((w) => w.code === "EXPANSION_BUDGET"),
    ...trustWarnings({
      sources: sourceFacts(imported, expansion.occurrences),
      busy: fit.busy,
      terms: chosen.map(({ section }) => ({ start: termStartOf(section), end: termEndOf(section), startDate: section.startDate, endDate: section.endDate })),
    }).map(warningJson),
    ...expansionWarnings.filter((w) => w.code !== "EXPANSION_BUDGET"),
  ];
  return {
    result: { ...fit, warnings },
    occurrences: expansion.occurrences,
    sources: imported.map((i) => i.summary),
    importIssues: imported.flatMap((i) => i.issues.map((issue) => ({ ...issue, source: i.summary.name }))),
    warnings,
    complete: expansion.complete,
  };
}

/** Per calendar: what it held and which of the expanded occurrences are its own. */
function sourceFacts(imported: readonly Imported[], occurrences: readonly Occurrence[]): SourceFacts[] {
  const owner = new Map<CalendarEvent, number>();
  imported.forEach((i, k) => {
    for (const ev of i.events) owner.set(ev, k);
  });
  const own: Occurrence[][] = imported.map(() => []);
  for (const o of occurrences) {
    const k = owner.get(o.event);
    if (k !== undefined) own[k]?.push(o);
  }
  return imported.map((i, k) => ({
    name: i.summary.name,
    origin: i.summary.origin,
    eventCount: i.summary.eventCount,
    ...(i.firstStart !== undefined ? { firstStart: i.firstStart } : {}),
    ...(i.lastStart !== undefined ? { lastStart: i.lastStart } : {}),
    ...(i.summary.firstDate !== undefined ? { firstDate: i.summary.firstDate } : {}),
    ...(i.summary.lastDate !== undefined ? { lastDate: i.summary.lastDate } : {}),
    occurrences: own[k] ?? [],
  }));
}

/** `POST /api/check`'s body: the CLI's JSON, then what the page needs (additive keys). */
export type CheckResponse = Omit<FitJson, "warnings"> & { sources: SourceSummary[]; warnings: CheckWarning[]; details?: FitDetails };

/**
 * The response body for a check: the contract's keys first, `sources` and `warnings` always,
 * `details` when the page asks for them. `warnings` is the contract's top-level list (each with a
 * `code`), placed after `sources` as the page has always read it.
 *
 * @example
 * checkResponse(runCheck(request), request.preferences, { details: true }).details?.heat.length // 16
 */
export function checkResponse(outcome: CheckOutcome, preferences: FitPreferences, options: { details: boolean }): CheckResponse {
  const { warnings: _contractWarnings, ...contract } = fitJson(outcome.result);
  return {
    ...contract,
    sources: outcome.sources,
    warnings: outcome.warnings,
    ...(options.details ? { details: fitDetails(outcome.result, outcome.occurrences, preferences) } : {}),
  };
}

/**
 * The study plan of the checked sections as `.ics`: with `together`, the combined plan, otherwise
 * the blocks each section's own plan placed (for one section, or all that have deadlines).
 *
 * @example
 * studyPlanIcs(runCheck({ …, sectionIds: ["PM-101-A1"] }).result, { now: Date.now() })
 */
export function studyPlanIcs(result: FitResult, options: { now: number; sectionId?: string }): string {
  const { sectionId } = options;
  if (sectionId !== undefined && !result.sections.some((s) => s.section.id === sectionId)) {
    throw new AppError("BAD_REQUEST", `${sectionId} was not part of this check; check it first, or pick one of ${result.sections.map((s) => s.section.id).join(", ")}.`, { where: "planSection" });
  }
  const wanted = (id: string) => sectionId === undefined || id === sectionId;
  const source = result.plan ? result.plan.studyPlan.blocks : result.sections.flatMap((s) => (s.async ? s.async.plan.blocks.filter((b) => b.sectionId === s.section.id) : []));
  const blocks = source.filter((b) => wanted(b.sectionId));
  if (blocks.length === 0) {
    const withDeadlines = result.sections.filter((s) => wanted(s.section.id) && s.async && s.async.plan.jobs.length > 0);
    if (withDeadlines.length > 0) {
      throw new AppError("BAD_REQUEST", `Your calendar leaves no free study time before ${sectionId ?? "these sections'"} deadlines, so no study block could be placed. Widen your study windows or free some time, then check again.`, { where: "planSection" });
    }
    throw new AppError("BAD_REQUEST", sectionId ? `${sectionId} has no deadlines, so there is no study plan to download.` : "None of the checked sections has deadlines, so there is no study plan to download.", { where: "planSection" });
  }
  const ids = [...new Set(blocks.map((b) => b.sectionId))];
  return studyPlanCalendar(blocks, { now: options.now, name: `Study plan: ${ids.join(", ")}`, timeZone: result.preferences.timeZone });
}
