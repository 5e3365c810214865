/**
 * `npm run bench:abuse` (issue 13): the built server under attack. Starts `next start`, measures
 * ordinary traffic alone (learners posting a check for one course, page loads of `/`), then the
 * same traffic while an attacker posts hostile calendars back to back, and prints both side by
 * side with the hostile requests' answers and the server's memory.
 *
 * Each simulated client has its own address (X-Forwarded-For, as a proxy in front writes it), so
 * the per-address limits and the pool's fair share see one attacker and many learners (each check
 * from another learner, 200 ms apart per simulated browser); the attacker posts back to back. The
 * attacker runs on a thread of its own, as it would on a machine of its own: sending 10 MB files
 * from the learners' event loop would delay the learners' own timing, not the server's answers
 * (it still competes with the server for this machine's processors). The attack runs twice: with the
 * default rate limits (the attacker is soon answered 429) and with rate limits off, so that what
 * holds is the worker pool alone (a deadline and heap per check, a bounded queue) — the case of
 * "a budget is wrong".
 *
 * Goals: ordinary checks' p95 during the attack within 2× of without; `GET /` never over 1 s;
 * every hostile request answered within 10 s; RSS bounded; the server never crashes.
 *
 * Flags: `--seconds N` per phase (default 20); `--compare` adds a third run with the heavy lane off
 * too (FORMATFIT_CHECK_HEAVY_WORKERS=0), to see what it does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { hostileFiles } from "./abuse-files";
import { hasBuild, multipart, percentile, root, startNext, treeRssMb, type NextServer } from "./http";

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf("--seconds") + 1] ?? 20) || 20;

interface Timed {
  ms: number;
  status: number;
}

async function timed(url: string, init: RequestInit, timeoutMs = 30_000): Promise<Timed> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return { ms: performance.now() - t0, status: res.status };
  } catch {
    return { ms: performance.now() - t0, status: 0 };
  }
}

/** Runs `fn` in a loop until `until`, collecting what it returns. */
async function loop<T>(until: number, fn: (n: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let n = 0; Date.now() < until; n++) out.push(await fn(n));
  return out;
}

interface Phase {
  checks: Timed[];
  pages: Timed[];
  hostile: (Timed & { name: string })[];
  rssMaxMb: number;
}

const LEARNERS = 3;
const LEARNER_PAUSE_MS = 200;

async function phase(server: NextServer, attack: boolean): Promise<Phase> {
  const learner = multipart(
    [{ name: "learner.ics", body: readFileSync(join(root, "tests/fixtures/ics/learner-spring-2027.ics")) }],
    [
      ["preferences", JSON.stringify({ timeZone: "America/New_York" })],
      ["course", "PM-101"],
      ["details", "true"],
    ],
  );
  const until = Date.now() + SECONDS * 1000;
  let rssMaxMb = 0;
  const sampler = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, server.child.pid ? treeRssMb(server.child.pid) : 0)), 250);
  const files = hostileFiles().map((f) => ({ name: f.name, ...multipart([f], [["preferences", JSON.stringify({ timeZone: "America/New_York" })]]) }));
  const post = (body: { body: Buffer; type: string }, address: string) =>
    ({ method: "POST", headers: { "content-type": body.type, "x-forwarded-for": address, origin: server.base }, body: new Uint8Array(body.body) }) satisfies RequestInit;
  // Learners: each check from another learner (its own address), a pause between them, as people click.
  const learners = Array.from({ length: LEARNERS }, (_, k) =>
    loop(until, async (n) => {
      const r = await timed(`${server.base}/api/check`, post(learner, `198.51.${100 + k}.${(n % 250) + 1}`));
      await new Promise((res) => setTimeout(res, LEARNER_PAUSE_MS));
      return r;
    }),
  );
  const pages = loop(until, async () => {
    const r = await timed(`${server.base}/`, { headers: { "x-forwarded-for": "198.51.100.50" } });
    await new Promise((res) => setTimeout(res, 100));
    return r;
  });
  const attackers = attack ? attackThread(`${server.base}/api/check`, server.base, until, files) : Promise.resolve([]);
  const [checks, pageTimes, hostile] = await Promise.all([Promise.all(learners).then((x) => x.flat()), pages, attackers]);
  clearInterval(sampler);
  return { checks, pages: pageTimes, hostile, rssMaxMb };
}

/**
 * The attacker, on a thread of its own: two connections from one address, each cycling through the
 * hostile files back to back until `until`; resolves with every answer's status and time.
 */
function attackThread(url: string, origin: string, until: number, files: { name: string; body: Buffer; type: string }[]): Promise<(Timed & { name: string })[]> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    const { url, origin, until, files } = workerData;
    async function timed(f) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { method: "POST", headers: { "content-type": f.type, "x-forwarded-for": "203.0.113.66", origin }, body: f.body, signal: AbortSignal.timeout(30000) });
        await res.arrayBuffer();
        return { name: f.name, ms: performance.now() - t0, status: res.status };
      } catch {
        return { name: f.name, ms: performance.now() - t0, status: 0 };
      }
    }
    async function connection(a) {
      const out = [];
      for (let n = 0; Date.now() < until; n++) out.push(await timed(files[(n + a * 2) % files.length]));
      return out;
    }
    Promise.all([connection(0), connection(1)]).then((xs) => parentPort.postMessage(xs.flat()));
  `;
  const worker = new Worker(code, { eval: true, workerData: { url, origin, until, files: files.map((f) => ({ name: f.name, type: f.type, body: new Uint8Array(f.body) })) } });
  return new Promise((resolve, reject) => {
    worker.once("message", (answers: (Timed & { name: string })[]) => {
      resolve(answers);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}

function line(label: string, xs: Timed[]): string {
  const ms = xs.map((x) => x.ms);
  const bad = xs.filter((x) => x.status !== 200).length;
  return `${label.padEnd(34)} n=${String(xs.length).padStart(4)}  p50 ${percentile(ms, 50).toFixed(0).padStart(5)} ms  p95 ${percentile(ms, 95).toFixed(0).padStart(5)} ms  max ${percentile(ms, 100).toFixed(0).padStart(5)} ms  non-200 ${bad}`;
}

function hostileSummary(hostile: Phase["hostile"]): string {
  const byName = new Map<string, (Timed & { name: string })[]>();
  for (const h of hostile) byName.set(h.name, [...(byName.get(h.name) ?? []), h]);
  return [...byName]
    .map(([name, xs]) => {
      const statuses = [...new Set(xs.map((x) => x.status))].sort().join("/");
      return `  ${name.padEnd(24)} ×${String(xs.length).padStart(3)}  answered ${statuses}  max ${Math.max(...xs.map((x) => x.ms)).toFixed(0)} ms`;
    })
    .join("\n");
}

async function scenario(label: string, env: Record<string, string>): Promise<boolean> {
  const server = await startNext({ NEXTAUTH_SECRET: "a-bench-secret-of-at-least-32-characters!", FORMATFIT_TRUSTED_PROXY_HOPS: "1", ...env });
  try {
    await phase(server, false).catch(() => undefined); // warm: workers started, routes compiled
    const quiet = await phase(server, false);
    const attacked = await phase(server, true);
    const alive = (await fetch(`${server.base}/`).catch(() => undefined))?.ok === true && server.child.exitCode === null;
    const p95 = (xs: Timed[]) => percentile(xs.map((x) => x.ms), 95);
    const ratio = p95(attacked.checks) / p95(quiet.checks);
    const pageMax = Math.max(...attacked.pages.map((p) => p.ms));
    const hostileMax = Math.max(0, ...attacked.hostile.map((h) => h.ms));
    console.log(`\n== ${label} (${SECONDS} s per phase; ${LEARNERS} learners checking with ${LEARNER_PAUSE_MS} ms between checks, page loads every 100 ms${attacked.hostile.length ? ", 2 attacker connections from one address, back to back" : ""})`);
    console.log(line("checks, no attack", quiet.checks));
    console.log(line("checks, under attack", attacked.checks));
    console.log(line("GET /, no attack", quiet.pages));
    console.log(line("GET /, under attack", attacked.pages));
    console.log(`hostile requests (${attacked.hostile.length}):\n${hostileSummary(attacked.hostile)}`);
    console.log(`server RSS (process tree), max: ${quiet.rssMaxMb.toFixed(0)} MB without, ${attacked.rssMaxMb.toFixed(0)} MB under attack`);
    const verdicts = [
      [`checks' p95 under attack ${ratio.toFixed(2)}× of without (goal ≤ 2×)`, ratio <= 2],
      [`GET / max under attack ${pageMax.toFixed(0)} ms (goal ≤ 1000 ms)`, pageMax <= 1000],
      [`hostile requests answered within ${hostileMax.toFixed(0)} ms (goal ≤ 10000 ms, none dropped)`, hostileMax <= 10_000 && attacked.hostile.every((h) => h.status !== 0)],
      [`ordinary checks all answered 200`, [...quiet.checks, ...attacked.checks].every((c) => c.status === 200)],
      [`server alive after the attack`, alive],
    ] as const;
    for (const [what, ok] of verdicts) console.log(`  ${ok ? "met " : "MISSED"}  ${what}`);
    return verdicts.every(([, ok]) => ok);
  } finally {
    server.stop();
  }
}

async function main(): Promise<void> {
  if (!hasBuild()) {
    console.log("bench:abuse needs a production build: run `npm run build` first.");
    process.exitCode = 1;
    return;
  }
  const sizes = hostileFiles().map((f) => `${f.name} ${(Buffer.byteLength(f.body) / 1024).toFixed(0)} KB`);
  console.log(`hostile files: ${sizes.join(", ")}`);
  const a = await scenario("default rate limits", {});
  const b = await scenario("rate limits off: the worker pool alone", { FORMATFIT_RATE_LIMITS: "off" });
  // For comparison, not a goal: without the heavy lane the attacker's checks run beside everyone's.
  if (args.includes("--compare")) await scenario("rate limits and heavy lane off (for comparison)", { FORMATFIT_RATE_LIMITS: "off", FORMATFIT_CHECK_HEAVY_WORKERS: "0" });
  if (!a || !b) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
