/**
 * Series that share an RRULE's text share its parsing (lib/ics/events.ts, ruleOf): each event
 * still gets its own rule with its own line, and every warning or error the rule earns is
 * reported at each event that has it.
 */
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";

const event = (uid: string, rule: string) => `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTART:20270104T090000Z\r\nDTEND:20270104T100000Z\r\nRRULE:${rule}\r\nSUMMARY:${uid}\r\nEND:VEVENT\r\n`;
const calendar = (...events: string[]) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events.join("")}END:VCALENDAR\r\n`;

describe("events that share a rule's text", () => {
  it("each have the rule, with their own line", () => {
    const r = importIcs(calendar(event("a", "FREQ=WEEKLY;BYDAY=MO;COUNT=3"), event("b", "FREQ=WEEKLY;BYDAY=MO;COUNT=3")));
    if (!r.ok) throw new Error(r.issues[0]?.message);
    const [a, b] = r.calendar.events;
    expect(a?.rrules[0]).toMatchObject({ freq: "WEEKLY", count: 3, byDay: [{ day: 0 }], line: 8 });
    expect(b?.rrules[0]).toMatchObject({ freq: "WEEKLY", count: 3, byDay: [{ day: 0 }], line: 15 });
    expect(a?.rrules[0]).not.toBe(b?.rrules[0]);
  });

  it("each get the rule's warning, and its error, at their own line", () => {
    const r = importIcs(calendar(event("a", "FREQ=WEEKLY;BYDAY=2MO"), event("b", "FREQ=WEEKLY;BYDAY=2MO"), event("c", "FREQ=FORTNIGHTLY"), event("d", "FREQ=FORTNIGHTLY")));
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.issues.map((i) => [i.code, i.uid, i.line])).toEqual([
      ["INVALID_RRULE", "a", 8],
      ["INVALID_RRULE", "b", 15],
      ["INVALID_RRULE", "c", 22],
      ["INVALID_RRULE", "d", 29],
    ]);
    expect(r.calendar.events.map((e) => e.uid)).toEqual(["a", "b"]);
  });
});
