/**
 * The one table from the domain's error classes to the app's {@link AppError}: the route wrapper
 * (app/route-handler.ts) and the web check (lib/check/web.ts) both convert through it, so a
 * refused URL or a refused Google grant reads the same wherever it surfaces.
 *
 * It lives here, at the top of lib/, and not in lib/errors: lib/errors sits at the bottom and
 * every layer imports it, while this table must import the error classes of sources, providers,
 * connections, catalog and fit. Nothing below lib/check imports this module, so no cycle results.
 */
import { AppError } from "../errors";
import { CatalogError } from "../catalog/load";
import { SealError } from "../connections/seal";
import { UnknownSectionError } from "../fit/check";
import { ProviderError } from "../providers/http";
import { UrlFetchError } from "../sources/url";

export interface ToAppErrorOptions {
  /**
   * The size limit the caller applied, in bytes: a {@link UrlFetchError} `URL_TOO_LARGE` does not
   * carry it, and FILE_TOO_LARGE answers with it as `detail.limitBytes`.
   */
  readonly limitBytes?: number | undefined;
}

/** The URL fetcher's refusals that are the learner's to fix (422); the rest are the far server's failures (502). */
const URL_REFUSALS: ReadonlySet<string> = new Set(["URL_INVALID", "URL_SCHEME", "URL_CREDENTIALS", "URL_PRIVATE_ADDRESS", "URL_DNS"]);

/** What a learner sees when the failure is ours: it names nothing about the server (no path, host or stack). */
const INTERNAL_MESSAGE = "Something went wrong on our side while checking; please try again. Your calendar was not stored.";
const CATALOG_BROKEN = "The course catalog on this server is broken; the school's administrators have to fix it.";

/**
 * Any thrown value as the app's error. An {@link AppError} passes through unchanged; the rest:
 *
 * | Thrown                  | Code                                                                                                  | where        |
 * |-------------------------|-------------------------------------------------------------------------------------------------------|--------------|
 * | `UrlFetchError`         | `URL_TOO_LARGE` → FILE_TOO_LARGE; a refusal (scheme, credentials, private address, DNS) → CALENDAR_URL_REFUSED; else CALENDAR_URL_FAILED | `url` |
 * | `ProviderError`         | `RECONNECT` → CALENDAR_RECONNECT; `INSUFFICIENT_SCOPE` → CALENDAR_SCOPE; `RATE_LIMITED`, `UNAVAILABLE` → CALENDAR_PROVIDER_BUSY; else CALENDAR_PROVIDER_FAILED | `connection` |
 * | `SealError`             | CALENDAR_RECONNECT (tokens this server can no longer open: connect again)                             | `connection` |
 * | `UnknownSectionError`   | UNKNOWN_SECTION, `detail.sectionId`                                                                    | `sections`   |
 * | `CatalogError`          | INTERNAL, "the catalog on this server is broken" (the school's to fix, not the learner's)             |              |
 * | anything else           | INTERNAL with a message that leaks nothing; `StoreError` (lib/db) lands here on purpose: its message names the database host, and lib/db's drivers stay out of this module's imports |  |
 *
 * The domain error is kept as `cause` (for the server's log); the message is the domain error's,
 * which each class already writes for a learner to act on.
 *
 * @example
 * try {
 *   await fetchCalendarUrl(url, { maxBytes });
 * } catch (e) {
 *   throw toAppError(e, { limitBytes: maxBytes }); // e.g. CALENDAR_URL_REFUSED (422), where "url"
 * }
 */
export function toAppError(e: unknown, options: ToAppErrorOptions = {}): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof UrlFetchError) {
    if (e.code === "URL_TOO_LARGE") return new AppError("FILE_TOO_LARGE", e.message, { where: "url", cause: e, ...(options.limitBytes !== undefined ? { detail: { limitBytes: options.limitBytes } } : {}) });
    return new AppError(URL_REFUSALS.has(e.code) ? "CALENDAR_URL_REFUSED" : "CALENDAR_URL_FAILED", e.message, { where: "url", cause: e, detail: { reason: e.code } });
  }
  if (e instanceof ProviderError) {
    const code = e.code === "RECONNECT" ? "CALENDAR_RECONNECT" : e.code === "INSUFFICIENT_SCOPE" ? "CALENDAR_SCOPE" : e.code === "RATE_LIMITED" || e.code === "UNAVAILABLE" ? "CALENDAR_PROVIDER_BUSY" : "CALENDAR_PROVIDER_FAILED";
    return new AppError(code, e.message, { where: "connection", cause: e, detail: { reason: e.code } });
  }
  if (e instanceof SealError) return new AppError("CALENDAR_RECONNECT", e.message, { where: "connection", cause: e });
  if (e instanceof UnknownSectionError) return new AppError("UNKNOWN_SECTION", `${e.message} Pick sections from the catalog list.`, { where: "sections", detail: { sectionId: e.sectionId } });
  if (e instanceof CatalogError) return new AppError("INTERNAL", CATALOG_BROKEN, { cause: e });
  return new AppError("INTERNAL", INTERNAL_MESSAGE, { cause: e });
}
