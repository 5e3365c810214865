import { readFileSync } from "node:fs";
import { run } from "./pipelines/formatfit";
const bytes = readFileSync(process.argv[2]!);
const from = new Date(Date.UTC(2026, 8, 7)), to = new Date(from.getTime() + 16 * 7 * 86400000);
const t = performance.now();
run(bytes, { from, to }, "America/New_York");
process.stdout.write(`cold run ${(performance.now() - t).toFixed(0)} ms\n`);
