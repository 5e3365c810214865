/**
 * What an import found wrong, as data: each issue says where (line), what (code) and what to do
 * (message). Sources return all their findings, not the first (DESIGN.md, "Errors").
 */

export type IssueSeverity = "error" | "warning";

/** A problem found while importing: where (line), what (code) and what to do (message). */
export interface ImportIssue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  readonly message: string;
  readonly line?: number;
  readonly uid?: string;
}

export type IssueCode =
  | "EMPTY"
  | "NOT_ICALENDAR"
  | "HTML_NOT_ICALENDAR"
  | "JSON_NOT_ICALENDAR"
  | "BINARY_NOT_ICALENDAR"
  | "TRUNCATED"
  | "TOO_LARGE"
  | "TOO_MANY_EVENTS"
  | "ENCODING_FALLBACK"
  | "MALFORMED_LINE"
  | "UNBALANCED_COMPONENT"
  | "MISSING_DTSTART"
  | "INVALID_DATE"
  | "INVALID_DURATION"
  | "END_BEFORE_START"
  | "UNKNOWN_TZID"
  | "INVALID_RRULE"
  | "RRULE_NEVER_MATCHES"
  | "EMPTY_RRULE"
  | "INVALID_RDATE"
  | "INVALID_EXDATE"
  | "INVALID_RECURRENCE_ID"
  | "MISSING_UID"
  | "EXPANSION_CAPPED"
  /** An expansion budget (steps or occurrences, per file or per request) ran out: some events are missing. */
  | "EXPANSION_BUDGET"
  /** A RECURRENCE-ID names no instance of its series: the override was ignored. */
  | "RECURRENCE_ID_NO_INSTANCE"
  | "DUPLICATE_EVENT"
  | "DUPLICATE_PROPERTY";
