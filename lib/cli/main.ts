/**
 * The `formatfit` command: `npm run -s formatfit -- <command> …`. Exit 0 on success (warnings on
 * stderr), 1 with a one-line error on stderr on bad input, 2 on bad usage. Never a stack trace.
 */
import { readFileSync } from "node:fs";
import { registerExport } from "./export";
import { registerCheck } from "./check";
import { runCli } from "./run";

// The clock is read here, at the edge, and passed in.
registerExport({ now: () => Date.now() });
registerCheck();

try {
  const result = runCli(process.argv.slice(2), { readFile: (p) => readFileSync(p), env: process.env });
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
} catch (e) {
  // A bug, not bad input: still one line, with a pointer to report it.
  process.stderr.write(`formatfit: internal error: ${e instanceof Error ? e.message : String(e)} (please report this with the input that caused it)\n`);
  process.exitCode = 70;
}
