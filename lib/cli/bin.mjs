#!/usr/bin/env node
/**
 * The `formatfit` command as installed: package.json's `bin` (`npx formatfit …`) and
 * `npm run -s formatfit -- …` both start here. It runs the built command,
 * node_modules/.cache/formatfit/cli.mjs (made by scripts/build-cli.mjs, which `npm install` and
 * `npm ci` run as the `prepare` step), in this same process. When the build is missing or older than any file it was built from (a fresh clone whose
 * install skipped scripts, an edited lib/ file), it builds first: about a second, once.
 *
 * Plain JavaScript so that Node runs it as it is; the command itself is lib/cli/main.ts.
 */
import { pathToFileURL } from "node:url";
import { CLI_BUNDLE, buildCli, isCliBuildFresh } from "../../scripts/build-cli.mjs";

if (!isCliBuildFresh()) {
  try {
    await buildCli({ quiet: true });
  } catch (e) {
    process.stderr.write(`formatfit: could not build the command (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); run npm install, then node scripts/build-cli.mjs\n`);
    process.exit(70);
  }
}
await import(pathToFileURL(CLI_BUNDLE).href);
