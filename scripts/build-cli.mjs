/**
 * Builds the `formatfit` command: lib/cli/main.ts and everything it imports (luxon, rrule, zod, the
 * bundled catalog) bundled by esbuild into one file, node_modules/.cache/formatfit/cli.mjs, so the
 * command starts in plain Node without compiling TypeScript on every run. (A build product under
 * node_modules/.cache, as other tools keep theirs: git, ESLint, tsc and vitest all leave it alone,
 * and `npm ci` starts it afresh.)
 *
 *   node scripts/build-cli.mjs           build it (npm's `prepare` runs this on install)
 *   node scripts/build-cli.mjs --check   exit 1 unless the build is up to date with its sources
 *
 * Next to the bundle, cli.inputs.json lists the files it was built from with their modification
 * times: lib/cli/bin.mjs (the `formatfit` bin and `npm run formatfit`) rebuilds before running
 * whenever one of them changed since, so the command never runs stale code.
 *
 * Plain JavaScript (not TypeScript) because the launcher imports it without tsx.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CLI_ENTRY = join(ROOT, "lib/cli/main.ts");
export const CLI_BUILD_DIR = join(ROOT, "node_modules/.cache/formatfit");
export const CLI_BUNDLE = join(CLI_BUILD_DIR, "cli.mjs");
const CLI_INPUTS = join(CLI_BUILD_DIR, "cli.inputs.json");
/** Files that change the bundle without being part of it. */
const BUILD_INPUTS = ["scripts/build-cli.mjs", "package.json", "tsconfig.json"];

/**
 * Bundles one TypeScript entry point for Node into a single ES module (the benchmark's peer
 * commands use it too). Written to a temporary name and renamed, so a command started while
 * another process builds never reads half a file.
 *
 * @param {string} entry the entry point
 * @param {string} outfile the bundle to write
 * @param {{ quiet?: boolean }} [options] quiet: no esbuild warnings on stderr (a build before a run)
 * @returns {Promise<string[]>} the files the bundle was built from, relative to the repository root
 */
export async function bundle(entry, outfile, options = {}) {
  const { build, stop } = await import("esbuild");
  mkdirSync(dirname(outfile), { recursive: true });
  const tmp = `${outfile}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    absWorkingDir: ROOT,
    metafile: true,
    logLevel: options.quiet ? "silent" : "warning",
    legalComments: "none",
    // Smaller text for Node to parse at every start (about a third of the unminified size); names
    // are kept, so errors and classes read as in the source.
    minify: true,
    keepNames: true,
    // CommonJS dependencies bundled into an ES module still call require() for Node's built-ins.
    banner: { js: 'import { createRequire as __formatfitCreateRequire } from "node:module"; const require = __formatfitCreateRequire(import.meta.url);' },
  });
  renameSync(tmp, outfile);
  // esbuild answers from a service process; end it now rather than when Node exits.
  await stop();
  return Object.keys(result.metafile.inputs).filter((p) => !p.startsWith("<"));
}

/**
 * Builds the command and records what it was built from: each file's modification time, or null
 * for a file that changed while the build ran (the bundle may hold either version).
 *
 * @param {{ quiet?: boolean }} [options]
 * @returns {Promise<void>}
 */
export async function buildCli(options = {}) {
  const startedAt = Date.now();
  const inputs = await bundle(CLI_ENTRY, CLI_BUNDLE, options);
  const finishedAt = Date.now();
  const files = [...new Set([...inputs.map((p) => relative(ROOT, resolve(ROOT, p))), ...BUILD_INPUTS])].sort();
  /** @type {Record<string, number | null>} */
  const mtimes = {};
  for (const file of files) {
    const mtime = statSync(join(ROOT, file)).mtimeMs;
    mtimes[file] = mtime >= startedAt && mtime <= finishedAt ? null : mtime;
  }
  const tmp = `${CLI_INPUTS}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ builtAt: new Date(startedAt).toISOString(), inputs: mtimes }, null, 2)}\n`);
  renameSync(tmp, CLI_INPUTS);
}

/**
 * Whether the build exists and every file it was built from is still as it was then (same
 * modification time: an edit, or an older copy put back, both count as a change). A few hundred
 * `stat` calls: about a millisecond.
 *
 * @returns {boolean}
 */
export function isCliBuildFresh() {
  let record;
  try {
    statSync(CLI_BUNDLE);
    record = JSON.parse(readFileSync(CLI_INPUTS, "utf8"));
  } catch {
    return false;
  }
  const inputs = record?.inputs;
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return false;
  for (const [file, mtime] of Object.entries(inputs)) {
    if (typeof mtime !== "number") return false;
    try {
      if (statSync(join(ROOT, file)).mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (process.argv.includes("--check")) {
    const fresh = isCliBuildFresh();
    const where = relative(process.cwd(), CLI_BUNDLE) || CLI_BUNDLE;
    process.stdout.write(fresh ? `${where} is up to date\n` : `${where} is missing or older than its sources: run node scripts/build-cli.mjs\n`);
    process.exitCode = fresh ? 0 : 1;
  } else {
    const t0 = performance.now();
    await buildCli();
    process.stdout.write(`built ${relative(process.cwd(), CLI_BUNDLE) || CLI_BUNDLE} in ${Math.round(performance.now() - t0)} ms\n`);
  }
}
