/** The order occurrences are returned in: by start, then uid, then end. */
import type { Occurrence } from "./types";

function uidEnd(a: Occurrence, b: Occurrence): number {
  return (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) || a.end - b.end;
}

function byStartUidEnd(a: Occurrence, b: Occurrence): number {
  return a.start - b.start || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0) || a.end - b.end;
}

/**
 * Sorts in place by start, then uid, then end. Large lists sort a Float64Array of packed keys
 * (seconds since the earliest start × 2^22 + index) natively, then order runs of equal starts:
 * several times faster than a comparator sort of objects.
 */
export function sortOccurrences(out: Occurrence[]): void {
  const n = out.length;
  if (n < 2048 || n >= 1 << 22) {
    out.sort(byStartUidEnd);
    return;
  }
  let min = Infinity;
  let max = -Infinity;
  for (const o of out) {
    if (o.start < min) min = o.start;
    if (o.start > max) max = o.start;
  }
  const spanSeconds = Math.ceil((max - min) / 1000) + 1;
  const exactSeconds = out.every((o) => (o.start - min) % 1000 === 0);
  if (!exactSeconds || spanSeconds * 2 ** 22 >= 2 ** 53) {
    out.sort(byStartUidEnd);
    return;
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = ((out[i] as Occurrence).start - min) / 1000 * 4194304 + i;
  keys.sort();
  const copy = out.slice();
  for (let i = 0; i < n; i++) out[i] = copy[(keys[i] as number) % 4194304] as Occurrence;
  // Runs of equal starts: order by uid, then end (insertion sort: runs are short and often sorted).
  for (let i = 0; i < n; ) {
    let j = i + 1;
    const start = (out[i] as Occurrence).start;
    while (j < n && (out[j] as Occurrence).start === start) j++;
    if (j - i > 32) {
      // A long run (many all-day events on one date): a real sort, not quadratic insertion.
      const run = out.slice(i, j).sort(uidEnd);
      for (let k = 0; k < run.length; k++) out[i + k] = run[k] as Occurrence;
      i = j;
      continue;
    }
    for (let a = i + 1; a < j; a++) {
      const x = out[a] as Occurrence;
      let b = a - 1;
      while (b >= i && uidEnd(out[b] as Occurrence, x) > 0) {
        out[b + 1] = out[b] as Occurrence;
        b--;
      }
      out[b + 1] = x;
    }
    i = j;
  }
}
