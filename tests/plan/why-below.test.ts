/**
 * whyBelow (lib/plan/rank.ts): why a plan ranks below the one above it, by the first ranking rule
 * that tells the two apart — verdict, then misses (sessions lost and deadlines not met), then the
 * slack of the tightest week, then nothing but the section ids.
 */
import { describe, expect, it } from "vitest";
import type { Measure } from "@/lib/plan";
import { comparePlans, whyBelow } from "@/lib/plan/rank";

function measure(verdict: Measure["verdict"], missedSessions: number, unmetDeadlines: number, slack: number, combo: number[] = [0, 1]): Measure {
  return { combo, verdict, missedSessions, unmetDeadlines, week: { required: 10, available: 10 + slack, slack } as Measure["week"] };
}
const ids = (m: Measure) => m.combo.map(String);

describe("whyBelow", () => {
  it("names the first rule that tells the plans apart, agreeing with the ranking", () => {
    const cases: [Measure, Measure, string][] = [
      [measure("fits", 0, 0, 2), measure("fits-with-tradeoffs", 0, 0, 20), "It fits with trade-offs; plan 1 fits."],
      [measure("does-not-fit", 1, 0, 5), measure("does-not-fit", 2, 1, 30), "Same verdict, but it misses 3 sessions or deadlines; plan 1 misses 1 session or deadline."],
      [measure("fits-with-tradeoffs", 0, 0, 13.5), measure("fits-with-tradeoffs", 0, 0, 12.04), "Same verdict and misses, but 12 h to spare in its tightest week against 13.5 h for plan 1."],
      [measure("fits", 0, 0, 4, [0, 1]), measure("fits", 0, 0, 4, [0, 2]), "As good as plan 1 by every rule; listed after it by section id."],
    ];
    for (const [above, below, text] of cases) {
      expect(comparePlans(above, below, ids)).toBeLessThan(0); // the cases are in ranked order
      expect(whyBelow(below, above, 1)).toBe(text);
    }
  });

  it("says 'misses nothing' for a plan above that misses nothing", () => {
    expect(whyBelow(measure("does-not-fit", 2, 0, 1), measure("does-not-fit", 0, 0, 1), 4)).toBe("Same verdict, but it misses 2 sessions or deadlines; plan 4 misses nothing.");
  });
});
