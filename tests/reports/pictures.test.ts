/**
 * A saved report's pictures (lib/reports/html.ts with lib/charts): from a version 3 snapshot of a
 * real check (the learner's spring 2027 calendar, course PM-101, New York), the report shows the
 * summary table, each live section's week grid and term strip (with their tables) and each
 * asynchronous section's load chart; an advisor reads "the learner's" week, the owner "your" week.
 * Snapshots from before version 3 still render, without the pictures. Hostile text in the new
 * fields is escaped.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/catalog";
import { preferencesFrom } from "@/lib/fit";
import { checkResponse, runCheck } from "@/lib/check/run";
import { reportBodyHtml } from "@/lib/reports/html";
import { SNAPSHOT_VERSION, snapshotOf } from "@/lib/reports/snapshot";
import type { Report, ReportSnapshot } from "@/lib/reports";
import { sampleSnapshot } from "../helpers/stores";

const ICS = readFileSync(fileURLToPath(new URL("../fixtures/ics/learner-spring-2027.ics", import.meta.url)));
const AT = Date.parse("2027-01-04T15:00:00Z");

function reportOf(snapshot: ReportSnapshot): Report {
  return { id: "r", title: "Spring options", includeTitles: snapshot.includeTitles, createdAt: AT, updatedAt: AT, expiresAt: AT, snapshot };
}

const preferences = preferencesFrom({ timeZone: "America/New_York" });
const response = checkResponse(runCheck({ catalog: loadCatalog({ env: {} }), sources: [{ name: "learner-spring-2027.ics", origin: "upload", bytes: ICS }], preferences, courseIds: ["PM-101"] }), preferences, { details: true });

describe("a version 3 snapshot's report", () => {
  const snap = snapshotOf(response, { includeTitles: false, checkedAt: AT });
  const html = reportBodyHtml(reportOf(snap));

  it("is version 3, with every session's place and the usual week of each live section", () => {
    expect(SNAPSHOT_VERSION).toBe(3);
    const s1 = snap.sections.find((s) => s.sectionId === "PM-101-S1");
    expect(s1?.live?.all).toHaveLength(29);
    expect(s1?.live?.all?.[0]).toMatchObject({ date: "2027-01-12", weekday: 1, startMinute: 1110, endMinute: 1200 });
    expect(s1?.live?.weekGrid?.weeks).toEqual([15, 15, 15, 15, 15, 15, 15]);
    expect(s1?.headline).toBe("16 of 29 sessions missed; room for 3 h of study every week");
  });

  it("opens with the summary table: PM-101's three formats, each linking to its section", () => {
    const table = /<table class="summary data">.*?<\/table>/s.exec(html)?.[0] ?? "";
    expect([...table.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])).toEqual(["s-PM-101-S1", "s-PM-101-A1", "s-PM-101-H1"]);
    for (const id of ["PM-101-S1", "PM-101-A1", "PM-101-H1"]) expect(html).toContain(`id="s-${id}"`);
    expect(table).toContain("16 of 29 sessions missed");
    expect(html.indexOf('class="summary data"')).toBeLessThan(html.indexOf('class="section-card"'));
  });

  it("draws each live section's week and term strip, for an advisor about the learner, with their tables", () => {
    expect(html).toContain('aria-label="The learner&#39;s usual week with the 29 sessions of PM-101-S1: shading shows in how many of the term&#39;s 15 weeks the learner is busy"');
    expect(html).toContain('aria-label="Each of the 8 sessions of PM-101-H1 in date order"');
    const strip = /<svg [^>]*class="term-strip"[^>]*aria-label="Each of the 29 sessions of PM-101-S1[^"]*".*?<\/svg>/s.exec(html)?.[0] ?? "";
    expect(strip.match(/role="img"/g)).toHaveLength(29);
    expect(strip.match(/class="cell clash/g)).toHaveLength(16);
    expect(html).toContain("<summary>The week as a table</summary>");
    expect(html).toContain("<summary>The sessions as a table</summary>");
    expect(html).not.toMatch(/\byour\b/i);
  });

  it("draws the asynchronous section's weekly load", () => {
    expect(html).toMatch(/<svg [^>]*class="load-chart"[^>]*aria-label="Hours needed \(dark\) and free study hours \(light\) per week for PM-101-A1: 15 weeks/);
  });

  it("speaks to the owner on the owner's page", () => {
    expect(reportBodyHtml(reportOf(snap), { audience: "owner" })).toContain("aria-label=\"Your usual week with the 29 sessions of PM-101-S1");
  });

  it("names what a session clashes with only when titles are shared", () => {
    expect(html).not.toContain("soccer");
    const shared = reportBodyHtml(reportOf(snapshotOf(response, { includeTitles: true, checkedAt: AT })));
    expect(shared).toContain("Thu 4 Feb 2027, 18:30–20:00: clash, missed (Coach kids&#39; soccer practice)");
  });
});

describe("older snapshots", () => {
  it("render without pictures; the summary cell shows the first reason", () => {
    const old = sampleSnapshot();
    expect(old.version).toBe(1);
    const html = reportBodyHtml(reportOf(old));
    expect(html).not.toContain('class="week-grid"');
    expect(html).not.toContain('class="term-strip"');
    expect(html).toContain('<p class="line">Clashes with 2 of 10 live sessions.</p>');
    expect(html).toContain('class="load-chart"');
  });
});

describe("hostile text in a version 3 snapshot", () => {
  it("is escaped in the pictures, their tables and the summary", () => {
    const SCRIPT = "<script>alert(1)</script>";
    const base = snapshotOf(response, { includeTitles: true, checkedAt: AT });
    const evil: ReportSnapshot = {
      ...base,
      sections: base.sections.map((s) => ({
        ...s,
        sectionId: `${s.sectionId}"><img src=x onerror=alert(2)>`,
        headline: `Headline ${SCRIPT}`,
        live: s.live
          ? { ...s.live, all: (s.live.all ?? []).map((x) => ({ ...x, local: `When ${SCRIPT}`, conflict: x.conflict ? { ...x.conflict, with: [`Soccer ${SCRIPT}`] } : null })), shifts: [{ usual: "18:30", shifted: `19:30 ${SCRIPT}`, dates: ["2027-03-16"] }] }
          : null,
      })),
      courses: base.courses.map((c) => ({ ...c, sectionIds: c.sectionIds.map((id) => `${id}"><img src=x onerror=alert(2)>`), best: c.best.map((id) => `${id}"><img src=x onerror=alert(2)>`) })),
    };
    const html = reportBodyHtml(reportOf(evil));
    expect(html).toContain('class="term-strip"');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("When &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Headline &lt;script&gt;");
  });
});
