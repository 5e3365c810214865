/**
 * How long `next dev` takes, from a cold start, to answer its first page: the time from spawning
 * `next dev` (webpack, or `--turbopack`) to the first 200 of `GET /check`, with no `.next` folder
 * left from before (each run starts cold). Every run is a whole process, started and stopped here.
 *
 *   npx tsx bench/dev-compile.ts                      # 3 rounds: each bundler once a round, taking turns
 *   npx tsx bench/dev-compile.ts --runs 5 --only turbopack
 *
 * Prints each run and the median per bundler. It deletes `.next` before each run, so a production
 * build must be made again afterwards (`npm run build`).
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const NEXT_BIN = join(root, "node_modules", "next", "dist", "bin", "next");

type Bundler = "webpack" | "turbopack";

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** One cold run: seconds from spawn to the first 200 of GET /check (and whether the page is the check page). */
async function run(bundler: Bundler, timeoutMs: number): Promise<{ seconds: number; ok: boolean; note: string }> {
  rmSync(join(root, ".next"), { recursive: true, force: true });
  const port = await freePort();
  const args = [NEXT_BIN, "dev", "-p", String(port), "-H", "127.0.0.1", ...(bundler === "turbopack" ? ["--turbopack"] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (output += d));
  let exited = false;
  const gone = new Promise<void>((res) => child.once("exit", () => ((exited = true), res())));
  try {
    while (performance.now() - started < timeoutMs && !exited) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/check`, { signal: AbortSignal.timeout(timeoutMs) });
        const body = await r.text();
        if (r.status === 200) {
          const seconds = (performance.now() - started) / 1000;
          const ok = body.includes("Which format fits my week?");
          return { seconds, ok, note: ok ? "" : "200 without the check page" };
        }
        return { seconds: NaN, ok: false, note: `GET /check answered ${r.status}: ${output.slice(-400)}` };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return { seconds: NaN, ok: false, note: exited ? `next dev exited: ${output.slice(-400)}` : "timed out" };
  } finally {
    if (!exited && child.pid !== undefined) {
      process.kill(-child.pid, "SIGTERM");
      const t = setTimeout(() => child.pid !== undefined && !exited && process.kill(-child.pid, "SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    }
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const runs = Number(flag("--runs") ?? 3) || 3;
  const only = flag("--only") as Bundler | undefined;
  const bundlers: Bundler[] = only ? [only] : ["webpack", "turbopack"];
  // Rounds, the bundlers taking turns (and turns about which goes first), so a machine whose load
  // drifts during the call weighs on both alike.
  const times = new Map<Bundler, number[]>(bundlers.map((b) => [b, []]));
  for (let i = 1; i <= runs; i++) {
    const order = i % 2 === 1 ? bundlers : [...bundlers].reverse();
    for (const bundler of order) {
      const r = await run(bundler, 300_000);
      console.log(`${bundler} run ${i}: ${Number.isNaN(r.seconds) ? "failed" : `${r.seconds.toFixed(1)} s`}${r.note ? ` (${r.note})` : ""}`);
      if (r.ok) times.get(bundler)?.push(r.seconds);
    }
  }
  for (const [bundler, t] of times) console.log(`${bundler}: median ${t.length ? median(t).toFixed(1) : "—"} s over ${t.length} run(s) [${t.map((x) => x.toFixed(1)).join(", ")}]`);
}

await main();
