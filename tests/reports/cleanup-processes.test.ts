/**
 * The retention cleanup with several app servers on one store (issue 13, horizontal scale): two
 * processes run Reports#cleanup at the same moment against one PostgreSQL, and two stores in one
 * process on either store kind. Every expired report goes with everything hanging off it, none is
 * counted twice, the kept ones stay, and neither server fails (no deadlock, no error).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Store } from "@/lib/db";
import { Reports, type Advisor } from "@/lib/reports";
import { DAY_MS, TestClock, anonymousOwner, sampleSnapshot, storeKinds, useDatabase } from "../helpers/stores";

const KINDS = await storeKinds();
const CHILD = fileURLToPath(new URL("./fixtures/cleanup-child.ts", import.meta.url));
const T0 = "2027-01-01T00:00:00Z";
const kim: Advisor = { userId: "advisor-kim", email: "kim@sps.example.edu" };
const TABLES = ["reports", "share_links", "link_views", "advisor_shares", "advisor_notes"] as const;

/** `old` reports saved at T0 with a link (opened), a share and a note, and `kept` saved 100 days later. */
async function fill(store: Store, old: number, kept: number): Promise<void> {
  const clock = new TestClock(T0);
  const reports = new Reports(store, { now: clock.now, maxReportsPerOwner: 100_000 });
  const owner = anonymousOwner();
  const make = async () => {
    const report = await reports.save(owner, { title: "R", snapshot: sampleSnapshot(), includeTitles: false });
    const link = await reports.createLink(owner, report.id, { expiresInDays: 365 });
    if (link) await reports.openLink(link.token);
    await reports.shareWithAdvisor(owner, report.id, kim.email);
    await reports.addNote(kim, report.id, "A note.");
  };
  for (let i = 0; i < old; i += 20) await Promise.all(Array.from({ length: Math.min(20, old - i) }, make));
  clock.advance(100 * DAY_MS);
  for (let i = 0; i < kept; i++) await make();
}

async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await store.db.selectFrom(table).select("id").execute()).length;
  return out;
}

function child(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } });
    let stdout = "";
    let stderr = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    p.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    p.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const AFTER = new Date(Date.parse(T0) + 181 * DAY_MS).toISOString();

describe.each(KINDS)("cleanup by two servers at once on the %s store", (kind) => {
  const t = useDatabase(kind);

  it("two processes: both finish, together they delete each expired report once, the kept ones stay", async () => {
    const store = await t.database.open();
    await fill(store, 200, 10);
    const startAt = String(Date.now() + 4_000); // both children connected and waiting by then
    const where = kind === "postgres" ? [t.database.databaseUrl ?? "", t.database.pgSchema ?? ""] : [t.database.sqlitePath ?? "", "-"];
    const args = [kind, ...where, AFTER, startAt, "5"];
    const [first, second] = await Promise.all([child(args), child(args)]);
    for (const run of [first, second]) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    const deleted = [first, second].map((r) => (JSON.parse(r.stdout) as { deleted: number }).deleted);
    expect(deleted.reduce((x, y) => x + y, 0)).toBe(200);
    expect(await counts(store)).toEqual({ reports: 10, share_links: 10, link_views: 10, advisor_shares: 10, advisor_notes: 10 });
    await store.close();
  }, 120_000);

  if (kind === "postgres") {
    // (Two SQLite connections in one process would wait on each other on one thread: better-sqlite3
    // is synchronous. Two processes, above, is how SQLite is shared.)
    it("two stores in one process: every expired report deleted once", async () => {
      const [a, b] = [await t.database.open(), await t.database.open()];
      await fill(a, 60, 0);
      const clock = new TestClock(new Date(Date.parse(AFTER) + 200 * DAY_MS).toISOString());
      const [ra, rb] = [new Reports(a, { now: clock.now }), new Reports(b, { now: clock.now })];
      const deleted = await Promise.all([ra.cleanup(), rb.cleanup(), ra.cleanup(), rb.cleanup()]);
      // The 10 kept by the first test have expired by now too.
      expect(deleted.reduce((x, y) => x + y, 0)).toBe(70);
      expect(await counts(a)).toEqual({ reports: 0, share_links: 0, link_views: 0, advisor_shares: 0, advisor_notes: 0 });
      await a.close();
      await b.close();
    }, 60_000);
  }
});
