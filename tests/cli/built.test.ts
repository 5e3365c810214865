/**
 * The command as shipped: lib/cli/bin.mjs (package.json's `bin`, and what `npm run formatfit`
 * runs) starts the esbuild bundle scripts/build-cli.mjs makes, building it first when it is missing or stale. As a
 * child process it must print byte for byte what `runCli` returns in process — including the
 * streamed `--json` answers — with the same exit codes and stderr.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { registerCheck } from "@/lib/cli/check";
import { registerExport } from "@/lib/cli/export";
import { runCli, type CliIo } from "@/lib/cli/run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const REAL = "tests/fixtures/ics/real-world";
const NOW = Date.parse("2027-01-04T12:00:00Z");
const env = { SOURCE_DATE_EPOCH: String(NOW / 1000) };
const io: CliIo = { readFile: (path) => readFileSync(`${ROOT}${path}`), env };

beforeAll(() => {
  registerCheck();
  registerExport({ now: () => NOW });
});

function command(args: readonly string[]) {
  const child = spawnSync(process.execPath, ["lib/cli/bin.mjs", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, ...env, FORCE_COLOR: "0" },
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The built command and runCli agree on every byte and the exit code. */
function expectSameAsRunCli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const child = command(args);
  expect(child).toEqual(runCli(args, io));
  return child;
}

describe("the built command (lib/cli/bin.mjs → the bundle) prints what runCli returns", () => {
  it.each([
    ["google-paris-677-events-186-overrides-anonymized.ics", "2023-01-01", "2025-01-01", "Europe/Paris"],
    ["libical-large-stress-1mb-synthetic.ics", "2000-01-01", "2030-01-01", "UTC"],
    ["google-newyork-allday-daily-56-exdates-32-overrides.ics", "2010-01-01", "2030-01-01", "America/New_York"],
    ["mozilla-calendar-estonia-holidays-non-ascii.ics", "2010-01-01", "2030-01-01", "Europe/Tallinn"],
    ["exchange-w-europe-busy-export-66-overrides.ics", "2010-01-01", "2030-01-01", "Europe/Berlin"],
  ])("expand %s --json (streamed, in chunks)", (file, from, to, tz) => {
    const child = expectSameAsRunCli(["expand", `${REAL}/${file}`, "--from", from, "--to", to, "--tz", tz, "--json"]);
    expect(child.code).toBe(0);
    // The streamed answer is JSON.stringify's pretty-printed text, byte for byte.
    expect(child.stdout).toBe(`${JSON.stringify(JSON.parse(child.stdout), null, 2)}\n`);
    expect((JSON.parse(child.stdout) as { occurrences: unknown[] }).occurrences.length).toBeGreaterThan(0);
  });

  it("expand as a table, with warnings on stderr", () => {
    expectSameAsRunCli(["expand", `${REAL}/google-chicago-weekly-many-exdates.ics`, `${REAL}/lotus-notes6-recurrence-id-rdate.ics`, "--from", "2000-01-01", "--to", "2030-01-01", "--tz", "America/Chicago"]);
  });

  it("check --json over two real calendars, every section, and --together", () => {
    const files = [`${REAL}/google-chicago-weekly-many-exdates.ics`, `${REAL}/google-paris-677-events-186-overrides-anonymized.ics`];
    const every = expectSameAsRunCli(["check", ...files, "--tz", "America/Chicago", "--json"]);
    expect(every.code).toBe(0);
    expect(every.stdout).toBe(`${JSON.stringify(JSON.parse(every.stdout), null, 2)}\n`);
    expectSameAsRunCli(["check", ...files, "--tz", "America/Chicago", "--section", "PM-101-S1", "PM-101-A1", "--together", "--json"]);
  });

  it("check as a table", () => {
    expectSameAsRunCli(["check", `${REAL}/google-chicago-weekly-many-exdates.ics`, "--tz", "America/Chicago", "--section", "PM-101-S1", "PM-101-H1"]);
  });

  it("export, with --sequence and SOURCE_DATE_EPOCH", () => {
    const child = expectSameAsRunCli(["export", "--section", "PM-101-S1", "--sequence", "2"]);
    expect(child.stdout.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  });

  it("--help: exit 0, the usage on stdout; no command: exit 2, the usage on stderr", () => {
    const help = expectSameAsRunCli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: /);
    const none = expectSameAsRunCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: /);
  });

  it.each([
    [1, ["expand", "package.json", "--from", "2019-03-01", "--to", "2019-05-01", "--json"]],
    [1, ["expand", `${REAL}/no-such-file.ics`, "--from", "2019-03-01", "--to", "2019-05-01"]],
    [1, ["expand", `${REAL}/sabredav-berlin-weekly-count-two-exdates.ics`, "--from", "2019-05-01", "--to", "2019-03-01", "--json"]],
    [1, ["check", `${REAL}/sabredav-berlin-weekly-count-two-exdates.ics`, "--section", "NOPE-1", "--json"]],
    [1, ["export", "--section", "NOPE-1"]],
    [2, ["expand", `${REAL}/sabredav-berlin-weekly-count-two-exdates.ics`, "--from", "2019-03-01"]],
    [2, ["expand", "--bogus"]],
    [2, ["frobnicate"]],
  ])("exit %i with one line on stderr and nothing on stdout: %j", (code, args) => {
    const child = expectSameAsRunCli(args);
    expect(child.code).toBe(code);
    expect(child.stdout).toBe("");
    expect(child.stderr).toMatch(/^formatfit[^\n]*\n$/);
  });

  it("rebuilds the bundle before running when a file it was built from has changed", () => {
    command(["--help"]); // a build to start from
    const recordPath = `${ROOT}node_modules/.cache/formatfit/cli.inputs.json`;
    const record = JSON.parse(readFileSync(recordPath, "utf8")) as { inputs: Record<string, number | null> };
    expect(Object.keys(record.inputs)).toEqual(expect.arrayContaining(["lib/cli/main.ts", "lib/cli/run.ts", "lib/recurrence/expand.ts", "package.json"]));
    record.inputs["lib/cli/main.ts"] = 0; // as if main.ts had been edited since
    writeFileSync(recordPath, JSON.stringify(record));
    const help = command(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe("");
    expect(spawnSync(process.execPath, ["scripts/build-cli.mjs", "--check"], { cwd: ROOT }).status).toBe(0);
  });

  it("stops quietly when the reader goes away (| head)", () => {
    const child = spawnSync("sh", ["-c", `node lib/cli/bin.mjs expand ${REAL}/libical-large-stress-1mb-synthetic.ics --from 2000-01-01 --to 2030-01-01 --json | head -c 100 >/dev/null`], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect(child.status).toBe(0);
    expect(child.stderr).toBe("");
  });
});
