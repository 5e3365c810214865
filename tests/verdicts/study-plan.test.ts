/**
 * A study plan a person would follow (docs/fit.md, "Your free study time"): study keeps
 * `studyBufferMinutes` (default 30) away from work and commutes, nothing is planned before the day's
 * first morning commitment unless a study window asks for mornings (ends by 12:00), and every
 * description gives local times.
 *
 * The learner: New York, a 9–5 job Monday to Friday; PM-101-A1 (8 hours a week: a discussion post
 * on Wednesdays, an assignment on Sundays, both 23:59 New York). Defaults: study 07:00–22:00, at
 * most 4 hours a day. Weekdays: nothing before 09:00 (the job), nothing until 17:30 (the job and its
 * buffer), so 17:30–21:30; weekends 07:00–11:00.
 */
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/check/route";
import { studyPlanIcs } from "@/lib/check/run";
import { freeBlocks } from "@/lib/fit/free-time";
import { check, fitOf, ics, NINE_TO_FIVE, upload } from "./helpers";
import { postForm } from "../api/helpers";

const NY = "America/New_York";
const JOB = NINE_TO_FIVE;
const COMMUTES = ics(
  ["UID:work@job.test", "SUMMARY:Work", "DTSTART;TZID=America/New_York:20270111T090000", "DTEND;TZID=America/New_York:20270111T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
  ["UID:in@job.test", "SUMMARY:Commute", "DTSTART;TZID=America/New_York:20270111T080000", "DTEND;TZID=America/New_York:20270111T084500", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
  ["UID:out@job.test", "SUMMARY:Commute", "DTSTART;TZID=America/New_York:20270111T171500", "DTEND;TZID=America/New_York:20270111T180000", "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"],
);

/** Each block as `Mon 07:00–09:00` in New York. */
function localBlocks(blocks: readonly { start: number; end: number }[]): string[] {
  return blocks.map((b) => `${DateTime.fromMillis(b.start, { zone: NY }).toFormat("ccc HH:mm")}–${DateTime.fromMillis(b.end, { zone: NY }).toFormat("HH:mm")}`);
}

describe("a 9–5 job", () => {
  const outcome = check(upload(JOB), { timeZone: NY }, ["PM-101-A1"]);
  const a1 = fitOf(outcome, "PM-101-A1");
  const blocks = a1.async?.plan.blocks ?? [];

  it("never books study before work or within 30 minutes of it", () => {
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const s = DateTime.fromMillis(b.start, { zone: NY });
      const e = DateTime.fromMillis(b.end, { zone: NY });
      const from = s.hour * 60 + s.minute;
      const to = e.hour * 60 + e.minute;
      if (s.weekday <= 5) expect(from, `${s.toISO()}`).toBeGreaterThanOrEqual(17 * 60 + 30);
      else expect(from).toBeGreaterThanOrEqual(7 * 60);
      expect(to).toBeLessThanOrEqual(22 * 60);
    }
  });

  it("plans the first week's discussion post on Monday evening, from 17:30, not at 07:00 or 17:00", () => {
    // 8 h a week: the Wednesday post 2 h, the Sunday assignment 6 h (1 h and 3 h, scaled to 8). The
    // assignment is released at the post's deadline (Wednesday 23:59): Thursday and Friday evenings.
    expect(localBlocks(blocks.slice(0, 3))).toEqual(["Mon 17:30–19:30", "Thu 17:30–21:30", "Fri 17:30–19:30"]);
  });

  it("counts 4 free hours a weekday and 4 a weekend day: 28 a week", () => {
    expect(a1.async?.weeks.slice(0, 3).map((w) => w.availableHours)).toEqual([28, 28, 28]);
  });

  it("with commutes 08:00–08:45 and 17:15–18:00, study starts at 18:30", () => {
    const f = fitOf(check(upload(COMMUTES), { timeZone: NY }, ["PM-101-A1"]), "PM-101-A1");
    expect(localBlocks((f.async?.plan.blocks ?? []).slice(0, 1))).toEqual(["Mon 18:30–20:30"]);
  });

  it("a morning window (06:00–08:00) is honoured before work: the learner asked for mornings", () => {
    const prefs = {
      timeZone: NY,
      studyWindows: [
        { days: [0, 1, 2, 3, 4, 5, 6], start: "06:00", end: "08:00" },
        { days: [0, 1, 2, 3, 4, 5, 6], start: "07:00", end: "22:00" },
      ],
    };
    const f = fitOf(check(upload(JOB), prefs, ["PM-101-A1"]), "PM-101-A1");
    expect(localBlocks((f.async?.plan.blocks ?? []).slice(0, 2))).toEqual(["Mon 06:00–08:00", "Thu 06:00–08:00"]);
  });

  it("a shorter buffer is the learner's choice (studyBufferMinutes: 0 studies from 17:00)", () => {
    const f = fitOf(check(upload(JOB), { timeZone: NY, studyBufferMinutes: 0 }, ["PM-101-A1"]), "PM-101-A1");
    expect(localBlocks((f.async?.plan.blocks ?? []).slice(0, 1))).toEqual(["Mon 17:00–19:00"]);
  });

  it("leaves the morning free on a day whose first commitment is in the afternoon", () => {
    const lunch = [{ start: Date.parse("2027-01-16T18:00:00Z"), end: Date.parse("2027-01-16T19:00:00Z"), sources: [] }]; // Sat 13:00–14:00
    const prefs = outcome.result.preferences;
    expect(localBlocks(freeBlocks(lunch, prefs, Date.parse("2027-01-16T05:00:00Z"), Date.parse("2027-01-17T05:00:00Z")))).toEqual(["Sat 07:00–11:00"]);
  });
});

describe("the study plan's descriptions give local times", () => {
  it("the block and its due time in the learner's zone, never a UTC instant", () => {
    const outcome = check(upload(JOB), { timeZone: NY }, ["PM-101-A1"]);
    const text = studyPlanIcs(outcome.result, { now: Date.parse("2027-01-01T00:00:00Z"), sectionId: "PM-101-A1" });
    const descriptions = text
      .replace(/\r\n[ \t]/g, "")
      .split("\r\n")
      .filter((l) => l.startsWith("DESCRIPTION:"));
    expect(descriptions[0]).toBe('DESCRIPTION:120 minutes toward "Discussion post" for PM-101-A1: Mon 11 Jan 2027\\, 17:30–19:30 New York time. Due Wed 13 Jan 2027 23:59 New York time.');
    for (const d of descriptions) expect(d).not.toMatch(/\d{4}-\d{2}-\d{2}T|Z\b/);
  });

  it("through the API (output=study-plan), in the zone the learner gave", async () => {
    const response = await POST(
      postForm("/api/check", [
        ["calendar", { file: JOB, name: "job.ics" }],
        ["section", "PM-101-A1"],
        ["output", "study-plan"],
        ["planSection", "PM-101-A1"],
        ["preferences", JSON.stringify({ timeZone: "Europe/London" })],
      ]),
    );
    expect(response.status).toBe(200);
    const text = (await response.text()).replace(/\r\n[ \t]/g, "");
    expect(text).toMatch(/DESCRIPTION:\d+ minutes toward "[^"]+" for PM-101-A1: [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} 2027\\, \d{2}:\d{2}–\d{2}:\d{2} London time\. Due [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2} 2027 \d{2}:\d{2} London time\./);
  });
});
