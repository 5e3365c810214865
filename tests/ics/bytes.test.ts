/**
 * Bytes → text → content lines, through the public entry point `importIcs`: line endings, folds
 * (also inside a UTF-8 character), BOMs, Windows-1252, UTF-16, several VCALENDARs and blank lines.
 * Every input is built byte by byte here so that what is tested is visible in the test.
 */
import { describe, expect, it } from "vitest";
import { importIcs, type ImportResult } from "@/lib/ics/import";
import type { CalendarEvent } from "@/lib/calendar";

const enc = new TextEncoder();

/** Concatenates strings (as UTF-8) and raw byte arrays into one buffer. */
function bytes(...parts: (string | readonly number[] | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === "string" ? enc.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The lines of a one-event calendar, joined by `eol`. */
function calendarLines(summary = "Standup"): string[] {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//FormatFit tests//EN",
    "BEGIN:VEVENT",
    "UID:ev-1@example.test",
    "DTSTART:20270112T233000Z",
    "DTEND:20270113T003000Z",
    `SUMMARY:${summary}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
}

function ok(result: ImportResult): { events: CalendarEvent[]; issues: ImportResult["issues"]; encoding: string } {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues)}`);
  return { events: result.calendar.events, issues: result.issues, encoding: result.calendar.stats.encoding };
}

function only(events: readonly CalendarEvent[]): CalendarEvent {
  expect(events).toHaveLength(1);
  return events[0] as CalendarEvent;
}

describe("line endings", () => {
  it.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
    ["lone CR (classic Mac)", "\r"],
  ])("%s: one event, its times and summary read, no issues", (_name, eol) => {
    const { events, issues } = ok(importIcs(bytes(calendarLines().join(eol) + eol)));
    const ev = only(events);
    expect(ev.uid).toBe("ev-1@example.test");
    expect(ev.summary).toBe("Standup");
    expect(ev.start).toEqual({ kind: "utc", utc: Date.parse("2027-01-12T23:30:00Z") });
    expect(ev.end).toEqual({ kind: "utc", utc: Date.parse("2027-01-13T00:30:00Z") });
    expect(issues).toEqual([]);
  });

  it("mixed CRLF, LF and a lone CR in one file", () => {
    const [a, b, c, d, e, f, g, h, i, j] = calendarLines();
    const text = `${a}\r\n${b}\n${c}\r\n${d}\n${e}\r${f}\r\n${g}\n${h}\r\n${i}\n${j}\r\n`;
    const { events, issues } = ok(importIcs(bytes(text)));
    const ev = only(events);
    expect(ev.uid).toBe("ev-1@example.test");
    expect(ev.summary).toBe("Standup");
    expect(ev.end).toEqual({ kind: "utc", utc: Date.parse("2027-01-13T00:30:00Z") });
    expect(issues).toEqual([]);
  });

  it("line numbers count physical lines whatever the ending (a bad DTSTART on line 6 says line 6)", () => {
    const lines = calendarLines();
    lines[5] = "DTSTART:20270230T233000Z";
    for (const eol of ["\r\n", "\n", "\r"]) {
      const result = importIcs(bytes(lines.join(eol) + eol));
      expect(result.issues.find((i) => i.code === "INVALID_DATE")?.line).toBe(6);
    }
  });
});

describe("folding (RFC 5545 §3.1)", () => {
  it("a fold with a space continues the line and drops exactly that one space", () => {
    const lines = calendarLines("Quarterly planning with").slice();
    lines.splice(8, 0, "  the whole team");
    const { events } = ok(importIcs(bytes(lines.join("\r\n") + "\r\n")));
    expect(only(events).summary).toBe("Quarterly planning with the whole team");
  });

  it("a fold with a tab continues the line (Outlook 2007 folds with tabs)", () => {
    const lines = calendarLines("Quarterly planning").slice();
    lines.splice(8, 0, "\t review");
    const { events } = ok(importIcs(bytes(lines.join("\r\n") + "\r\n")));
    expect(only(events).summary).toBe("Quarterly planning review");
  });

  it("a fold inside the property name and a fold inside a parameter still unfold", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:fold-2",
      "DTST",
      " ART;TZID=America/New",
      " _York:20270112T183000",
      "SUMMARY:x",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const ev = only(ok(importIcs(bytes(text))).events);
    expect(ev.start.kind).toBe("zoned");
    if (ev.start.kind === "zoned") {
      expect(ev.start.zone.name).toBe("America/New_York");
      expect(ev.start.wall).toBe(Date.UTC(2027, 0, 12, 18, 30));
    }
  });

  it("a fold that splits a 2-byte UTF-8 character (é = C3 A9) leaves the summary intact", () => {
    const input = bytes(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:split-2\r\nDTSTART:20270112T233000Z\r\nSUMMARY:Caf",
      [0xc3],
      "\r\n ",
      [0xa9],
      " du matin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    const { events, encoding, issues } = ok(importIcs(input));
    expect(only(events).summary).toBe("Café du matin");
    expect(encoding).toBe("utf-8");
    expect(issues.map((i) => i.code)).not.toContain("ENCODING_FALLBACK");
  });

  it("a fold that splits a 4-byte emoji (🎉 = F0 9F 8E 89) after its second byte leaves the summary intact", () => {
    const input = bytes(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:split-4\r\nDTSTART:20270112T233000Z\r\nSUMMARY:Party ",
      [0xf0, 0x9f],
      "\r\n ",
      [0x8e, 0x89],
      " time\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    const { events, encoding } = ok(importIcs(input));
    expect(only(events).summary).toBe("Party 🎉 time");
    expect(encoding).toBe("utf-8");
  });

  it("a 4-byte emoji split after its first byte and a 2-byte character split in the same file both survive", () => {
    const input = bytes(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:split-both\r\nDTSTART:20270112T233000Z\r\nSUMMARY:",
      [0xf0],
      "\r\n ",
      [0x9f, 0x8e, 0x89],
      " R",
      [0xc3],
      "\r\n ",
      [0xa9],
      "union\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    expect(only(ok(importIcs(input)).events).summary).toBe("🎉 Réunion");
  });

  it("keeps the physical line numbers after a fold inside a character was repaired", () => {
    const input = bytes(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:split-line\r\nSUMMARY:Caf",
      [0xc3],
      "\r\n ",
      [0xa9],
      "\r\nDTSTART:20270231T233000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    const result = importIcs(input);
    expect(result.issues.find((i) => i.code === "INVALID_DATE")?.line).toBe(6);
  });
});

describe("byte-order marks and encodings", () => {
  it("a UTF-8 BOM is dropped (the first line is still BEGIN:VCALENDAR)", () => {
    const { events, issues, encoding } = ok(importIcs(bytes([0xef, 0xbb, 0xbf], calendarLines("Réunion").join("\r\n") + "\r\n")));
    expect(only(events).summary).toBe("Réunion");
    expect(encoding).toBe("utf-8");
    expect(issues).toEqual([]);
  });

  it("a BOM in a string input is dropped too", () => {
    const { events } = ok(importIcs(`\uFEFF${calendarLines().join("\r\n")}\r\n`));
    expect(only(events).uid).toBe("ev-1@example.test");
  });

  it("Latin-1 bytes (é as E9, ü as FC) decode right, with one ENCODING_FALLBACK warning", () => {
    const input = bytes(
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:latin1\r\nDTSTART:20270112T233000Z\r\nSUMMARY:Caf",
      [0xe9],
      " Fr",
      [0xfc],
      "hst",
      [0xfc],
      "ck\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    const { events, issues, encoding } = ok(importIcs(input));
    expect(only(events).summary).toBe("Café Frühstück");
    expect(encoding).toBe("windows-1252");
    const fallback = issues.filter((i) => i.code === "ENCODING_FALLBACK");
    expect(fallback).toHaveLength(1);
    expect(fallback[0]?.severity).toBe("warning");
    expect(fallback[0]?.message).toMatch(/Windows-1252/);
  });

  // € as 0x80 (the Windows-1252-only range 0x80–0x9F) is in tests/known-failures-input.test.ts:
  // Node ≥ 20.18.3's TextDecoder("windows-1252") decodes it as Latin-1 (nodejs/node#60888).

  it("valid UTF-8 is never read as Windows-1252 (no warning)", () => {
    const { events, issues, encoding } = ok(importIcs(bytes(calendarLines("Café €5 Frühstück").join("\r\n"))));
    expect(only(events).summary).toBe("Café €5 Frühstück");
    expect(encoding).toBe("utf-8");
    expect(issues).toEqual([]);
  });

  it("UTF-16 little-endian with a BOM (Windows Notepad's 'Unicode')", () => {
    const text = calendarLines("Réunion 🎉").join("\r\n") + "\r\n";
    const le = Buffer.from(text, "utf16le");
    const { events } = ok(importIcs(bytes([0xff, 0xfe], le)));
    expect(only(events).summary).toBe("Réunion 🎉");
  });

  it("UTF-16 big-endian with a BOM", () => {
    const text = calendarLines("Réunion 🎉").join("\r\n") + "\r\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    const { events } = ok(importIcs(bytes([0xfe, 0xff], be)));
    expect(only(events).summary).toBe("Réunion 🎉");
  });
});

describe("file structure", () => {
  it("several VCALENDARs in one file: every event is read, and a VTIMEZONE in one serves the others", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "TZID:My Office Zone",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0300",
      "TZOFFSETTO:+0300",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:first",
      "DTSTART:20270112T090000Z",
      "END:VEVENT",
      "END:VCALENDAR",
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "UID:second",
      "DTSTART;TZID=My Office Zone:20270113T090000",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    const { events, issues } = ok(importIcs(bytes(text)));
    expect(events.map((e) => e.uid)).toEqual(["first", "second"]);
    const second = events[1] as CalendarEvent;
    expect(second.start.kind).toBe("zoned");
    if (second.start.kind === "zoned") expect(second.start.zone.wallToUtc(second.start.wall)).toBe(Date.parse("2027-01-13T06:00:00Z"));
    expect(issues).toEqual([]);
  });

  it("blank lines (empty, and whitespace-only) between properties and components are ignored, line numbers still physical", () => {
    const text = [
      "",
      "BEGIN:VCALENDAR",
      "",
      "BEGIN:VEVENT",
      "UID:blank-1",
      "   ",
      "DTSTART:20270112T233000Z",
      "",
      "SUMMARY:Kept",
      "END:VEVENT",
      "",
      "",
      "BEGIN:VEVENT",
      "UID:blank-2",
      "DTSTART:20270230T233000Z",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
      "",
    ].join("\r\n");
    const result = importIcs(bytes(text));
    const { events, issues } = ok(result);
    expect(only(events).summary).toBe("Kept");
    expect(issues.map((i) => [i.code, i.line])).toEqual([["INVALID_DATE", 15]]);
  });

  it("a file without a final line ending reads its last line", () => {
    const { events } = ok(importIcs(bytes(calendarLines().join("\r\n"))));
    expect(only(events).uid).toBe("ev-1@example.test");
  });
});
