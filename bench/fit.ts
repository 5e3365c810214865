/**
 * The fit benchmark (issue 3, "Speed"): the format-fit check of the 10k-event generated calendar
 * against the bundled catalog and against a generated 1,000-section catalog (about 30,000 live
 * sessions and 15,000 deadlines), side by side in the same run with a naive all-pairs conflict
 * check; and the asynchronous free-time questions answered from prefix sums against a rescan.
 *
 *   npx tsx bench/fit.ts [--runs 5] [--busy calendar,learner,stress] [--sections 1000] [--seed N]
 *                        [--learner-keep 30] [--file bench/out/cal-10k.ics] [--skip-naive] [--only-fit]
 *
 * See bench/FIT.md for what each line measures and the targets.
 */
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { busyIntervals, classifyOccurrence, type BusyInterval, type BusySource } from "../lib/busy";
import { loadCatalog } from "../lib/catalog/load";
import { validateCatalog, type Catalog, type Section } from "../lib/catalog/schema";
import { sectionDeadlines, sectionSessions, type Session } from "../lib/catalog/sessions";
import { sectionJobs, termStartOf } from "../lib/fit/async";
import { checkFitWithBusy, chooseSections, termWindow, type FitResult } from "../lib/fit/check";
import { freeBlocks } from "../lib/fit/free-time";
import { overlapSweep, PrefixSums, type Interval } from "../lib/fit/intervals";
import { DEFAULT_FIT_PREFERENCES } from "../lib/fit/preferences";
import { importIcs } from "../lib/ics/import";
import { expandEvents, type Occurrence } from "../lib/recurrence/expand";
import { DEFAULT_FIT_SEED, DEFAULT_FIT_SECTIONS, generateFitCatalog } from "./fit-catalog";
import { calendarPath, generateCalendar, seedFor, SIZES } from "./generate";

const OUT = join(import.meta.dirname, "out");
const HOUR = 3_600_000;
const WEEK = 7 * 86_400_000;

// Targets (issue 3).
const TARGET_FIT_MS = 200;
const TARGET_RATIO = 20;

type BusySetName = "calendar" | "learner" | "stress";
const BUSY_SETS: readonly BusySetName[] = ["calendar", "learner", "stress"];

interface Flags {
  runs: number;
  busy: BusySetName[];
  sections: number;
  seed: number;
  learnerKeep: number;
  file: string | undefined;
  skipNaive: boolean;
  onlyFit: boolean;
}

function parseFlags(argv: string[]): Flags {
  const known = ["--runs", "--busy", "--sections", "--seed", "--learner-keep", "--file", "--skip-naive", "--only-fit"];
  for (const a of argv) if (a.startsWith("--") && !known.includes(a)) throw new Error(`bench/fit: unknown flag ${a} (known: ${known.join(" ")})`);
  const val = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const busy = (val("--busy") ?? BUSY_SETS.join(",")).split(",").filter(Boolean) as BusySetName[];
  for (const b of busy) if (!BUSY_SETS.includes(b)) throw new Error(`bench/fit: unknown busy set ${b} (use ${BUSY_SETS.join(", ")})`);
  return {
    runs: Math.max(1, Number(val("--runs") ?? 5)),
    busy,
    sections: Number(val("--sections") ?? DEFAULT_FIT_SECTIONS),
    seed: Number(val("--seed") ?? DEFAULT_FIT_SEED),
    learnerKeep: Math.max(1, Number(val("--learner-keep") ?? 30)),
    file: val("--file"),
    skipNaive: argv.includes("--skip-naive"),
    onlyFit: argv.includes("--only-fit"),
  };
}

// ---------------------------------------------------------------------------------------------
// Timing

interface Timing {
  readonly times: number[];
  readonly first: number;
  readonly best: number;
  readonly median: number;
}

function timing(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { times, first: times[0] as number, best: sorted[0] as number, median };
}

/**
 * A full garbage collection between runs, outside the clock, so that one run does not pay for the
 * garbage of the run before it (a check of 1,000 sections leaves tens of MB behind).
 */
const collectGarbage: (() => void) | undefined = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

/** Runs `fn` `runs` times (the first run is cold: it includes JIT warm-up); keeps the last result. */
function measure<T>(runs: number, fn: () => T): { t: Timing; result: T } {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    result = undefined;
    collectGarbage?.();
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  return { t: timing(times), result: result as T };
}

function ms(x: number): string {
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  return `${x.toFixed(2)} ms`;
}

function n(x: number): string {
  return x.toLocaleString("en-US");
}

function ratio(a: number, b: number): string {
  const r = a / b;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

function loadLine(): string {
  const [l1, l5, l15] = loadavg();
  return `load ${l1?.toFixed(2)} ${l5?.toFixed(2)} ${l15?.toFixed(2)} on ${cpus().length} CPUs`;
}

// ---------------------------------------------------------------------------------------------
// The naive check and the sweep, on the same inputs

interface OverlapResult {
  overlap: number;
  busy: number[];
}

/** Every session against every busy interval: O(sessions · busy). Any order in, results in input order. */
function naiveOverlaps(sessions: readonly Interval[], busy: readonly Interval[]): OverlapResult[] {
  const out: OverlapResult[] = [];
  for (const s of sessions) {
    let overlap = 0;
    const hits: number[] = [];
    for (let j = 0; j < busy.length; j++) {
      const b = busy[j] as Interval;
      if (b.start < s.end && b.end > s.start) {
        overlap += Math.min(b.end, s.end) - Math.max(b.start, s.start);
        hits.push(j);
      }
    }
    out.push({ overlap, busy: hits });
  }
  return out;
}

/** Sort (a copy) by start, then lib/fit's overlapSweep: the sorted sessions and their results. */
function sortAndSweep(sessions: readonly Session[], busy: readonly Interval[]): { sorted: Session[]; results: OverlapResult[] } {
  const sorted = [...sessions].sort((a, b) => a.start - b.start || a.end - b.end);
  return { sorted, results: overlapSweep(sorted, busy) };
}

/** overlapSweep once per section, as checkFitWithBusy calls it (each section's sessions are sorted). */
function sweepPerSection(bySection: readonly (readonly Session[])[], busy: readonly Interval[]): OverlapResult[][] {
  return bySection.map((sessions) => overlapSweep(sessions, busy));
}

// ---------------------------------------------------------------------------------------------
// Busy sets

interface BusySet {
  readonly name: BusySetName;
  readonly description: string;
  readonly busy: BusyInterval[];
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The same busy time as `busyIntervals`, not merged but cut at every start and end of a busy
 * occurrence: the elementary pieces between consecutive boundaries that some busy occurrence
 * covers. They are sorted and disjoint, and their union is exactly the merged busy time; touching
 * pieces stay apart. Each piece names the occurrences that cover it.
 */
function elementaryPieces(occurrences: readonly Occurrence[]): BusyInterval[] {
  const busy: { o: Occurrence; source: BusySource }[] = [];
  for (const o of occurrences) {
    const d = classifyOccurrence(o);
    if (d.busy) busy.push({ o, source: { uid: o.uid, start: o.start, end: o.end, rule: d.rule, allDay: o.allDay, ...(o.summary !== undefined ? { summary: o.summary } : {}) } });
  }
  // Walk the starts and ends in time order with the set of occurrences open; a piece is busy where
  // the set is not empty, and its sources are the set.
  const edges: { t: number; open: boolean; source: BusySource }[] = [];
  for (const { o, source } of busy) edges.push({ t: o.start, open: true, source }, { t: o.end, open: false, source });
  edges.sort((a, b) => a.t - b.t);
  const out: BusyInterval[] = [];
  const active = new Set<BusySource>();
  let i = 0;
  while (i < edges.length) {
    const t = (edges[i] as (typeof edges)[number]).t;
    for (; i < edges.length && (edges[i] as (typeof edges)[number]).t === t; i++) {
      const e = edges[i] as (typeof edges)[number];
      if (e.open) active.add(e.source);
      else active.delete(e.source);
    }
    const next = i < edges.length ? (edges[i] as (typeof edges)[number]).t : t;
    if (active.size > 0 && next > t) out.push({ start: t, end: next, sources: [...active] });
  }
  return out;
}

function coverage(busy: readonly Interval[], from: number, to: number): number {
  let t = 0;
  for (const b of busy) if (b.end > from && b.start < to) t += Math.min(b.end, to) - Math.max(b.start, from);
  return t;
}

// ---------------------------------------------------------------------------------------------
// Cross-checks

function sameOverlaps(sessions: readonly Session[], naive: readonly OverlapResult[], sorted: readonly Session[], swept: readonly OverlapResult[]): { ok: boolean; conflicts: number; minutes: number; detail: string } {
  const index = new Map<Session, number>();
  sessions.forEach((s, i) => index.set(s, i));
  let bad = 0;
  let example = "";
  sorted.forEach((s, k) => {
    const i = index.get(s) as number;
    const a = naive[i] as OverlapResult;
    const b = swept[k] as OverlapResult;
    const same = a.overlap === b.overlap && a.busy.length === b.busy.length && a.busy.every((j, x) => j === b.busy[x]);
    if (!same) {
      bad++;
      if (!example) example = `${s.sectionId} ${new Date(s.start).toISOString()}: naive ${a.overlap / 60_000} min [${a.busy.join(",")}], sweep ${b.overlap / 60_000} min [${b.busy.join(",")}]`;
    }
  });
  let conflicts = 0;
  let minutes = 0;
  for (const r of naive) {
    if (r.overlap > 0) {
      conflicts++;
      minutes += Math.round(r.overlap / 60_000);
    }
  }
  return { ok: bad === 0 && naive.length === swept.length, conflicts, minutes, detail: bad === 0 ? "" : `${bad} sessions differ, e.g. ${example}` };
}

/** Multiset of `section|start|end|minutes` for the conflicts a fit reports. */
function fitConflictKeys(result: FitResult): Map<string, number> {
  const keys = new Map<string, number>();
  for (const f of result.sections) {
    for (const c of f.live?.conflicts ?? []) {
      const key = `${c.session.sectionId}|${c.session.start}|${c.session.end}|${c.overlapMinutes}`;
      keys.set(key, (keys.get(key) ?? 0) + 1);
    }
  }
  return keys;
}

function naiveConflictKeys(sessions: readonly Session[], naive: readonly OverlapResult[]): Map<string, number> {
  const keys = new Map<string, number>();
  naive.forEach((r, i) => {
    if (r.overlap <= 0) return;
    const s = sessions[i] as Session;
    const key = `${s.sectionId}|${s.start}|${s.end}|${Math.round(r.overlap / 60_000)}`;
    keys.set(key, (keys.get(key) ?? 0) + 1);
  });
  return keys;
}

function sameKeys(a: Map<string, number>, b: Map<string, number>): { ok: boolean; onlyA: number; onlyB: number } {
  let onlyA = 0;
  let onlyB = 0;
  for (const [k, v] of a) onlyA += Math.max(0, v - (b.get(k) ?? 0));
  for (const [k, v] of b) onlyB += Math.max(0, v - (a.get(k) ?? 0));
  return { ok: onlyA === 0 && onlyB === 0, onlyA, onlyB };
}

// ---------------------------------------------------------------------------------------------

interface SetReport {
  set: BusySet;
  rows: { label: string; t: Timing; note?: string }[];
  fitMedian: number;
  naiveMedian?: number;
  sweepMedian?: number;
  prefixMedian?: number;
  rescanMedian?: number;
  checks: string[];
  allOk: boolean;
}

function main(): void {
  const flags = parseFlags(process.argv.slice(2));
  const prefs = DEFAULT_FIT_PREFERENCES;
  console.log(`FormatFit fit benchmark (issue 3) — Node ${process.version}, ${loadLine()} at start; ${flags.runs} runs per measurement (first run cold${collectGarbage ? ", a full GC before each run, outside the clock" : ""})`);
  if ((loadavg()[0] ?? 0) > cpus().length * 0.5) console.log(`(the machine is busy: times will be noisy; compare the medians, or rerun when the load is lower)`);

  // 1. The catalogs --------------------------------------------------------------------------
  let t0 = performance.now();
  const rawCatalog = generateFitCatalog({ sections: flags.sections, seed: flags.seed });
  const genMs = performance.now() - t0;
  t0 = performance.now();
  const validation = validateCatalog(rawCatalog);
  const validateMs = performance.now() - t0;
  if (!validation.ok) {
    for (const i of validation.issues.slice(0, 20)) console.error(`${i.path}: ${i.message}`);
    throw new Error(`bench/fit: the generated catalog is not valid (${validation.issues.length} issues)`);
  }
  const big: Catalog = validation.catalog;
  const bundled: Catalog = loadCatalog({ env: {} });
  const bigChosen = chooseSections(big);
  const bundledChosen = chooseSections(bundled);

  const bySection = bigChosen.map(({ section }) => sectionSessions(section));
  const allSessions = bySection.flat();
  const deadlinesBySection = bigChosen.map(({ section }) => sectionDeadlines(section));
  const deadlineCount = deadlinesBySection.reduce((k, d) => k + d.length, 0);
  const formats = new Map<string, number>();
  const zones = new Set<string>();
  for (const { section } of bigChosen) {
    formats.set(section.format, (formats.get(section.format) ?? 0) + 1);
    zones.add(section.timeZone);
  }
  const bigWindow = termWindow(bigChosen.map((c) => c.section));
  const bundledWindow = termWindow(bundledChosen.map((c) => c.section));
  const bundledSessions = bundledChosen.reduce((k, { section }) => k + sectionSessions(section).length, 0);
  const bundledDeadlines = bundledChosen.reduce((k, { section }) => k + sectionDeadlines(section).length, 0);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 16) + "Z";
  console.log(
    `\nGenerated catalog (bench/fit-catalog.ts, seed ${flags.seed}): ${n(bigChosen.length)} sections in ${n(big.courses.length)} courses — ` +
      `${[...formats].map(([f, k]) => `${n(k)} ${f}`).join(", ")}; ${zones.size} zones; term ${bigChosen[0]?.section.startDate} – ${bigChosen[0]?.section.endDate}`,
  );
  console.log(`  sectionSessions: ${n(allSessions.length)} live sessions; sectionDeadlines: ${n(deadlineCount)} deadlines (generated in ${ms(genMs)}, validateCatalog ${ms(validateMs)}: valid)`);
  console.log(`Bundled catalog (loadCatalog): ${n(bundledChosen.length)} sections in ${bundled.courses.length} courses; ${n(bundledSessions)} live sessions, ${n(bundledDeadlines)} deadlines`);

  // 2. The calendar: import once, expand over the term windows, busy merge (issue 2's job) --------
  const window = { from: Math.min(bigWindow.from, bundledWindow.from), to: Math.max(bigWindow.to, bundledWindow.to) };
  const file = flags.file ?? calendarPath(OUT, "10k");
  let bytes: Buffer;
  let source: string;
  if (existsSync(file)) {
    bytes = readFileSync(file);
    source = file;
  } else {
    if (flags.file) throw new Error(`bench/fit: ${file} does not exist`);
    bytes = Buffer.from(generateCalendar({ events: SIZES["10k"] as number, seed: seedFor("10k") }));
    source = "generateCalendar({ events: 10000 }) (bench/out/cal-10k.ics not found; `npm run bench` writes it)";
  }
  t0 = performance.now();
  const imported = importIcs(bytes, { window });
  const importMs = performance.now() - t0;
  if (!imported.ok) throw new Error(`bench/fit: import refused the calendar: ${imported.issues.map((i) => i.message).join("; ")}`);
  t0 = performance.now();
  const { occurrences } = expandEvents(imported.calendar.events, window, { viewerZone: prefs.timeZone });
  const expandMs = performance.now() - t0;
  t0 = performance.now();
  const merged = busyIntervals(occurrences);
  const mergeMs = performance.now() - t0;
  const busyOccurrences = occurrences.filter((o) => classifyOccurrence(o).busy).length;
  console.log(`\nCalendar: ${source} (${(bytes.length / 1e6).toFixed(1)} MB, ${n(imported.calendar.stats.eventCount)} VEVENTs), window ${iso(window.from)} – ${iso(window.to)} (both catalogs' terms), viewer ${prefs.timeZone}`);
  console.log(
    `  issue 2's part, once: importIcs ${ms(importMs)} (${n(imported.calendar.events.length)} events kept) + expandEvents ${ms(expandMs)} (${n(occurrences.length)} occurrences, ${n(busyOccurrences)} busy) + busyIntervals ${ms(mergeMs)} = ${ms(importMs + expandMs + mergeMs)}`,
  );

  // The busy sets the fit runs against.
  const weeks = (window.to - window.from) / WEEK;
  const sets: BusySet[] = [];
  for (const name of flags.busy) {
    if (name === "calendar") {
      sets.push({ name, description: "busyIntervals of the whole calendar (what the product computes for this file)", busy: merged });
    } else if (name === "learner") {
      const kept = occurrences.filter((o) => fnv1a(o.uid) % flags.learnerKeep === 0);
      sets.push({ name, description: `busyIntervals of the events of 1 UID in ${flags.learnerKeep} (FNV-1a of the UID): a working adult's density`, busy: busyIntervals(kept) });
    } else {
      sets.push({ name, description: "the calendar's busy time cut at every start and end of a busy occurrence (disjoint, unmerged; same union as 'calendar')", busy: elementaryPieces(occurrences) });
    }
  }
  for (const s of sets) {
    const h = coverage(s.busy, window.from, window.to) / HOUR;
    console.log(`  busy set ${pad(`'${s.name}'`, 10)} ${pad(n(s.busy.length), 7, true)} intervals, ${(h / weeks).toFixed(1)} busy h/week (${((100 * h * HOUR) / (window.to - window.from)).toFixed(1)} % of the window): ${s.description}`);
  }
  if (merged.length < 100) {
    console.log(
      `  note: this calendar holds ${(busyOccurrences / ((window.to - window.from) / 86_400_000)).toFixed(0)} busy occurrences a day, so its busy time covers the whole window and merges into ${merged.length} intervals;` +
        ` every session clashes. 'learner' is a realistic density, 'stress' the same busy time as many disjoint intervals (the issue's own figure had 32,700).`,
    );
  }

  // 3. The measurements, per busy set -----------------------------------------------------------
  const reports: SetReport[] = [];
  const conflictKeysBySet = new Map<BusySetName, Map<string, number>>();
  for (const set of sets) {
    const busy = set.busy;
    const rows: SetReport["rows"] = [];
    const checks: string[] = [];
    let allOk = true;
    console.log(`\n── busy set '${set.name}': ${n(busy.length)} busy intervals ${"─".repeat(40)}`);

    // (a) the bundled catalog
    const a = measure(flags.runs, () => checkFitWithBusy({ catalog: bundled, occurrences: [], preferences: prefs, busy }));
    rows.push({ label: `(a) checkFitWithBusy, bundled catalog (${bundledChosen.length} sections)`, t: a.t });

    // (b) the 1,000-section catalog, given the busy intervals
    const b = measure(flags.runs, () => checkFitWithBusy({ catalog: big, occurrences: [], preferences: prefs, busy }));
    rows.push({ label: `(b) checkFitWithBusy, ${n(bigChosen.length)} sections`, t: b.t });
    // The split: building sessions and deadlines as the check does (sessions once a section,
    // deadlines twice for a section with deadlines: analyseAsync and weeklyHours), and the rest.
    const build = measure(flags.runs, () => {
      let k = 0;
      for (const { section } of bigChosen) {
        k += sectionSessions(section).length;
        if (hasDeadlines(section)) k += sectionDeadlines(section).length + sectionDeadlines(section).length;
      }
      return k;
    });
    rows.push({ label: "    of which: build sessions + deadlines (sectionSessions ×1, sectionDeadlines ×2)", t: build.t });
    rows.push({
      label: "    of which: the fit itself (b − build, by median / best)",
      t: timing([b.t.median - build.t.median]),
      note: `best ${ms(b.t.best - build.t.best)}`,
    });
    const fitKeys = fitConflictKeys(b.result);
    conflictKeysBySet.set(set.name, fitKeys);
    const fitConflicts = [...fitKeys.values()].reduce((k, v) => k + v, 0);
    const verdicts = new Map<string, number>();
    for (const f of b.result.sections) verdicts.set(f.verdict, (verdicts.get(f.verdict) ?? 0) + 1);
    const unmet = b.result.sections.reduce((k, f) => k + (f.async?.unmet ?? 0), 0);

    let naiveMedian: number | undefined;
    let sweepMedian: number | undefined;
    let perSectionMedian: number | undefined;
    let prefixMedian: number | undefined;
    let rescanMedian: number | undefined;
    if (!flags.onlyFit) {
      // (c) naive all-pairs and (d) sort-and-sweep, on exactly the same sessions and busy intervals.
      let naive: OverlapResult[] | undefined;
      if (!flags.skipNaive) {
        const c = measure(flags.runs, () => naiveOverlaps(allSessions, busy));
        naive = c.result;
        naiveMedian = c.t.median;
        rows.push({ label: `(c) naive all-pairs: ${n(allSessions.length)} sessions × ${n(busy.length)} busy`, t: c.t, note: `${(allSessions.length * busy.length / 1e6).toFixed(0)} M pairs` });
      }
      const d = measure(flags.runs, () => sortAndSweep(allSessions, busy));
      sweepMedian = d.t.median;
      rows.push({ label: "(d) sort + overlapSweep, same inputs (one sweep)", t: d.t });
      const sortOnly = measure(flags.runs, () => [...allSessions].sort((x, y) => x.start - y.start || x.end - y.end));
      rows.push({ label: "    of which: the sort", t: sortOnly.t });
      const dps = measure(flags.runs, () => sweepPerSection(bySection, busy));
      perSectionMedian = dps.t.median;
      rows.push({ label: `(d′) overlapSweep per section, as the fit calls it (${n(bySection.length)} sweeps, no sort)`, t: dps.t });
      if (naive) {
        const same = sameOverlaps(allSessions, naive, d.result.sorted, d.result.results);
        allOk &&= same.ok;
        checks.push(`(c) = (d): ${same.ok ? "same" : "DIFFERENT"} — ${n(same.conflicts)} conflicting sessions, ${n(same.minutes)} overlap minutes, same busy intervals behind each${same.ok ? "" : `; ${same.detail}`}`);
        const fitVsNaive = sameKeys(fitKeys, naiveConflictKeys(allSessions, naive));
        allOk &&= fitVsNaive.ok;
        checks.push(
          `(b) = (c): ${fitVsNaive.ok ? "same" : "DIFFERENT"} — the fit reports ${n(fitConflicts)} conflicts with the same session and overlap minutes${fitVsNaive.ok ? "" : ` (${fitVsNaive.onlyA} only in the fit, ${fitVsNaive.onlyB} only in the naive check)`}`,
        );
      }

      // (e) async free-time questions: "free hours between release and due", one per deadline.
      const free = freeBlocks(busy, prefs, bigWindow.from, bigWindow.to);
      const questions: { release: number; due: number }[] = [];
      bigChosen.forEach(({ section }, i) => {
        const deadlines = deadlinesBySection[i] as ReturnType<typeof sectionDeadlines>;
        if (deadlines.length > 0) for (const j of sectionJobs(section, deadlines, termStartOf(section))) questions.push({ release: j.release, due: j.due });
      });
      const p = measure(flags.runs, () => {
        const sums = new PrefixSums(free);
        const out = new Float64Array(questions.length);
        for (let i = 0; i < questions.length; i++) out[i] = sums.between((questions[i] as { release: number }).release, (questions[i] as { due: number }).due);
        return out;
      });
      prefixMedian = p.t.median;
      const r = measure(flags.runs, () => {
        const out = new Float64Array(questions.length);
        for (let i = 0; i < questions.length; i++) {
          const q = questions[i] as { release: number; due: number };
          let t = 0;
          for (const fb of free) if (fb.end > q.release && fb.start < q.due) t += Math.min(fb.end, q.due) - Math.max(fb.start, q.release);
          out[i] = t;
        }
        return out;
      });
      rescanMedian = r.t.median;
      rows.push({ label: `(e) ${n(questions.length)} free-time questions, PrefixSums (build + answer)`, t: p.t, note: `${n(free.length)} free blocks${free.length === 0 ? " (no free time: every answer is 0)" : ""}` });
      rows.push({ label: `(e′) the same questions, rescanning the free blocks per question`, t: r.t });
      let differ = 0;
      for (let i = 0; i < questions.length; i++) if (p.result[i] !== r.result[i]) differ++;
      allOk &&= differ === 0;
      const totalFree = p.result.reduce((h, x) => h + x, 0) / HOUR;
      checks.push(`(e) = (e′): ${differ === 0 ? "same" : `DIFFERENT in ${differ}`} — ${n(questions.length)} answers, ${n(Math.round(totalFree))} free hours summed`);
    }
    checks.push(
      `fit: ${n(fitConflicts)} session conflicts, ${n(unmet)} unmet deadlines; verdicts ${["fits", "fits-with-tradeoffs", "does-not-fit"].map((v) => `${v} ${verdicts.get(v) ?? 0}`).join(", ")}`,
    );
    if (set.name === "stress" && conflictKeysBySet.has("calendar")) {
      const same = sameKeys(fitKeys, conflictKeysBySet.get("calendar") as Map<string, number>);
      allOk &&= same.ok;
      checks.push(`'stress' = 'calendar': ${same.ok ? "same" : "DIFFERENT"} conflicts and overlap minutes (same busy time, ${n(busy.length)} pieces instead of ${n(merged.length)} intervals)`);
    }

    const w = Math.max(...rows.map((r) => r.label.length));
    console.log(`${pad("", w)}  ${pad("best", 9, true)}  ${pad("median", 9, true)}  ${pad("first", 9, true)}`);
    for (const row of rows) {
      const single = row.t.times.length === 1 && row.label.includes("b − build");
      console.log(`${pad(row.label, w)}  ${pad(single ? "" : ms(row.t.best), 9, true)}  ${pad(ms(row.t.median), 9, true)}  ${pad(single ? "" : ms(row.t.first), 9, true)}${row.note ? `   ${row.note}` : ""}`);
    }
    if (naiveMedian !== undefined && sweepMedian !== undefined) {
      console.log(
        `ratio naive/ours (medians): naive (c) / sort+sweep (d) ${ratio(naiveMedian, sweepMedian)}` +
          `${perSectionMedian !== undefined ? `; (c) / per-section sweeps (d′) ${ratio(naiveMedian, perSectionMedian)}` : ""}; (c) / the whole ${n(bigChosen.length)}-section fit (b) ${ratio(naiveMedian, b.t.median)}`,
      );
    }
    if (prefixMedian !== undefined && rescanMedian !== undefined) console.log(`ratio rescan/prefix sums (medians): ${ratio(rescanMedian, prefixMedian)}`);
    for (const c of checks) console.log(`check ${c}`);
    reports.push({ set, rows, fitMedian: b.t.median, ...(naiveMedian !== undefined ? { naiveMedian } : {}), ...(sweepMedian !== undefined ? { sweepMedian } : {}), ...(prefixMedian !== undefined ? { prefixMedian } : {}), ...(rescanMedian !== undefined ? { rescanMedian } : {}), checks, allOk });
  }

  // 4. Verdict ---------------------------------------------------------------------------------
  console.log(`\nVerdict against issue 3's targets (medians; ${loadLine()} at the end):`);
  for (const r of reports) {
    const parts: string[] = [];
    parts.push(`fit of ${n(bigChosen.length)} sections given busy ${ms(r.fitMedian)} ${r.fitMedian < TARGET_FIT_MS ? "<" : "≥"} ${TARGET_FIT_MS} ms ${r.fitMedian < TARGET_FIT_MS ? "PASS" : "FAIL"}`);
    if (r.naiveMedian !== undefined) {
      const fitRatio = r.naiveMedian / r.fitMedian;
      parts.push(`naive/fit ${ratio(r.naiveMedian, r.fitMedian)} ${fitRatio >= TARGET_RATIO ? "PASS" : "FAIL"}`);
      if (r.sweepMedian !== undefined) parts.push(`naive/sweep ${ratio(r.naiveMedian, r.sweepMedian)} ${r.naiveMedian / r.sweepMedian >= TARGET_RATIO ? "PASS" : "FAIL"}`);
    }
    if (r.prefixMedian !== undefined && r.rescanMedian !== undefined) parts.push(`free-time questions from prefix sums ${ms(r.prefixMedian)} (rescan ${ms(r.rescanMedian)})`);
    parts.push(r.allOk ? "cross-checks agree" : "CROSS-CHECK FAILED");
    console.log(`  '${r.set.name}' (${n(r.set.busy.length)} busy): ${parts.join("; ")}`);
  }
  console.log(`  (targets: the 1,000-section fit given the busy intervals < ${TARGET_FIT_MS} ms and ≥ ${TARGET_RATIO}× faster than the naive check in the same run; async free time from prefix sums, not rescans)`);
  if (reports.some((r) => !r.allOk)) process.exitCode = 1;
}

function hasDeadlines(section: Section): boolean {
  return "deadlines" in section && section.deadlines !== undefined && section.deadlines.length > 0;
}

main();
