/**
 * The `formatfit` command: `npx formatfit …` or `npm run -s formatfit -- <command> …`, which run
 * this file bundled (scripts/build-cli.mjs) through lib/cli/bin.mjs. Exit 0 on success (warnings
 * on stderr), 1 with a one-line error on stderr on bad input, 2 on bad usage. Never a stack trace.
 */
import { readFileSync } from "node:fs";
import { once } from "node:events";
import { runCliStream } from "./run";
import type { Chunk } from "./json";

/**
 * The commands beyond `expand`, loaded only when asked for: `expand` then starts without
 * evaluating the catalog, its zod schemas and the fit engine (the bundle keeps them as modules
 * evaluated on first import).
 */
const commandModules: Record<string, () => Promise<void>> = {
  // The clock is read here, at the edge, and passed in.
  export: async () => (await import("./export")).registerExport({ now: () => Date.now() }),
  check: async () => (await import("./check")).registerCheck(),
  plan: async () => (await import("./plan")).registerPlan(),
};

/**
 * Writes the chunks as they come, waiting whenever the stream asks (a slow pipe): memory stays
 * flat. A byte chunk's memory is written into again once the next chunk is asked for
 * (lib/cli/bytes.ts), so each is waited for until the stream has written it out.
 */
async function writeAll(stream: NodeJS.WriteStream, chunks: string | Iterable<Chunk>): Promise<void> {
  if (typeof chunks === "string") {
    if (chunks.length > 0 && !stream.write(chunks)) await once(stream, "drain");
    return;
  }
  for (const chunk of chunks) {
    if (typeof chunk !== "string") await new Promise<void>((resolve, reject) => stream.write(chunk, (e) => (e ? reject(e) : resolve())));
    else if (!stream.write(chunk)) await once(stream, "drain");
  }
}

// A reader that stopped early (`| head`) is not an error of ours: stop quietly. Any other failure
// to write (a full disk) is one line, like every error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") process.stderr.write(`formatfit: cannot write the output (${e.code ?? e.message})\n`);
  process.exit(e.code === "EPIPE" ? (process.exitCode ?? 0) : 74);
});

async function main(): Promise<void> {
  try {
    const name = process.argv[2];
    if (name !== undefined && Object.hasOwn(commandModules, name)) await commandModules[name]?.();
    const result = runCliStream(process.argv.slice(2), { readFile: (p) => readFileSync(p), env: process.env });
    await writeAll(process.stdout, result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.code;
  } catch (e) {
    // A bug, not bad input: still one line, with a pointer to report it.
    process.stderr.write(`formatfit: internal error: ${e instanceof Error ? e.message : String(e)} (please report this with the input that caused it)\n`);
    process.exitCode = 70;
  }
}

void main();
