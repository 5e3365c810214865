/**
 * Advisors: who is one (isAdvisorEmail over ADVISOR_EMAILS and ADVISOR_DOMAINS), and, on each
 * store, what sharing a report with one by email gives them — the report, read-only, and notes —
 * and what unsharing takes away. Another advisor gets nothing.
 */
import { describe, expect, it } from "vitest";
import { advisorConfig, isAdvisorEmail, type Advisor, type Owner, type Reports } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();

describe("advisorConfig", () => {
  it("reads comma-separated ADVISOR_EMAILS and ADVISOR_DOMAINS, trimmed, empties dropped", () => {
    expect(advisorConfig({ ADVISOR_EMAILS: " kim@sps.example.edu, ,Lee@Other.example ,", ADVISOR_DOMAINS: "advising.example.edu,,@Sps.Example.edu " })).toEqual({
      emails: ["kim@sps.example.edu", "Lee@Other.example"],
      domains: ["advising.example.edu", "@Sps.Example.edu"],
    });
  });

  it("gives empty lists when the variables are unset or blank", () => {
    expect(advisorConfig({})).toEqual({ emails: [], domains: [] });
    expect(advisorConfig({ ADVISOR_EMAILS: "  ", ADVISOR_DOMAINS: "" })).toEqual({ emails: [], domains: [] });
  });
});

describe("isAdvisorEmail", () => {
  const config = advisorConfig({ ADVISOR_EMAILS: "Kim@Elsewhere.example", ADVISOR_DOMAINS: "sps.example.edu, @Advising.Example.org" });

  it.each([
    ["a listed email", "kim@elsewhere.example"],
    ["a listed email in other case, with spaces", "  KIM@ELSEWHERE.EXAMPLE "],
    ["an email at a listed domain", "lee@sps.example.edu"],
    ["an email at a listed domain in other case", "Lee@SPS.Example.EDU"],
    ["an email at a domain listed with a leading @", "pat@advising.example.org"],
  ])("accepts %s", (_what, email) => {
    expect(isAdvisorEmail(email, config)).toBe(true);
  });

  it.each([
    ["a subdomain of a listed domain", "lee@dept.sps.example.edu"],
    ["the parent of a listed domain", "lee@example.edu"],
    ["a domain that only ends like a listed one", "lee@notsps.example.edu"],
    ["another person at a listed email's domain", "lee@elsewhere.example"],
    ["a listed domain without a local part", "@sps.example.edu"],
    ["a domain alone", "sps.example.edu"],
    ["an empty string", ""],
    ["null", null],
    ["undefined", undefined],
  ])("refuses %s", (_what, email) => {
    expect(isAdvisorEmail(email, config)).toBe(false);
  });

  it("refuses everyone when nothing is configured", () => {
    expect(isAdvisorEmail("kim@sps.example.edu", { emails: [], domains: [] })).toBe(false);
  });

  it("takes the domain after the last @", () => {
    expect(isAdvisorEmail("lee@sps.example.edu@evil.example", config)).toBe(false);
  });
});

describe.each(KINDS)("advisor shares on the %s store", (kind) => {
  const t = useStore(kind);
  const kim: Advisor = { userId: "advisor-kim", email: "kim@sps.example.edu" };
  const lee: Advisor = { userId: "advisor-lee", email: "lee@sps.example.edu" };

  async function shared(reports: Reports, owner: Owner = anonymousOwner(), email = kim.email) {
    const report = await reports.save(owner, { title: "For my advisor", snapshot: sampleSnapshot(), includeTitles: false });
    expect(await reports.shareWithAdvisor(owner, report.id, email)).toBe(true);
    return { owner, report };
  }

  it("a shared report is in the advisor's list and opens for them", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const me: Advisor = { userId: "advisor-a", email: "a-advisor@sps.example.edu" };
    const { report } = await shared(reports, anonymousOwner(), me.email);
    expect(await reports.sharedWith(me)).toEqual([{ id: report.id, title: report.title, includeTitles: false, createdAt: report.createdAt, updatedAt: report.updatedAt, expiresAt: report.expiresAt }]);
    expect(await reports.getShared(me, report.id)).toEqual(report);
  });

  it("matches the advisor's email without regard to case", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const me: Advisor = { userId: "advisor-b", email: "B-Advisor@SPS.example.edu" };
    const { report, owner } = await shared(reports, anonymousOwner(), "  b-advisor@sps.EXAMPLE.edu ");
    expect((await reports.sharedWith(me)).map((r) => r.id)).toEqual([report.id]);
    expect((await reports.getShared(me, report.id))?.id).toBe(report.id);
    expect(await reports.advisorShares(owner, report.id)).toEqual([{ email: "b-advisor@sps.example.edu", createdAt: Date.parse("2027-01-15T12:00:00Z") }]);
  });

  it("another advisor cannot open it, list it, note on it or read its notes", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const { report } = await shared(reports);
    await reports.addNote(kim, report.id, "From Kim.");
    expect(await reports.getShared(lee, report.id)).toBeUndefined();
    expect((await reports.sharedWith(lee)).map((r) => r.id)).not.toContain(report.id);
    expect(await reports.addNote(lee, report.id, "From Lee.")).toBeUndefined();
    expect(await reports.notes({ advisor: lee }, report.id)).toBeUndefined();
    expect((await reports.notes({ advisor: kim }, report.id))?.map((n) => n.body)).toEqual(["From Kim."]);
  });

  it("an advisor's user id is not an owner: the owner's methods refuse them", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const { report } = await shared(reports);
    const asOwner: Owner = { kind: "user", userId: kim.userId };
    expect(await reports.get(asOwner, report.id)).toBeUndefined();
    expect(await reports.rename(asOwner, report.id, "Renamed by advisor")).toBe(false);
    expect(await reports.createLink(asOwner, report.id, {})).toBeUndefined();
  });

  it("the owner sees the advisor's notes, oldest first, with author and time", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const owner = await userOwner(reports);
    const { report } = await shared(reports, owner);
    const first = await reports.addNote({ userId: kim.userId, email: "Kim@SPS.example.edu" }, report.id, "Try the hybrid section.");
    clock.set("2027-01-16T09:30:00Z");
    await reports.addNote(kim, report.id, "Or the async one.\nIt fits.");
    expect(first).toEqual({ id: first?.id, authorEmail: "kim@sps.example.edu", body: "Try the hybrid section.", createdAt: Date.parse("2027-01-15T12:00:00Z") });
    expect((await reports.notes({ owner }, report.id))?.map((n) => [n.authorEmail, n.body, n.createdAt])).toEqual([
      ["kim@sps.example.edu", "Try the hybrid section.", Date.parse("2027-01-15T12:00:00Z")],
      ["kim@sps.example.edu", "Or the async one.\nIt fits.", Date.parse("2027-01-16T09:30:00Z")],
    ]);
  });

  it("a note on a report never shared with anyone is refused (undefined) and not stored", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "Private", snapshot: sampleSnapshot(), includeTitles: false });
    expect(await reports.addNote(kim, report.id, "Sneaky.")).toBeUndefined();
    expect(await reports.notes({ owner }, report.id)).toEqual([]);
  });

  it("unsharing takes the report away from the advisor; the owner keeps the notes", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const me: Advisor = { userId: "advisor-c", email: "c-advisor@sps.example.edu" };
    const { owner, report } = await shared(reports, anonymousOwner(), me.email);
    await reports.addNote(me, report.id, "Before unsharing.");
    expect(await reports.unshareWithAdvisor(owner, report.id, "C-Advisor@sps.example.edu")).toBe(true);
    expect(await reports.getShared(me, report.id)).toBeUndefined();
    expect(await reports.sharedWith(me)).toEqual([]);
    expect(await reports.addNote(me, report.id, "After unsharing.")).toBeUndefined();
    expect(await reports.notes({ advisor: me }, report.id)).toBeUndefined();
    expect(await reports.advisorShares(owner, report.id)).toEqual([]);
    expect((await reports.notes({ owner }, report.id))?.map((n) => n.body)).toEqual(["Before unsharing."]);
  });

  it("unsharing what was never shared is false", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const { owner, report } = await shared(reports);
    expect(await reports.unshareWithAdvisor(owner, report.id, lee.email)).toBe(false);
  });

  it("sharing again renews a revoked share, in one row", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const me: Advisor = { userId: "advisor-d", email: "d-advisor@sps.example.edu" };
    const { owner, report } = await shared(reports, anonymousOwner(), me.email);
    await reports.unshareWithAdvisor(owner, report.id, me.email);
    clock.set("2027-01-20T12:00:00Z");
    expect(await reports.shareWithAdvisor(owner, report.id, me.email)).toBe(true);
    expect(await reports.shareWithAdvisor(owner, report.id, me.email.toUpperCase())).toBe(true);
    expect((await reports.getShared(me, report.id))?.id).toBe(report.id);
    expect(await reports.advisorShares(owner, report.id)).toEqual([{ email: me.email, createdAt: Date.parse("2027-01-20T12:00:00Z") }]);
    const rows = await t.store.db.selectFrom("advisor_shares").select("id").where("report_id", "=", report.id).execute();
    expect(rows).toHaveLength(1);
  });

  it("lists the advisor's shared reports, most recently shared first", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const me: Advisor = { userId: "advisor-e", email: "e-advisor@sps.example.edu" };
    const a = await shared(reports, anonymousOwner(), me.email);
    clock.advance(60_000);
    const b = await shared(reports, await userOwner(reports), me.email);
    expect((await reports.sharedWith(me)).map((r) => r.id)).toEqual([b.report.id, a.report.id]);
  });

  it.each(["not an email", "kim@", "@sps.example.edu", "kim@localhost", "kim lee@sps.example.edu", `${"k".repeat(320)}@sps.example.edu`])("refuses to share with %j (BAD_REQUEST)", async (email) => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "Bad address", snapshot: sampleSnapshot(), includeTitles: false });
    await expect(reports.shareWithAdvisor(owner, report.id, email)).rejects.toMatchObject({ code: "BAD_REQUEST", where: "email" });
    expect(await reports.advisorShares(owner, report.id)).toEqual([]);
  });
});
