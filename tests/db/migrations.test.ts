/**
 * Migrations (lib/db/migrations.ts) as openStore applies them, on each store: the tables are
 * there, the migration is recorded once, opening the same database again changes nothing, and the
 * SQLite file is in WAL mode with foreign keys enforced.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, StoreError, type Store } from "@/lib/db";
import { migrationProvider } from "@/lib/db/migrations";
import { Reports } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, type TestDatabase } from "../helpers/stores";

const KINDS = await storeKinds();
/** The tables of the reports (issue 6); later migrations may add more. */
const TABLES = ["advisor_notes", "advisor_shares", "link_views", "reports", "share_links", "users"];
/** Every migration in code, in name order (what the Migrator must have recorded). */
const MIGRATIONS = Object.keys(await migrationProvider.getMigrations()).sort();

async function tableNames(store: Store, pgSchema: string | undefined): Promise<string[]> {
  if (store.kind === "sqlite") {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(store.db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${pgSchema} order by table_name`.execute(store.db);
  return rows.map((r) => r.name);
}

async function migrationNames(store: Store): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
  return rows.map((r) => r.name);
}

describe.each(KINDS)("migrations on the %s store", (kind) => {
  const t = useStore(kind);
  let database: TestDatabase;
  let first: Store;
  beforeAll(() => {
    database = t.database;
    first = t.store;
  });

  it("creates every table of the schema, and Kysely's migration bookkeeping", async () => {
    const names = await tableNames(first, database.pgSchema);
    expect(names).toEqual(expect.arrayContaining(TABLES));
    expect(names).toContain("kysely_migration");
    expect(names).toContain("kysely_migration_lock");
  });

  it("records every migration in code, each once", async () => {
    expect(MIGRATIONS[0]).toBe("0001_reports");
    expect(await migrationNames(first)).toEqual(MIGRATIONS);
  });

  it("opening the same database again applies nothing and keeps the data", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const owner = anonymousOwner();
    const saved = await new Reports(first, { now: clock.now }).save(owner, { title: "Before reopening", snapshot: sampleSnapshot(), includeTitles: false });
    const second = await database.open();
    try {
      expect(await migrationNames(second)).toEqual(MIGRATIONS);
      expect(await tableNames(second, database.pgSchema)).toEqual(await tableNames(first, database.pgSchema));
      const again = await new Reports(second, { now: clock.now }).get(owner, saved.id);
      expect(again?.title).toBe("Before reopening");
    } finally {
      await second.close();
    }
  });

  it("three stores opened at once on a migrated database all open", async () => {
    const stores = await Promise.all([database.open(), database.open(), database.open()]);
    try {
      for (const s of stores) expect(await migrationNames(s)).toEqual(MIGRATIONS);
    } finally {
      for (const s of stores) await s.close();
    }
  });

  if (kind === "sqlite") {
    it("puts the SQLite file in WAL mode (the store's connection)", async () => {
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(first.db);
      expect(rows).toEqual([{ journal_mode: "wal" }]);
    });

    it("WAL mode is in the file itself: a separate connection sees it, and the -wal file exists", () => {
      const path = database.sqlitePath as string;
      const other = new SQLite(path, { readonly: true });
      try {
        expect(other.pragma("journal_mode", { simple: true })).toBe("wal");
      } finally {
        other.close();
      }
      expect(existsSync(`${path}-wal`)).toBe(true);
    });

    it("enforces foreign keys on the SQLite connection", async () => {
      const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(first.db);
      expect(rows).toEqual([{ foreign_keys: 1 }]);
    });

    it("says where it is: the SQLite file", () => {
      expect(first.kind).toBe("sqlite");
      expect(first.where).toBe(database.sqlitePath);
    });
  } else {
    it("creates the tables in the schema it was given, not in public", async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(first.db);
      expect(rows).toEqual([{ n: 0 }]);
      const { rows: current } = await sql<{ s: string }>`select current_schema() as s`.execute(first.db);
      expect(current).toEqual([{ s: database.pgSchema }]);
    });

    it("says where it is without the password", async () => {
      const u = new URL(database.databaseUrl as string);
      u.password = "s3cret-pw"; // trust auth ignores it
      const store = await openStore({ databaseUrl: u.toString(), pgSchema: database.pgSchema });
      try {
        expect(store.kind).toBe("postgres");
        expect(store.where).not.toContain("s3cret-pw");
        expect(store.where).toContain(":***@");
      } finally {
        await store.close();
      }
    });
  }
});

describe("openStore refusals", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "formatfit-db-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a PostgreSQL schema name that is not a plain identifier, before connecting", async () => {
    const attempt = openStore({ databaseUrl: "postgres://postgres@127.0.0.1:1/test", pgSchema: "t; drop schema public" });
    await expect(attempt).rejects.toThrow(StoreError);
    await expect(attempt).rejects.toThrow(/not a plain identifier/);
  });

  it("names the server when PostgreSQL cannot be reached", async () => {
    await expect(openStore({ databaseUrl: "postgres://postgres:pw@127.0.0.1:1/test", pgSchema: "t_x" })).rejects.toThrow(/Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test/);
  });

  it("names the file when SQLite cannot open it (a directory)", async () => {
    const attempt = openStore({ sqlitePath: dir });
    await expect(attempt).rejects.toThrow(StoreError);
    await expect(attempt).rejects.toThrow(dir);
  });
});
