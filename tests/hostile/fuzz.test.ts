/**
 * Issue 12: no input of up to 64 KB makes the import or the expansion throw, run past its budget,
 * or return an occurrence a Date cannot hold. The inputs come from a grammar-aware generator
 * (fast-check, seeded): VCALENDARs of VEVENTs and VTIMEZONEs whose DTSTART, DTEND, DURATION, RRULE,
 * EXDATE, RDATE and RECURRENCE-ID values are random — mostly plausible, often broken — nested in
 * unknown or unbalanced components, folded at random, with mixed line endings.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MAX_OCCURRENCES, DEFAULT_MAX_STEPS } from "@/lib/recurrence/budget";
import { run, TERM } from "./helpers";

const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, "0").slice(-w);

const year = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2025, max: 2029 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }) });
const month = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 13 }) });
const day = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 28 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 32 }) });
const time = fc.tuple(fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 61 }));

/** A DATE or DATE-TIME as written (sometimes broken). */
const dateText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(year, month, day, time, fc.boolean()).map(([y, m, d, [h, mi, s], z]) => `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}T${pad(h, 2)}${pad(mi, 2)}${pad(s, 2)}${z ? "Z" : ""}`) },
  { weight: 2, arbitrary: fc.tuple(year, month, day).map(([y, m, d]) => `${pad(y, 4)}${pad(m, 2)}${pad(d, 2)}`) },
  { weight: 1, arbitrary: fc.constantFrom("", "tomorrow", "2027-01-12", "20270112T", "99999999T999999Z", "20270112T090000.5Z") },
);

const tzid = fc.constantFrom("America/New_York", "Europe/London", "W. Europe Standard Time", "Custom Zone 1", "Mars/Olympus_Mons", "/etc/passwd", '"(UTC+07:00) Bangkok, Hanoi, Jakarta"', "", "UTC");

const dateParams = fc.record({ tz: fc.option(tzid, { nil: undefined }), date: fc.boolean(), range: fc.boolean() });
const params = (p: { tz: string | undefined; date: boolean; range: boolean }, withRange = false) =>
  `${p.tz !== undefined ? `;TZID=${p.tz}` : ""}${p.date ? ";VALUE=DATE" : ""}${withRange && p.range ? ";RANGE=THISANDFUTURE" : ""}`;

const durationText = fc.oneof(
  fc.tuple(fc.constantFrom("", "-", "+"), fc.nat(60), fc.nat(40), fc.nat(30), fc.nat(90), fc.nat(90)).map(([sign, w, d, h, m, s]) => `${sign}P${w % 3 ? "" : `${w}W`}${d % 2 ? `${d}D` : ""}T${h}H${m}M${s}S`),
  fc.constantFrom("PT1H", "P1D", "-PT1H", "P99999999W", "PT0S", "P", "PT", "P1Y", `P${"9".repeat(400)}D`),
);

const byList = (min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: 1, maxLength: 6 }).map((a) => a.join(","));
const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const rruleText = fc
  .record({
    freq: fc.constantFrom("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY", "FORTNIGHTLY"),
    interval: fc.option(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -2, max: 100_000 })), { nil: undefined }),
    end: fc.option(fc.oneof(fc.integer({ min: 0, max: 20 }).map((n) => `COUNT=${n}`), fc.integer({ min: 1, max: 1_000_000_000 }).map((n) => `COUNT=${n}`), dateText.map((d) => `UNTIL=${d}`)), { nil: undefined }),
    parts: fc.array(
      fc.oneof(
        byList(-60, 61).map((v) => `BYSECOND=${v}`),
        byList(0, 60).map((v) => `BYMINUTE=${v}`),
        byList(0, 24).map((v) => `BYHOUR=${v}`),
        fc.array(fc.tuple(fc.option(fc.integer({ min: -55, max: 55 }), { nil: undefined }), fc.constantFrom(...DAYS)), { minLength: 1, maxLength: 4 }).map((a) => `BYDAY=${a.map(([n, d]) => `${n ?? ""}${d}`).join(",")}`),
        byList(-32, 32).map((v) => `BYMONTHDAY=${v}`),
        byList(-367, 367).map((v) => `BYYEARDAY=${v}`),
        byList(-54, 54).map((v) => `BYWEEKNO=${v}`),
        byList(0, 13).map((v) => `BYMONTH=${v}`),
        byList(-370, 370).map((v) => `BYSETPOS=${v}`),
        fc.constantFrom(...DAYS, "XX").map((d) => `WKST=${d}`),
      ),
      { maxLength: 4 },
    ),
  })
  .map((r) => [`FREQ=${r.freq}`, ...(r.interval !== undefined ? [`INTERVAL=${r.interval}`] : []), ...(r.end ? [r.end] : []), ...r.parts].join(";"));

const dateList = fc.array(dateText, { minLength: 1, maxLength: 5 }).map((a) => a.join(","));

/** One property line of a VEVENT. */
const eventLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(dateParams, dateText).map(([p, v]) => `DTSTART${params(p)}:${v}`) },
  { weight: 2, arbitrary: fc.tuple(dateParams, dateText).map(([p, v]) => `DTEND${params(p)}:${v}`) },
  { weight: 2, arbitrary: durationText.map((d) => `DURATION:${d}`) },
  { weight: 4, arbitrary: rruleText.map((r) => `RRULE:${r}`) },
  { weight: 2, arbitrary: fc.tuple(dateParams, dateList).map(([p, v]) => `EXDATE${params(p)}:${v}`) },
  { weight: 1, arbitrary: fc.tuple(dateParams, dateList).map(([p, v]) => `RDATE${params(p)}:${v}`) },
  { weight: 1, arbitrary: fc.tuple(dateText, fc.oneof(durationText, dateText)).map(([a, b]) => `RDATE;VALUE=PERIOD:${a}/${b}`) },
  { weight: 2, arbitrary: fc.tuple(dateParams, dateText).map(([p, v]) => `RECURRENCE-ID${params(p, true)}:${v}`) },
  { weight: 1, arbitrary: fc.constantFrom("STATUS:CANCELLED", "TRANSP:TRANSPARENT", "SEQUENCE:2", "SUMMARY:Fuzz\\, test", "X-MICROSOFT-CDO-BUSYSTATUS:FREE", "no colon here", ";:", "UID:") },
);

const uid = fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h");
/** Most events start with a plausible DTSTART, so that most reach the expansion. */
const plausibleStart = fc.tuple(fc.integer({ min: 2026, max: 2028 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom("", "Z", ";TZID=America/New_York", ";VALUE=DATE")).map(
  ([y, m, d, h, kind]) => (kind === ";VALUE=DATE" ? `DTSTART;VALUE=DATE:${y}${pad(m, 2)}${pad(d, 2)}` : `DTSTART${kind === "Z" ? "" : kind}:${y}${pad(m, 2)}${pad(d, 2)}T${pad(h, 2)}0000${kind === "Z" ? "Z" : ""}`),
);
const vevent = fc.tuple(uid, fc.option(plausibleStart, { freq: 5, nil: undefined }), fc.array(eventLine, { maxLength: 10 }), fc.boolean()).map(([u, start, lines, alarm]) => [
  "BEGIN:VEVENT",
  `UID:${u}`,
  ...(start ? [start] : []),
  ...lines,
  ...(alarm ? ["BEGIN:VALARM", "TRIGGER:-PT15M", "DURATION:PT5M", "END:VALARM"] : []),
  "END:VEVENT",
]);

const offset = fc.constantFrom("+0100", "+0200", "-0500", "+0000", "+1400", "-1200", "+0545", "99", "");
const vtimezone = fc.tuple(fc.constantFrom("Custom Zone 1", "W. Europe Standard Time", "Mars/Olympus_Mons"), fc.array(fc.tuple(fc.constantFrom("STANDARD", "DAYLIGHT"), dateText, offset, offset, fc.option(rruleText, { nil: undefined })), { maxLength: 3 })).map(([id, obs]) => [
  "BEGIN:VTIMEZONE",
  `TZID:${id}`,
  ...obs.flatMap(([kind, start, from, to, rule]) => [`BEGIN:${kind}`, `DTSTART:${start}`, `TZOFFSETFROM:${from}`, `TZOFFSETTO:${to}`, ...(rule ? [`RRULE:${rule}`] : []), `END:${kind}`]),
  "END:VTIMEZONE",
]);

/** Unknown or unbalanced structure around and between the components. */
const noise = fc.oneof(
  fc.nat(200).map((n) => [...Array.from({ length: n }, (_, i) => `BEGIN:X-NEST-${i % 3}`), ...Array.from({ length: n }, (_, i) => `END:X-NEST-${(n - 1 - i) % 3}`)]),
  fc.constantFrom(["END:VEVENT"], ["BEGIN:VEVENT"], ["END:VCALENDAR", "BEGIN:VCALENDAR"], ["BEGIN:VTODO", "DTSTART:20270112T090000Z"], ["X-WR-TIMEZONE:Europe/Berlin"], ["METHOD:CANCEL"]),
);

const components = fc.array(fc.oneof({ weight: 6, arbitrary: vevent }, { weight: 1, arbitrary: vtimezone }, { weight: 1, arbitrary: noise }), { maxLength: 40 });

/** Folds a line at a random point or two (a space or a tab), sometimes not at all. */
function fold(line: string, seed: number): string {
  if (seed % 3 !== 0 || line.length < 4) return line;
  const at = 1 + (seed % (line.length - 1));
  return `${line.slice(0, at)}\r\n${seed % 2 ? " " : "\t"}${line.slice(at)}`;
}

const icsText = fc.tuple(components, fc.constantFrom("\r\n", "\n", "\r"), fc.nat(), fc.boolean()).map(([comps, eol, seed, closed]) => {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", ...comps.flat(), ...(closed ? ["END:VCALENDAR"] : [])];
  const text = lines.map((l, i) => fold(l, seed + i * 7919)).join(eol);
  return text.length > 64 * 1024 ? text.slice(0, 64 * 1024) : text;
});

const WINDOWS = [
  TERM,
  { from: Date.parse("2027-03-14T00:00:00Z"), to: Date.parse("2027-03-15T00:00:00Z") },
  { from: Date.parse("2026-01-01T00:00:00Z"), to: Date.parse("2028-01-01T00:00:00Z") },
  { from: Date.parse("1970-01-01T00:00:00Z"), to: Date.parse("1970-02-01T00:00:00Z") },
];

describe("fuzzing the import and the expansion with generated calendars of up to 64 KB", () => {
  it("never throws, never exceeds the budget, and returns only occurrences a Date can hold", () => {
    fc.assert(
      fc.property(icsText, fc.constantFrom(...WINDOWS), fc.constantFrom("UTC", "America/New_York", "Pacific/Auckland", "Asia/Kathmandu"), (text, window, viewerZone) => {
        const r = run(text, { window, viewerZone });
        for (const issue of r.issues) expect(issue.message.length).toBeLessThan(2000);
        if (!r.expansion) return;
        const { usage, occurrences } = r.expansion;
        // A rule is stopped at the steps left, give or take one period (a year tested day by day).
        expect(usage.steps).toBeLessThanOrEqual(DEFAULT_MAX_STEPS + 400);
        expect(usage.occurrences).toBeLessThanOrEqual(DEFAULT_MAX_OCCURRENCES);
        for (const o of occurrences) {
          expect(o.end).toBeGreaterThanOrEqual(o.start);
          expect(() => new Date(o.start).toISOString() + new Date(o.end).toISOString()).not.toThrow();
        }
      }),
      { seed: 20261207, numRuns: 250 },
    );
  }, 600_000);
});
