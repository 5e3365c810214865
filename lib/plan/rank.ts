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

const VERDICT_WORDS: Record<Verdict, string> = { fits: "fits", "fits-with-tradeoffs": "fits with trade-offs", "does-not-fit": "does not fit" };

function misses(n: number): string {
  return n === 0 ? "misses nothing" : `misses ${n} session${n === 1 ? "" : "s"} or deadline${n === 1 ? "" : "s"}`;
}

function hours(h: number): string {
  return `${Math.round(h * 10) / 10} h`;
}

/**
 * Why a plan ranks below the one above it, in the ranking's own terms (the first rule that tells
 * them apart), for the learner comparing rows.
 *
 * @example
 * whyBelow(second, first, 1) // "It fits with trade-offs; plan 1 fits."
 * whyBelow(third, second, 2) // "Same verdict and misses, but 12 h to spare in its tightest week against 13.5 h for plan 2."
 */
export function whyBelow(plan: Measure, above: Measure, aboveRank: number): string {
  if (plan.verdict !== above.verdict) return `It ${VERDICT_WORDS[plan.verdict]}; plan ${aboveRank} ${VERDICT_WORDS[above.verdict]}.`;
  const m = plan.missedSessions + plan.unmetDeadlines;
  const n = above.missedSessions + above.unmetDeadlines;
  if (m !== n) return `Same verdict, but it ${misses(m)}; plan ${aboveRank} ${misses(n)}.`;
  if (plan.week.slack !== above.week.slack) return `Same verdict and misses, but ${hours(plan.week.slack)} to spare in its tightest week against ${hours(above.week.slack)} for plan ${aboveRank}.`;
  return `As good as plan ${aboveRank} by every rule; listed after it by section id.`;
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
