/**
 * The server's configuration, read from the environment once and checked as a whole: a mistake
 * stops the server at start with one line that says what to set, instead of a 500 on every
 * request that happens to need the value (issue 13: a missing NEXTAUTH_SECRET under `next start`
 * made `/api/auth/csrf` answer 500 on every page load; a malformed FORMATFIT_ALLOW_PRIVATE_TARGETS
 * entry made every URL import a 500).
 *
 * Production (`NODE_ENV=production`, which `next start` sets) insists on a real session secret and
 * refuses the development-only switches; development fills in what it can (a session secret made
 * for this process) so `npm run dev` runs with no configuration at all.
 */
import { randomBytes } from "node:crypto";
import { availableParallelism } from "node:os";
import { parseAllowedPrivateTargets } from "../sources/url";
import { parseLimitRules, type LimitRules } from "./limits/rules";

export type Env = Readonly<Record<string, string | undefined>>;

/** How checks run off the request thread (lib/server/isolation). */
export interface CheckIsolationConfig {
  /** Worker threads running checks at once. */
  readonly workers: number;
  /** Checks waiting for a worker before new ones are turned away (503 with Retry-After). */
  readonly queue: number;
  /** Longest a check may wait in the queue, in ms. */
  readonly queueWaitMs: number;
  /** Longest one check may run, in ms; past it the worker is killed. */
  readonly deadlineMs: number;
  /** Heap of one worker (V8 old generation), in MB; past it the worker is killed. */
  readonly maxHeapMb: number;
  /** The built worker file, when not the default (lib/server/isolation/check.ts). */
  readonly workerFile: string | undefined;
  /**
   * Workers kept apart, at the lowest CPU priority, for clients whose checks have lately cost a
   * lot (lib/server/isolation/pool.ts, HeavyLane); 0 turns the lane off.
   */
  readonly heavyWorkers: number;
  /** A client's checks go to that lane once their running time, halving every 30 s, reaches this many ms (default 1,000). */
  readonly heavyAfterMs: number;
  /**
   * The expansion budget of one web check (lib/recurrence/budget.ts): smaller than the library's
   * defaults, which the CLI keeps, because a web check shares the machine. A 10,000-event calendar
   * (7.9 MB, near the upload limit) takes about 194,000 steps and 46,000 occurrences over a term.
   */
  readonly budget: {
    readonly maxStepsPerRule: number;
    readonly maxStepsPerSource: number;
    readonly maxSteps: number;
    readonly maxOccurrencesPerSource: number;
    readonly maxOccurrences: number;
  };
}

export interface Config {
  /** `NODE_ENV === "production"`. */
  readonly production: boolean;
  /** `FORMATFIT_TEST_MODE=1`: a test server (allows FORMATFIT_ALLOW_PRIVATE_TARGETS in production). */
  readonly testMode: boolean;
  /** The session secret (NEXTAUTH_SECRET, or in development one made for this process). */
  readonly authSecret: string;
  readonly authSecretSource: "env" | "development";
  /** Validated `address:port` pairs the URL fetcher may reach although private (tests only). */
  readonly allowedPrivateTargets: readonly string[];
  readonly databaseUrl: string | undefined;
  readonly check: CheckIsolationConfig;
  /** Rate limits per kind and scope, or "off". */
  readonly rateLimits: LimitRules | "off";
  /** How many proxies in front of the app append to X-Forwarded-For (lib/server/limits/address.ts). */
  readonly trustedProxyHops: number;
  /** Reports one owner may keep at once. */
  readonly maxReportsPerOwner: number;
  readonly reportRetentionDays: number;
  readonly linkDays: number;
}

/** A configuration mistake. The message is one line naming the variable and what to do. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Shortest NEXTAUTH_SECRET accepted in production (`openssl rand -base64 32` gives 44). */
export const MIN_SECRET_LENGTH = 32;

/**
 * Reads and checks the configuration. Pure: the environment is passed in, and the development
 * secret is made by `options.randomSecret` (random bytes by default).
 *
 * @throws {ConfigError} with one line naming the variable.
 * @example
 * const config = loadConfig(process.env);
 * config.check.deadlineMs // 20000
 */
export function loadConfig(env: Env, options: { randomSecret?: () => string } = {}): Config {
  const production = env.NODE_ENV === "production";
  const testMode = flag(env, "FORMATFIT_TEST_MODE");

  let authSecret = env.NEXTAUTH_SECRET ?? "";
  let authSecretSource: Config["authSecretSource"] = "env";
  if (authSecret === "") {
    if (production) {
      throw new ConfigError(
        `NEXTAUTH_SECRET is not set. A production server needs a session secret of at least ${MIN_SECRET_LENGTH} characters (e.g. from \`openssl rand -base64 32\`); set it and start again.`,
      );
    }
    authSecret = (options.randomSecret ?? (() => randomBytes(32).toString("base64url")))();
    authSecretSource = "development";
  } else if (production && authSecret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`NEXTAUTH_SECRET is ${authSecret.length} characters; a production server needs at least ${MIN_SECRET_LENGTH} (e.g. from \`openssl rand -base64 32\`).`);
  }

  const allowRaw = (env.FORMATFIT_ALLOW_PRIVATE_TARGETS ?? "").trim();
  const allowedPrivateTargets = allowRaw === "" ? [] : allowRaw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  if (allowedPrivateTargets.length > 0 && production && !testMode) {
    throw new ConfigError(
      "FORMATFIT_ALLOW_PRIVATE_TARGETS is set on a production server; it lets calendar URLs reach private addresses and is for tests and development only. Unset it (a test server also sets FORMATFIT_TEST_MODE=1).",
    );
  }
  try {
    parseAllowedPrivateTargets(allowedPrivateTargets);
  } catch (e) {
    throw new ConfigError(`FORMATFIT_ALLOW_PRIVATE_TARGETS: ${(e as Error).message.replace(/^allowedPrivateTargets /, "")}`);
  }

  let rateLimits: Config["rateLimits"];
  try {
    rateLimits = parseLimitRules(env.FORMATFIT_RATE_LIMITS);
  } catch (e) {
    throw new ConfigError(`FORMATFIT_RATE_LIMITS: ${(e as Error).message}`);
  }

  const workerFile = (env.FORMATFIT_CHECK_WORKER_FILE ?? "").trim();
  return {
    production,
    testMode,
    authSecret,
    authSecretSource,
    allowedPrivateTargets,
    databaseUrl: env.DATABASE_URL || undefined,
    check: {
      // A 2-core machine: two workers (the request thread mostly waits on I/O meanwhile).
      workers: integer(env, "FORMATFIT_CHECK_WORKERS", Math.max(1, Math.min(availableParallelism(), 4)), 1, 64),
      queue: integer(env, "FORMATFIT_CHECK_QUEUE", 8, 0, 10_000),
      queueWaitMs: integer(env, "FORMATFIT_CHECK_QUEUE_WAIT_MS", 15_000, 0, 600_000),
      deadlineMs: integer(env, "FORMATFIT_CHECK_DEADLINE_MS", 20_000, 100, 600_000),
      maxHeapMb: integer(env, "FORMATFIT_CHECK_HEAP_MB", 512, 64, 65_536),
      workerFile: workerFile === "" ? undefined : workerFile,
      // An ordinary check costs 30–50 ms of worker time, a 10,000-event calendar about 0.35 s, a
      // runaway calendar stopped by its budget 0.2–0.9 s.
      heavyWorkers: integer(env, "FORMATFIT_CHECK_HEAVY_WORKERS", 1, 0, 64),
      heavyAfterMs: integer(env, "FORMATFIT_CHECK_HEAVY_AFTER_MS", 1_000, 1, 3_600_000),
      budget: checkBudget(integer(env, "FORMATFIT_CHECK_MAX_STEPS", 1_000_000, 10_000, 100_000_000), integer(env, "FORMATFIT_CHECK_MAX_OCCURRENCES", 200_000, 1_000, 10_000_000)),
    },
    rateLimits,
    trustedProxyHops: integer(env, "FORMATFIT_TRUSTED_PROXY_HOPS", 1, 0, 10),
    maxReportsPerOwner: integer(env, "FORMATFIT_MAX_REPORTS_PER_OWNER", 200, 1, 1_000_000),
    // Days may be fractional: a test server keeps reports for seconds (0.0003 days ≈ 26 s).
    reportRetentionDays: days(env, "FORMATFIT_REPORT_RETENTION_DAYS", 180, 36_500),
    linkDays: days(env, "FORMATFIT_LINK_DAYS", 30, 365),
  };
}

/** A check's budget from its two totals: one calendar may spend 60% of each, one rule a fifth of the steps (at most 200,000). */
function checkBudget(maxSteps: number, maxOccurrences: number): CheckIsolationConfig["budget"] {
  return {
    maxStepsPerRule: Math.min(200_000, Math.floor(maxSteps / 5)),
    maxStepsPerSource: Math.floor(maxSteps * 0.6),
    maxSteps,
    maxOccurrencesPerSource: Math.floor(maxOccurrences * 0.6),
    maxOccurrences,
  };
}

function flag(env: Env, name: string): boolean {
  const v = (env[name] ?? "").trim();
  if (v === "" || v === "0" || /^false$/i.test(v)) return false;
  if (v === "1" || /^true$/i.test(v)) return true;
  throw new ConfigError(`${name} is ${JSON.stringify(v)}; use 1 or leave it unset.`);
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = (env[name] ?? "").trim();
  if (raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(`${name} is ${JSON.stringify(raw)}; it must be a whole number from ${min} to ${max} (default ${fallback}).`);
  return n;
}

function days(env: Env, name: string, fallback: number, max: number): number {
  const raw = (env[name] ?? "").trim();
  if (raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !(n > 0) || n > max) throw new ConfigError(`${name} is ${JSON.stringify(raw)}; it must be a number of days above 0 and at most ${max} (default ${fallback}).`);
  return n;
}

let cached: { env: Env; config: Config } | undefined;

/**
 * This process's configuration, read from `process.env` on first use and kept (the development
 * secret must stay the same for the life of the process).
 *
 * @throws {ConfigError} when the environment is wrong (the server's start catches it first).
 * @example
 * serverConfig().allowedPrivateTargets // [] on a real server
 */
export function serverConfig(): Config {
  if (cached?.env !== process.env) cached = { env: process.env, config: loadConfig(process.env) };
  return cached.config;
}

/**
 * Checks the configuration at start: the one line to print and exit with, or the configuration and
 * the notes worth a line in the log (which sign-in providers, a development secret).
 *
 * @example
 * const started = checkStartup(process.env);
 * if (!started.ok) { console.error(started.message); process.exit(1); }
 */
export function checkStartup(env: Env): { ok: true; config: Config } | { ok: false; message: string } {
  try {
    return { ok: true, config: loadConfig(env) };
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, message: `FormatFit cannot start: ${e.message}` };
    throw e;
  }
}

/** Forgets the cached configuration (tests change process.env). */
export function resetServerConfig(): void {
  cached = undefined;
}
