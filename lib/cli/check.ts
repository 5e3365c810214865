/**
 * `formatfit check FILE.ics… [--catalog catalog.json] [--section ID…] [--tz IANA] [--together] [--json]`
 * and the preference options of ./preferences.ts (--buffer, --late, --sleep, --watch-recordings, --study-buffer, --owner):
 * which sections fit the calendar, with reasons. JSON shape: DESIGN.md's contract.
 */
import { CatalogError, loadCatalog, parseCatalog, type Catalog } from "../catalog";
import { runCheck, type FileSource } from "../check/run";
import { AppError } from "../errors";
import type { FitResult } from "../fit";
import { fitJson } from "../fit/json";
import { formatDayMonth } from "../time/format";
import { parseArgs, UsageError } from "./args";
import { PREFERENCE_FLAGS, PREFERENCE_VALUES, preferencesFromArgs } from "./preferences";
import { InputError, jsonAnswer, readCalendarFile, registerCommand, table, type CliIo, type CommandContext, type CommandResult } from "./run";
import { plural } from "../words";
import { VERDICT_LABEL } from "../fit/labels";

/** Reads `--catalog PATH` (or FORMATFIT_CATALOG, or the bundled catalog), failing with one line. */
export function catalogFrom(path: string | undefined, io: CliIo): Catalog {
  try {
    if (path === undefined) return loadCatalog({ env: io.env });
    let text: string;
    try {
      text = Buffer.from(io.readFile(path)).toString("utf8");
    } catch {
      throw new InputError(`${path}: no such catalog file.`);
    }
    return parseCatalog(text, path);
  } catch (e) {
    if (e instanceof CatalogError) {
      const first = e.issues[0];
      const where = first ? ` at ${first.path}: ${first.message}` : "";
      const more = e.issues.length > 1 ? ` (and ${plural(e.issues.length - 1, "more problem")})` : "";
      throw new InputError(`${e.message.split("\n")[0]}${first && !e.message.includes(first.path) ? where : ""}${more}`);
    }
    throw e;
  }
}

function checkCommand(argv: readonly string[], ctx: CommandContext): CommandResult {
  const args = parseArgs(argv, { values: ["catalog", "section", ...PREFERENCE_VALUES], flags: ["json", "together", ...PREFERENCE_FLAGS], multi: ["section"] });
  if (args.positional.length === 0) throw new UsageError("check needs at least one .ics file.");
  const preferences = preferencesFromArgs(args);
  const tz = preferences.timeZone;
  const catalog = catalogFrom(args.options.get("catalog")?.[0], ctx.io);
  const ids = (args.options.get("section") ?? []).flatMap((s) => s.split(",")).filter((s) => s.length > 0);
  const sources = args.positional.map((file): FileSource => ({ name: file, origin: "file", bytes: readCalendarFile(file, ctx.io) }));
  let outcome;
  try {
    outcome = runCheck({ catalog, sources, preferences, sectionIds: ids, together: args.flags.has("together") });
  } catch (e) {
    if (e instanceof AppError && e.code === "UNKNOWN_SECTION") throw new InputError(`There is no section "${String(e.detail?.["sectionId"])}" in the catalog. Run without --section to check every section.`);
    if (e instanceof AppError && e.code === "CALENDAR_INVALID") throw new InputError(`${e.where ?? "calendar"}${e.line ? `:${e.line}` : ""}: ${String(e.detail?.["problem"] ?? e.message)}`);
    throw e;
  }
  const result = outcome.result;
  const warningLines = [...outcome.importIssues.map((w) => `${w.source}: ${w.message}`), ...outcome.warnings.map((w) => w.message)];
  const stderr = warningLines.map((w) => `warning: ${w.replace(/\s*\n\s*/g, " ")}\n`).join("");
  if (args.flags.has("json")) return { code: 0, stdout: jsonAnswer(fitJson(result)), stderr };
  return { code: 0, stdout: fitTable(result, tz), stderr };
}

/** The verdicts as the CLI's tables print them (lower case, mid-line). */
export const VERDICT_TEXT_CLI = Object.fromEntries(Object.entries(VERDICT_LABEL).map(([k, v]) => [k, v.toLowerCase()])) as Readonly<Record<"fits" | "fits-with-tradeoffs" | "does-not-fit", string>>;
const VERDICT_TEXT = VERDICT_TEXT_CLI;

/** The table's Live cell: sessions missed, joined late or left early, and at night. */
function liveCell(live: NonNullable<FitResult["sections"][number]["live"]>): string {
  const parts = [`${live.missed}/${live.sessions.length} missed`];
  if (live.partial > 0) parts.push(`${live.partial} late/early`);
  if (live.night.length > 0) parts.push(`${live.night.length} at night`);
  return parts.join(", ");
}

/** A readable summary: one row per section, then the reasons. */
export function fitTable(result: FitResult, tz: string): string {
  const rows = result.sections.map((s) => [
    s.section.id,
    s.section.format,
    VERDICT_TEXT[s.verdict],
    s.live ? liveCell(s.live) : "",
    s.async ? `${s.async.unmet} deadlines missed, ${s.async.crunchWeeks.length} crunch weeks` : "",
  ]);
  let out = table([["Section", "Format", "Verdict", "Live", "Deadlines"], ...rows]);
  for (const c of result.courses) if (c.sectionIds.length > 1) out += `\n${c.course.id} ${c.course.title}: ${c.summary}\n`;
  for (const s of result.sections) {
    out += `\n${s.section.id} — ${s.course.title} (${s.section.format}): ${VERDICT_TEXT[s.verdict]}\n`;
    for (const r of s.reasons) out += `  - ${r}\n`;
    if (s.live && s.live.conflicts.length > 0) {
      for (const c of s.live.conflicts.slice(0, 10)) {
        const what = c.busy.map((b) => b.summary ?? "busy").slice(0, 2).join(", ");
        const cost = c.partial ? [c.lateMinutes > 0 ? `join ${c.lateMinutes} min late` : "", c.earlyMinutes > 0 ? `leave ${c.earlyMinutes} min early` : ""].filter(Boolean).join(" and ") : "missed";
        out += `    clash ${formatDayMonth(c.session.start, tz)}: ${c.overlapMinutes} min with ${what} (${cost})\n`;
      }
      if (s.live.conflicts.length > 10) out += `    … and ${s.live.conflicts.length - 10} more\n`;
    }
  }
  if (result.plan) {
    out += `\nTogether (${result.plan.sectionIds.join(", ")}): ${VERDICT_TEXT[result.plan.verdict]}\n`;
    for (const r of result.plan.reasons) out += `  - ${r}\n`;
  }
  return out;
}

/** Adds `check` to the CLI. */
export function registerCheck(): void {
  registerCommand("check", checkCommand);
}
