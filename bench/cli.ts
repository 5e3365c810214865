/**
 * `npm run bench:cli` — `formatfit expand … --json` as a whole process (issue 12): the built command
 * against the ical.js + rrule + luxon pipeline run as a command of its own (bench/peer-cli.ts,
 * bundled the same way), on the generated 50k-event calendar over the benchmark's 16-week window.
 * Start-up, reading the file, the work and printing every occurrence all count.
 *
 *   npm run bench:cli -- [--runs 5] [--size 50k] [--no-npm] [--timeout 300]
 *
 * The commands run in turn (ours, npm run, peer, ours, …), each run a separate process; wall time
 * is taken around the process, peak RSS is the kernel's count for it (GNU time's %M: install
 * Debian's `time` package if /usr/bin/time is missing). Prints min / median / max of each, the
 * speed-up (the peer's time over ours, run by run, median), and checks the answers: every run of
 * ours prints the same bytes, `npm run` prints the same bytes, and the occurrences are the
 * generator's own answer (bench/README.md, "The truth file").
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { bundle, buildCli, isCliBuildFresh } from "../scripts/build-cli.mjs";
import { compare, type Occ, readOccurrences } from "./crosscheck";
import { calendarPath, DEFAULT_VIEWER_ZONE, DEFAULT_WINDOW, SIZES, truthPath, writeCalendar } from "./generate";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(import.meta.dirname, "out");
const RESULTS = join(OUT, "results");
const PEER_BUNDLE = join(OUT, "peer-cli.mjs");
const GNU_TIME = "/usr/bin/time";
const MARK = "formatfit-bench-peak-kb";

interface Flags {
  runs: number;
  size: string;
  npm: boolean;
  timeoutS: number;
}

function parseFlags(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: "string", default: "5" }, size: { type: "string", default: "50k" }, "no-npm": { type: "boolean", default: false }, timeout: { type: "string", default: "300" } },
  });
  if (!SIZES[values.size]) throw new Error(`bench:cli: unknown size ${values.size} (use ${Object.keys(SIZES).join(", ")})`);
  return { runs: Math.max(1, Number(values.runs)), size: values.size, npm: !values["no-npm"], timeoutS: Number(values.timeout) };
}

interface Contender {
  name: string;
  label: string;
  argv: string[];
  out: string;
}

interface Run {
  ms: number;
  peakKB: number | undefined;
  /** User + system CPU seconds of the process and its children (GNU time). */
  cpuS: number | undefined;
  code: number | null;
  sha1: string;
  stderr: string;
}

/** Whether /usr/bin/time is GNU time (it takes -f). */
function gnuTime(): Promise<boolean> {
  if (!existsSync(GNU_TIME)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const p = spawn(GNU_TIME, ["-f", "%M", "true"], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    p.stderr.on("data", (d: Buffer) => (err += d.toString()));
    p.on("error", () => resolve(false));
    p.on("close", (code) => resolve(code === 0 && /^\d+\s*$/.test(err)));
  });
}

/** One run: stdout to the contender's file, wall time around the process, peak RSS from GNU time. */
function runOnce(c: Contender, withTime: boolean, timeoutS: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const fd = openSync(c.out, "w");
    const [cmd, ...args] = withTime ? [GNU_TIME, "-f", `\n${MARK} %M %U %S`, ...c.argv] : c.argv;
    const t0 = performance.now();
    const child = spawn(cmd as string, args, { cwd: ROOT, stdio: ["ignore", fd, "pipe"], env: { ...process.env, TZ: "UTC" } });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutS * 1000);
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      closeSync(fd);
      const m = new RegExp(`\\n${MARK} (\\d+) ([\\d.]+) ([\\d.]+)\\s*$`).exec(stderr);
      const sha1 = createHash("sha1").update(readFileSync(c.out)).digest("hex");
      resolve({ ms, peakKB: m ? Number(m[1]) : undefined, cpuS: m ? Number(m[2]) + Number(m[3]) : undefined, code, sha1, stderr: m ? stderr.slice(0, m.index) : stderr });
    });
  });
}

const fmt = (n: number, digits: number): string => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const spread = (xs: readonly number[], digits: number): string => `${fmt(Math.min(...xs), digits)} / ${fmt(median(xs), digits)} / ${fmt(Math.max(...xs), digits)}`;

/** Occurrences of an `expand --json` or peer answer, as the cross-check compares them. */
function occurrencesOf(path: string): (Occ & { transparent: boolean })[] {
  const body = JSON.parse(readFileSync(path, "utf8")) as { occurrences: { uid: string; start: string; end: string; transparent: boolean }[] };
  return body.occurrences.map((o) => ({ uid: o.uid, start: Date.parse(o.start), end: Date.parse(o.end), transparent: o.transparent }));
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  mkdirSync(RESULTS, { recursive: true });
  const file = calendarPath(OUT, flags.size);
  if (!existsSync(file) || !existsSync(truthPath(OUT, flags.size))) {
    process.stderr.write(`generating cal-${flags.size}.ics …\n`);
    writeCalendar(OUT, flags.size);
  }
  if (!isCliBuildFresh()) {
    process.stderr.write("building the command (scripts/build-cli.mjs) …\n");
    await buildCli();
  }
  await bundle(join(import.meta.dirname, "peer-cli.ts"), PEER_BUNDLE);
  const withTime = await gnuTime();

  const from = new Date(DEFAULT_WINDOW.from).toISOString();
  const to = new Date(DEFAULT_WINDOW.to).toISOString();
  const expand = ["expand", file, "--from", from, "--to", to, "--tz", DEFAULT_VIEWER_ZONE, "--json"];
  const out = (name: string): string => join(RESULTS, `cli-${flags.size}-${name}.json`);
  const contenders: Contender[] = [
    { name: "ours", label: "node lib/cli/bin.mjs expand", argv: [process.execPath, "lib/cli/bin.mjs", ...expand], out: out("ours") },
    ...(flags.npm ? [{ name: "npm", label: "npm run -s formatfit -- expand", argv: ["npm", "run", "-s", "formatfit", "--", ...expand], out: out("npm") }] : []),
    { name: "peer", label: "ical.js+rrule+luxon command", argv: [process.execPath, PEER_BUNDLE, file, String(DEFAULT_WINDOW.from), String(DEFAULT_WINDOW.to), DEFAULT_VIEWER_ZONE], out: out("peer") },
  ];

  const mb = statSync(file).size / 1e6;
  console.log(
    `Node ${process.version}, ${cpus().length} CPUs, load ${fmt(loadavg()[0] ?? 0, 2)}; cal-${flags.size}.ics (${fmt(mb, 1)} MB), window ${from} – ${to}, viewer ${DEFAULT_VIEWER_ZONE}; ${flags.runs} runs of each, in turn; whole processes (start-up, read, work, print)`,
  );
  // One unmeasured run of each first: the file in the page cache, the bundles built.
  const runs = new Map<string, Run[]>(contenders.map((c) => [c.name, []]));
  for (let i = -1; i < flags.runs; i++) {
    for (const c of contenders) {
      const r = await runOnce(c, withTime, flags.timeoutS);
      if (r.code !== 0) throw new Error(`bench:cli: ${c.label} exited ${r.code}: ${r.stderr.trim().split("\n")[0] ?? ""}`);
      process.stderr.write(`  ${(i < 0 ? "warm-up" : `run ${i + 1}`).padEnd(7)}  ${c.label.padEnd(34)} ${fmt(r.ms / 1000, 2)} s${r.cpuS !== undefined ? `, ${fmt(r.cpuS, 2)} s CPU` : ""}${r.peakKB ? `, ${fmt(r.peakKB / 1024, 0)} MB` : ""}\n`);
      if (i >= 0) runs.get(c.name)?.push(r);
    }
  }

  const ours = runs.get("ours") as Run[];
  const peer = runs.get("peer") as Run[];
  const ratios = ours.map((r, i) => (peer[i] as Run).ms / r.ms);
  console.log("");
  const header = ["command", "wall s (min / median / max)", "CPU s, median", "peak RSS MB (min / median / max)", "peer ÷ this (wall)", "(CPU)"];
  const widths = [34, 28, 13, 33, 18, 6];
  const row = (cells: string[]): string => cells.map((x, i) => (i === 0 ? x.padEnd(widths[i] as number) : x.padStart(widths[i] as number))).join("  ");
  console.log(row(header));
  const peerCpu = median(peer.map((r) => r.cpuS ?? NaN));
  for (const c of contenders) {
    const rs = runs.get(c.name) as Run[];
    const peaks = rs.map((r) => r.peakKB).filter((x): x is number => x !== undefined);
    const cpu = median(rs.map((r) => r.cpuS ?? NaN));
    const ratio = median(rs.map((r, i) => (peer[i] as Run).ms / r.ms));
    console.log(
      row([
        c.label,
        spread(rs.map((r) => r.ms / 1000), 2),
        Number.isNaN(cpu) ? "—" : fmt(cpu, 2),
        peaks.length ? spread(peaks.map((k) => k / 1024), 0) : "—",
        c.name === "peer" ? "1.0x" : `${fmt(ratio, 1)}x`,
        c.name === "peer" || Number.isNaN(cpu) ? "" : `${fmt(peerCpu / cpu, 1)}x`,
      ]),
    );
  }
  if (!withTime) console.log(`(peak RSS not measured: ${GNU_TIME} is missing or not GNU time; apt-get install time)`);

  // The answers.
  const same = new Set(ours.map((r) => r.sha1)).size === 1;
  const npmSame = !flags.npm || (runs.get("npm") as Run[]).every((r) => r.sha1 === ours[0]?.sha1);
  const mine = occurrencesOf(out("ours"));
  const truthText = readFileSync(truthPath(OUT, flags.size), "utf8");
  const truthTransparent = new Map<string, boolean>();
  for (const line of truthText.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const [uid, s, e, t] = line.split("\t");
    truthTransparent.set(`${uid}\t${s}\t${e}`, t === "1");
  }
  const truth = readOccurrences(truthPath(OUT, flags.size));
  const vsTruth = compare(mine, truth, file, DEFAULT_VIEWER_ZONE, ["ours", "truth"], 0);
  const transparencyWrong = mine.filter((o) => truthTransparent.get(`${o.uid}\t${o.start}\t${o.end}`) === !o.transparent).length;
  const identical = vsTruth.onlyA.length === 0 && vsTruth.onlyB.length === 0 && transparencyWrong === 0;
  console.log(`\nAnswers: ${fmt(mine.length, 0)} occurrences from ours; ${same ? "every run printed the same bytes" : "RUNS DIFFER"}${flags.npm ? (npmSame ? "; npm run printed the same bytes" : "; NPM RUN DIFFERS") : ""}`);
  console.log(`  ours vs the generator's truth (${fmt(truth.length, 0)}): ${fmt(vsTruth.same, 0)} the same, ${fmt(vsTruth.onlyA.length, 0)} only in ours, ${fmt(vsTruth.onlyB.length, 0)} missing, ${fmt(transparencyWrong, 0)} with the wrong transparency`);
  const vsPeer = compare(mine, occurrencesOf(out("peer")), file, DEFAULT_VIEWER_ZONE, ["ours", "peer"], 0);
  const classes = [...vsPeer.classes].sort((x, y) => y[1].count - x[1].count).map(([k, v]) => `${v.count} ${k}`);
  console.log(`  ours vs the peer: ${fmt(vsPeer.same, 0)} the same, ${fmt(vsPeer.onlyA.length, 0)} only in ours, ${fmt(vsPeer.onlyB.length, 0)} only in the peer${classes.length ? ` (${classes.join("; ")}: see bench/README.md)` : ""}`);

  const ratio = median(ratios);
  const cpuRatio = median(peer.map((r) => r.cpuS ?? NaN)) / median(ours.map((r) => r.cpuS ?? NaN));
  const peakMB = withTime ? Math.max(...ours.map((r) => (r.peakKB ?? 0) / 1024)) : undefined;
  const parts = [
    `${ratio >= 10 ? "PASS" : "FAIL"} ${fmt(ratio, 1)}x faster than the ical.js+rrule+luxon command as a whole process (wall time, median of ${flags.runs} paired runs${Number.isNaN(cpuRatio) ? "" : `; ${fmt(cpuRatio, 1)}x in CPU time`}; target ≥ 10x)`,
    peakMB === undefined ? "peak RSS not measured" : `${peakMB < 300 ? "PASS" : "FAIL"} peak RSS ${fmt(peakMB, 0)} MB at most (target < 300 MB)`,
    `${identical && same && npmSame ? "PASS" : "FAIL"} same occurrences as the generator's truth${flags.npm ? ", npm run the same bytes" : ""}`,
  ];
  console.log(`\nVerdict (cal-${flags.size}.ics, whole process): ${parts.join("; ")}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
