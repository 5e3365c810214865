/**
 * Migration 0003 (the learner's name) on a database that already holds reports: a store made by
 * migrations 0001–0002 with a report in it is opened by today's code, which adds the column; the
 * old report reads as before, with no name, and can be given one. On each store.
 */
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Database } from "@/lib/db";
import { migrationProvider } from "@/lib/db/migrations";
import { encodeText } from "@/lib/db/text";
import { Reports } from "@/lib/reports";
import { hashToken } from "@/lib/reports/tokens";
import { TestClock, adminQuery, anonymousOwner, sampleSnapshot, storeKinds, useDatabase, type TestDatabase } from "../helpers/stores";

const KINDS = await storeKinds();

/** A Kysely on the test database as it was before 0003 (only 0001 and 0002 applied). */
type Before0003 = Omit<Database, "reports"> & { reports: Omit<Database["reports"], "learner_name"> };

async function migratedTo0002(database: TestDatabase): Promise<Kysely<Before0003>> {
  let db: Kysely<Before0003>;
  if (database.kind === "sqlite") {
    db = new Kysely<Before0003>({ dialect: new SqliteDialect({ database: new SQLite(database.sqlitePath ?? ":memory:") }) });
  } else {
    await adminQuery(database.databaseUrl ?? "", `create schema if not exists ${database.pgSchema}`);
    db = new Kysely<Before0003>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.databaseUrl, options: `-c search_path=${database.pgSchema}` }) }) });
  }
  const migrator = new Migrator({ db, provider: migrationProvider, ...(database.kind === "postgres" ? { migrationTableSchema: database.pgSchema } : {}) });
  const result = await migrator.migrateTo("0002_calendar_connections");
  if (result.error) throw result.error;
  return db;
}

describe.each(KINDS)("migration 0003 on a %s store holding reports", (kind) => {
  const t = useDatabase(kind);

  it("adds learner_name; a report saved before it opens with no name, and can be given one", async () => {
    const old = await migratedTo0002(t.database);
    const owner = anonymousOwner();
    const at = Date.parse("2027-01-10T12:00:00Z");
    try {
      await old
        .insertInto("reports")
        .values({ id: "AAAAAAAAAAAAAAAAAAAAAA", owner_user_id: null, owner_key_hash: owner.kind === "anonymous" ? hashToken(owner.key) : null, title: encodeText("Saved before 0003"), snapshot: JSON.stringify(sampleSnapshot()), include_titles: 0, created_at: at, updated_at: at, expires_at: at + 180 * 86_400_000 })
        .execute();
    } finally {
      await old.destroy();
    }

    const store = await t.database.open();
    const reports = new Reports(store, { now: new TestClock("2027-01-15T12:00:00Z").now });
    const before = await reports.get(owner, "AAAAAAAAAAAAAAAAAAAAAA");
    expect(before?.title).toBe("Saved before 0003");
    expect(before && "learnerName" in before).toBe(false);
    expect(await reports.setLearnerName(owner, "AAAAAAAAAAAAAAAAAAAAAA", "Alex")).toBe(true);
    expect((await reports.get(owner, "AAAAAAAAAAAAAAAAAAAAAA"))?.learnerName).toBe("Alex");
  });
});
