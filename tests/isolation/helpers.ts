/**
 * Shared pieces of the isolation tests: the check worker built the way `next build` builds it
 * (scripts/build-check-worker.cjs), into a folder of its own under node_modules/.cache so the
 * bundle's `require("luxon")` finds the app's node_modules; and the hostile calendar of issue 13.
 */
import { createRequire } from "node:module";
import { afterAll } from "vitest";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileSource } from "@/lib/sources/types";
import { realWorldSource } from "./fixtures/calendars";

const require = createRequire(import.meta.url);
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

const scratch: string[] = [];
// Registered at the top of every test file that imports this module: its folders go after its tests.
afterAll(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A new folder under node_modules/.cache/formatfit-tests (inside the app, so code built there
 * finds the app's node_modules), removed after the test file.
 */
export function scratchDir(prefix: string): string {
  const base = join(repoRoot, "node_modules", ".cache", "formatfit-tests");
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, prefix));
  scratch.push(dir);
  return dir;
}

/** Builds the check worker into a fresh folder; returns the file. */
export function buildWorkerForTest(): string {
  const { buildCheckWorker } = require("../../scripts/build-check-worker.cjs") as { buildCheckWorker: (o: { outFile: string }) => string };
  return buildCheckWorker({ outFile: join(scratchDir("worker-"), "check-worker.cjs") });
}

export { minutelyCalendar } from "./fixtures/calendars";

/** A real-world export from tests/fixtures as an uploaded source. */
export function fixtureSource(name: string): FileSource {
  return realWorldSource(name, repoRoot);
}
