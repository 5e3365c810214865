/**
 * The stores the storage and reports tests run on: SQLite always (a file in a fresh temporary
 * directory), PostgreSQL when it answers. Under CI a PostgreSQL that does not answer fails the
 * run instead of skipping it: a suite that quietly tests one store of two says nothing about the
 * other.
 *
 * Each PostgreSQL fixture gets its own throw-away database (`ff_<hex>`, created from the test
 * database's connection) and, inside it, its own schema (`t_<hex>`) passed to
 * `openStore({ databaseUrl, pgSchema })`; both are dropped afterwards. The database of its own is
 * needed because Kysely's Migrator, as lib/db/index.ts configures it (no `migrationTableSchema`),
 * looks for its `kysely_migration` tables in every schema of the database, so a second schema
 * migrated in a shared database fails — see tests/db/known-failures.test.ts. Once that is fixed,
 * a schema in the shared test database is enough.
 *
 * Usage, at the top of a test file (top-level await):
 *
 *   const KINDS = await storeKinds();
 *   describe.each(KINDS)("%s store", (kind) => {
 *     const t = useStore(kind);
 *     it("…", async () => { const reports = t.reports(clock); … });
 *   });
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openStore, type Store } from "@/lib/db";
import { Reports, type Owner, type ReportSnapshot, type ReportsOptions } from "@/lib/reports";

export type StoreKind = "sqlite" | "postgres";

/** The test PostgreSQL (trust auth); FORMATFIT_TEST_PG_URL points elsewhere. */
export const PG_URL = process.env.FORMATFIT_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** How to start the PostgreSQL the CI image has installed. */
export const START_PG_COMMAND = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";

/** Whether PostgreSQL at `url` accepts a connection and a query within `timeoutMs`. */
export async function pgReachable(url: string = PG_URL, timeoutMs = 2000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface StoreKindsOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly url?: string;
  readonly timeoutMs?: number;
  /** Where the "skipping PostgreSQL" warning goes (console.warn). */
  readonly warn?: (message: string) => void;
}

/**
 * The store kinds to test: `sqlite`, and `postgres` when it answers. With `CI=true` an unreachable
 * PostgreSQL throws (the file fails, saying how to start it); elsewhere it is left out with a warning.
 */
export async function storeKinds(options: StoreKindsOptions = {}): Promise<StoreKind[]> {
  const env = options.env ?? process.env;
  const url = options.url ?? PG_URL;
  if (await pgReachable(url, options.timeoutMs)) return ["sqlite", "postgres"];
  const where = redactedUrl(url);
  if (env.CI === "true") {
    throw new Error(`PostgreSQL at ${where} is not reachable, and CI=true does not skip the PostgreSQL store tests. Start PostgreSQL: ${START_PG_COMMAND}`);
  }
  (options.warn ?? console.warn)(`PostgreSQL at ${where} is not reachable: testing the SQLite store only (start it with: ${START_PG_COMMAND}).`);
  return ["sqlite"];
}

function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

/** A random lower-case identifier with the given prefix (a plain PostgreSQL identifier). */
export function randomName(prefix: string): string {
  return `${prefix}${randomBytes(8).toString("hex")}`;
}

/** The URL of another database on the same server. */
export function databaseUrlFor(database: string, base: string = PG_URL): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs SQL on a one-off connection (administration: create/drop database, drop schema). */
export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new empty PostgreSQL database on the test server; returns its name. */
export async function createPgDatabase(): Promise<string> {
  const name = randomName("ff_");
  await adminQuery(PG_URL, `create database ${name}`);
  return name;
}

/**
 * Drops a test database. A closed pg pool can still hold a backend for a moment after `end()`
 * resolves, and a pool that openStore abandoned after a failure keeps its idle connection until
 * pg's idle timeout (10 s); so "being accessed by other users" (55006) is retried for up to 20 s
 * rather than forced: forcing would kill that backend and its pool would raise an unhandled error.
 */
export async function dropPgDatabase(name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(PG_URL, `drop database if exists ${name}`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== "55006" || attempt >= 400) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Time allowed to the hooks that create and drop a database (see {@link dropPgDatabase}). */
export const DATABASE_HOOK_TIMEOUT_MS = 60_000;

/** One database of one kind: where it is, and how to open (another) store on it. */
export interface TestDatabase {
  readonly kind: StoreKind;
  /** SQLite: the file. */
  readonly sqlitePath?: string;
  /** PostgreSQL: the URL of the database of its own, and the schema the stores use. */
  readonly databaseUrl?: string;
  readonly pgSchema?: string;
  /** Opens a store on this database (migrating it); closed by {@link TestDatabase.dispose} unless closed before. */
  open(): Promise<Store>;
  /** Closes every store still open and removes the database (schema dropped, file deleted). */
  dispose(): Promise<void>;
}

/** A fresh database of `kind`: a SQLite file in a new temporary directory, or a PostgreSQL database and schema. */
export async function freshDatabase(kind: StoreKind): Promise<TestDatabase> {
  const open = new Set<Store>();
  const track = async (opening: Promise<Store>): Promise<Store> => {
    const store = await opening;
    const close = store.close.bind(store);
    let closed = false;
    const tracked: Store = {
      db: store.db,
      kind: store.kind,
      where: store.where,
      close: async () => {
        if (closed) return;
        closed = true;
        open.delete(tracked);
        await close();
      },
    };
    open.add(tracked);
    return tracked;
  };
  const closeAll = async () => {
    for (const s of [...open]) await s.close();
  };
  if (kind === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "formatfit-db-"));
    const sqlitePath = join(dir, "formatfit.sqlite");
    return {
      kind,
      sqlitePath,
      open: () => track(openStore({ sqlitePath })),
      dispose: async () => {
        await closeAll();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const database = await createPgDatabase();
  const databaseUrl = databaseUrlFor(database);
  const pgSchema = randomName("t_");
  return {
    kind,
    databaseUrl,
    pgSchema,
    open: () => track(openStore({ databaseUrl, pgSchema })),
    dispose: async () => {
      await closeAll();
      await adminQuery(databaseUrl, `drop schema if exists ${pgSchema} cascade`);
      await dropPgDatabase(database);
    },
  };
}

/** A test clock: UTC milliseconds, moved by hand. */
export class TestClock {
  ms: number;
  constructor(iso: string) {
    this.ms = Date.parse(iso);
    if (Number.isNaN(this.ms)) throw new TypeError(`TestClock: ${iso} is not an ISO instant`);
  }
  readonly now = (): number => this.ms;
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const DAY_MS = 86_400_000;

export interface StoreFixture {
  readonly kind: StoreKind;
  /** The database (for reopening it, and its path / schema). */
  readonly database: TestDatabase;
  /** The store opened before the file's tests. */
  readonly store: Store;
  /** A Reports over {@link StoreFixture.store} with this clock (and options). */
  reports(clock: TestClock, options?: Omit<ReportsOptions, "now">): Reports;
}

/**
 * Registers `beforeAll`/`afterAll` in the current `describe`: a fresh database of `kind`, removed
 * afterwards. Read it inside tests (it exists once `beforeAll` has run).
 */
export function useDatabase(kind: StoreKind): { readonly database: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  }, DATABASE_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await database?.dispose();
  }, DATABASE_HOOK_TIMEOUT_MS);
  return {
    get database() {
      if (!database) throw new Error("useDatabase: the database is created in beforeAll");
      return database;
    },
  };
}

/**
 * Registers `beforeAll`/`afterAll` in the current `describe`: a fresh database of `kind`, one store
 * opened on it, everything removed afterwards.
 */
export function useStore(kind: StoreKind): StoreFixture {
  const db = useDatabase(kind);
  let store: Store | undefined;
  beforeAll(async () => {
    store = await db.database.open();
  }, DATABASE_HOOK_TIMEOUT_MS);
  const fixture: StoreFixture = {
    kind,
    get database() {
      return db.database;
    },
    get store() {
      if (!store) throw new Error("useStore: the store is opened in beforeAll");
      return store;
    },
    reports: (clock, options = {}) => new Reports(fixture.store, { ...options, now: clock.now }),
  };
  return fixture;
}

/** A new anonymous owner (a fresh browser key). */
export function anonymousOwner(): Owner {
  return { kind: "anonymous", key: randomBytes(32).toString("base64url") };
}

/** A new signed-in owner: a user row created through {@link Reports.upsertUser}. */
export async function userOwner(reports: Reports, email: string | null = null): Promise<Owner & { kind: "user" }> {
  const userId = await reports.upsertUser("oidc", randomName("sub-"), email, "Test Learner");
  return { kind: "user", userId };
}

/** A small, literal snapshot (what a check of one synchronous and one asynchronous section gives). */
export function sampleSnapshot(overrides: Partial<ReportSnapshot> = {}): ReportSnapshot {
  return {
    version: 1,
    checkedAt: "2027-01-04T15:00:00.000Z",
    timeZone: "America/New_York",
    includeTitles: false,
    sections: [
      {
        sectionId: "PM-101-S1",
        courseId: "PM-101",
        courseTitle: "Project Management Foundations",
        format: "synchronous",
        verdict: "does-not-fit",
        reasons: ["Clashes with 2 of 10 live sessions."],
        live: {
          sessions: 10,
          attendancePercent: 80,
          conflicts: [{ start: "2027-01-12T23:30:00Z", end: "2027-01-13T01:00:00Z", local: "Tue 12 Jan 2027, 18:30–20:00", overlapMinutes: 90, partial: false, shifted: false }],
          shifts: [],
        },
        async: null,
      },
      {
        sectionId: "PM-101-A1",
        courseId: "PM-101",
        courseTitle: "Project Management Foundations",
        format: "asynchronous",
        verdict: "fits",
        reasons: ["Flexibility: no set meeting times; you choose when to study, around the deadlines."],
        live: null,
        async: {
          hoursPerWeek: 3,
          weeks: [{ start: "2027-01-11T05:00:00Z", end: "2027-01-18T05:00:00Z", label: "Mon 11 Jan – Sun 17 Jan", requiredHours: 3, availableHours: 20, slackHours: 17, feasible: true, crunch: false }],
          unmet: [],
        },
      },
    ],
    courses: [{ courseId: "PM-101", sectionIds: ["PM-101-S1", "PM-101-A1"], summary: "The asynchronous section fits.", best: ["PM-101-A1"] }],
    plan: null,
    busy: [{ start: "2027-01-11", days: [{ date: "2027-01-11", busyMinutes: 510, inTerm: true }] }],
    sources: [{ eventCount: 6 }],
    ...overrides,
  };
}
