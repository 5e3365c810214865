/**
 * Malformed input: each problem gets its own code and the line it is on, the message says what,
 * where and what to do, and the good events in the same file survive. Input that is not iCalendar
 * at all is refused with one sentence.
 */
import { describe, expect, it } from "vitest";
import { importIcs, type ImportResult } from "@/lib/ics/import";
import type { CalendarEvent, ImportIssue, IssueCode } from "@/lib/calendar";

/** A good event, used around the bad one to show that the rest of the file survives. */
function goodEvent(uid: string): string[] {
  return ["BEGIN:VEVENT", `UID:${uid}`, "DTSTART:20270112T233000Z", "DTEND:20270113T003000Z", `SUMMARY:${uid}`, "END:VEVENT"];
}

/** A calendar: a good event, the given VEVENT body, another good event. Returns text and lines. */
function sandwich(badEvent: string[]): { text: string; lines: string[] } {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FormatFit tests//EN", ...goodEvent("good-before"), ...badEvent, ...goodEvent("good-after"), "END:VCALENDAR"];
  return { text: lines.join("\r\n") + "\r\n", lines };
}

/** 1-based number of the first line that equals `text` (after `after`, a line number). */
function lineOf(lines: readonly string[], text: string, after = 0): number {
  const i = lines.findIndex((l, k) => k >= after && l === text);
  if (i < 0) throw new Error(`test bug: no line ${text}`);
  return i + 1;
}

function accepted(result: ImportResult): { events: CalendarEvent[]; issues: ImportIssue[] } {
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.issues)}`);
  return { events: result.calendar.events, issues: result.issues };
}

function uids(events: readonly CalendarEvent[]): string[] {
  return events.map((e) => e.uid).sort();
}

function issuesWith(issues: readonly ImportIssue[], code: IssueCode): ImportIssue[] {
  return issues.filter((i) => i.code === code);
}

/** The message names its line, as "line N" or "Line N". */
function expectMessageNamesLine(issue: ImportIssue | undefined, line: number): void {
  expect(issue).toBeDefined();
  expect(issue?.line).toBe(line);
  expect(issue?.message).toMatch(new RegExp(`\\bline ${line}\\b`, "i"));
}

describe("impossible dates in DTSTART: INVALID_DATE with the line, that event skipped, the rest kept", () => {
  it.each([
    ["February 30th", "DTSTART:20270230T090000Z"],
    ["month 13", "DTSTART:20271301T090000Z"],
    ["year 0000", "DTSTART:00000112T090000Z"],
    ["hour 24", "DTSTART:20270112T240000Z"],
    ["February 29th in a common year (zoned)", "DTSTART;TZID=Europe/London:20270229T090000"],
    ["day 00 (all-day)", "DTSTART;VALUE=DATE:20270100"],
    ["minute 60 (floating)", "DTSTART:20270112T096000"],
    ["not a date at all", "DTSTART:tomorrow"],
  ])("%s", (_name, dtstart) => {
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:bad", dtstart, "SUMMARY:bad", "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["good-after", "good-before"]);
    const found = issuesWith(issues, "INVALID_DATE");
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe("error");
    expect(found[0]?.uid).toBe("bad");
    expectMessageNamesLine(found[0], lineOf(lines, dtstart));
    expect(issues).toHaveLength(1);
  });

  it("says what is wrong with the date (Feb 30: February 2027 has 28 days)", () => {
    const { text } = sandwich(["BEGIN:VEVENT", "UID:bad", "DTSTART:20270230T090000Z", "END:VEVENT"]);
    const issue = importIcs(text).issues[0];
    expect(issue?.message).toContain("20270230T090000Z");
    expect(issue?.message).toMatch(/28 days/);
  });
});

describe("a leap second (RFC 5545 §3.3.12 allows second 60) is read as :59", () => {
  it.each([
    ["UTC", "DTSTART:20161231T235960Z", { kind: "utc", utc: Date.UTC(2016, 11, 31, 23, 59, 59) }],
    ["floating", "DTSTART:20161231T235960", { kind: "floating", wall: Date.UTC(2016, 11, 31, 23, 59, 59) }],
  ])("%s", (_name, dtstart, start) => {
    const { text } = sandwich(["BEGIN:VEVENT", "UID:leap", dtstart, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(issues).toEqual([]);
    expect(events.find((e) => e.uid === "leap")?.start).toEqual(start);
  });

  it("second 61 is still not a time", () => {
    const { text } = sandwich(["BEGIN:VEVENT", "UID:bad", "DTSTART:20161231T235961Z", "END:VEVENT"]);
    expect(accepted(importIcs(text)).issues.map((i) => i.code)).toEqual(["INVALID_DATE"]);
  });
});

describe("a bad DTEND: a warning with its line, the event kept with its start", () => {
  it.each([
    ["February 30th", "DTEND:20270230T100000Z"],
    ["garbage", "DTEND:soon"],
    ["hour 25", "DTEND:20270112T250000Z"],
  ])("%s", (_name, dtend) => {
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:bad-end", "DTSTART:20270112T090000Z", dtend, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["bad-end", "good-after", "good-before"]);
    const ev = events.find((e) => e.uid === "bad-end");
    expect(ev?.start).toEqual({ kind: "utc", utc: Date.parse("2027-01-12T09:00:00Z") });
    expect(ev?.end).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.code).toBe("INVALID_DATE");
    expectMessageNamesLine(issues[0], lineOf(lines, dtend));
  });

  it("a DTEND in an unknown zone is a warning (UNKNOWN_TZID), the event kept", () => {
    const dtend = "DTEND;TZID=Mars/Olympus_Mons:20270112T100000";
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:bad-end", "DTSTART:20270112T090000Z", dtend, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toContain("bad-end");
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["UNKNOWN_TZID", "warning"]]);
    expectMessageNamesLine(issues[0], lineOf(lines, dtend));
  });
});

describe("an unknown TZID with no VTIMEZONE: UNKNOWN_TZID with the line, the event kept in the viewer's zone", () => {
  it.each([
    ["a made-up zone", "DTSTART;TZID=Mars/Olympus_Mons:20270112T090000"],
    ["a misspelt IANA zone", "DTSTART;TZID=America/New_Yrok:20270112T090000"],
    ["a custom Outlook id with its VTIMEZONE missing", 'DTSTART;TZID="Customized Time Zone 1":20270112T090000'],
    ["a path", "DTSTART;TZID=/etc/../../etc/passwd:20270112T090000"],
  ])("%s", (_name, dtstart) => {
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:lost", dtstart, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    // Kept: a dropped busy event would turn into a false "fits". Read as floating (the viewer's zone).
    expect(uids(events)).toEqual(["good-after", "good-before", "lost"]);
    expect(events.find((e) => e.uid === "lost")?.start).toEqual({ kind: "floating", wall: Date.UTC(2027, 0, 12, 9) });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("UNKNOWN_TZID");
    expect(issues[0]?.severity).toBe("warning");
    expect(issues[0]?.uid).toBe("lost");
    expectMessageNamesLine(issues[0], lineOf(lines, dtstart));
    expect(issues[0]?.message).toMatch(/VTIMEZONE/);
    expect(issues[0]?.message).toMatch(/your own time zone/);
  });

  it("the same TZID defined by a VTIMEZONE in the file is not unknown", () => {
    const lines = [
      "BEGIN:VCALENDAR",
      "BEGIN:VTIMEZONE",
      "TZID:Customized Time Zone 1",
      "BEGIN:STANDARD",
      "DTSTART:16010101T000000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0200",
      "END:STANDARD",
      "END:VTIMEZONE",
      "BEGIN:VEVENT",
      "UID:found",
      'DTSTART;TZID="Customized Time Zone 1":20270112T090000',
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    const { events, issues } = accepted(importIcs(lines.join("\r\n")));
    expect(issues).toEqual([]);
    const start = events[0]?.start;
    expect(start?.kind).toBe("zoned");
    if (start?.kind === "zoned") expect(start.zone.wallToUtc(start.wall)).toBe(Date.parse("2027-01-12T07:00:00Z"));
  });
});

describe("RRULE", () => {
  it("an empty RRULE: line (CalendarLabs writes one on every event) is ignored without any issue", () => {
    const { text } = sandwich(["BEGIN:VEVENT", "UID:empty-rule", "DTSTART;VALUE=DATE:20270101", "RRULE:", "SUMMARY:New Year", "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["empty-rule", "good-after", "good-before"]);
    expect(events.find((e) => e.uid === "empty-rule")?.rrules).toEqual([]);
    expect(issues).toEqual([]);
  });

  it.each([
    ["FREQ missing", "RRULE:INTERVAL=2;BYDAY=MO", /FREQ/],
    ["FREQ=FOO", "RRULE:FREQ=FOO", /FREQ=FOO/],
    ["INTERVAL=0", "RRULE:FREQ=DAILY;INTERVAL=0", /INTERVAL=0/],
    ["INTERVAL=-2", "RRULE:FREQ=WEEKLY;INTERVAL=-2", /INTERVAL=-2/],
    ["BYMONTH=13", "RRULE:FREQ=YEARLY;BYMONTH=13", /BYMONTH/],
    ["BYDAY=XX", "RRULE:FREQ=WEEKLY;BYDAY=XX", /XX/],
    ["COUNT=0", "RRULE:FREQ=DAILY;COUNT=0", /COUNT/],
    ["UNTIL on Feb 30", "RRULE:FREQ=DAILY;UNTIL=20270230T000000Z", /UNTIL/],
    ["a part without =", "RRULE:FREQ=DAILY;BYDAY", /BYDAY/],
  ])("%s → INVALID_RRULE with the line, that event skipped", (_name, rrule, says) => {
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:bad-rule", "DTSTART:20270112T090000Z", rrule, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["good-after", "good-before"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("INVALID_RRULE");
    expect(issues[0]?.severity).toBe("error");
    expect(issues[0]?.uid).toBe("bad-rule");
    expectMessageNamesLine(issues[0], lineOf(lines, rrule));
    expect(issues[0]?.message).toMatch(says);
  });
});

describe("bad EXDATE and RDATE values: a warning with the line, the rest of the list and the event kept", () => {
  it("one bad EXDATE value among good ones", () => {
    const exdate = "EXDATE:20270113T090000Z,20270230T090000Z,20270115T090000Z";
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:series", "DTSTART:20270112T090000Z", "RRULE:FREQ=DAILY;COUNT=5", exdate, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    const ev = events.find((e) => e.uid === "series");
    expect(ev?.exdates).toEqual([
      { kind: "utc", utc: Date.parse("2027-01-13T09:00:00Z") },
      { kind: "utc", utc: Date.parse("2027-01-15T09:00:00Z") },
    ]);
    expect(uids(events)).toEqual(["good-after", "good-before", "series"]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["INVALID_EXDATE", "warning"]]);
    expectMessageNamesLine(issues[0], lineOf(lines, exdate));
  });

  it("one bad RDATE value among good ones", () => {
    const rdate = "RDATE:20270120T090000Z,2027-13-01,20270122T090000Z";
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:series", "DTSTART:20270112T090000Z", rdate, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    const ev = events.find((e) => e.uid === "series");
    expect(ev?.rdates).toEqual([
      { kind: "utc", utc: Date.parse("2027-01-20T09:00:00Z") },
      { kind: "utc", utc: Date.parse("2027-01-22T09:00:00Z") },
    ]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["INVALID_RDATE", "warning"]]);
    expectMessageNamesLine(issues[0], lineOf(lines, rdate));
  });

  it("an RDATE period with a bad duration", () => {
    const rdate = "RDATE;VALUE=PERIOD:20270120T090000Z/PXYZ";
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:series", "DTSTART:20270112T090000Z", rdate, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(events.find((e) => e.uid === "series")?.rdates).toEqual([]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["INVALID_RDATE", "warning"]]);
    expectMessageNamesLine(issues[0], lineOf(lines, rdate));
  });

  it("an EXDATE in an unknown zone is a warning, read in the viewer's zone like the rest of such an event", () => {
    const exdate = "EXDATE;TZID=Nowhere/Special:20270113T090000,20270114T090000";
    const { text, lines } = sandwich(["BEGIN:VEVENT", "UID:series", "DTSTART:20270112T090000Z", "RRULE:FREQ=DAILY;COUNT=3", exdate, "END:VEVENT"]);
    const { events, issues } = accepted(importIcs(text));
    expect(events.find((e) => e.uid === "series")?.exdates).toEqual([
      { kind: "floating", wall: Date.UTC(2027, 0, 13, 9) },
      { kind: "floating", wall: Date.UTC(2027, 0, 14, 9) },
    ]);
    // One warning for the line, not one per value.
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["UNKNOWN_TZID", "warning"]]);
    expectMessageNamesLine(issues[0], lineOf(lines, exdate));
  });
});

describe("structure", () => {
  it("an event without DTSTART: MISSING_DTSTART at its BEGIN:VEVENT line", () => {
    const bad = ["BEGIN:VEVENT", "UID:no-start", "SUMMARY:When?", "DTEND:20270112T100000Z", "END:VEVENT"];
    const { text, lines } = sandwich(bad);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["good-after", "good-before"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("MISSING_DTSTART");
    expect(issues[0]?.uid).toBe("no-start");
    // The VEVENT of the bad event is the second BEGIN:VEVENT in the file.
    expectMessageNamesLine(issues[0], lineOf(lines, "BEGIN:VEVENT", lineOf(lines, "BEGIN:VEVENT")));
  });

  it("END naming a component that is not open: UNBALANCED_COMPONENT at that line, the event still read", () => {
    const bad = ["BEGIN:VEVENT", "UID:odd-end", "DTSTART:20270112T090000Z", "END:VTODO", "END:VEVENT"];
    const { text, lines } = sandwich(bad);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["good-after", "good-before", "odd-end"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("UNBALANCED_COMPONENT");
    expectMessageNamesLine(issues[0], lineOf(lines, "END:VTODO"));
  });

  it("END:VEVENT while a VALARM is still open: UNBALANCED_COMPONENT at the END line, naming the VALARM's line", () => {
    const bad = ["BEGIN:VEVENT", "UID:open-alarm", "DTSTART:20270112T090000Z", "BEGIN:VALARM", "TRIGGER:-PT15M", "END:VEVENT"];
    const { text, lines } = sandwich(bad);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toEqual(["good-after", "good-before", "open-alarm"]);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe("UNBALANCED_COMPONENT");
    const endLine = lineOf(lines, "END:VEVENT", lineOf(lines, "BEGIN:VALARM"));
    expectMessageNamesLine(issues[0], endLine);
    expect(issues[0]?.message).toContain(`VALARM (line ${lineOf(lines, "BEGIN:VALARM")})`);
  });

  it("a line that is not a property: MALFORMED_LINE with its number, the event kept", () => {
    const bad = ["BEGIN:VEVENT", "UID:junk-line", "DTSTART:20270112T090000Z", "this line has no colon", "END:VEVENT"];
    const { text, lines } = sandwich(bad);
    const { events, issues } = accepted(importIcs(text));
    expect(uids(events)).toContain("junk-line");
    expect(issues.map((i) => i.code)).toEqual(["MALFORMED_LINE"]);
    expectMessageNamesLine(issues[0], lineOf(lines, "this line has no colon"));
  });

  it("every problem in a file is reported, not only the first", () => {
    const lines = [
      "BEGIN:VCALENDAR",
      ...["BEGIN:VEVENT", "UID:a", "DTSTART:20270230T090000Z", "END:VEVENT"],
      ...["BEGIN:VEVENT", "UID:b", "DTSTART:20270112T090000Z", "RRULE:FREQ=FOO", "END:VEVENT"],
      ...["BEGIN:VEVENT", "UID:c", "END:VEVENT"],
      ...goodEvent("d"),
      "END:VCALENDAR",
    ];
    const { events, issues } = accepted(importIcs(lines.join("\n")));
    expect(uids(events)).toEqual(["d"]);
    expect(issues.map((i) => [i.code, i.line])).toEqual([
      ["INVALID_DATE", 4],
      ["INVALID_RRULE", 9],
      ["MISSING_DTSTART", 11],
    ]);
  });
});

describe("input that is not iCalendar: refused with ok:false and one sentence", () => {
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  it.each<[string, Uint8Array | string, IssueCode]>([
    ["empty bytes", new Uint8Array(0), "EMPTY"],
    ["an empty string", "", "EMPTY"],
    ["whitespace only", new TextEncoder().encode(" \r\n\t\r\n  \n"), "EMPTY"],
    ["an HTML page", new TextEncoder().encode("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to Google</body></html>\n"), "HTML_NOT_ICALENDAR"],
    ["an HTML page after blank lines", "\n\n  <html><body>Moved</body></html>", "HTML_NOT_ICALENDAR"],
    ["JSON", new TextEncoder().encode('{"kind":"calendar#events","items":[]}'), "JSON_NOT_ICALENDAR"],
    ["a JSON array", "[1,2,3]", "JSON_NOT_ICALENDAR"],
    ["PNG bytes", png, "BINARY_NOT_ICALENDAR"],
    ["plain text", new TextEncoder().encode("Meeting with Sam on Tuesday at 3pm\nBring the slides\n"), "NOT_ICALENDAR"],
  ])("%s → %s", (_name, input, code) => {
    const result = importIcs(input);
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0] as ImportIssue;
    expect(issue.code).toBe(code);
    expect(issue.severity).toBe("error");
    // One sentence: one line, ending in a full stop, with no second sentence after it.
    expect(issue.message).not.toMatch(/\n/);
    expect(issue.message).toMatch(/\.$/);
    expect(issue.message.slice(0, -1)).not.toMatch(/[.!?]\s+[A-Z]/);
    // And it says what to do.
    expect(issue.message).toMatch(/export|upload|use/i);
  });
});

describe("truncated files", () => {
  it("cut inside a VEVENT: TRUNCATED, naming the line where the cut-off event began", () => {
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", ...goodEvent("kept?"), "BEGIN:VEVENT", "UID:cut", "DTSTART:20270112T0900"];
    const result = importIcs(lines.join("\r\n"));
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    const issue = result.issues[0] as ImportIssue;
    expect(issue.code).toBe("TRUNCATED");
    expectMessageNamesLine(issue, lineOf(lines, "BEGIN:VEVENT", 3));
    expect(issue.message).toMatch(/export it again|download/i);
  });

  it("cut after the last END:VEVENT (only END:VCALENDAR missing): every complete event kept, a TRUNCATED warning", () => {
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", ...goodEvent("one"), ...goodEvent("two")];
    const { events, issues } = accepted(importIcs(lines.join("\r\n")));
    expect(uids(events)).toEqual(["one", "two"]);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["TRUNCATED", "warning"]]);
    expectMessageNamesLine(issues[0], 1);
  });
});

describe("limits", () => {
  it("over maxBytes: TOO_LARGE, naming the limit", () => {
    const filler = "X-FILLER:" + "a".repeat(70);
    // 1.5 MB: 19,661 filler lines of 81 bytes with their CRLF, plus the event.
    const lines = ["BEGIN:VCALENDAR", ...goodEvent("x"), ...Array<string>(19_661).fill(filler), "END:VCALENDAR"];
    const result = importIcs(new TextEncoder().encode(lines.join("\r\n")), { maxBytes: 1048576 });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(["TOO_LARGE"]);
    expect(result.issues[0]?.message).toMatch(/\b1 MB limit/);
    expect(result.issues[0]?.message).toMatch(/\b1\.5 MB\b/);
  });

  it("exactly maxBytes is allowed", () => {
    const text = ["BEGIN:VCALENDAR", ...goodEvent("x"), "END:VCALENDAR"].join("\r\n");
    const bytes = new TextEncoder().encode(text);
    expect(importIcs(bytes, { maxBytes: bytes.length }).ok).toBe(true);
    expect(importIcs(bytes, { maxBytes: bytes.length - 1 }).issues[0]?.code).toBe("TOO_LARGE");
  });

  it("a string input is measured in UTF-8 bytes, not UTF-16 units", () => {
    const text = ["BEGIN:VCALENDAR", ...goodEvent("x"), "SUMMARY:ééééé", "END:VCALENDAR"].join("\r\n");
    const byteLength = new TextEncoder().encode(text).length;
    expect(importIcs(text, { maxBytes: byteLength - 1 }).issues[0]?.code).toBe("TOO_LARGE");
    expect(importIcs(text, { maxBytes: byteLength }).ok).toBe(true);
  });

  it("over maxEvents: TOO_MANY_EVENTS, naming the count and the limit", () => {
    const lines = ["BEGIN:VCALENDAR"];
    for (let i = 0; i < 12; i++) lines.push(...goodEvent(`e${i}`));
    lines.push("END:VCALENDAR");
    const result = importIcs(lines.join("\r\n"), { maxEvents: 10 });
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toEqual(["TOO_MANY_EVENTS"]);
    expect(result.issues[0]?.message).toMatch(/\b12 events\b/);
    expect(result.issues[0]?.message).toMatch(/\b10-event limit\b/);
    expect(importIcs(lines.join("\r\n"), { maxEvents: 12 }).ok).toBe(true);
  });
});
