/**
 * Share links (lib/reports/index.ts, createLink/openLink/links/revokeLink), on each store: a token
 * of at least 128 bits of which only the SHA-256 is stored, expiry (30 days by default, or as asked,
 * never past the report), a view log, revocation, and "not found" for anything else. The clock is
 * the Reports `now` option; no test waits.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newToken } from "@/lib/reports/tokens";
import type { Owner, Reports } from "@/lib/reports";
import { DAY_MS, TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore } from "../helpers/stores";

const KINDS = await storeKinds();
const T0 = "2027-01-15T12:00:00Z";
const t0 = Date.parse(T0);

describe.each(KINDS)("share links on the %s store", (kind) => {
  const t = useStore(kind);

  async function linked(reports: Reports, options: { expiresInDays?: number } = {}) {
    const owner: Owner = anonymousOwner();
    const report = await reports.save(owner, { title: "Shared", snapshot: sampleSnapshot(), includeTitles: false });
    const created = await reports.createLink(owner, report.id, options);
    if (!created) throw new Error("createLink refused the owner");
    return { owner, report, ...created };
  }

  it("the token is base64url of at least 128 bits (43 characters: 256 bits)", async () => {
    const { token } = await linked(t.reports(new TestClock(T0)));
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeGreaterThanOrEqual(22); // 22 base64url characters carry 132 bits
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
  });

  it("stores only the token's SHA-256: the raw token is in no column of its row, nor in the report's", async () => {
    const reports = t.reports(new TestClock(T0));
    const { token, link, report } = await linked(reports);
    const row = await t.store.db.selectFrom("share_links").selectAll().where("id", "=", link.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash("sha256").update(token, "utf8").digest("base64url"));
    for (const value of Object.values(row)) expect(String(value)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const reportRow = await t.store.db.selectFrom("reports").selectAll().where("id", "=", report.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(reportRow)).not.toContain(token);
  });

  it("the stored hash does not open the link (a leaked table is not a set of links)", async () => {
    const reports = t.reports(new TestClock(T0));
    const { link } = await linked(reports);
    const row = await t.store.db.selectFrom("share_links").select("token_hash").where("id", "=", link.id).executeTakeFirstOrThrow();
    expect(await reports.openLink(row.token_hash)).toEqual({ status: "not-found" });
  });

  it("lasts 30 days by default", async () => {
    const { link } = await linked(t.reports(new TestClock(T0)));
    expect(link).toEqual({ id: link.id, createdAt: t0, expiresAt: Date.parse("2027-02-14T12:00:00Z"), revokedAt: null, views: [] });
  });

  it("lasts the days asked for", async () => {
    const { link } = await linked(t.reports(new TestClock(T0)), { expiresInDays: 7 });
    expect(link.expiresAt).toBe(Date.parse("2027-01-22T12:00:00Z"));
    const row = await t.store.db.selectFrom("share_links").select("expires_at").where("id", "=", link.id).executeTakeFirstOrThrow();
    expect(row.expires_at).toBe(Date.parse("2027-01-22T12:00:00Z"));
  });

  it("takes its default from the linkDays option", async () => {
    const { link } = await linked(t.reports(new TestClock(T0), { linkDays: 14 }));
    expect(link.expiresAt).toBe(Date.parse("2027-01-29T12:00:00Z"));
  });

  it("never outlives its report", async () => {
    const { link, report } = await linked(t.reports(new TestClock(T0), { retentionDays: 10 }), { expiresInDays: 30 });
    expect(report.expiresAt).toBe(Date.parse("2027-01-25T12:00:00Z"));
    expect(link.expiresAt).toBe(report.expiresAt);
  });

  it.each([0, 0.5, 366, Number.NaN, Number.POSITIVE_INFINITY])("refuses a lifetime of %s days with BAD_REQUEST", async (days) => {
    const reports = t.reports(new TestClock(T0));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "No link", snapshot: sampleSnapshot(), includeTitles: false });
    await expect(reports.createLink(owner, report.id, { expiresInDays: days })).rejects.toMatchObject({ code: "BAD_REQUEST", where: "expiresInDays" });
    expect(await reports.links(owner, report.id)).toEqual([]);
  });

  it("opens with the report, and records the view with its time", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { token, report, owner, link } = await linked(reports);
    clock.set("2027-01-16T08:00:00Z");
    expect(await reports.openLink(token)).toEqual({ status: "ok", report });
    clock.set("2027-01-20T21:30:00Z");
    expect((await reports.openLink(token)).status).toBe("ok");
    expect(await reports.links(owner, report.id)).toEqual([{ ...link, views: [Date.parse("2027-01-16T08:00:00Z"), Date.parse("2027-01-20T21:30:00Z")] }]);
  });

  it("still opens one millisecond before it expires", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { token, link } = await linked(reports, { expiresInDays: 7 });
    clock.ms = link.expiresAt - 1;
    expect((await reports.openLink(token)).status).toBe("ok");
  });

  it("is gone (expired) at its expiry instant, and records no view", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { token, link, owner, report } = await linked(reports, { expiresInDays: 7 });
    clock.ms = link.expiresAt;
    expect(await reports.openLink(token)).toEqual({ status: "gone", reason: "expired" });
    clock.set(T0); // the owner looks at the log again before expiry
    expect((await reports.links(owner, report.id))?.[0]?.views).toEqual([]);
  });

  it("is gone (revoked) once revoked, and records no view", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { token, link, owner, report } = await linked(reports);
    clock.set("2027-01-16T09:00:00Z");
    expect(await reports.revokeLink(owner, report.id, link.id)).toBe(true);
    expect(await reports.openLink(token)).toEqual({ status: "gone", reason: "revoked" });
    expect(await reports.links(owner, report.id)).toEqual([{ ...link, revokedAt: Date.parse("2027-01-16T09:00:00Z"), views: [] }]);
  });

  it("revoking twice: the second time is false and the revocation time stays", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { link, owner, report } = await linked(reports);
    expect(await reports.revokeLink(owner, report.id, link.id)).toBe(true);
    clock.advance(DAY_MS);
    expect(await reports.revokeLink(owner, report.id, link.id)).toBe(false);
    expect((await reports.links(owner, report.id))?.[0]?.revokedAt).toBe(t0);
  });

  it("a link both revoked and expired says revoked", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { token, link, owner, report } = await linked(reports, { expiresInDays: 1 });
    await reports.revokeLink(owner, report.id, link.id);
    clock.advance(2 * DAY_MS);
    expect(await reports.openLink(token)).toEqual({ status: "gone", reason: "revoked" });
  });

  it("revoking one link leaves the report's other links open", async () => {
    const reports = t.reports(new TestClock(T0));
    const { link, owner, report } = await linked(reports);
    const second = await reports.createLink(owner, report.id, {});
    await reports.revokeLink(owner, report.id, link.id);
    expect((await reports.openLink(second?.token ?? "")).status).toBe("ok");
  });

  it("an unknown token of the right shape is not found", async () => {
    const reports = t.reports(new TestClock(T0));
    await linked(reports);
    expect(await reports.openLink(newToken())).toEqual({ status: "not-found" });
  });

  it.each([
    ["empty", () => ""],
    ["garbage", () => "not a token"],
    ["SQL", () => "' or '1'='1"],
    ["a NUL byte", () => `${"a".repeat(42)}\u0000`],
    ["the real token with a character more", (token: string) => `${token}A`],
    ["the real token with a character less", (token: string) => token.slice(0, -1)],
    ["the real token in upper case", (token: string) => token.toUpperCase()],
  ])("a token that is %s is not found", async (_what, make) => {
    const reports = t.reports(new TestClock(T0));
    const { token } = await linked(reports);
    const probe = make(token);
    expect(probe).not.toBe(token);
    expect(await reports.openLink(probe)).toEqual({ status: "not-found" });
  });

  it("lists a report's links newest first", async () => {
    const clock = new TestClock(T0);
    const reports = t.reports(clock);
    const { link, owner, report } = await linked(reports);
    clock.advance(60_000);
    const second = await reports.createLink(owner, report.id, { expiresInDays: 2 });
    expect((await reports.links(owner, report.id))?.map((l) => l.id)).toEqual([second?.link.id, link.id]);
  });
});
