/**
 * Busy time (lib/busy): which occurrences make the learner busy and by which rule (DESIGN.md,
 * "Time, precisely": transparent, cancelled, declined by the owner and Outlook's FREE are free;
 * tentative is busy by default; all-day events follow their transparency; the learner can change
 * both), then merging into sorted, non-overlapping intervals with optional buffers.
 *
 * Occurrences come from real .ics text through importIcs and expandEvents, so the rules are
 * checked against what the parser actually produces.
 */
import { describe, expect, it } from "vitest";
import { busyIntervals, classifyOccurrence, DEFAULT_BUSY_PREFERENCES, type BusyInterval, type BusyPreferences } from "@/lib/busy";
import type { Occurrence } from "@/lib/recurrence/expand";
import { expandText, ics, iso } from "../helpers/ics";

const DAY = ["2027-03-15T00:00:00Z", "2027-03-16T00:00:00Z"] as const;
const OWNER = "learner@example.com";

/** One event 09:00–10:00Z on 2027-03-15 with extra lines, expanded. */
function occurrenceWith(...extra: string[]): Occurrence {
  const r = expandText(ics(["UID:one@test", "SUMMARY:Thing", "DTSTART:20270315T090000Z", "DTEND:20270315T100000Z", ...extra]), DAY[0], DAY[1]);
  const o = r.raw[0];
  if (!o || r.raw.length !== 1) throw new Error(`Test bug: expected one occurrence, got ${r.raw.length}.`);
  return o;
}
function allDayWith(...extra: string[]): Occurrence {
  const r = expandText(ics(["UID:allday@test", "SUMMARY:Day", "DTSTART;VALUE=DATE:20270315", "DTEND;VALUE=DATE:20270316", ...extra]), DAY[0], DAY[1]);
  const o = r.raw[0];
  if (!o) throw new Error("Test bug: expected an all-day occurrence.");
  return o;
}
function prefs(p: Partial<BusyPreferences>): BusyPreferences {
  return { ...DEFAULT_BUSY_PREFERENCES, ...p };
}
function timed(uid: string, start: string, end: string, ...extra: string[]): string[] {
  return [`UID:${uid}`, `SUMMARY:${uid}`, `DTSTART:${start}`, `DTEND:${end}`, ...extra];
}
function occurrencesOf(...events: string[][]): Occurrence[] {
  return expandText(ics(...events), DAY[0], DAY[1]).raw;
}
function intervals(list: readonly BusyInterval[]): string[] {
  return list.map((i) => `${iso(i.start)}/${iso(i.end)}`);
}

describe("classifyOccurrence: what makes the learner busy", () => {
  it("an ordinary event is busy by rule 'busy'", () => {
    expect(classifyOccurrence(occurrenceWith())).toEqual({ busy: true, rule: "busy" });
  });

  it("TRANSP:TRANSPARENT is free by rule 'transparent'", () => {
    expect(classifyOccurrence(occurrenceWith("TRANSP:TRANSPARENT"))).toEqual({ busy: false, rule: "transparent" });
  });

  it("TRANSP:OPAQUE is busy", () => {
    expect(classifyOccurrence(occurrenceWith("TRANSP:OPAQUE"))).toEqual({ busy: true, rule: "busy" });
  });

  it("an occurrence whose status is CANCELLED is free by rule 'cancelled'", () => {
    // expandEvents drops cancelled events itself; a provider adapter may still hand one over.
    const o: Occurrence = { ...occurrenceWith(), status: "CANCELLED" };
    expect(classifyOccurrence(o)).toEqual({ busy: false, rule: "cancelled" });
  });

  it("an invitation the owner declined is free by rule 'declined' (address matched without case or mailto:)", () => {
    const o = occurrenceWith(`ATTENDEE;PARTSTAT=DECLINED:MAILTO:Learner@Example.com`, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:boss@example.com");
    expect(classifyOccurrence(o, prefs({ ownerEmails: ["LEARNER@example.com"] }))).toEqual({ busy: false, rule: "declined" });
  });

  it("someone else declining does not free the owner", () => {
    const o = occurrenceWith("ATTENDEE;PARTSTAT=DECLINED:mailto:boss@example.com", `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${OWNER}`);
    expect(classifyOccurrence(o, prefs({ ownerEmails: [OWNER] }))).toEqual({ busy: true, rule: "busy" });
  });

  it("without owner addresses, a declined attendee line cannot be the owner's: busy", () => {
    expect(classifyOccurrence(occurrenceWith(`ATTENDEE;PARTSTAT=DECLINED:mailto:${OWNER}`))).toEqual({ busy: true, rule: "busy" });
  });

  it("X-MICROSOFT-CDO-BUSYSTATUS:FREE is free by rule 'free-status', even when opaque", () => {
    expect(classifyOccurrence(occurrenceWith("TRANSP:OPAQUE", "X-MICROSOFT-CDO-BUSYSTATUS:FREE"))).toEqual({ busy: false, rule: "free-status" });
  });

  it("X-MICROSOFT-CDO-BUSYSTATUS:OOF is busy by rule 'out-of-office'", () => {
    expect(classifyOccurrence(occurrenceWith("X-MICROSOFT-CDO-BUSYSTATUS:OOF"))).toEqual({ busy: true, rule: "out-of-office" });
  });

  it("STATUS:TENTATIVE is busy by default, by rule 'tentative'", () => {
    expect(classifyOccurrence(occurrenceWith("STATUS:TENTATIVE"))).toEqual({ busy: true, rule: "tentative" });
  });

  it("STATUS:TENTATIVE is free when the learner prefers, by rule 'tentative-free-preference'", () => {
    expect(classifyOccurrence(occurrenceWith("STATUS:TENTATIVE"), prefs({ tentativeIsBusy: false }))).toEqual({ busy: false, rule: "tentative-free-preference" });
  });

  it("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE is tentative too", () => {
    expect(classifyOccurrence(occurrenceWith("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE"))).toEqual({ busy: true, rule: "tentative" });
  });

  it("an invitation the owner has not answered (NEEDS-ACTION) is tentative", () => {
    expect(classifyOccurrence(occurrenceWith(`ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${OWNER}`), prefs({ ownerEmails: [OWNER] }))).toEqual({ busy: true, rule: "tentative" });
  });

  it("an event the learner chose to ignore is free by rule 'ignored'", () => {
    expect(classifyOccurrence(occurrenceWith(), prefs({ ignoredUids: ["one@test"] }))).toEqual({ busy: false, rule: "ignored" });
  });

  it("a zero-length event is free by rule 'no-duration'", () => {
    const o = expandText(ics(["DTSTART:20270315T090000Z"]), DAY[0], DAY[1]).raw[0] as Occurrence;
    expect(classifyOccurrence(o)).toEqual({ busy: false, rule: "no-duration" });
  });
});

describe("classifyOccurrence: all-day events", () => {
  it("a transparent all-day event (a holiday as Google and Outlook write it) is free by default", () => {
    expect(classifyOccurrence(allDayWith("TRANSP:TRANSPARENT"))).toEqual({ busy: false, rule: "transparent" });
  });

  it("an opaque all-day event (a vacation) is busy by default", () => {
    expect(classifyOccurrence(allDayWith("TRANSP:OPAQUE"))).toEqual({ busy: true, rule: "busy" });
  });

  it("allDay: 'busy' makes a transparent all-day event busy, by rule 'all-day-busy-preference'", () => {
    expect(classifyOccurrence(allDayWith("TRANSP:TRANSPARENT"), prefs({ allDay: "busy" }))).toEqual({ busy: true, rule: "all-day-busy-preference" });
  });

  it("allDay: 'free' makes an opaque all-day event free, by rule 'all-day-free-preference'", () => {
    expect(classifyOccurrence(allDayWith("TRANSP:OPAQUE"), prefs({ allDay: "free" }))).toEqual({ busy: false, rule: "all-day-free-preference" });
  });

  it("the all-day preference does not touch timed events", () => {
    expect(classifyOccurrence(occurrenceWith("TRANSP:TRANSPARENT"), prefs({ allDay: "busy" }))).toEqual({ busy: false, rule: "transparent" });
  });
});

describe("busyIntervals: merging", () => {
  it("separate events stay separate, sorted by start", () => {
    const occ = occurrencesOf(timed("b", "20270315T130000Z", "20270315T140000Z"), timed("a", "20270315T090000Z", "20270315T100000Z"));
    expect(intervals(busyIntervals(occ))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T10:00:00Z", "2027-03-15T13:00:00Z/2027-03-15T14:00:00Z"]);
  });

  it("overlapping events merge into one interval that ends at the later end", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T110000Z"), timed("b", "20270315T093000Z", "20270315T100000Z"));
    expect(intervals(busyIntervals(occ))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T11:00:00Z"]);
  });

  it("touching intervals merge ([09:00, 10:00) and [10:00, 11:00) become [09:00, 11:00))", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T100000Z", "20270315T110000Z"));
    expect(intervals(busyIntervals(occ))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T11:00:00Z"]);
  });

  it("a one-second gap keeps intervals apart", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T100001Z", "20270315T110000Z"));
    expect(intervals(busyIntervals(occ))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T10:00:00Z", "2027-03-15T10:00:01Z/2027-03-15T11:00:00Z"]);
  });

  it("free occurrences are left out of the intervals", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T100000Z", "20270315T110000Z", "TRANSP:TRANSPARENT"));
    expect(intervals(busyIntervals(occ))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T10:00:00Z"]);
  });

  it("buffers widen each busy occurrence (10 min before, 15 after)", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"));
    expect(intervals(busyIntervals(occ, { bufferBeforeMinutes: 10, bufferAfterMinutes: 15 }))).toEqual(["2027-03-15T08:50:00Z/2027-03-15T10:15:00Z"]);
  });

  it("a 15-minute after-buffer alone does not bridge a 20-minute gap", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T102000Z", "20270315T110000Z"));
    expect(intervals(busyIntervals(occ, { bufferAfterMinutes: 15 }))).toEqual(["2027-03-15T09:00:00Z/2027-03-15T10:15:00Z", "2027-03-15T10:20:00Z/2027-03-15T11:15:00Z"]);
  });

  it("buffers that meet across a gap merge the intervals (15 after + 5 before = the 20-minute gap)", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T102000Z", "20270315T110000Z"));
    expect(intervals(busyIntervals(occ, { bufferBeforeMinutes: 5, bufferAfterMinutes: 15 }))).toEqual(["2027-03-15T08:55:00Z/2027-03-15T11:15:00Z"]);
  });

  it("buffers are not added around free occurrences", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z", "TRANSP:TRANSPARENT"));
    expect(busyIntervals(occ, { bufferBeforeMinutes: 10, bufferAfterMinutes: 15 })).toEqual([]);
  });

  it("no occurrences, no intervals", () => {
    expect(busyIntervals([])).toEqual([]);
  });
});

describe("busyIntervals: sources and purity", () => {
  it("each interval keeps its occurrences with the rule that made them busy, and their own times without buffers", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z", "STATUS:TENTATIVE"), timed("b", "20270315T093000Z", "20270315T103000Z"));
    const [only, ...rest] = busyIntervals(occ, { bufferAfterMinutes: 5 });
    expect(rest).toEqual([]);
    expect(only?.sources.map((s) => ({ uid: s.uid, summary: s.summary, rule: s.rule, allDay: s.allDay, start: iso(s.start), end: iso(s.end) }))).toEqual([
      { uid: "a", summary: "a", rule: "tentative", allDay: false, start: "2027-03-15T09:00:00Z", end: "2027-03-15T10:00:00Z" },
      { uid: "b", summary: "b", rule: "busy", allDay: false, start: "2027-03-15T09:30:00Z", end: "2027-03-15T10:30:00Z" },
    ]);
    expect(intervals([only as BusyInterval])).toEqual(["2027-03-15T09:00:00Z/2027-03-15T10:35:00Z"]);
  });

  it("an all-day source made busy by preference carries that rule", () => {
    const [i] = busyIntervals([allDayWith("TRANSP:TRANSPARENT")], { allDay: "busy" });
    expect(i?.sources.map((s) => [s.uid, s.rule, s.allDay])).toEqual([["allday@test", "all-day-busy-preference", true]]);
  });

  it("does not sort, reorder or change the caller's array or its occurrences", () => {
    const occ = occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z"), timed("b", "20270315T130000Z", "20270315T140000Z"));
    const reversed = Object.freeze([...occ].reverse().map((o) => Object.freeze({ ...o })));
    const before = reversed.map((o) => [o.uid, o.start, o.end]);
    const result = busyIntervals(reversed, { bufferBeforeMinutes: 30, bufferAfterMinutes: 30 });
    expect(reversed.map((o) => [o.uid, o.start, o.end])).toEqual(before);
    expect(reversed.map((o) => o.uid)).toEqual(["b", "a"]);
    expect(intervals(result)).toEqual(["2027-03-15T08:30:00Z/2027-03-15T10:30:00Z", "2027-03-15T12:30:00Z/2027-03-15T14:30:00Z"]);
  });

  it("preferences passed in are not changed", () => {
    const p = Object.freeze({ ...DEFAULT_BUSY_PREFERENCES, ownerEmails: Object.freeze([OWNER]), bufferAfterMinutes: 10 });
    expect(() => busyIntervals(occurrencesOf(timed("a", "20270315T090000Z", "20270315T100000Z")), p)).not.toThrow();
    expect(p.bufferAfterMinutes).toBe(10);
    expect(DEFAULT_BUSY_PREFERENCES.bufferAfterMinutes).toBe(0);
  });
});
