/**
 * Storage: one typed query builder (Kysely) over SQLite (better-sqlite3, the default: a file under
 * `data/`, created on first run, WAL mode) or PostgreSQL (when `DATABASE_URL` is set). Kysely was
 * chosen over an ORM because the same typed queries compile to both dialects with no runtime
 * model layer, and its Migrator gives versioned, locked, idempotent migrations. Domain code gets
 * the app's own types from lib/reports; nothing outside lib/db and lib/reports sees a row.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";
import { migrationProvider } from "./migrations";

export type { Database } from "./schema";

export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: "sqlite" | "postgres";
  /** Where it is: the SQLite file, or the PostgreSQL URL without its password. */
  readonly where: string;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** A `postgres://` URL; SQLite when absent. */
  readonly databaseUrl?: string | undefined;
  /** The SQLite file (default `data/formatfit.sqlite` under the current directory); `:memory:` works. */
  readonly sqlitePath?: string | undefined;
  /** PostgreSQL schema to use (created if missing): tests give each run its own. */
  readonly pgSchema?: string | undefined;
}

export class StoreError extends Error {
  override readonly name = "StoreError";
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unparseable DATABASE_URL)";
  }
}

/**
 * Opens the store and applies pending migrations. Throws {@link StoreError} naming the store when
 * it cannot be opened or migrated.
 *
 * @example
 * const store = await openStore({ databaseUrl: process.env.DATABASE_URL });
 * await store.db.selectFrom("reports").selectAll().execute();
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let kind: Store["kind"];
  let where: string;
  if (options.databaseUrl) {
    kind = "postgres";
    where = redact(options.databaseUrl);
    if (options.pgSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.pgSchema)) throw new StoreError(`PostgreSQL schema name ${JSON.stringify(options.pgSchema)} is not a plain identifier.`);
    // BIGINT (OID 20) holds epoch milliseconds: read it as a number, not pg's default string.
    const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) };
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      types,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    if (options.pgSchema) {
      const client = await pool.connect().catch(async (e: Error) => {
        await pool.end().catch(() => undefined);
        throw new StoreError(`Cannot connect to PostgreSQL at ${where}: ${e.message}`);
      });
      try {
        // Serialised by an advisory lock: two processes creating the same schema at once would
        // otherwise race inside "if not exists" (a unique violation in pg_namespace).
        await client.query("begin");
        await client.query("select pg_advisory_xact_lock(hashtext($1))", [`formatfit schema ${options.pgSchema}`]);
        await client.query(`create schema if not exists ${options.pgSchema}`);
        await client.query("commit");
      } catch (e) {
        await client.query("rollback").catch(() => undefined);
        // Someone else (not holding our lock) created it meanwhile: fine if it is there now.
        const code = (e as { code?: string }).code;
        if (code === "23505" || code === "42P06") {
          const found = await client.query("select 1 from pg_namespace where nspname = $1", [options.pgSchema]).catch(() => ({ rowCount: 0 }));
          if (found.rowCount === 1) {
            client.release();
            return finishOpen(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), "postgres", where, options);
          }
        }
        client.release();
        await pool.end().catch(() => undefined);
        throw new StoreError(`Cannot create the PostgreSQL schema ${options.pgSchema} at ${where}: ${(e as Error).message}`);
      }
      client.release();
    }
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    const path = options.sqlitePath ?? resolve(process.cwd(), "data", "formatfit.sqlite");
    kind = "sqlite";
    where = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    let database;
    try {
      database = new SQLite(path);
    } catch (e) {
      throw new StoreError(`Cannot open the SQLite database ${path}: ${(e as Error).message}`);
    }
    database.pragma("journal_mode = WAL");
    database.pragma("foreign_keys = ON");
    database.pragma("busy_timeout = 5000");
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  }
  return finishOpen(db, kind, where, options);
}

/** Applies pending migrations and hands out the store (closing it if migrating fails). */
async function finishOpen(db: Kysely<Database>, kind: Store["kind"], where: string, options: OpenStoreOptions): Promise<Store> {
  // The migration tables live in the store's own schema: otherwise Kysely finds another schema's
  // kysely_migration on the search path's database and never creates this one's.
  const migrator = new Migrator({ db, provider: migrationProvider, ...(kind === "postgres" && options.pgSchema ? { migrationTableSchema: options.pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error");
    throw new StoreError(`Migrating the ${kind} store at ${where} failed${failed ? ` in ${failed.migrationName}` : ""}: ${(error as Error).message ?? String(error)}`);
  }
  return { db, kind, where, close: () => db.destroy() };
}
