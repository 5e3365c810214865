/**
 * The 53 real-world .ics files (tests/fixtures/ics/real-world, see SOURCES.md there) imported and
 * expanded end to end, compared with hand-derived ground truth
 * (tests/fixtures/ics/real-world-expectations.ts, which says how each answer was derived).
 *
 * Every instant is an ISO-8601 UTC string or epoch ms: nothing depends on the process zone
 * (the suite runs under TZ=Asia/Kathmandu).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importIcs } from "../../lib/ics/import";
import { expandEvents, type Occurrence } from "../../lib/recurrence/expand";
import {
  importExpectations,
  windowExpectations,
  type ExpectedOccurrence,
  type WindowExpectation,
} from "../fixtures/ics/real-world-expectations";

const DIR = fileURLToPath(new URL("../fixtures/ics/real-world/", import.meta.url));
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith(".ics"))
  .sort();

const bytesOf = (file: string): Uint8Array => new Uint8Array(readFileSync(DIR + file));

type Imported = ReturnType<typeof importIcs>;
const imported = new Map<string, Imported>();
/** Each file is imported once per run (the largest is 1 MB). */
function importFile(file: string): Imported {
  let result = imported.get(file);
  if (!result) {
    result = importIcs(bytesOf(file), { sourceName: file });
    imported.set(file, result);
  }
  return result;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");

type ActualOccurrence = Pick<Occurrence, "uid" | "start" | "end" | "allDay" | "transparent" | "summary">;

/** The actual occurrence in the shape of the expected one (UID and end only where the expectation has them). */
function shapeLike(actual: ActualOccurrence, expected: ExpectedOccurrence | undefined, w: WindowExpectation): ExpectedOccurrence {
  return {
    ...(expected === undefined || expected.uid !== undefined ? { uid: actual.uid } : {}),
    start: iso(actual.start),
    ...(w.compareEnds === false ? {} : { end: iso(actual.end) }),
    ...(actual.allDay ? { allDay: true as const } : {}),
    ...(actual.transparent ? { transparent: true as const } : {}),
  };
}

function expandWindow(w: WindowExpectation): { all: ActualOccurrence[]; kept: ActualOccurrence[] } {
  const result = importFile(w.file);
  if (!result.ok) throw new Error(`${w.file} did not import: ${result.issues.map((i) => `${i.code}: ${i.message}`).join("; ")}`);
  const { occurrences } = expandEvents(
    result.calendar.events,
    { from: Date.parse(w.from), to: Date.parse(w.to) },
    { viewerZone: w.viewerZone },
  );
  const ignore = new Set(w.ignoreUids ?? []);
  return { all: occurrences, kept: occurrences.filter((o) => !ignore.has(o.uid)) };
}

describe("real-world .ics files: import", () => {
  it("has the 53 fixture files, each with an import expectation", () => {
    expect(FILES).toHaveLength(53);
    expect(Object.keys(importExpectations).sort()).toEqual(FILES);
  });

  it("covers at least 30 files with window expectations", () => {
    const covered = new Set(windowExpectations.map((w) => w.file));
    for (const file of covered) expect(FILES).toContain(file);
    expect(covered.size).toBeGreaterThanOrEqual(30);
  });

  for (const file of FILES) {
    it(`imports ${file}`, () => {
      const expectation = importExpectations[file];
      expect(expectation, `no import expectation for ${file}`).toBeDefined();
      const result = importFile(file);
      if (!result.ok) {
        expect.fail(`${file} was refused: ${result.issues.map((i) => `${i.code} (line ${i.line ?? "?"}): ${i.message}`).join("; ")}`);
      }
      const allowed = expectation?.allowedErrorCodes;
      if (allowed !== "any") {
        const unexpected = result.issues
          .filter((i) => i.severity === "error" && !(allowed ?? []).includes(i.code))
          .map((i) => `${i.code} (line ${i.line ?? "?"}): ${i.message}`);
        expect(unexpected).toEqual([]);
      }
      if (expectation?.eventCount !== undefined) expect(result.calendar.events).toHaveLength(expectation.eventCount);
      if (expectation?.encoding !== undefined) expect(result.calendar.stats.encoding).toBe(expectation.encoding);
    });
  }

  it("expands the 1 MB synthetic stress file without throwing", () => {
    const result = importFile("libical-large-stress-1mb-synthetic.ics");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { occurrences } = expandEvents(
      result.calendar.events,
      { from: Date.parse("1997-01-01T00:00:00Z"), to: Date.parse("1999-01-01T00:00:00Z") },
      { viewerZone: "America/New_York" },
    );
    expect(occurrences.length).toBeGreaterThan(0);
  });
});

const byFile = new Map<string, WindowExpectation[]>();
for (const w of windowExpectations) byFile.set(w.file, [...(byFile.get(w.file) ?? []), w]);

describe("real-world .ics files: exact occurrences", () => {
  for (const [file, windows] of byFile) {
    describe(file, () => {
      for (const w of windows) {
        it(`${w.name} [${w.from}, ${w.to}) in ${w.viewerZone}`, () => {
          const { all, kept } = expandWindow(w);

          // Output order is part of the contract: start, then uid.
          for (let i = 1; i < all.length; i++) {
            const a = all[i - 1] as ActualOccurrence;
            const b = all[i] as ActualOccurrence;
            expect(a.start < b.start || (a.start === b.start && a.uid <= b.uid), `order at ${i}: ${iso(a.start)} ${a.uid} / ${iso(b.start)} ${b.uid}`).toBe(true);
          }

          if (w.occurrences !== undefined) {
            expect(kept.map((o, i) => shapeLike(o, w.occurrences?.[i], w))).toEqual(w.occurrences);
          }
          expect(kept).toHaveLength(w.count);
          if (w.head !== undefined) {
            const head = w.head;
            expect(kept.slice(0, head.length).map((o, i) => shapeLike(o, head[i], w))).toEqual(head);
          }
          if (w.tail !== undefined) {
            const tail = w.tail;
            expect(kept.slice(kept.length - tail.length).map((o, i) => shapeLike(o, tail[i], w))).toEqual(tail);
          }
          expect(kept.filter((o) => o.transparent)).toHaveLength(w.transparentCount);
          expect(kept.filter((o) => o.allDay)).toHaveLength(w.allDayCount);
          if (w.summaryIncludes !== undefined) {
            const text = w.summaryIncludes;
            expect(kept.some((o) => o.summary?.includes(text) ?? false), `a summary containing ${text}`).toBe(true);
          }
        });
      }
    });
  }
});
