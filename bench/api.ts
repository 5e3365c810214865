/**
 * `npm run bench:api` — the web check's speed (issue 4's targets):
 *
 * 1. `POST /api/check` with the generated 10k-event calendar and the whole bundled catalog, in
 *    process (the route handler called with a Request) and over HTTP against `next start`:
 *    target under 1 s.
 * 2. 20 concurrent clients on loopback (autocannon) posting a learner's calendar for one course:
 *    no errors, p50/p95 reported.
 *
 * The HTTP parts need a production build (`npm run build`); without one they are skipped, said so.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { generateCalendar, seedFor } from "./generate";
import { POST } from "../app/api/check/route";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

function multipart(files: { name: string; body: string | Buffer }[], fields: [string, string][]): { body: Buffer; type: string } {
  const boundary = `----formatfit-bench-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="calendar"; filename="${f.name}"\r\nContent-Type: text/calendar\r\n\r\n`));
    parts.push(typeof f.body === "string" ? Buffer.from(f.body) : f.body);
    parts.push(Buffer.from("\r\n"));
  }
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? res(a.port) : rej(new Error("no port"))));
    });
  });
}

async function main(): Promise<void> {
  const ics10k = generateCalendar({ events: 10_000, seed: seedFor("10k") });
  const big = multipart([{ name: "cal-10k.ics", body: ics10k }], [["preferences", JSON.stringify({ timeZone: "America/New_York" })]]);
  const learner = multipart(
    [
      { name: "learner.ics", body: readFileSync(join(root, "tests/fixtures/ics/learner-spring-2027.ics")) },
      { name: "holidays.ics", body: readFileSync(join(root, "tests/fixtures/ics/real-world/google-us-public-holidays-allday-transparent.ics")) },
    ],
    [
      ["preferences", JSON.stringify({ timeZone: "America/New_York" })],
      ["course", "PM-101"],
      ["details", "true"],
    ],
  );
  console.log(`10k-event calendar: ${(Buffer.byteLength(ics10k) / 1024 / 1024).toFixed(1)} MB; whole bundled catalog (every section)`);

  // 1a. In process: the route handler itself.
  const times: number[] = [];
  let sections = 0;
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const res = await POST(new Request("http://bench/api/check", { method: "POST", headers: { "content-type": big.type }, body: new Uint8Array(big.body) }));
    const json = (await res.json()) as { sections?: unknown[]; error?: { message: string } };
    if (res.status !== 200) throw new Error(`in-process check failed: ${res.status} ${json.error?.message}`);
    sections = json.sections?.length ?? 0;
    if (i > 0) times.push(performance.now() - t0); // the first run warms the JIT and caches
  }
  console.log(`POST /api/check in process, 10k events × ${sections} sections: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; 5 runs after a warm-up) — target < 1000 ms`);

  if (!existsSync(join(root, ".next", "BUILD_ID"))) {
    console.log("HTTP measurements skipped: no production build (run `npm run build` first).");
    return;
  }
  const port = await freePort();
  const server = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
    stdio: "ignore",
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
      await new Promise((r) => setTimeout(r, 300));
    }
    // 1b. Over HTTP, one client.
    const httpTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/check`, { method: "POST", headers: { "content-type": big.type }, body: new Uint8Array(big.body) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP check failed: ${res.status}`);
      if (i > 0) httpTimes.push(performance.now() - t0);
    }
    console.log(`POST /api/check over HTTP (next start), 10k events × ${sections} sections: median ${median(httpTimes).toFixed(0)} ms (min ${Math.min(...httpTimes).toFixed(0)}, max ${Math.max(...httpTimes).toFixed(0)}) — target < 1000 ms`);

    // 2. 20 concurrent clients, a learner's calendars and one course with the page's details.
    // Every response time is recorded (autocannon's summary has p97.5 but no p95).
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: `${base}/api/check`, method: "POST", headers: { "content-type": learner.type }, body: learner.body, connections: 20, duration: 15 },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    times.sort((a, b) => a - b);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? NaN;
    const non2xx = result.non2xx + result.errors + result.timeouts;
    console.log(
      `autocannon, 20 connections × 15 s, learner calendars + PM-101 with details: ${result.requests.total} requests, ${non2xx} errors/non-2xx; latency p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms (${times.length} responses timed); ${result.requests.average} req/s`,
    );
    if (non2xx > 0) process.exitCode = 1;
  } finally {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
