/**
 * Regressions of the storage and reports layer (lib/db, lib/reports; issue 6), found by the tests in
 * tests/db and tests/reports and fixed: a second pgSchema's migration tables, creating a schema
 * while another session creates it, two first sign-ins of one person at once, and an advisor address
 * with a control character.
 *
 * The races are made deterministic: a second connection holds the conflicting row in an open
 * transaction, the test waits (by polling pg_stat_activity, not by timing) until the store's
 * statement is blocked on it, then commits.
 */
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { TestClock, anonymousOwner, randomName, sampleSnapshot, storeKinds, useDatabase, useStore, type TestDatabase } from "../helpers/stores";

const KINDS = await storeKinds();
const HAS_PG = KINDS.includes("postgres");

/** A plain connection to the test database, with the schema on its search path. */
async function sideConnection(database: TestDatabase, schema = database.pgSchema): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.databaseUrl, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  client.on("error", () => undefined);
  await client.connect();
  return client;
}

/**
 * Waits until some backend of the database is waiting on a lock (the store's statement). It polls
 * from a connection of its own: inside the side connection's transaction pg_stat_activity would be
 * the snapshot taken at its first read.
 */
async function untilBlocked(database: TestDatabase): Promise<void> {
  const monitor = await sideConnection(database, "public");
  try {
    for (let i = 0; i < 1000; i++) {
      const { rows } = await monitor.query<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
      if ((rows[0]?.n ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the store's statement never blocked on the open transaction");
  } finally {
    await monitor.end();
  }
}

describe.runIf(HAS_PG)("regressions: lib/db/index.ts on PostgreSQL", () => {
  // openStore does not end its pool when `create schema` fails (the race below), so the database
  // stays in use until pg's idle timeout closes that connection: the fixture's drop waits for it.
  const t = useDatabase("postgres");
  let database: TestDatabase;
  beforeAll(() => {
    database = t.database;
  });

  /**
   * openStore gives Kysely's Migrator no `migrationTableSchema` (lib/db/index.ts, `new Migrator({
   * db, provider: migrationProvider })`). The Migrator decides whether `kysely_migration` and
   * `kysely_migration_lock` exist by looking through every schema of the database
   * (`introspection.getTables()`), finds the first store's, creates none in the new schema, and then
   * queries them there, unqualified, through `search_path=<pgSchema>`.
   *
   * Repro: openStore({ databaseUrl, pgSchema: "t_a" }), then openStore({ databaseUrl, pgSchema: "t_b" })
   *        on the same database → StoreError "Migrating the postgres store … failed: relation
   *        "kysely_migration_lock" does not exist". The same happens with no pgSchema when any other
   *        schema of the database holds Kysely migration tables. (This is why tests/helpers/stores.ts
   *        gives every test file a database of its own.)
   * Right:  both open. Passing `migrationTableSchema: options.pgSchema` to the Migrator would do it.
   */
  it("a second pgSchema in the same database opens and migrates", async () => {
    await database.open(); // the fixture's own schema, migrated
    const other = await openStore({ databaseUrl: database.databaseUrl, pgSchema: randomName("t_") });
    await other.close();
  });

  /**
   * openStore runs `create schema if not exists <pgSchema>` (lib/db/index.ts) and does not expect
   * it to fail; on PostgreSQL two sessions creating the same schema at once collide on
   * pg_namespace's unique index, so one of two processes starting together on a new schema dies with
   * a raw `duplicate key value violates unique constraint "pg_namespace_nspname_index"` (not even a
   * StoreError). lib/db/migrations.ts says applying the migrations from two processes at once does
   * no harm.
   *
   * Repro: session A `begin; create schema t_x;` → openStore({ …, pgSchema: "t_x" }) blocks → A
   *        commits → openStore rejects with the duplicate-key error.
   * Right:  openStore opens (catch the error and check the schema exists, as Kysely's Migrator does
   *         for its own tables).
   */
  it("opening a new pgSchema while another session is creating it succeeds", async () => {
    const schema = randomName("t_");
    const side = await sideConnection(database, "public");
    try {
      await side.query("begin");
      await side.query(`create schema ${schema}`);
      const opening = openStore({ databaseUrl: database.databaseUrl, pgSchema: schema });
      opening.catch(() => undefined);
      await untilBlocked(database);
      await side.query("commit");
      const store = await opening;
      await store.close();
    } finally {
      await side.end();
    }
  });
});

describe.runIf(HAS_PG)("regressions: lib/reports/index.ts on PostgreSQL", () => {
  const t = useStore("postgres");

  /**
   * Reports#upsertUser selects the user by (provider, subject) and inserts when there is none, in a
   * READ COMMITTED transaction: two first sign-ins of the same person at once (two tabs, a retried
   * callback) both find nothing, and the second insert fails on users_provider_subject. SQLite runs
   * the two transactions one after the other and does not show it.
   *
   * Repro: session A inserts the users row for ("oidc", "sub-1") in an open transaction →
   *        upsertUser("oidc", "sub-1", …) blocks on its insert → A commits → upsertUser rejects with
   *        `duplicate key value violates unique constraint "users_provider_subject"`.
   * Right:  upsertUser returns A's user id (insert … on conflict (provider, subject) do update, or
   *         retry the select after a unique violation).
   */
  it("a first sign-in racing another for the same subject returns the one user id", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const subject = randomName("sub-");
    const side = await sideConnection(t.database);
    try {
      await side.query("begin");
      await side.query("insert into users (id, provider, subject, email, name, created_at) values ($1, 'oidc', $2, null, null, 0)", ["racing-user", subject]);
      const upserting = reports.upsertUser("oidc", subject, "kim@example.edu", "Kim");
      upserting.catch(() => undefined);
      await untilBlocked(t.database);
      await side.query("commit");
      expect(await upserting).toBe("racing-user");
    } finally {
      await side.end();
    }
  });
});

describe.each(KINDS)("regressions: lib/reports/index.ts on the %s store", (kind) => {
  const t = useStore(kind);

  /**
   * Reports#shareWithAdvisor checks the address with /^[^\s@]+@[^\s@]+\.[^\s@]+$/, which lets
   * control characters through. A NUL byte then reaches advisor_email as raw text: PostgreSQL's
   * `text` refuses it, so the request fails with pg's DatabaseError `invalid byte sequence for
   * encoding "UTF8": 0x00` (a 500), while SQLite stores the address and reports true. The same text
   * sent to unshareWithAdvisor fails the same way on PostgreSQL.
   *
   * Repro: shareWithAdvisor(owner, id, "kim\u0000@sps.example.edu").
   * Right:  AppError BAD_REQUEST (where: "email") on both stores, as for any other malformed address.
   */
  it("refuses an advisor address with a NUL byte as BAD_REQUEST", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "NUL address", snapshot: sampleSnapshot(), includeTitles: false });
    const error = await reports.shareWithAdvisor(owner, report.id, "kim\u0000@sps.example.edu").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", where: "email" });
  });
});
