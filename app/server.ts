/**
 * The edge's shared pieces: the catalog this server serves and the mapping from errors to
 * responses (one table: lib/errors). Route handlers stay a few lines each.
 */
import { loadCatalog, CatalogError, type Catalog } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { openStore, type Store } from "@/lib/db";
import { Reports } from "@/lib/reports";
import { ConnectedCalendars } from "@/lib/connections";
import { sealingKey } from "@/lib/connections/seal";
import { providerSetups } from "@/lib/connections/setup";
import { DAY } from "@/lib/time/units";

let cached: { key: string; catalog: Catalog } | undefined;

/** The catalog from FORMATFIT_CATALOG or the bundled one, read once per process. */
export function serverCatalog(): Catalog {
  const key = process.env.FORMATFIT_CATALOG ?? "";
  if (cached?.key !== key) cached = { key, catalog: loadCatalog({ env: process.env }) };
  return cached.catalog;
}

/** An error as a JSON response: AppErrors with their status, anything else a 500 that leaks nothing. */
export function errorResponse(e: unknown): Response {
  if (e instanceof AppError) return Response.json(e.toJSON(), { status: e.status, headers: { "cache-control": "no-store" } });
  if (e instanceof CatalogError) {
    const err = new AppError("INTERNAL", "The course catalog on this server is broken; the school's administrators have to fix it.", { cause: e });
    console.error(e);
    return Response.json(err.toJSON(), { status: 500 });
  }
  console.error(e);
  return Response.json(new AppError("INTERNAL", "Something went wrong on our side while checking; please try again. Your calendar was not stored.").toJSON(), { status: 500 });
}

/**
 * Options for fetching calendar URLs. `FORMATFIT_ALLOW_PRIVATE_TARGETS` ("127.0.0.1:8080,[::1]:9000")
 * exempts exact address:port pairs from the private-address refusal, for tests and local
 * development only: never set it on a public server.
 */
export function urlFetchOptions(): { allowedPrivateTargets?: string[] } {
  const raw = process.env.FORMATFIT_ALLOW_PRIVATE_TARGETS;
  if (!raw) return {};
  return { allowedPrivateTargets: raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0) };
}

// ---------------------------------------------------------------------------------------------
// Storage and reports: one store per process, migrated on first use; expired reports cleaned up
// then and daily.
let storePromise: Promise<Store> | undefined;
let reportsPromise: Promise<Reports> | undefined;
let connectionsPromise: Promise<ConnectedCalendars> | undefined;

/** This server's store (SQLite under data/, or PostgreSQL with DATABASE_URL), opened and migrated once. */
export function serverStore(): Promise<Store> {
  if (!storePromise) {
    storePromise = openStore({ databaseUrl: process.env.DATABASE_URL, sqlitePath: process.env.FORMATFIT_SQLITE_PATH });
    storePromise.catch(() => {
      storePromise = undefined; // try again on the next request
    });
  }
  return storePromise;
}

/** The calendars learners connected through Google or Microsoft (tokens sealed with the server's secret). */
export function serverConnections(): Promise<ConnectedCalendars> {
  if (!connectionsPromise) {
    connectionsPromise = (async () => {
      const store = await serverStore();
      return new ConnectedCalendars(store, { key: sealingKey(process.env.FORMATFIT_TOKEN_KEY ?? process.env.NEXTAUTH_SECRET), now: () => Date.now(), setups: providerSetups(process.env) });
    })();
    connectionsPromise.catch(() => {
      connectionsPromise = undefined;
    });
  }
  return connectionsPromise;
}

/** The reports of this server's store. */
export function serverReports(): Promise<Reports> {
  if (!reportsPromise) {
    reportsPromise = (async () => {
      const store: Store = await serverStore();
      const reports = new Reports(store, {
        now: () => Date.now(),
        retentionDays: positive(process.env.FORMATFIT_REPORT_RETENTION_DAYS, 180),
        linkDays: positive(process.env.FORMATFIT_LINK_DAYS, 30),
      });
      const clean = () => reports.cleanup().catch((e: unknown) => console.error("FormatFit: report cleanup failed:", e));
      void clean();
      setInterval(clean, DAY).unref();
      return reports;
    })();
    reportsPromise.catch(() => {
      reportsPromise = undefined; // try again on the next request
    });
  }
  return reportsPromise;
}

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * CSRF protection for mutations: the browser must say the request comes from this site (Origin,
 * or Sec-Fetch-Site for browsers that omit Origin). Session and owner cookies are SameSite=Lax too.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
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
