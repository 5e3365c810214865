/**
 * Reports' authorization at the HTTP level, against the production server (no browser: requests
 * are built by hand so every header is the test's choice). Owners are anonymous browsers (the
 * `ff_owner` cookie that POST /api/reports sets) and people signed in through a loopback OpenID
 * Connect provider (tests/e2e/oidc.ts).
 *
 *  - another owner's report id is a 404 on every page and route, exactly like a missing id;
 *  - a mutation without an Origin, or from another origin, is a 403 and changes nothing; from
 *    the app's own origin it goes through;
 *  - share links: unknown 404, revoked 410, expired 410 (a second server whose reports live
 *    seconds: a link never outlives its report, and POST …/links only takes whole days);
 *  - advisor routes: 401 signed out, 403 for a non-advisor, 404 for an advisor the report is
 *    not shared with; an unverified address never becomes an advisor;
 *  - the x-middleware-subrequest header (CVE-2025-29927) bypasses nothing: the checks are in the
 *    pages and the data layer, not only in middleware.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { repoRoot, startIsolatedServer, type E2EServer } from "./harness";
import { signInEnv, signInFlow, signInWithFetch, startOidc, type MockOidc, type OidcUser } from "./oidc";

const LEARNER_ICS = readFileSync(join(repoRoot, "tests", "fixtures", "ics", "learner-spring-2027.ics"));
const ADVISOR: OidcUser = { sub: "oidc-advisor-1", email: "advisor@school.example", email_verified: true, name: "Avery Advisor" };
const ADVISOR_2: OidcUser = { sub: "oidc-advisor-2", email: "advisor2@school.example", email_verified: true, name: "Blake Advisor" };
const CAROL: OidcUser = { sub: "oidc-carol", email: "carol@home.example", email_verified: true, name: "Carol Learner" };
const EVIL = "https://evil.example";
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Values of x-middleware-subrequest that bypassed middleware in vulnerable Next.js versions. */
const SUBREQUEST_VALUES = [
  "middleware",
  "src/middleware",
  "pages/_middleware",
  "middleware:middleware:middleware:middleware:middleware",
  "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
];

interface Call {
  cookie?: string | undefined;
  /** The Origin header; omitted when undefined. */
  origin?: string | undefined;
  headers?: Record<string, string>;
  json?: unknown;
  body?: BodyInit;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

function makeClient(baseUrl: () => string) {
  return async function call(method: string, path: string, c: Call = {}): Promise<Answer> {
    const headers = new Headers(c.headers);
    if (c.cookie) headers.set("cookie", c.cookie);
    if (c.origin !== undefined) headers.set("origin", c.origin);
    let body: BodyInit | undefined = c.body;
    if (c.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(c.json);
    }
    const res = await fetch(`${baseUrl()}${path}`, { method, headers, redirect: "manual", signal: AbortSignal.timeout(60_000), ...(body === undefined ? {} : { body }) });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, text, json };
  };
}

/** The multipart form the check page sends when saving (same fields as POST /api/check, plus title). */
function saveForm(title: string): FormData {
  const form = new FormData();
  form.append("calendar", new Blob([LEARNER_ICS], { type: "text/calendar" }), "learner-spring-2027.ics");
  form.append("course", "PM-101");
  form.append("details", "true");
  form.append("preferences", JSON.stringify({ timeZone: "America/New_York" }));
  form.append("title", title);
  return form;
}

function errorCode(a: Answer): string | undefined {
  return (a.json as { error?: { code?: string } } | null)?.error?.code;
}

function ownerCookieFrom(a: Answer): string {
  const line = a.headers.getSetCookie().find((l) => l.startsWith("ff_owner="));
  if (!line) throw new Error(`no ff_owner cookie in the answer (status ${a.status}): ${a.headers.getSetCookie().join(" | ")}`);
  return line.split(";")[0] ?? "";
}

describe("reports authorization over HTTP", () => {
  let oidc: MockOidc | undefined;
  let server: E2EServer | undefined;
  const base = () => {
    if (!server) throw new Error("the server did not start");
    return server.baseUrl;
  };
  const call = makeClient(base);

  // Who is who (cookie headers).
  let alice = ""; // anonymous browser
  let bob = ""; // another anonymous browser
  let carol = ""; // signed in, not an advisor
  let advisor = ""; // signed in, advisor@school.example
  let advisor2 = ""; // signed in, another advisor

  /** Saves a report as `cookie` (or a new anonymous owner when empty); returns its id and the owner cookie. */
  async function save(cookie: string, title: string): Promise<{ id: string; cookie: string }> {
    const a = await call("POST", "/api/reports", { cookie, origin: base(), body: saveForm(title) });
    expect(a.status, `POST /api/reports: ${a.text.slice(0, 300)}`).toBe(201);
    const id = (a.json as { id: string }).id;
    return { id, cookie: cookie || ownerCookieFrom(a) };
  }

  async function createLink(cookie: string, id: string): Promise<{ token: string; linkId: string }> {
    const a = await call("POST", `/api/reports/${id}/links`, { cookie, origin: base(), json: {} });
    expect(a.status, `POST links: ${a.text.slice(0, 300)}`).toBe(201);
    const j = a.json as { token: string; link: { id: string } };
    return { token: j.token, linkId: j.link.id };
  }

  async function linksOf(cookie: string, id: string): Promise<{ id: string; revokedAt: number | null }[]> {
    const a = await call("GET", `/api/reports/${id}/links`, { cookie });
    expect(a.status).toBe(200);
    return (a.json as { links: { id: string; revokedAt: number | null }[] }).links;
  }

  /** The owner's page: status and the title in its <h1>, and how many advisor notes it shows. */
  async function ownerView(cookie: string, id: string): Promise<{ status: number; title: string | undefined; notes: number; text: string }> {
    const a = await call("GET", `/reports/${id}`, { cookie });
    const raw = /<h1 id="manage-h">([^<]*)<\/h1>/.exec(a.text)?.[1];
    const title = raw?.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return { status: a.status, title, notes: (a.text.match(/<blockquote>/g) ?? []).length, text: a.text };
  }

  async function reportCount(cookie: string): Promise<number> {
    const a = await call("GET", "/reports", { cookie });
    expect(a.status).toBe(200);
    return new Set(a.text.match(/href="\/reports\/[A-Za-z0-9_-]{22}"/g) ?? []).size;
  }

  beforeAll(async () => {
    oidc = await startOidc();
    const provider = oidc;
    server = await startIsolatedServer("authz", { env: signInEnv(provider, [ADVISOR.email, ADVISOR_2.email]) });
    alice = (await save("", "Alice spring options")).cookie;
    bob = (await save("", "Bob spring options")).cookie;
    carol = (await signInWithFetch(base(), provider, CAROL)).header();
    advisor = (await signInWithFetch(base(), provider, ADVISOR)).header();
    advisor2 = (await signInWithFetch(base(), provider, ADVISOR_2)).header();
  });

  afterAll(async () => {
    await server?.stop();
    await oidc?.stop();
  });

  test("the anonymous owner cookie from POST /api/reports is HttpOnly, SameSite=Lax, a 256-bit token (not Secure: FORMATFIT_INSECURE_COOKIES on plain http)", async () => {
    const a = await call("POST", "/api/reports", { origin: base(), body: saveForm("cookie check") });
    expect(a.status).toBe(201);
    expect(a.headers.get("cache-control")).toBe("no-store");
    const line = a.headers.getSetCookie().find((l) => l.startsWith("ff_owner=")) ?? "";
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Lax/i);
    expect(line).toMatch(/;\s*Path=\//i);
    expect(line).not.toMatch(/;\s*Secure/i);
    expect(ownerCookieFrom(a).slice("ff_owner=".length)).toMatch(TOKEN_SHAPE);
    const { id, url } = a.json as { id: string; url: string };
    expect(url).toBe(`/reports/${id}`);
  });

  test("the manage link only asks on GET; only a same-origin POST moves the key into this browser (a link on another site cannot plant someone else's key)", async () => {
    const saved = await save("", "claim check");
    const key = saved.cookie.slice("ff_owner=".length);
    const get = await call("GET", `/reports/claim?key=${key}`);
    expect(get.status).toBe(200);
    expect(get.headers.getSetCookie().some((l) => l.startsWith("ff_owner="))).toBe(false);
    expect(get.text).toMatch(/Use your saved reports on this browser\?/);
    expect(get.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    const form = () => new URLSearchParams({ key });
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    for (const origin of [undefined, EVIL]) {
      const refused = await call("POST", "/reports/claim", { origin, headers, body: form() });
      expect(refused.status).toBe(403);
      expect(refused.headers.getSetCookie().some((l) => l.startsWith("ff_owner="))).toBe(false);
    }
    const ok = await call("POST", "/reports/claim", { origin: base(), headers, body: form() });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/reports");
    expect(ok.headers.getSetCookie().find((l) => l.startsWith("ff_owner="))).toMatch(new RegExp(`^ff_owner=${key};`));
    const bad = await call("GET", "/reports/claim?key=short");
    expect(bad.status).toBe(400);
  });

  test("pages cannot be framed by another site", async () => {
    for (const path of ["/", "/check", "/reports", "/catalog"]) {
      const a = await call("GET", path);
      expect(a.headers.get("x-frame-options"), path).toBe("DENY");
      expect(a.headers.get("content-security-policy"), path).toMatch(/frame-ancestors 'none'/);
    }
  });

  test("POST /api/reports is refused (403) without an Origin, from another origin, from 'null' or another port; nothing is saved", async () => {
    const before = await reportCount(alice);
    const otherPort = `http://127.0.0.1:${Number(new URL(base()).port) === 65535 ? 65534 : Number(new URL(base()).port) + 1}`;
    const refused: { label: string; origin?: string; headers?: Record<string, string> }[] = [
      { label: "no Origin" },
      { label: "foreign Origin", origin: EVIL },
      { label: "Origin null", origin: "null" },
      { label: "same host, other port", origin: otherPort },
      { label: "https on the same host", origin: base().replace("http:", "https:").replace(/:\d+$/, "") },
      { label: "no Origin, Sec-Fetch-Site cross-site", headers: { "sec-fetch-site": "cross-site" } },
      { label: "no Origin, Sec-Fetch-Site same-site", headers: { "sec-fetch-site": "same-site" } },
      { label: "foreign Origin claiming Sec-Fetch-Site same-origin", origin: EVIL, headers: { "sec-fetch-site": "same-origin" } },
    ];
    for (const r of refused) {
      const a = await call("POST", "/api/reports", { cookie: alice, origin: r.origin, ...(r.headers ? { headers: r.headers } : {}), body: saveForm(`refused: ${r.label}`) });
      expect(a.status, r.label).toBe(403);
      expect(errorCode(a), r.label).toBe("FORBIDDEN");
      expect(a.headers.getSetCookie().some((l) => l.startsWith("ff_owner=")), `${r.label}: no owner cookie handed out`).toBe(false);
    }
    // A cookieless cross-site POST does not even get an owner.
    const anon = await call("POST", "/api/reports", { origin: EVIL, body: saveForm("cookieless") });
    expect(anon.status).toBe(403);
    expect(anon.headers.getSetCookie()).toEqual([]);

    expect(await reportCount(alice), "reports after the refused requests").toBe(before);
    const list = await call("GET", "/reports", { cookie: alice });
    expect(list.text).not.toContain("refused:");

    // From the app's own origin it goes through.
    const ok = await call("POST", "/api/reports", { cookie: alice, origin: base(), body: saveForm("accepted") });
    expect(ok.status).toBe(201);
    expect(await reportCount(alice)).toBe(before + 1);
  });

  test("another owner's report is a 404 on the page and every route (anonymous, signed-in or no cookie), the same 404 as a missing id; the owner's report is untouched", async () => {
    const title = "Alice private report";
    const { id } = await save(alice, title);
    const { token, linkId } = await createLink(alice, id);
    const missing = randomBytes(16).toString("base64url");

    const strangers: [string, string][] = [
      ["Bob (another anonymous browser)", bob],
      ["Carol (signed in)", carol],
      ["an advisor it is not shared with", advisor],
      ["no cookie", ""],
    ];
    for (const [who, cookie] of strangers) {
      const page = await call("GET", `/reports/${id}`, { cookie });
      expect(page.status, `${who}: GET /reports/{id}`).toBe(404);
      expect(page.text, `${who}: the page leaks the title`).not.toContain(title);

      const routes: [string, string, unknown][] = [
        ["PATCH", `/api/reports/${id}`, { title: "pwned" }],
        ["DELETE", `/api/reports/${id}`, undefined],
        ["GET", `/api/reports/${id}/links`, undefined],
        ["POST", `/api/reports/${id}/links`, {}],
        ["DELETE", `/api/reports/${id}/links/${linkId}`, undefined],
        ["POST", `/api/reports/${id}/advisors`, { email: "mallory@evil.example" }],
        ["DELETE", `/api/reports/${id}/advisors`, { email: "mallory@evil.example" }],
      ];
      for (const [method, path, json] of routes) {
        const a = await call(method, path, { cookie, origin: base(), ...(json === undefined ? {} : { json }) });
        expect(a.status, `${who}: ${method} ${path.replace(id, "{id}")}`).toBe(404);
        expect(errorCode(a)).toBe("NOT_FOUND");
        expect(a.text).not.toContain(title);
        // Indistinguishable from an id that does not exist.
        const m = await call(method, path.replace(id, missing), { cookie, origin: base(), ...(json === undefined ? {} : { json }) });
        expect(m.status, `${who}: ${method} on a missing id`).toBe(404);
        expect(a.json, `${method} ${path.replace(id, "{id}")}: someone else's vs missing`).toEqual(m.json);
      }
    }

    // Nothing happened to it.
    const view = await ownerView(alice, id);
    expect(view.status).toBe(200);
    expect(view.title).toBe(title);
    const links = await linksOf(alice, id);
    expect(links.map((l) => [l.id, l.revokedAt])).toEqual([[linkId, null]]);
    expect((await call("GET", `/share/${token}`)).status, "the share link still works").toBe(200);
    const shared = await call("GET", "/advisor", { cookie: advisor });
    expect(shared.text).not.toContain(title);

    // And the other way round: a signed-in user's report is nobody else's.
    const carols = await save(carol, "Carol signed-in report");
    expect((await call("GET", `/reports/${carols.id}`, { cookie: carol })).status).toBe(200);
    for (const [who, cookie] of [["Alice", alice], ["Bob", bob], ["an advisor", advisor]] as const) {
      expect((await call("GET", `/reports/${carols.id}`, { cookie })).status, `${who} on Carol's report`).toBe(404);
      expect((await call("DELETE", `/api/reports/${carols.id}`, { cookie, origin: base() })).status, `${who} deleting Carol's report`).toBe(404);
    }
    expect((await call("GET", `/reports/${carols.id}`, { cookie: carol })).status).toBe(200);
  });

  test("a person is their OIDC subject, not their email: another account with Carol's address does not get her reports", async () => {
    if (!oidc) throw new Error("no OIDC provider");
    const carols = await save(carol, "Carol report by subject");
    const twin = (await signInWithFetch(base(), oidc, { ...CAROL, sub: "oidc-carol-impostor" })).header();
    expect((await call("GET", `/reports/${carols.id}`, { cookie: twin })).status).toBe(404);
    expect((await call("GET", "/reports", { cookie: twin })).text).not.toContain("Carol report by subject");
    expect((await call("GET", `/reports/${carols.id}`, { cookie: carol })).status).toBe(200);
  });

  test("every mutation without an Origin or from another origin is a 403 (even with the owner's cookie) and changes nothing", async () => {
    const title = "Alice report under CSRF";
    const { id } = await save(alice, title);
    const { token, linkId } = await createLink(alice, id);
    const shared = await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } });
    expect(shared.status).toBe(200);

    const badOrigins: { label: string; origin?: string; headers?: Record<string, string> }[] = [
      { label: "no Origin" },
      { label: "foreign Origin", origin: EVIL },
      { label: "Origin null", origin: "null" },
      { label: "no Origin, Sec-Fetch-Site cross-site", headers: { "sec-fetch-site": "cross-site" } },
    ];
    const mutations: { who: string; method: string; path: string; json?: unknown }[] = [
      { who: alice, method: "PATCH", path: `/api/reports/${id}`, json: { title: "renamed by a forged request" } },
      { who: alice, method: "DELETE", path: `/api/reports/${id}` },
      { who: alice, method: "POST", path: `/api/reports/${id}/links`, json: { expiresInDays: 365 } },
      { who: alice, method: "DELETE", path: `/api/reports/${id}/links/${linkId}` },
      { who: alice, method: "POST", path: `/api/reports/${id}/advisors`, json: { email: "mallory@evil.example" } },
      { who: alice, method: "DELETE", path: `/api/reports/${id}/advisors`, json: { email: ADVISOR.email } },
      { who: advisor, method: "POST", path: `/api/reports/${id}/notes`, json: { body: "a forged note" } },
    ];
    for (const b of badOrigins) {
      for (const m of mutations) {
        const a = await call(m.method, m.path, { cookie: m.who, origin: b.origin, ...(b.headers ? { headers: b.headers } : {}), ...(m.json === undefined ? {} : { json: m.json }) });
        expect(a.status, `${b.label}: ${m.method} ${m.path.replace(id, "{id}")}`).toBe(403);
        expect(errorCode(a)).toBe("FORBIDDEN");
      }
    }

    const view = await ownerView(alice, id);
    expect(view.status, "the report still exists").toBe(200);
    expect(view.title, "not renamed").toBe(title);
    expect(view.notes, "no note was added").toBe(0);
    expect(view.text).not.toContain("mallory@evil.example");
    expect((await linksOf(alice, id)).map((l) => [l.id, l.revokedAt]), "no link added or revoked").toEqual([[linkId, null]]);
    expect((await call("GET", `/share/${token}`)).status).toBe(200);
    const adv = await call("GET", `/advisor/${id}`, { cookie: advisor });
    expect(adv.status, "still shared with the advisor").toBe(200);
  });

  test("from the app's own origin the owner's mutations go through: rename, links, advisors, revoke, delete", async () => {
    const { id } = await save(alice, "Before the rename");
    const renamed = await call("PATCH", `/api/reports/${id}`, { cookie: alice, origin: base(), json: { title: "After the rename" } });
    expect(renamed.status).toBe(200);
    expect((await ownerView(alice, id)).title).toBe("After the rename");

    // A browser that omits Origin but says same-origin (Sec-Fetch-Site) is accepted too.
    const viaFetchMetadata = await call("PATCH", `/api/reports/${id}`, { cookie: alice, headers: { "sec-fetch-site": "same-origin" }, json: { title: "Renamed again" } });
    expect(viaFetchMetadata.status).toBe(200);
    expect((await ownerView(alice, id)).title).toBe("Renamed again");

    const created = await call("POST", `/api/reports/${id}/links`, { cookie: alice, origin: base(), json: { expiresInDays: 7 } });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const { token, path, link } = created.json as { token: string; path: string; link: { id: string; expiresAt: number; createdAt: number } };
    expect(token).toMatch(TOKEN_SHAPE);
    expect(path).toBe(`/share/${token}`);
    expect(link.expiresAt - link.createdAt).toBe(7 * 86_400_000);
    // The token is shown once: the list has the link, never the token.
    const listed = await call("GET", `/api/reports/${id}/links`, { cookie: alice });
    expect(listed.headers.get("cache-control")).toBe("private, no-store");
    expect(listed.text).not.toContain(token);
    expect((await call("GET", path)).status).toBe(200);

    for (const days of [0, 366, 0.5, -1]) {
      const bad = await call("POST", `/api/reports/${id}/links`, { cookie: alice, origin: base(), json: { expiresInDays: days } });
      expect(bad.status, `expiresInDays ${days}`).toBe(400);
    }

    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: "Advisor@School.Example" } })).status).toBe(200);
    expect((await call("GET", `/advisor/${id}`, { cookie: advisor })).status, "shared (the address is matched case-insensitively)").toBe(200);
    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: "not an address" } })).status).toBe(400);

    expect((await call("DELETE", `/api/reports/${id}/links/${link.id}`, { cookie: alice, origin: base() })).status).toBe(204);
    expect((await call("GET", path)).status, "revoked").toBe(410);
    expect((await call("DELETE", `/api/reports/${id}/links/${link.id}`, { cookie: alice, origin: base() })).status, "revoking twice").toBe(404);

    expect((await call("DELETE", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } })).status).toBe(200);
    expect((await call("GET", `/advisor/${id}`, { cookie: advisor })).status, "no longer shared").toBe(404);
    expect((await call("POST", `/api/reports/${id}/notes`, { cookie: advisor, origin: base(), json: { body: "too late" } })).status).toBe(404);

    const live = await createLink(alice, id);
    expect((await call("DELETE", `/api/reports/${id}`, { cookie: alice, origin: base() })).status).toBe(204);
    expect((await ownerView(alice, id)).status, "deleted").toBe(404);
    expect((await call("GET", `/share/${live.token}`)).status, "a deleted report's link opens nothing").not.toBe(200);
    expect((await call("DELETE", `/api/reports/${id}`, { cookie: alice, origin: base() })).status, "deleting twice").toBe(404);
  });

  test("share links: an unknown or malformed token is 404, a revoked one 410 saying so; every answer is uncached, unindexed and without referrer", async () => {
    const { id } = await save(alice, "Shared then withdrawn");
    const { token, linkId } = await createLink(alice, id);

    const checkHeaders = (a: Answer, label: string) => {
      expect(a.headers.get("cache-control"), label).toBe("private, no-store");
      expect(a.headers.get("referrer-policy"), label).toBe("no-referrer");
      expect(a.headers.get("x-robots-tag"), label).toMatch(/noindex/);
      expect(a.headers.get("content-type"), label).toMatch(/^text\/html/);
    };

    const ok = await call("GET", `/share/${token}`);
    expect(ok.status).toBe(200);
    checkHeaders(ok, "200");
    expect(ok.text).toContain("Shared then withdrawn");

    const unknown = await call("GET", `/share/${randomBytes(32).toString("base64url")}`);
    expect(unknown.status).toBe(404);
    checkHeaders(unknown, "unknown token");
    expect(unknown.text).toContain("No report here");

    for (const bad of ["x", `${token}x`, token.slice(0, 42), "%00", "..%2F..%2Fapi%2Freports"]) {
      const a = await call("GET", `/share/${bad}`);
      expect(a.status, `malformed token ${bad}`).toBe(404);
    }

    expect((await call("DELETE", `/api/reports/${id}/links/${linkId}`, { cookie: alice, origin: base() })).status).toBe(204);
    const gone = await call("GET", `/share/${token}`);
    expect(gone.status).toBe(410);
    checkHeaders(gone, "revoked");
    expect(gone.text).toContain("no longer available");
    expect(gone.text).toContain("withdrawn");
    expect(gone.text).not.toContain("Shared then withdrawn");
  });

  test("advisor routes: a note needs a signed-in advisor the report is shared with (401 / 403 / 404 otherwise); the advisor pages likewise", async () => {
    const title = "For the advisor only";
    const { id } = await save(alice, title);
    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } })).status).toBe(200);

    const note = (cookie: string) => call("POST", `/api/reports/${id}/notes`, { cookie, origin: base(), json: { body: "a note" } });
    const signedOut = await note("");
    expect(signedOut.status).toBe(401);
    expect(errorCode(signedOut)).toBe("UNAUTHORIZED");
    expect((await note(alice)).status, "the owner is not an advisor").toBe(401);
    const nonAdvisor = await note(carol);
    expect(nonAdvisor.status, "signed in, not an advisor").toBe(403);
    expect(errorCode(nonAdvisor)).toBe("FORBIDDEN");
    expect((await note(advisor2)).status, "an advisor it is not shared with").toBe(404);
    expect((await ownerView(alice, id)).notes, "no note from any of them").toBe(0);

    const added = await note(advisor);
    expect(added.status).toBe(201);
    expect((await ownerView(alice, id)).notes).toBe(1);
    expect((await call("POST", `/api/reports/${id}/notes`, { cookie: advisor, origin: base(), json: { body: "   " } })).status, "an empty note").toBe(400);

    // Pages.
    const pages: [string, string, number][] = [
      ["signed out", "", 401],
      ["the owner's browser", alice, 401],
      ["signed in, not an advisor", carol, 403],
    ];
    for (const [who, cookie, status] of pages) {
      for (const path of ["/advisor", `/advisor/${id}`]) {
        const a = await call("GET", path, { cookie });
        expect(a.status, `${who}: GET ${path.replace(id, "{id}")}`).toBe(status);
        expect(a.text).not.toContain(title);
      }
    }
    const other = await call("GET", `/advisor/${id}`, { cookie: advisor2 });
    expect(other.status, "an advisor it is not shared with").toBe(404);
    expect(other.text).not.toContain(title);
    expect((await call("GET", "/advisor", { cookie: advisor2 })).text).not.toContain(title);
    const mine = await call("GET", `/advisor/${id}`, { cookie: advisor });
    expect(mine.status).toBe(200);
    expect(mine.text).toContain(title);

    // The advisor reads; the advisor does not manage.
    for (const [method, path, json] of [
      ["PATCH", `/api/reports/${id}`, { title: "advisor renamed" }],
      ["DELETE", `/api/reports/${id}`, undefined],
      ["POST", `/api/reports/${id}/links`, {}],
      ["GET", `/api/reports/${id}/links`, undefined],
    ] as const) {
      expect((await call(method, path, { cookie: advisor, origin: base(), ...(json === undefined ? {} : { json }) })).status, `advisor: ${method} ${path.replace(id, "{id}")}`).toBe(404);
    }
    expect((await call("GET", `/reports/${id}`, { cookie: advisor })).status).toBe(404);
  });

  test("an address the provider has not verified cannot sign in, so it never gets the advisor role", async () => {
    if (!oidc) throw new Error("no OIDC provider");
    await expect(signInWithFetch(base(), oidc, { ...ADVISOR, sub: "oidc-unverified", email_verified: false })).rejects.toThrow(/AccessDenied/);
  });

  test("a provider that does not say the address is verified (no email_verified claim, as in Microsoft Entra ID's tokens) does not make an advisor", async () => {
    if (!oidc) throw new Error("no OIDC provider");
    // app/auth.ts: "An address the provider has not verified cannot grant the advisor role or
    // receive shares." A missing claim is not a verification. Either refusing the sign-in or a
    // session without the advisor role is fine; reaching the reports shared with that address is not.
    const { id } = await save(alice, "Shared with an address nobody verified");
    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } })).status).toBe(200);
    const unverified: OidcUser = { sub: "oidc-claims-nothing", email: ADVISOR.email, name: "Unverified" };
    let cookie = "";
    try {
      cookie = (await signInWithFetch(base(), oidc, unverified)).header();
    } catch (e) {
      expect((e as Error).message).toMatch(/AccessDenied/);
      return;
    }
    const session = (await call("GET", "/api/auth/session", { cookie })).json as { advisor?: boolean } | null;
    expect(session?.advisor, "advisor role for an address without email_verified").not.toBe(true);
    const page = await call("GET", `/advisor/${id}`, { cookie });
    expect(page.status, "the shared report, for an address without email_verified").not.toBe(200);
    expect(page.text).not.toContain("Shared with an address nobody verified");
  });

  test("sign-in only ever returns to this site (callbackUrl on another origin is ignored)", async () => {
    if (!oidc) throw new Error("no OIDC provider");
    for (const callbackUrl of [`${EVIL}/phish`, "http://127.0.0.1:1/elsewhere"]) {
      const { landed } = await signInFlow(base(), oidc, CAROL, { callbackUrl });
      expect(new URL(landed, base()).origin, `callbackUrl ${callbackUrl}`).toBe(base());
    }
    const { landed } = await signInFlow(base(), oidc, CAROL, { callbackUrl: "/reports" });
    expect(landed).toBe(`${base()}/reports`);
  });

  test("titles and notes are text everywhere they appear: markup in them is escaped on the owner's, advisor's and shared pages", async () => {
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const { id } = await save(alice, `Report ${payload}`);
    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } })).status).toBe(200);
    expect((await call("POST", `/api/reports/${id}/notes`, { cookie: advisor, origin: base(), json: { body: `Note ${payload}` } })).status).toBe(201);
    const { token } = await createLink(alice, id);
    const pages: [string, string, string][] = [
      ["owner's report", `/reports/${id}`, alice],
      ["owner's list", "/reports", alice],
      ["advisor's report", `/advisor/${id}`, advisor],
      ["advisor's list", "/advisor", advisor],
      ["share link", `/share/${token}`, ""],
    ];
    for (const [label, path, cookie] of pages) {
      const a = await call("GET", path, { cookie });
      expect(a.status, label).toBe(200);
      expect(a.text, `${label}: the title is on the page, escaped`).toContain("&lt;img src=x");
      expect(a.text, `${label}: raw <img> from the title`).not.toContain("<img src=x");
      expect(a.text, `${label}: raw <script> from the title`).not.toContain("<script>alert");
    }
  });

  test("x-middleware-subrequest (CVE-2025-29927) bypasses nothing: advisor pages stay 401 / 403, notes 403, another owner's report 404", async () => {
    const title = "Behind the middleware";
    const { id } = await save(alice, title);
    expect((await call("POST", `/api/reports/${id}/advisors`, { cookie: alice, origin: base(), json: { email: ADVISOR.email } })).status).toBe(200);

    for (const value of SUBREQUEST_VALUES) {
      const headers = { "x-middleware-subrequest": value };
      for (const path of ["/advisor", `/advisor/${id}`]) {
        const anon = await call("GET", path, { headers });
        expect(anon.status, `signed out, ${value}: ${path.replace(id, "{id}")}`).toBe(401);
        expect(anon.text).not.toContain(title);
        const nonAdvisor = await call("GET", path, { cookie: carol, headers });
        expect(nonAdvisor.status, `non-advisor, ${value}: ${path.replace(id, "{id}")}`).toBe(403);
        expect(nonAdvisor.text).not.toContain(title);
      }
      const note = await call("POST", `/api/reports/${id}/notes`, { cookie: carol, origin: base(), headers, json: { body: "via subrequest" } });
      expect(note.status, `notes, ${value}`).toBe(403);
      const anonNote = await call("POST", `/api/reports/${id}/notes`, { origin: base(), headers, json: { body: "via subrequest" } });
      expect(anonNote.status, `notes signed out, ${value}`).toBe(401);
      const page = await call("GET", `/reports/${id}`, { cookie: bob, headers });
      expect(page.status, `another owner's page, ${value}`).toBe(404);
      expect(page.text).not.toContain(title);
      const patch = await call("PATCH", `/api/reports/${id}`, { cookie: bob, origin: base(), headers, json: { title: "via subrequest" } });
      expect(patch.status, `another owner's PATCH, ${value}`).toBe(404);
      const csrf = await call("PATCH", `/api/reports/${id}`, { cookie: alice, origin: EVIL, headers, json: { title: "via subrequest" } });
      expect(csrf.status, `foreign origin PATCH, ${value}`).toBe(403);
      const share = await call("GET", `/share/${randomBytes(32).toString("base64url")}`, { headers });
      expect(share.status, `unknown share token, ${value}`).toBe(404);
    }
    const view = await ownerView(alice, id);
    expect(view.title).toBe(title);
    expect(view.notes).toBe(0);
  });
});

/**
 * Expiry needs time to pass. A link lasts whole days (POST …/links takes 1–365), but never outlives
 * its report; this server keeps reports for FORMATFIT_REPORT_RETENTION_DAYS = 0.0003 days (about
 * 26 s), so its links expire with them. (Link lifetimes themselves are unit-tested with a clock.)
 */
describe("share links expire (a server whose reports live about 26 seconds)", () => {
  const RETENTION_DAYS = 0.0003;
  let server: E2EServer | undefined;
  const base = () => {
    if (!server) throw new Error("the server did not start");
    return server.baseUrl;
  };
  const call = makeClient(base);

  beforeAll(async () => {
    server = await startIsolatedServer("expiry", { env: { FORMATFIT_INSECURE_COOKIES: "1", FORMATFIT_REPORT_RETENTION_DAYS: String(RETENTION_DAYS) } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  test("an expired link answers 410 'This link has expired' (uncached), and the expired report is gone for its owner", async () => {
    const saved = await call("POST", "/api/reports", { origin: base(), body: saveForm("Short-lived report") });
    expect(saved.status, saved.text.slice(0, 300)).toBe(201);
    const cookie = ownerCookieFrom(saved);
    const { id } = saved.json as { id: string };
    const created = await call("POST", `/api/reports/${id}/links`, { cookie, origin: base(), json: { expiresInDays: 30 } });
    expect(created.status).toBe(201);
    const { token, link } = created.json as { token: string; link: { createdAt: number; expiresAt: number } };
    // Clamped to the report's lifetime, not 30 days.
    expect(link.expiresAt - link.createdAt).toBeLessThanOrEqual(Math.ceil(RETENTION_DAYS * 86_400_000));

    const fresh = await call("GET", `/share/${token}`);
    expect(fresh.status, "before expiry").toBe(200);

    // Poll (not a fixed sleep) until the link's expiry has passed, at most 90 s.
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && Date.now() <= link.expiresAt + 50) await new Promise((r) => setTimeout(r, Math.min(1_000, Math.max(50, link.expiresAt + 60 - Date.now()))));
    const last = await call("GET", `/share/${token}`);
    expect(last.status, "after expiry").toBe(410);
    expect(last.headers.get("cache-control")).toBe("private, no-store");
    expect(last.headers.get("x-robots-tag")).toMatch(/noindex/);
    expect(last.text).toContain("This link has expired.");
    expect(last.text).not.toContain("Short-lived report");

    expect((await call("GET", `/reports/${id}`, { cookie })).status, "the owner's expired report").toBe(404);
    expect((await call("GET", `/api/reports/${id}/links`, { cookie })).status).toBe(404);
    expect((await call("GET", "/reports", { cookie })).text).not.toContain("Short-lived report");
  }, 150_000);
});
