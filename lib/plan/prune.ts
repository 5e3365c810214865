/**
 * Every combination of one section per course, with the ones that cannot fit cut before they are
 * judged: a section that does not fit on its own makes every plan holding it not fit (a plan's
 * verdict is at best the worst of its sections' own), and so does a pair of sections whose
 * sessions meet at the same time beyond what a late join or an early leave covers (a lost
 * session). Cutting them changes no answer above them: docs/plan.md, "Pruning".
 */
import { sectionPhrase } from "../fit/check";
import type { FitPreferences } from "../fit/preferences";
import { clashReasons } from "../fit/together";
import type { PlanFacts, SectionFacts } from "./facts";
import { combinationCount } from "./request";

/** Why some combinations were cut: a section, or a pair of sections. */
export interface PruneReason {
  readonly kind: "alone" | "pair";
  readonly sectionIds: readonly string[];
  /** The combinations that hold the section (or both of the pair); one may hold several causes. */
  readonly combinations: number;
  readonly reason: string;
}

/** How many combinations were cut, by cause (each counted once), and why. */
export interface Pruned {
  /** Combinations holding a section that does not fit on its own. */
  readonly alone: number;
  /** Of the rest, combinations holding a pair that meet at the same time. */
  readonly pairs: number;
  /** Biggest cause first. */
  readonly reasons: readonly PruneReason[];
}

export interface Enumeration {
  /** Every combination of one candidate section per course. */
  readonly considered: number;
  /** The combinations left to judge: section indexes, one per course in course order. */
  readonly survivors: readonly (readonly number[])[];
  readonly pruned: Pruned;
}

const NOTHING_PRUNED: Pruned = { alone: 0, pairs: 0, reasons: [] };

/** Product of the sizes of the lists, leaving out those at `skip`. */
function othersCount(lists: readonly (readonly number[])[], ...skip: number[]): number {
  return combinationCount(lists.filter((_, i) => !skip.includes(i)).map((l) => l.length));
}

function aloneReasons(facts: PlanFacts, prefs: FitPreferences): PruneReason[] {
  return facts.sections
    .filter((s) => s.verdict === "does-not-fit")
    .map((s) => ({
      kind: "alone" as const,
      sectionIds: [s.section.id],
      combinations: othersCount(facts.byCourse, s.courseIndex),
      reason: `${s.section.id} does not fit on its own: ${sectionPhrase(s.fit, prefs, false)}.`,
    }));
}

function pairReasons(facts: PlanFacts, viable: readonly (readonly number[])[]): PruneReason[] {
  const out: PruneReason[] = [];
  const live = viable.flat().map((i) => facts.sections[i] as SectionFacts);
  for (const a of live) {
    for (const b of live) {
      if (b.courseIndex <= a.courseIndex) continue;
      const pair = facts.pair(a.index, b.index);
      const combinations = othersCount(viable, a.courseIndex, b.courseIndex);
      if (pair.missed === 0 || combinations === 0) continue;
      const [reason] = clashReasons(pair.clashes.filter((c) => !c.partial));
      out.push({ kind: "pair", sectionIds: [a.section.id, b.section.id], combinations, reason: reason ?? "" });
    }
  }
  return out;
}

/**
 * The combinations to judge. With `prune`, sections that do not fit on their own are left out,
 * and a walk over the courses cuts every branch where a section meets at the same time as one
 * already taken; the counts say how many each cause cut. Without, every combination.
 *
 * @example
 * const { considered, survivors, pruned } = enumerateCombinations(facts, prefs, true);
 * considered === survivors.length + pruned.alone + pruned.pairs // true
 */
export function enumerateCombinations(facts: PlanFacts, prefs: FitPreferences, prune: boolean): Enumeration {
  const considered = combinationCount(facts.byCourse.map((c) => c.length));
  const viable = prune ? facts.byCourse.map((c) => c.filter((i) => facts.sections[i]?.verdict !== "does-not-fit")) : facts.byCourse;
  const n = viable.length;
  // tail[k]: combinations of the courses from k on.
  const tail = new Array<number>(n + 1).fill(1);
  for (let k = n - 1; k >= 0; k--) tail[k] = (tail[k + 1] as number) * (viable[k] as readonly number[]).length;
  const survivors: number[][] = [];
  const chosen: number[] = [];
  let pairsCut = 0;
  const clashesWithChosen = (s: number) => chosen.some((c) => facts.pair(c, s).missed > 0);
  const walk = (k: number): void => {
    if (k === n) {
      survivors.push([...chosen]);
      return;
    }
    for (const s of viable[k] as readonly number[]) {
      if (prune && clashesWithChosen(s)) {
        pairsCut += tail[k + 1] as number;
        continue;
      }
      chosen.push(s);
      walk(k + 1);
      chosen.pop();
    }
  };
  walk(0);
  if (!prune) return { considered, survivors, pruned: NOTHING_PRUNED };
  const reasons = [...aloneReasons(facts, prefs), ...pairReasons(facts, viable)].sort((a, b) => b.combinations - a.combinations);
  return { considered, survivors, pruned: { alone: considered - (tail[0] as number), pairs: pairsCut, reasons } };
}
