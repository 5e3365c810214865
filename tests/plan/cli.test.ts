/**
 * `formatfit plan`: DESIGN.md's JSON contract exactly (keys, their order, hand-computed values of
 * tests/plan/scenarios.test.ts), the table, exit codes and one-line errors — in process through
 * `runCli`, and as the installed command (lib/cli/bin.mjs, a child process) printing the same bytes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { registerPlan } from "@/lib/cli/plan";
import { runCli, type CliIo } from "@/lib/cli/run";
import { catalogOf, online, weekly, WEEK_ICS } from "./helpers";
import { ics } from "../helpers/ics";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CATALOG = catalogOf({
  "ACC-100": [weekly("ACC-100-S1", "TU", "18:00", 90, "none"), weekly("ACC-100-S2", "WE", "18:00", 90), online("ACC-100-A1", 14)],
  "BUS-200": [weekly("BUS-200-S1", "WE", "19:00", 90), weekly("BUS-200-S2", "WE", "19:20", 120), online("BUS-200-A1", 14)],
});
/** A calendar whose only event is long before the term. */
const OLD_ICS = ics(["DTSTART:20090310T140000Z", "DURATION:PT1H", "SUMMARY:Old meeting"]);

// Real files, so that the installed command reads the same bytes as runCli.
const dir = mkdtempSync(join(tmpdir(), "formatfit-plan-"));
const file = (name: string) => join(dir, name);
writeFileSync(file("week.ics"), WEEK_ICS);
writeFileSync(file("old.ics"), OLD_ICS);
writeFileSync(file("catalog.json"), JSON.stringify(CATALOG));
const io: CliIo = { readFile: (path) => readFileSync(path), env: {} };
registerPlan();

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plan(...args: string[]) {
  return runCli(["plan", ...args], io);
}

function planArgs(...more: string[]): string[] {
  return [file("week.ics"), "--catalog", file("catalog.json"), "--tz", "America/New_York", "--course", "ACC-100", "BUS-200", ...more];
}

describe("plan --json: the contract", () => {
  const r = plan(...planArgs("--json"));
  const out = JSON.parse(r.stdout) as Record<string, unknown>;

  it("exits 0 with no warnings, the answer pretty-printed", () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(`${JSON.stringify(out, null, 2)}\n`);
  });

  it("has considered and plans first, then the additive keys", () => {
    expect(Object.keys(out)).toEqual(["considered", "plans", "judged", "pruned", "judgedAll", "warnings"]);
    expect(out.judgedAll).toBe(false);
    expect(out.considered).toBe(9);
    expect(out.judged).toBe(5);
    expect(out.warnings).toEqual([]);
  });

  it("gives each plan the contract's keys in order, with the values worked out by hand", () => {
    const plans = out.plans as Record<string, unknown>[];
    expect(plans).toHaveLength(5);
    expect(Object.keys(plans[0] as object)).toEqual(["sectionIds", "verdict", "reasons", "clashes", "weeklyHours", "missedSessions", "unmetDeadlines", "slackHours"]);
    expect(plans[0]).toEqual({
      sectionIds: ["ACC-100-A1", "BUS-200-S1"],
      verdict: "fits",
      reasons: ["Together they need about 14 hours a week of study besides live sessions; every deadline can be met, with at least 11 free hours to spare in the tightest week."],
      clashes: { calendar: 0, between: 0 },
      weeklyHours: { required: 14, tightestWeekAvailable: 25 },
      missedSessions: 0,
      unmetDeadlines: 0,
      slackHours: 11,
    });
    expect(plans.map((p) => [p.verdict, p.clashes, p.weeklyHours])).toEqual([
      ["fits", { calendar: 0, between: 0 }, { required: 14, tightestWeekAvailable: 25 }],
      ["fits", { calendar: 0, between: 0 }, { required: 14, tightestWeekAvailable: 25 }],
      ["fits", { calendar: 0, between: 0 }, { required: 14, tightestWeekAvailable: 24.5 }],
      ["fits-with-tradeoffs", { calendar: 0, between: 4 }, { required: 0, tightestWeekAvailable: 23.2 }],
      ["does-not-fit", { calendar: 0, between: 0 }, { required: 28, tightestWeekAvailable: 26 }],
    ]);
  });

  it("says what pruning cut and why", () => {
    expect(out.pruned).toEqual({
      alone: 3,
      pairs: 1,
      reasons: [
        { kind: "alone", sectionIds: ["ACC-100-S1"], combinations: 3, reason: "ACC-100-S1 does not fit on its own: the synchronous section clashes with 4 of 4 sessions (the Tuesdays in January and February)." },
        { kind: "pair", sectionIds: ["ACC-100-S2", "BUS-200-S1"], combinations: 1, reason: "ACC-100-S2 and BUS-200-S1 meet at the same time 4 times: both cannot be attended live." },
      ],
    });
  });
});

describe("plan options", () => {
  it("--require and --exclude narrow the combinations (comma lists too)", () => {
    const pinned = JSON.parse(plan(...planArgs("--require", "ACC-100-A1", "--exclude", "BUS-200-A1,BUS-200-S2", "--json")).stdout) as { considered: number; plans: { sectionIds: string[] }[] };
    expect(pinned.considered).toBe(1);
    expect(pinned.plans.map((p) => p.sectionIds)).toEqual([["ACC-100-A1", "BUS-200-S1"]]);
  });

  it("--late 30 turns the 30-minute Wednesday overlap into a trade-off: nothing is cut for it", () => {
    const late = JSON.parse(plan(...planArgs("--late", "30", "--json")).stdout) as { pruned: { pairs: number }; judged: number };
    expect(late.pruned.pairs).toBe(0);
    expect(late.judged).toBe(6);
  });

  it("a calendar with nothing in the term: a warning on stderr and in the JSON, exit 0", () => {
    const r = plan(file("old.ics"), "--catalog", file("catalog.json"), "--course", "ACC-100,BUS-200", "--json");
    expect(r.code).toBe(0);
    const warnings = (JSON.parse(r.stdout) as { warnings: { code: string; message: string }[] }).warnings;
    expect(warnings.map((w) => w.code)).toEqual(["CALENDAR_EMPTY_IN_TERM", "CALENDAR_OUTSIDE_TERM"]);
    expect(r.stderr).toBe(warnings.map((w) => `warning: ${w.message}\n`).join(""));
  });
});

describe("plan as a table", () => {
  it("a row per plan, the best plans' reasons, and what was cut", () => {
    const r = plan(...planArgs());
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Plans for ACC-100, BUS-200: 9 combinations, 4 cut before judging (3 with a section that does not fit on its own, 1 with two sections that meet at the same time), 5 judged.");
    expect(lines.slice(2, 8)).toEqual([
      "#  Sections                 Verdict               Missed  Clashes (calendar/between)  Tightest week (h due/free)",
      "1  ACC-100-A1 + BUS-200-S1  fits                  0       0/0                         14/25",
      "2  ACC-100-S2 + BUS-200-A1  fits                  0       0/0                         14/25",
      "3  ACC-100-A1 + BUS-200-S2  fits                  0       0/0                         14/24.5",
      "4  ACC-100-S2 + BUS-200-S2  fits with trade-offs  0       0/4                         0/23.2",
      "5  ACC-100-A1 + BUS-200-A1  does not fit          4       0/0                         28/26",
    ]);
    expect(r.stdout).toContain("\n5. ACC-100-A1 + BUS-200-A1: does not fit\n  It does not fit; plan 4 fits with trade-offs.\n  - Together, 4 deadlines cannot be met in the free study time (first: Weekly assignment for BUS-200-A1, due 17 Jan).\n");
    expect(r.stdout).toContain("\nCut before judging:\n  - ACC-100-S1 does not fit on its own:");
  });
});

describe("bad input: one line on stderr, exit 1 (2 for usage)", () => {
  it.each([
    [["--course", "ACC-100", "LAW-300"], 1, 'formatfit plan: There is no course "LAW-300" in the catalog; course ids look like ACC-100.\n'],
    [["--course", "ACC-100", "BUS-200", "--exclude", "NOPE"], 1, 'formatfit plan: There is no section "NOPE" in the catalog (excluded); section ids look like ACC-100-S1.\n'],
    [["--course", "ACC-100"], 1, "formatfit plan: A plan combines at least 2 courses (got 1: ACC-100); to compare the sections of one course, run a check.\n"],
    [["--tz", "Mars/Olympus", "--course", "ACC-100", "BUS-200"], 1, "formatfit plan: --tz Mars/Olympus is not an IANA time zone (for example America/New_York or Europe/London).\n"],
    [[], 2, "formatfit plan: plan needs --course with two to eight course ids. Run with --help for usage.\n"],
  ])("%j", (args, code, stderr) => {
    expect(plan(file("week.ics"), "--catalog", file("catalog.json"), ...args)).toEqual({ code, stdout: "", stderr });
  });

  it("a missing calendar file and no file at all", () => {
    expect(plan(file("missing.ics"), "--course", "ACC-100", "BUS-200")).toEqual({ code: 1, stdout: "", stderr: `formatfit plan: ${file("missing.ics")}: no such file.\n` });
    expect(plan("--course", "ACC-100", "BUS-200").code).toBe(2);
  });
});

describe("the installed command prints what runCli returns", () => {
  function command(args: readonly string[]) {
    const child = spawnSync(process.execPath, ["lib/cli/bin.mjs", ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, FORCE_COLOR: "0" } });
    return { code: child.status, stdout: child.stdout, stderr: child.stderr };
  }

  it("plan --json, the table, and a refusal", () => {
    for (const args of [["plan", ...planArgs("--json")], ["plan", ...planArgs()], ["plan", ...planArgs("--require", "LAW-300-A1")]]) {
      expect(command(args)).toEqual(runCli(args, io));
    }
    expect(command(["--help"]).stdout).toContain("plan FILE.ics… --course ID…");
  });
});
