/**
 * Checks off the request thread (issue 13, DESIGN.md: "CPU-heavy work for a web request runs off
 * the request thread, with a deadline and a budget"). The web check reads its inputs on the request
 * thread (form, fetched URLs, connected calendars) and hands the CPU-heavy rest to a worker of
 * {@link checkPool}: a check past its deadline or its heap is killed and answered with an error that
 * names the limit, and a full queue answers 503 with `Retry-After`; the server keeps answering
 * everyone else either way.
 *
 * Entry points: {@link runCheckIsolated} (POST /api/check, POST /api/reports) and
 * {@link inspectIsolated} (POST /api/calendars).
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { AppError } from "../../errors";
import { ConfigError, serverConfig, type CheckIsolationConfig } from "../config";
import { limitError } from "../limits/errors";
import type { SourceSummary } from "../../check/run";
import type { CalendarSource } from "../../sources/types";
import { IsolationError, TaskError, WorkerPool, type SerializedError } from "./pool";
import type { CheckTask, CheckTaskRequest, CheckTaskResult } from "../../check/task";
import type { CheckRunner } from "../../check/web";
import type { PlanTask, PlanTaskResult } from "../../plan/task";
import type { PlanRunner } from "../../plan/web";
import type { CheckResponse } from "../../check/run";

export type { CheckTaskRequest } from "../../check/task";

/** The built worker, relative to the app's directory (scripts/build-check-worker.cjs writes it). */
export const CHECK_WORKER_BUNDLE = join("build", "check-worker.cjs");
/** The worker's source, run through tsx in development and tests when present. */
export const CHECK_WORKER_SOURCE = join("lib", "server", "isolation", "check-worker.ts");

/** Where a worker's code comes from: the bundle (production), or the source through tsx. */
export interface CheckWorkerEntry {
  /** The bundle's path; for the source, a bootstrap (code) that registers tsx and requires it. */
  readonly file: string;
  readonly eval: boolean;
  readonly kind: "bundle" | "source";
  /** The file the worker runs (the bundle, or the TypeScript source). */
  readonly path: string;
}

/**
 * Finds the worker's file. Production runs the bundle only (`FORMATFIT_CHECK_WORKER_FILE`, or
 * `build/check-worker.cjs` under the app's directory), so a missing build stops the server at
 * start; development prefers the TypeScript source through tsx (always the code being edited), then
 * the bundle.
 *
 * @throws {ConfigError} naming the file that is missing and how to build it.
 * @example
 * checkWorkerEntry({ production: true, workerFile: undefined }, "/srv/formatfit").path // "/srv/formatfit/build/check-worker.cjs"
 */
export function checkWorkerEntry(options: { production: boolean; workerFile: string | undefined }, cwd: string = process.cwd()): CheckWorkerEntry {
  if (options.workerFile !== undefined) {
    const file = resolve(cwd, options.workerFile);
    if (!existsSync(file)) throw new ConfigError(`FORMATFIT_CHECK_WORKER_FILE names ${file}, which does not exist; build it with \`node scripts/build-check-worker.cjs ${options.workerFile}\` or unset it.`);
    return { file, eval: false, kind: "bundle", path: file };
  }
  const bundle = resolve(cwd, CHECK_WORKER_BUNDLE);
  if (!options.production) {
    const source = resolve(cwd, CHECK_WORKER_SOURCE);
    // Node 20 does not apply `--import tsx` to a worker's own entry, so a bootstrap registers tsx's
    // CommonJS hooks and then requires the TypeScript entry. The bootstrap resolves tsx itself
    // (from the working directory): resolved here, webpack would try to bundle tsx into the route.
    if (existsSync(source) && existsSync(join(cwd, "node_modules", "tsx", "package.json"))) {
      return { file: `require("tsx/cjs/api").register();\nrequire(${JSON.stringify(source)});\n`, eval: true, kind: "source", path: source };
    }
  }
  if (existsSync(bundle)) return { file: bundle, eval: false, kind: "bundle", path: bundle };
  throw new ConfigError(`The check worker is not built (${bundle} is missing): run \`npm run build\` (next build builds it) or \`node scripts/build-check-worker.cjs\`.`);
}

/** What the check workers run: a check (or a calendar inspection), or a term plan. */
export type ServerTask = CheckTask | PlanTask;
export type ServerTaskResult = CheckTaskResult | PlanTaskResult;

/** The pool of check workers. */
export type CheckPool = WorkerPool<ServerTask, ServerTaskResult>;

/**
 * A pool of check workers with these limits.
 *
 * @example
 * const pool = createCheckPool({ workers: 2, queue: 8, queueWaitMs: 15_000, deadlineMs: 10_000, maxHeapMb: 512 }, checkWorkerEntry({ production: false, workerFile: undefined }));
 */
type PoolLimits = Omit<CheckIsolationConfig, "workerFile" | "budget" | "heavyWorkers" | "heavyAfterMs"> & { readonly heavyWorkers?: number; readonly heavyAfterMs?: number };

export function createCheckPool(limits: PoolLimits, entry: CheckWorkerEntry): CheckPool {
  const heavyWorkers = limits.heavyWorkers ?? 0;
  return new WorkerPool<ServerTask, ServerTaskResult>({
    file: entry.file,
    eval: entry.eval,
    size: limits.workers,
    maxQueue: limits.queue,
    maxQueueWaitMs: limits.queueWaitMs,
    deadlineMs: limits.deadlineMs,
    maxHeapMb: limits.maxHeapMb,
    ...(heavyWorkers > 0 ? { heavy: { size: heavyWorkers, afterMs: limits.heavyAfterMs ?? 2_000 } } : {}),
  });
}

const GLOBAL_KEY = Symbol.for("formatfit.checkPool");
type Holder = { [GLOBAL_KEY]?: CheckPool };

/**
 * This process's pool, made on first use from the configuration (lib/config). Kept on
 * `globalThis`: a dev server that reloads this module must not start a second set of workers.
 *
 * @throws {ConfigError} when the worker file cannot be found.
 */
export function checkPool(): CheckPool {
  const holder = globalThis as Holder;
  const existing = holder[GLOBAL_KEY];
  if (existing) return existing;
  const config = serverConfig();
  const pool = createCheckPool(config.check, checkWorkerEntry({ production: config.production, workerFile: config.check.workerFile }));
  holder[GLOBAL_KEY] = pool;
  return pool;
}

/** One web check's inputs, already read: what {@link runCheckIsolated} takes. */
export interface IsolatedCheckInput extends CheckTaskRequest {
  /** `json` (the check's JSON) or `study-plan` (the plan as `.ics`). */
  readonly output: "json" | "study-plan";
  /** With `json`: add the page's details. */
  readonly details?: boolean;
  /** With `study-plan`: one section's plan. */
  readonly planSection?: string;
  /** The request's time (UTC ms), for the study plan's DTSTAMP. */
  readonly now: number;
}

/** The answer of a web check (the shape of lib/check/web's WebCheckAnswer). */
export type IsolatedCheckAnswer = { kind: "json"; body: CheckResponse } | { kind: "ics"; text: string; filename: string };

export interface IsolatedOptions {
  /** The pool to use (default {@link checkPool}). */
  readonly pool?: CheckPool;
  /** A shorter deadline for this check, in ms (never longer than the pool's). */
  readonly deadlineMs?: number;
  /** Who asked (the client's address): workers are shared fairly between clients. */
  readonly client?: string;
}

/**
 * Runs a web check in a worker: import, expansion and fit off the request thread, within the
 * pool's deadline and heap. Errors the check itself raises (an unknown section, a file that is not
 * iCalendar) come back as the same {@link AppError}s `runCheck` throws; a limit is an AppError
 * naming it (lib/limits/errors: CHECK_TOO_SLOW, CHECK_TOO_LARGE, BUSY with `retryAfterSeconds`).
 *
 * @example
 * const answer = await runCheckIsolated({ catalog, sources, preferences: form.preferences, sectionIds: form.sectionIds, courseIds: form.courseIds, together: form.together, output: form.output, details: form.details, now: Date.now() });
 * if (answer.kind === "json") return Response.json(answer.body);
 */
export async function runCheckIsolated(input: IsolatedCheckInput, options: IsolatedOptions = {}): Promise<IsolatedCheckAnswer> {
  const { output, details, planSection, now, ...request } = input;
  const task: CheckTask = {
    kind: "check",
    request,
    output: output === "study-plan" ? { kind: "study-plan", now, ...(planSection !== undefined ? { planSection } : {}) } : { kind: "json", details: details ?? false },
  };
  const result = await runTask(task, options);
  if (result.kind === "ics") return { kind: "ics", text: result.text, filename: `study-plan${planSection ? `-${planSection}` : ""}.ics` };
  if (result.kind === "json") return { kind: "json", body: result.body };
  throw new AppError("INTERNAL", "The check worker answered a check with a list of calendars.");
}

/**
 * What each calendar holds (POST /api/calendars), read in a worker.
 *
 * @example
 * const sources = await inspectIsolated([{ name: "work.ics", origin: "upload", bytes }]);
 */
export async function inspectIsolated(sources: readonly CalendarSource[], options: IsolatedOptions = {}): Promise<SourceSummary[]> {
  if (sources.length === 0) throw new AppError("NO_CALENDAR", "Add at least one calendar: upload an .ics file or paste a calendar's .ics address.");
  const result = await runTask({ kind: "inspect", sources }, options);
  if (result.kind !== "sources") throw new AppError("INTERNAL", "The check worker answered a list of calendars with a check.");
  return result.sources;
}

/**
 * The web check's runner on this server: every check task in a worker of `pool` (by default
 * {@link checkPool}), its failures as AppErrors naming the limit that stopped it.
 *
 * @example
 * await webCheck(form, { catalog, now: Date.now(), runner: isolatedRunner() });
 */
export function isolatedRunner(pool?: CheckPool): CheckRunner {
  return { run: (task, options = {}) => runTask(task, { ...(pool ? { pool } : {}), ...(options.client !== undefined ? { client: options.client } : {}) }) };
}

/**
 * The term planner's runner on this server: each plan in a worker of `pool` (by default
 * {@link checkPool}), with the checks' deadline, heap and fair share.
 *
 * @example
 * await webPlan(form, { catalog, now: Date.now(), runner: isolatedPlanRunner() });
 */
export function isolatedPlanRunner(pool?: CheckPool): PlanRunner {
  return {
    run: async (task, options = {}) => {
      const result = await runTask(task, { ...(pool ? { pool } : {}), ...(options.client !== undefined ? { client: options.client } : {}) });
      if (result.kind !== "plan") throw new AppError("INTERNAL", "The check worker answered a plan with something else.");
      return result;
    },
  };
}

async function runTask(task: PlanTask, options: IsolatedOptions): Promise<ServerTaskResult>;
async function runTask(task: CheckTask, options: IsolatedOptions): Promise<CheckTaskResult>;
async function runTask(task: ServerTask, options: IsolatedOptions): Promise<ServerTaskResult> {
  const pool = options.pool ?? checkPool();
  try {
    return await pool.run(task, { ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}), ...(options.client !== undefined ? { client: options.client } : {}) });
  } catch (e) {
    throw isolatedAppError(e);
  }
}

/**
 * A worker's failure as the app's error: the AppError the check threw, rebuilt; or the limit that
 * stopped it.
 *
 * @example
 * isolatedAppError(new IsolationError("deadline", "…", { limit: 10_000 })).detail // { reason: "CHECK_TOO_SLOW", limitMs: 10000 }
 */
export function isolatedAppError(e: unknown): AppError {
  if (e instanceof TaskError) return remoteAppError(e.remote, e);
  if (!(e instanceof IsolationError)) return e instanceof AppError ? e : new AppError("INTERNAL", "The check could not be run; please try again. Your calendar was not stored.", { cause: e });
  switch (e.reason) {
    case "deadline": {
      const seconds = formatSeconds(e.limit ?? 0);
      return limitError(
        "CHECK_TOO_SLOW",
        `This check took longer than ${seconds}, the most one check may take, and was stopped. A calendar probably holds events that repeat very often (every minute or hour) or for a very long time: export only this term, or leave that calendar out.`,
        { limitMs: e.limit ?? 0 },
        { cause: e },
      );
    }
    case "heap":
      return limitError(
        "CHECK_TOO_LARGE",
        `This check needed more than the ${e.limit ?? 0} MB of memory one check may use, and was stopped. A calendar probably holds events that repeat very often or a very large number of events: export only this term, or leave that calendar out.`,
        { limitMb: e.limit ?? 0 },
        { cause: e },
      );
    case "queue-full":
    case "queue-wait":
    case "closed": {
      const retry = e.retryAfterSeconds ?? 5;
      return limitError("BUSY", `FormatFit is checking too many calendars right now. Try again in ${retry} ${retry === 1 ? "second" : "seconds"}; nothing was stored.`, { retryAfterSeconds: retry }, { cause: e });
    }
    case "crashed":
      return new AppError("INTERNAL", "The check stopped unexpectedly; please try again. Your calendar was not stored.", { cause: e });
  }
}

function remoteAppError(remote: SerializedError, cause: TaskError): AppError {
  if (remote.name === "AppError" && remote.code !== undefined) {
    return new AppError(remote.code as AppError["code"], remote.message, {
      ...(remote.where !== undefined ? { where: remote.where } : {}),
      ...(remote.line !== undefined ? { line: remote.line } : {}),
      ...(remote.detail !== undefined ? { detail: remote.detail } : {}),
      cause,
    });
  }
  if (remote.name === "RangeError" && /call stack/i.test(remote.message)) {
    // A parser that recursed once per nesting level: the ics engine limits depth; this is the net under it.
    return limitError("CHECK_TOO_LARGE", "A calendar is nested too deeply to read (components inside components, thousands of levels). Export it again from your calendar app, or leave it out.", { limit: "nesting" }, { cause });
  }
  return new AppError("INTERNAL", "Something went wrong on our side while checking; please try again. Your calendar was not stored.", { cause });
}

function formatSeconds(ms: number): string {
  const s = ms >= 10_000 ? Math.round(ms / 1000) : Number((ms / 1000).toFixed(1));
  return `${s} ${s === 1 ? "second" : "seconds"}`;
}
