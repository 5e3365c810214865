/**
 * Issue 13 at the data layer (lib/reports): email addresses are normalised (NFKC, then lower case)
 * and look-alikes refused, so `\u212Aim@…` (K KELVIN SIGN) can never reach kim's reports as an
 * advisor; and one owner keeps at most `maxReportsPerOwner` reports, also when saves race.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { emailAddress, isAdvisorEmail, normaliseEmail, type Advisor } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore, userOwner } from "../helpers/stores";

const KINDS = await storeKinds();
const KELVIN_KIM = "\u212Aim@sps.example.edu";

describe("normaliseEmail", () => {
  it.each([
    [" Kim@SPS.Example.EDU ", "kim@sps.example.edu"],
    ["chloé@example.fr", "chloé@example.fr"],
    ["Chloe\u0301@example.fr", "chloé@example.fr"], // decomposed é composes
    ["андрей@пример.рф", "андрей@пример.рф"],
    ["STRASSE@example.de", "strasse@example.de"],
  ])("keeps %j as %j", (raw, address) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, address });
  });

  it.each([
    [KELVIN_KIM, 'it contains "\u212A" (U+212A), which looks like "k" but is another character'],
    ["\u017Fam@sps.example.edu", 'it contains "\u017F" (U+017F), which looks like "s" but is another character'],
    ["\uFF4Bim@sps.example.edu", 'it contains "\uFF4B" (U+FF4B), which looks like "k" but is another character'],
    ["kim\uFF20sps.example.edu", 'it contains "\uFF20" (U+FF20), which looks like "@" but is another character'],
    ["\u0130van@sps.example.edu", 'it contains "\u0130" (U+0130), which looks like "i\u0307" but is another character'],
    ["\uFB01nn@sps.example.edu", 'it contains "\uFB01" (U+FB01), which looks like "fi" but is another character'],
    ["kim@sps.example.\u212Adu", 'it contains "\u212A" (U+212A), which looks like "k" but is another character'],
    ["kim", "it is not an email address"],
    ["kim@@sps.example.edu", "it is not an email address"],
    ["ki m@sps.example.edu", "it is not an email address"],
    [`${"a".repeat(320)}@x.example`, "it is not an email address"],
  ])("refuses %j", (raw, reason) => {
    expect(normaliseEmail(raw)).toEqual({ ok: false, reason });
  });

  it("emailAddress is a BAD_REQUEST naming the field and the character", () => {
    expect(() => emailAddress(KELVIN_KIM)).toThrow(AppError);
    expect(() => emailAddress(KELVIN_KIM)).toThrow(expect.objectContaining({ code: "BAD_REQUEST", where: "email", message: `"${KELVIN_KIM}" cannot be used as an email address: it contains "\u212A" (U+212A), which looks like "k" but is another character.` }));
  });

  it("isAdvisorEmail never takes a look-alike for a listed advisor", () => {
    const config = { emails: ["kim@sps.example.edu"], domains: ["advising.example.org"] };
    expect(isAdvisorEmail("KIM@sps.example.edu", config)).toBe(true);
    expect(isAdvisorEmail(KELVIN_KIM, config)).toBe(false);
    expect(isAdvisorEmail("\u212Aim@advising.example.org", config)).toBe(false);
    expect(isAdvisorEmail("pat@ADVISING.example.org", config)).toBe(true);
  });
});

describe.each(KINDS)("the %s store", (kind) => {
  const t = useStore(kind);

  it("will not share a report with a look-alike address, nor record a user under one", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "Spring", snapshot: sampleSnapshot(), includeTitles: false });
    await expect(reports.shareWithAdvisor(owner, report.id, KELVIN_KIM)).rejects.toMatchObject({ code: "BAD_REQUEST", where: "email" });
    expect(await reports.advisorShares(owner, report.id)).toEqual([]);
    await expect(reports.upsertUser("oidc", "sub-kelvin", KELVIN_KIM, "Kelvin")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const id = await reports.upsertUser("oidc", "sub-kim", " Kim@SPS.example.edu ", "Kim");
    const row = await t.store.db.selectFrom("users").select("email").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.email).toBe("kim@sps.example.edu");
  });

  it("gives a signed-in look-alike nothing of what was shared with the real address", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const report = await reports.save(owner, { title: "For Kim", snapshot: sampleSnapshot(), includeTitles: false });
    expect(await reports.shareWithAdvisor(owner, report.id, "kim@sps.example.edu")).toBe(true);
    const kim: Advisor = { userId: "advisor-kim", email: "kim@sps.example.edu" };
    const impostor: Advisor = { userId: "advisor-kelvin", email: KELVIN_KIM };
    expect((await reports.sharedWith(kim)).map((r) => r.id)).toEqual([report.id]);
    expect(await reports.sharedWith(impostor)).toEqual([]);
    expect(await reports.getShared(impostor, report.id)).toBeUndefined();
    expect(await reports.addNote(impostor, report.id, "Let me in.")).toBeUndefined();
    expect(await reports.notes({ advisor: impostor }, report.id)).toBeUndefined();
  });

  it("caps the reports one owner keeps, and says what to do", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock, { maxReportsPerOwner: 3 });
    const owner = await userOwner(reports);
    for (let i = 0; i < 3; i++) await reports.save(owner, { title: `R${i}`, snapshot: sampleSnapshot(), includeTitles: false });
    const refused = reports.save(owner, { title: "One too many", snapshot: sampleSnapshot(), includeTitles: false });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      message: "You keep 3 saved reports, the most one person may keep. Delete reports you no longer need, then save again.",
      detail: { reason: "TOO_MANY_REPORTS", limit: 3 },
    });
    // Another owner is not affected; deleting one makes room.
    await reports.save(anonymousOwner(), { title: "Other", snapshot: sampleSnapshot(), includeTitles: false });
    const [first] = await reports.list(owner);
    expect(await reports.delete(owner, first?.id ?? "")).toBe(true);
    await reports.save(owner, { title: "Now it fits", snapshot: sampleSnapshot(), includeTitles: false });
    expect(await reports.list(owner)).toHaveLength(3);
  });

  it("expired reports do not count", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock, { maxReportsPerOwner: 2, retentionDays: 1 });
    const owner = anonymousOwner();
    await reports.save(owner, { title: "A", snapshot: sampleSnapshot(), includeTitles: false });
    await reports.save(owner, { title: "B", snapshot: sampleSnapshot(), includeTitles: false });
    clock.advance(2 * 86_400_000);
    await reports.save(owner, { title: "C", snapshot: sampleSnapshot(), includeTitles: false });
  });

  if (kind === "postgres") {
    it("lets exactly the cap through when one owner's saves race", async () => {
      const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"), { maxReportsPerOwner: 5 });
      const owner = anonymousOwner();
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => reports.save(owner, { title: `R${i}`, snapshot: sampleSnapshot(), includeTitles: false }).then(() => "saved", (e: unknown) => (e instanceof AppError ? "refused" : Promise.reject(e)))),
      );
      expect(outcomes.filter((o) => o === "saved")).toHaveLength(5);
      expect(await reports.list(owner)).toHaveLength(5);
    });
  }
});
