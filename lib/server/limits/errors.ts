/**
 * The errors the service's own limits answer with (issue 13): a check too slow or too large for
 * its worker, a server too busy to take one more, a client over its rate limit, an owner over
 * the report quota. Each is an {@link AppError} whose `detail.reason` is the code it is meant to
 * have, and, for "try again later" answers, `detail.retryAfterSeconds` (the route writes it as
 * `Retry-After`; {@link retryAfterHeaders}).

 */
import { AppError, type AppErrorCode } from "../../errors";

/** The codes the service's own limits answer with (statuses in lib/errors.ts's table). */
export const LIMIT_CODES = {
  CHECK_TOO_SLOW: "CHECK_TOO_SLOW",
  CHECK_TOO_LARGE: "CHECK_TOO_LARGE",
  BUSY: "BUSY",
  RATE_LIMITED: "RATE_LIMITED",
  TOO_MANY_REPORTS: "TOO_MANY_REPORTS",
} as const satisfies Record<string, AppErrorCode>;

export type LimitReason = keyof typeof LIMIT_CODES;

/**
 * An app error for a limit, `detail.reason` repeating its code (clients written against the first
 * version read it there).
 *
 * @example
 * limitError("BUSY", "The server is busy; try again in 10 seconds.", { retryAfterSeconds: 10 }).detail // { reason: "BUSY", retryAfterSeconds: 10 }
 */
export function limitError(reason: LimitReason, message: string, detail: Readonly<Record<string, string | number>> = {}, options: { where?: string; cause?: unknown } = {}): AppError {
  return new AppError(LIMIT_CODES[reason], message, { detail: { reason, ...detail }, ...options });
}

/**
 * The `Retry-After` header for an error that says when to try again, else nothing.
 *
 * @example
 * new Response(body, { status: err.status, headers: { ...retryAfterHeaders(err) } })
 */
export function retryAfterHeaders(e: unknown): Record<string, string> {
  const seconds = e instanceof AppError ? e.detail?.retryAfterSeconds : undefined;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds > 0 ? { "retry-after": String(Math.ceil(seconds)) } : {};
}
