/**
 * The edge's shared pieces: the catalog, store, reports and connections this server serves.
 * Errors, same-origin checks and caching are app/route-handler.ts's.
 */
import { loadCatalog, type Catalog } from "@/lib/catalog";
import { openStore, type Store } from "@/lib/db";
import { Reports } from "@/lib/reports";
import { ConnectedCalendars } from "@/lib/connections";
import { sealingKey } from "@/lib/connections/seal";
import { providerSetups } from "@/lib/connections/setup";
import { DAY } from "@/lib/time/units";
import { serverConfig } from "@/lib/server/config";
import { isolatedPlanRunner, isolatedRunner } from "@/lib/server/isolation/check";
import type { PlanRunner } from "@/lib/plan/web";
import { clientAddress, ownerLimitKey, serverLimits, type LimitKind } from "@/lib/server/limits";
import type { CheckRunner, WebCheckOptions } from "@/lib/check/web";
import type { Owner } from "@/lib/reports";

let cached: { key: string; catalog: Catalog } | undefined;

/** The catalog from FORMATFIT_CATALOG or the bundled one, read once per process. */
export function serverCatalog(): Catalog {
  const key = process.env.FORMATFIT_CATALOG ?? "";
  if (cached?.key !== key) cached = { key, catalog: loadCatalog({ env: process.env }) };
  return cached.catalog;
}

/**
 * Options for fetching calendar URLs. `FORMATFIT_ALLOW_PRIVATE_TARGETS` ("127.0.0.1:8080,[::1]:9000")
 * exempts exact address:port pairs from the private-address refusal, for tests and local
 * development only: a production server refuses to start with it (lib/server/config).
 */
export function urlFetchOptions(): { allowedPrivateTargets?: string[] } {
  // Read per request (tests set it around one request); its form was checked when the server
  // started, and a production server does not start with it at all.
  const raw = process.env.FORMATFIT_ALLOW_PRIVATE_TARGETS;
  if (!raw) return {};
  return { allowedPrivateTargets: raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0) };
}

let runner: CheckRunner | undefined;

/** Where this server runs checks: a worker pool with a deadline and a heap limit per check. */
export function serverCheckRunner(): CheckRunner {
  runner ??= isolatedRunner();
  return runner;
}

let planRunner: PlanRunner | undefined;

/** Where this server plans terms: the same worker pool as the checks. */
export function serverPlanRunner(): PlanRunner {
  planRunner ??= isolatedPlanRunner();
  return planRunner;
}

/**
 * What every web check on this server is given: the catalog, the clock, the URL fetcher's
 * settings, the worker pool, the client (for its fair share of the workers) and the budget.
 */
export function checkOptions(request: Request): Omit<WebCheckOptions, "connected"> {
  return { catalog: serverCatalog(), now: Date.now(), fetch: urlFetchOptions(), runner: serverCheckRunner(), client: requestClient(request), budget: serverConfig().check.budget };
}

/** The client a request comes from (its address, or its IPv6 /64), as the rate limits and the check pool key it. */
export function requestClient(request: Request): string {
  return clientAddress(request.headers.get("x-forwarded-for"), serverConfig().trustedProxyHops);
}

/**
 * Counts one request against the rate limits of `kind`, per client address and, when known, per
 * owner; over a limit, throws the 429 (with Retry-After) the route answers with.
 */
export async function rateLimit(request: Request, kind: LimitKind, owner?: Owner | null): Promise<void> {
  const ip = requestClient(request);
  const ownerKey = ownerLimitKey(owner);
  await (await serverLimits()).consume(kind, { ip, ...(ownerKey !== undefined ? { owner: ownerKey } : {}) });
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
      const config = serverConfig();
      const reports = new Reports(store, {
        now: () => Date.now(),
        retentionDays: config.reportRetentionDays,
        linkDays: config.linkDays,
        maxReportsPerOwner: config.maxReportsPerOwner,
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

