import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

// An unusual zone (UTC+05:45, no DST) makes any code that forgets to name a zone fail loudly.
// scripts/test-tz-matrix.sh runs the suite again under DST zones with the clock pinned.
process.env.TZ = process.env.FORMATFIT_TEST_TZ ?? "Asia/Kathmandu";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    setupFiles: ["tests/setup/clock.ts"],
    testTimeout: 30000,
    // Route tests send hundreds of checks from one address: the limits have their own tests.
    env: { TZ: process.env.FORMATFIT_TEST_TZ ?? "Asia/Kathmandu", FORMATFIT_RATE_LIMITS: "off" },
  },
});
