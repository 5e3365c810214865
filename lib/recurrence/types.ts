/** The expansion's public types: an occurrence, the options, the answer. */
import type { BusyStatus, CalendarEvent, EventStatus, ImportIssue } from "../calendar";

/** One occurrence: `[start, end)` in UTC epoch milliseconds. */
export interface Occurrence {
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly allDay: boolean;
  readonly transparent: boolean;
  readonly summary?: string;
  readonly status?: EventStatus;
  readonly busyStatus?: BusyStatus;
  /** The original start of the instance this occurrence stands for (recurring events only). */
  readonly recurrenceId?: number;
  /** The component it came from (a master or an override): attendees, source and the rest. */
  readonly event: CalendarEvent;
}

/**
 * How to expand, and how much work it may take (lib/recurrence/budget.ts has the defaults and what
 * a step is). A "source" is one file or connected calendar (the events' `source`).
 */
export interface ExpandOptions {
  /** IANA zone that all-day and floating times are read in. */
  readonly viewerZone: string;
  /** Steps one rule may take before it is cut short with an EXPANSION_CAPPED warning (default 200,000). */
  readonly maxStepsPerRule?: number;
  /** Steps one source may take in all (default 2,000,000). */
  readonly maxStepsPerSource?: number;
  /** Steps the whole expansion may take, all sources together (default 4,000,000). */
  readonly maxSteps?: number;
  /** Occurrences returned for one source (default 250,000). */
  readonly maxOccurrencesPerSource?: number;
  /** Occurrences returned in all (default 500,000). */
  readonly maxOccurrences?: number;
}

export interface Expansion {
  readonly occurrences: Occurrence[];
  /**
   * Warnings about single events (EXPANSION_CAPPED, RECURRENCE_ID_NO_INSTANCE, END_BEFORE_START)
   * and, when a budget ran out, one EXPANSION_BUDGET error per source it cut short.
   */
  readonly warnings: ImportIssue[];
  /** False when a budget ran out: some events are missing from `occurrences` (see the EXPANSION_BUDGET issues). */
  readonly complete: boolean;
  /** Steps and occurrences spent, to size a caller's own budget. */
  readonly usage: { readonly steps: number; readonly occurrences: number };
}
