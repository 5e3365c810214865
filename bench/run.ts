/**
 * The import + expansion + busy-merge benchmark (issue 2): our pipeline and its peers, side by side,
 * in the same run, on the same files, each pipeline on each file in its own child process.
 *
 *   npm run bench -- [--sizes 1k,10k,50k] [--skip-peers] [--skip-ours] [--pipelines a,b]
 *                    [--timeout 180] [--tz UTC] [--runs 1] [--reuse] [--regenerate] [--examples 3]
 *
 * See bench/README.md for the columns and the targets.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import type { ChildArgs, ChildReport } from "./child";
import { PIPELINES } from "./child";
import { compare, disagreementsWhereReferenceIsRight, type Occ, readOccurrences } from "./crosscheck";
import { calendarPath, DEFAULT_VIEWER_ZONE, DEFAULT_WINDOW, SIZES, truthPath, writeCalendar } from "./generate";

const OUT = join(import.meta.dirname, "out");
const RESULTS = join(OUT, "results");
const ROOT = join(import.meta.dirname, "..");

interface Flags {
  sizes: string[];
  pipelines: string[];
  timeoutS: number;
  hostTz: string;
  regenerate: boolean;
  examples: number;
  runs: number;
  reuse: boolean;
}

function parseFlags(argv: string[]): Flags {
  const val = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const has = (name: string): boolean => argv.includes(name);
  for (const a of argv) {
    if (a.startsWith("--") && !["--sizes", "--skip-peers", "--skip-ours", "--pipelines", "--timeout", "--tz", "--regenerate", "--examples", "--runs", "--reuse"].includes(a)) {
      throw new Error(`bench: unknown flag ${a}`);
    }
  }
  const sizes = (val("--sizes") ?? "1k,10k,50k").split(",").filter(Boolean);
  for (const s of sizes) if (!SIZES[s]) throw new Error(`bench: unknown size ${s} (use ${Object.keys(SIZES).join(", ")})`);
  let pipelines = val("--pipelines")?.split(",").filter(Boolean) ?? Object.keys(PIPELINES);
  for (const p of pipelines) if (!PIPELINES[p]) throw new Error(`bench: unknown pipeline ${p} (use ${Object.keys(PIPELINES).join(", ")})`);
  if (has("--skip-peers")) pipelines = pipelines.filter((p) => p === "formatfit");
  if (has("--skip-ours")) pipelines = pipelines.filter((p) => p !== "formatfit");
  return {
    sizes,
    pipelines,
    timeoutS: Number(val("--timeout") ?? 180),
    hostTz: val("--tz") ?? "UTC",
    regenerate: has("--regenerate"),
    examples: Number(val("--examples") ?? 3),
    runs: Math.max(1, Number(val("--runs") ?? 1)),
    reuse: has("--reuse"),
  };
}

type Outcome = { kind: "ok"; report: ChildReport; out: string } | { kind: "timeout" } | { kind: "error"; message: string };

function runChild(args: ChildArgs, timeoutS: number, hostTz: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "child.ts"), JSON.stringify(args)], {
      cwd: ROOT,
      env: { ...process.env, TZ: hostTz },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutS * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ kind: "timeout" });
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) return resolve({ kind: "ok", report: JSON.parse(line) as ChildReport, out: args.out });
      const msg = stderr.trim().split("\n").find((l) => /Error|error/.test(l)) ?? stderr.trim().split("\n")[0] ?? `exit ${code}`;
      resolve({ kind: "error", message: msg.slice(0, 200) });
    });
  });
}

const pad = (s: string, n: number, right = false): string => (right ? s.padStart(n) : s.padEnd(n));
const fmt = (n: number, digits: number): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Row {
  size: string;
  mb: number;
  pipeline: string;
  outcome: Outcome;
}

function printTable(rows: Row[], timeoutS: number): void {
  const header = ["file", "size MB", "pipeline", "time s", "MB/s", "occurrences", "occurrences/s", "peak RSS MB", "vs ours"];
  const widths = [12, 8, 22, 8, 8, 12, 14, 12, 14];
  const right = [false, true, false, true, true, true, true, true, true];
  console.log(header.map((h, i) => pad(h, widths[i] as number, right[i])).join("  "));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) {
    const ours = rows.find((x) => x.size === r.size && x.pipeline === "formatfit");
    const oursMs = ours?.outcome.kind === "ok" ? ours.outcome.report.ms : undefined;
    let cells: string[];
    if (r.outcome.kind === "ok") {
      const { ms, occurrences, peakRssKB } = r.outcome.report;
      const ratio = r.pipeline === "formatfit" ? "1.0x" : oursMs ? `${fmt(ms / oursMs, 1)}x slower` : "—";
      cells = [fmt(ms / 1000, 2), fmt(r.mb / (ms / 1000), 1), fmt(occurrences, 0), fmt(occurrences / (ms / 1000), 0), fmt(peakRssKB / 1024, 0), ratio];
    } else if (r.outcome.kind === "timeout") {
      cells = ["timeout", "—", "—", "—", "—", oursMs ? `>${fmt((timeoutS * 1000) / oursMs, 0)}x slower` : "—"];
    } else {
      cells = ["error", "—", "—", "—", "—", "—"];
    }
    const line = [`cal-${r.size}.ics`, fmt(r.mb, 1), PIPELINES[r.pipeline]?.label ?? r.pipeline, ...cells];
    console.log(line.map((c, i) => pad(c, widths[i] as number, right[i])).join("  "));
  }
  for (const r of rows) if (r.outcome.kind === "error") console.log(`  ${PIPELINES[r.pipeline]?.label} on cal-${r.size}.ics failed: ${r.outcome.message}`);
}

function crossCheck(size: string, rows: Row[], flags: Flags): { violations: number | undefined } {
  const ics = calendarPath(OUT, size);
  const get = (p: string): Occ[] | undefined => {
    const r = rows.find((x) => x.size === size && x.pipeline === p);
    return r?.outcome.kind === "ok" ? readOccurrences(r.outcome.out) : undefined;
  };
  const truth = existsSync(truthPath(OUT, size)) ? readOccurrences(truthPath(OUT, size)) : undefined;
  const ours = get("formatfit");
  const icaljs = get("icaljs");
  const label = (p: string): string => (p === "formatfit" ? "ours" : (PIPELINES[p]?.label ?? p));
  console.log(`\nCross-check, cal-${size}.ics (window ${new Date(DEFAULT_WINDOW.from).toISOString().slice(0, 10)} + 16 weeks, viewer ${DEFAULT_VIEWER_ZONE}; by uid + start + end)`);

  const show = (a: string, occA: Occ[], b: string, occB: Occ[]): void => {
    const c = compare(occA, occB, ics, DEFAULT_VIEWER_ZONE, [label(a), label(b)], flags.examples);
    console.log(`  ${label(a)} vs ${label(b)}: ${fmt(c.same, 0)} the same, ${fmt(c.onlyA.length, 0)} only in ${label(a)}, ${fmt(c.onlyB.length, 0)} only in ${label(b)}`);
    const sorted = [...c.classes].sort((x, y) => y[1].count - x[1].count);
    for (const [cls, { count, examples }] of sorted) {
      console.log(`    ${fmt(count, 0).padStart(6)}  ${cls}`);
      for (const e of examples) console.log(`              e.g. ${e}`);
    }
  };

  let violations: number | undefined;
  if (ours && icaljs) show("formatfit", ours, "icaljs", icaljs);
  for (const p of flags.pipelines) {
    if (p === "formatfit" || p === "icaljs") continue;
    const occ = get(p);
    if (occ && icaljs) show(p, occ, "icaljs", icaljs);
  }
  if (truth) {
    console.log(`  Against the generator's own answer (${fmt(truth.length, 0)} occurrences):`);
    for (const p of flags.pipelines) {
      const occ = get(p);
      if (!occ) continue;
      const c = compare(occ, truth, ics, DEFAULT_VIEWER_ZONE, [label(p), "truth"], 0);
      const classes = [...c.classes].sort((x, y) => y[1].count - x[1].count).slice(0, 4).map(([k, v]) => `${v.count} ${k}`);
      console.log(`    ${pad(label(p), 22)} ${fmt(c.same, 0)} right, ${fmt(c.onlyA.length, 0)} wrong or extra, ${fmt(c.onlyB.length, 0)} missing${classes.length ? `\n${classes.map((x) => `        ${x}`).join("\n")}` : ""}`);
    }
    if (ours && icaljs) {
      const d = disagreementsWhereReferenceIsRight(ours, icaljs, truth);
      violations = d.missing.length + d.extra.length;
      console.log(
        `  Ours vs ical.js wherever ical.js is right: ${violations === 0 ? "identical" : `${d.missing.length} correct ical.js occurrences missing from ours, ${d.extra.length} occurrences in ours that neither ical.js nor the truth has`}`,
      );
    }
  } else if (ours && icaljs) {
    console.log("  (no truth file: regenerate with --regenerate to judge which side is right)");
  }
  return { violations };
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  mkdirSync(RESULTS, { recursive: true });
  for (const size of flags.sizes) {
    if (flags.regenerate || !existsSync(calendarPath(OUT, size)) || !existsSync(truthPath(OUT, size))) {
      process.stderr.write(`generating cal-${size}.ics …\n`);
      writeCalendar(OUT, size);
    }
  }
  const load = loadavg()[0] ?? 0;
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load ${load.toFixed(2)}; each run in its own process with TZ=${flags.hostTz}, time limit ${flags.timeoutS} s${flags.runs > 1 ? `, best of ${flags.runs} runs` : ""}; window ${new Date(DEFAULT_WINDOW.from).toISOString()} – ${new Date(DEFAULT_WINDOW.to).toISOString()}, viewer ${DEFAULT_VIEWER_ZONE}`,
  );
  if (load > cpus().length * 0.5) console.log(`(the machine is busy: load ${load.toFixed(2)} on ${cpus().length} CPUs; times will be noisy, try --runs 3)`);
  const rows: Row[] = [];
  for (const size of flags.sizes) {
    const file = calendarPath(OUT, size);
    const mb = statSync(file).size / 1e6;
    for (const pipeline of flags.pipelines) {
      process.stderr.write(`  ${pad(`cal-${size}.ics`, 12)} ${pad(PIPELINES[pipeline]?.label ?? pipeline, 22)} … `);
      const out = join(RESULTS, `${size}-${pipeline}.tsv`);
      // --reuse: a peer's earlier result on the very same file (same size and mtime) stands in for a new run.
      const saved = join(RESULTS, `${size}-${pipeline}.json`);
      const fileId = `${statSync(file).size}:${statSync(file).mtimeMs}`;
      if (flags.reuse && pipeline !== "formatfit" && existsSync(saved) && existsSync(out)) {
        const prior = JSON.parse(readFileSync(saved, "utf8")) as ChildReport & { fileId?: string };
        if (prior.fileId === fileId) {
          process.stderr.write(`${fmt(prior.ms / 1000, 2)} s, ${fmt(prior.peakRssKB / 1024, 0)} MB (earlier run)\n`);
          rows.push({ size, mb, pipeline, outcome: { kind: "ok", report: prior, out } });
          continue;
        }
      }
      // Best time of --runs separate processes (the machine may be busy); peak RSS is the largest seen.
      let outcome: Outcome | undefined;
      for (let i = 0; i < flags.runs; i++) {
        const o = await runChild({ pipeline, file, from: DEFAULT_WINDOW.from, to: DEFAULT_WINDOW.to, viewerZone: DEFAULT_VIEWER_ZONE, out }, flags.timeoutS, flags.hostTz);
        process.stderr.write(o.kind === "ok" ? `${fmt(o.report.ms / 1000, 2)} s, ${fmt(o.report.peakRssKB / 1024, 0)} MB  ` : `${o.kind}${o.kind === "error" ? `: ${o.message}` : ""}  `);
        if (o.kind !== "ok") {
          outcome = o;
          break;
        }
        if (outcome?.kind === "ok") {
          o.report.peakRssKB = Math.max(o.report.peakRssKB, outcome.report.peakRssKB);
          if (outcome.report.ms < o.report.ms) o.report.ms = outcome.report.ms;
        }
        outcome = o;
      }
      process.stderr.write("\n");
      if (outcome?.kind === "ok") writeFileSync(saved, JSON.stringify({ ...outcome.report, fileId }) + "\n");
      rows.push({ size, mb, pipeline, outcome: outcome as Outcome });
    }
  }
  console.log("");
  printTable(rows, flags.timeoutS);

  const violationsBySize = new Map<string, number | undefined>();
  for (const size of flags.sizes) violationsBySize.set(size, crossCheck(size, rows, flags).violations);

  // Verdict against the issue's targets.
  const ok = (size: string, p: string): ChildReport | undefined => {
    const r = rows.find((x) => x.size === size && x.pipeline === p);
    return r?.outcome.kind === "ok" ? r.outcome.report : undefined;
  };
  const parts: string[] = [];
  const ours50 = ok("50k", "formatfit");
  const peers50 = flags.pipelines.filter((p) => p !== "formatfit").map((p) => ok("50k", p)?.ms).filter((x): x is number => x !== undefined);
  const peersTimedOut50 = flags.pipelines.filter((p) => p !== "formatfit" && rows.find((x) => x.size === "50k" && x.pipeline === p)?.outcome.kind === "timeout");
  if (ours50 && peers50.length) {
    const ratio = Math.min(...peers50) / ours50.ms;
    parts.push(`${ratio >= 10 ? "PASS" : "FAIL"} 50k: ${fmt(ratio, 1)}x faster than the fastest peer (target ≥ 10x)`);
  } else if (ours50 && peersTimedOut50.length) {
    parts.push(`50k: every peer timed out after ${flags.timeoutS} s (ours ${fmt(ours50.ms / 1000, 2)} s)`);
  } else parts.push("50k speed: not measured (needs ours and a peer on 50k)");
  const ours10 = ok("10k", "formatfit");
  parts.push(ours10 ? `${ours10.ms <= 550 ? "PASS" : "FAIL"} 10k in ${fmt(ours10.ms / 1000, 2)} s (target ≈ 0.5 s)` : "10k time: not measured");
  parts.push(ours50 ? `${ours50.peakRssKB / 1024 < 300 ? "PASS" : "FAIL"} 50k peak RSS ${fmt(ours50.peakRssKB / 1024, 0)} MB (target < 300 MB)` : "50k RSS: not measured");
  const checked = [...violationsBySize].filter(([, v]) => v !== undefined) as [string, number][];
  if (checked.length) {
    const bad = checked.filter(([, v]) => v > 0);
    parts.push(bad.length === 0 ? `PASS same answer as ical.js wherever it is right (${checked.map(([s]) => s).join(", ")})` : `FAIL differs from ical.js where ical.js is right: ${bad.map(([s, v]) => `${s}: ${v}`).join(", ")}`);
  } else parts.push("cross-check: not run (needs ours and ical.js)");
  console.log(`\nVerdict: ${parts.join("; ")}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
