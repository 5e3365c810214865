/**
 * Interval arithmetic on half-open [start, end) intervals (lib/fit/intervals.ts). Small integers
 * stand for instants; every expected value is worked out by hand in the comment beside it.
 */
import { describe, expect, it } from "vitest";
import { mergeIntervals, overlapSweep, PrefixSums, subtract, type Interval } from "@/lib/fit/intervals";

/** A deep-frozen copy, so any attempt to modify the input throws. */
function frozen(items: readonly Interval[]): readonly Interval[] {
  return Object.freeze(items.map((i) => Object.freeze({ ...i })));
}

describe("overlapSweep", () => {
  it("sums the busy time inside each item and names the busy intervals involved", () => {
    const items = frozen([
      { start: 0, end: 10 }, //  busy [5,12) → 5..10 = 5
      { start: 10, end: 20 }, // busy [5,12) → 10..12 = 2, busy [15,16) → 1: 3
      { start: 25, end: 30 }, // busy [29,40) → 29..30 = 1
      { start: 40, end: 50 }, // busy [29,40) ends at 40: touching, 0
    ]);
    const busy = frozen([
      { start: 5, end: 12 },
      { start: 15, end: 16 },
      { start: 29, end: 40 },
    ]);
    expect(overlapSweep(items, busy)).toEqual([
      { overlap: 5, busy: [0] },
      { overlap: 3, busy: [0, 1] },
      { overlap: 1, busy: [2] },
      { overlap: 0, busy: [] },
    ]);
  });

  it("handles items that overlap each other (a long item, then a short one inside it)", () => {
    // [0,100) holds busy [5,8) and [50,60): 3 + 10 = 13. [6,7) holds 1 of [5,8).
    expect(overlapSweep(frozen([{ start: 0, end: 100 }, { start: 6, end: 7 }]), frozen([{ start: 5, end: 8 }, { start: 50, end: 60 }]))).toEqual([
      { overlap: 13, busy: [0, 1] },
      { overlap: 1, busy: [0] },
    ]);
  });

  it("gives nothing for no busy time, and an empty answer for no items", () => {
    expect(overlapSweep(frozen([{ start: 0, end: 10 }]), [])).toEqual([{ overlap: 0, busy: [] }]);
    expect(overlapSweep([], frozen([{ start: 0, end: 10 }]))).toEqual([]);
  });
});

describe("subtract", () => {
  it("cuts b out of a", () => {
    // [0,10) − [3,5) − [8,22) = [0,3) [5,8); [20,30) − [8,22) − [25,26) = [22,25) [26,30)
    const a = frozen([{ start: 0, end: 10 }, { start: 20, end: 30 }]);
    const b = frozen([{ start: 3, end: 5 }, { start: 8, end: 22 }, { start: 25, end: 26 }]);
    expect(subtract(a, b)).toEqual([
      { start: 0, end: 3 },
      { start: 5, end: 8 },
      { start: 22, end: 25 },
      { start: 26, end: 30 },
    ]);
  });

  it("leaves a alone when b only touches it, and removes it when b covers it", () => {
    expect(subtract(frozen([{ start: 10, end: 20 }]), frozen([{ start: 0, end: 10 }, { start: 20, end: 30 }]))).toEqual([{ start: 10, end: 20 }]);
    expect(subtract(frozen([{ start: 10, end: 20 }]), frozen([{ start: 0, end: 30 }]))).toEqual([]);
    expect(subtract(frozen([{ start: 10, end: 20 }]), frozen([{ start: 10, end: 20 }]))).toEqual([]);
  });

  it("lets one b interval cut several a intervals", () => {
    // [5,25) removes the end of [0,10), all of [12,18), the start of [20,30).
    expect(subtract(frozen([{ start: 0, end: 10 }, { start: 12, end: 18 }, { start: 20, end: 30 }]), frozen([{ start: 5, end: 25 }]))).toEqual([
      { start: 0, end: 5 },
      { start: 25, end: 30 },
    ]);
  });
});

describe("PrefixSums.between", () => {
  const sums = new PrefixSums(frozen([{ start: 0, end: 10 }, { start: 20, end: 30 }]));

  it("counts covered time in [from, to)", () => {
    expect(sums.between(5, 25)).toBe(10); // 5..10 and 20..25
    expect(sums.between(2, 7)).toBe(5); // inside one interval
    expect(sums.between(22, 28)).toBe(6);
    expect(sums.between(-5, 100)).toBe(20); // everything
  });

  it("counts nothing in a gap, at a boundary, or in an empty or reversed range", () => {
    expect(sums.between(10, 20)).toBe(0);
    expect(sums.between(30, 40)).toBe(0);
    expect(sums.between(-10, 0)).toBe(0);
    expect(sums.between(7, 7)).toBe(0);
    expect(sums.between(25, 5)).toBe(0);
  });

  it("starts exactly at an interval's start", () => {
    expect(sums.between(20, 21)).toBe(1);
    expect(sums.between(0, 10)).toBe(10);
  });

  it("is 0 everywhere with no intervals", () => {
    expect(new PrefixSums([]).between(-100, 100)).toBe(0);
  });
});

describe("mergeIntervals", () => {
  it("sorts and merges, joining touching intervals and swallowing contained ones", () => {
    const input = frozen([
      { start: 5, end: 8 },
      { start: 0, end: 5 }, // touches [5,8) → [0,8)
      { start: 11, end: 15 },
      { start: 10, end: 12 }, // overlaps [11,15) → [10,15)
      { start: 20, end: 30 },
      { start: 22, end: 23 }, // inside [20,30)
    ]);
    expect(mergeIntervals(input)).toEqual([
      { start: 0, end: 8 },
      { start: 10, end: 15 },
      { start: 20, end: 30 },
    ]);
  });

  it("does not modify or reorder its input", () => {
    const input = [
      { start: 5, end: 8 },
      { start: 0, end: 5 },
    ];
    const copy = JSON.parse(JSON.stringify(input)) as Interval[];
    const out = mergeIntervals(input);
    expect(input).toEqual(copy);
    // The output is new objects: changing it does not reach the input.
    (out[0] as { end: number }).end = 99;
    expect(input).toEqual(copy);
  });

  it("keeps a zero-length interval that is not inside another", () => {
    expect(mergeIntervals(frozen([{ start: 3, end: 3 }]))).toEqual([{ start: 3, end: 3 }]);
  });
});
