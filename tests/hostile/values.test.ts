/**
 * Issue 12: values that used to crash the whole import, drop an event silently, or let a web page
 * through. Each ends in a per-event warning (or a clean refusal), with the good events kept.
 */
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";
import { codes, calendar, GOOD_EVENT, GOOD_OCCURRENCES, occurrencesOf, run, vevent } from "./helpers";

describe("durations: negative, absurdly long, or beside a DTEND", () => {
  it.each([
    ["a negative DURATION", "DURATION:-PT1H", /DURATION -PT1H is negative/],
    ["a DURATION of 99,999,999 weeks", "DURATION:P99999999W", /longer than a century/],
  ])("%s: that event is skipped with INVALID_DURATION naming its line, the rest kept", (_name, duration, says) => {
    const lines = ["DTSTART:20270113T090000Z", duration];
    const r = run(calendar(GOOD_EVENT, vevent("bad", ...lines)));
    expect(r.events.map((e) => e.uid)).toEqual(["good-class"]);
    expect(r.issues.map((i) => [i.code, i.severity, i.line, i.uid])).toEqual([["INVALID_DURATION", "error", 14, "bad"]]);
    expect(r.issues[0]?.message).toMatch(says);
    expect(r.issues[0]?.message).toContain("Line 14");
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
  });

  it("DTEND and DURATION together: DTEND wins (as Thunderbird, which writes both, and ical.js read it), with a warning", () => {
    const r = run(calendar(GOOD_EVENT, vevent("both", "DTSTART:20270113T090000Z", "DTEND:20270113T100000Z", "DURATION:P99999999W")));
    expect(r.events.map((e) => e.uid)).toEqual(["good-class", "both"]);
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([["INVALID_DURATION", "warning", 15]]);
    const both = r.expansion?.occurrences.find((o) => o.uid === "both");
    expect(both && [new Date(both.start).toISOString(), new Date(both.end).toISOString()]).toEqual(["2027-01-13T09:00:00.000Z", "2027-01-13T10:00:00.000Z"]);
  });

  it("an RDATE period with a negative duration is ignored with INVALID_RDATE, the event kept", () => {
    const r = run(calendar(vevent("p", "DTSTART:20270113T090000Z", "DURATION:PT1H", "RDATE;VALUE=PERIOD:20270114T090000Z/-PT1H,20270115T090000Z/PT2H")));
    expect(codes(r)).toEqual(["INVALID_RDATE"]);
    expect(r.expansion?.occurrences.map((o) => (o.end - o.start) / 3_600_000)).toEqual([1, 2]);
  });
});

describe("dates and times", () => {
  it("year 0000 is INVALID_DATE with the line, not an event silently lost", () => {
    const r = run(calendar(GOOD_EVENT, vevent("zero", "DTSTART:00000113T090000Z")));
    expect(r.events.map((e) => e.uid)).toEqual(["good-class"]);
    expect(r.issues.map((i) => [i.code, i.line, i.uid])).toEqual([["INVALID_DATE", 13, "zero"]]);
    expect(r.issues[0]?.message).toMatch(/year 0000/);
  });

  it("years 0001–0099 are those years, not 1901–1999 (Date.UTC's reading)", () => {
    const r = importIcs(calendar(vevent("early", "DTSTART;VALUE=DATE:00500113")));
    expect(r.ok && r.calendar.events[0]?.start).toEqual({ kind: "date", wall: new Date("0050-01-13T00:00:00Z").getTime() });
  });

  it("second 60 (a leap second, RFC 5545 §3.3.12) is accepted and read as :59", () => {
    const r = run(calendar(vevent("leap", "DTSTART:20270112T235960Z", "DURATION:PT1M")));
    expect(codes(r)).toEqual([]);
    expect(r.expansion?.occurrences.map((o) => new Date(o.start).toISOString())).toEqual(["2027-01-12T23:59:59.000Z"]);
  });

  it.each([
    ["an unknown zone", "Mars/Olympus_Mons"],
    ["a path", "/../../etc/passwd"],
    ["a very long id", "X".repeat(5000)],
  ])("%s in TZID: the event is kept, read in the learner's zone, with UNKNOWN_TZID naming the line", (_name, tzid) => {
    const r = run(calendar(GOOD_EVENT, vevent("mars", `DTSTART;TZID=${tzid}:20270113T090000`, `DTEND;TZID=${tzid}:20270113T100000`)), { viewerZone: "America/New_York" });
    expect(r.events.map((e) => e.uid)).toEqual(["good-class", "mars"]);
    expect(r.issues.map((i) => [i.code, i.severity, i.line])).toEqual([
      ["UNKNOWN_TZID", "warning", 13],
      ["UNKNOWN_TZID", "warning", 14],
    ]);
    expect(r.issues[0]?.message).toMatch(/^Line 13: DTSTART uses time zone ".{1,40}", which is neither/);
    // 09:00 in New York, the viewer's zone, is 14:00 UTC.
    const mars = r.expansion?.occurrences.find((o) => o.uid === "mars");
    expect(mars && new Date(mars.start).toISOString()).toBe("2027-01-13T14:00:00.000Z");
    expect(mars && (mars.end - mars.start) / 60_000).toBe(60);
  });
});

describe("what the file is", () => {
  it("an HTML page with a calendar inside <pre> is refused as HTML: the body must start with BEGIN:VCALENDAR", () => {
    const page = `<!DOCTYPE html>\n<html><body><pre>\n${calendar(GOOD_EVENT)}</pre></body></html>\n`;
    const r = run(page);
    expect(r.result.ok).toBe(false);
    expect(r.issues.map((i) => i.code)).toEqual(["HTML_NOT_ICALENDAR"]);
    expect(r.issues[0]?.message).toContain("web page (HTML) that shows calendar text");
  });

  it("text before BEGIN:VCALENDAR is refused; a BOM and blank space are not", () => {
    expect(run(`Here is your calendar:\n${calendar(GOOD_EVENT)}`).issues.map((i) => i.code)).toEqual(["NOT_ICALENDAR"]);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`\r\n  \r\n${calendar(GOOD_EVENT)}`)]);
    const r = run(withBom);
    expect(r.result.ok).toBe(true);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
  });

  it("45,000 nested unknown components: walked without recursion, the good event kept", () => {
    const depth = 45_000;
    const text = calendar(GOOD_EVENT, Array.from({ length: depth }, () => "BEGIN:X-NEST"), Array.from({ length: depth }, () => "END:X-NEST"));
    const r = run(text);
    expect(r.result.ok).toBe(true);
    expect(codes(r)).toEqual([]);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
  });

  it("45,000 nested components closed by one END:VCALENDAR: one warning, naming a few of them", () => {
    const depth = 45_000;
    const text = calendar(GOOD_EVENT, Array.from({ length: depth }, (_, i) => `BEGIN:X-NEST-${i % 7}`));
    const r = run(text);
    expect(r.result.ok).toBe(true);
    expect(codes(r)).toEqual(["UNBALANCED_COMPONENT"]);
    expect(r.issues[0]?.message).toMatch(/also closes X-NEST-\d \(line \d+\), X-NEST-\d \(line \d+\), X-NEST-\d \(line \d+\) and 44,997 more, which had no END\.$/);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
  });

  it("45,000 ENDs that match nothing: each reported, in linear time", () => {
    const text = calendar(Array.from({ length: 45_000 }, () => "BEGIN:X-A"), Array.from({ length: 45_000 }, () => "END:X-B"), Array.from({ length: 45_000 }, () => "END:X-A"), GOOD_EVENT);
    const r = run(text);
    expect(r.result.ok).toBe(true);
    expect(r.issues.filter((i) => i.code === "UNBALANCED_COMPONENT")).toHaveLength(45_000);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
  });
});

describe("an event without a UID", () => {
  it("gets a UID from its line and a hash of its content, never the file's name or path (a URL's token)", () => {
    const text = calendar(["BEGIN:VEVENT", "DTSTART:20270113T090000Z", "SUMMARY:No UID", "END:VEVENT"]);
    const r = run(text, { sourceName: "https://calendar.example/private-3f9a1c0ffee/basic.ics" });
    const uid = r.events[0]?.uid ?? "";
    expect(uid).toMatch(/^line-4\.[0-9a-f]{8}@formatfit\.invalid$/);
    expect(uid).not.toContain("3f9a1c0ffee");
    expect(uid).not.toContain("basic.ics");
    // The same event, imported again under another name, gets the same UID.
    expect(run(text, { sourceName: "other.ics" }).events[0]?.uid).toBe(uid);
  });
});
