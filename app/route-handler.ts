/**
 * The one way a route handler runs (DESIGN.md, "Shape": routes are thin adapters). The handler
 * validates its input, calls one lib/ function and maps the result to a Response; {@link route}
 * does the rest the same way for every route: the same-origin check on mutations, every thrown
 * error as the app's error response (through lib/check/app-error's one table), and no caching
 * unless the handler chose its own.
 */
import { AppError } from "@/lib/errors";
import { retryAfterHeaders } from "@/lib/server/limits/errors";
import { toAppError } from "@/lib/check/app-error";

/** A route handler as Next.js calls it; `C` is the route's context (`{ params: Promise<…> }`). */
export type RouteHandler<C> = (request: Request, context: C) => Response | Promise<Response>;

/** What {@link route} exports; a route without params can be called with the request alone (tests, benches). */
export type RouteExport<C> = unknown extends C ? (request: Request, context?: unknown) => Promise<Response> : (request: Request, context: C) => Promise<Response>;

export interface RouteOptions {
  /**
   * A mutation: refuse a request that did not come from a FormatFit page (CSRF) with 403
   * FORBIDDEN before the handler runs.
   */
  readonly sameOrigin?: boolean;
  /**
   * How an error is written: `json` (default) is `{"error":{code,message,where?,line?,detail?}}`;
   * `text` is the message alone in text/plain, for a feed a calendar client shows as it is.
   */
  readonly errors?: "json" | "text";
}

const NO_STORE = "no-store";

/**
 * Wraps a route handler: checks the origin first when `sameOrigin` is set, answers every thrown
 * error with its status and body (an unexpected one as a 500 that names nothing about the
 * server, logged here), and sets `Cache-Control: no-store` on any answer whose handler did not
 * set a Cache-Control of its own (a public feed, a `private, no-store` list keep theirs).
 *
 * @example
 * export const DELETE = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
 *   const { id } = await params;
 *   if (!(await (await serverReports()).delete(owner, id))) throw new AppError("NOT_FOUND", "No such report among yours.");
 *   return new Response(null, { status: 204 });
 * }, { sameOrigin: true });
 */
export function route<C = unknown>(handler: RouteHandler<C>, options: RouteOptions = {}): RouteExport<C> {
  const wrapped = async (request: Request, context: C): Promise<Response> => {
    let response: Response;
    try {
      if (options.sameOrigin) assertSameOrigin(request);
      response = await handler(request, context);
    } catch (e) {
      response = errorResponse(e, options.errors ?? "json");
    }
    return withDefaultCaching(response);
  };
  return wrapped as RouteExport<C>;
}

/**
 * An error as a response: the app's error with its status (lib/errors' table); anything the
 * table maps to INTERNAL is logged with its cause and answered without it.
 */
function errorResponse(e: unknown, as: "json" | "text"): Response {
  const err = toAppError(e);
  if (err.code === "INTERNAL") console.error(e);
  if (as === "text") return new Response(`${err.message}\n`, { status: err.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": NO_STORE, ...retryAfterHeaders(err) } });
  return Response.json(err.toJSON(), { status: err.status, headers: { "cache-control": NO_STORE, ...retryAfterHeaders(err) } });
}

/** `no-store` unless the handler set its own Cache-Control; a response with frozen headers is copied. */
function withDefaultCaching(response: Response): Response {
  if (response.headers.has("cache-control")) return response;
  try {
    response.headers.set("cache-control", NO_STORE);
    return response;
  } catch {
    // Response.redirect() and fetched responses have immutable headers.
    const headers = new Headers(response.headers);
    headers.set("cache-control", NO_STORE);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}

/**
 * CSRF protection for mutations: the browser must say the request comes from this site (Origin,
 * or Sec-Fetch-Site for browsers that omit Origin). Session and owner cookies are SameSite=Lax too.
 * The Origin is compared with `Host` only: `X-Forwarded-Host` is whatever the client wrote unless a
 * proxy replaced it, so a proxy in front must pass the public Host through (nginx: `proxy_set_header
 * Host $host`).
 */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  if (origin) {
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (originHost && host && originHost === host) return;
  } else if (request.headers.get("sec-fetch-site") === "same-origin") {
    return;
  }
  throw new AppError("FORBIDDEN", "This request did not come from a FormatFit page (cross-site requests cannot change reports). Reload the page and try again.");
}
