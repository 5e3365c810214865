/**
 * Rate limits (lib/limits) in memory and in a real PostgreSQL: the n+1-th request in a window is
 * refused with the app's rate-limit error and Retry-After seconds; addresses and owners count
 * apart; two limiter instances (two app servers) on one PostgreSQL share the counts, also when
 * they consume at the same moment.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { clientAddress, DEFAULT_LIMIT_RULES, Limits, ownerLimitKey, parseLimitRules, retryAfterHeaders, type LimitRules } from "@/lib/server/limits";
import { adminQuery, PG_URL, storeKinds } from "../helpers/stores";
import { rejectionOf } from "../helpers/rejection";

/** Memory always; PostgreSQL when it answers (under CI=true it must). */
const STORES = (await storeKinds()).map((k) => (k === "sqlite" ? "memory" : "postgres"));

/** The defaults, with small numbers for reports so a test reaches them. */
const RULES: LimitRules = parseLimitRules("reports.ip=5/60,reports.owner=3/60,check.ip=2/1") as LimitRules;

const refused = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

function ip(): string {
  return `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
}

describe.each(STORES)("rate limits in %s", (kind) => {
  const schema = `rl_${randomBytes(6).toString("hex")}`;
  const pools: pg.Pool[] = [];
  const made = async (): Promise<Limits> => {
    if (kind === "memory") return Limits.create({ rules: RULES, store: { kind: "memory" } });
    const pool = new pg.Pool({ connectionString: PG_URL, max: 3 });
    pools.push(pool);
    return Limits.create({ rules: RULES, store: { kind: "postgres", pool, schemaName: schema } });
  };
  beforeAll(async () => {
    if (kind === "postgres") await adminQuery(PG_URL, `create schema ${schema}`);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    if (kind === "postgres") await adminQuery(PG_URL, `drop schema if exists ${schema} cascade`);
  });

  it("lets the limit through and refuses the next with RATE_LIMITED, Retry-After and the limit named", async () => {
    const limits = await made();
    const address = ip();
    for (let i = 0; i < 5; i++) await limits.consume("reports", { ip: address });
    const err = await refused(limits.consume("reports", { ip: address }));
    expect(err.detail).toMatchObject({ reason: "RATE_LIMITED", limit: 5, windowSeconds: 60, scope: "ip" });
    expect(err.message).toMatch(/^Too many report saves from your network address: at most 5 in a minute\. Try again in \d+ seconds?\.$/);
    const retry = Number(retryAfterHeaders(err)["retry-after"]);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(err.detail?.retryAfterSeconds).toBe(retry);
  });

  it("counts each address, each owner and each kind apart", async () => {
    const limits = await made();
    const [a, b] = [ip(), `203.0.113.${Math.floor(Math.random() * 250) + 1}`];
    const owner = ownerLimitKey({ kind: "user", userId: `u_${randomBytes(4).toString("hex")}` });
    for (let i = 0; i < 3; i++) await limits.consume("reports", { ip: a, owner });
    // The owner is at its 3, from any address.
    const err = await refused(limits.consume("reports", { ip: b, owner }));
    expect(err.detail).toMatchObject({ reason: "RATE_LIMITED", scope: "owner", limit: 3 });
    expect(err.message).toMatch(/^Too many report saves for your reports: at most 3 in a minute\./);
    // Another owner at the same address still gets through, and so does another kind.
    await limits.consume("reports", { ip: a, owner: ownerLimitKey({ kind: "anonymous", key: randomBytes(32).toString("base64url") }) });
    await limits.consume("links", { ip: a, owner });
  });

  it("starts counting again when the window has passed", async () => {
    const limits = await made();
    const address = ip();
    await limits.consume("check", { ip: address });
    await limits.consume("check", { ip: address });
    const err = await refused(limits.consume("check", { ip: address }));
    expect(err.detail?.retryAfterSeconds).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    await limits.consume("check", { ip: address });
  });

  it("ignores keys it was not given, and never limits with FORMATFIT_RATE_LIMITS=off", async () => {
    const limits = await made();
    for (let i = 0; i < 10; i++) await limits.consume("reports", {});
    const off = await Limits.create({ rules: "off", store: { kind: "memory" } });
    for (let i = 0; i < 50; i++) await off.consume("reports", { ip: "198.51.100.1", owner: "user:u" });
  });

  if (kind === "postgres") {
    it("shares the counts between two servers on one PostgreSQL", async () => {
      const [first, second] = [await made(), await made()];
      const address = ip();
      for (let i = 0; i < 3; i++) await first.consume("reports", { ip: address });
      await second.consume("reports", { ip: address });
      await first.consume("reports", { ip: address });
      expect((await refused(second.consume("reports", { ip: address }))).detail?.reason).toBe("RATE_LIMITED");
      expect((await refused(first.consume("reports", { ip: address }))).detail?.reason).toBe("RATE_LIMITED");
    });

    it("lets exactly the limit through when two servers consume at the same moment", async () => {
      const [first, second] = [await made(), await made()];
      const address = ip();
      const attempts = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).consume("reports", { ip: address }).then(() => "ok" as const, (e: unknown) => (e instanceof AppError ? "refused" : Promise.reject(e))));
      const outcomes = await Promise.all(attempts);
      expect(outcomes.filter((o) => o === "ok")).toHaveLength(5);
      expect(outcomes.filter((o) => o === "refused")).toHaveLength(15);
    });

    it("creates the table once when two servers start at the same moment", async () => {
      const fresh = `rl_${randomBytes(6).toString("hex")}`;
      await adminQuery(PG_URL, `create schema ${fresh}`);
      try {
        const pool = new pg.Pool({ connectionString: PG_URL, max: 4 });
        pools.push(pool);
        const [a, b] = await Promise.all([0, 1].map(() => Limits.create({ rules: DEFAULT_LIMIT_RULES, store: { kind: "postgres", pool, schemaName: fresh } })));
        await a?.consume("notes", { owner: "user:x" });
        await b?.consume("notes", { owner: "user:x" });
        const rows = await adminQuery(PG_URL, `select key, points from ${fresh}.formatfit_rate_limits`);
        expect(rows.rows).toEqual([{ key: "notes.owner:user:x", points: 2 }]);
      } finally {
        await adminQuery(PG_URL, `drop schema if exists ${fresh} cascade`);
      }
    });

    it("keeps counting in memory when PostgreSQL stops answering", async () => {
      const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
      const limits = await Limits.create({ rules: RULES, store: { kind: "postgres", pool, schemaName: schema } });
      await pool.end(); // every query fails from now on
      const address = ip();
      for (let i = 0; i < 5; i++) await limits.consume("reports", { ip: address });
      expect((await refused(limits.consume("reports", { ip: address }))).detail?.reason).toBe("RATE_LIMITED");
    });

    it("cannot be made without the database, and says why", async () => {
      const pool = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:1/none", max: 1, connectionTimeoutMillis: 500 });
      pool.on("error", () => undefined);
      pools.push(pool);
      await expect(Limits.create({ rules: RULES, store: { kind: "postgres", pool, schemaName: schema } })).rejects.toThrow(/ECONNREFUSED/);
    });
  }
});

describe("the keys", () => {
  it.each([
    ["203.0.113.9", 1, "203.0.113.9"],
    ["198.51.100.7, 203.0.113.9", 1, "203.0.113.9"],
    ["198.51.100.7, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"],
    ["203.0.113.9", 3, "203.0.113.9"],
    ["::ffff:203.0.113.9", 1, "203.0.113.9"],
    ["203.0.113.9:51234", 1, "203.0.113.9"],
    ["2001:db8:1:2:3:4:5:6", 1, "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:443", 1, "2001:db8:1:2::/64"],
    ["not-an-address", 1, "unknown"],
    [null, 1, "unknown"],
    ["", 1, "unknown"],
  ] as const)("X-Forwarded-For %j with %d trusted hops is %s", (header, hops, expected) => {
    expect(clientAddress(header, hops)).toBe(expected);
  });

  it("never writes an anonymous owner's key itself", () => {
    const key = randomBytes(32).toString("base64url");
    const limitKey = ownerLimitKey({ kind: "anonymous", key });
    expect(limitKey).toMatch(/^anon:[A-Za-z0-9_-]{32}$/);
    expect(limitKey).not.toContain(key.slice(0, 16));
    expect(ownerLimitKey({ kind: "user", userId: "u_1" })).toBe("user:u_1");
    expect(ownerLimitKey(null)).toBeUndefined();
  });

  it("parses FORMATFIT_RATE_LIMITS", () => {
    expect(parseLimitRules(undefined)).toBe(DEFAULT_LIMIT_RULES);
    expect(parseLimitRules(" OFF ")).toBe("off");
    expect(() => parseLimitRules("reports.everyone=1/60")).toThrow(/^"reports\.everyone=1\/60" is not kind\.scope=points\/seconds/);
    expect(() => parseLimitRules("reports.ip=0/60")).toThrow(TypeError);
  });
});
