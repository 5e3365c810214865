/**
 * End-to-end harness: a real production server (`next start`) and the system Chromium driven by
 * playwright-core. Nothing here downloads a browser: Chromium comes from the OS (Debian `chromium`).
 *
 *   describeE2E("home page", () => {
 *     let server: E2EServer; let browser: Browser;
 *     beforeAll(async () => { server = await startServer(); browser = await launchBrowser(); });
 *     afterAll(async () => { await browser?.close(); await server?.stop(); });
 *     ...
 *   });
 *
 * Without Chromium the e2e files skip with a console message, except under CI=true, where they fail.
 */
import { randomBytes } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";

const require = createRequire(import.meta.url);

/** The repository root (tests/e2e/../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_REQUIRED_MESSAGE = "Chromium is required under CI=true: apt-get install -y chromium";

function isCI(): boolean {
  return process.env.CI === "true";
}

/** Where Chromium is looked for: env CHROMIUM_PATH when set (and then only there), else /usr/bin/chromium. */
export function chromiumCandidate(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

/** The Chromium executable to use, or undefined when there is none. */
export function findChromium(): string | undefined {
  const candidate = chromiumCandidate();
  return existsSync(candidate) ? candidate : undefined;
}

/**
 * Path of the system Chromium. Throws when there is none: under CI=true with the install hint
 * ({@link CHROMIUM_REQUIRED_MESSAGE}), otherwise with a message saying the e2e suite can't run.
 */
export function chromiumPath(): string {
  const found = findChromium();
  if (found) return found;
  if (isCI()) throw new Error(CHROMIUM_REQUIRED_MESSAGE);
  throw new Error(`No Chromium at ${chromiumCandidate()}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
}

let skipNoticeShown = false;

/**
 * `describe` for e2e files. Skips (with a console message) only when Chromium is absent and CI is
 * not "true"; under CI=true a missing Chromium throws while the file is collected, failing the run.
 */
export function describeE2E(name: string, fn: () => void): void {
  const found = findChromium();
  if (!found && isCI()) throw new Error(CHROMIUM_REQUIRED_MESSAGE);
  if (!found) {
    if (!skipNoticeShown) {
      skipNoticeShown = true;
      console.warn(
        `[e2e] SKIPPING end-to-end tests: no Chromium at ${chromiumCandidate()}. ` +
          "Install it (apt-get install -y chromium) or set CHROMIUM_PATH. Under CI=true this is a failure.",
      );
    }
    describe.skip(name, fn);
    return;
  }
  describe(name, fn);
}

/** A free TCP port on 127.0.0.1 (listen on port 0, read the port, close). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") {
        srv.close();
        reject(new Error("could not read the free port"));
        return;
      }
      const { port } = addr;
      srv.close((err) => (err ? reject(err) : resolvePort(port)));
    });
  });
}

const NEXT_BIN = join("node_modules", "next", "dist", "bin", "next");

/** One session secret for every server of a run (a test may set its own through `env`). */
const E2E_SECRET = randomBytes(32).toString("base64url");

/** Runs `next build` when `.next/BUILD_ID` is missing (a fresh checkout, or a cleaned tree). */
export function ensureBuild(): void {
  // The check worker (build/check-worker.cjs) is built by next build too: a build from before it
  // existed would leave the server refusing to start.
  if (existsSync(join(repoRoot, ".next", "BUILD_ID")) && existsSync(join(repoRoot, "build", "check-worker.cjs"))) return;
  console.log("[e2e] .next/BUILD_ID is missing: running `next build` first (this takes a minute or two)…");
  const started = Date.now();
  const res = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.error) throw res.error;
  if (res.status !== 0) throw new Error(`next build failed (exit ${res.status ?? res.signal})`);
  console.log(`[e2e] next build done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export interface E2EServer {
  /** e.g. "http://127.0.0.1:41234" (no trailing slash). */
  baseUrl: string;
  /** Kills the server's process group; resolves once it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

function tail(text: string, max = 4000): string {
  return text.length > max ? `…${text.slice(-max)}` : text;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own process group
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Starts the production server (`next start -p <free port> -H 127.0.0.1`, building first if needed)
 * and waits until `GET /` answers 200 (60 s at most; the error carries the server's output).
 * `env` adds to the server's environment (an OIDC issuer, a temporary SQLite file, advisors …); a
 * function gets the server's base URL first (for NEXTAUTH_URL).
 */
export async function startServer(options: { readyTimeoutMs?: number; env?: Record<string, string> | ((baseUrl: string) => Record<string, string>) } = {}): Promise<E2EServer> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  ensureBuild();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      // A production server refuses to start without a session secret (lib/server/config).
      NEXTAUTH_SECRET: E2E_SECRET,
      // Every request of the suite comes from 127.0.0.1: the limits have their own tests.
      FORMATFIT_RATE_LIMITS: "off",
      ...(typeof options.env === "function" ? options.env(baseUrl) : options.env),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((res) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      res();
    });
  });
  let spawnError: Error | undefined;
  child.once("error", (err) => (spawnError = err));

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return exitPromise;
    stopped = true;
    if (exited) return;
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exitPromise;
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyTimeoutMs;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (spawnError || exited) break;
    try {
      const res = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000), redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) return { baseUrl, stop };
      lastProblem = `GET / answered ${res.status}`;
    } catch (err) {
      lastProblem = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = spawnError
    ? `could not spawn: ${spawnError.message}`
    : exited
      ? `exited before answering (code ${exited.code}, signal ${exited.signal})`
      : `not ready within ${readyTimeoutMs / 1000} s (${lastProblem})`;
  await stop();
  throw new Error(
    `next start on ${baseUrl} ${why}.\n--- server stderr ---\n${tail(stderr) || "(empty)"}\n--- server stdout ---\n${tail(stdout) || "(empty)"}`,
  );
}

type ServerEnv = Record<string, string> | ((baseUrl: string) => Record<string, string>);

/**
 * {@link startServer} with its own store and section revisions in a temporary folder (removed by
 * `stop`), so no test writes into the repository's data/ or sees another file's reports.
 */
export async function startIsolatedServer(name: string, options: { readyTimeoutMs?: number; env?: ServerEnv } = {}): Promise<E2EServer> {
  const dir = mkdtempSync(join(tmpdir(), `formatfit-e2e-${name}-`));
  const own = { FORMATFIT_SQLITE_PATH: join(dir, "formatfit.sqlite"), FORMATFIT_REVISIONS_FILE: join(dir, "section-revisions.json") };
  const extra = options.env;
  let server: E2EServer;
  try {
    server = await startServer({ ...options, env: (baseUrl) => ({ ...own, ...(typeof extra === "function" ? extra(baseUrl) : extra) }) });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    baseUrl: server.baseUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What {@link useE2E} hands a test file. */
export interface E2EFixture {
  /** The server's base URL (once `beforeAll` has run). */
  base(): string;
  /** A page in a context of its own (closed after the file), with `timeoutMs` as its default wait. */
  newPage(options?: BrowserContextOptions, timeoutMs?: number): Promise<Page>;
}

/**
 * Registers `beforeAll` / `afterAll` in the current describe: an isolated server
 * ({@link startIsolatedServer}, its environment from `env`, called in `beforeAll` so it can use
 * what an earlier hook started) and the system Chromium; every context opened through the fixture
 * is closed afterwards, then the browser and the server.
 *
 *   const e2e = useE2E("form");
 *   test("…", async () => { const page = await e2e.newPage({ viewport: { width: 390, height: 844 } }); await page.goto(`${e2e.base()}/check`); });
 */
export function useE2E(name: string, options: { env?: () => ServerEnv } = {}): E2EFixture {
  let server: E2EServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startIsolatedServer(name, options.env ? { env: options.env() } : {});
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  return {
    base: () => {
      if (!server) throw new Error("the server did not start");
      return server.baseUrl;
    },
    newPage: async (contextOptions = {}, timeoutMs = 45_000) => {
      if (!browser) throw new Error("the browser did not start");
      const context = await browser.newContext(contextOptions);
      context.setDefaultTimeout(timeoutMs);
      contexts.push(context);
      return context.newPage();
    },
  };
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Launches the system Chromium (never a downloaded one). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core)

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending nodes (axe's `target`, flattened). */
  targets: string[];
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.0/2.1 A+AA and 2.2 AA rules) on the page and returns the violations whose
 * impact is "serious" or "critical". `label` names the page/state in the log line.
 */
export async function checkA11y(page: Page, label: string): Promise<A11yViolation[]> {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.addScriptTag({ content: axeSource });
  const all = await page.evaluate(async (tags: string[]) => {
    const axe = (window as unknown as { axe: typeof import("axe-core") }).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      helpUrl: v.helpUrl,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(" >>> ")),
    }));
  }, AXE_TAGS);
  const serious = all.filter((v) => v.impact === "serious" || v.impact === "critical");
  console.log(`[e2e] axe ${label}: ${all.length} violation(s), ${serious.length} serious/critical`);
  return serious;
}

/** A readable list: id (impact): help — first 3 targets. */
export function formatA11yViolations(violations: A11yViolation[]): string {
  return violations
    .map((v) => {
      const more = v.targets.length > 3 ? ` (+${v.targets.length - 3} more)` : "";
      return `  - ${v.id} (${v.impact}): ${v.help}\n      targets: ${v.targets.slice(0, 3).join(" | ")}${more}\n      ${v.helpUrl}`;
    })
    .join("\n");
}

/** Throws (failing the test) when there are violations, listing each id, help and first 3 targets. */
export function assertNoA11yViolations(violations: A11yViolation[], label: string): void {
  if (violations.length === 0) return;
  throw new Error(`axe found ${violations.length} serious/critical violation(s) on ${label}:\n${formatA11yViolations(violations)}`);
}

/** checkA11y + assertNoA11yViolations in one call. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  assertNoA11yViolations(await checkA11y(page, label), label);
}

// ---------------------------------------------------------------------------------------------
// Screenshots

export const screenshotDir = join(repoRoot, "test-results", "e2e");

/** Saves a full-page PNG to test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
