/**
 * The worker pool against real worker threads (tests/isolation/fixtures/test-worker.cjs): a task
 * past its deadline or its heap is killed and the worker replaced, the other workers keep answering
 * meanwhile, the queue is bounded and says when to retry, and a task's own error comes back as data.
 */
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { IsolationError, TaskError, WorkerPool, type WorkerPoolOptions } from "@/lib/server/isolation/pool";
import { Worker } from "node:worker_threads";
import { rejectionOf } from "../helpers/rejection";

const WORKER = fileURLToPath(new URL("./fixtures/test-worker.cjs", import.meta.url));

type Input = { kind: "echo"; value: unknown } | { kind: "spin"; ms: number } | { kind: "allocate" } | { kind: "throw"; message: string; code?: string } | { kind: "exit"; code: number } | { kind: "thread" } | { kind: "nice" } | { kind: "spin-nice"; ms: number };

const pools: WorkerPool<Input, unknown>[] = [];
function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<Input, unknown> {
  const p = new WorkerPool<Input, unknown>({ file: WORKER, size: 2, maxQueue: 4, maxQueueWaitMs: 10_000, deadlineMs: 5_000, maxHeapMb: 64, ...options });
  pools.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, Error);

describe("WorkerPool", () => {
  it("answers a task with the worker's value, structured-cloned (Uint8Array and nested objects intact)", async () => {
    const p = pool();
    const value = { bytes: new Uint8Array([0x42, 0x45, 0x47]), nested: { list: [1, "two", null], when: "2027-01-12T23:30:00Z" } };
    expect(await p.run({ kind: "echo", value })).toEqual(value);
  });

  it("kills a task past its deadline with IsolationError('deadline') naming the limit, and replaces the worker", async () => {
    const p = pool({ deadlineMs: 300 });
    const started = Date.now();
    const err = await rejection(p.run({ kind: "spin", ms: -1 }));
    expect(err).toBeInstanceOf(IsolationError);
    expect((err as IsolationError).reason).toBe("deadline");
    expect((err as IsolationError).limit).toBe(300);
    expect(err.message).toBe("The task ran longer than 300 ms.");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(p.stats().workers).toBe(0); // the killed worker is gone
    expect(await p.run({ kind: "echo", value: "after" })).toBe("after");
    expect(p.stats().started).toBe(2);
  });

  it("honours a shorter per-task deadline, never a longer one", async () => {
    const p = pool({ deadlineMs: 400 });
    expect(((await rejection(p.run({ kind: "spin", ms: -1 }, { deadlineMs: 100 }))) as IsolationError).limit).toBe(100);
    expect(((await rejection(p.run({ kind: "spin", ms: -1 }, { deadlineMs: 60_000 }))) as IsolationError).limit).toBe(400);
  });

  it("keeps answering on the other worker while one spins (the request thread is never held)", async () => {
    const p = pool({ size: 2, deadlineMs: 2_000 });
    const hog = rejection(p.run({ kind: "spin", ms: -1 }));
    const started = Date.now();
    for (let i = 0; i < 5; i++) expect(await p.run({ kind: "echo", value: i })).toBe(i);
    expect(Date.now() - started).toBeLessThan(1_500);
    // And this thread's own timers run on time meanwhile.
    const tick = Date.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(Date.now() - tick).toBeLessThan(500);
    expect(((await hog) as IsolationError).reason).toBe("deadline");
  });

  it("kills a task past its heap limit with IsolationError('heap'), and the next task runs on a new worker", async () => {
    const p = pool({ size: 1, maxHeapMb: 48, deadlineMs: 20_000 });
    const before = await p.run({ kind: "thread" });
    const err = await rejection(p.run({ kind: "allocate" }));
    expect(err).toBeInstanceOf(IsolationError);
    expect((err as IsolationError).reason).toBe("heap");
    expect((err as IsolationError).limit).toBe(48);
    expect(err.message).toBe("The task used more than the 48 MB heap limit.");
    const after = await p.run({ kind: "thread" });
    expect(after).not.toBe(before);
  });

  it("refuses a task when every worker is busy and the queue is full, with a retry-after hint", async () => {
    const p = pool({ size: 1, maxQueue: 1, deadlineMs: 1_000 });
    const running = rejection(p.run({ kind: "spin", ms: -1 }));
    const queued = p.run({ kind: "echo", value: "queued" });
    const err = await rejection(p.run({ kind: "echo", value: "refused" }));
    expect(err).toBeInstanceOf(IsolationError);
    expect((err as IsolationError).reason).toBe("queue-full");
    expect((err as IsolationError).limit).toBe(1);
    expect((err as IsolationError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    // The queued task runs once the spinning one is killed.
    expect(((await running) as IsolationError).reason).toBe("deadline");
    expect(await queued).toBe("queued");
  });

  it("shares the workers fairly: a freed worker goes to the client running the fewest tasks, not to a burst that queued first", async () => {
    const p = pool({ size: 2, maxQueue: 8, deadlineMs: 5_000 });
    const order: string[] = [];
    const task = (client: string, tag: string, ms: number) => p.run({ kind: "spin", ms }, { client }).then(() => order.push(tag));
    // The attacker holds both workers and queues three more; then a learner asks.
    const attack = [1, 2, 3, 4, 5].map((n) => task("203.0.113.66", `attacker-${n}`, 300));
    const learner = task("198.51.100.10", "learner", 10);
    await Promise.all([...attack, learner]);
    // The learner is served by the first worker to free up, ahead of the attacker's queued tasks.
    expect(order.indexOf("learner")).toBeLessThanOrEqual(2);
  });

  it("never lets one client hold every worker: with two, its second task waits while another client's runs at once", async () => {
    const p = pool({ size: 2, maxQueue: 8, deadlineMs: 5_000 });
    const first = p.run({ kind: "spin", ms: 300 }, { client: "a" });
    const second = p.run({ kind: "thread" }, { client: "a" });
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    const started = Date.now();
    await p.run({ kind: "echo", value: "b" }, { client: "b" });
    expect(Date.now() - started).toBeLessThan(250);
    expect(p.stats().queued).toBe(1);
    await Promise.all([first, second]);
    // Without a client (or with one worker) nothing is held back.
    const single = pool({ size: 1, maxQueue: 8 });
    expect(await single.run({ kind: "echo", value: 1 }, { client: "a" })).toBe(1);
  });

  it("caps one client's waiting tasks (half the queue by default) while others still get in", async () => {
    const p = pool({ size: 1, maxQueue: 4, deadlineMs: 2_000 });
    const running = rejection(p.run({ kind: "spin", ms: -1 }, { client: "a" }));
    const queuedA = [p.run({ kind: "echo", value: 1 }, { client: "a" }), p.run({ kind: "echo", value: 2 }, { client: "a" })];
    const refused = await rejection(p.run({ kind: "echo", value: 3 }, { client: "a" }));
    expect((refused as IsolationError).reason).toBe("queue-full");
    const other = p.run({ kind: "echo", value: "b" }, { client: "b" });
    expect(p.stats()).toMatchObject({ busy: 1, queued: 3 });
    expect(((await running) as IsolationError).reason).toBe("deadline");
    expect(await other).toBe("b");
    expect(await Promise.all(queuedA)).toEqual([1, 2]);
  });

  it("runs a costly client's tasks on the heavy lane, at the lowest CPU priority, apart from everyone else's", async () => {
    const p = pool({ size: 2, deadlineMs: 5_000, heavy: { size: 1, afterMs: 250, share: 1 } }); // share 1: no rests here
    const attacker = "203.0.113.66";
    expect(await p.run({ kind: "nice" }, { client: attacker })).toBe(0);
    await p.run({ kind: "spin", ms: 300 }, { client: attacker });
    expect(p.recentCost(attacker)).toBeGreaterThanOrEqual(250);
    expect(p.isHeavy(attacker)).toBe(true);
    expect(await p.run({ kind: "nice" }, { client: attacker })).toBe(19);
    expect(await p.run({ kind: "nice" }, { client: "198.51.100.10" })).toBe(0);
    // The lane has one worker: the attacker's second task waits for it while a learner's runs at once.
    const first = p.run({ kind: "spin", ms: 400 }, { client: attacker });
    const second = p.run({ kind: "thread" }, { client: attacker });
    const started = Date.now();
    expect(await p.run({ kind: "nice" }, { client: "198.51.100.11" })).toBe(0);
    expect(Date.now() - started).toBeLessThan(300);
    expect(p.stats().queued).toBe(1);
    await Promise.all([first, second]);
    expect(p.stats().workers).toBe(2); // one for the learners (one at a time), one on the heavy lane
  });

  it("lets the heavy lane use only its share of a processor: after each task it rests in proportion to the task's running time", async () => {
    const p = pool({ size: 1, deadlineMs: 5_000, heavy: { size: 1, afterMs: 100, share: 0.5 } });
    const attacker = "203.0.113.66";
    await p.run({ kind: "spin", ms: 150 }, { client: attacker }); // on the usual lane; now costly
    expect(p.isHeavy(attacker)).toBe(true);
    await p.run({ kind: "spin", ms: 200 }, { client: attacker }); // the heavy lane: it then rests ≥ 200 ms
    const ended = Date.now();
    expect(await p.run({ kind: "nice" }, { client: "198.51.100.9" })).toBe(0); // someone else uses the pool
    expect(await p.run({ kind: "nice" }, { client: attacker })).toBe(19);
    expect(Date.now() - ended).toBeGreaterThanOrEqual(190);
    // Everyone else's tasks do not wait for the rest.
    await p.run({ kind: "spin", ms: 200 }, { client: attacker });
    const other = Date.now();
    expect(await p.run({ kind: "nice" }, { client: "198.51.100.10" })).toBe(0);
    expect(Date.now() - other).toBeLessThan(150);
  });

  it("keeps clients that cost alike on the usual lane, however busy: only one costing three times the others' average is costly", async () => {
    let now = 0;
    const p = pool({ size: 2, deadlineMs: 5_000, heavy: { size: 1, afterMs: 100, share: 1 }, now: () => now });
    const ran = async (client: string, ms: number) => {
      const r = p.run({ kind: "nice" }, { client });
      now += ms;
      return r;
    };
    for (const c of ["a", "b", "c"]) await ran(c, 200);
    expect(["a", "b", "c"].map((c) => p.isHeavy(c))).toEqual([false, false, false]);
    await ran("a", 1_000);
    expect(p.isHeavy("a")).toBe(true); // 1,200 ms against 200 for each of the others
    expect(await p.run({ kind: "nice" }, { client: "a" })).toBe(19);
    expect(await p.run({ kind: "nice" }, { client: "b" })).toBe(0);
  });

  it("holds the heavy lane back only while others use the pool", async () => {
    let now = 0;
    const p = pool({ size: 1, deadlineMs: 5_000, heavy: { size: 1, afterMs: 100, share: 0.01 }, now: () => now });
    const first = p.run({ kind: "nice" }, { client: "a" });
    now += 200; // it "ran" 200 ms on this clock, on the usual lane: the client is costly now
    expect(await first).toBe(0);
    const heavy = p.run({ kind: "nice" }, { client: "a" });
    now += 100;
    expect(await heavy).toBe(19); // the lane now rests 9.9 s on this clock
    expect(await p.run({ kind: "nice" }, { client: "a" }).then(() => "ran")).toBe("ran"); // its own earlier checks do not hold it back
    expect(await p.run({ kind: "nice" }, { client: "b" })).toBe(0); // a learner uses the pool
    const held = p.run({ kind: "nice" }, { client: "a" });
    expect(p.stats().queued).toBe(1); // held back while someone else is there
    now += 1_001; // no one else for over a second
    expect(await p.run({ kind: "nice" }, { client: "a" })).toBe(19); // runs at once
    void held.catch(() => undefined);
  });

  it("lowers a task still running on the usual lane after demoteAfterMs where it runs, and never starts a worker for it", async () => {
    const p = pool({ size: 1, deadlineMs: 5_000, heavy: { size: 1, afterMs: 10_000, share: 1, demoteAfterMs: 100 } });
    expect(await p.run({ kind: "nice" }, { client: "learner" })).toBe(0); // the worker is up and has said its thread id
    expect(await p.run({ kind: "spin-nice", ms: 300 }, { client: "attacker" })).toBe(19); // lowered 100 ms in
    expect(await p.run({ kind: "spin-nice", ms: 20 }, { client: "learner" })).toBe(0); // quick tasks are left alone
    const canRaise = process.getuid?.() === 0;
    // As root the worker's priority went back up; otherwise it took the heavy lane's place.
    expect(await p.run({ kind: "nice" }, { client: "learner" })).toBe(0);
    expect(p.stats().started).toBe(canRaise ? 1 : 2);
  });

  it("forgets a client's cost as it fades (halving every halfLifeMs), on the pool's clock", async () => {
    let now = 0;
    const p = pool({ size: 1, deadlineMs: 5_000, heavy: { size: 1, afterMs: 100, halfLifeMs: 1_000 }, now: () => now });
    const run = p.run({ kind: "nice" }, { client: "a" });
    now += 400; // the task "ran" 400 ms on this clock
    expect(await run).toBe(0);
    expect(p.recentCost("a")).toBe(400);
    expect(p.isHeavy("a")).toBe(true);
    now += 1_000;
    expect(p.recentCost("a")).toBe(200);
    now += 1_000;
    expect(p.isHeavy("a")).toBe(true); // 100 ms: at the threshold
    now += 1;
    expect(p.isHeavy("a")).toBe(false);
    expect(await p.run({ kind: "nice" }, { client: "a" })).toBe(0);
    expect(p.isHeavy(undefined)).toBe(false);
  });

  it("refuses a task that waited longer than maxQueueWaitMs for a worker", async () => {
    const p = pool({ size: 1, maxQueue: 4, maxQueueWaitMs: 200, deadlineMs: 2_000 });
    const running = rejection(p.run({ kind: "spin", ms: -1 }));
    const err = await rejection(p.run({ kind: "echo", value: "late" }));
    expect((err as IsolationError).reason).toBe("queue-wait");
    expect((err as IsolationError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(p.stats().queued).toBe(0);
    await running;
  });

  it("with maxQueue 0 refuses as soon as every worker is busy", async () => {
    const p = pool({ size: 1, maxQueue: 0, deadlineMs: 500 });
    const running = rejection(p.run({ kind: "spin", ms: -1 }));
    expect(((await rejection(p.run({ kind: "echo", value: 1 }))) as IsolationError).reason).toBe("queue-full");
    await running;
  });

  it("returns the task's own error as a TaskError with its data, and the worker stays up", async () => {
    const p = pool({ size: 1 });
    const thread = await p.run({ kind: "thread" });
    const err = await rejection(p.run({ kind: "throw", message: "Not iCalendar.", code: "CALENDAR_INVALID" }));
    expect(err).toBeInstanceOf(TaskError);
    expect((err as TaskError).remote).toMatchObject({ name: "AppError", message: "Not iCalendar.", code: "CALENDAR_INVALID", where: "calendar.ics", detail: { problem: "test" } });
    expect(await p.run({ kind: "thread" })).toBe(thread);
  });

  it("rejects a task whose worker exits without answering, and carries on", async () => {
    const p = pool({ size: 1 });
    const err = await rejection(p.run({ kind: "exit", code: 3 }));
    expect((err as IsolationError).reason).toBe("crashed");
    expect(err.message).toBe("The worker exited (code 3) before it answered.");
    expect(await p.run({ kind: "echo", value: "still here" })).toBe("still here");
  });

  it("refuses input that cannot cross to a thread (a function) without losing the worker", async () => {
    const p = pool({ size: 1 });
    const err = await rejection(p.run({ kind: "echo", value: () => 1 }));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toMatch(/^The task's input cannot be sent to a worker/);
    expect(await p.run({ kind: "echo", value: 2 })).toBe(2);
  });

  it("close() rejects queued and running tasks and later runs", async () => {
    const p = pool({ size: 1, maxQueue: 2, deadlineMs: 10_000 });
    const running = rejection(p.run({ kind: "spin", ms: -1 }));
    const queued = rejection(p.run({ kind: "echo", value: 1 }));
    await new Promise((r) => setTimeout(r, 50));
    await p.close();
    expect(((await running) as IsolationError).reason).toBe("closed");
    expect(((await queued) as IsolationError).reason).toBe("closed");
    expect(((await rejection(p.run({ kind: "echo", value: 1 }))) as IsolationError).reason).toBe("closed");
  });

  it("warm() starts the heavy lane's workers too", async () => {
    const p = pool({ size: 2, heavy: { size: 1, afterMs: 100 } });
    p.warm();
    expect(p.stats()).toMatchObject({ workers: 3, started: 3 });
  });

  it("warm() starts every worker before the first task", async () => {
    const p = pool({ size: 2 });
    p.warm();
    expect(p.stats()).toMatchObject({ workers: 2, busy: 0, started: 2 });
    const threads = new Set(await Promise.all([p.run({ kind: "thread" }), p.run({ kind: "thread" })]));
    expect(threads.size).toBe(2);
    expect(p.stats().started).toBe(2);
  });

  it("refuses nonsensical options", () => {
    expect(() => new WorkerPool({ file: WORKER, size: 0, maxQueue: 1, maxQueueWaitMs: 1, deadlineMs: 1, maxHeapMb: 64 })).toThrow(TypeError);
  });
});

describe("lowerThisThreadsPriority", () => {
  it("lowers only the calling thread's priority (a worker's), not the process's", async () => {
    const pool = fileURLToPath(new URL("../../lib/server/isolation/pool.ts", import.meta.url));
    const code = `
      require("tsx/cjs/api").register();
      const { parentPort } = require("node:worker_threads");
      const { readFileSync } = require("node:fs");
      const nice = (path) => { const s = readFileSync(path, "utf8"); return Number(s.slice(s.lastIndexOf(")") + 2).split(" ")[16]); };
      const before = nice("/proc/thread-self/stat");
      const lowered = require(${JSON.stringify(pool)}).lowerThisThreadsPriority();
      parentPort.postMessage({ before, lowered, after: nice("/proc/thread-self/stat"), process: nice("/proc/self/stat") });
    `;
    const worker = new Worker(code, { eval: true });
    const answer = await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    expect(answer).toEqual({ before: 0, lowered: true, after: 19, process: 0 });
  });
});
