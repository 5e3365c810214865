/**
 * The summary table (lib/charts/summary-table.ts), the load chart (lib/charts/load-chart.ts) and
 * the pieces of lib/charts/section-pictures.ts, from hand-built data: a row per course with row and
 * column headers, the best section marked (or the closest when none fits), a section picked alone
 * still in a row, cells linking to their details; a bar per week with crunch weeks banded; the
 * clock-change call-out; sessions turned into picture data with and without clash partners.
 */
import { describe, expect, it } from "vitest";
import { bestMark, detailAnchor, summaryTableHtml, type SummarySection } from "@/lib/charts/summary-table";
import { loadChartHtml, loadChartSvg, type LoadWeek } from "@/lib/charts/load-chart";
import { pictureSessions, sessionPicturesHtml, shiftCallout, type SessionFacts } from "@/lib/charts/section-pictures";

const SECTIONS: SummarySection[] = [
  { sectionId: "PM-101-S1", courseId: "PM-101", courseTitle: "Project Management", format: "synchronous", verdict: "does-not-fit", line: "16 of 29 sessions missed" },
  { sectionId: "PM-101-A1", courseId: "PM-101", courseTitle: "Project Management", format: "asynchronous", verdict: "fits", line: "Room for 8 h of study every week" },
  { sectionId: "DA-110-H1", courseId: "DA-110", courseTitle: "Data <Analytics>", format: "hybrid", verdict: "does-not-fit", line: "1 of 14 sessions missed" },
];

describe("summaryTableHtml", () => {
  const html = summaryTableHtml({
    courses: [{ courseId: "PM-101", sectionIds: ["PM-101-S1", "PM-101-A1"], best: ["PM-101-A1", "PM-101-S1"] }],
    sections: SECTIONS,
    anchor: detailAnchor,
    caption: "Each course's formats",
  });

  it("is a table with a caption, a column header per format present and a row header per course", () => {
    expect(html).toMatch(/^<table class="summary data"><caption>Each course&#39;s formats<\/caption>/);
    // Soft hyphens let a phone break "Asynchronous" where a word may break.
    expect([...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual(["Course", "Syn&shy;chro&shy;nous", "Asyn&shy;chro&shy;nous", "Hy&shy;brid"]);
    expect([...html.matchAll(/<th scope="row"><span class="cid">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(["PM-101", "DA-110"]);
  });

  it("puts a verdict chip, a link to the section's detail and its line in each cell, and marks the best", () => {
    expect(html).toContain(
      '<td class="best"><div class="cell-section"><a class="cell-link" href="#detail-PM-101-A1"><span class="verdict fits">Fits</span> <span class="sid">PM-101-A1</span></a> <strong class="mark best">★ Best fit</strong><p class="line">Room for 8 h of study every week</p></div></td>',
    );
    expect(html).toContain('<a class="cell-link" href="#detail-PM-101-S1"><span class="verdict does-not-fit">Does not fit</span> <span class="sid">PM-101-S1</span></a><p class="line">');
  });

  it("gives a section picked alone (no course row holds it) a row of its own, the other formats not checked", () => {
    const row = /<tr><th scope="row"><span class="cid">DA-110<\/span> <span class="ctitle">Data &lt;Analytics&gt;<\/span><\/th>(.*?)<\/tr>/.exec(html)?.[1] ?? "";
    expect(row.match(/<td class="none">not checked<\/td>/g)).toHaveLength(2);
    expect(row).toContain('href="#detail-DA-110-H1"');
    expect(row).not.toContain("mark");
  });

  it("marks the closest when no section fits, and nothing in a course of one", () => {
    const course = { courseId: "X", sectionIds: ["X-1", "X-2"], best: ["X-2", "X-1"] };
    expect(bestMark(course, "X-2", "does-not-fit")).toBe("closest");
    expect(bestMark(course, "X-2", "fits-with-tradeoffs")).toBe("best");
    expect(bestMark(course, "X-1", "fits")).toBeNull();
    expect(bestMark({ courseId: "Y", sectionIds: ["Y-1"], best: ["Y-1"] }, "Y-1", "fits")).toBeNull();
  });

  it("keeps an anchor to an id-safe form", () => {
    expect(detailAnchor("A 1/<x>")).toBe("detail-A_1__x_");
  });
});

const WEEKS: LoadWeek[] = [
  { start: "2027-01-11T05:00:00Z", label: "Mon 11 Jan – Sun 17 Jan", requiredHours: 8, availableHours: 20, slackHours: 12, feasible: true, crunch: false },
  { start: "2027-01-18T05:00:00Z", label: "Mon 18 Jan – Sun 24 Jan", requiredHours: 8, availableHours: 7.5, slackHours: -0.5, feasible: false, crunch: true },
];

describe("loadChartSvg and loadChartHtml", () => {
  it("draws a needed and a free bar per week on one scale, bands and marks a crunch week", () => {
    const svg = loadChartSvg(WEEKS, "Hours for PM-101-A1");
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Hours for PM-101-A1: 2 weeks, 1 crunch week; the table below lists every week\."/);
    // 20 h is the widest bar: 360 − 90 − 22 = 248 units; 8 h is 99.2, 7.5 h 93.
    expect(svg).toContain('<rect x="90" y="20" width="99.2" height="8" fill="#0b5cad"/>');
    expect(svg).toContain('<rect x="90" y="28" width="248" height="8" fill="#7fb2e5"');
    expect(svg).toContain('<rect x="90" y="50" width="93" height="8" fill="#7fb2e5"');
    expect(svg).toContain('<rect x="0" y="40" width="360" height="20" fill="#fde2e1"/>');
    expect(svg.match(/fill="#0b5cad"/g)).toHaveLength(2);
    expect(svg).toContain(">2. Mon 18 Jan</text>");
  });

  it("has the weeks as a table, the crunch week's row marked", () => {
    const html = loadChartHtml(WEEKS, "Hours for PM-101-A1");
    expect(html).toContain('aria-label="Hours for PM-101-A1: table"');
    expect(html).toContain('<tr class="clash"><td>2</td><td style="white-space:nowrap">Mon 18 Jan – Sun 24 Jan</td><td>8 h</td><td>7.5 h</td><td>-0.5 h</td><td>Cannot be met</td></tr>');
  });
});

describe("section pictures", () => {
  const facts: SessionFacts[] = [
    { date: "2027-03-01", local: "Mon 1 Mar 2027, 18:30–20:00", weekday: 0, startMinute: 1110, endMinute: 1200, shifted: false, night: false, conflict: null },
    { date: "2027-03-08", local: "Mon 8 Mar 2027, 18:30–20:00", weekday: 0, startMinute: 1110, endMinute: 1200, shifted: false, night: false, conflict: { partial: true, lateMinutes: 15, earlyMinutes: 0, with: ["Team meeting"] } },
    { date: "2027-03-15", local: "Mon 15 Mar 2027, 18:30–20:00", weekday: 0, startMinute: 1110, endMinute: 1200, shifted: false, night: true, conflict: { partial: false, lateMinutes: 0, earlyMinutes: 0, with: ["Choir"] } },
  ];

  it("turns sessions into picture data: a status each, and what a clash costs (its partners only when titles are shared)", () => {
    expect(pictureSessions(facts, { withTitles: true }).map((s) => [s.status, s.note])).toEqual([
      ["ok", undefined],
      ["partial", "Team meeting; joined 15 min late"],
      ["clash", "Choir"],
    ]);
    expect(pictureSessions(facts, { withTitles: false }).map((s) => s.note)).toEqual([undefined, "joined 15 min late", undefined]);
  });

  it("calls out the sessions a clock change moves", () => {
    expect(shiftCallout([{ usual: "23:30", shifted: "22:30", dates: ["2027-03-16", "2027-03-23"] }])).toBe(
      "Clock changes on different dates: on 16 Mar and 23 Mar the session starts at 22:30 instead of 23:30 (dashed blocks marked DST in the week, dots under the strip).",
    );
    expect(shiftCallout([])).toBe("");
  });

  it("puts the week beside the strip with the legend and the tables, for the learner or about them", () => {
    const usual = { slotMinutes: 30, weeks: [5, 5, 5, 5, 5, 5, 5], busy: Array.from({ length: 7 }, () => new Array<number>(48).fill(0)) };
    const sessions = pictureSessions(facts, { withTitles: false });
    const own = sessionPicturesHtml({ sectionId: "WG-100-S1", idPrefix: "p", whose: "Your", usual, sessions, shifts: [], stripTable: false });
    expect(own).toContain('aria-label="Your usual week with the 3 sessions of WG-100-S1: shading shows in how many of the term&#39;s 5 weeks you are busy"');
    expect(own).toContain('role="group" aria-label="Each of the 3 sessions of WG-100-S1 in date order"');
    expect(own).toContain("<summary>The week as a table</summary>");
    expect(own).not.toContain("The sessions as a table");
    expect(own).not.toContain("dst-callout");
    const shared = sessionPicturesHtml({ sectionId: "WG-100-S1", idPrefix: "p", whose: "The learner's", usual, sessions, shifts: [{ usual: "18:30", shifted: "19:30", dates: ["2027-03-15"] }], stripTable: true });
    expect(shared).toContain("the learner is busy");
    expect(shared).toContain("<summary>The sessions as a table</summary>");
    expect(shared).toContain("on 15 Mar the session starts at 19:30 instead of 18:30");
  });
});
