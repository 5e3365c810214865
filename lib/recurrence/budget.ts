/**
 * The expansion budget (issue 12): how much work one expansion may do, per source file and for the
 * whole request, counted while expanding, so that a hostile or runaway calendar stops early with a
 * warning naming the limit instead of running for minutes and exhausting the heap.
 *
 * A step is one period a rule walks through or one instance it looks at: a few tenths of a
 * microsecond (a year of a rule tested day by day, with BYWEEKNO or BYYEARDAY, counts 366). An
 * occurrence is one that overlaps the window and is returned: a microsecond or two, and memory
 * until the answer is dropped.
 *
 * The defaults let the largest calendar the benchmark generates (50,000 events, 40 MB: about
 * 900,000 steps and 219,000 occurrences over 16 weeks) through, and stop a hostile file within
 * about a second of work: 2,000,000 steps and 250,000 occurrences per file, twice that per request.
 */

/** Default steps one rule may take before its expansion is cut short (EXPANSION_CAPPED). */
export const DEFAULT_MAX_STEPS_PER_RULE = 200_000;
/** Default steps for one source (one file or connected calendar). */
export const DEFAULT_MAX_STEPS_PER_SOURCE = 2_000_000;
/** Default steps for one expansion (one request), all sources together. */
export const DEFAULT_MAX_STEPS = 4_000_000;
/** Default occurrences returned for one source. */
export const DEFAULT_MAX_OCCURRENCES_PER_SOURCE = 250_000;
/** Default occurrences returned for one expansion, all sources together. */
export const DEFAULT_MAX_OCCURRENCES = 500_000;

/** The limits an expansion runs under (see `ExpandOptions`). */
export interface BudgetLimits {
  readonly maxStepsPerSource: number;
  readonly maxSteps: number;
  readonly maxOccurrencesPerSource: number;
  readonly maxOccurrences: number;
}

/** Which limit stopped an expansion. */
export interface SpentLimit {
  readonly what: "steps" | "occurrences";
  readonly scope: "source" | "request";
  readonly limit: number;
}

interface Tally {
  steps: number;
  occurrences: number;
}

/**
 * Steps and occurrences spent so far, per source and in all.
 *
 * @example
 * const budget = new ExpansionBudget({ maxStepsPerSource: 100, maxSteps: 150, maxOccurrencesPerSource: 10, maxOccurrences: 20 });
 * budget.spendSteps("a.ics", 120); budget.stepsLeft("a.ics") // 0
 */
export class ExpansionBudget {
  private readonly bySource = new Map<string, Tally>();
  private readonly total: Tally = { steps: 0, occurrences: 0 };

  constructor(readonly limits: BudgetLimits) {}

  private tally(source: string): Tally {
    let t = this.bySource.get(source);
    if (!t) {
      t = { steps: 0, occurrences: 0 };
      this.bySource.set(source, t);
    }
    return t;
  }

  /** Steps a source may still take (never negative). */
  stepsLeft(source: string): number {
    const t = this.tally(source);
    return Math.max(0, Math.min(this.limits.maxStepsPerSource - t.steps, this.limits.maxSteps - this.total.steps));
  }

  /** Occurrences a source may still return (never negative). */
  occurrencesLeft(source: string): number {
    const t = this.tally(source);
    return Math.max(0, Math.min(this.limits.maxOccurrencesPerSource - t.occurrences, this.limits.maxOccurrences - this.total.occurrences));
  }

  spendSteps(source: string, n: number): void {
    this.tally(source).steps += n;
    this.total.steps += n;
  }

  spendOccurrences(source: string, n: number): void {
    this.tally(source).occurrences += n;
    this.total.occurrences += n;
  }

  /** The limit that leaves a source nothing, if any (the request's before the source's). */
  spent(source: string): SpentLimit | undefined {
    const t = this.tally(source);
    const l = this.limits;
    if (this.total.steps >= l.maxSteps) return { what: "steps", scope: "request", limit: l.maxSteps };
    if (this.total.occurrences >= l.maxOccurrences) return { what: "occurrences", scope: "request", limit: l.maxOccurrences };
    if (t.steps >= l.maxStepsPerSource) return { what: "steps", scope: "source", limit: l.maxStepsPerSource };
    if (t.occurrences >= l.maxOccurrencesPerSource) return { what: "occurrences", scope: "source", limit: l.maxOccurrencesPerSource };
    return undefined;
  }

  /** Steps and occurrences spent in all. */
  usage(): { readonly steps: number; readonly occurrences: number } {
    return { ...this.total };
  }
}
