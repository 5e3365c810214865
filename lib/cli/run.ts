/**
 * The CLI's commands as a pure function of arguments and a file reader, so tests call it directly
 * and `main.ts` only wires it to the process. The JSON shapes are the contract in DESIGN.md.
 */
import { importIcs } from "../ics/import";
import type { CalendarEvent, ImportIssue } from "../calendar";
import { expandEventsToColumns, type Occurrence, type OccurrenceColumns } from "../recurrence/expand";
import { formatWallTime } from "../time/format";
import { isoUtc, parseInstant, InstantParseError } from "../time/parse";
import { ianaZone } from "../time/zone";
import { parseArgs, UsageError } from "./args";

import { JsonList, prettyJsonChunks, type Chunk } from "./json";
import type { ByteSink } from "./bytes";
import { plural } from "../words";
import type { Window } from "../time/window";

export interface CliIo {
  readonly readFile: (path: string) => Uint8Array;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A command's answer: standard output as one string, or as chunks made while they are printed (a
 * long JSON answer is never one string). `runCli` joins them; `main.ts` writes each as it comes.
 */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string | Iterable<Chunk>;
  readonly stderr: string;
}

/** Bad input: exit 1 with this one line. */
export class InputError extends Error {
  override readonly name = "InputError";
}

const USAGE = `Usage: npm run -s formatfit -- <command> …

Commands:
  expand FILE.ics… --from ISO --to ISO [--tz IANA] [--json]
      Every occurrence that overlaps [from, to). Dates and times without an offset are read in --tz
      (default UTC). Output: a table, or with --json {"occurrences":[…],"warnings":[…]}.
  check FILE.ics… [--catalog catalog.json] [--section ID…] [--together] [PREFERENCES] [--json]
      Which sections fit the calendar, with reasons. Without --catalog: FORMATFIT_CATALOG or the
      bundled catalog; without --section: every section. --together also judges the sections as one plan.
      PREFERENCES (docs/fit.md has each rule):
        --tz IANA             your time zone (default UTC)
        --buffer MIN          minutes kept free before and after every event (0–240, default 0)
        --late MIN            you can join a session up to MIN minutes late or leave that early (0–120, default 15)
        --sleep HH:MM-HH:MM   your sleep hours (default 23:00-06:00; "none" for no sleep hours)
        --watch-recordings    for live sessions in your sleep hours, you would watch the recordings
        --study-buffer MIN    minutes the study plan keeps from commitments (0–240, default 30)
        --owner EMAIL         your address, so invitations you declined do not count
  plan FILE.ics… --course ID… [--catalog catalog.json] [--require ID…] [--exclude ID…] [PREFERENCES] [--json]
      Every combination of one section per course (2 to 8 courses), judged together (clashes with
      the calendar and between the sections, the combined study load) and ranked best first.
      --require pins a section, --exclude drops one. Output: a table, or with --json
      {"considered":N,"plans":[…],"judged":N,"pruned":{…},"warnings":[…]} (docs/plan.md).
  export --section ID [--catalog catalog.json] [--sequence N]
      The section's sessions and deadlines as an .ics calendar on stdout.
`;

export interface CommandContext {
  readonly io: CliIo;
}

type Command = (argv: readonly string[], ctx: CommandContext) => CommandResult;

const commands = new Map<string, Command>([["expand", expandCommand]]);

/** Registers a command (later issues add `check` and `export`). */
export function registerCommand(name: string, run: Command): void {
  commands.set(name, run);
}

/**
 * Runs one CLI invocation, its output as strings (tests; a small answer).
 *
 * @example
 * runCli(["expand", "work.ics", "--from", "2027-01-11", "--to", "2027-05-01", "--tz", "America/New_York", "--json"], io)
 */
export function runCli(argv: readonly string[], io: CliIo): CliResult {
  const { code, stdout, stderr } = runCliStream(argv, io);
  return { code, stdout: typeof stdout === "string" ? stdout : chunksText(stdout), stderr };
}

/** The text of an answer's chunks, each read as it comes (a byte chunk's memory is used again for the next). */
export function chunksText(chunks: Iterable<Chunk>): string {
  const parts: string[] = [];
  for (const c of chunks) parts.push(typeof c === "string" ? c : Buffer.from(c.buffer, c.byteOffset, c.length).toString("utf8"));
  return parts.join("");
}

/**
 * Runs one CLI invocation, standard output as chunks to write as they come: the same bytes as
 * {@link runCli}'s `stdout`, never held whole. Errors in the input are found before the first chunk.
 *
 * @example
 * const result = runCliStream(process.argv.slice(2), io);
 * for (const chunk of result.stdout) process.stdout.write(chunk);   // lib/cli/main.ts
 */
export function runCliStream(argv: readonly string[], io: CliIo): CommandResult {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") return { code: name ? 0 : 2, stdout: name ? USAGE : "", stderr: name ? "" : USAGE };
  const cmd = commands.get(name);
  if (!cmd) return { code: 2, stdout: "", stderr: `formatfit: unknown command "${name}". Run with --help for the list.\n` };
  try {
    return cmd(rest, { io });
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, stdout: "", stderr: `formatfit ${name}: ${e.message} Run with --help for usage.\n` };
    if (e instanceof InputError || e instanceof InstantParseError) return { code: 1, stdout: "", stderr: `formatfit ${name}: ${oneLine(e.message)}\n` };
    throw e;
  }
}

/** `JSON.stringify(value, null, 2)` and a newline, as chunks: how every `--json` answer is printed. */
export function* jsonAnswer(value: unknown): Generator<Chunk> {
  yield* prettyJsonChunks(value);
  yield "\n";
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}

/** Reads one calendar file named on the command line, failing with one line that says why. */
export function readCalendarFile(file: string, io: CliIo): Uint8Array {
  try {
    return io.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `${file}: no such file.` : code === "EISDIR" ? `${file}: is a folder, not an .ics file.` : `${file}: cannot be read (${code ?? "error"}).`);
  }
}

/** Reads and imports files, failing with one line naming the file on a refusal. */
export function loadCalendars(files: readonly string[], io: CliIo, window?: Window): { events: CalendarEvent[]; warnings: (ImportIssue & { file: string })[] } {
  const events: CalendarEvent[] = [];
  const warnings: (ImportIssue & { file: string })[] = [];
  for (const file of files) {
    const bytes = readCalendarFile(file, io);
    const result = importIcs(bytes, { sourceName: file, ...(window ? { window } : {}) });
    if (!result.ok) {
      const first = result.issues[0];
      throw new InputError(`${file}${first?.line ? `:${first.line}` : ""}: ${first?.message ?? "not an iCalendar file."}`);
    }
    // Several files may reuse UIDs (two exports of one calendar): keep them apart.
    for (const ev of result.calendar.events) events.push(files.length > 1 ? { ...ev, uid: ev.uid } : ev);
    for (const issue of result.issues) warnings.push({ ...issue, file });
  }
  return { events, warnings };
}

function zoneOption(value: string | undefined): string {
  const tz = value ?? "UTC";
  if (tz !== "UTC" && !ianaZone(tz)) throw new InputError(`--tz ${tz} is not an IANA time zone (for example America/New_York or Europe/London).`);
  return tz;
}

function expandCommand(argv: readonly string[], ctx: CommandContext): CommandResult {
  const args = parseArgs(argv, { values: ["from", "to", "tz"], flags: ["json"] });
  if (args.positional.length === 0) throw new UsageError("expand needs at least one .ics file.");
  const fromText = args.options.get("from")?.[0];
  const toText = args.options.get("to")?.[0];
  if (!fromText || !toText) throw new UsageError("expand needs --from and --to.");
  const tz = zoneOption(args.options.get("tz")?.[0]);
  const from = parseInstant(fromText, tz);
  const to = parseInstant(toText, tz);
  if (!(to > from)) throw new InputError(`--to (${toText}) must be after --from (${fromText}).`);
  const { events, warnings } = loadCalendars(args.positional, ctx.io, { from, to });
  const expansion = expandEventsToColumns(events, { from, to }, { viewerZone: tz });
  const { columns, order } = expansion;
  const allWarnings = [...warnings.map((w) => ({ ...w })), ...expansion.warnings];
  const warningsJson = allWarnings.map((w) => ({
    message: "file" in w && args.positional.length > 1 ? `${(w as { file: string }).file}: ${w.message}` : w.message,
    ...(w.line !== undefined ? { line: w.line } : {}),
    ...(w.uid !== undefined ? { uid: w.uid } : {}),
  }));
  const stderr = allWarnings.length > 0 && !args.flags.has("json") ? allWarnings.map((w) => `warning: ${"file" in w ? `${(w as { file: string }).file}: ` : ""}${oneLine(w.message)}\n`).join("") : "";
  if (args.flags.has("json")) {
    // Hundreds of thousands of occurrences on a big calendar: each is printed as it comes, never
    // all held as objects or as one string.
    const body = {
      occurrences: new JsonList(order, (k) => occurrenceJson(columns.occurrence(k)), occurrencePrinter(columns)),
      warnings: warningsJson,
    };
    const jsonStderr = allWarnings.length > 0 ? `formatfit expand: ${plural(allWarnings.length, "warning")} (listed in the JSON)\n` : "";
    return { code: 0, stdout: jsonAnswer(body), stderr: jsonStderr };
  }
  return { code: 0, stdout: occurrenceTable(Array.from(order, (k) => columns.occurrence(k)), tz), stderr };
}

/** One occurrence in `expand --json`: the contract's keys, in its order. */
export function occurrenceJson(o: Occurrence) {
  return { uid: o.uid, start: isoUtc(o.start), end: isoUtc(o.end), allDay: o.allDay, transparent: o.transparent, summary: o.summary ?? "" };
}

/** An event's text longer than this is encoded at each of its occurrences, not kept. */
const MAX_KEPT_TEXT = 4096;

/**
 * Writes occurrence `k` of `columns` as `JSON.stringify(occurrenceJson(columns.occurrence(k)), null, 2)`,
 * its inner lines at `indent`, in UTF-8 bytes. All but the two times is the event's: encoded once
 * per event (and indent) and then copied, so an occurrence costs three copies and two times
 * (lib/cli/bytes.ts).
 */
export function occurrencePrinter(columns: OccurrenceColumns): (k: number, sink: ByteSink, indent: string) => void {
  let at: string | undefined;
  let i = "";
  let endKey = Buffer.alloc(0);
  /** Per event index: `{`, the uid and the start's key up to its value's opening quote … */
  let heads: (Buffer | undefined)[] = [];
  /** … and from the end's closing quote to `}`. */
  let tails: Buffer[] = [];
  return (k, sink, indent) => {
    if (indent !== at) {
      i = `\n${indent}  `;
      endKey = Buffer.from(`",${i}"end": "`, "utf8");
      heads = [];
      tails = [];
      at = indent;
    }
    const e = columns.eventIndex(k);
    let head = heads[e];
    let tail = tails[e] as Buffer;
    if (head === undefined) {
      const ev = columns.events[e] as CalendarEvent;
      head = Buffer.from(`{${i}"uid": ${JSON.stringify(ev.uid)},${i}"start": "`, "utf8");
      tail = Buffer.from(`",${i}"allDay": ${ev.start.kind === "date"},${i}"transparent": ${ev.transparent},${i}"summary": ${JSON.stringify(ev.summary ?? "")}\n${indent}}`, "utf8");
      if (head.length + tail.length <= MAX_KEPT_TEXT) {
        heads[e] = head;
        tails[e] = tail;
      }
    }
    sink.bytes(head);
    sink.iso(columns.start(k));
    sink.bytes(endKey);
    sink.iso(columns.end(k));
    sink.bytes(tail);
  };
}

/** A plain-text table for people. */
export function occurrenceTable(occurrences: readonly Occurrence[], tz: string): string {
  const rows = occurrences.map((o) => [formatWallTime(o.start, tz), formatWallTime(o.end, tz), o.allDay ? "all-day" : "", o.transparent ? "free" : "busy", (o.summary ?? "").replace(/\s+/g, " ").slice(0, 50)]);
  const header = [`Start (${tz})`, "End", "", "Shows as", "Summary"];
  return `${table([header, ...rows])}${plural(occurrences.length, "occurrence")}\n`;
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd()).join("\n") + "\n";
}
