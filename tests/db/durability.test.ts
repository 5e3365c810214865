/**
 * What a store keeps: a saved report survives closing the store and opening it again, with the
 * identical snapshot, flags and instants (epoch milliseconds read back as numbers on both stores).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Reports } from "@/lib/reports";
import { DAY_MS, TestClock, anonymousOwner, sampleSnapshot, storeKinds, useDatabase, userOwner, type TestDatabase } from "../helpers/stores";

const KINDS = await storeKinds();

describe.each(KINDS)("durability on the %s store", (kind) => {
  const t = useDatabase(kind);
  let database: TestDatabase;
  beforeAll(() => {
    database = t.database;
  });

  it("a report saved, the store closed and opened again, is still there with the identical snapshot", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const owner = anonymousOwner();
    const snapshot = sampleSnapshot({ includeTitles: true, sources: [{ name: "work.ics", eventCount: 212 }] });
    const first = await database.open();
    const saved = await new Reports(first, { now: clock.now }).save(owner, { title: "Spring options", snapshot, includeTitles: true });
    await first.close();

    const second = await database.open();
    const again = await new Reports(second, { now: clock.now }).get(owner, saved.id);
    await second.close();
    expect(again).toEqual(saved);
    expect(again?.snapshot).toEqual(snapshot);
    expect(again).toMatchObject({
      title: "Spring options",
      includeTitles: true,
      createdAt: Date.parse("2027-01-15T12:00:00Z"),
      updatedAt: Date.parse("2027-01-15T12:00:00Z"),
      expiresAt: Date.parse("2027-01-15T12:00:00Z") + 180 * DAY_MS,
    });
  });

  it("instants come back as numbers, not strings (PostgreSQL BIGINT)", async () => {
    const clock = new TestClock("2027-03-14T06:30:00Z");
    const store = await database.open();
    try {
      const reports = new Reports(store, { now: clock.now });
      const owner = await userOwner(reports);
      const saved = await reports.save(owner, { title: "Numbers", snapshot: sampleSnapshot(), includeTitles: false });
      const [summary] = await reports.list(owner);
      expect(summary?.id).toBe(saved.id);
      expect(typeof summary?.createdAt).toBe("number");
      expect(summary?.createdAt).toBe(Date.parse("2027-03-14T06:30:00Z"));
      const row = await store.db.selectFrom("reports").select(["created_at", "expires_at"]).where("id", "=", saved.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ created_at: Date.parse("2027-03-14T06:30:00Z"), expires_at: Date.parse("2027-03-14T06:30:00Z") + 180 * DAY_MS });
    } finally {
      await store.close();
    }
  });

  it("a rename, a link and a note survive reopening too", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const owner = anonymousOwner();
    const advisor = { userId: "advisor-1", email: "kim@sps.example.edu" };
    const first = await database.open();
    const r1 = new Reports(first, { now: clock.now });
    const saved = await r1.save(owner, { title: "Draft", snapshot: sampleSnapshot(), includeTitles: false });
    expect(await r1.rename(owner, saved.id, "Final")).toBe(true);
    const created = await r1.createLink(owner, saved.id, {});
    expect(await r1.shareWithAdvisor(owner, saved.id, advisor.email)).toBe(true);
    expect(await r1.addNote(advisor, saved.id, "Take the hybrid section.")).toBeDefined();
    await first.close();

    const second = await database.open();
    try {
      const r2 = new Reports(second, { now: clock.now });
      expect((await r2.get(owner, saved.id))?.title).toBe("Final");
      expect(await r2.links(owner, saved.id)).toEqual([created?.link]);
      expect((await r2.notes({ owner }, saved.id))?.map((n) => n.body)).toEqual(["Take the hybrid section."]);
      const opened = await r2.openLink(created?.token ?? "");
      expect(opened.status).toBe("ok");
    } finally {
      await second.close();
    }
  });
});
