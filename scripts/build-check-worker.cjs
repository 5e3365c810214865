/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS by necessity (see below) */
/**
 * Builds the check worker (lib/server/isolation/check-worker.ts) into one file on disk,
 * `build/check-worker.cjs`, that a worker thread can load under `next start`: route code is
 * bundled by webpack into `.next/`, but `new Worker(file)` needs a real file. Only FormatFit's own
 * code goes into the bundle; packages (luxon, rrule, zod…) stay in node_modules and are required
 * from there at run time.
 *
 * next.config.js calls it whenever Next loads its configuration for `next build` or `next dev`,
 * so `npm run build`, `npm run dev` and a bare `next build` (the e2e harness) all produce it.
 * By hand: `node scripts/build-check-worker.cjs [outFile]`.
 *
 * CommonJS and esbuild's synchronous API because next.config.js is CommonJS and synchronous.
 */
const { mkdirSync } = require("node:fs");
const { dirname, join, resolve } = require("node:path");

const ROOT = resolve(__dirname, "..");
const ENTRY = join("lib", "server", "isolation", "check-worker.ts");
const OUT_FILE = join("build", "check-worker.cjs");

/**
 * Bundles the worker; returns the file written.
 * @param {{ root?: string, outFile?: string }} [options]
 * @returns {string}
 */
function buildCheckWorker(options = {}) {
  const root = options.root ?? ROOT;
  const outfile = resolve(root, options.outFile ?? OUT_FILE);
  mkdirSync(dirname(outfile), { recursive: true });
  // Required here, not at the top: next.config.js is also loaded by `next start`, where the
  // worker is already built and esbuild (a devDependency) may not be installed.
  const esbuild = require("esbuild");
  esbuild.buildSync({
    absWorkingDir: root,
    entryPoints: [resolve(root, ENTRY)],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    tsconfig: resolve(root, "tsconfig.json"),
  });
  return outfile;
}

module.exports = { buildCheckWorker, OUT_FILE, ENTRY };

if (require.main === module) {
  const out = buildCheckWorker(process.argv[2] ? { outFile: process.argv[2] } : {});
  console.log(`Built the check worker: ${out}`);
}
