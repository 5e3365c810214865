/**
 * A small pool of worker threads for CPU-heavy work that must not hold the request thread: each
 * task runs in a worker with a wall-clock deadline and a heap limit (`resourceLimits`); a task past
 * either is killed — the worker is terminated and a new one takes its place — and rejected with an
 * {@link IsolationError} naming the limit. The pool's size and its queue are bounded: when every
 * worker is busy and the queue is full, or a task waits too long for a worker, it is turned away
 * with a retry-after hint instead of piling up (issue 13: one upload of 160 `FREQ=MINUTELY` events
 * took the whole server's heap; ten blocked every other request for 16 s).
 *
 * Written on `node:worker_threads` directly rather than a pool library: the deadline must count
 * from the moment a worker starts the task (not from the queue), and a killed worker must reject
 * with which limit it hit; both are a few lines here.
 *
 * The worker file speaks a tiny protocol ({@link serveTasks} implements the worker's side):
 * the pool posts `{ id, input }`, the worker answers `{ id, ok: true, value }` or
 * `{ id, ok: false, error }` with the error as plain data ({@link SerializedError}).
 */
import { readlinkSync } from "node:fs";
import { constants, setPriority } from "node:os";
import { Worker } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";

export interface WorkerPoolOptions {
  /** The worker's entry: a `.js`/`.cjs`/`.mjs` file on disk, or with `eval`, the worker's code itself. */
  readonly file: string;
  /** `file` is code, not a path (a bootstrap that loads TypeScript through tsx in development). */
  readonly eval?: boolean;
  /** Node options for the worker (replaces the parent's). */
  readonly execArgv?: readonly string[];
  /** Workers at most (≥ 1). */
  readonly size: number;
  /** Tasks waiting for a worker at most (≥ 0); one more is refused with `queue-full`. */
  readonly maxQueue: number;
  /** Longest a task may wait for a worker, in ms. */
  readonly maxQueueWaitMs: number;
  /** Longest a task may run once a worker has it, in ms (a task may ask for less). */
  readonly deadlineMs: number;
  /** The worker's heap (V8 old generation), in MB. */
  readonly maxHeapMb: number;
  /** Passed to every worker as `workerData`. */
  readonly workerData?: unknown;
  /**
   * Tasks one client may have waiting at most (default: half the queue, at least 1); one more from
   * that client is refused with `queue-full` while others still get in.
   */
  readonly maxQueuedPerClient?: number;
  /**
   * Workers kept apart, at the lowest CPU priority, for clients whose tasks have lately cost a
   * lot: one that keeps sending costly calendars (an attacker, or a script) then runs on these and
   * its work yields the processor to everyone else's, instead of slowing every check on the
   * machine. Off when absent. {@link HeavyLane}.
   */
  readonly heavy?: HeavyLane;
  /** The clock for clients' recent cost, in ms (tests pass their own). */
  readonly now?: () => number;
}

/** The workers kept apart for costly clients, and what makes a client costly. */
export interface HeavyLane {
  /** Workers for costly clients' tasks (≥ 1), beside `size` for everyone else. */
  readonly size: number;
  /** A client is costly once its tasks' running time, decayed, reaches this many ms. */
  readonly afterMs: number;
  /** How fast past cost fades: it halves every this many ms. Default 30,000. */
  readonly halfLifeMs?: number;
  /**
   * The share of one processor the lane may use, 0–1 (default 0.15): after a task that ran r ms the
   * lane rests r × (1 / share − 1) ms before it starts the next. A costly task's work is more than
   * its own thread's (the garbage collector's helper threads, shared by the whole process, run at
   * the usual priority), so a lower priority alone does not keep it from slowing everyone else.
   */
  readonly share?: number;
  /**
   * A task on the usual lane still running after this many ms (default 100; an ordinary check
   * takes 30–50 ms) is moved to the lowest priority where it runs (its worker's priority goes back
   * up afterwards where the system allows): a costly client's first tasks, before its cost is
   * known, then slow no one for long.
   */
  readonly demoteAfterMs?: number;
}

/** The worker argument that asks a worker to lower its thread's CPU priority ({@link serveTasks}). */
export const LOW_PRIORITY_ARG = "--formatfit-low-priority";

/** How a task is run: a shorter deadline, and whose task it is (for a fair share of the workers). */
export interface RunOptions {
  readonly deadlineMs?: number;
  /** Who asked (a client address or an owner): a freed worker goes first to the client running the fewest tasks. */
  readonly client?: string;
}

/** Which limit stopped a task. */
export type IsolationReason = "deadline" | "heap" | "queue-full" | "queue-wait" | "crashed" | "closed";

/** A task that did not finish because of the pool's limits (not because the task itself threw). */
export class IsolationError extends Error {
  override readonly name = "IsolationError";
  readonly reason: IsolationReason;
  /** The limit that was reached: ms for `deadline` and `queue-wait`, MB for `heap`, tasks for `queue-full`. */
  readonly limit: number | undefined;
  /** For refusals (`queue-full`, `queue-wait`): when to try again, in seconds. */
  readonly retryAfterSeconds: number | undefined;
  constructor(reason: IsolationReason, message: string, options: { limit?: number; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.reason = reason;
    this.limit = options.limit;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** An error thrown by the task inside the worker, as plain data (it crossed a thread). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly where?: string;
  readonly line?: number;
  readonly detail?: Readonly<Record<string, string | number>>;
  readonly stack?: string;
}

/** The task threw inside the worker; {@link TaskError.remote} is what it threw. */
export class TaskError extends Error {
  override readonly name = "TaskError";
  readonly remote: SerializedError;
  constructor(remote: SerializedError) {
    super(remote.message);
    this.remote = remote;
  }
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError } | { hello: { tid: number } };

interface Job {
  readonly id: number;
  readonly input: unknown;
  readonly deadlineMs: number;
  readonly client: string | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  waitTimer?: ReturnType<typeof setTimeout>;
  runTimer?: ReturnType<typeof setTimeout>;
  demoteTimer?: ReturnType<typeof setTimeout>;
  /** When a worker took it (the pool's clock), for the client's recent cost. */
  startedAt?: number;
  /** It runs on the heavy lane. */
  low?: boolean;
}

interface Slot {
  readonly worker: Worker;
  /** One of the heavy lane's workers (lowest CPU priority). */
  low: boolean;
  /** The worker's thread id on the system (its first message says), to lower its priority from here. */
  tid?: number;
  /** Its priority was lowered while a task ran (raised again afterwards where the system allows). */
  demoted?: boolean;
  job: Job | undefined;
  /** Set once the pool has given up on this worker (terminated, crashed, or exited). */
  gone: boolean;
}

export interface PoolStats {
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  /** Workers started since the pool was made (a kill or a crash starts a replacement). */
  readonly started: number;
}

/**
 * A bounded pool of worker threads, each task with a deadline and a heap limit.
 *
 * @example
 * const pool = new WorkerPool<Task, Answer>({ file: "/srv/app/build/check-worker.cjs", size: 2, maxQueue: 8, maxQueueWaitMs: 15_000, deadlineMs: 10_000, maxHeapMb: 512 });
 * try {
 *   const answer = await pool.run(task);
 * } catch (e) {
 *   if (e instanceof IsolationError) console.warn(e.reason, e.limit); // "deadline", 10000
 * }
 */
export class WorkerPool<I, O> {
  private readonly options: WorkerPoolOptions;
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  /** Tasks running per client. */
  private readonly running = new Map<string, number>();
  /** Each client's recent cost: running time in ms, decayed to `at`. */
  private readonly cost = new Map<string, { ms: number; at: number }>();
  private readonly now: () => number;
  /** The heavy lane rests until then (the pool's clock), and the timer that ends the rest. */
  private restUntil = 0;
  /** When each client's task on the usual lane last started or ended (the pool's clock). */
  private readonly usualAt = new Map<string | undefined, number>();
  private summary: { total: number; clients: number; at: number } | undefined;
  private restTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  private started = 0;
  private closed = false;

  constructor(options: WorkerPoolOptions) {
    const share = options.heavy?.share ?? 0.15;
    const heavyOk = options.heavy === undefined || (options.heavy.size >= 1 && options.heavy.afterMs > 0 && (options.heavy.halfLifeMs ?? 1) > 0 && share > 0 && share <= 1);
    if (!(options.size >= 1) || !(options.maxQueue >= 0) || !(options.deadlineMs > 0) || !(options.maxHeapMb > 0) || !(options.maxQueueWaitMs >= 0) || !heavyOk) {
      throw new TypeError(
        `WorkerPool: size ≥ 1, maxQueue ≥ 0, deadlineMs > 0, maxHeapMb > 0, maxQueueWaitMs ≥ 0, heavy.size ≥ 1, heavy.afterMs > 0 and 0 < heavy.share ≤ 1 (got ${JSON.stringify({ ...options, workerData: undefined, now: undefined })}).`,
      );
    }
    this.options = options;
    this.now = options.now ?? (() => performance.now());
  }

  /**
   * Runs one task. Resolves with the worker's answer; rejects with {@link TaskError} when the task
   * threw, or {@link IsolationError} when a limit stopped it.
   */
  run(input: I, options: RunOptions = {}): Promise<O> {
    if (this.closed) return Promise.reject(new IsolationError("closed", "The worker pool is closed."));
    const deadlineMs = Math.min(options.deadlineMs ?? this.options.deadlineMs, this.options.deadlineMs);
    return new Promise<O>((resolve, reject) => {
      const job: Job = { id: this.nextId++, input, deadlineMs, client: options.client, resolve: resolve as (v: unknown) => void, reject };
      const heavy = this.isHeavy(job.client);
      const slot = (heavy && this.resting(job.client)) || (!heavy && this.atCap(job.client)) ? undefined : this.idleSlot(heavy);
      if (slot) {
        this.start(slot, job);
        return;
      }
      const perClient = this.options.maxQueuedPerClient ?? Math.max(1, Math.floor(this.options.maxQueue / 2));
      const mine = job.client === undefined ? 0 : this.queue.filter((j) => j.client === job.client).length;
      if (this.queue.length >= this.options.maxQueue || mine >= perClient) {
        reject(
          new IsolationError("queue-full", `All ${this.options.size} workers are busy and ${this.queue.length} tasks are waiting.`, {
            limit: this.options.maxQueue,
            retryAfterSeconds: this.retryAfter(),
          }),
        );
        return;
      }
      job.waitTimer = setTimeout(() => {
        const at = this.queue.indexOf(job);
        if (at < 0) return;
        this.queue.splice(at, 1);
        reject(new IsolationError("queue-wait", `The task waited ${this.options.maxQueueWaitMs} ms for a worker.`, { limit: this.options.maxQueueWaitMs, retryAfterSeconds: this.retryAfter() }));
      }, this.options.maxQueueWaitMs);
      this.queue.push(job);
    });
  }

  /** Starts every worker now, the heavy lane's too (the first tasks then do not wait for a worker to load). */
  warm(): void {
    const count = (low: boolean) => [...this.slots].filter((s) => s.low === low && !s.gone).length;
    while (!this.closed && count(false) < this.options.size) this.spawn(false);
    while (!this.closed && count(true) < (this.options.heavy?.size ?? 0)) this.spawn(true);
  }

  stats(): PoolStats {
    let busy = 0;
    for (const s of this.slots) if (s.job) busy++;
    return { workers: this.slots.size, busy, queued: this.queue.length, started: this.started };
  }

  /** The client's recent cost: its tasks' running time in ms, halving every `heavy.halfLifeMs`. */
  recentCost(client: string): number {
    const c = this.cost.get(client);
    if (!c) return 0;
    const halfLife = this.options.heavy?.halfLifeMs ?? 30_000;
    return c.ms * 2 ** (-(this.now() - c.at) / halfLife);
  }

  /**
   * Whether the client already runs as many tasks as it may: with two workers or more, all but one,
   * so that no client (an attacker's first calendars, before their cost is known) ever holds every
   * worker while others wait.
   */
  private atCap(client: string | undefined): boolean {
    if (client === undefined || this.options.size < 2) return false;
    return (this.running.get(client) ?? 0) >= this.options.size - 1;
  }

  /**
   * Whether the client's tasks go to the heavy lane: its recent cost has reached `heavy.afterMs`
   * and is at least three times that of the average other client lately seen. Many clients that
   * each keep the pool busy (a class checking at once) are all ordinary; one that costs far more
   * than the rest is not.
   */
  isHeavy(client: string | undefined): boolean {
    const heavy = this.options.heavy;
    if (heavy === undefined || client === undefined) return false;
    const mine = this.recentCost(client);
    if (mine < heavy.afterMs) return false;
    const { total, clients } = this.costSummary();
    const others = Math.max(0, total - mine) / Math.max(1, clients - 1);
    return mine >= 3 * others;
  }

  /** Every client's recent cost together, and how many clients have one (kept for a second, or until a cost is added). */
  private costSummary(): { total: number; clients: number } {
    const now = this.now();
    if (this.summary && now - this.summary.at < 1_000) return this.summary;
    let total = 0;
    let clients = 0;
    for (const c of this.cost.keys()) {
      const ms = this.recentCost(c);
      total += ms;
      if (ms >= 1) clients++;
    }
    this.summary = { total, clients, at: now };
    return this.summary;
  }

  /** Rejects waiting tasks, stops every worker (running tasks reject with `closed`). */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restTimer);
    for (const job of this.queue.splice(0)) {
      clearTimeout(job.waitTimer);
      job.reject(new IsolationError("closed", "The worker pool was closed."));
    }
    const stopping: Promise<number>[] = [];
    for (const slot of [...this.slots]) {
      const job = slot.job;
      this.retire(slot);
      if (job) job.reject(new IsolationError("closed", "The worker pool was closed while the task ran."));
      stopping.push(slot.worker.terminate());
    }
    await Promise.allSettled(stopping);
  }

  private retryAfter(): number {
    // A slot frees up within one deadline at most; the queue ahead drains size tasks per deadline.
    const rounds = Math.ceil((this.queue.length + 1) / this.options.size);
    return Math.max(1, Math.ceil((Math.min(rounds, 3) * this.options.deadlineMs) / 1000));
  }

  /** A free worker of the lane (the heavy one when `low`), started if the lane has room for one more. */
  private idleSlot(low = false): Slot | undefined {
    let count = 0;
    for (const s of this.slots) {
      if (s.low !== low || s.gone) continue;
      if (!s.job) return s;
      count++;
    }
    const size = low ? (this.options.heavy?.size ?? 0) : this.options.size;
    if (count < size && !this.closed) return this.spawn(low);
    return undefined;
  }

  private spawn(low = false): Slot {
    const heap = this.options.maxHeapMb;
    const worker = new Worker(this.options.file, {
      eval: this.options.eval ?? false,
      execArgv: [...(this.options.execArgv ?? [])],
      argv: low ? [LOW_PRIORITY_ARG] : [],
      workerData: this.options.workerData,
      resourceLimits: { maxOldGenerationSizeMb: heap, maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(heap / 8))), stackSizeMb: 4 },
    });
    this.started++;
    const slot: Slot = { worker, low, job: undefined, gone: false };
    this.slots.add(slot);
    worker.unref(); // an idle pool never keeps the process alive
    worker.on("message", (reply: Reply) => this.onReply(slot, reply));
    worker.on("error", (error: Error & { code?: string }) => {
      const job = slot.job;
      this.retire(slot);
      if (!job) return;
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        job.reject(new IsolationError("heap", `The task used more than the ${heap} MB heap limit.`, { limit: heap, cause: error }));
      } else {
        job.reject(new IsolationError("crashed", `The worker failed: ${error.message}`, { cause: error }));
      }
      this.drain();
    });
    worker.on("exit", (code) => {
      const job = slot.job;
      this.retire(slot);
      if (job) job.reject(new IsolationError("crashed", `The worker exited (code ${code}) before it answered.`));
      this.drain();
    });
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    clearTimeout(job.waitTimer);
    slot.job = job;
    job.startedAt = this.now();
    job.low = slot.low;
    if (!slot.low) this.sawUsual(job.client);
    const heavy = this.options.heavy;
    if (heavy && !slot.low && !slot.demoted && slot.tid !== undefined) {
      const tid = slot.tid;
      job.demoteTimer = setTimeout(() => {
        if (slot.job !== job) return;
        try {
          setPriority(tid, constants.priority.PRIORITY_LOW);
          slot.demoted = true;
        } catch {
          // The thread is gone (killed meanwhile): nothing to lower.
        }
      }, heavy.demoteAfterMs ?? 100);
    }
    if (job.client !== undefined) this.running.set(job.client, (this.running.get(job.client) ?? 0) + 1);
    slot.worker.ref();
    job.runTimer = setTimeout(() => {
      if (slot.job !== job) return;
      this.retire(slot);
      void slot.worker.terminate();
      job.reject(new IsolationError("deadline", `The task ran longer than ${job.deadlineMs} ms.`, { limit: job.deadlineMs }));
      this.drain();
    }, job.deadlineMs);
    try {
      slot.worker.postMessage({ id: job.id, input: job.input });
    } catch (cause) {
      // Not structured-clone friendly (a function, a class with private fields…): the caller's bug.
      this.finished(job);
      slot.job = undefined;
      clearTimeout(job.runTimer);
      slot.worker.unref();
      job.reject(new TypeError(`The task's input cannot be sent to a worker: ${(cause as Error).message}`, { cause }));
      this.drain();
    }
  }

  private onReply(slot: Slot, reply: Reply): void {
    if ("hello" in reply) {
      slot.tid = reply.hello.tid;
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(job.runTimer);
    clearTimeout(job.demoteTimer);
    this.finished(job);
    slot.job = undefined;
    slot.worker.unref();
    if (slot.demoted && !slot.low) this.afterDemotion(slot, job);
    if (reply.ok) job.resolve(reply.value);
    else job.reject(new TaskError(reply.error));
    this.drain();
  }

  /**
   * After a task that was lowered while it ran: the worker's priority goes back up where the system
   * allows it (root, CAP_SYS_NICE, or an RLIMIT_NICE of 20), else the worker joins the heavy lane if
   * it has room, else it stays, lowered, with the others. Never retired: a new worker takes a while
   * to load, and learners would wait for it (measured: p95 under attack 8× when they did).
   */
  private afterDemotion(slot: Slot, job: Job): void {
    if (job.startedAt !== undefined) this.rest(this.now() - job.startedAt);
    try {
      if (slot.tid !== undefined) setPriority(slot.tid, 0);
      slot.demoted = false;
      return;
    } catch {
      // Not allowed to raise a priority here.
    }
    let low = 0;
    for (const s of this.slots) if (s.low && !s.gone) low++;
    if (low < (this.options.heavy?.size ?? 0)) slot.low = true;
  }

  /** Takes the slot out of the pool (its worker is dead or being killed); the next task starts a new one. */
  private retire(slot: Slot): void {
    if (slot.job) {
      clearTimeout(slot.job.runTimer);
      clearTimeout(slot.job.demoteTimer);
    }
    this.finished(slot.job);
    slot.job = undefined;
    slot.gone = true;
    this.slots.delete(slot);
  }

  /** A task left its worker (answered, failed or killed): its client runs one fewer, and its cost is counted. */
  private finished(job: Job | undefined): void {
    if (job?.client === undefined) return;
    const n = (this.running.get(job.client) ?? 1) - 1;
    if (n > 0) this.running.set(job.client, n);
    else this.running.delete(job.client);
    if (this.options.heavy && job.startedAt !== undefined) this.addCost(job.client, this.now() - job.startedAt);
    if (job.low && job.startedAt !== undefined) this.rest(this.now() - job.startedAt);
    else this.sawUsual(job.client);
  }

  private sawUsual(client: string | undefined): void {
    const now = this.now();
    this.usualAt.set(client, now);
    if (this.usualAt.size > 1_000) for (const [c, at] of this.usualAt) if (now - at > 1_000) this.usualAt.delete(c);
  }

  /** Whether a client other than `client` used the usual lane within the last second. */
  private othersBusy(client: string | undefined): boolean {
    const now = this.now();
    for (const [c, at] of this.usualAt) if ((c !== client || c === undefined) && now - at <= 1_000) return true;
    return false;
  }

  /** After a heavy task that ran `ms`: the lane rests so that it uses at most its share of a processor. */
  private rest(ms: number): void {
    const share = this.options.heavy?.share ?? 0.15;
    this.restUntil = Math.max(this.restUntil, this.now() + ms * (1 / share - 1));
  }

  /**
   * Whether the heavy lane is resting; if so, a timer drains the queue when the rest ends. It rests
   * only while others use the pool (another client's task on the usual lane started or ended
   * within the last second): a costly client alone on the machine takes no one's time and is not
   * held back, not even by its own earlier checks.
   */
  private resting(client: string | undefined): boolean {
    const left = this.restUntil - this.now();
    if (left <= 0 || !this.othersBusy(client)) return false;
    if (this.restTimer === undefined && !this.closed) {
      this.restTimer = setTimeout(() => {
        this.restTimer = undefined;
        this.drain();
      }, Math.ceil(left));
    }
    return true;
  }

  private addCost(client: string, ms: number): void {
    const now = this.now();
    this.cost.set(client, { ms: this.recentCost(client) + ms, at: now });
    this.summary = undefined;
    // Forget clients whose cost has faded, so the map stays small however many addresses come.
    if (this.cost.size > 10_000) for (const c of [...this.cost.keys()]) if (this.recentCost(c) < 1) this.cost.delete(c);
  }

  /**
   * The next task of a lane for a freed worker: the longest-waiting task of the client running the
   * fewest (a task without a client counts as running none), so one client's burst cannot hold
   * every worker while others wait.
   */
  private nextJob(low: boolean): Job | undefined {
    let best = -1;
    let fewest = Infinity;
    this.queue.forEach((j, i) => {
      if (this.isHeavy(j.client) !== low || (!low && this.atCap(j.client))) return;
      const n = j.client === undefined ? 0 : (this.running.get(j.client) ?? 0);
      if (n < fewest) [best, fewest] = [i, n];
    });
    return best < 0 ? undefined : this.queue.splice(best, 1)[0];
  }

  private drain(): void {
    for (const low of this.options.heavy ? [false, true] : [false]) {
      while (this.queue.length > 0 && !this.closed) {
        if (!this.queue.some((j) => this.isHeavy(j.client) === low && (low || !this.atCap(j.client)))) break;
        const job = this.nextJob(low) as Job;
        const slot = low && this.resting(job.client) ? undefined : this.idleSlot(low);
        if (!slot) {
          this.queue.unshift(job); // back in front: it goes first when a worker or the rest frees up
          break;
        }
        this.start(slot, job);
      }
    }
  }
}

/**
 * The worker's side of the protocol: answers each `{ id, input }` with `handle(input)`'s value, or
 * the error it threw as plain data. Call it once from the worker file.
 *
 * @example
 * // check-worker.ts
 * import { parentPort } from "node:worker_threads";
 * serveTasks(parentPort!, (task) => runCheckTask(task));
 */
export function serveTasks<I, O>(port: MessagePort, handle: (input: I) => O | Promise<O>): void {
  if (process.argv.includes(LOW_PRIORITY_ARG)) lowerThisThreadsPriority();
  const tid = thisThreadsId();
  if (tid !== undefined) port.postMessage({ hello: { tid } } satisfies Reply);
  port.on("message", async (message: { id: number; input: I }) => {
    let reply: Reply;
    try {
      reply = { id: message.id, ok: true, value: await handle(message.input) };
    } catch (e) {
      reply = { id: message.id, ok: false, error: serializeError(e) };
    }
    try {
      port.postMessage(reply);
    } catch (e) {
      port.postMessage({ id: message.id, ok: false, error: serializeError(e) } satisfies Reply);
    }
  });
}

/**
 * Gives the calling thread (a worker's) the lowest CPU priority, nice 19: on Linux a thread's own
 * id names it to setpriority(2), and /proc/thread-self names the thread. Where neither works
 * (another system) the worker keeps the usual priority: the heavy lane then only keeps costly
 * clients' tasks off the other workers. Returns whether the priority was lowered.
 */
export function lowerThisThreadsPriority(): boolean {
  const tid = thisThreadsId();
  if (tid === undefined) return false;
  try {
    setPriority(tid, constants.priority.PRIORITY_LOW);
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's id on the system (Linux), or undefined where /proc/thread-self does not exist. */
function thisThreadsId(): number | undefined {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** An error as data that crosses a thread: name, message, and an AppError's code, where, line and detail. */
export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: "Error", message: String(e) };
  const x = e as Error & { code?: unknown; where?: unknown; line?: unknown; detail?: unknown };
  return {
    name: x.name,
    message: x.message,
    ...(typeof x.code === "string" ? { code: x.code } : {}),
    ...(typeof x.where === "string" ? { where: x.where } : {}),
    ...(typeof x.line === "number" ? { line: x.line } : {}),
    ...(x.detail && typeof x.detail === "object" ? { detail: x.detail as Record<string, string | number> } : {}),
    ...(x.stack !== undefined ? { stack: x.stack } : {}),
  };
}
