/**
 * POST /api/calendars: what each uploaded calendar holds (event count, recurring count, date range,
 * problems with their line numbers, the file's name), without checking anything. Expected values
 * are read off the files by hand.
 */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/calendars/route";
import type { SourceSummary } from "@/lib/check/run";
import { expectError, fixture, fixturePart, LEARNER, postForm } from "./helpers";

type Summary = SourceSummary;

async function inspect(fields: Parameters<typeof postForm>[1]): Promise<Summary[]> {
  return inspectRequest(postForm("/api/calendars", fields));
}

async function inspectRequest(request: Request): Promise<Summary[]> {
  const response = await POST(request);
  const text = await response.text();
  expect({ status: response.status, text: text.slice(0, 300) }).toMatchObject({ status: 200 });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = JSON.parse(text) as { sources: Summary[] };
  expect(Object.keys(body)).toEqual(["sources"]);
  return body.sources;
}

/** Built so that every number is known: 3 events (one recurring), one with 31 April on line 18. */
const ODD = [
  "BEGIN:VCALENDAR", // 1
  "VERSION:2.0",
  "PRODID:-//FormatFit tests//EN",
  "X-WR-CALNAME:Evening classes",
  "BEGIN:VEVENT", // 5
  "UID:first@t",
  "DTSTAMP:20270101T000000Z",
  "DTSTART;TZID=Europe/Paris:20270104T190000",
  "DTEND;TZID=Europe/Paris:20270104T210000",
  "RRULE:FREQ=WEEKLY;COUNT=10",
  "SUMMARY:Choir",
  "END:VEVENT",
  "BEGIN:VEVENT", // 13
  "UID:bad@t",
  "DTSTAMP:20270101T000000Z",
  "DTSTART:20270301T180000Z",
  "SUMMARY:Impossible end",
  "DTEND:20270431T190000Z", // 18: there is no 31 April
  "END:VEVENT",
  "BEGIN:VEVENT", // 20
  "UID:last@t",
  "DTSTAMP:20270101T000000Z",
  "DTSTART;VALUE=DATE:20270614",
  "SUMMARY:Holiday",
  "END:VEVENT",
  "END:VCALENDAR",
].join("\r\n");

describe("POST /api/calendars", () => {
  it("describes the learner's file: name, events, recurring ones, first and last start dates", async () => {
    const [s] = await inspect([["calendar", fixturePart(LEARNER, "work-and-family.ics")]]);
    expect(s).toEqual({
      name: "work-and-family.ics",
      origin: "upload",
      ok: true,
      calendarName: "Work and family",
      bytes: fixture(LEARNER).byteLength,
      eventCount: 6,
      recurringCount: 5,
      firstDate: "2026-01-05",
      lastDate: "2027-03-08",
      issues: [],
      issueCount: 0,
    });
  });

  it("lists a problem with its line number and keeps the calendar usable", async () => {
    const [s] = await inspect([["calendar", { file: ODD, name: "evening.ics" }]]);
    expect(s?.ok).toBe(true);
    expect(s?.calendarName).toBe("Evening classes");
    expect(s?.firstDate).toBe("2027-01-04");
    expect(s?.lastDate).toBe("2027-06-14");
    // The bad DTEND does not lose the event: it keeps its start and the default length.
    expect(s?.eventCount).toBe(3);
    expect(s?.recurringCount).toBe(1);
    const lines = s?.issues.map((i) => i.line);
    expect(lines).toContain(18);
    const problem = s?.issues.find((i) => i.line === 18);
    expect(problem?.message).toMatch(/20270431T190000Z/);
    expect(s?.issueCount).toBe(s?.issues.length);
  });

  it("names the line of a bad date in a real-world export (Apple iCal 1.0, line 186: DTEND 20031114T18300)", async () => {
    const name = "apple-ical10-phpicalendar-sample-bysetpos-exdates.ics";
    const [s] = await inspect([["calendar", fixturePart(`real-world/${name}`, name)]]);
    expect(s?.ok).toBe(true);
    expect(s?.name).toBe(name);
    expect(s?.issues).toEqual([expect.objectContaining({ code: "INVALID_DATE", severity: "warning", line: 186 })]);
    expect(s?.issues[0]?.message).toMatch(/^Line 186: DTEND "20031114T18300"/);
    expect(s?.issueCount).toBe(1);
  });

  it("describes several files in the order they were sent", async () => {
    const sources = await inspect([
      ["calendar", fixturePart(LEARNER)],
      ["calendar", fixturePart("fit-booked-week.ics")],
      ["calendar", fixturePart("fit-london-tuesday.ics")],
    ]);
    expect(sources.map((s) => [s.name, s.eventCount, s.recurringCount, s.firstDate, s.lastDate])).toEqual([
      [LEARNER, 6, 5, "2026-01-05", "2027-03-08"],
      ["fit-booked-week.ics", 1, 1, "2027-01-18", "2027-01-18"],
      ["fit-london-tuesday.ics", 1, 1, "2027-03-02", "2027-03-02"],
    ]);
  });

  it("lists a file that is not a calendar as not ok, with the reason, instead of failing the request", async () => {
    const sources = await inspect([
      ["calendar", { file: "<html><body>Sign in</body></html>", name: "calendar.ics" }],
      ["calendar", fixturePart(LEARNER)],
    ]);
    expect(sources[0]).toMatchObject({ name: "calendar.ics", ok: false, eventCount: 0, issueCount: 1 });
    expect(sources[0]?.issues[0]?.message).toMatch(/web page \(HTML\)/);
    expect(sources[1]).toMatchObject({ name: LEARNER, ok: true, eventCount: 6 });
  });

  it("gives a file sent with an empty filename a numbered name", async () => {
    // Written by hand: undici's FormData leaves out an empty filename, which would make the part text.
    const ics = new TextDecoder().decode(fixture("fit-booked-week.ics"));
    const body = `--b\r\nContent-Disposition: form-data; name="calendar"; filename=""\r\nContent-Type: text/calendar\r\n\r\n${ics}\r\n--b--\r\n`;
    const sources = await inspectRequest(new Request("http://formatfit.test/api/calendars", { method: "POST", headers: { "content-type": "multipart/form-data; boundary=b" }, body }));
    expect(sources.map((s) => [s.name, s.eventCount])).toEqual([["calendar-1.ics", 1]]);
  });

  it("refuses a request without calendars (400 NO_CALENDAR)", async () => {
    const err = await expectError(await POST(postForm("/api/calendars", [["course", "PM-101"]])), 400, "NO_CALENDAR");
    expect(err.message).toMatch(/Add at least one calendar/);
  });

  it("refuses a JSON body (415)", async () => {
    const r = await POST(new Request("http://formatfit.test/api/calendars", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
    await expectError(r, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
});
