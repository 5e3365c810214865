/**
 * lib/config and lib/startup: production refuses, in one line naming the variable, what would
 * otherwise fail later request by request (issue 13); development fills in a session secret.
 */
import { describe, expect, it } from "vitest";
import { checkStartup, ConfigError, loadConfig, MIN_SECRET_LENGTH } from "@/lib/server/config";
import { DEFAULT_LIMIT_RULES } from "@/lib/server/limits/rules";
import { prepareServer } from "@/lib/server/startup";

const SECRET = "s".repeat(MIN_SECRET_LENGTH);
const PROD = { NODE_ENV: "production", NEXTAUTH_SECRET: SECRET } as const;

function refusal(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const message = (e as Error).message;
    expect(message).not.toContain("\n");
    return message;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig in production", () => {
  it("refuses a missing NEXTAUTH_SECRET, saying how to make one", () => {
    expect(refusal({ NODE_ENV: "production" })).toBe(
      "NEXTAUTH_SECRET is not set. A production server needs a session secret of at least 32 characters (e.g. from `openssl rand -base64 32`); set it and start again.",
    );
    expect(refusal({ NODE_ENV: "production", NEXTAUTH_SECRET: "" })).toMatch(/^NEXTAUTH_SECRET is not set\./);
  });

  it("refuses a short NEXTAUTH_SECRET", () => {
    expect(refusal({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toBe("NEXTAUTH_SECRET is 5 characters; a production server needs at least 32 (e.g. from `openssl rand -base64 32`).");
  });

  it("refuses FORMATFIT_ALLOW_PRIVATE_TARGETS unless FORMATFIT_TEST_MODE=1", () => {
    expect(refusal({ ...PROD, FORMATFIT_ALLOW_PRIVATE_TARGETS: "127.0.0.1:8080" })).toMatch(
      /^FORMATFIT_ALLOW_PRIVATE_TARGETS is set on a production server; it lets calendar URLs reach private addresses and is for tests and development only\. Unset it \(a test server also sets FORMATFIT_TEST_MODE=1\)\.$/,
    );
    expect(loadConfig({ ...PROD, FORMATFIT_ALLOW_PRIVATE_TARGETS: "127.0.0.1:8080, [::1]:9000", FORMATFIT_TEST_MODE: "1" }).allowedPrivateTargets).toEqual(["127.0.0.1:8080", "[::1]:9000"]);
  });

  it("takes NEXTAUTH_SECRET as it is, and the defaults sized for a 2-core machine", () => {
    const config = loadConfig(PROD);
    expect(config).toMatchObject({ production: true, testMode: false, authSecret: SECRET, authSecretSource: "env", allowedPrivateTargets: [], rateLimits: DEFAULT_LIMIT_RULES, trustedProxyHops: 1, maxReportsPerOwner: 200 });
    expect(config.check).toMatchObject({ queue: 8, queueWaitMs: 15_000, deadlineMs: 20_000, maxHeapMb: 512, workerFile: undefined });
    expect(config.check.workers).toBeGreaterThanOrEqual(1);
    expect(config.check.workers).toBeLessThanOrEqual(4);
  });
});

describe("loadConfig anywhere", () => {
  it("refuses a malformed FORMATFIT_ALLOW_PRIVATE_TARGETS entry at start (not a 500 per URL)", () => {
    expect(refusal({ FORMATFIT_ALLOW_PRIVATE_TARGETS: "127.0.0.1:8080,localhost:9000" })).toBe(
      'FORMATFIT_ALLOW_PRIVATE_TARGETS: entry "localhost:9000" is not "address:port" (e.g. "127.0.0.1:8080" or "[::1]:8080").',
    );
    expect(refusal({ NODE_ENV: "development", FORMATFIT_ALLOW_PRIVATE_TARGETS: "[::1]" })).toMatch(/^FORMATFIT_ALLOW_PRIVATE_TARGETS: entry "\[::1\]" is not/);
  });

  it.each([
    ["FORMATFIT_CHECK_WORKERS", "0", /^FORMATFIT_CHECK_WORKERS is "0"; it must be a whole number from 1 to 64 \(default \d\)\.$/],
    ["FORMATFIT_CHECK_DEADLINE_MS", "10s", /^FORMATFIT_CHECK_DEADLINE_MS is "10s"; it must be a whole number from 100 to 600000 \(default 20000\)\.$/],
    ["FORMATFIT_CHECK_HEAP_MB", "-5", /^FORMATFIT_CHECK_HEAP_MB is "-5"/],
    ["FORMATFIT_REPORT_RETENTION_DAYS", "forever", /^FORMATFIT_REPORT_RETENTION_DAYS is "forever"/],
    ["FORMATFIT_TEST_MODE", "yes", /^FORMATFIT_TEST_MODE is "yes"; use 1 or leave it unset\.$/],
    ["FORMATFIT_RATE_LIMITS", "check=30", /^FORMATFIT_RATE_LIMITS: "check=30" is not kind\.scope=points\/seconds/],
  ])("refuses %s=%s naming it", (name, value, message) => {
    expect(refusal({ [name]: value })).toMatch(message);
  });

  it("reads the settings it is given", () => {
    const config = loadConfig({ FORMATFIT_CHECK_WORKERS: "3", FORMATFIT_CHECK_QUEUE: "0", FORMATFIT_CHECK_DEADLINE_MS: "5000", FORMATFIT_CHECK_HEAP_MB: "256", FORMATFIT_RATE_LIMITS: "reports.owner=5/3600", FORMATFIT_MAX_REPORTS_PER_OWNER: "50", FORMATFIT_TRUSTED_PROXY_HOPS: "2" });
    expect(config.check).toMatchObject({ workers: 3, queue: 0, deadlineMs: 5000, maxHeapMb: 256 });
    expect(config.rateLimits !== "off" && config.rateLimits.reports).toEqual({ ip: { points: 10, seconds: 60 }, owner: { points: 5, seconds: 3600 } });
    expect(config).toMatchObject({ maxReportsPerOwner: 50, trustedProxyHops: 2 });
    expect(loadConfig({ FORMATFIT_RATE_LIMITS: "off" }).rateLimits).toBe("off");
  });

  it("gives a web check an expansion budget below the library's (the CLI's), settable by its two totals", () => {
    expect(loadConfig({}).check.budget).toEqual({ maxStepsPerRule: 200_000, maxStepsPerSource: 600_000, maxSteps: 1_000_000, maxOccurrencesPerSource: 120_000, maxOccurrences: 200_000 });
    expect(loadConfig({ FORMATFIT_CHECK_MAX_STEPS: "500000", FORMATFIT_CHECK_MAX_OCCURRENCES: "50000" }).check.budget).toEqual({ maxStepsPerRule: 100_000, maxStepsPerSource: 300_000, maxSteps: 500_000, maxOccurrencesPerSource: 30_000, maxOccurrences: 50_000 });
    expect(() => loadConfig({ FORMATFIT_CHECK_MAX_STEPS: "lots" })).toThrow(/^FORMATFIT_CHECK_MAX_STEPS is "lots"; it must be a whole number from 10000 to 100000000 \(default 1000000\)\.$/);
  });
});

describe("loadConfig in development", () => {
  it("makes a session secret when NEXTAUTH_SECRET is missing", () => {
    const config = loadConfig({ NODE_ENV: "development" }, { randomSecret: () => "made-for-this-process" });
    expect(config).toMatchObject({ production: false, authSecret: "made-for-this-process", authSecretSource: "development" });
    const random = loadConfig({});
    expect(random.authSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadConfig({}).authSecret).not.toBe(random.authSecret);
  });

  it("allows FORMATFIT_ALLOW_PRIVATE_TARGETS without the test flag", () => {
    expect(loadConfig({ FORMATFIT_ALLOW_PRIVATE_TARGETS: "127.0.0.1:4000" }).allowedPrivateTargets).toEqual(["127.0.0.1:4000"]);
  });
});

describe("checkStartup and prepareServer", () => {
  it("turn a configuration mistake into the one line the server prints before it exits", () => {
    expect(checkStartup({ NODE_ENV: "production" })).toEqual({ ok: false, message: expect.stringMatching(/^FormatFit cannot start: NEXTAUTH_SECRET is not set\./) });
    expect(prepareServer({ NODE_ENV: "production", NEXTAUTH_SECRET: SECRET, FORMATFIT_CHECK_WORKER_FILE: "/nonexistent/check-worker.cjs" })).toEqual({
      ok: false,
      message: "FormatFit cannot start: FORMATFIT_CHECK_WORKER_FILE names /nonexistent/check-worker.cjs, which does not exist; build it with `node scripts/build-check-worker.cjs /nonexistent/check-worker.cjs` or unset it.",
    });
  });

  it("in development puts the made secret where next-auth reads it, and says so", () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: "development" };
    const prepared = prepareServer(env);
    expect(prepared.ok).toBe(true);
    expect(env.NEXTAUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(prepared.ok && prepared.notes[0]).toMatch(/^FormatFit: NEXTAUTH_SECRET is not set; using a development secret made for this process/);
    expect(prepared.ok && prepared.notes[1]).toMatch(/^FormatFit: checks run in \d worker threads? \(.*lib\/server\/isolation\/check-worker\.ts through tsx\), 20 s and 512 MB each, 8 waiting at most\.$/);
  });
});
