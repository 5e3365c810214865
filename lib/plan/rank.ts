/**
 * The order of plans, best first: `fits`, then `fits-with-tradeoffs`, then `does-not-fit`; within
 * a verdict the fewest misses (live sessions lost plus deadlines that cannot be met), then the most
 * slack in the tightest week (free hours minus hours due), then the section ids, so that equal
 * plans always come out in the same order (docs/plan.md, "Ranking").
 */
import type { Verdict } from "../fit/verdict";
import type { Measure } from "./judge";

const VERDICT_ORDER: Record<Verdict, number> = { fits: 0, "fits-with-tradeoffs": 1, "does-not-fit": 2 };

function compareIds(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    // Code-unit order, not the locale's: the same on every machine.
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Compares two measured plans (negative when `a` is better); `ids` gives a plan's section ids.
 *
 * @example
 * measures.sort((a, b) => comparePlans(a, b, (m) => m.combo.map((i) => idOf(i))))
 */
export function comparePlans(a: Measure, b: Measure, ids: (m: Measure) => readonly string[]): number {
  return (
    VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
    a.missedSessions + a.unmetDeadlines - (b.missedSessions + b.unmetDeadlines) ||
    b.week.slack - a.week.slack ||
    compareIds(ids(a), ids(b))
  );
}

/**
 * The best `limit` plans, best first (a new array; `measures` is left as it is).
 *
 * @example
 * rankPlans(measures, (i) => facts.sections[i].section.id, 1000)
 */
export function rankPlans<T extends Measure>(measures: readonly T[], idOf: (sectionIndex: number) => string, limit: number): T[] {
  const ids = new Map<Measure, readonly string[]>();
  const idsOf = (m: Measure): readonly string[] => {
    let x = ids.get(m);
    if (!x) ids.set(m, (x = m.combo.map(idOf)));
    return x;
  };
  return [...measures].sort((a, b) => comparePlans(a, b, idsOf)).slice(0, limit);
}
