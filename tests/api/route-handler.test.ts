/**
 * The route wrapper (app/route-handler.ts): the same-origin check on mutations (403 with the JSON
 * error body, the handler never runs), every thrown error as the app's error response through the
 * one table (an unexpected one a 500 that shows no stack), `Cache-Control: no-store` unless the
 * handler set its own, plain-text errors for the feed; and every mutating route in app/ refusing a
 * cross-site request before it touches cookies or the store.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { route } from "@/app/route-handler";
import { AppError } from "@/lib/errors";
import { UrlFetchError } from "@/lib/sources/url";
import { expectError } from "./helpers";

const URL_BASE = "http://formatfit.test";

function request(headers: Record<string, string>, method = "POST"): Request {
  return new Request(`${URL_BASE}/api/anything`, { method, headers: { host: "formatfit.test", ...headers } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("sameOrigin", () => {
  const mutation = () => {
    const handler = vi.fn(async () => Response.json({ ok: true }));
    return { handler, POST: route(handler, { sameOrigin: true }) };
  };

  it.each([
    ["another site's Origin", { origin: "https://evil.example" }],
    ["another port on the same name", { origin: "http://formatfit.test:8080" }],
    ["an Origin that is not a URL", { origin: "null" }],
    ["no Origin and a cross-site Sec-Fetch-Site", { "sec-fetch-site": "cross-site" }],
    ["no Origin and no Sec-Fetch-Site", {}],
    // A client can send any X-Forwarded-Host; only the Host the server was reached by counts.
    ["an X-Forwarded-Host chosen to match a foreign Origin", { origin: "https://evil.example", "x-forwarded-host": "evil.example" }],
  ])("%s: 403 FORBIDDEN as JSON, not cached, and the handler never runs", async (_name, headers) => {
    const { handler, POST } = mutation();
    const response = await POST(request(headers));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const err = await expectError(response, 403, "FORBIDDEN");
    expect(err.message).toBe("This request did not come from a FormatFit page (cross-site requests cannot change reports). Reload the page and try again.");
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["this site's Origin", { origin: "http://formatfit.test" }],
    ["no Origin and Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }],
  ])("%s: the handler runs", async (_name, headers) => {
    const { handler, POST } = mutation();
    const response = await POST(request(headers));
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("is off unless asked: a read answers any origin", async () => {
    const GET = route(async () => Response.json({ ok: true }));
    expect((await GET(request({ origin: "https://evil.example" }, "GET"))).status).toBe(200);
  });
});

describe("errors", () => {
  it("an AppError answers with its status and its JSON body, fields and all", async () => {
    const POST = route(async () => {
      throw new AppError("FILE_TOO_LARGE", "work.ics is 14 MB; the limit per calendar is 10 MB.", { where: "work.ics", detail: { limitBytes: 10 } });
    });
    const response = await POST(request({}));
    expect(response.status).toBe(413);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: { code: "FILE_TOO_LARGE", message: "work.ics is 14 MB; the limit per calendar is 10 MB.", where: "work.ics", detail: { limitBytes: 10 } } });
  });

  it("a domain error goes through the table: a refused URL is 422 CALENDAR_URL_REFUSED", async () => {
    const POST = route(async () => {
      throw new UrlFetchError("URL_PRIVATE_ADDRESS", "10.0.0.8 is a private address; FormatFit only fetches calendars from public servers.", "https://10.0.0.8/cal.ics");
    });
    const err = await expectError(await POST(request({})), 422, "CALENDAR_URL_REFUSED");
    expect([err.where, err.detail]).toEqual(["url", { reason: "URL_PRIVATE_ADDRESS" }]);
  });

  it("an unexpected exception is a 500 JSON INTERNAL that shows neither stack nor message, and is logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const bug = new TypeError("Cannot read properties of undefined (reading 'secretColumn')");
    const POST = route(async () => {
      throw bug;
    });
    const response = await POST(request({}));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.clone().text();
    const err = await expectError(response, 500, "INTERNAL");
    expect(err).toEqual({ code: "INTERNAL", message: "Something went wrong on our side while checking; please try again. Your calendar was not stored." });
    expect(text).not.toMatch(/secretColumn|TypeError|at .*\.ts:\d+|stack/);
    expect(log).toHaveBeenCalledWith(bug);
  });

  it("an AppError the learner can act on is not logged", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const POST = route(async () => {
      throw new AppError("NOT_FOUND", "No such report among yours.");
    });
    expect((await POST(request({}))).status).toBe(404);
    expect(log).not.toHaveBeenCalled();
  });

  it("errors: text answers the message alone in text/plain, with the status, not cached", async () => {
    const GET = route(
      async () => {
        throw new AppError("NOT_FOUND", 'There is no section "PM-999-S1" in this catalog.');
      },
      { errors: "text" },
    );
    const response = await GET(request({}, "GET"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe('There is no section "PM-999-S1" in this catalog.\n');
  });
});

describe("Cache-Control", () => {
  it.each([
    ["a JSON answer", () => Response.json({ ok: true }, { status: 201 })],
    ["an empty 204", () => new Response(null, { status: 204 })],
    ["a redirect with frozen headers", () => Response.redirect(`${URL_BASE}/reports`, 303)],
  ])("%s without its own gets no-store", async (_name, make) => {
    const response = await route(async () => make())(request({}));
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("a redirect keeps its status and Location when its headers are copied", async () => {
    const response = await route(async () => Response.redirect(`${URL_BASE}/reports`, 303))(request({}));
    expect([response.status, response.headers.get("location")]).toEqual([303, `${URL_BASE}/reports`]);
  });

  it.each(["public, max-age=3600", "private, no-store"])("a handler's own %s stays as it is", async (value) => {
    const GET = route(async () => new Response("BEGIN:VCALENDAR\r\n", { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": value, etag: '"abc"' } }));
    const response = await GET(request({}, "GET"));
    expect([response.headers.get("cache-control"), response.headers.get("etag")]).toEqual([value, '"abc"']);
  });

  it("a 304 keeps the feed's caching headers", async () => {
    const GET = route(async () => new Response(null, { status: 304, headers: { "cache-control": "public, max-age=3600", etag: '"abc"' } }));
    const response = await GET(request({ "if-none-match": '"abc"' }, "GET"));
    expect([response.status, response.headers.get("cache-control")]).toEqual([304, "public, max-age=3600"]);
  });

  it("the route's context reaches the handler", async () => {
    const GET = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => Response.json(await params));
    expect(await (await GET(request({}, "GET"), { params: Promise.resolve({ id: "PM-101-S1" }) })).json()).toEqual({ id: "PM-101-S1" });
  });
});

// ---------------------------------------------------------------------------------------------
// The real routes: every mutation refuses a cross-site request (before any cookie or store).

type Exported = (request: Request, context?: unknown) => Promise<Response>;

const APP = fileURLToPath(new URL("../../app", import.meta.url));
const MUTATIONS: readonly (readonly [string, string])[] = [
  ["api/connections/[id]/route.ts", "PUT"],
  ["api/connections/[id]/route.ts", "DELETE"],
  ["api/reports/route.ts", "POST"],
  ["api/reports/[id]/route.ts", "PATCH"],
  ["api/reports/[id]/route.ts", "DELETE"],
  ["api/reports/[id]/advisors/route.ts", "POST"],
  ["api/reports/[id]/advisors/route.ts", "DELETE"],
  ["api/reports/[id]/links/route.ts", "POST"],
  ["api/reports/[id]/links/[linkId]/route.ts", "DELETE"],
  ["api/reports/[id]/notes/route.ts", "POST"],
  ["reports/claim/route.ts", "POST"],
];
/** Mutations that need no same-origin check, and why. */
const OPEN: readonly (readonly [string, string])[] = [
  ["api/auth/[...nextauth]/route.ts", "POST"], // next-auth's own CSRF token guards it
  ["api/check/route.ts", "POST"], // computes and stores nothing
  ["api/calendars/route.ts", "POST"], // computes and stores nothing
  ["api/plan/route.ts", "POST"], // computes and stores nothing
];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? routeFiles(join(dir, d.name)) : d.name === "route.ts" ? [join(dir, d.name)] : []));
}

describe("the app's mutating routes", () => {
  it("are all listed here, as checked or as open with a reason", () => {
    const found = routeFiles(APP).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const methods = [...text.matchAll(/export (?:const|async function) (POST|PUT|PATCH|DELETE)\b|handler as (POST|PUT|PATCH|DELETE)\b/g)].map((m) => (m[1] ?? m[2]) as string);
      return methods.map((method) => `${relative(APP, file)} ${method}`);
    });
    expect(found.sort()).toEqual([...MUTATIONS, ...OPEN].map(([file, method]) => `${file} ${method}`).sort());
  });

  it.each(MUTATIONS)("%s %s refuses another site's request with 403 FORBIDDEN", async (file, method) => {
    const mod = (await import(/* @vite-ignore */ join(APP, file))) as Record<string, Exported>;
    const handler = mod[method];
    if (!handler) throw new Error(`test bug: ${file} exports no ${method}`);
    const cross = new Request(`${URL_BASE}/x`, { method, headers: { host: "formatfit.test", origin: "https://evil.example", "content-type": "application/json" }, body: "{}" });
    const response = await handler(cross, { params: Promise.resolve({ id: "r1", linkId: "l1" }) });
    await expectError(response, 403, "FORBIDDEN");
  });
});
