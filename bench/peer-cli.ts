/**
 * The ical.js + rrule + luxon pipeline (bench/peers/icaljs-rrule-luxon.ts) as a command, the
 * yardstick for `formatfit expand` as a whole process (bench/cli.ts, issue 12). bench/cli.ts bundles
 * it with esbuild as it bundles ours, so neither side pays for compiling TypeScript at start.
 *
 *   node bench/out/peer-cli.mjs FILE.ics FROM_MS TO_MS VIEWER_ZONE > occurrences.json
 *
 * It does what the usual script does: read the file, run the pipeline, sort by start then uid, and
 * print `{"occurrences":[{"uid","start","end","transparent"}…]}` with JSON.stringify (ISO-8601 UTC).
 */
import { readFileSync } from "node:fs";
import { run } from "./peers/icaljs-rrule-luxon";

const [file, fromText, toText, viewerZone] = process.argv.slice(2);
if (!file || !fromText || !toText || !viewerZone) {
  process.stderr.write("usage: peer-cli FILE.ics FROM_MS TO_MS VIEWER_ZONE\n");
  process.exit(2);
}
const result = run(readFileSync(file), { from: new Date(Number(fromText)), to: new Date(Number(toText)) }, viewerZone);
const iso = (ms: number): string => new Date(ms).toISOString().replace(".000Z", "Z");
const occurrences = [...result.occurrences]
  .sort((a, b) => a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0))
  .map((o) => ({ uid: o.uid, start: iso(o.start), end: iso(o.end), transparent: o.transparent }));
process.stdout.write(`${JSON.stringify({ occurrences }, null, 2)}\n`);
