/**
 * Regressions: bugs the input-hardening tests found (once listed in tests/known-failures-input.test.ts),
 * fixed, and kept here so they stay fixed. Each comment gives the original repro.
 */
import { describe, expect, it } from "vitest";
import { runCli, type CliIo } from "@/lib/cli/run";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";

function oneEvent(lines: readonly string[]): string {
  return ["BEGIN:VCALENDAR", "BEGIN:VEVENT", "UID:x", ...lines, "END:VEVENT", "END:VCALENDAR", ""].join("\r\n");
}

function expandText(text: string, from: string, to: string) {
  const result = importIcs(text);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return expandEvents(result.calendar.events, { from: Date.parse(from), to: Date.parse(to) }, { viewerZone: "UTC" });
}

describe("fixed: decoding", () => {
  /**
   * Windows-1252 bytes 0x80–0x9F decode as C1 control characters, not as €, ’, “, ”.
   *
   * Repro: importIcs(bytes of "…SUMMARY:Caf\xE9 \x805 \x93Hi\x94\r\n…") → summary "Café \u00805 \u0093Hi\u0094".
   * Right:  "Café €5 “Hi”" (with the ENCODING_FALLBACK warning, which is already given).
   * Cause:  lib/ics/decode.ts uses `new TextDecoder("windows-1252")`, which Node ≥ 20.18.3 / 22.13
   *         decodes as Latin-1 (nodejs/node#56542, #60888). Map 0x80–0x9F with the WHATWG
   *         index-windows-1252 table instead of relying on TextDecoder.
   */
  it("€ (0x80) and curly quotes (0x93, 0x94) in a Windows-1252 file", () => {
    const head = new TextEncoder().encode("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:cp1252\r\nDTSTART:20270112T233000Z\r\nSUMMARY:Caf");
    const tail = new TextEncoder().encode("\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    const body = Uint8Array.from([0xe9, 0x20, 0x80, 0x35, 0x20, 0x93, 0x48, 0x69, 0x94]);
    const bytes = new Uint8Array(head.length + body.length + tail.length);
    bytes.set(head, 0);
    bytes.set(body, head.length);
    bytes.set(tail, head.length + body.length);
    const result = importIcs(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.issues.map((i) => i.code)).toEqual(["ENCODING_FALLBACK"]);
    expect(result.calendar.events[0]?.summary).toBe("Café €5 “Hi”");
  });
});

describe("fixed: messages", () => {
  /**
   * TOO_LARGE does not name a limit below 1 MB: it says "The file is 0.0 MB, over the 0 MB limit".
   *
   * Repro: importIcs("BEGIN:VCALENDAR\r\nX:" + "a".repeat(2000) + "\r\nEND:VCALENDAR", { maxBytes: 1000 })
   * Right:  a message naming the limit readably, e.g. "…over the 1,000-byte limit…" (or KB).
   * Cause:  lib/ics/import.ts formats both sizes with `(n / 1048576).toFixed(…)` only.
   */
  it("TOO_LARGE names a limit under 1 MB", () => {
    const result = importIcs(`BEGIN:VCALENDAR\r\nX:${"a".repeat(2000)}\r\nEND:VCALENDAR`, { maxBytes: 1000 });
    expect(result.issues[0]?.code).toBe("TOO_LARGE");
    expect(result.issues[0]?.message).not.toMatch(/\b0(\.0)? MB\b/);
    expect(result.issues[0]?.message).toMatch(/1,?000[ -]byte|\b1(\.0)? KB\b|0\.98 KB/);
  });
});

describe("fixed: CLI", () => {
  /**
   * Two files given to `expand` that use the same UID for different events: one file's events vanish.
   *
   * Repro: a.ics holds UID:event-1 on 2027-01-12 09:00Z, b.ics holds UID:event-1 on 2027-01-13 09:00Z;
   *        `formatfit expand a.ics b.ics --from 2027-01-01 --to 2027-02-01 --json` prints only b's.
   * Right:  both occurrences (the files are separate calendars).
   * Cause:  lib/cli/run.ts `loadCalendars` means to "keep them apart" but maps `{ ...ev, uid: ev.uid }`
   *         (a no-op), so expandEvents' masters Map keeps the last event per UID. Key events by
   *         source and UID (or prefix the UID per file) before expanding.
   */
  it("two files, same UID, different events: both appear", () => {
    const files: Record<string, string> = {
      "a.ics": oneEvent(["SUMMARY:from A", "DTSTART:20270112T090000Z", "DTEND:20270112T100000Z"]).replace("UID:x", "UID:event-1"),
      "b.ics": oneEvent(["SUMMARY:from B", "DTSTART:20270113T090000Z", "DTEND:20270113T100000Z"]).replace("UID:x", "UID:event-1"),
    };
    const io: CliIo = { readFile: (p) => new TextEncoder().encode(files[p] ?? ""), env: {} };
    const r = runCli(["expand", "a.ics", "b.ics", "--from", "2027-01-01", "--to", "2027-02-01", "--json"], io);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as { occurrences: { start: string; summary: string }[] };
    expect(body.occurrences.map((o) => [o.start, o.summary])).toEqual([
      ["2027-01-12T09:00:00Z", "from A"],
      ["2027-01-13T09:00:00Z", "from B"],
    ]);
  });
});

describe("fixed: expansion caps count steps outside the window", () => {
  /**
   * A sub-daily rule far from DTSTART is capped although the window holds fewer instances than
   * the cap: the walk starts ~41 h before the window (15 h offset margin + instance length + 1 day)
   * and ends 15 h after it, and those steps count against maxStepsPerRule (200,000).
   *
   * Repro: DTSTART:20200101T000000Z, RRULE:FREQ=SECONDLY, window 2027-03-01T10:00Z – 2027-03-02T10:00Z
   *        → 59,600 occurrences (ending 2027-03-02T02:33:19Z) and EXPANSION_CAPPED.
   * Right:  86,400 occurrences, one per second, no warning (86,400 < 200,000).
   */
  it("FREQ=SECONDLY over one day (86,400 instances) is not capped", () => {
    const { occurrences, warnings } = expandText(oneEvent(["DTSTART:20200101T000000Z", "RRULE:FREQ=SECONDLY"]), "2027-03-01T10:00:00Z", "2027-03-02T10:00:00Z");
    expect(warnings).toEqual([]);
    expect(occurrences).toHaveLength(86_400);
  });

  /**
   * Same cause, smaller symptom: every instance is returned but a false EXPANSION_CAPPED warning
   * says the rule "produces more than 200,000 instances before the end of the window".
   *
   * Repro: DTSTART:20200101T000000Z, DTEND:20200101T000001Z, RRULE:FREQ=SECONDLY,
   *        window 2027-03-01T10:00Z – 11:00Z → 3,600 occurrences plus EXPANSION_CAPPED.
   *        (Without DTEND the same window stays just under the cap.)
   * Right:  3,600 occurrences and no warning.
   */
  it("FREQ=SECONDLY with a DTEND over one hour: no false EXPANSION_CAPPED", () => {
    const { occurrences, warnings } = expandText(oneEvent(["DTSTART:20200101T000000Z", "DTEND:20200101T000001Z", "RRULE:FREQ=SECONDLY"]), "2027-03-01T10:00:00Z", "2027-03-01T11:00:00Z");
    expect(occurrences).toHaveLength(3600);
    expect(warnings).toEqual([]);
  });

});
