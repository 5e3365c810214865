/**
 * The byte-level prescan (lib/ics/prescan.ts) may only ever leave out events that cannot reach the
 * window: importing with a window must give exactly the occurrences of importing without one. A
 * generated 2,000-event calendar (1.6 MB: over the prescan's 1 MB threshold) with every kind of
 * event real exports hold is checked over windows in the past, around the export date and later.
 */
import { describe, expect, it } from "vitest";
import { generateCalendar } from "../../bench/generate";
import { importIcs } from "@/lib/ics/import";
import fc from "fast-check";
import { canPrescan, countNewlines } from "@/lib/ics/prescan";
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

describe("prescan and the file's encoding and case", () => {
  const text = generateCalendar({ events: 2000, seed: 20261128 });
  const window = { from: Date.parse("2026-09-07T00:00:00Z"), to: Date.parse("2026-09-21T00:00:00Z") };
  /** The file with one more event, in the window, whose summary is `summary` in Windows-1252. */
  const withLatin1Event = (start: string): Uint8Array => {
    const event = `BEGIN:VEVENT\r\nUID:latin1-event\r\nDTSTART:${start}\r\nDTEND:${start.slice(0, 9)}235900Z\r\nSUMMARY:R\xe9union d'\xe9quipe\r\nEND:VEVENT\r\n`;
    return Buffer.from(text.replace("END:VCALENDAR", `${event}END:VCALENDAR`), "latin1");
  };

  it("reads a file that is not UTF-8 in a part it keeps the usual way, as Windows-1252", () => {
    const r = importIcs(withLatin1Event("20260910T090000Z"), { window });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.issues.map((i) => i.code)).toContain("ENCODING_FALLBACK");
    expect(r.calendar.events.find((e) => e.uid === "latin1-event")?.summary).toBe("Réunion d'équipe");
  });

  it("leaves out the same events whether or not a part it leaves out is UTF-8", () => {
    const r = importIcs(withLatin1Event("20190910T090000Z"), { window });
    const plain = importIcs(new TextEncoder().encode(text), { window });
    if (!r.ok || !plain.ok) throw new Error("refused");
    expect(r.calendar.events.map((e) => e.uid)).toEqual(plain.calendar.events.map((e) => e.uid));
  });

  it("keeps events whose recurrence or end is written in mixed case, or follows other R lines", () => {
    // Each starts in 2019, far from the window, and reaches into it only by what the glance must read.
    const events = [
      "UID:mixed-rdate\r\nDTSTART:20190910T090000Z\r\nDTEND:20190910T100000Z\r\nRDate:20260910T090000Z",
      "UID:mixed-rrule\r\nDTSTART:20190910T090000Z\r\nDTEND:20190910T100000Z\r\nRRule:FREQ=YEARLY",
      "UID:mixed-dtend\r\nDTSTART:20190910T090000Z\r\nDTEnd:20260910T100000Z",
      "UID:mixed-duration\r\nDTSTART:20190910T090000Z\r\nDuration:P2600D",
      "UID:after-related-to\r\nDTSTART:20190910T090000Z\r\nDTEND:20190910T100000Z\r\nRELATED-TO:x\r\nRESOURCES:room\r\nRRULE:FREQ=WEEKLY",
      "UID:empty-rrule-first\r\nDTSTART:20190910T090000Z\r\nDTEND:20190910T100000Z\r\nRRULE:\r\nRRULE:FREQ=MONTHLY",
      "UID:spaced-name\r\nDTSTART:20190910T090000Z\r\nDTEND:20190910T100000Z\r\nRRULE :FREQ=DAILY",
    ];
    const block = events.map((e) => `BEGIN:VEVENT\r\n${e}\r\nSUMMARY:edge\r\nEND:VEVENT\r\n`).join("");
    const file = new TextEncoder().encode(text.replace("END:VCALENDAR", `${block}END:VCALENDAR`));
    expect(canPrescan(file)).toBe(true);
    const occurrences = (r: ReturnType<typeof importIcs>) => {
      if (!r.ok) throw new Error(r.issues[0]?.message);
      return expandEvents(r.calendar.events, window, { viewerZone: "UTC" }).occurrences.map((o) => `${o.uid} ${o.start} ${o.end}`);
    };
    const windowed = occurrences(importIcs(file, { window }));
    expect(windowed).toEqual(occurrences(importIcs(file)));
    for (const uid of ["mixed-rdate", "mixed-rrule", "mixed-dtend", "mixed-duration", "after-related-to", "empty-rrule-first", "spaced-name"]) {
      expect(windowed.some((o) => o.startsWith(`${uid} `))).toBe(true);
    }
  });

  it("does not apply when a property it looks for is written in lower or mixed case", () => {
    for (const name of ["rrule", "rdate", "recurrence-id", "rRule"]) {
      expect(canPrescan(new TextEncoder().encode(text.replace("\r\nRRULE", `\r\n${name}`)))).toBe(false);
    }
    expect(canPrescan(new TextEncoder().encode(text.replace("\r\nRRULE", "\r\nRRULE")))).toBe(true);
  });
});

describe("countNewlines", () => {
  it("counts the \\n bytes of any range of any buffer, aligned or not", () => {
    const byte = fc.oneof(fc.constant(0x0a), fc.constant(0x0d), fc.constant(0x8a), fc.constant(0x0b), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 200 }), fc.nat(7), fc.nat(), fc.nat(), (bytes, offset, a, b) => {
        const backing = new Uint8Array(bytes.length + offset);
        backing.set(bytes, offset);
        const buf = backing.subarray(offset);
        const from = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const to = from + (bytes.length === 0 ? 0 : b % (bytes.length - from + 1));
        expect(countNewlines(buf, from, to)).toBe(bytes.slice(from, to).filter((x) => x === 0x0a).length);
      }),
      { numRuns: 2000 },
    );
  });
});
