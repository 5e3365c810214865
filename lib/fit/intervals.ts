/**
 * Interval arithmetic on half-open `[start, end)` UTC-ms intervals: sort-and-sweep overlap,
 * subtraction, and prefix sums for "how much free time between a and b" in O(log n). No function
 * modifies its input.
 */

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Minutes of `busy` (sorted, non-overlapping) inside each of `items` (sorted by start), with the
 * indexes of the busy intervals involved — one sweep, O(items + busy) plus the overlaps.
 *
 * @example
 * overlapSweep([{ start: 0, end: 10 }], [{ start: 5, end: 20 }]) // [{ overlap: 5, busy: [0] }]
 */
export function overlapSweep(items: readonly Interval[], busy: readonly Interval[]): { overlap: number; busy: number[] }[] {
  const out: { overlap: number; busy: number[] }[] = [];
  // busy is sorted and disjoint, so its ends are sorted too: binary-search the first one that ends
  // after the first item starts (a catalog checks many sections against one long busy list).
  let first = 0;
  if (items.length > 0) {
    const t = (items[0] as Interval).start;
    let hi = busy.length;
    while (first < hi) {
      const mid = (first + hi) >>> 1;
      if ((busy[mid] as Interval).end <= t) first = mid + 1;
      else hi = mid;
    }
  }
  for (const it of items) {
    // Busy intervals that end before this item starts end before every later item starts too.
    while (first < busy.length && (busy[first] as Interval).end <= it.start) first++;
    let overlap = 0;
    const hits: number[] = [];
    for (let j = first; j < busy.length; j++) {
      const b = busy[j] as Interval;
      if (b.start >= it.end) break;
      const o = Math.min(b.end, it.end) - Math.max(b.start, it.start);
      if (o > 0) {
        overlap += o;
        hits.push(j);
      }
    }
    out.push({ overlap, busy: hits });
  }
  return out;
}

/**
 * `a` minus `b`: the parts of the sorted, non-overlapping intervals `a` not covered by the sorted,
 * non-overlapping intervals `b`.
 *
 * @example
 * subtract([{ start: 0, end: 10 }], [{ start: 3, end: 5 }]) // [{ start: 0, end: 3 }, { start: 5, end: 10 }]
 */
export function subtract(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const x of a) {
    let s = x.start;
    while (j < b.length && (b[j] as Interval).end <= s) j++;
    let k = j;
    while (k < b.length && (b[k] as Interval).start < x.end) {
      const y = b[k] as Interval;
      if (y.start > s) out.push({ start: s, end: y.start });
      s = Math.max(s, y.end);
      if (s >= x.end) break;
      k++;
    }
    if (s < x.end) out.push({ start: s, end: x.end });
  }
  return out;
}

/**
 * Sorted, non-overlapping intervals with prefix sums of their lengths: the total length inside
 * any `[from, to)` in O(log n).
 */
export class PrefixSums {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  /** cum[i] = total length of intervals 0..i-1 */
  private readonly cum: Float64Array;

  constructor(readonly intervals: readonly Interval[]) {
    const n = intervals.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.cum = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const iv = intervals[i] as Interval;
      this.starts[i] = iv.start;
      this.ends[i] = iv.end;
      this.cum[i + 1] = (this.cum[i] as number) + (iv.end - iv.start);
    }
  }

  /** Total length (ms) of `[0, t)` covered. */
  private upTo(t: number): number {
    // Last interval starting before t.
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) < t) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return 0;
    return (this.cum[i] as number) + Math.min(t, this.ends[i] as number) - (this.starts[i] as number);
  }

  /**
   * Covered length in `[from, to)`, in ms.
   *
   * @example
   * new PrefixSums([{ start: 0, end: 10 }, { start: 20, end: 30 }]).between(5, 25) // 10
   */
  between(from: number, to: number): number {
    return to <= from ? 0 : this.upTo(to) - this.upTo(from);
  }
}

/**
 * Merges intervals (any order) into sorted, non-overlapping ones; touching ones join.
 *
 * @example
 * mergeIntervals([{ start: 5, end: 8 }, { start: 0, end: 5 }]) // [{ start: 0, end: 8 }]
 */
export function mergeIntervals(items: readonly Interval[]): Interval[] {
  let inOrder = true;
  for (let i = 1; i < items.length && inOrder; i++) {
    const a = items[i - 1] as Interval;
    const b = items[i] as Interval;
    inOrder = a.start < b.start || (a.start === b.start && a.end <= b.end);
  }
  const sorted = inOrder ? items : [...items].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const it of sorted) {
    const last = out[out.length - 1];
    if (last && it.start <= last.end) last.end = Math.max(last.end, it.end);
    else out.push({ start: it.start, end: it.end });
  }
  return out;
}
