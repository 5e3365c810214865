/**
 * ConnectedCalendars (lib/connections) on every store the suite has (SQLite always, PostgreSQL when
 * it answers; under CI=true PostgreSQL is required — tests/helpers/stores.ts), against the fake
 * Google / Graph provider over real sockets: tokens sealed at rest, connections scoped to their user,
 * the access token refreshed (before the first call when it has expired per the injected clock, or
 * after a 401) and persisted sealed, a refused grant marking the connection "reconnect", a calendar
 * deleted since it was picked becoming a note.
 *
 * The clock is injected (TestClock) and never read from the wall; retries sleep through a recorder.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConnectedCalendars, type NewConnection, type ProviderSetup } from "@/lib/connections";
import { SealError, sealingKey, unseal } from "@/lib/connections/seal";
import { ProviderError } from "@/lib/providers/http";
import { startFakeCalendarApi, type FakeCalendar, type FakeCalendarApi, type FakeInstance } from "../helpers/fake-calendar-api";
import { ms } from "../helpers/ics";
import { randomName, storeKinds, TestClock, useStore } from "../helpers/stores";

const KINDS = await storeKinds();

const EMAIL = "ana@example.com";
const KEY = sealingKey("the test server's secret, long enough");
const OTHER_KEY = sealingKey("another server's secret, also long");
const NOW = "2027-01-04T15:00:00Z";
const WINDOW = { from: ms("2027-01-11T00:00:00Z"), to: ms("2027-04-26T00:00:00Z") };

const one = (id: string, start: string, extra: Partial<FakeInstance> = {}): FakeInstance => ({ id, title: id, start, end: new Date(Date.parse(start) + 3_600_000).toISOString(), ...extra });
const CALENDARS: FakeCalendar[] = [
  { id: "ana@example.com", name: "Ana", primary: true, instances: [one("standup", "2027-01-12T14:00:00Z"), one("pitch", "2027-01-13T15:00:00Z", { response: "declined" })] },
  { id: "work", name: "Work", instances: [one("review", "2027-01-14T16:00:00Z"), one("retro", "2027-01-15T16:00:00Z")] },
  { id: "family", name: "Family", instances: [one("dinner", "2027-01-16T23:00:00Z")] },
];

let api: FakeCalendarApi;

beforeAll(async () => {
  api = await startFakeCalendarApi({ email: EMAIL, calendars: CALENDARS });
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.reset();
  api.setAccount({ email: EMAIL, calendars: CALENDARS });
});

function setups(overrides: { issuer?: string } = {}): Partial<Record<"google" | "microsoft", ProviderSetup>> {
  const oauth = { issuer: overrides.issuer ?? api.issuer, clientId: "client-1", clientSecret: "secret-1" };
  return {
    google: { kind: "google", oauth, google: { calendarApi: api.googleApi } },
    microsoft: { kind: "microsoft", oauth, graph: { graphApi: api.graphApi } },
  };
}

function google(overrides: Partial<NewConnection> = {}): NewConnection {
  return { provider: "google", subject: "google-sub-1", email: "Ana@Example.com", mode: "events", scope: "openid email calendar.events.readonly", accessToken: "ya29.first-access", refreshToken: "1//first-refresh", expiresAt: ms("2027-01-04T16:00:00Z"), ...overrides };
}

function microsoft(overrides: Partial<NewConnection> = {}): NewConnection {
  return { provider: "microsoft", subject: "ms-oid-1", email: EMAIL, mode: "events", scope: "openid email offline_access Calendars.ReadBasic", accessToken: "eyJ0.ms-access", refreshToken: "M.R3-refresh", expiresAt: ms("2027-01-04T16:00:00Z"), ...overrides };
}

const apiCalls = () => api.requests.filter((r) => r.path.startsWith("/calendar/v3/") || r.path.startsWith("/v1.0/"));
const tokenCalls = () => api.requests.filter((r) => r.path === "/token");

describe.each(KINDS)("%s store", (kind) => {
  const t = useStore(kind);
  const clock = new TestClock(NOW);
  const sleeps: number[] = [];

  beforeEach(() => {
    clock.set(NOW);
    sleeps.length = 0;
  });

  const connections = (key: Buffer = KEY, setup: { issuer?: string } = {}) =>
    new ConnectedCalendars(t.store, {
      key,
      now: clock.now,
      setups: setups(setup),
      sleep: async (waited) => {
        sleeps.push(waited);
      },
    });
  const newUser = () => t.reports(clock).upsertUser("oidc", randomName("sub-"), null, "Test Learner");
  const rawRow = (id: string) => t.store.db.selectFrom("calendar_connections").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  describe("save", () => {
    it("returns the connection without tokens, and keeps the tokens sealed: the raw row never holds them", async () => {
      const user = await newUser();
      const conn = await connections().save(user, google());
      expect(conn).toEqual({ id: conn.id, provider: "google", accountEmail: "ana@example.com", mode: "events", scope: "openid email calendar.events.readonly", status: "ok", selected: null, createdAt: ms(NOW) });
      expect(JSON.stringify(conn)).not.toMatch(/first-access|first-refresh/);
      const row = await rawRow(conn.id);
      const text = JSON.stringify(row);
      expect(text).not.toContain("ya29.first-access");
      expect(text).not.toContain("1//first-refresh");
      expect(row.access_token).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(unseal(row.access_token, KEY)).toBe("ya29.first-access");
      expect(unseal(row.refresh_token ?? "", KEY)).toBe("1//first-refresh");
      expect(row.expires_at).toBe(ms("2027-01-04T16:00:00Z"));
    });

    it("saving the same account and mode again updates the tokens, keeps the id and the calendars picked, and clears a reconnect", async () => {
      const user = await newUser();
      const cc = connections();
      const first = await cc.save(user, google());
      await cc.select(user, first.id, ["work", "family"]);
      await t.store.db.updateTable("calendar_connections").set({ status: "reconnect" }).where("id", "=", first.id).execute();
      clock.set("2027-01-05T09:00:00Z");
      const again = await cc.save(user, google({ accessToken: "ya29.second-access", refreshToken: undefined, expiresAt: undefined }));
      expect(again).toMatchObject({ id: first.id, selected: ["work", "family"], status: "ok", createdAt: ms(NOW) });
      expect(await cc.list(user)).toHaveLength(1);
      const row = await rawRow(first.id);
      expect(unseal(row.access_token, KEY)).toBe("ya29.second-access");
      // No new refresh token on re-consent: the old one stays.
      expect(unseal(row.refresh_token ?? "", KEY)).toBe("1//first-refresh");
      expect([row.expires_at, row.updated_at]).toEqual([null, ms("2027-01-05T09:00:00Z")]);
    });

    it("the same account in busy-only mode is a connection of its own", async () => {
      const user = await newUser();
      const cc = connections();
      const events = await cc.save(user, google());
      const busy = await cc.save(user, google({ mode: "busy" }));
      expect(busy.id).not.toBe(events.id);
      expect((await cc.list(user)).map((c) => c.mode)).toEqual(["events", "busy"]);
    });
  });

  describe("scoped by user", () => {
    it("list and get see only the user's own connections", async () => {
      const ana = await newUser();
      const bo = await newUser();
      const cc = connections();
      const mine = await cc.save(ana, google());
      clock.advance(1000);
      const mine2 = await cc.save(ana, microsoft());
      const theirs = await cc.save(bo, google({ subject: "google-sub-2", email: "bo@example.com" }));
      expect((await cc.list(ana)).map((c) => c.id)).toEqual([mine.id, mine2.id]);
      expect((await cc.list(bo)).map((c) => c.id)).toEqual([theirs.id]);
      expect(await cc.get(ana, mine.id)).toEqual(mine);
      expect(await cc.get(bo, mine.id)).toBeUndefined();
      expect(await cc.get(ana, theirs.id)).toBeUndefined();
      expect(await cc.get(ana, "no-such-id")).toBeUndefined();
    });

    it("another user can neither select, remove, list the calendars of nor read a connection", async () => {
      const ana = await newUser();
      const bo = await newUser();
      const cc = connections();
      const mine = await cc.save(ana, google());
      await expect(cc.select(bo, mine.id, ["work"])).resolves.toBe(false);
      await expect(cc.remove(bo, mine.id)).resolves.toEqual({ removed: false, revoked: false });
      await expect(cc.calendars(bo, mine.id)).resolves.toBeUndefined();
      await expect(cc.read(bo, mine.id, WINDOW)).resolves.toBeUndefined();
      expect(apiCalls()).toEqual([]);
      expect((await cc.get(ana, mine.id))?.selected).toBeNull();
    });

    it("select keeps each calendar once; remove deletes the row with its tokens", async () => {
      const ana = await newUser();
      const cc = connections();
      const mine = await cc.save(ana, google());
      await expect(cc.select(ana, mine.id, ["work", "family", "work"])).resolves.toBe(true);
      expect((await cc.get(ana, mine.id))?.selected).toEqual(["work", "family"]);
      await expect(cc.remove(ana, mine.id)).resolves.toMatchObject({ removed: true });
      await expect(cc.remove(ana, mine.id)).resolves.toEqual({ removed: false, revoked: false });
      expect(await cc.get(ana, mine.id)).toBeUndefined();
      expect(await t.store.db.selectFrom("calendar_connections").select("id").where("id", "=", mine.id).execute()).toEqual([]);
    });
  });

  describe("calendars", () => {
    it("lists a Google account's calendars with the stored token", async () => {
      api.validTokens.add("ya29.first-access");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      expect(await cc.calendars(ana, conn.id)).toEqual([
        { id: "ana@example.com", name: "Ana", primary: true, access: "owner" },
        { id: "work", name: "Work", primary: false, access: "owner" },
        { id: "family", name: "Family", primary: false, access: "owner" },
      ]);
      expect(apiCalls().map((r) => r.authorization)).toEqual(["Bearer ya29.first-access"]);
    });

    it("a busy-only Google connection has its primary calendar only, without asking Google", async () => {
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ mode: "busy" }));
      expect(await cc.calendars(ana, conn.id)).toEqual([{ id: "primary", name: "Primary calendar (busy times only)", primary: true }]);
      expect(api.requests).toEqual([]);
    });

    it("lists a Microsoft account's calendars", async () => {
      api.validTokens.add("eyJ0.ms-access");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, microsoft());
      expect((await cc.calendars(ana, conn.id))?.map((c) => [c.id, c.primary])).toEqual([
        ["ana@example.com", true],
        ["work", false],
        ["family", false],
      ]);
    });
  });

  describe("read", () => {
    it("without a pick, reads the primary calendar; the account's address is among the learner's", async () => {
      api.validTokens.add("ya29.first-access");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.map((s) => [s.name, s.origin, s.events.map((e) => e.uid), s.notes])).toEqual([["Google: Ana", "connected", ["standup", "pitch"], []]]);
      expect(sources?.[0]?.selfEmails).toEqual(["ana@example.com"]);
    });

    it("reads the picked calendars, one source each", async () => {
      api.validTokens.add("eyJ0.ms-access");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, microsoft());
      await cc.select(ana, conn.id, ["work", "family"]);
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.map((s) => [s.name, s.events.map((e) => e.uid), s.selfEmails])).toEqual([
        ["Outlook: Work", ["review", "retro"], ["ana@example.com"]],
        ["Outlook: Family", ["dinner"], ["ana@example.com"]],
      ]);
    });

    it("a busy-only Google connection reads free/busy of the primary calendar", async () => {
      api.validTokens.add("ya29.first-access");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ mode: "busy" }));
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.map((s) => [s.name, s.events.length, s.events.every((e) => e.summary === undefined), s.selfEmails])).toEqual([["Google busy times (ana@example.com)", 1, true, []]]);
      expect(apiCalls().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /calendar/v3/freeBusy", "POST /calendar/v3/freeBusy"]);
    });

    it("a calendar deleted since it was picked, or whose events are gone (404), is a note; the others are read", async () => {
      api.validTokens.add("ya29.first-access");
      api.fail(/^\/calendar\/v3\/calendars\/family\/events$/, 404, { body: { error: { code: 404, message: "Not Found", errors: [{ domain: "global", reason: "notFound" }] } } });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      await cc.select(ana, conn.id, ["work", "deleted-cal", "family"]);
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.map((s) => [s.name, s.events.map((e) => e.uid), s.notes])).toEqual([
        ["Google: Work", ["review", "retro"], []],
        ["Google: deleted-cal", [], ["Google: deleted-cal no longer exists (deleted or unshared since you picked it); it was left out of this check."]],
        ["Google: Family", [], ["Google: Family no longer exists (deleted or unshared since you picked it); it was left out of this check."]],
      ]);
      expect((await cc.get(ana, conn.id))?.status).toBe("ok");
    });

    it("a Microsoft calendar deleted between listing and reading (ErrorItemNotFound) is a note too", async () => {
      api.validTokens.add("eyJ0.ms-access");
      api.fail(/^\/v1\.0\/me\/calendars\/work\/calendarView$/, 404, { body: { error: { code: "ErrorItemNotFound", message: "The specified object was not found in the store." } } });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, microsoft());
      await cc.select(ana, conn.id, ["work", "family"]);
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.map((s) => [s.name, s.events.length, s.notes.length])).toEqual([
        ["Outlook: Work", 0, 1],
        ["Outlook: Family", 1, 0],
      ]);
    });

    it("more events than the cap: the first 20,000 are read, with a note", async () => {
      api.validTokens.add("ya29.first-access");
      api.pageSize = 2500;
      const from = ms("2027-01-11T00:00:00Z");
      const many = Array.from({ length: 20_001 }, (_, i) => one(`m${i}`, new Date(from + i * 7 * 60_000).toISOString()));
      api.setAccount({ email: EMAIL, calendars: [{ id: "big", name: "Big", primary: true, instances: many }] });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      const [source] = (await cc.read(ana, conn.id, WINDOW)) ?? [];
      expect(source?.events).toHaveLength(20_000);
      expect(source?.notes).toEqual(["Google: Big has more than 20,000 events in this term; only the first 20,000 were read."]);
    });
  });

  describe("tokens: refresh, persistence, refusal", () => {
    it("an access token expired per the injected clock is refreshed before the first call, and the new one is saved sealed", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.refreshed");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ expiresAt: ms("2027-01-04T14:59:00Z") }));
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.[0]?.events.map((e) => e.uid)).toEqual(["standup", "pitch"]);
      expect(tokenCalls()).toHaveLength(1);
      expect(apiCalls().every((r) => r.authorization === "Bearer ya29.refreshed")).toBe(true);
      expect(api.requests.some((r) => r.authorization === "Bearer ya29.first-access")).toBe(false);
      const row = await rawRow(conn.id);
      expect(JSON.stringify(row)).not.toContain("ya29.refreshed");
      expect(unseal(row.access_token, KEY)).toBe("ya29.refreshed");
      expect(unseal(row.refresh_token ?? "", KEY)).toBe("1//first-refresh");
      expect([row.expires_at, row.updated_at, row.status]).toEqual([ms(NOW) + 3_599_000, ms(NOW), "ok"]);
    });

    it("a token within a minute of its expiry is refreshed first; one with two minutes left is used", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.refreshed");
      api.validTokens.add("ya29.first-access");
      const ana = await newUser();
      const cc = connections();
      const soon = await cc.save(ana, google({ expiresAt: ms("2027-01-04T15:00:30Z") }));
      await cc.calendars(ana, soon.id);
      expect([tokenCalls().length, apiCalls()[0]?.authorization]).toEqual([1, "Bearer ya29.refreshed"]);
      api.reset();
      api.validTokens.add("ya29.first-access");
      const later = await cc.save(ana, google({ subject: "google-sub-9", expiresAt: ms("2027-01-04T15:02:00Z") }));
      await cc.calendars(ana, later.id);
      expect([tokenCalls().length, apiCalls()[0]?.authorization]).toEqual([0, "Bearer ya29.first-access"]);
    });

    it("401, then a refresh: the new token is used on the retry and saved sealed, so the next read needs no refresh", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.after-401");
      const ana = await newUser();
      const conn = await connections().save(ana, google());
      const sources = await connections().read(ana, conn.id, WINDOW);
      expect(sources?.[0]?.events).toHaveLength(2);
      expect(apiCalls().map((r) => r.authorization)).toEqual(["Bearer ya29.first-access", "Bearer ya29.after-401", "Bearer ya29.after-401"]);
      const row = await rawRow(conn.id);
      expect(JSON.stringify(row)).not.toContain("ya29.after-401");
      expect(unseal(row.access_token, KEY)).toBe("ya29.after-401");
      api.requests.length = 0;
      await connections().read(ana, conn.id, WINDOW);
      expect(tokenCalls()).toEqual([]);
      expect(apiCalls().every((r) => r.authorization === "Bearer ya29.after-401")).toBe(true);
    });

    it("a rotated refresh token (Microsoft) is saved sealed in place of the old one", async () => {
      api.refreshTokens.set("M.R3-refresh", "eyJ0.ms-new");
      api.rotatedRefreshTokens.set("M.R3-refresh", "M.R3-rotated");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, microsoft({ expiresAt: ms("2027-01-04T14:00:00Z") }));
      await cc.read(ana, conn.id, WINDOW);
      const row = await rawRow(conn.id);
      expect(JSON.stringify(row)).not.toMatch(/M\.R3-rotated|eyJ0\.ms-new/);
      expect([unseal(row.access_token, KEY), unseal(row.refresh_token ?? "", KEY)]).toEqual(["eyJ0.ms-new", "M.R3-rotated"]);
    });

    it("a refused grant (invalid_grant) is RECONNECT and marks the connection; saving it again clears the mark", async () => {
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      const failure = await cc.read(ana, conn.id, WINDOW).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ProviderError);
      expect(failure).toMatchObject({ code: "RECONNECT" });
      expect((failure as Error).message).toContain("invalid_grant");
      expect((await cc.get(ana, conn.id))?.status).toBe("reconnect");
      expect((await rawRow(conn.id)).updated_at).toBe(ms(NOW));
      expect(sleeps).toEqual([]);
      const again = await cc.save(ana, google({ accessToken: "ya29.fresh-consent" }));
      expect(again.status).toBe("ok");
      expect((await cc.get(ana, conn.id))?.status).toBe("ok");
    });

    it("a client the token endpoint refuses (invalid_client: the school's secret expired) is the server's problem: not RECONNECT, not marked", async () => {
      api.fail(/^\/token$/, 401, { body: { error: "invalid_client" } });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ expiresAt: ms("2027-01-04T14:00:00Z") }));
      const failure = await cc.read(ana, conn.id, WINDOW).catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: "ProviderError", code: "BAD_RESPONSE" });
      expect((await cc.get(ana, conn.id))?.status).toBe("ok");
    });

    it("an issuer that cannot be reached for its discovery document is UNAVAILABLE (a ProviderError, not a TypeError)", async () => {
      const ana = await newUser();
      const dead = connections(KEY, { issuer: "http://127.0.0.1:1" });
      const conn = await dead.save(ana, google({ expiresAt: ms("2027-01-04T14:00:00Z") }));
      await expect(dead.read(ana, conn.id, WINDOW)).rejects.toMatchObject({ name: "ProviderError", code: "UNAVAILABLE" });
      expect((await dead.get(ana, conn.id))?.status).toBe("ok");
    });

    it("disconnecting revokes the grant at a provider that names a revocation endpoint", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.refreshed");
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      await expect(cc.remove(ana, conn.id)).resolves.toEqual({ removed: true, revoked: true });
      const revoke = api.requests.find((r) => r.path === "/revoke");
      expect(new URLSearchParams(revoke?.body ?? "").get("token")).toBe("1//first-refresh");
      expect(api.refreshTokens.has("1//first-refresh")).toBe(false);
    });

    it("a throttled token endpoint (429) fails the read but does not mark the connection for reconnecting", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.refreshed");
      api.fail(/^\/token$/, 429, { headers: { "retry-after": "5" }, body: { error: "temporarily_unavailable" } });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ expiresAt: ms("2027-01-04T14:00:00Z") }));
      await expect(cc.read(ana, conn.id, WINDOW)).rejects.toBeInstanceOf(ProviderError);
      expect((await cc.get(ana, conn.id))?.status).toBe("ok");
    });

    it("no refresh token and an expired access token: RECONNECT, marked", async () => {
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google({ refreshToken: undefined, expiresAt: ms("2027-01-04T14:00:00Z") }));
      await expect(cc.calendars(ana, conn.id)).rejects.toMatchObject({ name: "ProviderError", code: "RECONNECT" });
      expect((await cc.get(ana, conn.id))?.status).toBe("reconnect");
      expect(api.requests).toEqual([]);
    });

    it("401 again after a successful refresh is RECONNECT", async () => {
      api.refreshTokens.set("1//first-refresh", "ya29.also-refused");
      api.fail(/^\/calendar\/v3\/users\/me\/calendarList$/, 401, { times: 2 });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      await expect(cc.read(ana, conn.id, WINDOW)).rejects.toMatchObject({ name: "ProviderError", code: "RECONNECT", status: 401 });
      expect(tokenCalls()).toHaveLength(1);
      // …and the connection says so, so the page offers Reconnect.
      expect((await cc.get(ana, conn.id))?.status).toBe("reconnect");
    });

    it("429 while reading waits as told (recorded) and the read completes", async () => {
      api.validTokens.add("ya29.first-access");
      api.fail(/\/events$/, 429, { headers: { "retry-after": "2" } });
      const ana = await newUser();
      const cc = connections();
      const conn = await cc.save(ana, google());
      const sources = await cc.read(ana, conn.id, WINDOW);
      expect(sources?.[0]?.events).toHaveLength(2);
      expect(sleeps).toEqual([2000]);
    });

    it("tokens sealed under another key: SealError, saying the server's secret changed", async () => {
      const ana = await newUser();
      const conn = await connections().save(ana, google());
      const elsewhere = connections(OTHER_KEY);
      const failure = await elsewhere.read(ana, conn.id, WINDOW).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SealError);
      expect((failure as Error).message).toBe("A stored token could not be opened (the server's secret changed?). Connect the calendar again.");
      await expect(elsewhere.calendars(ana, conn.id)).rejects.toBeInstanceOf(SealError);
      expect(api.requests).toEqual([]);
      // The connection itself (no tokens) is still listed, marked, so the page offers to reconnect.
      expect((await elsewhere.get(ana, conn.id))?.status).toBe("reconnect");
    });
  });
});
