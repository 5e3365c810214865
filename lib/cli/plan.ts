/**
 * `formatfit plan FILE.ics… --course ID… [--catalog catalog.json] [--require ID…] [--exclude ID…]
 * [--tz IANA] [--json]` and the preference options of ./preferences.ts: every combination of one
 * section per course judged together and ranked (lib/plan; docs/plan.md). JSON shape: DESIGN.md's
 * contract; without --json, a table for people.
 */
import type { CalendarSource } from "../check/run";
import { AppError } from "../errors";
import { planJson, planTerm, type PlanOutcome, type TermPlan } from "../plan";
import { whyBelow } from "../plan/rank";
import { plural } from "../words";
import { parseArgs, UsageError } from "./args";
import { catalogFrom, VERDICT_TEXT_CLI } from "./check";
import { PREFERENCE_FLAGS, PREFERENCE_VALUES, preferencesFromArgs } from "./preferences";
import { InputError, jsonAnswer, readCalendarFile, registerCommand, table, type CommandContext, type CommandResult } from "./run";

/** Rows the table shows, and plans whose reasons follow it. */
const TABLE_ROWS = 20;
const EXPLAINED_PLANS = 5;
const LISTED_CUTS = 10;

const VERDICT_TEXT = VERDICT_TEXT_CLI;

/** `--course A B`, `--course A,B` and `--course A --course B` all list A and B. */
function ids(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((s) => s.split(",")).filter((s) => s.length > 0);
}

function runPlan(request: Parameters<typeof planTerm>[0]): PlanOutcome {
  try {
    return planTerm(request);
  } catch (e) {
    if (e instanceof AppError && e.code === "CALENDAR_INVALID") throw new InputError(`${e.where ?? "calendar"}${e.line ? `:${e.line}` : ""}: ${String(e.detail?.["problem"] ?? e.message)}`);
    if (e instanceof AppError) throw new InputError(e.message);
    throw e;
  }
}

function planCommand(argv: readonly string[], ctx: CommandContext): CommandResult {
  const args = parseArgs(argv, { values: ["catalog", "course", "require", "exclude", ...PREFERENCE_VALUES], flags: ["json", ...PREFERENCE_FLAGS], multi: ["course", "require", "exclude"] });
  if (args.positional.length === 0) throw new UsageError("plan needs at least one .ics file.");
  const courseIds = ids(args.options.get("course"));
  if (courseIds.length === 0) throw new UsageError("plan needs --course with two to eight course ids.");
  const preferences = preferencesFromArgs(args);
  const catalog = catalogFrom(args.options.get("catalog")?.[0], ctx.io);
  const sources = args.positional.map((file): CalendarSource => ({ name: file, origin: "file", bytes: readCalendarFile(file, ctx.io) }));
  const outcome = runPlan({ catalog, sources, preferences, courseIds, require: ids(args.options.get("require")), exclude: ids(args.options.get("exclude")) });
  const warningLines = [...outcome.importIssues.map((w) => `${w.source}: ${w.message}`), ...outcome.warnings.map((w) => w.message)];
  const stderr = warningLines.map((w) => `warning: ${w.replace(/\s*\n\s*/g, " ")}\n`).join("");
  if (args.flags.has("json")) return { code: 0, stdout: jsonAnswer(planJson(outcome)), stderr };
  return { code: 0, stdout: planTable(outcome.plan), stderr };
}

/** "9 combinations, 4 cut before judging (3 …, 1 …), 5 judged". */
function countsLine(plan: TermPlan): string {
  const cut = plan.pruned.alone + plan.pruned.pairs;
  const why = [plan.pruned.alone > 0 ? `${plan.pruned.alone.toLocaleString("en-US")} with a section that does not fit on its own` : "", plan.pruned.pairs > 0 ? `${plan.pruned.pairs.toLocaleString("en-US")} with two sections that meet at the same time` : ""].filter(Boolean);
  return `${plural(plan.considered, "combination")}${cut > 0 ? `, ${cut.toLocaleString("en-US")} cut before judging (${why.join(", ")})` : ""}, ${plan.judged.toLocaleString("en-US")} judged`;
}

/**
 * The plans for people: the counts, a row per plan (best first), the reasons of the best few,
 * and what pruning cut.
 *
 * @example
 * planTable(planTerm(request).plan) // "Plans for ACC-100 and BUS-200: 9 combinations, …"
 */
export function planTable(plan: TermPlan): string {
  let out = `Plans for ${plan.courseIds.join(", ")}: ${countsLine(plan)}.\n\n`;
  if (plan.judgedAll) out += "Nothing fits: every combination holds a section that does not fit on its own, or two that meet at the same time. Here are the least bad, best first.\n\n";
  if (plan.plans.length === 0) return `${out}No combination is left to judge: every one holds a section that does not fit on its own or two that meet at the same time (below).\n${cutsText(plan)}`;
  const rows = plan.plans.slice(0, TABLE_ROWS).map((p, i) => [
    String(i + 1),
    p.sectionIds.join(" + "),
    VERDICT_TEXT[p.verdict],
    String(p.missedSessions + p.unmetDeadlines),
    `${p.calendarClashes}/${p.clashes.length}`,
    `${p.week.required}/${p.week.available}`,
  ]);
  out += table([["#", "Sections", "Verdict", "Missed", "Clashes (calendar/between)", "Tightest week (h due/free)"], ...rows]);
  if (plan.plans.length > TABLE_ROWS) out += `… and ${plural(plan.plans.length - TABLE_ROWS, "more plan")} (--json lists up to 1,000).\n`;
  plan.plans.slice(0, EXPLAINED_PLANS).forEach((p, i) => {
    out += `\n${i + 1}. ${p.sectionIds.join(" + ")}: ${VERDICT_TEXT[p.verdict]}\n`;
    const above = plan.plans[i - 1];
    if (above) out += `  ${whyBelow(p, above, i)}\n`;
    for (const r of p.reasons) out += `  - ${r}\n`;
  });
  return out + cutsText(plan);
}

function cutsText(plan: TermPlan): string {
  const reasons = plan.pruned.reasons;
  if (reasons.length === 0) return "";
  let out = "\nCut before judging:\n";
  for (const r of reasons.slice(0, LISTED_CUTS)) out += `  - ${r.reason} (${plural(r.combinations, "combination")})\n`;
  if (reasons.length > LISTED_CUTS) out += `  … and ${plural(reasons.length - LISTED_CUTS, "more cause")} (--json lists them all).\n`;
  return out;
}

/** Adds `plan` to the CLI. */
export function registerPlan(): void {
  registerCommand("plan", planCommand);
}
