/**
 * The name a learner chooses to show advisors and link holders (issue 15), on each store: saved
 * with the report or set later, changed, removed; what the advisor's list, the advisor's view and
 * a share link get; who may set it; and the text rules (trimmed, blank is none, at most 100
 * characters, no control characters). Stored as a JSON string literal, so any text round-trips.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { learnerNameOf, MAX_LEARNER_NAME, type Advisor } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore } from "../helpers/stores";

const KINDS = await storeKinds();

describe("learnerNameOf", () => {
  it("trims and folds inner runs of spaces", () => {
    expect(learnerNameOf("  Alex \t  Kim ")).toBe("Alex Kim");
  });

  it("reads blank, null and absent as no name", () => {
    expect(learnerNameOf("   ")).toBeNull();
    expect(learnerNameOf("")).toBeNull();
    expect(learnerNameOf(null)).toBeNull();
    expect(learnerNameOf(undefined)).toBeNull();
  });

  it(`takes ${MAX_LEARNER_NAME} characters, refuses ${MAX_LEARNER_NAME + 1} naming the field`, () => {
    expect(learnerNameOf("a".repeat(MAX_LEARNER_NAME))).toHaveLength(MAX_LEARNER_NAME);
    expect(() => learnerNameOf("a".repeat(MAX_LEARNER_NAME + 1))).toThrowError(expect.objectContaining({ code: "BAD_REQUEST", where: "learnerName" }));
  });

  it("refuses a control character (a NUL, an escape) rather than storing it", () => {
    for (const bad of ["Al\u0000ex", "Alex\u001b[31m"]) {
      expect(() => learnerNameOf(bad)).toThrow(AppError);
    }
  });
});

describe.each(KINDS)("the learner's name on the %s store", (kind) => {
  const t = useStore(kind);
  const kim: Advisor = { userId: "advisor-kim", email: "kim@sps.example.edu" };

  it("saved with the report: the owner, the advisor's list and view, and a share link all carry it", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Named", snapshot: sampleSnapshot(), includeTitles: false, learnerName: "  Zoë  O'Brien-Łukasz " });
    expect(saved.learnerName).toBe("Zoë O'Brien-Łukasz");
    expect((await reports.get(owner, saved.id))?.learnerName).toBe("Zoë O'Brien-Łukasz");
    expect((await reports.list(owner)).find((r) => r.id === saved.id)?.learnerName).toBe("Zoë O'Brien-Łukasz");

    await reports.shareWithAdvisor(owner, saved.id, kim.email);
    expect((await reports.sharedWith(kim)).find((r) => r.id === saved.id)?.learnerName).toBe("Zoë O'Brien-Łukasz");
    expect((await reports.getShared(kim, saved.id))?.learnerName).toBe("Zoë O'Brien-Łukasz");

    const link = await reports.createLink(owner, saved.id, {});
    const opened = await reports.openLink(link?.token ?? "");
    expect(opened.status === "ok" ? opened.report.learnerName : opened.status).toBe("Zoë O'Brien-Łukasz");
  });

  it("saved without one: no name anywhere (the property is absent, not empty)", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Unnamed", snapshot: sampleSnapshot(), includeTitles: false });
    expect("learnerName" in saved).toBe(false);
    const blank = await reports.save(owner, { title: "Blank", snapshot: sampleSnapshot(), includeTitles: false, learnerName: "   " });
    expect("learnerName" in ((await reports.get(owner, blank.id)) ?? {})).toBe(false);
  });

  it("set, changed and removed later by the owner; updated_at moves; nobody else may", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Later", snapshot: sampleSnapshot(), includeTitles: false });
    clock.set("2027-01-16T09:00:00Z");
    expect(await reports.setLearnerName(owner, saved.id, "Alex")).toBe(true);
    const named = await reports.get(owner, saved.id);
    expect(named?.learnerName).toBe("Alex");
    expect(named?.updatedAt).toBe(Date.parse("2027-01-16T09:00:00Z"));
    expect(await reports.setLearnerName(owner, saved.id, "Alex K.")).toBe(true);
    expect((await reports.get(owner, saved.id))?.learnerName).toBe("Alex K.");

    expect(await reports.setLearnerName(anonymousOwner(), saved.id, "Mallory"), "another browser").toBe(false);
    expect(await reports.setLearnerName(owner, "no-such-report-id-0000", "Alex"), "an unknown id").toBe(false);
    expect((await reports.get(owner, saved.id))?.learnerName).toBe("Alex K.");

    expect(await reports.setLearnerName(owner, saved.id, null)).toBe(true);
    expect("learnerName" in ((await reports.get(owner, saved.id)) ?? {})).toBe(false);
  });

  it("keeps text that needs escaping exactly, and refuses a bad name without changing the stored one", async () => {
    const reports = t.reports(new TestClock("2027-01-15T12:00:00Z"));
    const owner = anonymousOwner();
    const tricky = `"Robert'); DROP TABLE reports;--" <b>`;
    const saved = await reports.save(owner, { title: "Tricky", snapshot: sampleSnapshot(), includeTitles: false, learnerName: tricky });
    expect((await reports.get(owner, saved.id))?.learnerName).toBe(tricky);
    await expect(reports.setLearnerName(owner, saved.id, "x".repeat(MAX_LEARNER_NAME + 1))).rejects.toThrow(AppError);
    await expect(reports.save(owner, { title: "Bad", snapshot: sampleSnapshot(), includeTitles: false, learnerName: "a\u0000b" })).rejects.toThrow(AppError);
    expect((await reports.get(owner, saved.id))?.learnerName).toBe(tricky);
  });
});
