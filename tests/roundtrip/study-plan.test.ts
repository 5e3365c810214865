/**
 * The study plan as .ics, read back: one event per block, at exactly the block's instants, by our
 * importer and by ical.js.
 */
import { describe, expect, it } from "vitest";
import { studyPlanCalendar, type StudyBlock } from "@/lib/export/study-plan";
import { icalInstances, ourInstances, unfold } from "./helpers";

const NOW = Date.parse("2027-01-10T00:00:00Z");
const DUE_1 = Date.parse("2027-01-18T04:59:00Z");
const DUE_2 = Date.parse("2027-01-21T04:59:00Z");

const blocks: readonly StudyBlock[] = Object.freeze([
  { start: Date.parse("2027-01-16T14:00:00Z"), end: Date.parse("2027-01-16T16:00:00Z"), sectionId: "PM-101-A1", deadlineTitle: "Weekly assignment", dueAt: DUE_1 },
  { start: Date.parse("2027-01-12T23:30:00Z"), end: Date.parse("2027-01-13T00:15:00Z"), sectionId: "PM-101-A1", deadlineTitle: "Weekly assignment", dueAt: DUE_1 },
  { start: Date.parse("2027-01-19T12:00:00Z"), end: Date.parse("2027-01-19T13:30:00Z"), sectionId: "DA-110-A1", deadlineTitle: "Lab, part 1; SQL", dueAt: DUE_2 },
]);

describe("studyPlanCalendar", () => {
  const text = studyPlanCalendar(blocks, { now: NOW, name: "Spring 2027 study plan" });

  it("writes one UTC event per block, sorted by start, with UIDs per deadline", () => {
    const lines = unfold(text);
    expect(lines.slice(0, 7)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//FormatFit//Study plan 1.0//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "NAME:Spring 2027 study plan",
      "X-WR-CALNAME:Spring 2027 study plan",
    ]);
    expect(lines.filter((l) => /^(UID|DTSTART|DTEND|SUMMARY):/.test(l))).toEqual([
      "UID:study-0.20270118T045900Z.PM-101-A1@formatfit.invalid",
      "DTSTART:20270112T233000Z",
      "DTEND:20270113T001500Z",
      "SUMMARY:Study: Weekly assignment (PM-101-A1)",
      "UID:study-1.20270118T045900Z.PM-101-A1@formatfit.invalid",
      "DTSTART:20270116T140000Z",
      "DTEND:20270116T160000Z",
      "SUMMARY:Study: Weekly assignment (PM-101-A1)",
      "UID:study-0.20270121T045900Z.DA-110-A1@formatfit.invalid",
      "DTSTART:20270119T120000Z",
      "DTEND:20270119T133000Z",
      "SUMMARY:Study: Lab\\, part 1\\; SQL (DA-110-A1)",
    ]);
    expect(lines).toContain('DESCRIPTION:90 minutes toward "Lab\\, part 1\\; SQL" for DA-110-A1\\, due 2027-01-21T04:59:00Z.');
  });

  it("reads back as exactly the blocks, busy, in our importer and in ical.js", () => {
    const want = [...blocks]
      .sort((a, b) => a.start - b.start)
      .map((b) => [new Date(b.start).toISOString().replace(".000", ""), new Date(b.end).toISOString().replace(".000", "")]);
    const ours = ourInstances(text, Date.parse("2027-01-01T00:00:00Z"), Date.parse("2027-02-01T00:00:00Z"));
    expect(ours.issues).toEqual([]);
    expect(ours.instances.map((i) => [i.start, i.end])).toEqual(want);
    expect(ours.occurrences.every((o) => !o.transparent)).toBe(true);
    expect(icalInstances(text).map((i) => [i.start, i.end])).toEqual(want);
  });

  it("keeps DTSTAMP and SEQUENCE as given and the UIDs across two runs", () => {
    const again = unfold(studyPlanCalendar(blocks, { now: Date.parse("2027-01-11T09:00:00Z"), sequence: 2 }));
    expect(again.filter((l) => l.startsWith("UID:"))).toEqual(unfold(text).filter((l) => l.startsWith("UID:")));
    expect(new Set(again.filter((l) => /^(DTSTAMP|SEQUENCE):/.test(l)))).toEqual(new Set(["DTSTAMP:20270111T090000Z", "SEQUENCE:2"]));
    expect(again).toContain("X-WR-CALNAME:Study plan");
  });

  it("writes an empty plan as a calendar with no events", () => {
    expect(unfold(studyPlanCalendar([], { now: NOW })).filter((l) => l.startsWith("BEGIN:"))).toEqual(["BEGIN:VCALENDAR"]);
  });

  it("refuses a block that does not end after it starts", () => {
    const bad = { ...(blocks[0] as StudyBlock), end: (blocks[0] as StudyBlock).start };
    expect(() => studyPlanCalendar([bad], { now: NOW })).toThrow(/Study block 0 \(PM-101-A1, Weekly assignment\) must end after it starts/);
    expect(() => studyPlanCalendar(blocks, { now: Number.NaN })).toThrow(RangeError);
  });
});
