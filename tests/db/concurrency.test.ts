/**
 * Many saves at once (a burst of requests): every one succeeds, with its own id, and each owner's
 * list shows exactly its own. PostgreSQL runs them on a pool of connections; SQLite queues them on
 * its one connection.
 */
import { describe, expect, it } from "vitest";
import type { Owner } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();

describe.each(KINDS)("concurrent saves on the %s store", (kind) => {
  const t = useStore(kind);

  it("20 saves at once, from ten owners and ten times from one, all succeed with distinct ids; each list shows its own", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const shared = await userOwner(reports);
    const others: Owner[] = [...Array.from({ length: 5 }, () => anonymousOwner()), ...(await Promise.all(Array.from({ length: 5 }, () => userOwner(reports))))];
    const jobs: { owner: Owner; title: string }[] = [
      ...others.map((owner, i) => ({ owner, title: `Owner ${i}` })),
      ...Array.from({ length: 10 }, (_, i) => ({ owner: shared as Owner, title: `Mine ${i}` })),
    ];
    const saved = await Promise.all(jobs.map((j) => reports.save(j.owner, { title: j.title, snapshot: sampleSnapshot(), includeTitles: false })));

    expect(saved).toHaveLength(20);
    expect(new Set(saved.map((r) => r.id)).size).toBe(20);
    const mine = await reports.list(shared);
    expect(mine.map((r) => r.title).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Mine ${i}`).sort());
    expect(mine.map((r) => r.id).sort()).toEqual(saved.slice(10).map((r) => r.id).sort());
    for (const [i, owner] of others.entries()) {
      const list = await reports.list(owner);
      expect(list.map((r) => [r.id, r.title])).toEqual([[saved[i]?.id, `Owner ${i}`]]);
    }
    const { n } = await t.store.db.selectFrom("reports").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "in", saved.map((r) => r.id)).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(20);
  });

  it("20 reads, links and renames at once on one report all succeed", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Busy", snapshot: sampleSnapshot(), includeTitles: false });
    const links = await Promise.all(Array.from({ length: 10 }, () => reports.createLink(owner, saved.id, {})));
    const renamed = await Promise.all(Array.from({ length: 5 }, (_, i) => reports.rename(owner, saved.id, `Busy ${i}`)));
    const reads = await Promise.all(Array.from({ length: 5 }, () => reports.get(owner, saved.id)));
    expect(new Set(links.map((l) => l?.token)).size).toBe(10);
    expect(renamed).toEqual([true, true, true, true, true]);
    expect(reads.every((r) => r?.id === saved.id)).toBe(true);
    expect(await reports.links(owner, saved.id)).toHaveLength(10);
  });
});
