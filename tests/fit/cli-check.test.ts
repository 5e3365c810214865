/**
 * `formatfit check`: DESIGN.md's JSON contract, exactly — keys, their order, and hand-computed
 * values — plus `--together`, exit codes and one-line errors. Calls `runCli` with a file reader
 * over the repository's fixtures.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { registerCheck } from "@/lib/cli/check";
import { runCli, type CliIo } from "@/lib/cli/run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const io: CliIo = { readFile: (path) => readFileSync(`${ROOT}${path}`), env: {} };

const WEEKLY_ICS = "tests/fixtures/ics/fit-weekly-exdate-until-moved.ics";
const FREE_ICS = "tests/fixtures/ics/fit-transparent-cancelled.ics";
const WEEKLY = "tests/fixtures/catalog/fit-weekly.json";
const SMALL = "tests/fixtures/catalog/fit-small.json";

beforeAll(() => registerCheck());

/**
 * Runs a check with --json; stderr holds one "warning:" line per top-level warning and nothing
 * else (FREE_ICS is all transparent: it warns CALENDAR_EMPTY_IN_TERM and CALENDAR_MOSTLY_FREE).
 */
function json(argv: string[]): Record<string, unknown> {
  const r = runCli(argv, io);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  const warnings = out.warnings as { message: string }[];
  expect(r.stderr).toBe(warnings.map((w) => `warning: ${w.message}\n`).join(""));
  return out;
}

describe("check --json: the contract's shape", () => {
  it("a synchronous section: live with sessions and conflicts, async null", () => {
    // tests/fit/overrides.test.ts works these out: 14 sessions, 4 clash for 60 minutes each.
    const out = json(["check", WEEKLY_ICS, "--catalog", WEEKLY, "--section", "WK-100-S1", "--tz", "America/New_York", "--json"]);
    // "sections" first; other top-level keys may be added (the per-course "courses" comparison is), "plan" only with --together.
    expect(Object.keys(out)[0]).toBe("sections");
    expect(out).not.toHaveProperty("plan");
    // Top-level warnings always, each with a code: this calendar has busy time in the term.
    expect(out.warnings).toEqual([]);
    const sections = out.sections as Record<string, unknown>[];
    expect(sections).toHaveLength(1);
    const s = sections[0] as Record<string, unknown>;
    expect(Object.keys(s)).toEqual(["sectionId", "courseId", "format", "verdict", "reasons", "live", "async"]);
    expect(s).toMatchObject({ sectionId: "WK-100-S1", courseId: "WK-100", format: "synchronous", verdict: "does-not-fit", async: null });
    // Since the verdict work: live.missed, live.partial and each conflict's partial.
    expect(Object.keys(s.live as object)).toEqual(["sessions", "missed", "partial", "conflicts"]);
    expect(s.live).toEqual({
      sessions: 14,
      missed: 4,
      partial: 0,
      conflicts: [
        { start: "2027-01-11T23:00:00Z", end: "2027-01-12T00:30:00Z", overlapMinutes: 60, partial: false },
        { start: "2027-01-27T23:00:00Z", end: "2027-01-28T00:30:00Z", overlapMinutes: 60, partial: false },
        { start: "2027-02-01T23:00:00Z", end: "2027-02-02T00:30:00Z", overlapMinutes: 60, partial: false },
        { start: "2027-02-08T23:00:00Z", end: "2027-02-09T00:30:00Z", overlapMinutes: 60, partial: false },
      ],
    });
    expect(Array.isArray(s.reasons) && (s.reasons as unknown[]).every((r) => typeof r === "string")).toBe(true);
    expect((s.reasons as string[]).some((r) => r.startsWith("Clashes with 4 of 14 sessions"))).toBe(true);
  });

  it("an asynchronous section: live null, async weeks with start, end, requiredHours, availableHours, feasible", () => {
    // FIT-100-A1: four weeks from Mon 11 Jan 00:00 EST (05:00Z); 5 h due each Sunday; 28 free
    // hours a week (07:00–11:00 daily; the calendar's events are all transparent or cancelled).
    const out = json(["check", FREE_ICS, "--catalog", SMALL, "--section", "FIT-100-A1", "--tz", "America/New_York", "--json"]);
    const s = (out.sections as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(s).toMatchObject({ sectionId: "FIT-100-A1", courseId: "FIT-100", format: "asynchronous", verdict: "fits", live: null });
    // A calendar of nothing but free and cancelled events is no evidence of a free term: said first.
    expect((out.warnings as { code: string }[]).map((w) => w.code)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_MOSTLY_FREE"]);
    // Deadline periods: each ends at the Sunday 23:59 deadline (04:59Z) and the next starts there.
    expect(s.async).toEqual({
      weeks: [
        { start: "2027-01-11T05:00:00Z", end: "2027-01-18T04:59:00Z", requiredHours: 5, availableHours: 28, feasible: true },
        { start: "2027-01-18T04:59:00Z", end: "2027-01-25T04:59:00Z", requiredHours: 5, availableHours: 28, feasible: true },
        { start: "2027-01-25T04:59:00Z", end: "2027-02-01T04:59:00Z", requiredHours: 5, availableHours: 28, feasible: true },
        { start: "2027-02-01T04:59:00Z", end: "2027-02-08T04:59:00Z", requiredHours: 5, availableHours: 28, feasible: true },
      ],
    });
  });

  it("a hybrid section has both parts", () => {
    const out = json(["check", FREE_ICS, "--catalog", SMALL, "--section", "FIT-100-H1", "--tz", "America/New_York", "--json"]);
    const s = (out.sections as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(s.format).toBe("hybrid");
    expect(s.live).toEqual({ sessions: 4, missed: 0, partial: 0, conflicts: [] });
    expect((s.async as { weeks: { requiredHours: number }[] }).weeks.map((w) => w.requiredHours)).toEqual([4, 4, 4, 4]);
  });

  it("without --section checks every section of the catalog, in catalog order", () => {
    const out = json(["check", FREE_ICS, "--catalog", SMALL, "--tz", "America/New_York", "--json"]);
    expect((out.sections as { sectionId: string; verdict: string }[]).map((s) => [s.sectionId, s.verdict])).toEqual([
      ["FIT-100-S1", "fits"],
      ["FIT-100-A1", "fits"],
      ["FIT-100-H1", "fits"],
      ["FIT-200-S1", "fits"],
    ]);
  });
});

describe("check --together", () => {
  it("adds a top-level plan with the clashing session pairs", () => {
    // FIT-100-S1 Thu 18:30–20:00 and FIT-200-S1 Thu 19:00–20:30: 60 minutes on 14, 21, 28 Jan and 4 Feb.
    const out = json(["check", FREE_ICS, "--catalog", SMALL, "--section", "FIT-100-S1", "FIT-200-S1", "--tz", "America/New_York", "--together", "--json"]);
    expect(Object.keys(out)[0]).toBe("sections");
    expect(out).toHaveProperty("plan");
    const plan = out.plan as Record<string, unknown>;
    expect(Object.keys(plan)).toEqual(["sectionIds", "verdict", "reasons", "clashes", "weeks"]);
    expect(plan.sectionIds).toEqual(["FIT-100-S1", "FIT-200-S1"]);
    expect(plan.verdict).toBe("does-not-fit");
    const pair = (thu: string, fri: string) => ({
      a: { sectionId: "FIT-100-S1", start: `${thu}T23:30:00Z`, end: `${fri}T01:00:00Z` },
      b: { sectionId: "FIT-200-S1", start: `${fri}T00:00:00Z`, end: `${fri}T01:30:00Z` },
      overlapMinutes: 60,
    });
    expect(plan.clashes).toEqual([pair("2027-01-14", "2027-01-15"), pair("2027-01-21", "2027-01-22"), pair("2027-01-28", "2027-01-29"), pair("2027-02-04", "2027-02-05")]);
  });

  it("has no plan without --together", () => {
    const out = json(["check", FREE_ICS, "--catalog", SMALL, "--section", "FIT-100-S1", "FIT-200-S1", "--tz", "America/New_York", "--json"]);
    expect(out).not.toHaveProperty("plan");
    expect((out.sections as unknown[]).length).toBe(2);
  });
});

describe("check: errors", () => {
  it("a bad catalog exits 1 with one line naming the JSON path", () => {
    const r = runCli(["check", FREE_ICS, "--catalog", "tests/fixtures/catalog/fit-invalid.json", "--json"], io);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("courses[0].sections[0].meetings[0].startTime");
    expect(r.stderr).toMatch(/^formatfit check: [^\n]+\n$/);
  });

  it("an unknown section exits 1 and says so", () => {
    const r = runCli(["check", FREE_ICS, "--catalog", SMALL, "--section", "NOPE-1", "--json"], io);
    expect(r).toEqual({ code: 1, stdout: "", stderr: 'formatfit check: There is no section "NOPE-1" in the catalog. Run without --section to check every section.\n' });
  });

  it("a missing catalog file exits 1", () => {
    const r = runCli(["check", FREE_ICS, "--catalog", "tests/fixtures/catalog/fit-no-such-file.json"], io);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("formatfit check: tests/fixtures/catalog/fit-no-such-file.json: no such catalog file.\n");
  });

  it("no .ics file is a usage error (exit 2)", () => {
    expect(runCli(["check", "--catalog", SMALL], io).code).toBe(2);
  });
});

describe("check without --json", () => {
  it("prints a table with one row per section and the reasons", () => {
    const r = runCli(["check", WEEKLY_ICS, "--catalog", WEEKLY, "--tz", "America/New_York"], io);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^Section\s+Format\s+Verdict\s+Live\s+Deadlines$/);
    expect(lines[1]).toMatch(/^WK-100-S1\s+synchronous\s+does not fit\s+4\/14 missed$/);
    expect(r.stdout).toContain("clash 11 Jan: 60 min with Team sync");
    expect(r.stdout).toContain("clash 27 Jan: 60 min with Team sync (moved to Wednesday)");
  });
});
