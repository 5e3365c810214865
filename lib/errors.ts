/**
 * The one application error type. Every failure a person can act on carries a code from one union;
 * the HTTP status for each code lives in one table ({@link HTTP_STATUS}), so the API and the pages
 * answer the same way (DESIGN.md, "Errors").
 */

export type AppErrorCode =
  | "BAD_REQUEST"
  | "NO_CALENDAR"
  | "CALENDAR_INVALID"
  | "CALENDAR_URL_REFUSED"
  | "CALENDAR_URL_FAILED"
  | "CALENDAR_RECONNECT"
  | "CALENDAR_SCOPE"
  | "CALENDAR_PROVIDER_BUSY"
  | "CALENDAR_PROVIDER_FAILED"
  | "UNKNOWN_SECTION"
  | "UNKNOWN_COURSE"
  | "INVALID_PREFERENCES"
  | "FILE_TOO_LARGE"
  | "REQUEST_TOO_LARGE"
  | "TOO_MANY_FILES"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "NOT_FOUND"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "GONE"
  | "CHECK_TOO_SLOW"
  | "CHECK_TOO_LARGE"
  | "TOO_MANY_REPORTS"
  | "RATE_LIMITED"
  | "BUSY"
  | "INTERNAL";

/** HTTP status per code: the only place the mapping is written. */
export const HTTP_STATUS: Readonly<Record<AppErrorCode, number>> = {
  BAD_REQUEST: 400,
  NO_CALENDAR: 400,
  CALENDAR_INVALID: 422,
  CALENDAR_URL_REFUSED: 422,
  CALENDAR_URL_FAILED: 502,
  /** A connected calendar's grant was refused: the learner connects it again. */
  CALENDAR_RECONNECT: 409,
  CALENDAR_SCOPE: 403,
  CALENDAR_PROVIDER_BUSY: 503,
  CALENDAR_PROVIDER_FAILED: 502,
  UNKNOWN_SECTION: 400,
  UNKNOWN_COURSE: 400,
  INVALID_PREFERENCES: 400,
  FILE_TOO_LARGE: 413,
  REQUEST_TOO_LARGE: 413,
  TOO_MANY_FILES: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  GONE: 410,
  /** A check stopped at its deadline (lib/server/isolation): the learner's calendars are too heavy to check. */
  CHECK_TOO_SLOW: 422,
  /** A check stopped at its memory limit, or a calendar too deeply nested to read. */
  CHECK_TOO_LARGE: 422,
  /** The owner keeps the most saved reports one person may keep. */
  TOO_MANY_REPORTS: 409,
  /** Over a rate limit: the answer carries Retry-After. */
  RATE_LIMITED: 429,
  /** Every check worker is taken and the queue is full: the answer carries Retry-After. */
  BUSY: 503,
  INTERNAL: 500,
};

export interface AppErrorOptions {
  /** Where the problem is: a file name and line, a form field, a JSON path. */
  readonly where?: string;
  readonly line?: number;
  readonly cause?: unknown;
  /** A machine-readable detail, e.g. the limit in bytes. */
  readonly detail?: Readonly<Record<string, string | number>>;
}

/**
 * An error a person can act on: the message says what is wrong, where, and what to do.
 *
 * @example
 * throw new AppError("FILE_TOO_LARGE", "work.ics is 14 MB; the limit per file is 10 MB. Export a shorter date range.", { where: "work.ics" });
 */
export class AppError extends Error {
  override readonly name = "AppError";
  readonly code: AppErrorCode;
  readonly where: string | undefined;
  readonly line: number | undefined;
  readonly detail: Readonly<Record<string, string | number>> | undefined;
  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    this.where = options.where;
    this.line = options.line;
    this.detail = options.detail;
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }

  /** The JSON body of an error response: `{ error: { code, message, where?, line? } }`. */
  toJSON(): { error: { code: AppErrorCode; message: string; where?: string; line?: number; detail?: Readonly<Record<string, string | number>> } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.where !== undefined ? { where: this.where } : {}),
        ...(this.line !== undefined ? { line: this.line } : {}),
        ...(this.detail !== undefined ? { detail: this.detail } : {}),
      },
    };
  }
}
