/**
 * Retention (Reports#cleanup): a report is kept `retentionDays` (180 by default) from when it was
 * saved; cleanup deletes the ones past that with everything hanging off them — share links, the
 * view log, advisor shares and notes — keeps the rest, and says how many it deleted. Until cleanup
 * runs, an expired report is already invisible. Each scenario has a database of its own so that
 * the counts are exact.
 */
import { describe, expect, it } from "vitest";
import type { Store } from "@/lib/db";
import type { Advisor, Owner, Reports } from "@/lib/reports";
import { newId } from "@/lib/db/id";
import { DAY_MS, TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();
const T0 = "2027-01-01T00:00:00Z";
const t0 = Date.parse(T0);
const kim: Advisor = { userId: "advisor-kim", email: "kim@sps.example.edu" };

const TABLES = ["link_views", "share_links", "advisor_shares", "advisor_notes"] as const;

/** Rows referring to the report in each table, and the report row itself. */
async function rowsOf(store: Store, reportId: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await store.db.selectFrom(table).select("id").where("report_id", "=", reportId).execute();
    out[table] = rows.length;
  }
  out.reports = (await store.db.selectFrom("reports").select("id").where("id", "=", reportId).execute()).length;
  return out;
}

/** A report with one opened link, an advisor share and a note. */
async function fullReport(reports: Reports, owner: Owner, title: string, linkDays = 30): Promise<{ id: string; token: string }> {
  const report = await reports.save(owner, { title, snapshot: sampleSnapshot(), includeTitles: false });
  const link = await reports.createLink(owner, report.id, { expiresInDays: linkDays });
  if (!link) throw new Error("no link");
  expect((await reports.openLink(link.token)).status).toBe("ok");
  expect(await reports.shareWithAdvisor(owner, report.id, kim.email)).toBe(true);
  expect(await reports.addNote(kim, report.id, `A note on ${title}.`)).toBeDefined();
  return { id: report.id, token: link.token };
}

const EVERYTHING = { link_views: 1, share_links: 1, advisor_shares: 1, advisor_notes: 1, reports: 1 };
const NOTHING = { link_views: 0, share_links: 0, advisor_shares: 0, advisor_notes: 0, reports: 0 };

describe.each(KINDS)("retention on the %s store", (kind) => {
  describe("cleanup after 180 days", () => {
    const t = useStore(kind);

    it("deletes the old reports with their links, view log, shares and notes, keeps the newer one, and counts", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock);
      const owner = anonymousOwner();
      const user = await userOwner(reports);
      const old = await fullReport(reports, owner, "Old");
      const oldPlain = await reports.save(user, { title: "Old, plain", snapshot: sampleSnapshot(), includeTitles: false });
      clock.advance(100 * DAY_MS);
      const recent = await fullReport(reports, owner, "Recent", 100); // its link outlives the cleanup
      expect(await rowsOf(t.store, old.id)).toEqual(EVERYTHING);
      expect(await rowsOf(t.store, recent.id)).toEqual(EVERYTHING);

      clock.set("2027-06-30T00:00:00Z"); // T0 + 180 days
      expect(await reports.cleanup()).toBe(2);

      expect(await rowsOf(t.store, old.id)).toEqual(NOTHING);
      expect(await rowsOf(t.store, oldPlain.id)).toEqual(NOTHING);
      expect(await rowsOf(t.store, recent.id)).toEqual(EVERYTHING);
      expect((await reports.list(owner)).map((r) => r.title)).toEqual(["Recent"]);
      expect(await reports.list(user)).toEqual([]);
      expect((await reports.openLink(recent.token)).status).toBe("ok");
      expect(await reports.openLink(old.token)).toEqual({ status: "not-found" });
      expect((await reports.sharedWith(kim)).map((r) => r.id)).toEqual([recent.id]);
      expect(await reports.cleanup()).toBe(0); // a second run finds nothing more
    });
  });

  describe("one millisecond before 180 days", () => {
    const t = useStore(kind);

    it("keeps the report", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock);
      const owner = anonymousOwner();
      const report = await reports.save(owner, { title: "Boundary", snapshot: sampleSnapshot(), includeTitles: false });
      expect(report.expiresAt).toBe(t0 + 180 * DAY_MS);
      clock.ms = report.expiresAt - 1;
      expect(await reports.cleanup()).toBe(0);
      expect((await reports.get(owner, report.id))?.id).toBe(report.id);
    });
  });

  describe("at exactly 180 days", () => {
    const t = useStore(kind);

    it("deletes the report", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock);
      const report = await reports.save(anonymousOwner(), { title: "Boundary", snapshot: sampleSnapshot(), includeTitles: false });
      clock.set("2027-06-30T00:00:00Z");
      expect(await reports.cleanup()).toBe(1);
      expect(await rowsOf(t.store, report.id)).toEqual(NOTHING);
    });
  });

  describe("retentionDays", () => {
    const t = useStore(kind);

    it("a store kept 30 days deletes a report at 30 days, not before", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock, { retentionDays: 30 });
      const owner = anonymousOwner();
      const report = await reports.save(owner, { title: "Short-lived", snapshot: sampleSnapshot(), includeTitles: false });
      expect(report.expiresAt).toBe(Date.parse("2027-01-31T00:00:00Z"));
      clock.set("2027-01-30T23:59:59Z");
      expect(await reports.cleanup()).toBe(0);
      clock.set("2027-01-31T00:00:00Z");
      expect(await reports.cleanup()).toBe(1);
      expect(await rowsOf(t.store, report.id)).toEqual(NOTHING);
    });
  });

  describe("an expired report before cleanup", () => {
    const t = useStore(kind);

    it("is invisible to its owner, its link and its advisor, and cannot be changed", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock, { retentionDays: 10 });
      const owner = anonymousOwner();
      const report = await fullReport(reports, owner, "Expiring");
      clock.set("2027-01-11T00:00:00Z");
      expect(await reports.get(owner, report.id)).toBeUndefined();
      expect(await reports.list(owner)).toEqual([]);
      expect(await reports.rename(owner, report.id, "Renamed")).toBe(false);
      expect(await reports.createLink(owner, report.id, {})).toBeUndefined();
      expect(await reports.openLink(report.token)).toEqual({ status: "gone", reason: "expired" });
      expect(await reports.getShared(kim, report.id)).toBeUndefined();
      expect(await reports.sharedWith(kim)).toEqual([]);
      expect(await reports.addNote(kim, report.id, "Too late.")).toBeUndefined();
      expect(await rowsOf(t.store, report.id)).toEqual(EVERYTHING); // still stored until cleanup
    });
  });

  describe("many expired reports", () => {
    const t = useStore(kind);

    it("deletes 1,203 expired reports (more than one batch of 500) and returns 1,203", async () => {
      const clock = new TestClock(T0);
      const reports = t.reports(clock);
      const keep = await reports.save(anonymousOwner(), { title: "Keep", snapshot: sampleSnapshot(), includeTitles: false });
      const rows = Array.from({ length: 1203 }, (_, i) => ({
        id: newId(),
        owner_user_id: null,
        owner_key_hash: `key-${i}`,
        title: JSON.stringify(`Old ${i}`),
        snapshot: JSON.stringify(sampleSnapshot()),
        include_titles: 0,
        created_at: t0 - 200 * DAY_MS,
        updated_at: t0 - 200 * DAY_MS,
        expires_at: t0 - 20 * DAY_MS + i,
      }));
      for (let i = 0; i < rows.length; i += 400) await t.store.db.insertInto("reports").values(rows.slice(i, i + 400)).execute();
      expect(await reports.cleanup()).toBe(1203);
      const left = await t.store.db.selectFrom("reports").select("id").execute();
      expect(left.map((r) => r.id)).toEqual([keep.id]);
    });
  });
});
