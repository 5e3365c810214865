/**
 * `formatfit export`: the section's .ics on stdout; one-line errors with exit 1 for an unknown
 * section or a bad catalog (naming the JSON path); exit 2 for bad usage. One test spawns the real
 * command.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { registerExport } from "@/lib/cli/export";
import { runCli, type CliIo } from "@/lib/cli/run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOW = Date.parse("2027-01-04T12:00:00Z");

function io(files: Record<string, string> = {}, env: Record<string, string> = {}): CliIo {
  return {
    env,
    readFile: (path) => {
      if (path in files) return new TextEncoder().encode(files[path]);
      if (path.startsWith("tests/")) return readFileSync(`${ROOT}${path}`);
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    },
  };
}

beforeAll(() => registerExport({ now: () => NOW }));

describe("formatfit export", () => {
  it("prints the section's calendar from the bundled catalog", () => {
    const result = runCli(["export", "--section", "PM-101-S1"], io());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(result.stdout).toContain("\r\nX-WR-CALNAME:PM-101 PM-101-S1 — Project Management Foundations\r\n");
    expect(result.stdout).toContain("\r\nDTSTAMP:20270104T120000Z\r\n");
    expect(result.stdout).toContain("\r\nSEQUENCE:0\r\n");
    expect(result.stdout.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("takes --sequence, and SOURCE_DATE_EPOCH for DTSTAMP", () => {
    const result = runCli(["export", "--section", "PM-101-S1", "--sequence", "4"], io({}, { SOURCE_DATE_EPOCH: "1800000000" }));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("\r\nSEQUENCE:4\r\n");
    expect(result.stdout).toContain("\r\nDTSTAMP:20270115T080000Z\r\n");
  });

  it("reads --catalog, and FORMATFIT_CATALOG without it", () => {
    const withOption = runCli(["export", "--section", "XL-100-S1", "--catalog", "tests/fixtures/catalog/minimal.json"], io());
    expect(withOption.code).toBe(0);
    expect(withOption.stdout).toContain("\r\nDTSTART;TZID=America/Chicago:20270111T183000\r\n");
    const fromEnv = runCli(["export", "--section", "XL-100-S1"], io({}, { FORMATFIT_CATALOG: "tests/fixtures/catalog/minimal.json" }));
    expect(fromEnv.stdout).toBe(withOption.stdout);
  });

  it("exits 1 with one line for a section that is not in the catalog", () => {
    const result = runCli(["export", "--section", "NOPE-1"], io());
    expect(result).toEqual({ code: 1, stdout: "", stderr: 'formatfit export: No section "NOPE-1" in the School of Professional Studies catalog; section ids look like PM-101-S1.\n' });
  });

  it("exits 1 with one line naming the JSON path for an invalid catalog", () => {
    const result = runCli(["export", "--section", "XL-100-S1", "--catalog", "tests/fixtures/catalog/invalid.json"], io());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toEqual([expect.stringContaining("courses[0].sections[0].timeZone: \"Central Standard Time\" is not an IANA time zone"), ""]);
    expect(result.stderr).toContain("courses[0].sections[0].meetings[0].startTime");
  });

  it("exits 1 with one line for a catalog that is not JSON or not there", () => {
    const notJson = runCli(["export", "--section", "X", "--catalog", "broken.json"], io({ "broken.json": '{"institution": "X",}' }));
    expect(notJson).toEqual({ code: 1, stdout: "", stderr: "formatfit export: Catalog file broken.json is not JSON: expected a property name in double quotes, found '}' at line 1, column 21\n" });
    const missing = runCli(["export", "--section", "X", "--catalog", "nowhere.json"], io());
    expect(missing).toEqual({ code: 1, stdout: "", stderr: "formatfit export: nowhere.json: no such catalog file.\n" });
  });

  it("exits 2 without --section, or with a file argument", () => {
    expect(runCli(["export"], io()).code).toBe(2);
    expect(runCli(["export", "cal.ics", "--section", "PM-101-S1"], io()).code).toBe(2);
    expect(runCli(["export", "--section", "PM-101-S1", "--section", "PM-101-A1"], io()).code).toBe(2);
  });

  it("exits 1 for a --sequence that is not a whole number of at least 0", () => {
    expect(runCli(["export", "--section", "PM-101-S1", "--sequence", "-1"], io())).toEqual({ code: 1, stdout: "", stderr: "formatfit export: --sequence -1 is not a whole number of at least 0.\n" });
    expect(runCli(["export", "--section", "PM-101-S1", "--sequence", "x"], io()).code).toBe(1);
  });

  it("runs as the real command, byte for byte the same as runCli", () => {
    const run = spawnSync("npm", ["run", "-s", "formatfit", "--", "export", "--section", "PM-101-S1"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: "0", SOURCE_DATE_EPOCH: String(NOW / 1000) },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(runCli(["export", "--section", "PM-101-S1"], io()).stdout);
  });
});
