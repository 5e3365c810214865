/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The calendar engine reads bundled data files (CLDR zone table) from node_modules at run time;
  // the database drivers are native or Node-only.
  serverExternalPackages: ["cldr-core", "better-sqlite3", "pg"],
  // forbidden() / unauthorized(): advisor pages answer 403 / 401 from the page itself.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // No page of FormatFit may be framed by another site (clickjacking the report and connection
  // controls); route handlers with their own CSP (the share page) keep theirs as well.
  async headers() {
    return [
      {
        // Not /share/… and /reports/claim: they send a stricter CSP of their own, which this would replace.
        source: "/:path((?!share/|reports/claim).*)",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
        ],
      },
    ];
  },
};

/**
 * Checks run in worker threads (lib/server/isolation), which need their code as a file on disk rather than
 * inside webpack's bundle: `next build` and `next dev` build it into build/check-worker.cjs first
 * (scripts/build-check-worker.cjs). A build fails if it cannot; a dev server warns and goes on
 * (development runs the worker from its TypeScript source anyway).
 */
module.exports = (phase) => {
  // Next loads this file again in the build's child processes; they inherit the flag and skip.
  if ((phase === "phase-production-build" || phase === "phase-development-server") && process.env.FORMATFIT_CHECK_WORKER_BUILT !== "1") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS
    const { buildCheckWorker } = require("./scripts/build-check-worker.cjs");
    try {
      buildCheckWorker();
      process.env.FORMATFIT_CHECK_WORKER_BUILT = "1";
    } catch (e) {
      if (phase === "phase-production-build") throw e;
      console.warn(`FormatFit: could not build the check worker (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); development runs it from source.`);
    }
  }
  return nextConfig;
};
