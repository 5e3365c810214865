/**
 * The iCalendar writer's layers: TEXT escaping, parameter quoting, folding at 75 octets without
 * splitting a character, value formatting, and VTIMEZONE from a zone's real transitions — the last
 * read back by our importer (under a TZID only the VTIMEZONE defines) and by ical.js.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";
import { property, textProperty, writeComponent } from "@/lib/ics/write/calendar";
import { contentLine, escapeText, foldLine, paramValue, serializeLines } from "@/lib/ics/write/text";
import { utcDateTime, utcOffset, wallDateTime } from "@/lib/ics/write/values";
import { vtimezone, zoneTransitions } from "@/lib/ics/write/vtimezone";
import { requireZone } from "@/lib/time/zone";
import { ics, iso } from "../helpers/ics";

const HOUR = 3_600_000;
const decoder = new TextDecoder("utf-8", { fatal: true });

/** The physical lines of folded text (no trailing CRLF). */
function physical(text: string): string[] {
  return text.split("\r\n");
}

function unfold(text: string): string {
  return text.replace(/\r\n /g, "");
}

describe("escapeText", () => {
  it("escapes backslash, semicolon and comma with a backslash", () => {
    expect(escapeText("a\\b;c,d")).toBe("a\\\\b\\;c\\,d");
  });

  it("writes every kind of line break as \\n", () => {
    expect(escapeText("one\r\ntwo\rthree\nfour")).toBe("one\\ntwo\\nthree\\nfour");
  });

  it("leaves colons, quotes and tabs alone and drops other control characters", () => {
    expect(escapeText('Room: "A"\tB\u0007\u0000')).toBe('Room: "A"\tB');
  });

  it("escapes the backslash first, so an escaped character is not escaped twice", () => {
    expect(escapeText("\\,")).toBe("\\\\\\,");
  });
});

describe("paramValue", () => {
  it("writes a plain value as it is", () => {
    expect(paramValue("America/New_York")).toBe("America/New_York");
  });

  it("quotes a value with a colon, semicolon or comma", () => {
    expect(paramValue("Room 4: Lab; west, 2nd floor")).toBe('"Room 4: Lab; west, 2nd floor"');
  });

  it("encodes a double quote and a line break as RFC 6868 says, and then the caret", () => {
    expect(paramValue('The "Annex"\nwest ^')).toBe("The ^'Annex^'^nwest ^^");
    expect(paramValue("a^b")).toBe("a^b");
  });

  it("builds a content line with its parameters", () => {
    expect(contentLine({ name: "DTSTART", params: [["TZID", "America/New_York"]], value: "20270112T183000" })).toBe("DTSTART;TZID=America/New_York:20270112T183000");
    expect(contentLine({ name: "ATTENDEE", params: [["CN", "Doe, Jane"]], value: "mailto:jane@example.com" })).toBe('ATTENDEE;CN="Doe, Jane":mailto:jane@example.com');
  });
});

describe("foldLine", () => {
  it("leaves a line of exactly 75 octets alone", () => {
    const line = `SUMMARY:${"x".repeat(67)}`;
    expect(Buffer.byteLength(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it("folds a 76-octet line after 75 octets, the continuation starting with one space", () => {
    const line = `SUMMARY:${"x".repeat(68)}`;
    expect(physical(foldLine(line))).toEqual([`SUMMARY:${"x".repeat(67)}`, " x"]);
  });

  it("counts the continuation's space toward its 75 octets", () => {
    const folded = physical(foldLine(`X:${"y".repeat(300)}`));
    // 302 octets: 75, then 74 (and a space) three times, then the last 5 (and a space).
    expect(folded.map((l) => Buffer.byteLength(l))).toEqual([75, 75, 75, 75, 6]);
    expect(folded.slice(1).every((l) => l.startsWith(" ") && !l.startsWith("  "))).toBe(true);
  });

  it("never splits a multi-byte character: a 3-octet character that would cross octet 75 moves to the next line", () => {
    // 74 octets, then "€" (3 octets): it would end at octet 77.
    const line = `SUMMARY:${"x".repeat(66)}€€`;
    const folded = physical(foldLine(line));
    expect(folded).toEqual([`SUMMARY:${"x".repeat(66)}`, " €€"]);
    expect(Buffer.byteLength(folded[0] as string)).toBe(74);
  });

  it("keeps every line of long emoji text within 75 octets, valid UTF-8 on its own, and unfolds to the original", () => {
    const text = `DESCRIPTION:${escapeText("Study plan 📚✍️🧑🏽‍💻, café ☕; 日本語のテキスト\n".repeat(12))}`;
    const folded = foldLine(text);
    const lines = physical(folded);
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      const bytes = Buffer.from(line, "utf8");
      expect(bytes.length).toBeLessThanOrEqual(75);
      // A split character would make this line alone invalid UTF-8.
      expect(() => decoder.decode(bytes)).not.toThrow();
    }
    expect(unfold(folded)).toBe(text);
  });

  it("keeps a 4-octet character whole at every possible position", () => {
    for (let pad = 60; pad <= 80; pad++) {
      const line = `S:${"a".repeat(pad)}😀b😀`;
      const lines = physical(foldLine(line));
      for (const l of lines) {
        expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
        expect(() => decoder.decode(Buffer.from(l, "utf8"))).not.toThrow();
      }
      expect(unfold(lines.join("\r\n"))).toBe(line);
    }
  });

  it("ends every line with CRLF", () => {
    expect(serializeLines(["BEGIN:VCALENDAR", `X:${"z".repeat(80)}`, "END:VCALENDAR"])).toBe(`BEGIN:VCALENDAR\r\nX:${"z".repeat(73)}\r\n ${"z".repeat(7)}\r\nEND:VCALENDAR\r\n`);
  });
});

describe("values", () => {
  it("writes UTC and wall-clock date-times to the second", () => {
    expect(utcDateTime(Date.parse("2027-01-12T23:30:45.999Z"))).toBe("20270112T233045Z");
    expect(wallDateTime(Date.UTC(2027, 0, 12, 18, 30))).toBe("20270112T183000");
    expect(() => utcDateTime(Number.NaN)).toThrow(RangeError);
  });

  it("writes UTC offsets, with seconds only when there are any, and zero as +0000", () => {
    expect(utcOffset(-5 * HOUR)).toBe("-0500");
    expect(utcOffset(5.75 * HOUR)).toBe("+0545");
    expect(utcOffset(0)).toBe("+0000");
    // New York's local mean time before 1883.
    expect(utcOffset(-(4 * 3600 + 56 * 60 + 2) * 1000)).toBe("-045602");
  });
});

describe("components", () => {
  it("writes a tree with escaped text and drops blank optional text", () => {
    const text = writeComponent({
      name: "VCALENDAR",
      properties: [property("VERSION", "2.0"), ...textProperty("X-WR-CALNAME", "A, B"), ...textProperty("X-WR-CALDESC", "  ")],
      components: [{ name: "VEVENT", properties: [property("UID", "u1")] }],
    });
    expect(text).toBe("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:A\\, B\r\nBEGIN:VEVENT\r\nUID:u1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  });
});

describe("zoneTransitions", () => {
  it("finds New York's two changes in 2027 to the second", () => {
    const found = zoneTransitions(requireZone("America/New_York"), { from: Date.UTC(2027, 0, 1), to: Date.UTC(2028, 0, 1) });
    expect(found.map((t) => [iso(t.at), t.from / HOUR, t.to / HOUR])).toEqual([
      ["2027-03-14T07:00:00Z", -5, -4],
      ["2027-11-07T06:00:00Z", -4, -5],
    ]);
  });

  it("finds Mexico City's last DST season and then none (abolished in October 2022)", () => {
    const found = zoneTransitions(requireZone("America/Mexico_City"), { from: Date.UTC(2021, 6, 1), to: Date.UTC(2024, 0, 1) });
    expect(found.map((t) => [iso(t.at), t.to / HOUR])).toEqual([
      ["2021-10-31T07:00:00Z", -6],
      ["2022-04-03T08:00:00Z", -5],
      ["2022-10-30T07:00:00Z", -6],
    ]);
  });
});

/** A VTIMEZONE plus events at the given wall times, all under one TZID. */
function zoneProbe(zone: string, tzid: string, walls: readonly number[], range: { from: number; to: number }): string {
  const vtz = writeComponent(vtimezone(zone, range, { tzid }));
  return ics(vtz, ...walls.map((w, i) => [`UID:probe-${i}`, `DTSTART;TZID=${tzid}:${wallDateTime(w)}`, "DURATION:PT1H"]));
}

/** Wall times every 6 hours through the range, and the minutes around each real transition. */
function probeWalls(zone: string, range: { from: number; to: number }): number[] {
  const rules = requireZone(zone);
  const walls: number[] = [];
  for (let t = range.from + 26 * HOUR; t < range.to - 26 * HOUR; t += 6 * HOUR) walls.push(t + rules.offsetAt(t));
  for (const tr of zoneTransitions(rules, range)) {
    for (let d = -90; d <= 90; d += 15) walls.push(tr.at + tr.from + d * 60_000);
  }
  return walls;
}

describe("vtimezone", () => {
  const range = { from: Date.UTC(2026, 0, 11), to: Date.UTC(2028, 3, 26) };

  it("writes New York's real transitions in the range, each as its own observance, after the one in force at its start", () => {
    const lines = physical(writeComponent(vtimezone("America/New_York", range)));
    expect(lines.slice(0, 16)).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:America/New_York",
      "X-LIC-LOCATION:America/New_York",
      "BEGIN:STANDARD",
      "DTSTART:20251102T020000",
      "TZOFFSETFROM:-0400",
      "TZOFFSETTO:-0500",
      "TZNAME:EST",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:20260308T020000",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0400",
      "TZNAME:EDT",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
    ]);
    expect(lines.filter((l) => l.startsWith("DTSTART:"))).toEqual([
      "DTSTART:20251102T020000",
      "DTSTART:20260308T020000",
      "DTSTART:20261101T020000",
      "DTSTART:20270314T020000",
      "DTSTART:20271107T020000",
      "DTSTART:20280312T020000",
    ]);
  });

  it("names London's summer BST and writes the onset in the offset being left", () => {
    const lines = physical(writeComponent(vtimezone("Europe/London", { from: Date.UTC(2027, 0, 1), to: Date.UTC(2028, 0, 1) })));
    expect(lines[4]).toBe("DTSTART:20261025T020000");
    expect(lines.slice(9, 21)).toEqual([
      "BEGIN:DAYLIGHT",
      "DTSTART:20270328T010000",
      "TZOFFSETFROM:+0000",
      "TZOFFSETTO:+0100",
      "TZNAME:BST",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      // 01:00 UTC is 02:00 BST, the local time being left.
      "DTSTART:20271031T020000",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0000",
      "TZNAME:GMT",
      "END:STANDARD",
    ]);
  });

  it("marks Sydney's October change (southern summer) as DAYLIGHT", () => {
    const lines = physical(writeComponent(vtimezone("Australia/Sydney", { from: Date.UTC(2027, 0, 1), to: Date.UTC(2028, 0, 1) })));
    expect(lines.filter((l) => /^(BEGIN:(STANDARD|DAYLIGHT)|DTSTART|TZOFFSETTO)/.test(l))).toEqual([
      "BEGIN:DAYLIGHT",
      "DTSTART:20261004T020000",
      "TZOFFSETTO:+1100",
      "BEGIN:STANDARD",
      "DTSTART:20270404T030000",
      "TZOFFSETTO:+1000",
      "BEGIN:DAYLIGHT",
      "DTSTART:20271003T020000",
      "TZOFFSETTO:+1100",
    ]);
  });

  it("writes one STANDARD observance for a zone without DST", () => {
    expect(physical(writeComponent(vtimezone("Asia/Kathmandu", range)))).toEqual([
      "BEGIN:VTIMEZONE",
      "TZID:Asia/Kathmandu",
      "X-LIC-LOCATION:Asia/Kathmandu",
      "BEGIN:STANDARD",
      "DTSTART:19700101T000000",
      "TZOFFSETFROM:+0545",
      "TZOFFSETTO:+0545",
      "TZNAME:GMT+5:45",
      "END:STANDARD",
      "END:VTIMEZONE",
      "",
    ]);
  });

  it("refuses a name that is not an IANA zone", () => {
    expect(() => vtimezone("Eastern Standard Time", range)).toThrow(RangeError);
  });

  describe.each([
    ["America/New_York", range],
    ["Europe/London", range],
    ["Australia/Sydney", range],
    ["Pacific/Chatham", range],
    ["Asia/Kathmandu", range],
    ["America/Mexico_City", { from: Date.UTC(2021, 6, 1), to: Date.UTC(2024, 0, 1) }],
  ] as const)("%s, under a TZID only the VTIMEZONE defines", (zone, r) => {
    const walls = probeWalls(zone, r);
    const rules = requireZone(zone);
    const want = walls.map((w) => iso(rules.wallToUtc(w)));
    const text = zoneProbe(zone, "FormatFit-Test-Zone", walls, r);

    it("gives our importer the same instants as the IANA database, gaps and repeated hours included", () => {
      const result = importIcs(text);
      if (!result.ok) throw new Error(result.issues[0]?.message);
      expect(result.issues).toEqual([]);
      const got = result.calendar.events.map((ev) => {
        if (ev.start.kind !== "zoned") throw new Error("expected a zoned DTSTART");
        return iso(ev.start.zone.wallToUtc(ev.start.wall));
      });
      expect(got).toEqual(want);
    });

    it("gives ical.js the same UTC offset at every instant", () => {
      const root = new ICAL.Component(ICAL.parse(text));
      const vtz = root.getFirstSubcomponent("vtimezone");
      if (!vtz) throw new Error("no VTIMEZONE");
      const tz = new ICAL.Timezone(vtz);
      ICAL.TimezoneService.register(vtz);
      for (let t = r.from + 26 * HOUR; t < r.to - 26 * HOUR; t += 6 * HOUR) {
        const utc = ICAL.Time.fromJSDate(new Date(t), true);
        expect([iso(t), tz.utcOffset(utc.convertToZone(tz)) * 1000]).toEqual([iso(t), rules.offsetAt(t)]);
      }
      // And converts every wall time that exists exactly once to the same instant.
      walls.forEach((w, i) => {
        const instant = rules.wallToUtc(w);
        const once = instant + rules.offsetAt(instant) === w && rules.wallToUtc(w + HOUR) - instant === HOUR && instant - rules.wallToUtc(w - HOUR) === HOUR;
        if (!once) return;
        const d = new Date(w);
        const local = new ICAL.Time({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0, isDate: false }, tz);
        expect([i, iso(local.toUnixTime() * 1000)]).toEqual([i, want[i]]);
      });
    });
  });
});
