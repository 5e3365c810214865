/**
 * `formatfit expand`: the JSON contract in DESIGN.md, the table for people, exit codes and one-line
 * errors. Most tests call `runCli` with an in-memory file reader; two spawn the real command.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, type CliIo, type CliResult } from "@/lib/cli/run";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SABRE = "tests/fixtures/ics/real-world/sabredav-berlin-weekly-count-two-exdates.ics";

const WORK = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//FormatFit tests//EN",
  "BEGIN:VEVENT",
  "UID:class-series",
  "SUMMARY:Evening class",
  "DTSTART;TZID=America/New_York:20270112T183000",
  "DTEND;TZID=America/New_York:20270112T200000",
  "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4",
  "EXDATE;TZID=America/New_York:20270119T183000",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:class-series",
  "RECURRENCE-ID;TZID=America/New_York:20270126T183000",
  "SUMMARY:Evening class (moved)",
  "DTSTART;TZID=America/New_York:20270127T190000",
  "DTEND;TZID=America/New_York:20270127T203000",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:b-same-time",
  "SUMMARY:Dentist",
  "DTSTART:20270114T150000Z",
  "DTEND:20270114T160000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:a-same-time",
  "SUMMARY:Call with Sam",
  "DTSTART:20270114T150000Z",
  "DTEND:20270114T153000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:holiday",
  "SUMMARY:Martin Luther King Jr. Day",
  "DTSTART;VALUE=DATE:20270118",
  "DTEND;VALUE=DATE:20270119",
  "TRANSP:TRANSPARENT",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:cancelled",
  "SUMMARY:Cancelled lunch",
  "STATUS:CANCELLED",
  "DTSTART:20270113T170000Z",
  "DTEND:20270113T180000Z",
  "END:VEVENT",
  "BEGIN:VEVENT",
  "UID:broken",
  "SUMMARY:Broken",
  "DTSTART:20270230T170000Z",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");
const BROKEN_LINE = WORK.split("\r\n").indexOf("DTSTART:20270230T170000Z") + 1;

const FILES: Record<string, string> = {
  "work.ics": WORK,
  "notes.txt": "Meeting with Sam on Tuesday\n",
  "page.html": "<!doctype html><html><body>Sign in</body></html>",
};

const io: CliIo = {
  readFile: (path) => {
    const text = FILES[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    return new TextEncoder().encode(text);
  },
  env: {},
};
const realFs: CliIo = { readFile: (path) => readFileSync(new URL(path, `file://${ROOT}`)), env: {} };

function json(result: CliResult): { occurrences: Record<string, unknown>[]; warnings: Record<string, unknown>[] } {
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as { occurrences: Record<string, unknown>[]; warnings: Record<string, unknown>[] };
}

/** Exit code `code`, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectOneLineError(result: CliResult, code: number): string {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^[^\n]+\n$/);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr;
}

describe("expand --json: the contract in DESIGN.md", () => {
  const result = runCli(["expand", "work.ics", "--from", "2027-01-11T00:00:00Z", "--to", "2027-02-01T00:00:00Z", "--json"], io);

  it("prints every occurrence overlapping the window, sorted by start then uid; cancelled, excluded and overridden ones left out", () => {
    expect(json(result).occurrences).toEqual([
      { uid: "class-series", start: "2027-01-12T23:30:00Z", end: "2027-01-13T01:00:00Z", allDay: false, transparent: false, summary: "Evening class" },
      { uid: "a-same-time", start: "2027-01-14T15:00:00Z", end: "2027-01-14T15:30:00Z", allDay: false, transparent: false, summary: "Call with Sam" },
      { uid: "b-same-time", start: "2027-01-14T15:00:00Z", end: "2027-01-14T16:00:00Z", allDay: false, transparent: false, summary: "Dentist" },
      { uid: "holiday", start: "2027-01-18T00:00:00Z", end: "2027-01-19T00:00:00Z", allDay: true, transparent: true, summary: "Martin Luther King Jr. Day" },
      { uid: "class-series", start: "2027-01-28T00:00:00Z", end: "2027-01-28T01:30:00Z", allDay: false, transparent: false, summary: "Evening class (moved)" },
    ]);
  });

  it("has exactly the contract's keys, in order, and ISO-8601 UTC instants without milliseconds", () => {
    const body = json(result);
    expect(Object.keys(body)).toEqual(["occurrences", "warnings"]);
    for (const o of body.occurrences) {
      expect(Object.keys(o)).toEqual(["uid", "start", "end", "allDay", "transparent", "summary"]);
      expect(o.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(o.end).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });

  it("lists the import's problems as warnings with message, line and uid, and still exits 0", () => {
    const body = json(result);
    expect(body.warnings).toHaveLength(1);
    const w = body.warnings[0] as Record<string, unknown>;
    expect(Object.keys(w).sort()).toEqual(["line", "message", "uid"]);
    expect(w).toMatchObject({ line: BROKEN_LINE, uid: "broken" });
    expect(w.message).toContain(`Line ${BROKEN_LINE}`);
    // stderr only says that there are warnings; the JSON on stdout stays clean.
    expect(result.stderr).toBe("formatfit expand: 1 warning (listed in the JSON)\n");
  });

  it("reads --from and --to without an offset in --tz", () => {
    // In UTC, 13 January holds the end of the class of the 12th (23:30Z–01:00Z); in New York it
    // runs from 05:00Z to 05:00Z and holds nothing (the lunch that day is cancelled).
    const utc = json(runCli(["expand", "work.ics", "--from", "2027-01-13", "--to", "2027-01-14", "--json"], io));
    expect(utc.occurrences.map((o) => [o.uid, o.start])).toEqual([["class-series", "2027-01-12T23:30:00Z"]]);
    const ny = json(runCli(["expand", "work.ics", "--from", "2027-01-13", "--to", "2027-01-14", "--tz", "America/New_York", "--json"], io));
    expect(ny.occurrences).toEqual([]);
  });

  it("reads all-day events in --tz", () => {
    const r = json(runCli(["expand", "work.ics", "--from", "2027-01-18", "--to", "2027-01-19", "--tz", "America/New_York", "--json"], io));
    expect(r.occurrences).toEqual([{ uid: "holiday", start: "2027-01-18T05:00:00Z", end: "2027-01-19T05:00:00Z", allDay: true, transparent: true, summary: "Martin Luther King Jr. Day" }]);
  });

  it("a window with nothing in it prints empty lists", () => {
    const r = runCli(["expand", "work.ics", "--from", "2030-01-01T00:00:00Z", "--to", "2030-01-02T00:00:00Z", "--json"], io);
    expect(JSON.parse(r.stdout)).toEqual({ occurrences: [], warnings: [{ message: expect.stringContaining("20270230") as unknown, line: BROKEN_LINE, uid: "broken" }] });
  });

  it("expands a real SabreDAV export (Europe/Berlin, COUNT=8, two EXDATEs given in UTC)", () => {
    const r = json(runCli(["expand", SABRE, "--from", "2019-03-01", "--to", "2019-05-01", "--json"], realFs));
    // Mondays 00:30 Berlin: 4, 11 (excluded), 18, 25 (excluded) March in CET; 1, 8, 15, 22 April in CEST.
    expect(r.occurrences.map((o) => [o.start, o.end])).toEqual([
      ["2019-03-03T23:30:00Z", "2019-03-04T00:00:00Z"],
      ["2019-03-17T23:30:00Z", "2019-03-18T00:00:00Z"],
      ["2019-03-31T22:30:00Z", "2019-03-31T23:00:00Z"],
      ["2019-04-07T22:30:00Z", "2019-04-07T23:00:00Z"],
      ["2019-04-14T22:30:00Z", "2019-04-14T23:00:00Z"],
      ["2019-04-21T22:30:00Z", "2019-04-21T23:00:00Z"],
    ]);
    expect(r.warnings).toEqual([]);
  });
});

describe("expand without --json: a table for people", () => {
  it("one row per occurrence in --tz, a header naming the zone, a count, warnings on stderr", () => {
    const r = runCli(["expand", "work.ics", "--from", "2027-01-11T00:00:00Z", "--to", "2027-02-01T00:00:00Z", "--tz", "America/New_York"], io);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Start \(America\/New_York\)\s+End\s+Shows as\s+Summary$/);
    expect(lines.slice(1, -1)).toHaveLength(5);
    expect(lines[1]).toMatch(/^Tue 12 Jan 2027 18:30\s+Tue 12 Jan 2027 20:00\s+busy\s+Evening class$/);
    expect(lines[4]).toMatch(/^Mon 18 Jan 2027 00:00\s+Tue 19 Jan 2027 00:00\s+all-day\s+free\s+Martin Luther King Jr\. Day$/);
    expect(lines[5]).toMatch(/^Wed 27 Jan 2027 19:00\s+Wed 27 Jan 2027 20:30\s+busy\s+Evening class \(moved\)$/);
    expect(lines.at(-1)).toBe("5 occurrences");
    expect(r.stderr).toMatch(new RegExp(`^warning: work\\.ics: Line ${BROKEN_LINE}: [^\\n]+\\n$`));
  });
});

describe("bad input: exit 1 (2 for bad usage), nothing on stdout, one line on stderr", () => {
  const window = ["--from", "2027-01-11", "--to", "2027-02-01"];

  it("a missing file", () => {
    const err = expectOneLineError(runCli(["expand", "missing.ics", ...window], io), 1);
    expect(err).toBe("formatfit expand: missing.ics: no such file.\n");
  });

  it("a missing file on the real file system", () => {
    expect(expectOneLineError(runCli(["expand", "tests/fixtures/ics/no-such-file.ics", ...window], realFs), 1)).toContain("no-such-file.ics: no such file.");
  });

  it("a file that is not iCalendar (plain text)", () => {
    const err = expectOneLineError(runCli(["expand", "notes.txt", ...window], io), 1);
    expect(err).toMatch(/^formatfit expand: notes\.txt: This is not an iCalendar file/);
  });

  it("a file that is an HTML page", () => {
    expect(expectOneLineError(runCli(["expand", "page.html", ...window], io), 1)).toMatch(/^formatfit expand: page\.html: This is a web page \(HTML\)/);
  });

  it.each([["2027-13-01"], ["2027-02-30"], ["next tuesday"], ["2027-01-11T25:00"]])("a bad --from (%s)", (from) => {
    const err = expectOneLineError(runCli(["expand", "work.ics", "--from", from, "--to", "2027-02-01"], io), 1);
    expect(err).toContain(`"${from}"`);
  });

  it("--to before --from", () => {
    const err = expectOneLineError(runCli(["expand", "work.ics", "--from", "2027-02-01", "--to", "2027-01-11"], io), 1);
    expect(err).toBe("formatfit expand: --to (2027-01-11) must be after --from (2027-02-01).\n");
  });

  it("--to equal to --from (an empty window)", () => {
    expectOneLineError(runCli(["expand", "work.ics", "--from", "2027-02-01", "--to", "2027-02-01T00:00:00Z"], io), 1);
  });

  it("an unknown --tz", () => {
    const err = expectOneLineError(runCli(["expand", "work.ics", ...window, "--tz", "Mars/Olympus_Mons"], io), 1);
    expect(err).toContain("--tz Mars/Olympus_Mons is not an IANA time zone");
  });

  it("an unknown option: exit 2", () => {
    const err = expectOneLineError(runCli(["expand", "work.ics", ...window, "--bogus"], io), 2);
    expect(err).toBe("formatfit expand: Unknown option --bogus. Run with --help for usage.\n");
  });

  it("--from or --to missing: exit 2", () => {
    expectOneLineError(runCli(["expand", "work.ics", "--from", "2027-01-11"], io), 2);
  });

  it("no file: exit 2", () => {
    expectOneLineError(runCli(["expand", ...window], io), 2);
  });

  it("an unknown command: exit 2", () => {
    expectOneLineError(runCli(["expnad", "work.ics"], io), 2);
  });
});

describe("the real command (npm run -s formatfit -- expand …)", () => {
  function npm(args: readonly string[]) {
    return spawnSync("npm", ["run", "-s", "formatfit", "--", ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, FORCE_COLOR: "0" } });
  }

  it("exits 0 and prints valid JSON, the same as runCli", () => {
    const args = ["expand", SABRE, "--from", "2019-03-01T00:00:00Z", "--to", "2019-05-01T00:00:00Z", "--json"];
    const child = npm(args);
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    const body = JSON.parse(child.stdout) as { occurrences: unknown[]; warnings: unknown[] };
    expect(body.occurrences).toHaveLength(6);
    expect(body).toEqual(JSON.parse(runCli(args, realFs).stdout));
  });

  it("on input that is not a calendar, exits 1 with exactly one line on stderr and no stack trace", () => {
    const child = npm(["expand", "package.json", "--from", "2019-03-01", "--to", "2019-05-01", "--json"]);
    expect(child.status).toBe(1);
    expect(child.stdout).toBe("");
    expect(child.stderr).toBe("formatfit expand: package.json: This is JSON, not an iCalendar file: export the calendar in .ics (iCalendar) format instead.\n");
  });
});
