/**
 * A write that fails leaves nothing behind. Saving fails for real when the owner's user row is
 * missing (a foreign key: the account was deleted while its session lived on) or when the snapshot
 * cannot be serialised. Deleting and cleaning up are several statements in one transaction: a
 * trigger that refuses the last of them (deleting the report row) must undo the ones before it
 * (view log, links, notes, shares).
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db";
import type { ReportSnapshot } from "@/lib/reports";
import { DAY_MS, TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();
const CHILD_TABLES = ["link_views", "share_links", "advisor_shares", "advisor_notes"] as const;

/** Rows referring to `reportId`, per table (reports counted by id). */
async function rowsOf(store: Store, reportId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of CHILD_TABLES) {
    const { n } = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("report_id", "=", reportId).executeTakeFirstOrThrow();
    out[table] = Number(n);
  }
  const { n } = await store.db.selectFrom("reports").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "=", reportId).executeTakeFirstOrThrow();
  out.reports = Number(n);
  return out;
}

async function reportCount(store: Store): Promise<number> {
  const { n } = await store.db.selectFrom("reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(n);
}

/** Triggers that refuse an insert or delete of a report whose title holds a marker. */
async function installRefusingTriggers(store: Store): Promise<void> {
  if (store.kind === "sqlite") {
    await sql.raw(`create trigger ff_refuse_insert after insert on reports when new.title like '%REFUSE-INSERT%' begin select raise(abort, 'refused by a test trigger'); end`).execute(store.db);
    await sql.raw(`create trigger ff_refuse_delete before delete on reports when old.title like '%REFUSE-DELETE%' begin select raise(abort, 'refused by a test trigger'); end`).execute(store.db);
    return;
  }
  await sql.raw(`create function ff_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by a test trigger'; end $$`).execute(store.db);
  await sql.raw(`create trigger ff_refuse_insert after insert on reports for each row when (new.title like '%REFUSE-INSERT%') execute function ff_refuse()`).execute(store.db);
  await sql.raw(`create trigger ff_refuse_delete before delete on reports for each row when (old.title like '%REFUSE-DELETE%') execute function ff_refuse()`).execute(store.db);
}

describe.each(KINDS)("atomicity on the %s store", (kind) => {
  const t = useStore(kind);
  beforeAll(async () => {
    await installRefusingTriggers(t.store);
  });

  it("a save for a user whose row does not exist fails (foreign key) and stores nothing", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const before = await reportCount(t.store);
    const ghost = { kind: "user" as const, userId: "no-such-user" };
    await expect(reports.save(ghost, { title: "Orphan", snapshot: sampleSnapshot(), includeTitles: false })).rejects.toThrow();
    expect(await reportCount(t.store)).toBe(before);
    expect(await reports.list(ghost)).toEqual([]);
  });

  it("a snapshot that cannot be serialised (a BigInt) fails the save and stores nothing", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const before = await reportCount(t.store);
    const bad = { ...sampleSnapshot(), version: 1n } as unknown as ReportSnapshot;
    await expect(reports.save(owner, { title: "BigInt", snapshot: bad, includeTitles: false })).rejects.toThrow(TypeError);
    expect(await reportCount(t.store)).toBe(before);
    expect(await reports.list(owner)).toEqual([]);
  });

  it("a save whose insert is refused after it ran (a trigger) is rolled back", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const before = await reportCount(t.store);
    await expect(reports.save(owner, { title: "REFUSE-INSERT", snapshot: sampleSnapshot(), includeTitles: false })).rejects.toThrow(/refused by a test trigger/);
    expect(await reportCount(t.store)).toBe(before);
    expect(await reports.list(owner)).toEqual([]);
  });

  it("the failures above leave the store usable: the next save succeeds", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = await userOwner(reports);
    const saved = await reports.save(owner, { title: "After failures", snapshot: sampleSnapshot(), includeTitles: false });
    expect((await reports.list(owner)).map((r) => r.id)).toEqual([saved.id]);
  });

  it("a delete refused at its last statement keeps the report with its view log, links, shares and notes", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const advisor = { userId: "adv", email: "kim@sps.example.edu" };
    const saved = await reports.save(owner, { title: "REFUSE-DELETE", snapshot: sampleSnapshot(), includeTitles: false });
    const link = await reports.createLink(owner, saved.id, {});
    expect((await reports.openLink(link?.token ?? "")).status).toBe("ok");
    await reports.shareWithAdvisor(owner, saved.id, advisor.email);
    await reports.addNote(advisor, saved.id, "Keep this.");
    const before = await rowsOf(t.store, saved.id);
    expect(before).toEqual({ link_views: 1, share_links: 1, advisor_shares: 1, advisor_notes: 1, reports: 1 });

    await expect(reports.delete(owner, saved.id)).rejects.toThrow(/refused by a test trigger/);
    expect(await rowsOf(t.store, saved.id)).toEqual(before);
    expect((await reports.openLink(link?.token ?? "")).status).toBe("ok");
  });

  it("a cleanup refused on one expired report deletes none of them", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock, { retentionDays: 1 });
    const owner = anonymousOwner();
    const plain = await reports.save(owner, { title: "Expired, plain", snapshot: sampleSnapshot(), includeTitles: false });
    await reports.createLink(owner, plain.id, {});
    const refused = await reports.save(owner, { title: "Expired, REFUSE-DELETE", snapshot: sampleSnapshot(), includeTitles: false });
    const plainBefore = await rowsOf(t.store, plain.id);
    expect(plainBefore).toMatchObject({ share_links: 1, reports: 1 });
    clock.advance(2 * DAY_MS);
    await expect(reports.cleanup()).rejects.toThrow(/refused by a test trigger/);
    expect(await rowsOf(t.store, plain.id)).toEqual(plainBefore);
    expect(await rowsOf(t.store, refused.id)).toMatchObject({ reports: 1 });
  });
});
