/**
 * What the results' pictures draw, through the real engine (importIcs → expandEvents → checkFit →
 * fitDetails → lib/charts): each session's place on the learner's wall clock, the learner's usual
 * busy week in half hours (over a clock change, on the spring-forward and fall-back nights), the
 * study plan week by week, and the partial clash and DST shift the pictures show. Expected values
 * are worked out by hand from the calendar; a few are checked against luxon directly, which the
 * code under test does not call for them.
 *
 * 2027 facts: 1 Mar is a Monday (Mondays 1, 8, 15, 22, 29 Mar); US clocks spring forward on Sun
 * 14 Mar at 02:00 EST and fall back on Sun 7 Nov at 02:00 EDT; UK clocks change on 28 Mar.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { loadCatalog, parseCatalog, type Catalog } from "@/lib/catalog";
import { checkFit, preferencesFrom } from "@/lib/fit";
import { fitDetails, type SectionDetail } from "@/lib/fit/json";
import { pictureSessions, sessionPicturesHtml } from "@/lib/charts/section-pictures";
import { sessionBlocks, weekGridSvg } from "@/lib/charts/week-grid";
import { termStripSvg } from "@/lib/charts/term-strip";
import { catalogFixture, termOccurrences } from "../helpers/fit";
import { ics } from "../helpers/ics";

/** One Monday-evening section in March 2027, New York time. */
const MONDAYS: Catalog = parseCatalog(
  JSON.stringify({
    institution: "FormatFit test school",
    courses: [
      {
        id: "WG-100",
        title: "Week Grids",
        summary: "Mondays at 18:30 for five weeks.",
        sections: [
          {
            id: "WG-100-S1",
            format: "synchronous",
            timeZone: "America/New_York",
            startDate: "2027-03-01",
            endDate: "2027-03-31",
            meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "18:30", durationMinutes: 90 }],
            recordings: "all",
          },
        ],
      },
    ],
  }),
  "week-grid-test.json",
);

const DST = catalogFixture("fit-dst.json");

function detailsOf(catalog: Catalog, sectionIds: readonly string[], text: string, timeZone: string): { section: SectionDetail; all: ReturnType<typeof fitDetails> } {
  const preferences = preferencesFrom({ timeZone });
  const occ = termOccurrences(text, catalog, sectionIds, timeZone);
  const all = fitDetails(checkFit({ catalog, sectionIds, occurrences: occ, preferences }), occ, preferences);
  const section = all.sections[0];
  if (!section) throw new Error("no section");
  return { section, all };
}

const slot = (hhmm: string) => (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) / 30;

describe("a Monday 18:30–20:00 session over a busy Monday 17:00–18:45 (New York, 8 Mar 2027 only)", () => {
  const busy = ics(["SUMMARY:Team meeting", "DTSTART;TZID=America/New_York:20270308T170000", "DTEND;TZID=America/New_York:20270308T184500"]);
  const { section } = detailsOf(MONDAYS, ["WG-100-S1"], busy, "America/New_York");
  const live = section.live;
  if (!live) throw new Error("no live sessions");

  it("places every session at Monday 18:30–20:00 on the wall clock, before and after the 14 Mar clock change", () => {
    expect(live.sessions.map((s) => [s.date, s.weekday, s.startMinute, s.endMinute])).toEqual(
      ["2027-03-01", "2027-03-08", "2027-03-15", "2027-03-22", "2027-03-29"].map((d) => [d, 0, 1110, 1200]),
    );
  });

  it("counts the busy half hours of the term's Mondays: 17:00, 17:30, 18:00 and 18:30 (part of it) in 1 of 5", () => {
    // 1–31 Mar 2027: five Mondays, Tuesdays and Wednesdays, four of the other days.
    expect(live.weekGrid.weeks).toEqual([5, 5, 5, 4, 4, 4, 4]);
    const monday = live.weekGrid.busy[0] ?? [];
    expect(monday.slice(slot("16:30"), slot("19:30"))).toEqual([0, 1, 1, 1, 1, 0]);
    expect(live.weekGrid.busy.slice(1).flat().every((n) => n === 0)).toBe(true);
  });

  it("makes the 8 Mar session a partial clash cell in the strip and a partial stripe in the week", () => {
    const sessions = pictureSessions(live.sessions, { withTitles: true });
    expect(sessions.map((s) => s.status)).toEqual(["ok", "partial", "ok", "ok", "ok"]);
    const strip = termStripSvg({ title: "t", idPrefix: "ts", sessions });
    expect(strip).toContain('class="cell partial" x="19"');
    expect(strip).toContain('aria-label="Mon 8 Mar 2027, 18:30–20:00: partial clash, joined late or left early (Team meeting; joined 15 min late)"');
    const blocks = sessionBlocks(sessions);
    expect(blocks).toEqual([{ kind: "sessions", weekday: 0, startMinute: 1110, endMinute: 1200, counts: { partial: 1, ok: 4 }, shifted: false }]);
    const grid = weekGridSvg({ title: "t", idPrefix: "wg", usual: live.weekGrid, blocks });
    expect(grid).toContain('<rect class="partial" x="45" y="211" width="7.2" height="27" fill="url(#wg-hatch)"/>');
    expect(grid).toContain("<title>Mon 18:30–20:00: 5 sessions — 1 joined late or left early, 4 free</title>");
  });
});

describe("the learner's usual week across the US clock changes (New York)", () => {
  it("on the spring-forward night: 01:30 and 03:00–04:00 are busy, the missing 02:00 hour is not", () => {
    // 06:30Z is 01:30 EST; at 07:00Z clocks jump to 03:00 EDT; 08:00Z is 04:00 EDT.
    const { section } = detailsOf(DST, ["DST-200-S1"], ics(["SUMMARY:Night shift", "DTSTART:20270314T063000Z", "DTEND:20270314T080000Z"]), "America/New_York");
    const sunday = section.live?.weekGrid.busy[6] ?? [];
    expect(sunday.slice(slot("01:00"), slot("04:30"))).toEqual([0, 1, 0, 0, 1, 1, 0]);
  });

  it("on the fall-back night: the 01:00 hour that happens twice is counted once per slot", () => {
    // 05:30Z is 01:30 EDT; 06:00Z is 01:00 EST (clocks went back); 07:00Z is 02:00 EST.
    const { section } = detailsOf(DST, ["DST-200-S2"], ics(["SUMMARY:Night shift", "DTSTART:20271107T053000Z", "DTEND:20271107T070000Z"]), "America/New_York");
    const sunday = section.live?.weekGrid.busy[6] ?? [];
    expect(sunday.slice(slot("00:30"), slot("02:30"))).toEqual([0, 1, 1, 0]);
  });

  it("a weekly 09:00–17:00 Monday stays at 09:00–17:00 on both sides of 14 Mar: busy in all 5 Mondays", () => {
    const work = ics(["SUMMARY:Work", "DTSTART;TZID=America/New_York:20270301T090000", "DTEND;TZID=America/New_York:20270301T170000", "RRULE:FREQ=WEEKLY;BYDAY=MO"]);
    const { section } = detailsOf(MONDAYS, ["WG-100-S1"], work, "America/New_York");
    const monday = section.live?.weekGrid.busy[0] ?? [];
    expect(monday.slice(slot("08:30"), slot("17:30"))).toEqual([0, ...new Array(16).fill(5), 0]);
  });
});

describe("a New York section taken from London in March 2027 (DST-100-S1, Tuesdays 18:30 New York)", () => {
  const { section } = detailsOf(DST, ["DST-100-S1"], ics(), "Europe/London");
  const live = section.live;
  if (!live) throw new Error("no live sessions");

  it("places the usual sessions at Tuesday 23:30–01:00 and the two mismatch weeks at 22:30–24:00", () => {
    expect(live.sessions.map((s) => [s.date, s.weekday, s.startMinute, s.endMinute, s.shifted])).toEqual([
      ["2027-03-02", 1, 1410, 1500, false],
      ["2027-03-09", 1, 1410, 1500, false],
      ["2027-03-16", 1, 1350, 1440, true],
      ["2027-03-23", 1, 1350, 1440, true],
      ["2027-03-30", 1, 1410, 1500, false],
    ]);
  });

  it("calls out the DST-shift weeks: a dashed block at 22:30 in the week, dots under two cells of the strip, and a sentence", () => {
    const html = sessionPicturesHtml({ sectionId: "DST-100-S1", idPrefix: "p", whose: "Your", usual: live.weekGrid, sessions: pictureSessions(live.sessions, { withTitles: false }), shifts: live.shifts, stripTable: true });
    expect(html.match(/class="block sessions shifted"/g)).toHaveLength(1);
    // Mostly after 23:00, so in the default sleep hours (23:00–06:00) as well.
    expect(html).toContain("<title>Tue 22:30–24:00 (moved by a clock change): 2 sessions — 2 in the sleep hours</title>");
    expect(html.match(/<circle /g)).toHaveLength(2);
    expect(html).toContain('aria-label="Tue 16 Mar 2027, 22:30 – Wed 17 Mar 2027, 00:00: in the sleep hours, at a time moved by a clock change"');
    expect(html).toContain("Clock changes on different dates: on 16 Mar and 23 Mar the session starts at 22:30 instead of 23:30");
  });
});

describe("the study plan week by week (PM-101-A1 against the learner's spring 2027 calendar, New York)", () => {
  const text = readFileSync(fileURLToPath(new URL("../fixtures/ics/learner-spring-2027.ics", import.meta.url)), "utf8");
  const catalog = loadCatalog({ env: {} });
  const preferences = preferencesFrom({ timeZone: "America/New_York" });
  const occ = termOccurrences(text, catalog, ["PM-101-A1"], "America/New_York");
  const result = checkFit({ catalog, sectionIds: ["PM-101-A1"], occurrences: occ, preferences });
  const details = fitDetails(result, occ, preferences);
  const weeks = details.sections[0]?.async?.planWeeks ?? [];

  it("holds every block of the plan once, in the Monday-first week and wall-clock place luxon gives it", () => {
    const blocks = result.sections[0]?.async?.plan.blocks ?? [];
    expect(weeks.flatMap((w) => w.blocks)).toHaveLength(blocks.length);
    const expected = blocks.map((b) => {
      const a = DateTime.fromMillis(b.start, { zone: "America/New_York" });
      const z = DateTime.fromMillis(b.end, { zone: "America/New_York" });
      return [a.startOf("week").toISODate(), a.weekday - 1, a.hour * 60 + a.minute, a.hour * 60 + a.minute + Math.round(z.diff(a, "minutes").minutes), b.deadlineTitle];
    });
    expect(weeks.flatMap((w) => w.blocks.map((b) => [w.weekOf, b.weekday, b.startMinute, b.endMinute, b.title]))).toEqual(expected);
    expect(weeks[0]?.weekOf).toBe("2027-01-11");
  });

  it("names each planned week and holds its busy time: work Monday to Friday 09:00–17:30, family on Saturday", () => {
    const first = details.busyWeeks.find((w) => w.weekOf === "2027-01-11");
    expect(first?.label).toBe("Mon 11 Jan – Sun 17 Jan");
    expect(first?.dayLabels).toEqual(["11 Jan", "12 Jan", "13 Jan", "14 Jan", "15 Jan", "16 Jan", "17 Jan"]);
    expect(first?.busy).toContainEqual({ weekday: 0, startMinute: 540, endMinute: 1050 });
    expect(first?.busy).toContainEqual({ weekday: 5, startMinute: 540, endMinute: 1080 });
    expect(details.busyWeeks.map((w) => w.weekOf)).toEqual(weeks.map((w) => w.weekOf));
  });

  it("the busy time a planned block sits in is none (blocks avoid busy time)", () => {
    for (const w of weeks) {
      const busy = details.busyWeeks.find((b) => b.weekOf === w.weekOf)?.busy ?? [];
      for (const b of w.blocks) expect(busy.filter((x) => x.weekday === b.weekday && x.startMinute < b.endMinute && b.startMinute < x.endMinute), `${w.weekOf} ${b.weekday} ${b.startMinute}`).toEqual([]);
    }
  });
});
