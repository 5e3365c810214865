/**
 * Authorization in the data layer (lib/reports/index.ts): every method takes the caller's identity,
 * and another owner's report looks exactly like a missing one — get/links/createLink give
 * undefined, rename/delete/revokeLink/shareWithAdvisor give false — and nothing changes. Signed-in
 * and anonymous owners are kept apart, whatever their ids and keys look like.
 */
import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/reports/tokens";
import type { Owner, Reports } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();
const snapshot = sampleSnapshot();

describe.each(KINDS)("authorization on the %s store", (kind) => {
  const t = useStore(kind);
  const clock = new TestClock("2027-01-15T12:00:00Z");

  async function ownedReport(reports: Reports, owner: Owner, title = "Mine") {
    const report = await reports.save(owner, { title, snapshot, includeTitles: false });
    const link = await reports.createLink(owner, report.id, {});
    if (!link) throw new Error("the owner could not create a link");
    await reports.shareWithAdvisor(owner, report.id, "kim@sps.example.edu");
    return { report, link };
  }

  describe.each([
    ["an anonymous owner, another anonymous key", () => Promise.resolve(anonymousOwner()), () => Promise.resolve(anonymousOwner())],
    ["a user, another user", (r: Reports) => userOwner(r), (r: Reports) => userOwner(r)],
    ["an anonymous owner, a user", () => Promise.resolve(anonymousOwner()), (r: Reports) => userOwner(r)],
    ["a user, an anonymous owner", (r: Reports) => userOwner(r), () => Promise.resolve(anonymousOwner())],
  ] as const)("%s", (_what, makeOwner, makeStranger) => {
    it("get, links, advisorShares and notes give undefined to the stranger", async () => {
      const reports = t.reports(clock);
      const owner = await makeOwner(reports);
      const stranger = await makeStranger(reports);
      const { report } = await ownedReport(reports, owner);
      expect(await reports.get(stranger, report.id)).toBeUndefined();
      expect(await reports.links(stranger, report.id)).toBeUndefined();
      expect(await reports.advisorShares(stranger, report.id)).toBeUndefined();
      expect(await reports.notes({ owner: stranger }, report.id)).toBeUndefined();
      expect(await reports.list(stranger)).toEqual([]);
    });

    it("rename, delete, revokeLink, shareWithAdvisor and unshareWithAdvisor give false and change nothing", async () => {
      const reports = t.reports(clock);
      const owner = await makeOwner(reports);
      const stranger = await makeStranger(reports);
      const { report, link } = await ownedReport(reports, owner);
      expect(await reports.rename(stranger, report.id, "Hijacked")).toBe(false);
      expect(await reports.delete(stranger, report.id)).toBe(false);
      expect(await reports.revokeLink(stranger, report.id, link.link.id)).toBe(false);
      expect(await reports.shareWithAdvisor(stranger, report.id, "mallory@evil.example")).toBe(false);
      expect(await reports.unshareWithAdvisor(stranger, report.id, "kim@sps.example.edu")).toBe(false);

      expect((await reports.get(owner, report.id))?.title).toBe("Mine");
      expect((await reports.links(owner, report.id))?.map((l) => [l.id, l.revokedAt])).toEqual([[link.link.id, null]]);
      expect((await reports.advisorShares(owner, report.id))?.map((s) => s.email)).toEqual(["kim@sps.example.edu"]);
      expect((await reports.openLink(link.token)).status).toBe("ok");
    });

    it("createLink gives undefined to the stranger and creates no link", async () => {
      const reports = t.reports(clock);
      const owner = await makeOwner(reports);
      const stranger = await makeStranger(reports);
      const { report } = await ownedReport(reports, owner);
      expect(await reports.createLink(stranger, report.id, {})).toBeUndefined();
      expect(await reports.links(owner, report.id)).toHaveLength(1);
    });
  });

  it("the same anonymous key is the same owner (the browser key is the identity)", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const { report } = await ownedReport(reports, owner);
    const sameKey: Owner = { kind: "anonymous", key: owner.kind === "anonymous" ? owner.key : "" };
    expect((await reports.get(sameKey, report.id))?.id).toBe(report.id);
  });

  it("a user cannot see an anonymous report even with a user id equal to the key or to its stored hash", async () => {
    const reports = t.reports(clock);
    const key = anonymousOwner();
    if (key.kind !== "anonymous") throw new Error("unreachable");
    const { report } = await ownedReport(reports, key);
    for (const userId of [key.key, hashToken(key.key)]) {
      const user: Owner = { kind: "user", userId };
      expect(await reports.get(user, report.id)).toBeUndefined();
      expect(await reports.list(user)).toEqual([]);
      expect(await reports.rename(user, report.id, "Hijacked")).toBe(false);
    }
  });

  it("an anonymous owner cannot see a user's report even with a key equal to the user id", async () => {
    const reports = t.reports(clock);
    const user = await userOwner(reports);
    const { report } = await ownedReport(reports, user);
    const anonymous: Owner = { kind: "anonymous", key: user.userId };
    expect(await reports.get(anonymous, report.id)).toBeUndefined();
    expect(await reports.list(anonymous)).toEqual([]);
    expect(await reports.delete(anonymous, report.id)).toBe(false);
    expect((await reports.get(user, report.id))?.id).toBe(report.id);
  });

  it("the stored hash of an anonymous key does not work as a key", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const { report } = await ownedReport(reports, owner);
    const row = await t.store.db.selectFrom("reports").select(["owner_key_hash", "owner_user_id"]).where("id", "=", report.id).executeTakeFirstOrThrow();
    expect(row.owner_user_id).toBeNull();
    expect(row.owner_key_hash).toBe(hashToken(owner.kind === "anonymous" ? owner.key : ""));
    expect(await reports.get({ kind: "anonymous", key: row.owner_key_hash ?? "" }, report.id)).toBeUndefined();
  });

  it("each owner's list holds only their own reports, newest first", async () => {
    const local = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(local);
    const a = anonymousOwner();
    const u = await userOwner(reports);
    const a1 = await reports.save(a, { title: "A1", snapshot, includeTitles: false });
    local.advance(1000);
    const u1 = await reports.save(u, { title: "U1", snapshot, includeTitles: false });
    local.advance(1000);
    const a2 = await reports.save(a, { title: "A2", snapshot, includeTitles: false });
    expect((await reports.list(a)).map((r) => r.id)).toEqual([a2.id, a1.id]);
    expect((await reports.list(u)).map((r) => r.id)).toEqual([u1.id]);
  });

  it("revokeLink refuses a link of the owner's other report (a link is bound to its report)", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const first = await ownedReport(reports, owner, "First");
    const second = await ownedReport(reports, owner, "Second");
    expect(await reports.revokeLink(owner, first.report.id, second.link.link.id)).toBe(false);
    expect((await reports.openLink(second.link.token)).status).toBe("ok");
  });

  it("an owner's delete removes the report for everyone: its link no longer opens", async () => {
    const reports = t.reports(clock);
    const owner = await userOwner(reports);
    const { report, link } = await ownedReport(reports, owner);
    expect(await reports.delete(owner, report.id)).toBe(true);
    expect(await reports.get(owner, report.id)).toBeUndefined();
    expect(await reports.openLink(link.token)).toEqual({ status: "not-found" });
    expect(await reports.delete(owner, report.id)).toBe(false);
  });
});
