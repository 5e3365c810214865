/**
 * The byte-level prescan (lib/ics/prescan.ts) may only ever leave out events that cannot reach the
 * window: importing with a window must give exactly the occurrences of importing without one. A
 * generated 2,000-event calendar (1.6 MB: over the prescan's 1 MB threshold) with every kind of
 * event real exports hold is checked over windows in the past, around the export date and later.
 */
import { describe, expect, it } from "vitest";
import { generateCalendar } from "../../bench/generate";
import { importIcs } from "@/lib/ics/import";
import { canPrescan } from "@/lib/ics/prescan";
import { expandEvents } from "@/lib/recurrence/expand";

const bytes = new TextEncoder().encode(generateCalendar({ events: 2000, seed: 20261128 }));

function occurrencesOf(window: { from: number; to: number }, useWindow: boolean): string[] {
  const r = importIcs(bytes, useWindow ? { window } : {});
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return expandEvents(r.calendar.events, window, { viewerZone: "America/New_York" }).occurrences.map((o) => `${o.uid} ${o.start} ${o.end} ${o.transparent}`);
}

describe("prescan", () => {
  it("applies to this file", () => {
    expect(bytes.length).toBeGreaterThan(1_000_000);
    expect(canPrescan(bytes)).toBe(true);
  });

  it.each([
    ["2021-03-01", 30],
    ["2026-09-07", 112],
    ["2026-10-25", 14],
    ["2028-06-01", 60],
  ])("gives the same occurrences with and without a window from %s for %i days", (from, days) => {
    const start = Date.parse(`${from}T00:00:00Z`);
    const window = { from: start, to: start + days * 86_400_000 };
    const withWindow = occurrencesOf(window, true);
    expect(withWindow.length).toBeGreaterThan(0);
    expect(withWindow).toEqual(occurrencesOf(window, false));
  });

  it("counts the events it left out in the statistics", () => {
    const start = Date.parse("2026-09-07T00:00:00Z");
    const windowed = importIcs(bytes, { window: { from: start, to: start + 7 * 86_400_000 } });
    const full = importIcs(bytes);
    if (!windowed.ok || !full.ok) throw new Error("refused");
    expect(windowed.calendar.events.length).toBeLessThan(full.calendar.events.length);
    expect(windowed.calendar.stats.eventCount).toBe(full.calendar.stats.eventCount);
  });
});
