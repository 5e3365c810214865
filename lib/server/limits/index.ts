/**
 * Rate limits per client address and per owner on the requests that cost the server (checks, the
 * calendar listing) or write to the store (reports, share links, notes): issue 13 saw 300 report
 * saves in 12 s from one client. Counting uses rate-limiter-flexible: in memory on one server, or
 * in one PostgreSQL table when `DATABASE_URL` is set, so several app servers share the counts. If
 * PostgreSQL stops answering, each server falls back to counting in memory (rate-limiter-flexible's
 * insurance limiter) instead of failing the request.
 *
 * Entry points: {@link Limits.consume} (throws the app's rate-limit error with `Retry-After`
 * seconds), {@link serverLimits} (this process's limits from the configuration), and
 * {@link clientAddress} / {@link ownerLimitKey} for the keys.
 */
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { serverConfig } from "../config";
import { limitError } from "./errors";
import { LIMIT_KINDS, LIMIT_SCOPES, type LimitKind, type LimitRule, type LimitRules, type LimitScope } from "./rules";
import type { Owner } from "../../reports";

export { clientAddress } from "./address";
export { DEFAULT_LIMIT_RULES, LIMIT_KINDS, parseLimitRules, type LimitKind, type LimitRules, type LimitScope } from "./rules";
export { retryAfterHeaders } from "./errors";

/** Where the counts live. */
export type LimitStore =
  | { readonly kind: "memory" }
  | {
      readonly kind: "postgres";
      /** A pg pool (the limits use one or two of its connections). */
      readonly pool: pg.Pool;
      /** The table (created if missing); default `formatfit_rate_limits`. */
      readonly tableName?: string;
      /** Its schema, when not the search path's. */
      readonly schemaName?: string;
    };

export interface LimitsOptions {
  readonly rules: LimitRules | "off";
  readonly store: LimitStore;
}

/** Who a request is counted against: its client address, its owner, or both. */
export interface LimitKeys {
  readonly ip?: string | undefined;
  readonly owner?: string | undefined;
}

export const DEFAULT_LIMITS_TABLE = "formatfit_rate_limits";

/** What each kind of request is called in a message. */
const NOUN: Record<LimitKind, [string, string]> = {
  check: ["check", "checks"],
  calendars: ["calendar read", "calendar reads"],
  reports: ["report save", "report saves"],
  links: ["share-link change", "share-link changes"],
  notes: ["note", "notes"],
};

/**
 * The rate limits of one server (or of several sharing a PostgreSQL).
 *
 * @example
 * const limits = await Limits.create({ rules: DEFAULT_LIMIT_RULES, store: { kind: "memory" } });
 * await limits.consume("reports", { ip: clientAddress(request.headers.get("x-forwarded-for")), owner: ownerLimitKey(owner) });
 */
export class Limits {
  private readonly limiters: Map<string, RateLimiterAbstract>;
  private readonly rules: LimitRules | "off";

  private constructor(rules: LimitRules | "off", limiters: Map<string, RateLimiterAbstract>) {
    this.rules = rules;
    this.limiters = limiters;
  }

  /** Makes the limiters; with PostgreSQL, creates the table first (once, whoever starts first). */
  static async create(options: LimitsOptions): Promise<Limits> {
    const limiters = new Map<string, RateLimiterAbstract>();
    if (options.rules === "off") return new Limits("off", limiters);
    const store = options.store;
    if (store.kind === "postgres") await ensureTable(store.pool, store.tableName ?? DEFAULT_LIMITS_TABLE, store.schemaName);
    for (const kind of LIMIT_KINDS) {
      for (const scope of LIMIT_SCOPES) {
        const rule = options.rules[kind][scope];
        const common = { keyPrefix: `${kind}.${scope}`, points: rule.points, duration: rule.seconds };
        const memory = new RateLimiterMemory(common);
        limiters.set(
          `${kind}.${scope}`,
          store.kind === "memory"
            ? memory
            : new RateLimiterPostgres({
                ...common,
                storeClient: store.pool,
                storeType: "pool",
                tableName: store.tableName ?? DEFAULT_LIMITS_TABLE,
                ...(store.schemaName !== undefined ? { schemaName: store.schemaName } : {}),
                tableCreated: true,
                insuranceLimiter: memory,
              }),
        );
      }
    }
    return new Limits(options.rules, limiters);
  }

  /**
   * Counts one request of `kind` against each key given; throws the app's rate-limit error
   * (`detail.reason` RATE_LIMITED, `detail.retryAfterSeconds`) when a key is over its limit.
   * The address is counted first, so an owner is not charged for requests its address was refused.
   */
  async consume(kind: LimitKind, keys: LimitKeys): Promise<void> {
    if (this.rules === "off") return;
    for (const scope of LIMIT_SCOPES) {
      const key = keys[scope];
      if (key === undefined || key === "") continue;
      const limiter = this.limiters.get(`${kind}.${scope}`) as RateLimiterAbstract;
      try {
        await limiter.consume(key);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e; // the store failed and the insurance too: a bug, not a limit
        throw rateLimited(kind, scope, this.rules[kind][scope], e.msBeforeNext);
      }
    }
  }
}

function rateLimited(kind: LimitKind, scope: LimitScope, rule: LimitRule, msBeforeNext: number): Error {
  const retry = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const [, plural] = NOUN[kind];
  const who = scope === "ip" ? "from your network address" : "for your reports";
  const window = rule.seconds === 60 ? "a minute" : rule.seconds === 3600 ? "an hour" : `${rule.seconds} seconds`;
  return limitError("RATE_LIMITED", `Too many ${plural} ${who}: at most ${rule.points} in ${window}. Try again in ${retry} ${retry === 1 ? "second" : "seconds"}.`, {
    retryAfterSeconds: retry,
    limit: rule.points,
    windowSeconds: rule.seconds,
    scope,
  });
}

/**
 * Creates the counters' table if missing. Two servers starting at once would race inside
 * `create table if not exists` (a unique violation in pg_type), so the creation holds an advisory
 * lock.
 */
async function ensureTable(pool: pg.Pool, table: string, schema: string | undefined): Promise<void> {
  for (const name of [table, schema]) {
    if (name !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new TypeError(`Rate-limit table or schema ${JSON.stringify(name)} is not a plain identifier.`);
  }
  const qualified = schema ? `"${schema}"."${table}"` : `"${table}"`;
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("select pg_advisory_xact_lock(hashtext($1))", [`formatfit rate limits ${qualified}`]);
    // The columns rate-limiter-flexible's RateLimiterPostgres reads and writes.
    await client.query(`create table if not exists ${qualified} (key varchar(255) primary key, points integer not null default 0, expire bigint)`);
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/**
 * An owner as a rate-limit key: the user id, or a hash of an anonymous browser key (the key is a
 * secret that restores reports; it is never written to the counters' table).
 *
 * @example
 * ownerLimitKey({ kind: "user", userId: "u_1" }) // "user:u_1"
 */
export function ownerLimitKey(owner: Owner | null | undefined): string | undefined {
  if (!owner) return undefined;
  if (owner.kind === "user") return `user:${owner.userId}`;
  return `anon:${createHash("sha256").update(owner.key).digest("base64url").slice(0, 32)}`;
}

const GLOBAL_KEY = Symbol.for("formatfit.limits");
type Holder = { [GLOBAL_KEY]?: Promise<Limits> };

/**
 * This process's limits from the configuration: memory, or PostgreSQL with `DATABASE_URL` (a pool
 * of its own, two connections). Made once per process.
 *
 * @example
 * await (await serverLimits()).consume("check", { ip: clientAddress(request.headers.get("x-forwarded-for"), serverConfig().trustedProxyHops) });
 */
export function serverLimits(): Promise<Limits> {
  const holder = globalThis as Holder;
  const existing = holder[GLOBAL_KEY];
  if (existing) return existing;
  const config = serverConfig();
  const made = Limits.create({
    rules: config.rateLimits,
    store: config.databaseUrl && config.rateLimits !== "off" ? { kind: "postgres", pool: limitsPool(config.databaseUrl) } : { kind: "memory" },
  });
  holder[GLOBAL_KEY] = made;
  made.catch(() => {
    if (holder[GLOBAL_KEY] === made) delete holder[GLOBAL_KEY]; // try again on the next request
  });
  return made;
}

function limitsPool(databaseUrl: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 30_000 });
  pool.on("error", (e) => console.error("FormatFit: the rate-limit PostgreSQL connection failed:", e.message));
  return pool;
}
