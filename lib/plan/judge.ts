/**
 * One combination judged as one plan, from the precomputed facts (./facts.ts) and through the same
 * pieces as `checkFit({ together: true })` (lib/fit/together.ts): the sections' own verdicts, the
 * clashes between them, one study plan for all their deadlines in the free time minus all their
 * live sessions, the combined weeks, the verdict. {@link measureCombination} gives what ranking
 * needs; {@link judgeCombination} adds the reasons and details a plan is shown with.
 */
import type { Section } from "../catalog/schema";
import type { Session } from "../catalog/sessions";
import type { Job, LoadWeek } from "../fit/async";
import { sectionPhrase, type SectionFit } from "../fit/check";
import type { FreeBlock } from "../fit/free-time";
import type { FitPreferences } from "../fit/preferences";
import { joinTerms, tightestWeek, type TightestWeek } from "../fit/term-weeks";
import { togetherFree, togetherLoad, togetherReasons, togetherVerdict, type SessionClash, type TogetherLoad } from "../fit/together";
import type { Verdict } from "../fit/verdict";
import type { PlanFacts, SectionFacts } from "./facts";

/** What a plan judges with: the facts, the calendar's raw free time and the learner's preferences. */
export interface PlanContext {
  readonly facts: PlanFacts;
  /** Study windows minus busy time over every candidate's term (lib/fit/free-time.ts). */
  readonly raw: readonly FreeBlock[];
  readonly prefs: FitPreferences;
  /** Free study blocks per set of live sections and term: combinations share them. */
  readonly freeCache: Map<string, readonly FreeBlock[]>;
}

/** What ranking needs of a combination. */
export interface Measure {
  /** Section indexes into the facts, one per course in course order. */
  readonly combo: readonly number[];
  readonly verdict: Verdict;
  /** Live sessions lost: to the calendar, and to clashes between the sections. */
  readonly missedSessions: number;
  /** Deadlines the combined study plan cannot meet. */
  readonly unmetDeadlines: number;
  readonly week: TightestWeek;
  /** The weeks and the deadlines not met, when asked to keep them. */
  readonly load?: TogetherLoad;
}

/** A combination as a ranked plan shows it. */
export interface JudgedPlan extends Measure {
  readonly sectionIds: readonly string[];
  readonly sections: readonly SectionFit[];
  readonly reasons: readonly string[];
  /** Sessions that clash with the calendar, over all the sections. */
  readonly calendarClashes: number;
  /** Pairs of sessions of different sections that overlap. */
  readonly clashes: readonly SessionClash[];
  /** The combined weeks (lib/fit/term-weeks.ts). */
  readonly weeks: readonly LoadWeek[];
}

/** Free-time sets kept at most; past it the cache starts again. */
const FREE_CACHE_SIZE = 512;

/** Lists each sorted by start, merged into one sorted list (merged two by two: no sort). */
function mergeSorted(lists: readonly (readonly Session[])[]): readonly Session[] {
  let level = lists;
  while (level.length > 1) {
    const next: Session[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i] as readonly Session[];
      const b = level[i + 1];
      if (!b) {
        next.push([...a]);
        continue;
      }
      const out: Session[] = [];
      let x = 0;
      let y = 0;
      while (x < a.length || y < b.length) out.push(y >= b.length || (x < a.length && (a[x] as Session).start <= (b[y] as Session).start) ? (a[x++] as Session) : (b[y++] as Session));
      next.push(out);
    }
    level = next;
  }
  return level[0] ?? [];
}

/** The free study time of the combination: raw free time minus every live session of it, shared through the cache. */
function freeOf(ctx: PlanContext, members: readonly SectionFacts[], from: number, to: number): readonly FreeBlock[] {
  const live = members.filter((m) => m.sessions.length > 0);
  const key = `${from}:${to}:${live.map((m) => m.index).join(",")}`;
  const hit = ctx.freeCache.get(key);
  if (hit) return hit;
  const free = togetherFree(mergeSorted(live.map((m) => m.sessions)), ctx.raw, ctx.prefs, from, to);
  if (ctx.freeCache.size >= FREE_CACHE_SIZE) ctx.freeCache.clear();
  ctx.freeCache.set(key, free);
  return free;
}

/** Clashes between the members, counted, over every pair. */
function betweenCounts(ctx: PlanContext, combo: readonly number[]): { missed: number; partial: number } {
  let missed = 0;
  let partial = 0;
  for (let i = 0; i < combo.length; i++) {
    for (let j = i + 1; j < combo.length; j++) {
      const p = ctx.facts.pair(combo[i] as number, combo[j] as number);
      missed += p.missed;
      partial += p.partial;
    }
  }
  return { missed, partial };
}

/**
 * Judges a combination as far as ranking needs: verdict, sessions lost, deadlines unmet, tightest
 * week. With `keep`, the load (weeks and unmet deadlines) is kept for {@link judgeCombination}.
 *
 * @example
 * measureCombination(ctx, [0, 4, 9]).verdict // "fits-with-tradeoffs"
 */
export function measureCombination(ctx: PlanContext, combo: readonly number[], keep = false): Measure {
  const members = combo.map((i) => ctx.facts.sections[i] as SectionFacts);
  const term = joinTerms(members.map((m) => m.term));
  const jobs: Job[] = [];
  for (const m of members) for (const j of m.jobs) jobs.push(j);
  const load = togetherLoad(jobs, freeOf(ctx, members, term.from, term.to), term, ctx.prefs.timeZone);
  const between = betweenCounts(ctx, combo);
  const unmet = load.unmet.length;
  const verdict = togetherVerdict({ alone: members.map((m) => m.verdict), missedClashes: between.missed, partialClashes: between.partial, unmet });
  const missedSessions = members.reduce((n, m) => n + m.missed, between.missed);
  return { combo, verdict, missedSessions, unmetDeadlines: unmet, week: tightestWeek(load.weeks), ...(keep ? { load } : {}) };
}

const ALONE_TEXT: Record<Verdict, string> = { fits: "fits", "fits-with-tradeoffs": "fits with trade-offs", "does-not-fit": "does not fit" };

/** "On its own, FIT-100-S1 fits with trade-offs: the synchronous section clashes briefly with …". */
function aloneReason(m: SectionFacts, prefs: FitPreferences): string {
  return `On its own, ${m.section.id} ${ALONE_TEXT[m.verdict]}: ${sectionPhrase(m.fit, prefs, false)}.`;
}

/**
 * A combination judged in full: the {@link measureCombination} answer, the reasons (each section
 * that does not simply fit on its own, then the clashes between the sections and the combined
 * load, as the together check words them), the clashes and the combined weeks.
 *
 * @example
 * judgeCombination(ctx, [0, 4, 9]).reasons[0] // "On its own, PM-101-S1 fits with trade-offs: …"
 */
export function judgeCombination(ctx: PlanContext, combo: readonly number[], measured?: Measure): JudgedPlan {
  const { load, ...m } = measured?.load ? measured : measureCombination(ctx, combo, true);
  if (!load) throw new Error("measureCombination kept no load");
  const members = combo.map((i) => ctx.facts.sections[i] as SectionFacts);
  const clashes: SessionClash[] = [];
  for (let i = 0; i < combo.length; i++) for (let j = i + 1; j < combo.length; j++) clashes.push(...ctx.facts.pair(combo[i] as number, combo[j] as number).clashes);
  clashes.sort((a, b) => a.b.start - b.b.start || a.a.start - b.a.start);
  const sections: Section[] = members.map((x) => x.section);
  const reasons = [...members.filter((x) => x.verdict !== "fits").map((x) => aloneReason(x, ctx.prefs)), ...togetherReasons(sections, clashes, load, ctx.prefs)];
  return {
    ...m,
    sectionIds: sections.map((s) => s.id),
    sections: members.map((x) => x.fit),
    reasons,
    calendarClashes: members.reduce((n, x) => n + x.conflicts, 0),
    clashes,
    weeks: load.weeks,
  };
}
