/**
 * ProviderClient (lib/providers/http.ts) against a real loopback server: the bearer token, one
 * refresh on 401, bounded retries for 429 / 503 / 5xx / network failures honouring `Retry-After`
 * (waits recorded by an injected `sleep`, never slept), and every other failure as a ProviderError
 * code; the OAuth refresh grant (lib/providers/oauth.ts); and how web checks turn provider errors
 * into the app's errors (lib/sources/web-check.ts providerAppError).
 *
 * The target of most tests is the fake's Google calendarList; default retries are 3 with backoff
 * 500 ms, 1 s, 2 s when no Retry-After is given.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { googleEvents, listGoogleCalendars } from "@/lib/providers/google";
import { ProviderError, retryAfterMs, type ProviderErrorCode } from "@/lib/providers/http";
import { refreshTokens } from "@/lib/providers/oauth";
import { providerAppError } from "@/lib/check/web";
import { fakeClient, startFakeCalendarApi, type FakeCalendarApi } from "../helpers/fake-calendar-api";
import { ms } from "../helpers/ics";

const EMAIL = "ana@example.com";
const OAUTH = { clientId: "client-1", clientSecret: "secret-1" };
let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ email: EMAIL, calendars: [{ id: "work", name: "Work", primary: true, instances: [] }] });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  api.validTokens.add("tok");
});

const LIST = /^\/calendar\/v3\/users\/me\/calendarList$/;
const listUrl = () => `${api.googleApi}/users/me/calendarList`;
const apiRequests = () => api.requests.filter((r) => r.path.startsWith("/calendar/v3/"));

async function failureOf(p: Promise<unknown>): Promise<ProviderError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

function googleError(status: number, reason: string, message: string) {
  return { error: { code: status, message, errors: [{ domain: "usageLimits", reason, message }] } };
}

describe("the bearer token and refresh on 401", () => {
  it("sends the access token as a bearer token", async () => {
    const { client } = fakeClient({ token: "tok" });
    await client.getJson(listUrl());
    expect(apiRequests().map((r) => r.authorization)).toEqual(["Bearer tok"]);
  });

  it("401, then a refresh through the token endpoint, then the new token on the retry", async () => {
    api.refreshTokens.set("rt-1", "new-1");
    let refreshes = 0;
    const { client, sleeps } = fakeClient({
      token: "expired",
      refresh: async () => {
        refreshes++;
        return (await refreshTokens({ issuer: api.issuer, ...OAUTH }, "rt-1")).accessToken;
      },
    });
    const calendars = await listGoogleCalendars(client, { calendarApi: api.googleApi });
    expect(calendars.map((c) => c.id)).toEqual(["work"]);
    expect(refreshes).toBe(1);
    expect(apiRequests().map((r) => r.authorization)).toEqual(["Bearer expired", "Bearer new-1"]);
    expect(sleeps).toEqual([]);
    const grant = new URLSearchParams(api.requests.find((r) => r.path === "/token")?.body ?? "");
    expect(Object.fromEntries(grant)).toEqual({ grant_type: "refresh_token", refresh_token: "rt-1", client_id: "client-1", client_secret: "secret-1" });
  });

  it("401 again after the refresh is RECONNECT, without a second refresh", async () => {
    api.fail(LIST, 401, { times: 2 });
    let refreshes = 0;
    const { client } = fakeClient({
      refresh: async () => {
        refreshes++;
        return "tok";
      },
    });
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, refreshes, apiRequests().length]).toEqual(["RECONNECT", 401, 1, 2]);
    expect(e.message).toMatch(/^Google Calendar no longer accepts FormatFit's access\. Connect the calendar again\.$/);
  });

  it("the 401 and its refresh do not use up a retry: 401, then 429 three times, then success", async () => {
    api.fail(LIST, 401);
    api.fail(LIST, 429, { times: 3 });
    const { client, sleeps } = fakeClient({ refresh: async () => "tok" });
    await expect(client.getJson(listUrl())).resolves.toMatchObject({ items: [{ id: "work" }] });
    // maxRetries counts retries "for 429 / 503 / network errors" (default 3): all three are owed.
    expect([sleeps.length, apiRequests().length]).toEqual([3, 5]);
  });

  it("a refused refresh grant (invalid_grant) is RECONNECT, and nothing is retried", async () => {
    const { client, sleeps } = fakeClient({ token: "expired", refresh: async () => (await refreshTokens({ issuer: api.issuer, ...OAUTH }, "revoked-rt")).accessToken });
    const e = await failureOf(client.getJson(listUrl()));
    expect(e.code).toBe("RECONNECT");
    expect(e.status).toBe(400);
    expect(e.message).toContain("invalid_grant");
    expect([apiRequests().length, sleeps]).toEqual([1, []]);
  });
});

describe("403", () => {
  it("insufficientPermissions is INSUFFICIENT_SCOPE at once, naming the reason", async () => {
    api.fail(LIST, 403, { body: { error: { code: 403, message: "Request had insufficient authentication scopes.", errors: [{ domain: "global", reason: "insufficientPermissions" }] } } });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, sleeps, apiRequests().length]).toEqual(["INSUFFICIENT_SCOPE", 403, [], 1]);
    expect(e.message).toContain("insufficientPermissions");
  });

  it("Graph's ErrorAccessDenied is INSUFFICIENT_SCOPE", async () => {
    api.fail(LIST, 403, { body: { error: { code: "ErrorAccessDenied", message: "Access is denied. Check credentials and try again." } } });
    const { client } = fakeClient({ label: "Microsoft Outlook" });
    const e = await failureOf(client.getJson(listUrl()));
    expect(e.code).toBe("INSUFFICIENT_SCOPE");
    expect(e.message).toMatch(/^Microsoft Outlook refused/);
  });

  it("rateLimitExceeded is a rate limit: retried after a backoff, then succeeds", async () => {
    api.fail(LIST, 403, { body: googleError(403, "rateLimitExceeded", "Rate Limit Exceeded") });
    const { client, sleeps } = fakeClient();
    await expect(client.getJson(listUrl())).resolves.toMatchObject({ items: [{ id: "work" }] });
    expect([sleeps, apiRequests().length]).toEqual([[500], 2]);
  });

  it("userRateLimitExceeded past the retries is RATE_LIMITED", async () => {
    api.fail(LIST, 403, { body: googleError(403, "userRateLimitExceeded", "User Rate Limit Exceeded"), times: 4 });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, sleeps, apiRequests().length]).toEqual(["RATE_LIMITED", 403, [500, 1000, 2000], 4]);
  });

  it("dailyLimitExceeded is a quota (RATE_LIMITED), not a missing permission", async () => {
    // Google's documented 403 for an exhausted daily project quota. Telling the learner to reconnect
    // and grant calendar access would send them round in circles.
    api.fail(LIST, 403, { body: googleError(403, "dailyLimitExceeded", "Daily Limit Exceeded"), times: 4 });
    const { client } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect(e.code).toBe("RATE_LIMITED");
  });
});

describe("429 and Retry-After", () => {
  it("Retry-After: 2 waits 2000 ms, then succeeds", async () => {
    api.fail(LIST, 429, { headers: { "retry-after": "2" } });
    const { client, sleeps } = fakeClient();
    await expect(client.getJson(listUrl())).resolves.toMatchObject({ items: [{ id: "work" }] });
    expect([sleeps, apiRequests().length, client.requests]).toEqual([[2000], 2, 2]);
  });

  it("without Retry-After, backs off 500 ms, 1 s, 2 s", async () => {
    api.fail(LIST, 429, { times: 3 });
    const { client, sleeps } = fakeClient();
    await client.getJson(listUrl());
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  it("still 429 after three retries is RATE_LIMITED (four requests)", async () => {
    api.fail(LIST, 429, { headers: { "retry-after": "1" }, times: 4 });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, sleeps, apiRequests().length]).toEqual(["RATE_LIMITED", 429, [1000, 1000, 1000], 4]);
    expect(e.message).toMatch(/^Google Calendar is limiting how fast FormatFit may read/);
  });

  it("maxRetries bounds the retries", async () => {
    api.fail(LIST, 429, { times: 5 });
    const { client, sleeps } = fakeClient({ maxRetries: 1 });
    await expect(client.getJson(listUrl())).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect([sleeps, apiRequests().length]).toEqual([[500], 2]);
  });

  it("a Retry-After longer than maxRetryAfterMs gives up at once", async () => {
    api.fail(LIST, 429, { headers: { "retry-after": "120" } });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, sleeps, apiRequests().length]).toEqual(["RATE_LIMITED", [], 1]);
  });

  it("a Retry-After exactly at maxRetryAfterMs is honoured", async () => {
    api.fail(LIST, 429, { headers: { "retry-after": "20" } });
    const { client, sleeps } = fakeClient();
    await client.getJson(listUrl());
    expect(sleeps).toEqual([20_000]);
  });

  it("a larger maxRetryAfterMs honours the long wait", async () => {
    api.fail(LIST, 429, { headers: { "retry-after": "120" } });
    const { client, sleeps } = fakeClient({ maxRetryAfterMs: 300_000 });
    await client.getJson(listUrl());
    expect(sleeps).toEqual([120_000]);
  });
});

describe("5xx and network failures", () => {
  it("503 then success: one backoff", async () => {
    api.fail(LIST, 503);
    const { client, sleeps } = fakeClient();
    await expect(client.getJson(listUrl())).resolves.toMatchObject({ items: [{ id: "work" }] });
    expect([sleeps, apiRequests().length]).toEqual([[500], 2]);
  });

  it("503 with Retry-After: 3 waits 3000 ms", async () => {
    api.fail(LIST, 503, { headers: { "retry-after": "3" } });
    const { client, sleeps } = fakeClient();
    await client.getJson(listUrl());
    expect(sleeps).toEqual([3000]);
  });

  it.each([500, 502, 504])("%i then success is retried", async (status) => {
    api.fail(LIST, status);
    const { client, sleeps } = fakeClient();
    await client.getJson(listUrl());
    expect(sleeps).toEqual([500]);
  });

  it("503 past the retries is UNAVAILABLE, with the status", async () => {
    api.fail(LIST, 503, { times: 4 });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, sleeps]).toEqual(["UNAVAILABLE", 503, [500, 1000, 2000]]);
    expect(e.message).toContain("HTTP 503");
  });

  it("a refused connection is retried, then UNAVAILABLE", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(`http://127.0.0.1:${port}/calendar/v3/users/me/calendarList`));
    expect([e.code, sleeps, client.requests]).toEqual(["UNAVAILABLE", [500, 1000, 2000], 4]);
    expect(e.message).toMatch(/^Google Calendar could not be reached/);
  });
  it("a server that does not answer within timeoutMs is retried, then UNAVAILABLE", async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { client, sleeps } = fakeClient({ timeoutMs: 50, maxRetries: 1 });
      const e = await failureOf(client.getJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}/calendar/v3/users/me/calendarList`));
      expect([e.code, sleeps, client.requests]).toEqual(["UNAVAILABLE", [500], 2]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("answers that are not the API's", () => {
  it("404 and 410 are CALENDAR_GONE", async () => {
    const { client } = fakeClient();
    const e = await failureOf(googleEvents(client, "deleted@group.calendar.google.com", { from: ms("2027-01-01T00:00:00Z"), to: ms("2027-02-01T00:00:00Z") }, { endpoints: { calendarApi: api.googleApi } }));
    expect([e.code, e.status]).toEqual(["CALENDAR_GONE", 404]);
    api.fail(LIST, 410);
    const gone = await failureOf(client.getJson(listUrl()));
    expect([gone.code, gone.status]).toEqual(["CALENDAR_GONE", 410]);
  });

  it("400 is BAD_RESPONSE with the provider's message, not retried", async () => {
    api.fail(LIST, 400, { body: { error: { code: 400, message: "Bad Request", errors: [{ reason: "badRequest" }] } } });
    const { client, sleeps } = fakeClient();
    const e = await failureOf(client.getJson(listUrl()));
    expect([e.code, e.status, sleeps]).toEqual(["BAD_RESPONSE", 400, []]);
    expect(e.message).toBe("Google Calendar answered HTTP 400 (Bad Request: badRequest).");
  });

  it("events that are not a list are BAD_RESPONSE", async () => {
    api.fail(/\/events$/, 200, { body: { kind: "calendar#events", items: { not: "a list" } } });
    const { client } = fakeClient();
    const e = await failureOf(googleEvents(client, "work", { from: ms("2027-01-01T00:00:00Z"), to: ms("2027-02-01T00:00:00Z") }, { endpoints: { calendarApi: api.googleApi } }));
    expect(e.code).toBe("BAD_RESPONSE");
  });

  it("a 200 whose body is not JSON is BAD_RESPONSE", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>Sign in to continue</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { client } = fakeClient();
      const e = await failureOf(client.getJson(`http://127.0.0.1:${(server.address() as AddressInfo).port}/calendar/v3/users/me/calendarList`));
      expect([e.code, e.status]).toEqual(["BAD_RESPONSE", 200]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a redirect is not followed: the token never reaches the other server", async () => {
    const target = await startFakeCalendarApi({ email: "mallory@example.net", calendars: [] });
    try {
      target.acceptAnyToken = true;
      api.fail(LIST, 302, { headers: { location: `${target.googleApi}/users/me/calendarList` }, times: 4 });
      const { client, sleeps } = fakeClient();
      const e = await failureOf(client.getJson(listUrl()));
      // A 3xx is refused at once (BAD_RESPONSE), not retried as a network failure.
      expect([e.code, e.status, sleeps]).toEqual(["BAD_RESPONSE", 302, []]);
      expect(target.requests).toEqual([]);
    } finally {
      await target.close();
    }
  });
});

describe("retryAfterMs", () => {
  const NOW = ms("2026-10-21T07:27:30Z");

  it("reads delta-seconds", () => {
    expect(retryAfterMs("2", NOW)).toBe(2000);
    expect(retryAfterMs(" 30 ", NOW)).toBe(30_000);
    expect(retryAfterMs("0", NOW)).toBe(0);
  });

  it("reads an HTTP date against the given now", () => {
    expect(retryAfterMs("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).toBe(30_000);
    expect(retryAfterMs("Wed, 21 Oct 2026 07:27:30 GMT", NOW)).toBe(0);
  });

  it("an HTTP date in the past means now, not a negative wait", () => {
    expect(retryAfterMs("Wed, 21 Oct 2026 07:00:00 GMT", NOW)).toBe(0);
  });

  it("absent or unreadable is undefined", () => {
    expect(retryAfterMs(null, NOW)).toBeUndefined();
    expect(retryAfterMs("", NOW)).toBeUndefined();
    expect(retryAfterMs("soon", NOW)).toBeUndefined();
  });

  it("a value that is neither delta-seconds nor an HTTP date is unreadable, not 'retry now'", () => {
    // RFC 9110 §10.2.3: Retry-After = HTTP-date / delta-seconds (1*DIGIT). V8's lenient Date.parse
    // reads "1.5" as 5 January 2001 and "-5" as 1 May 2001, i.e. a wait of 0.
    expect(retryAfterMs("1.5", NOW)).toBeUndefined();
    expect(retryAfterMs("-5", NOW)).toBeUndefined();
  });
});

describe("refreshTokens (OAuth refresh_token grant)", () => {
  it("finds the token endpoint by discovery once per issuer, and dates the expiry from the given now", async () => {
    const own = await startFakeCalendarApi({ email: EMAIL, calendars: [] });
    try {
      own.refreshTokens.set("rt-1", "at-1");
      const now = ms("2027-01-04T15:00:00Z");
      await expect(refreshTokens({ issuer: `${own.issuer}/`, ...OAUTH }, "rt-1", { now })).resolves.toEqual({ accessToken: "at-1", expiresAt: now + 3_599_000 });
      await refreshTokens({ issuer: own.issuer, ...OAUTH }, "rt-1", { now });
      expect(own.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /.well-known/openid-configuration", "POST /token", "POST /token"]);
    } finally {
      await own.close();
    }
  });

  it("returns a rotated refresh token", async () => {
    api.refreshTokens.set("rt-old", "at-2");
    api.rotatedRefreshTokens.set("rt-old", "rt-new");
    const got = await refreshTokens({ issuer: api.issuer, ...OAUTH }, "rt-old", { now: 0 });
    expect(got).toEqual({ accessToken: "at-2", refreshToken: "rt-new", expiresAt: 3_599_000 });
    await expect(refreshTokens({ issuer: api.issuer, ...OAUTH }, "rt-old", { now: 0 })).rejects.toMatchObject({ code: "RECONNECT" });
  });

  it("a token endpoint failing with 5xx is UNAVAILABLE (try later), not RECONNECT", async () => {
    api.refreshTokens.set("rt-1", "at-1");
    api.fail(/^\/token$/, 503);
    await expect(refreshTokens({ issuer: api.issuer, ...OAUTH }, "rt-1")).rejects.toMatchObject({ code: "UNAVAILABLE", status: 503 });
  });

  it("a throttled token endpoint (429) is not a refused grant: try later, do not reconnect", async () => {
    api.refreshTokens.set("rt-1", "at-1");
    api.fail(/^\/token$/, 429, { headers: { "retry-after": "5" }, body: { error: "temporarily_unavailable" } });
    const e = await failureOf(refreshTokens({ issuer: api.issuer, ...OAUTH }, "rt-1"));
    expect(["RATE_LIMITED", "UNAVAILABLE"]).toContain(e.code);
  });

  it("a failed discovery is UNAVAILABLE and is not cached", async () => {
    const own = await startFakeCalendarApi({ email: EMAIL, calendars: [] });
    try {
      own.refreshTokens.set("rt-1", "at-1");
      own.fail(/^\/\.well-known\/openid-configuration$/, 500);
      await expect(refreshTokens({ issuer: own.issuer, ...OAUTH }, "rt-1")).rejects.toMatchObject({ code: "UNAVAILABLE", status: 500 });
      await expect(refreshTokens({ issuer: own.issuer, ...OAUTH }, "rt-1")).resolves.toMatchObject({ accessToken: "at-1" });
    } finally {
      await own.close();
    }
  });
});

describe("providerAppError: provider trouble as the app's error", () => {
  const cases: [ProviderErrorCode, string, number][] = [
    ["RECONNECT", "CALENDAR_RECONNECT", 409],
    ["INSUFFICIENT_SCOPE", "CALENDAR_SCOPE", 403],
    ["RATE_LIMITED", "CALENDAR_PROVIDER_BUSY", 503],
    ["UNAVAILABLE", "CALENDAR_PROVIDER_BUSY", 503],
    ["CALENDAR_GONE", "CALENDAR_PROVIDER_FAILED", 502],
    ["BAD_RESPONSE", "CALENDAR_PROVIDER_FAILED", 502],
  ];
  it.each(cases)("%s → %s (%i), keeping the message, the reason and the cause", (code, appCode, status) => {
    const cause = new ProviderError(code, `Google Calendar said ${code}.`, 418);
    const e = providerAppError(cause);
    expect(e).toBeInstanceOf(AppError);
    expect([e.code, e.status, e.message, e.where, e.detail, e.cause]).toEqual([appCode, status, `Google Calendar said ${code}.`, "connection", { reason: code }, cause]);
  });
});
