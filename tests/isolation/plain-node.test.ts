/**
 * The pool outside vitest and outside tsx, as `next start` runs it: a plain `node` process in
 * production mode, whose own code is bundled (as webpack bundles the route), starting workers on
 * `build/check-worker.cjs` built by scripts/build-check-worker.cjs in the app's directory.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, scratchDir } from "./helpers";

const require = createRequire(import.meta.url);

describe("the check pool in a production-like Node process", () => {
  it("finds build/check-worker.cjs, answers checks, stops the hostile one at its deadline (100 ms) and answers another meanwhile", () => {
    const app = scratchDir("app-");
    const { buildCheckWorker } = require("../../scripts/build-check-worker.cjs") as { buildCheckWorker: (o: { outFile: string }) => string };
    const worker = buildCheckWorker({ outFile: join(app, "build", "check-worker.cjs") });
    const esbuild = require("esbuild") as typeof import("esbuild");
    esbuild.buildSync({
      absWorkingDir: repoRoot,
      entryPoints: [join(repoRoot, "tests", "isolation", "fixtures", "plain-node-driver.ts")],
      outfile: join(app, "driver.cjs"),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      packages: "external",
      logLevel: "error",
    });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TZ: process.env.TZ,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "a-production-like-secret-of-40-characters!",
      FORMATFIT_CHECK_DEADLINE_MS: "3000",
      FORMATFIT_CHECK_WORKERS: "2",
      FORMATFIT_TEST_REPO: repoRoot,
    };
    const run = spawnSync(process.execPath, [join(app, "driver.cjs")], { cwd: app, env, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const steps = Object.fromEntries(
      run.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { step: string })
        .map((s) => [s.step, s]),
    ) as Record<string, Record<string, unknown>>;
    expect(steps.entry).toEqual({ step: "entry", kind: "bundle", path: worker, deadlineMs: 3000 });
    expect(steps.normal).toMatchObject({ ok: true, verdicts: ["fits", "fits", "fits"] });
    expect(steps.hostile).toMatchObject({ ok: false, code: "CHECK_TOO_SLOW" });
    expect(steps.hostile?.reason).toBe("CHECK_TOO_SLOW");
    expect(steps.during).toMatchObject({ ok: true });
    expect(Number(steps.during?.ms)).toBeLessThan(3000);
    expect(steps.after).toMatchObject({ ok: true });
    expect(steps.stats).toMatchObject({ busy: 0, queued: 0 });
  });

  it("refuses to start in production without NEXTAUTH_SECRET, in one line", () => {
    const app = scratchDir("app-");
    const esbuild = require("esbuild") as typeof import("esbuild");
    esbuild.buildSync({ absWorkingDir: repoRoot, entryPoints: [join(repoRoot, "tests", "isolation", "fixtures", "plain-node-driver.ts")], outfile: join(app, "driver.cjs"), bundle: true, platform: "node", target: "node20", format: "cjs", packages: "external", logLevel: "error" });
    const run = spawnSync(process.execPath, [join(app, "driver.cjs")], { cwd: app, env: { PATH: process.env.PATH, NODE_ENV: "production" }, encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(run.stdout).message).toMatch(/^FormatFit cannot start: NEXTAUTH_SECRET is not set\./);
  });
});
