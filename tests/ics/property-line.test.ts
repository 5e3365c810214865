/**
 * lib/ics/content-lines.ts parseProperty: a content line split into name, parameters and value as
 * RFC 5545 §3.1 writes them, and as real writers deviate — names in any case or with blank space,
 * several values, quoted values holding ":" ";" ",", Outlook's misplaced closing quote — and the
 * lines that are no property at all.
 */
import { describe, expect, it } from "vitest";
import { parseProperty } from "@/lib/ics/content-lines";
import { importIcs } from "@/lib/ics/import";

const parse = (text: string) => parseProperty({ text, line: 7 });

describe("parseProperty", () => {
  it("reads a plain line, and one with parameters", () => {
    expect(parse("DTSTART:20270111T090000Z")).toEqual({ name: "DTSTART", params: undefined, value: "20270111T090000Z", line: 7 });
    expect(parse('ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN="Zoë J":mailto:zoe@example.com')).toEqual({
      name: "ATTENDEE",
      params: { ROLE: "REQ-PARTICIPANT", PARTSTAT: "ACCEPTED", CN: "Zoë J" },
      value: "mailto:zoe@example.com",
      line: 7,
    });
  });

  it("upper-cases and trims names and parameter names written otherwise", () => {
    expect(parse(" dtStart ;tzid=Europe/Berlin:20270111T090000")).toEqual({ name: "DTSTART", params: { TZID: "Europe/Berlin" }, value: "20270111T090000", line: 7 });
    expect(parse("x-wr-calname:Work")?.name).toBe("X-WR-CALNAME");
    expect(parse("straße:1")?.name).toBe("STRASSE");
  });

  it("keeps several values comma-separated, quoted ones with their : ; and , inside", () => {
    expect(parse('X;MEMBER="a:b;c","d,e",f:v')?.params).toEqual({ MEMBER: "a:b;c,d,e,f" });
    expect(parse('DTSTART;TZID="Kuala Lumpur, Singapore":20070101T090000')?.params).toEqual({ TZID: "Kuala Lumpur, Singapore" });
  });

  it("recovers Outlook's closing quote misplaced after the value, after earlier values too", () => {
    expect(parse('DTSTART;TZID="W. Europe Standard Time:20200609T090000"')).toEqual({ name: "DTSTART", params: { TZID: "W. Europe Standard Time" }, value: "20200609T090000", line: 7 });
    expect(parse('X;P=a,"b:c"')).toEqual({ name: "X", params: { P: "a,b" }, value: "c", line: 7 });
  });

  it("is undefined for a line that is no property", () => {
    for (const text of ["no colon here", ":value without a name", "X;P:v", 'X;P="open:v', "X;P=a b", "X;P=v;"]) expect(parse(text), text).toBeUndefined();
  });
});

describe("an event's lines that are no property", () => {
  it("are each reported once, though the event's properties are read twice (no UID: one is made from them)", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      "DTSTART:20270111T090000Z",
      "DTEND:20270111T100000Z",
      "this line has no colon",
      'DESCRIPTION;ALTREP="cid:unclosed:text',
      "LOCATION;X=1:Room 4",
      "SUMMARY:No UID",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const r = importIcs(text);
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(r.issues.filter((i) => i.code === "MALFORMED_LINE").map((i) => i.line)).toEqual([6, 7]);
    expect(r.calendar.events.map((e) => e.summary)).toEqual(["No UID"]);
    expect(r.calendar.events[0]?.uid).toMatch(/^line-3\./);
  });
});
