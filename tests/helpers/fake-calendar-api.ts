/**
 * A real HTTP server on 127.0.0.1 that speaks the parts of Google Calendar API v3 and Microsoft
 * Graph v1.0 that FormatFit calls, plus an OAuth token endpoint (refresh_token grant) and an OpenID
 * discovery document pointing at it. Tests and the e2e suite point FormatFit's configurable
 * endpoints here: the adapters are exercised over sockets, status lines, headers and paging, never
 * through a mock of their own functions.
 *
 * One neutral list of event instances ({@link FakeInstance}) is rendered in each provider's shape:
 * Google `events.list` with `singleEvents=true` (recurringEventId, originalStartTime, self attendee,
 * transparency, eventType) and Graph `calendarView` (seriesMasterId, originalStart, showAs,
 * isCancelled, responseStatus) in UTC.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ProviderClient, ProviderError, type ProviderClientOptions } from "@/lib/providers/http";

export interface FakeInstance {
  /** Instance id; for a series instance, `${seriesId}_${yyyymmdd}`. */
  id: string;
  seriesId?: string;
  /** Original start of a series instance (ISO); defaults to `start`. */
  originalStart?: string;
  title: string;
  /** ISO instant with offset, or YYYY-MM-DD for all-day. */
  start: string;
  end: string;
  allDay?: boolean;
  show?: "busy" | "free" | "tentative" | "oof" | "workingElsewhere";
  /** The learner's own response to an invitation. */
  response?: "accepted" | "declined" | "tentative" | "needsAction";
  cancelled?: boolean;
  /** Google eventType (default "default"). */
  eventType?: "default" | "outOfOffice" | "workingLocation" | "focusTime";
}

export interface FakeCalendar {
  id: string;
  name: string;
  primary?: boolean;
  instances: FakeInstance[];
}

export interface FakeAccount {
  email: string;
  calendars: FakeCalendar[];
}

export interface FakeRequest {
  method: string;
  path: string;
  authorization?: string;
  prefer?: string;
  body?: string;
}

interface Fault {
  match: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  times: number;
}

export interface FakeCalendarApi {
  readonly origin: string;
  /** Google Calendar v3 base: `${origin}/calendar/v3`. */
  readonly googleApi: string;
  /** Graph v1.0 base: `${origin}/v1.0`. */
  readonly graphApi: string;
  /** OpenID issuer whose discovery names `${origin}/token`. */
  readonly issuer: string;
  /** Every request: method, path with query, Authorization and Prefer headers, and a POST's body. */
  readonly requests: FakeRequest[];
  /** Access tokens accepted (empty set + acceptAnyToken: any non-revoked token). */
  readonly validTokens: Set<string>;
  /** Tokens answered with 401 (expired or revoked). */
  readonly revokedTokens: Set<string>;
  /** Refresh tokens the token endpoint accepts, with the access token each gives. */
  readonly refreshTokens: Map<string, string>;
  /**
   * Refresh tokens that rotate (as Microsoft's do): using one answers with the new refresh token
   * given here too, and the old one stops working (the new one then gives the same access token).
   */
  readonly rotatedRefreshTokens: Map<string, string>;
  acceptAnyToken: boolean;
  /**
   * Several accounts behind one API, as at Google or Microsoft: a request whose bearer token is
   * here sees that account; any other token sees the one given to start (or {@link setAccount}).
   */
  readonly accountsByToken: Map<string, FakeAccount>;
  /** Page sizes (smaller than the real ones, so paging happens with little data). */
  pageSize: number;
  /** The next `times` requests whose path matches answer `status` (with headers/body). */
  fail(match: RegExp, status: number, options?: { headers?: Record<string, string>; body?: unknown; times?: number }): void;
  setAccount(account: FakeAccount): void;
  /** Back to a fresh state between tests: no requests, tokens, per-token accounts or pending faults; page size 100 (the account set stays). */
  reset(): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const ms = (s: string) => (isDate(s) ? Date.parse(`${s}T00:00:00Z`) : Date.parse(s));

function googleDate(s: string, zone = "America/New_York") {
  return isDate(s) ? { date: s } : { dateTime: s, timeZone: zone };
}

function toGoogle(i: FakeInstance, email: string) {
  return {
    kind: "calendar#event",
    id: i.id,
    status: i.cancelled ? "cancelled" : i.show === "tentative" ? "tentative" : "confirmed",
    summary: i.title,
    start: googleDate(i.start),
    end: googleDate(i.end),
    ...(i.show === "free" ? { transparency: "transparent" } : {}),
    eventType: i.eventType ?? (i.show === "oof" ? "outOfOffice" : "default"),
    ...(i.seriesId ? { recurringEventId: i.seriesId, originalStartTime: googleDate(i.originalStart ?? i.start) } : {}),
    ...(i.response
      ? {
          attendees: [
            { email: "organizer@example.com", organizer: true, responseStatus: "accepted" },
            { email, self: true, responseStatus: i.response },
          ],
          organizer: { email: "organizer@example.com" },
        }
      : { organizer: { email, self: true } }),
  };
}

/** Graph's UTC dateTime form: "2027-01-05T14:00:00.0000000". */
function graphUtc(s: string): string {
  return `${new Date(ms(s)).toISOString().slice(0, 19)}.0000000`;
}

function toGraph(i: FakeInstance) {
  return {
    id: i.id,
    subject: i.title,
    isAllDay: i.allDay === true,
    start: { dateTime: graphUtc(i.start), timeZone: "UTC" },
    end: { dateTime: graphUtc(i.end), timeZone: "UTC" },
    showAs: i.show ?? "busy",
    isCancelled: i.cancelled === true,
    responseStatus: { response: i.response === "tentative" ? "tentativelyAccepted" : i.response === "needsAction" ? "notResponded" : (i.response ?? "organizer"), time: "0001-01-01T00:00:00Z" },
    type: i.seriesId ? (i.originalStart && i.originalStart !== i.start ? "exception" : "occurrence") : "singleInstance",
    ...(i.seriesId ? { seriesMasterId: i.seriesId, originalStart: new Date(ms(i.originalStart ?? i.start)).toISOString() } : {}),
  };
}

/**
 * Starts the fake provider on 127.0.0.1 (a free port).
 *
 * @example
 * const api = await startFakeCalendarApi({ email: "ana@example.com", calendars: [work] });
 * api.validTokens.add("tok"); // then point GOOGLE_CALENDAR_API at api.googleApi
 */
export async function startFakeCalendarApi(initial: FakeAccount): Promise<FakeCalendarApi> {
  let account = initial;
  const faults: Fault[] = [];
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const api: FakeCalendarApi = {
    origin,
    googleApi: `${origin}/calendar/v3`,
    graphApi: `${origin}/v1.0`,
    issuer: origin,
    requests: [],
    validTokens: new Set(),
    revokedTokens: new Set(),
    refreshTokens: new Map(),
    rotatedRefreshTokens: new Map(),
    accountsByToken: new Map(),
    acceptAnyToken: false,
    pageSize: 100,
    fail(match, status, options = {}) {
      faults.push({ match, status, times: options.times ?? 1, ...(options.headers ? { headers: options.headers } : {}), ...(options.body !== undefined ? { body: options.body } : {}) });
    },
    setAccount(a) {
      account = a;
    },
    reset() {
      api.requests.length = 0;
      api.validTokens.clear();
      api.revokedTokens.clear();
      api.refreshTokens.clear();
      api.rotatedRefreshTokens.clear();
      api.accountsByToken.clear();
      api.acceptAnyToken = false;
      api.pageSize = 100;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const page = <T,>(items: T[], token: string | null): { slice: T[]; next?: string } => {
    const at = token ? Number(token) : 0;
    const slice = items.slice(at, at + api.pageSize);
    return at + api.pageSize < items.length ? { slice, next: String(at + api.pageSize) } : { slice };
  };

  const inRange = (i: FakeInstance, from: number, to: number) => ms(i.start) < to && ms(i.end) > from;

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? "/", origin);
      const body = req.method === "POST" ? await readBody(req) : undefined;
      api.requests.push({
        method: req.method ?? "GET",
        path: `${url.pathname}${url.search}`,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        ...(typeof req.headers.prefer === "string" ? { prefer: req.headers.prefer } : {}),
        ...(body !== undefined ? { body } : {}),
      });
      const fault = faults.find((f) => f.times > 0 && f.match.test(url.pathname));
      if (fault) {
        fault.times--;
        send(res, fault.status, fault.body ?? { error: { code: fault.status, message: `fake fault ${fault.status}` } }, fault.headers);
        return;
      }

      // OpenID discovery and the token endpoint (refresh grant only).
      if (url.pathname === "/.well-known/openid-configuration") {
        send(res, 200, { issuer: origin, token_endpoint: `${origin}/token`, revocation_endpoint: `${origin}/revoke`, authorization_endpoint: `${origin}/authorize`, jwks_uri: `${origin}/jwks` });
        return;
      }
      if (url.pathname === "/revoke" && req.method === "POST") {
        // RFC 7009: the token stops working, refresh tokens and the access tokens they gave too.
        const token = new URLSearchParams(body ?? "").get("token") ?? "";
        const access = api.refreshTokens.get(token);
        api.refreshTokens.delete(token);
        api.revokedTokens.add(token);
        if (access) api.revokedTokens.add(access);
        send(res, 200, {});
        return;
      }
      if (url.pathname === "/token" && req.method === "POST") {
        const form = new URLSearchParams(body ?? "");
        const rt = form.get("refresh_token") ?? "";
        const access = api.refreshTokens.get(rt);
        if (form.get("grant_type") !== "refresh_token" || !access || !form.get("client_id") || !form.get("client_secret")) {
          send(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
          return;
        }
        api.validTokens.add(access);
        api.revokedTokens.delete(access);
        const rotated = api.rotatedRefreshTokens.get(rt);
        if (rotated !== undefined) {
          api.refreshTokens.delete(rt);
          api.rotatedRefreshTokens.delete(rt);
          api.refreshTokens.set(rotated, access);
        }
        send(res, 200, { access_token: access, expires_in: 3599, token_type: "Bearer", scope: form.get("scope") ?? "", ...(rotated !== undefined ? { refresh_token: rotated } : {}) });
        return;
      }

      const auth = req.headers.authorization ?? "";
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
      const ok = token !== "" && !api.revokedTokens.has(token) && (api.validTokens.has(token) || api.acceptAnyToken);
      if (!ok) {
        send(res, 401, { error: { code: 401, message: "Request had invalid authentication credentials.", status: "UNAUTHENTICATED" } }, { "www-authenticate": 'Bearer error="invalid_token"' });
        return;
      }
      const who = api.accountsByToken.get(token) ?? account;

      // Google Calendar v3
      if (url.pathname === "/calendar/v3/users/me/calendarList") {
        const items = who.calendars.map((c) => ({ kind: "calendar#calendarListEntry", id: c.id, summary: c.name, accessRole: "owner", ...(c.primary ? { primary: true } : {}) }));
        const p = page(items, url.searchParams.get("pageToken"));
        send(res, 200, { kind: "calendar#calendarList", items: p.slice, ...(p.next ? { nextPageToken: p.next } : {}) });
        return;
      }
      const gEvents = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(url.pathname);
      if (gEvents) {
        const id = decodeURIComponent(gEvents[1] as string);
        const cal = who.calendars.find((c) => c.id === id || (id === "primary" && c.primary));
        if (!cal) {
          send(res, 404, { error: { code: 404, message: "Not Found", errors: [{ reason: "notFound" }] } });
          return;
        }
        if (url.searchParams.get("singleEvents") !== "true") {
          send(res, 400, { error: { code: 400, message: "this fake serves singleEvents=true only" } });
          return;
        }
        const from = Date.parse(url.searchParams.get("timeMin") ?? "1970-01-01T00:00:00Z");
        const to = Date.parse(url.searchParams.get("timeMax") ?? "2100-01-01T00:00:00Z");
        const showDeleted = url.searchParams.get("showDeleted") === "true";
        const items = cal.instances.filter((i) => inRange(i, from, to) && (showDeleted || !i.cancelled)).map((i) => toGoogle(i, who.email));
        const size = Math.min(api.pageSize, Number(url.searchParams.get("maxResults") ?? 250));
        const at = Number(url.searchParams.get("pageToken") ?? 0);
        const slice = items.slice(at, at + size);
        send(res, 200, { kind: "calendar#events", summary: cal.name, timeZone: "America/New_York", items: slice, ...(at + size < items.length ? { nextPageToken: String(at + size) } : {}) });
        return;
      }
      if (url.pathname === "/calendar/v3/freeBusy" && req.method === "POST") {
        const query = JSON.parse(body ?? "{}") as { timeMin: string; timeMax: string; items: { id: string }[] };
        const from = Date.parse(query.timeMin);
        const to = Date.parse(query.timeMax);
        if (to - from > 92 * 86_400_000) {
          send(res, 400, { error: { code: 400, message: "The requested time range is too long.", errors: [{ reason: "timeRangeEmpty" }] } });
          return;
        }
        const calendars: Record<string, unknown> = {};
        for (const { id } of query.items) {
          const cal = who.calendars.find((c) => c.id === id || (id === "primary" && c.primary));
          if (!cal) {
            calendars[id] = { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
            continue;
          }
          const busy = cal.instances
            .filter((i) => !i.cancelled && i.show !== "free" && i.response !== "declined" && !i.allDay && inRange(i, from, to))
            .map((i) => ({ start: new Date(Math.max(from, ms(i.start))).toISOString(), end: new Date(Math.min(to, ms(i.end))).toISOString() }));
          calendars[id] = { busy };
        }
        send(res, 200, { kind: "calendar#freeBusy", timeMin: query.timeMin, timeMax: query.timeMax, calendars });
        return;
      }

      // Microsoft Graph v1.0
      if (url.pathname === "/v1.0/me/calendars") {
        const items = who.calendars.map((c) => ({ id: c.id, name: c.name, isDefaultCalendar: c.primary === true, canEdit: true }));
        const p = page(items, url.searchParams.get("$skiptoken"));
        send(res, 200, { value: p.slice, ...(p.next ? { "@odata.nextLink": `${origin}/v1.0/me/calendars?$skiptoken=${p.next}` } : {}) });
        return;
      }
      const gView = /^\/v1\.0\/me\/calendars\/([^/]+)\/calendarView$/.exec(url.pathname);
      if (gView) {
        const id = decodeURIComponent(gView[1] as string);
        const cal = who.calendars.find((c) => c.id === id);
        if (!cal) {
          send(res, 404, { error: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." } });
          return;
        }
        if (!/outlook\.timezone="UTC"/.test(String(req.headers.prefer ?? ""))) {
          send(res, 400, { error: { code: "FakeNeedsUtc", message: 'this fake answers only with Prefer: outlook.timezone="UTC"' } });
          return;
        }
        const from = Date.parse(url.searchParams.get("startDateTime") ?? "");
        const to = Date.parse(url.searchParams.get("endDateTime") ?? "");
        if (Number.isNaN(from) || Number.isNaN(to)) {
          send(res, 400, { error: { code: "ErrorInvalidParameter", message: "startDateTime and endDateTime are required." } });
          return;
        }
        const items = cal.instances.filter((i) => inRange(i, from, to)).map(toGraph);
        const p = page(items, url.searchParams.get("$skiptoken"));
        const next = new URL(url.toString());
        if (p.next) next.searchParams.set("$skiptoken", p.next);
        send(res, 200, { "@odata.context": `${origin}/v1.0/$metadata#Collection(event)`, value: p.slice, ...(p.next ? { "@odata.nextLink": next.toString() } : {}) });
        return;
      }
      send(res, 404, { error: { code: 404, message: `the fake does not serve ${url.pathname}` } });
    })().catch((e: unknown) => send(res, 500, { error: { code: 500, message: String(e) } }));
  });
  return api;
}

/** YYYYMMDD of an ISO string's date part. */
const compact = (iso: string) => iso.slice(0, 10).replace(/-/g, "");

/**
 * A weekly series as instances: `count` weeks from `firstStart` (ISO with offset, same offset kept:
 * give dates on one side of a DST change or build two series), minus `cancelledDates` (YYYY-MM-DD,
 * marked cancelled), with `moved` instances re-timed.
 */
export function weekly(seriesId: string, title: string, firstStart: string, minutes: number, count: number, extra: Partial<Omit<FakeInstance, "cancelled">> & { cancelledDates?: string[]; moved?: Record<string, string> } = {}): FakeInstance[] {
  const out: FakeInstance[] = [];
  const { cancelledDates = [], moved = {}, ...rest } = extra;
  const offset = firstStart.slice(19);
  for (let k = 0; k < count; k++) {
    const t = Date.parse(firstStart) + k * 7 * 86_400_000;
    const local = new Date(t + offsetMs(offset)).toISOString().slice(0, 19) + offset;
    const date = local.slice(0, 10);
    const movedTo = moved[date];
    const start = movedTo ?? local;
    const end = new Date(Date.parse(start) + minutes * 60_000 + offsetMs(offset)).toISOString().slice(0, 19) + offset;
    out.push({ ...rest, id: `${seriesId}_${compact(local)}`, seriesId, originalStart: local, title, start, end, ...(cancelledDates.includes(date) ? { cancelled: true } : {}) });
  }
  return out;
}

function offsetMs(offset: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!m) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/**
 * A {@link ProviderClient} for tests: a fixed access token (unless `accessToken` is given), a
 * `refresh` that refuses (RECONNECT) unless given, and a `sleep` that records each wait instead of
 * waiting, so retries are instant and their waits can be asserted.
 *
 * @example
 * const { client, sleeps } = fakeClient({ token: "tok" });
 */
export function fakeClient(options: { token?: string } & Partial<ProviderClientOptions> = {}): { client: ProviderClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const { token = "tok", ...rest } = options;
  const client = new ProviderClient({
    label: "Google Calendar",
    accessToken: async () => token,
    refresh: async () => {
      throw new ProviderError("RECONNECT", "this test client has no refresh token");
    },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...rest,
  });
  return { client, sleeps };
}
