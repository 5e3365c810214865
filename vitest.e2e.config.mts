import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// Same zone rule as vitest.config.mts: an unusual zone (UTC+05:45, no DST) unless the matrix sets one.
process.env.TZ = process.env.FORMATFIT_TEST_TZ ?? "Asia/Kathmandu";
// playwright-core never downloads a browser by itself; this makes sure nothing tries to.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";

/**
 * End-to-end suite: real `next start` production server + system Chromium (see tests/e2e/harness.ts).
 * Files run one after another (each starts its own server; no port or CPU contention on small CI boxes).
 */
export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    exclude: ["node_modules/**"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
    maxWorkers: 1,
    sequence: { concurrent: false },
    env: {
      TZ: process.env.FORMATFIT_TEST_TZ ?? "Asia/Kathmandu",
      NEXT_TELEMETRY_DISABLED: "1",
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    },
  },
});
