/**
 * Every refusal of POST /api/check: status, error code (one table, lib/errors.ts), the field or
 * file it is about, and a message that names the limit or the field. The limits are the real
 * defaults (DEFAULT_CHECK_LIMITS: 10 MB per calendar, 25 MB per request, 10 calendars); the
 * route has no way to configure them.
 */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/check/route";
import { DEFAULT_CHECK_LIMITS } from "@/lib/check/form";
import { expectError, fixturePart, LEARNER, MIB, postForm } from "./helpers";

const CHECK = "/api/check";
const learner = () => ["calendar", fixturePart(LEARNER)] as const;

describe("the defaults the refusals below rely on", () => {
  it("are 10 MB per calendar, 25 MB per request and 10 calendars", () => {
    expect(DEFAULT_CHECK_LIMITS).toEqual({ maxFileBytes: 10 * MIB, maxRequestBytes: 25 * MIB, maxCalendars: 10 });
  });
});

describe("missing or unknown input (400)", () => {
  it("no calendar: NO_CALENDAR, asking for a file or an address", async () => {
    const err = await expectError(await POST(postForm(CHECK, [["course", "PM-101"]])), 400, "NO_CALENDAR");
    expect(err.message).toMatch(/upload an \.ics file or paste a calendar's \.ics address/);
  });

  it("an empty file input (no name, no bytes, what a browser sends for an unused picker) is no calendar", async () => {
    const err = await expectError(await POST(postForm(CHECK, [["calendar", { file: "", name: "" }], ["course", "PM-101"]])), 400, "NO_CALENDAR");
    expect(err.code).toBe("NO_CALENDAR");
  });

  it("a calendar sent as text instead of a file: BAD_REQUEST naming the field", async () => {
    const err = await expectError(await POST(postForm(CHECK, [["calendar", "BEGIN:VCALENDAR"]])), 400, "BAD_REQUEST");
    expect(err.where).toBe("calendar");
    expect(err.message).toMatch(/"calendar" field must be a file/);
  });

  it("an unknown section: UNKNOWN_SECTION naming it", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["section", "PM-999-S9"]])), 400, "UNKNOWN_SECTION");
    expect(err.message).toContain("PM-999-S9");
    expect(err.where).toBe("sections");
  });

  it("an unknown section next to a known one is still refused", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["section", "PM-101-S1,NOPE-1"]])), 400, "UNKNOWN_SECTION");
    expect(err.message).toContain("NOPE-1");
  });

  it("an unknown course: UNKNOWN_COURSE naming it", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["course", "XX-404"]])), 400, "UNKNOWN_COURSE");
    expect(err.message).toContain('"XX-404"');
  });

  it("a section id with characters ids never have: BAD_REQUEST naming the field", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["section", "PM-101-S1; DROP TABLE"]])), 400, "BAD_REQUEST");
    expect(err.where).toBe("section");
    expect(err.message).toMatch(/^"section": /);
  });

  it("an unknown output: BAD_REQUEST naming the field and the two choices", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["output", "pdf"]])), 400, "BAD_REQUEST");
    expect(err.where).toBe("output");
    expect(err.message).toMatch(/"json".*"study-plan"/);
  });
});

describe("preferences (400 INVALID_PREFERENCES, naming the path)", () => {
  it("not JSON", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["preferences", "{timeZone: Europe/London}"]])), 400, "INVALID_PREFERENCES");
    expect(err.where).toBe("preferences");
    expect(err.message).toMatch(/"preferences" field is not JSON/);
  });

  it("an unknown time zone names preferences.timeZone", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["preferences", '{"timeZone":"Mars/Olympus_Mons"}']])), 400, "INVALID_PREFERENCES");
    expect(err.where).toBe("preferences.timeZone");
    expect(err.message).toMatch(/^preferences\.timeZone: expected an IANA time zone/);
  });

  it("the timeZone shorthand field is checked as preferences.timeZone", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["timeZone", "Eastern"]])), 400, "INVALID_PREFERENCES");
    expect(err.where).toBe("preferences.timeZone");
  });

  it("a nested value names its full path (preferences.studyWindows.0.days.0)", async () => {
    const prefs = JSON.stringify({ studyWindows: [{ days: [7], start: "07:00", end: "22:00" }] });
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["preferences", prefs]])), 400, "INVALID_PREFERENCES");
    expect(err.where).toBe("preferences.studyWindows.0.days.0");
    expect(err.message.startsWith("preferences.studyWindows.0.days.0: ")).toBe(true);
  });

  it("a buffer out of range names preferences.bufferAfterMinutes", async () => {
    const err = await expectError(await POST(postForm(CHECK, [learner(), ["preferences", '{"bufferAfterMinutes":999}']])), 400, "INVALID_PREFERENCES");
    expect(err.where).toBe("preferences.bufferAfterMinutes");
  });

  it("valid preferences are accepted (the control for the refusals above)", async () => {
    const r = await POST(postForm(CHECK, [learner(), ["section", "PM-101-S1"], ["preferences", '{"timeZone":"Europe/London","bufferAfterMinutes":15}']]));
    expect(r.status).toBe(200);
  });
});

describe("files that are not calendars (422 CALENDAR_INVALID, naming the file)", () => {
  const refused = async (file: string | Uint8Array<ArrayBuffer>, name: string) =>
    expectError(await POST(postForm(CHECK, [["calendar", { file, name }], ["course", "PM-101"]])), 422, "CALENDAR_INVALID");

  it("an HTML page says it is a web page and what to use instead", async () => {
    const err = await refused("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in to see this calendar</body></html>\n", "basic.ics");
    expect(err.where).toBe("basic.ics");
    expect(err.message).toMatch(/^basic\.ics: This is a web page \(HTML\), not a calendar/);
    expect(err.message).toMatch(/\.ics \(iCal\) export or secret address/);
  });

  it("a PNG says it is an image and to export .ics", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    const err = await refused(png, "screenshot.png");
    expect(err.where).toBe("screenshot.png");
    expect(err.message).toMatch(/^screenshot\.png: This is a PNG image, not a calendar: export your calendar as an \.ics file/);
  });

  it("an empty named file says it is empty", async () => {
    const err = await refused("", "work.ics");
    expect(err.message).toMatch(/^work\.ics: The file is empty: export the calendar again/);
  });

  it("JSON says it is JSON", async () => {
    const err = await refused('{"events":[]}', "events.json");
    expect(err.message).toMatch(/^events\.json: This is JSON, not an iCalendar file/);
  });

  it("a file cut off inside an event names the line the event opened at", async () => {
    const text = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", "BEGIN:VEVENT", "UID:cut@t", "DTSTART:20270112T230000Z"].join("\r\n");
    const err = await refused(text, "cut.ics");
    expect(err.line).toBe(4);
    expect(err.message).toMatch(/^cut\.ics, line 4: The file ends inside VEVENT \(opened at line 4\)/);
  });

  it("one bad calendar fails the whole check even beside a good one", async () => {
    const r = await POST(postForm(CHECK, [learner(), ["calendar", { file: "<html></html>", name: "family.ics" }], ["course", "PM-101"]]));
    const err = await expectError(r, 422, "CALENDAR_INVALID");
    expect(err.where).toBe("family.ics");
  });

  it("an event with an impossible date does not fail the check: it is listed with its line", async () => {
    const text = [
      "BEGIN:VCALENDAR", // 1
      "VERSION:2.0",
      "PRODID:-//t//EN",
      "BEGIN:VEVENT", // 4
      "UID:ok@t",
      "DTSTAMP:20270101T000000Z",
      "DTSTART:20270113T000000Z",
      "DTEND:20270113T010000Z",
      "END:VEVENT",
      "BEGIN:VEVENT", // 10
      "UID:bad@t",
      "DTSTAMP:20270101T000000Z",
      "DTSTART:20270230T180000Z", // 13: 30 February
      "DTEND:20270230T190000Z",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    const r = await POST(postForm(CHECK, [["calendar", { file: text, name: "odd.ics" }], ["section", "PM-101-S1"]]));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { sources: { eventCount: number; issues: { line?: number; message: string }[] }[] };
    expect(body.sources[0]?.eventCount).toBe(1);
    expect(body.sources[0]?.issues.map((i) => i.line)).toContain(13);
    expect(body.sources[0]?.issues.find((i) => i.line === 13)?.message).toMatch(/20270230T180000Z/);
  });
});

describe("sizes and counts (413)", () => {
  it("a calendar one byte over 10 MB: FILE_TOO_LARGE naming the file and 10 MB", async () => {
    const big = new Uint8Array(10 * MIB + 1);
    const err = await expectError(await POST(postForm(CHECK, [["calendar", { file: big, name: "everything.ics" }]])), 413, "FILE_TOO_LARGE");
    expect(err.where).toBe("everything.ics");
    expect(err.detail).toEqual({ limitBytes: 10 * MIB });
    // (The size is rounded to "10 MB" too, which reads oddly next to the limit: see the report.)
    expect(err.message).toMatch(/^everything\.ics is .+; the limit per calendar is 10 MB\. Export a shorter date range/);
  });

  it("finds the file over 10 MB among several, from the parts' sizes alone, and lets two files of 6 MB through", async () => {
    const small = new Uint8Array(1024);
    const err = await expectError(
      await POST(postForm(CHECK, [["calendar", { file: small, name: "work.ics" }], ["calendar", { file: new Uint8Array(10 * MIB + 1), name: "all \"years\".ics" }], ["course", "PM-101"]])),
      413,
      "FILE_TOO_LARGE",
    );
    expect(err.detail).toEqual({ limitBytes: 10 * MIB });
    expect(err.where).toBe('all "years".ics');
    // Two files under the limit, 12 MB together: past the glance, read (and refused as not iCalendar).
    const two = await expectError(await POST(postForm(CHECK, [["calendar", { file: new Uint8Array(6 * MIB), name: "a.ics" }], ["calendar", { file: new Uint8Array(6 * MIB), name: "b.ics" }], ["course", "PM-101"]])), 422, "CALENDAR_INVALID");
    expect(two.message).toMatch(/binary file/);
  });

  it("a calendar of exactly 10 MB passes the size check (and is then read: these bytes are not iCalendar)", async () => {
    const exact = new Uint8Array(10 * MIB);
    const err = await expectError(await POST(postForm(CHECK, [["calendar", { file: exact, name: "zeros.ics" }], ["course", "PM-101"]])), 422, "CALENDAR_INVALID");
    expect(err.message).toMatch(/binary file/);
  });

  it("a request over 25 MB without a Content-Length (a FormData body): REQUEST_TOO_LARGE naming 25 MB", async () => {
    const request = postForm(CHECK, [["calendar", { file: new Uint8Array(26 * MIB), name: "huge.ics" }]]);
    expect(request.headers.get("content-length")).toBeNull();
    const err = await expectError(await POST(request), 413, "REQUEST_TOO_LARGE");
    expect(err.detail).toEqual({ limitBytes: 25 * MIB });
    expect(err.message).toMatch(/the limit for one check is 25 MB/);
  });

  it("a Content-Length over 25 MB is refused before the body is read, naming both sizes", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new TextEncoder().encode("--x\r\n"));
        controller.close();
      },
    }, { highWaterMark: 0 });
    const request = new Request(`http://formatfit.test${CHECK}`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(26 * MIB) },
    } as RequestInit);
    const err = await expectError(await POST(request), 413, "REQUEST_TOO_LARGE");
    expect(err.message).toMatch(/^The request is 26 MB; the limit for one check is 25 MB\./);
    expect(err.detail).toEqual({ limitBytes: 25 * MIB });
    expect(pulled).toBe(0);
  });

  it("a streamed (chunked) body without a Content-Length is cut off once it passes 25 MB", async () => {
    const CHUNK = MIB;
    const CHUNKS = 40; // 40 MB on offer; the handler must stop reading soon after 25
    let pulled = 0;
    let cancelled = false;
    const head = new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="calendar"; filename="stream.ics"\r\nContent-Type: text/calendar\r\n\r\n');
    const filler = new Uint8Array(CHUNK).fill(0x41);
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          controller.enqueue(pulled === 0 ? head : filler);
          pulled++;
          if (pulled > CHUNKS) controller.close();
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(`http://formatfit.test${CHECK}`, { method: "POST", body, duplex: "half", headers: { "content-type": "multipart/form-data; boundary=x" } } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const err = await expectError(await POST(request), 413, "REQUEST_TOO_LARGE");
    expect(err.message).toMatch(/^The request is larger than the limit; the limit for one check is 25 MB\./);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(CHUNKS);
    expect(pulled).toBeGreaterThanOrEqual(26); // it did read up to the limit
  });

  it("11 calendars: TOO_MANY_FILES naming the count and the limit of 10", async () => {
    const files = Array.from({ length: 11 }, (_, i) => ["calendar", fixturePart(LEARNER, `cal-${i}.ics`)] as const);
    const err = await expectError(await POST(postForm(CHECK, [...files, ["course", "PM-101"]])), 413, "TOO_MANY_FILES");
    expect(err.message).toMatch(/^That is 11 calendars; one check takes at most 10\./);
    expect(err.detail).toEqual({ limit: 10 });
  });

  it("files and URLs count together: 6 + 5 is 11 (refused before any URL is fetched)", async () => {
    const files = Array.from({ length: 6 }, (_, i) => ["calendar", fixturePart(LEARNER, `cal-${i}.ics`)] as const);
    const urls = Array.from({ length: 5 }, (_, i) => ["url", `https://calendar.example.invalid/${i}.ics`] as const);
    const err = await expectError(await POST(postForm(CHECK, [...files, ...urls])), 413, "TOO_MANY_FILES");
    expect(err.message).toMatch(/That is 11 calendars/);
  });

  it("10 calendars are accepted (the boundary)", async () => {
    const files = Array.from({ length: 10 }, (_, i) => ["calendar", fixturePart(LEARNER, `cal-${i}.ics`)] as const);
    const r = await POST(postForm(CHECK, [...files, ["section", "PM-101-H1"]]));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { sources: unknown[] };
    expect(body.sources).toHaveLength(10);
  });
});

describe("not a form (415)", () => {
  it("a JSON body: UNSUPPORTED_MEDIA_TYPE naming multipart/form-data and what was sent", async () => {
    const request = new Request(`http://formatfit.test${CHECK}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ course: "PM-101" }) });
    const err = await expectError(await POST(request), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(err.message).toMatch(/multipart\/form-data/);
    expect(err.message).toMatch(/got application\/json/);
  });

  it("no Content-Type at all says so", async () => {
    const request = new Request(`http://formatfit.test${CHECK}`, { method: "POST", body: new Uint8Array([1, 2, 3]) });
    expect(request.headers.get("content-type")).toBeNull();
    const err = await expectError(await POST(request), 415, "UNSUPPORTED_MEDIA_TYPE");
    expect(err.message).toMatch(/got no Content-Type/);
  });
});

describe("a broken multipart body (400)", () => {
  it("is BAD_REQUEST with a way forward", async () => {
    const request = new Request(`http://formatfit.test${CHECK}`, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=abc" }, body: "this is not multipart at all" });
    const err = await expectError(await POST(request), 400, "BAD_REQUEST");
    expect(err.message).toMatch(/could not be read/);
  });
});
