/**
 * lib/recurrence/columns.ts and sort.ts: occurrences kept as columns come back as the same
 * objects, and their order is exactly "by start, then uid, then end, ties in the order added" —
 * on the packed-key path (whole seconds), the comparator path (milliseconds, huge spans), and in
 * long runs of equal starts (a date's all-day events).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CalendarEvent } from "@/lib/calendar";
import { OccurrenceColumns } from "@/lib/recurrence/expand";
import { OccurrenceObjects, type OccurrenceList } from "@/lib/recurrence/columns";
import { occurrenceOrder } from "@/lib/recurrence/sort";

const event = (uid: string, allDay = false): CalendarEvent =>
  ({ uid, summary: `about ${uid}`, transparent: false, status: undefined, busyStatus: undefined, start: { kind: allDay ? "date" : "utc" } }) as unknown as CalendarEvent;

/** The order by a plain comparator: the definition the fast paths must match. */
function reference(c: OccurrenceList): number[] {
  return Array.from({ length: c.length }, (_, i) => i).sort((a, b) => {
    const ua = (c.events[c.eventIndex(a)] as CalendarEvent).uid;
    const ub = (c.events[c.eventIndex(b)] as CalendarEvent).uid;
    return c.start(a) - c.start(b) || (ua < ub ? -1 : ua > ub ? 1 : 0) || c.end(a) - c.end(b) || a - b;
  });
}

describe("occurrence columns", () => {
  it("give back each occurrence as the object expansion used to make", () => {
    const ev = event("a");
    const c = new OccurrenceColumns();
    c.add(ev, 1000, 2000, undefined);
    c.add(ev, 3000, 4000, 2500);
    expect(c.length).toBe(2);
    expect(c.occurrence(0)).toEqual({ uid: "a", start: 1000, end: 2000, allDay: false, transparent: false, summary: "about a", status: undefined, busyStatus: undefined, recurrenceId: undefined, event: ev });
    expect(c.occurrence(1).recurrenceId).toBe(2500);
    expect(c.events).toEqual([ev]);
  });

  it("grow past their first size and keep every value", () => {
    const evs = [event("x"), event("y"), event("z")];
    const c = new OccurrenceColumns();
    for (let i = 0; i < 5000; i++) c.add(evs[i % 3] as CalendarEvent, i * 1000, i * 1000 + 7, i % 2 === 0 ? undefined : i);
    expect(c.length).toBe(5000);
    expect(c.events).toHaveLength(3);
    for (const i of [0, 1, 1023, 1024, 4999]) {
      expect([c.start(i), c.end(i), c.eventOf(i).uid, c.occurrence(i).recurrenceId]).toEqual([i * 1000, i * 1000 + 7, evs[i % 3]?.uid, i % 2 === 0 ? undefined : i]);
    }
  });
});

describe("occurrenceOrder", () => {
  const uids = ["b", "a", "040000008200E00074C5B7101A82E0080000000090526A5CDBC82977000000000000000010000000", "040000008200E00074C5B7101A82E0080000000090526A5CDBC82977000000000000000010000001", "a"];
  const base = Date.UTC(2026, 8, 7);
  const startArb = fc.oneof(
    fc.integer({ min: 0, max: 5 }).map((d) => base + d * 86_400_000),
    fc.integer({ min: 0, max: 100 }).map((m) => base + m * 60_000),
    fc.integer({ min: -5000, max: 5000 }).map((ms) => base + ms),
    fc.constantFrom(-8.64e15, 8.64e15),
  );
  const occurrenceArb = fc.record({ event: fc.nat({ max: uids.length - 1 }), start: startArb, length: fc.constantFrom(0, 1000, 3_600_000, 86_400_000) });

  it("is by start, then uid, then end, ties in the order added — on every path", () => {
    fc.assert(
      fc.property(fc.array(occurrenceArb, { maxLength: 120 }), fc.boolean(), (list, wholeSeconds) => {
        const evs = uids.map((u) => event(u));
        // The same occurrences as columns (the CLI) and as objects (the app): the same order.
        const c = new OccurrenceColumns();
        const objects = new OccurrenceObjects();
        for (const o of list) {
          const start = wholeSeconds && Math.abs(o.start) < 8e15 ? Math.round(o.start / 1000) * 1000 : o.start;
          c.add(evs[o.event] as CalendarEvent, start, start + o.length, undefined);
          objects.add(evs[o.event] as CalendarEvent, start, start + o.length, undefined);
        }
        const expected = reference(c);
        expect(Array.from(occurrenceOrder(c))).toEqual(expected);
        expect(Array.from(occurrenceOrder(objects))).toEqual(expected);
        expect(objects.list.map((o) => [o.start, o.end, o.uid])).toEqual(objects.list.map((_, i) => [c.start(i), c.end(i), c.eventOf(i).uid]));
      }),
      { numRuns: 400 },
    );
  });

  it("orders a long run of equal starts (a date's all-day events) by uid, then end", () => {
    const c = new OccurrenceColumns();
    const evs = Array.from({ length: 300 }, (_, k) => event(`uid-${(k * 7919) % 300}`, true));
    for (let k = 0; k < 900; k++) c.add(evs[k % 300] as CalendarEvent, base + (k % 2) * 86_400_000, base + 86_400_000 * (1 + (k % 5)), undefined);
    const order = Array.from(occurrenceOrder(c));
    expect(order).toEqual(reference(c));
    expect(c.eventOf(order[0] as number).uid).toBe("uid-0");
  });
});
