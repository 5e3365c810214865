/**
 * The term-plan benchmark (issue 16, "Measured"): from a real calendar's busy intervals, plan
 * 3 courses × 3 sections (27 combinations, target < 100 ms), 5 × 4 (1,024, < 500 ms) and 8 × 4
 * (65,536, < 3 s with pruning), and say how many combinations pruning cut. The smaller two are
 * also planned without pruning, to show the answers are the same.
 *
 *   npx tsx bench/plan.ts [--runs 5] [--seed N]
 *
 * The calendar is tests/fixtures/ics/real-world/google-paris-677-events-186-overrides-anonymized.ics
 * (a real Google export, Europe/Paris, dense from January to July 2024), imported and expanded
 * once over the term; the timed part starts from its busy intervals (checkFitWithBusy, then the
 * plan). Catalogs are synthetic (bench/plan-catalog.ts).
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { busyIntervals, type BusyInterval } from "../lib/busy";
import { preferencesFrom, busyPreferencesOf, type FitPreferences } from "../lib/fit/preferences";
import { importIcs } from "../lib/ics/import";
import { planWithBusy, type TermPlan } from "../lib/plan";
import { expandEvents } from "../lib/recurrence/expand";
import { PLAN_TERM as TERM, PLAN_ZONE as ZONE, planCatalog } from "./plan-catalog";

const FIXTURE = join(import.meta.dirname, "../tests/fixtures/ics/real-world/google-paris-677-events-186-overrides-anonymized.ics");
const SCENARIOS = [
  { courses: 3, sections: 3, targetMs: 100 },
  { courses: 5, sections: 4, targetMs: 500 },
  { courses: 8, sections: 4, targetMs: 3000 },
] as const;

function busyOfFixture(prefs: FitPreferences): BusyInterval[] {
  const imported = importIcs(readFileSync(FIXTURE));
  if (!imported.ok) throw new Error(`bench/plan: cannot import ${FIXTURE}`);
  const window = { from: Date.parse(`${TERM.startDate}T00:00:00Z`) - 2 * 86_400_000, to: Date.parse(`${TERM.endDate}T00:00:00Z`) + 3 * 86_400_000 };
  const { occurrences } = expandEvents(imported.calendar.events, window, { viewerZone: prefs.timeZone });
  return busyIntervals(occurrences, busyPreferencesOf(prefs));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

function timed(runs: number, fn: () => TermPlan): { ms: number[]; plan: TermPlan } {
  const ms: number[] = [];
  let plan: TermPlan | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    plan = fn();
    ms.push(performance.now() - t0);
  }
  return { ms, plan: plan as TermPlan };
}

/** The ranked answers of a plan, as text, to compare pruning on and off. */
function answers(plan: TermPlan, cut: ReadonlySet<string>): string {
  return JSON.stringify(plan.plans.filter((p) => !cut.has(p.sectionIds.join(" "))).map((p) => [p.sectionIds, p.verdict, p.reasons, p.week, p.missedSessions, p.unmetDeadlines]));
}

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

function main(argv: readonly string[]): void {
  const runs = Math.max(1, flag(argv, "--runs", 5));
  const seed = flag(argv, "--seed", 20240115);
  const prefs = preferencesFrom({ timeZone: ZONE });
  const busy = busyOfFixture(prefs);
  const n = (x: number) => x.toLocaleString("en-US");
  const load = loadavg().map((x) => x.toFixed(2)).join(" ");
  process.stdout.write(`bench:plan — ${busy.length} busy intervals from ${FIXTURE.split("/").pop()} over ${TERM.startDate} – ${TERM.endDate}; median of ${runs} runs, the first (cold) in brackets; load ${load} on ${cpus().length} CPUs\n`);
  let failed = false;
  for (const sc of SCENARIOS) {
    const catalog = planCatalog(sc.courses, sc.sections, seed + sc.courses);
    const courseIds = catalog.courses.map((c) => c.id);
    const on = timed(runs, () => planWithBusy(catalog, busy, prefs, { courseIds }));
    const p = on.plan;
    const t = median(on.ms);
    const ok = t < sc.targetMs;
    const verdicts = ["fits", "fits-with-tradeoffs", "does-not-fit"].map((v) => p.plans.filter((x) => x.verdict === v).length).join("/");
    process.stdout.write(
      `${sc.courses} courses × ${sc.sections} sections: ${n(p.considered)} combinations in ${t.toFixed(1)} ms [${(on.ms[0] as number).toFixed(1)}] (target < ${n(sc.targetMs)} ms: ${ok ? "met" : "MISSED"}); ` +
        `pruned ${n(p.pruned.alone + p.pruned.pairs)} (${n(p.pruned.alone)} with a section that does not fit alone, ${n(p.pruned.pairs)} with a clashing pair), judged ${n(p.judged)}, listed ${n(p.plans.length)} (fits/trade-offs/does not fit ${verdicts})\n`,
    );
    if (sc.courses * sc.sections <= 20) {
      const off = timed(1, () => planWithBusy(catalog, busy, prefs, { courseIds, prune: false }));
      const cut = new Set(off.plan.plans.map((x) => x.sectionIds.join(" ")).filter((ids) => !p.plans.some((x) => x.sectionIds.join(" ") === ids)));
      const same = answers(p, new Set()) === answers(off.plan, cut);
      process.stdout.write(`  without pruning: ${n(off.plan.judged)} judged in ${(off.ms[0] as number).toFixed(1)} ms; the plans pruning keeps judged and ranked the same: ${same ? "yes" : "NO"}\n`);
      failed ||= !same;
    }
  }
  // A slow run on a busy machine is reported; answers that differ with and without pruning fail.
  if (failed) process.exitCode = 1;
}

main(process.argv.slice(2));
