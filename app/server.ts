/**
 * The edge's shared pieces: the catalog this server serves and the mapping from errors to
 * responses (one table: lib/errors). Route handlers stay a few lines each.
 */
import { loadCatalog, CatalogError, type Catalog } from "@/lib/catalog";
import { AppError } from "@/lib/errors";

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
