/**
 * What every pipeline in the benchmark returns, and the busy merge they all finish with, so that the
 * work measured is the same: import, expansion over the window, busy intervals.
 */

export interface BenchWindow {
  readonly from: Date;
  readonly to: Date;
}

/** One occurrence overlapping the window: UTC epoch ms, half-open `[start, end)`. Cancelled ones are left out. */
export interface BenchOccurrence {
  uid: string;
  start: number;
  end: number;
  transparent: boolean;
}

export interface BenchResult {
  occurrences: BenchOccurrence[];
  /** Busy time: the opaque occurrences merged (sorted, overlapping and touching intervals joined). */
  busy: { start: number; end: number }[];
}

export type Pipeline = (bytes: Buffer, window: BenchWindow, viewerZone: string) => BenchResult;

/** DESIGN.md: an occurrence overlaps `[from, to)` if `end > from && start < to`; a zero-length one if `from <= start < to`. */
export function overlapsWindow(start: number, end: number, from: number, to: number): boolean {
  return start === end ? from <= start && start < to : end > from && start < to;
}

/** Sort + sweep over the opaque occurrences (transparent ones do not make you busy). Does not mutate its input. */
export function mergeBusy(occurrences: readonly BenchOccurrence[]): { start: number; end: number }[] {
  const opaque: { start: number; end: number }[] = [];
  for (const o of occurrences) if (!o.transparent && o.end > o.start) opaque.push({ start: o.start, end: o.end });
  opaque.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  let cur: { start: number; end: number } | undefined;
  for (const iv of opaque) {
    if (cur && iv.start <= cur.end) {
      if (iv.end > cur.end) cur.end = iv.end;
    } else {
      cur = { start: iv.start, end: iv.end };
      out.push(cur);
    }
  }
  return out;
}
