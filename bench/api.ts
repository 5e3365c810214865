/**
 * `npm run bench:api` — the web check's speed (issue 4's targets):
 *
 * 1. `POST /api/check` with the generated 10k-event calendar and the whole bundled catalog, in
 *    process (the route handler called with a Request) and over HTTP against `next start`:
 *    target under 1 s.
 * 2. 20 concurrent clients on loopback (autocannon) posting a learner's calendar for one course:
 *    no errors, p50/p95/p99 reported (issue 13: p99 under 1 s with the worker pool).
 *
 * The HTTP parts need a production build (`npm run build`); without one they are skipped, said so.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { generateCalendar, seedFor } from "./generate";
import { hasBuild, median, multipart, percentile, root, startNext } from "./http";
import { POST } from "../app/api/check/route";

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

  if (!hasBuild()) {
    console.log("HTTP measurements skipped: no production build (run `npm run build` first).");
    return;
  }
  // Rate limits off: this measures the check, not the limiter. The pool's queue is sized for 20
  // clients at once (the default, 8, turns a burst of 20 away with 503 BUSY and Retry-After).
  const server = await startNext({ NEXTAUTH_SECRET: "a-bench-secret-of-at-least-32-characters!", FORMATFIT_RATE_LIMITS: "off", FORMATFIT_CHECK_QUEUE: "32" });
  const base = server.base;
  try {
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
    const statuses = new Map<number, number>();
    let clients = 0;
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${base}/api/check`,
          method: "POST",
          headers: { "content-type": learner.type },
          body: learner.body,
          connections: 20,
          duration: 15,
          // Twenty learners, each from an address of their own (as the proxy in front writes it).
          setupClient: (client: { setHeaders: (h: Record<string, string>) => void }) => client.setHeaders({ "content-type": learner.type, "x-forwarded-for": `198.51.100.${++clients}` }),
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      );
      instance.on("response", (_client, status, _bytes, responseTime) => {
        times.push(responseTime);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
    const pct = (p: number) => percentile(times, p);
    const non2xx = result.non2xx + result.errors + result.timeouts;
    console.log(
      `autocannon, 20 connections × 15 s, learner calendars + PM-101 with details: ${result.requests.total} requests, ${non2xx} errors/non-2xx; latency p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, max ${pct(100).toFixed(0)} ms (${times.length} responses timed); ${result.requests.average} req/s; statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}`,
    );
    if (non2xx > 0) process.exitCode = 1;
  } finally {
    server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
