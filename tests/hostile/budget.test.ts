/**
 * Issue 12, "no total budget": expansion work is bounded while it is done, per file and per
 * request, and a file that needs more stops with one EXPANSION_BUDGET error naming the limit, the
 * ordinary events kept (series are expanded cheapest first).
 */
import { describe, expect, it } from "vitest";
import { importIcs } from "@/lib/ics/import";
import { expandEvents } from "@/lib/recurrence/expand";
import { DEFAULT_MAX_OCCURRENCES_PER_SOURCE, DEFAULT_MAX_STEPS_PER_SOURCE } from "@/lib/recurrence/budget";
import { calendar, GOOD_EVENT, GOOD_OCCURRENCES, occurrencesOf, run, TERM, vevent } from "./helpers";

/** `n` series of `rule`, each with a summary and a stamp like a real export's (or bare, to keep a file small). */
function runaway(n: number, rule: string, dtstart = "20270111T090000Z", options: { prefix?: string; bare?: boolean } = {}): string[][] {
  const extra = (i: number) => (options.bare ? [] : ["DTSTAMP:20270101T000000Z", `SUMMARY:Runaway reminder number ${i} for the hostile-input suite`, "TRANSP:OPAQUE"]);
  return Array.from({ length: n }, (_, i) => vevent(`${options.prefix ?? "runaway"}-${i}@hostile.test`, `DTSTART:${dtstart}`, "DURATION:PT30M", `RRULE:${rule}`, ...extra(i)));
}

describe("a file whose series need more than the budget", () => {
  it("4,000 events of FREQ=HOURLY;COUNT=5000 (0.64 MB): stops at the per-file occurrence budget, the good class kept", () => {
    const text = calendar(...runaway(2000, "FREQ=HOURLY;COUNT=5000"), GOOD_EVENT, ...runaway(2000, "FREQ=HOURLY;COUNT=5000", "20270111T093000Z", { prefix: "later" }));
    expect(text.length).toBeGreaterThan(640_000);
    const r = run(text);
    expect(r.events).toHaveLength(4001);
    const x = r.expansion;
    expect(x?.complete).toBe(false);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
    expect(x?.usage.occurrences).toBe(DEFAULT_MAX_OCCURRENCES_PER_SOURCE);
    expect(x?.warnings.map((w) => [w.code, w.severity])).toEqual([["EXPANSION_BUDGET", "error"]]);
    expect(x?.warnings[0]?.message).toMatch(/^The calendar hostile\.ics needs more than the expansion budget of 250,000 occurrences per calendar: 3,9\d\d events were cut short or left out \(at lines /);
  });

  it("160 events of FREQ=MINUTELY with no end (21 KB): stops at the budget instead of exhausting the heap", () => {
    const text = calendar(GOOD_EVENT, ...runaway(160, "FREQ=MINUTELY", "20270101T000000Z", { bare: true }));
    expect(text.length).toBeLessThan(25_000);
    const r = run(text);
    expect(r.expansion?.complete).toBe(false);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
    expect(r.expansion?.usage.occurrences).toBeLessThanOrEqual(DEFAULT_MAX_OCCURRENCES_PER_SOURCE);
    expect(r.expansion?.usage.steps).toBeLessThanOrEqual(DEFAULT_MAX_STEPS_PER_SOURCE);
    expect(r.expansion?.warnings.map((w) => w.code)).toEqual(["EXPANSION_BUDGET"]);
    expect(r.expansion?.warnings[0]?.message).toContain("occurrences per calendar");
  });

  it("sparse rules walked from the year 1000 stop at the step budget: EXPANSION_CAPPED per rule, then EXPANSION_BUDGET", () => {
    const text = calendar(GOOD_EVENT, ...runaway(300, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9,10;BYSETPOS=1;COUNT=500", "10000101T090000Z"));
    const r = run(text);
    expect(occurrencesOf(r, "good-class")).toBe(GOOD_OCCURRENCES);
    expect(r.expansion?.usage.steps).toBeLessThanOrEqual(DEFAULT_MAX_STEPS_PER_SOURCE + 1);
    const found = new Set(r.expansion?.warnings.map((w) => w.code));
    expect([...found].sort()).toEqual(["EXPANSION_BUDGET", "EXPANSION_CAPPED"]);
    expect(r.expansion?.warnings.at(-1)?.message).toContain("2,000,000 steps per calendar");
  });
});

describe("the budget is configurable through the expand options", () => {
  const twoFiles = () => {
    const a = importIcs(calendar(vevent("a1", "DTSTART:20270111T000000Z", "RRULE:FREQ=MINUTELY")), { sourceName: "a.ics" });
    const b = importIcs(calendar(vevent("b1", "DTSTART:20270111T000000Z", "RRULE:FREQ=HOURLY"), vevent("b2", "DTSTART:20270111T000000Z", "RRULE:FREQ=MINUTELY")), { sourceName: "b.ics" });
    if (!a.ok || !b.ok) throw new Error("test calendars refused");
    return [...a.calendar.events, ...b.calendar.events];
  };
  const day = { from: TERM.from, to: TERM.from + 86_400_000 };

  it("per file: one file's runaway series does not use up another file's share", () => {
    const x = expandEvents(twoFiles(), day, { viewerZone: "UTC", maxOccurrencesPerSource: 1000 });
    expect(x.occurrences.filter((o) => o.uid === "a1")).toHaveLength(1000);
    // b.ics: the hourly series (cheaper) first, whole; the minutely one up to the rest of b's share.
    expect(x.occurrences.filter((o) => o.uid === "b1")).toHaveLength(24);
    expect(x.occurrences.filter((o) => o.uid === "b2")).toHaveLength(976);
    expect(x.warnings.map((w) => w.message.replace(/ \(at line.*/, ""))).toEqual([
      "The calendar a.ics needs more than the expansion budget of 1,000 occurrences per calendar: 1 event was cut short or left out",
      "The calendar b.ics needs more than the expansion budget of 1,000 occurrences per calendar: 1 event was cut short or left out",
    ]);
  });

  it("per request: all files together", () => {
    const x = expandEvents(twoFiles(), day, { viewerZone: "UTC", maxOccurrences: 1500 });
    expect(x.occurrences).toHaveLength(1500);
    expect(x.usage.occurrences).toBe(1500);
    expect(x.warnings.some((w) => w.code === "EXPANSION_BUDGET" && w.message.includes("1,500 occurrences per check, all calendars together"))).toBe(true);
  });

  it("steps, per file", () => {
    const x = expandEvents(twoFiles(), day, { viewerZone: "UTC", maxStepsPerSource: 100 });
    expect(x.complete).toBe(false);
    expect(x.usage.steps).toBeLessThanOrEqual(2 * 100 + 2);
    expect(x.warnings.every((w) => w.code === "EXPANSION_BUDGET" && w.message.includes("100 steps per calendar"))).toBe(true);
  });

  it("an ordinary calendar is complete, and says what it spent", () => {
    const ok = importIcs(calendar(GOOD_EVENT));
    if (!ok.ok) throw new Error("refused");
    const x = expandEvents(ok.calendar.events, TERM, { viewerZone: "UTC" });
    expect(x.complete).toBe(true);
    expect(x.occurrences).toHaveLength(GOOD_OCCURRENCES);
    expect(x.usage.occurrences).toBe(GOOD_OCCURRENCES);
    expect(x.usage.steps).toBeGreaterThan(0);
    expect(x.warnings).toEqual([]);
  });
});
