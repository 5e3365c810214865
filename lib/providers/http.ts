/**
 * Calling a calendar provider's API (Google Calendar v3, Microsoft Graph v1.0) the way a careful
 * client must: a bearer token that is refreshed once when the provider answers 401, bounded retries
 * for 429 and 503 that honour `Retry-After`, and every other failure turned into a
 * {@link ProviderError} whose code says what the learner can do about it.
 */

export type ProviderErrorCode =
  /** The grant is gone (revoked, expired refresh token): the learner must connect again. */
  | "RECONNECT"
  /** The token lacks a scope this call needs (403 insufficientPermissions / ErrorAccessDenied). */
  | "INSUFFICIENT_SCOPE"
  /** Still 429 after the bounded retries. */
  | "RATE_LIMITED"
  /** 5xx (or a network failure) after the bounded retries. */
  | "UNAVAILABLE"
  /** The calendar was deleted, or access to it withdrawn, between listing and reading (404/410). */
  | "CALENDAR_GONE"
  /** The provider answered something that is not the API's shape. */
  | "BAD_RESPONSE";

export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ProviderClientOptions {
  /** Which provider, for messages ("Google Calendar", "Microsoft Outlook"). */
  readonly label: string;
  /** The current access token (refreshing first when it is known to be expired). */
  accessToken(): Promise<string>;
  /** Gets a new access token after a 401; throws {@link ProviderError} RECONNECT when the grant is gone. */
  refresh(): Promise<string>;
  readonly fetch?: typeof fetch;
  /** Retries for 429 / 503 / network errors (default 3). */
  readonly maxRetries?: number;
  /** The longest `Retry-After` honoured; longer waits give up at once (default 20 s). */
  readonly maxRetryAfterMs?: number;
  /** Per-request timeout (default 20 s). */
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only an HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT"): Date.parse reads "1.5" or "-5" as dates.
  if (!/^[A-Za-z]{3},? .*\bGMT$/.test(trimmed) && !/^[A-Za-z]{3,9}, \d{2}-[A-Za-z]{3}-\d{2} .*GMT$/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A JSON API client for one connected account.
 *
 * @example
 * const client = new ProviderClient({ label: "Google Calendar", accessToken: async () => token, refresh });
 * const page = await client.getJson<{ items: unknown[] }>("https://www.googleapis.com/calendar/v3/users/me/calendarList");
 */
export class ProviderClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests made (for tests and the benchmark: paging and retries are visible). */
  requests = 0;

  constructor(private readonly options: ProviderClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** GET (or POST with a JSON body) and parse JSON, with refresh-on-401 and bounded retries. */
  async getJson<T>(url: string, init: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWait = this.options.maxRetryAfterMs ?? 20_000;
    let token = await this.options.accessToken();
    let refreshed = false;
    // `attempt` counts retries of 429 / 5xx / network failures only: the one refresh after a 401
    // does not use one up.
    for (let attempt = 0; ; ) {
      let response: Response;
      try {
        this.requests++;
        response = await this.fetchImpl(url, {
          method: init.method ?? "GET",
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
            ...init.headers,
          },
          ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
          redirect: "manual",
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
        });
      } catch (e) {
        if (attempt < maxRetries) {
          await this.sleep(backoff(attempt++));
          continue;
        }
        throw new ProviderError("UNAVAILABLE", `${this.options.label} could not be reached (${(e as Error).message}). Try again in a few minutes.`);
      }
      if (response.status >= 300 && response.status < 400) {
        // An API never redirects a client: following one could carry the bearer token elsewhere.
        throw new ProviderError("BAD_RESPONSE", `${this.options.label} answered with a redirect (HTTP ${response.status}), which FormatFit does not follow.`, response.status);
      }
      if (response.ok) {
        try {
          return (await response.json()) as T;
        } catch {
          throw new ProviderError("BAD_RESPONSE", `${this.options.label} sent an answer that is not JSON. Try again later.`, response.status);
        }
      }
      const detail = await errorDetail(response);
      if (response.status === 401) {
        if (refreshed) throw new ProviderError("RECONNECT", `${this.options.label} no longer accepts FormatFit's access. Connect the calendar again.`, 401);
        refreshed = true;
        token = await this.options.refresh();
        continue;
      }
      if (response.status === 403 && isRateLimit403(detail)) {
        // Google reports quota errors as 403 (rateLimitExceeded, dailyLimitExceeded …): treat them as 429.
        if (attempt < maxRetries && !/dailyLimitExceeded|quotaExceeded/i.test(detail)) {
          await this.sleep(backoff(attempt++));
          continue;
        }
        throw new ProviderError("RATE_LIMITED", `${this.options.label} is limiting how fast FormatFit may read. Wait a minute and try again.`, 403);
      }
      if (response.status === 403) {
        throw new ProviderError("INSUFFICIENT_SCOPE", `${this.options.label} refused: FormatFit was not given permission to read this (${detail || "forbidden"}). Connect the calendar again and allow calendar access.`, 403);
      }
      if (response.status === 404 || response.status === 410) {
        throw new ProviderError("CALENDAR_GONE", `${this.options.label} says this calendar no longer exists or is no longer shared with you.`, response.status);
      }
      if (response.status === 429 || response.status === 503 || response.status === 502 || response.status === 504 || response.status === 500) {
        const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoff(attempt);
        if (attempt < maxRetries && wait <= maxWait) {
          attempt++;
          await this.sleep(wait);
          continue;
        }
        if (response.status === 429) throw new ProviderError("RATE_LIMITED", `${this.options.label} is limiting how fast FormatFit may read. Wait a minute and try again.`, 429);
        throw new ProviderError("UNAVAILABLE", `${this.options.label} is not answering properly right now (HTTP ${response.status}). Try again in a few minutes, or upload an .ics export instead.`, response.status);
      }
      throw new ProviderError("BAD_RESPONSE", `${this.options.label} answered HTTP ${response.status}${detail ? ` (${detail})` : ""}.`, response.status);
    }
  }
}

/** 0.5 s, 1 s, 2 s … (capped at 8 s). */
function backoff(attempt: number): number {
  return Math.min(8_000, 500 * 2 ** attempt);
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string; code?: string | number; errors?: { reason?: string }[] } | string };
    if (typeof body.error === "string") return body.error;
    const reason = body.error?.errors?.[0]?.reason;
    return [body.error?.message, reason].filter(Boolean).join(": ");
  } catch {
    return "";
  }
}

function isRateLimit403(detail: string): boolean {
  return /rateLimitExceeded|userRateLimitExceeded|dailyLimitExceeded|quotaExceeded/i.test(detail);
}
