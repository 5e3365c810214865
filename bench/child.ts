/**
 * Runs one pipeline on one file in its own process, so that peak RSS belongs to that pipeline alone.
 * Started by bench/run.ts: `node --import tsx bench/child.ts '<json args>'`. Prints one JSON line;
 * writes the occurrences (uid, start, end, transparent) as TSV for the cross-check.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Pipeline } from "./peers/common";

export const PIPELINES: Record<string, { module: string; label: string }> = {
  formatfit: { module: "./pipelines/formatfit", label: "formatfit (ours)" },
  icaljs: { module: "./peers/icaljs", label: "ical.js alone" },
  "icaljs-rrule-luxon": { module: "./peers/icaljs-rrule-luxon", label: "ical.js+rrule+luxon" },
  "node-ical": { module: "./peers/node-ical", label: "node-ical 0.22" },
};

export interface ChildArgs {
  pipeline: string;
  file: string;
  from: number;
  to: number;
  viewerZone: string;
  out: string;
}

export interface ChildReport {
  ms: number;
  occurrences: number;
  busyIntervals: number;
  /** Peak resident set size of the whole process, KB (getrusage ru_maxrss). */
  peakRssKB: number;
  /** Peak RSS before the pipeline ran (runtime, modules, the file's bytes), KB. */
  baselineRssKB: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? "{}") as ChildArgs;
  const entry = PIPELINES[args.pipeline];
  if (!entry) throw new Error(`bench/child: unknown pipeline ${args.pipeline}`);
  const mod = (await import(entry.module)) as { run: Pipeline };
  const bytes = readFileSync(args.file);
  const baselineRssKB = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const result = mod.run(bytes, { from: new Date(args.from), to: new Date(args.to) }, args.viewerZone);
  const ms = performance.now() - t0;
  const peakRssKB = process.resourceUsage().maxRSS;
  const rows: string[] = [];
  for (const o of result.occurrences) rows.push(`${o.uid}\t${o.start}\t${o.end}\t${o.transparent ? 1 : 0}`);
  writeFileSync(args.out, rows.join("\n") + (rows.length ? "\n" : ""));
  const report: ChildReport = { ms, occurrences: result.occurrences.length, busyIntervals: result.busy.length, peakRssKB, baselineRssKB };
  process.stdout.write(JSON.stringify(report) + "\n");
}

if (process.argv[1]?.endsWith("child.ts")) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
