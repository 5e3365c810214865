/**
 * A report as HTML (lib/reports/html.ts): every piece of text is escaped — titles, notes, their
 * authors, and every string of the snapshot — and the standalone page is marked noindex, sends no
 * referrer and carries a print stylesheet. On each store the hostile text goes through a save and
 * a read first, so what is rendered is what a share link would render.
 */
import { describe, expect, it } from "vitest";
import { escapeHtml, reportBodyHtml, reportDocument } from "@/lib/reports/html";
import type { Note, Report, ReportSnapshot } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore } from "../helpers/stores";

const KINDS = await storeKinds();
const SCRIPT = "<script>alert(1)</script>";
const ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";
const IMG = `"><img src=x onerror='alert(2)'>`;

/** A snapshot with markup in every string a learner or a catalog could put there. */
function hostileSnapshot(): ReportSnapshot {
  const base = sampleSnapshot({ includeTitles: true });
  const [live, asy] = base.sections;
  if (!live?.live || !asy?.async) throw new Error("sampleSnapshot changed shape");
  return {
    ...base,
    timeZone: `America/New_York${IMG}`,
    sections: [
      {
        ...live,
        courseTitle: `Course ${SCRIPT}`,
        reasons: [`Reason ${SCRIPT}`],
        sharedReasons: [`Shared reason ${SCRIPT}`],
        live: {
          ...live.live,
          conflicts: live.live.conflicts.map((c) => ({ ...c, local: `Tue ${IMG}`, with: [`Soccer ${SCRIPT}`, `Yoga & <b>stretch</b>`] })),
          shifts: [{ usual: `18:30 ${IMG}`, shifted: "19:30", dates: [`2027-03-16 ${SCRIPT}`] }],
        },
      },
      { ...asy, async: { ...asy.async, unmet: [{ title: `Essay ${SCRIPT}`, due: `Sun ${IMG}` }], weeks: asy.async.weeks.map((w) => ({ ...w, label: `Week ${SCRIPT}` })) } },
    ],
    courses: base.courses.map((c) => ({ ...c, summary: `Summary ${SCRIPT}` })),
    plan: { sectionIds: ["PM-101-S1"], verdict: "fits", reasons: [`Plan ${SCRIPT}`] },
  };
}

function reportOf(title: string, snapshot: ReportSnapshot): Report {
  const at = Date.parse("2027-01-15T12:00:00Z");
  return { id: "r1", title, includeTitles: snapshot.includeTitles, createdAt: at, updatedAt: at, expiresAt: at, snapshot };
}

/** No live markup from the input: no element it could have injected. */
function expectNoInjectedMarkup(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toContain("<b>stretch");
  expect(html).not.toMatch(/onerror='/);
}

describe("escapeHtml", () => {
  it("escapes the five HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });

  it("escapes a script element", () => {
    expect(escapeHtml(SCRIPT)).toBe(ESCAPED_SCRIPT);
  });

  it("replaces NUL with U+FFFD", () => {
    expect(escapeHtml("a\u0000b")).toBe("a\uFFFDb");
  });

  it("escapes & first, so an entity in the text stays text", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("leaves other text alone (emoji, accents, newlines)", () => {
    expect(escapeHtml("Café 🌱\nok")).toBe("Café 🌱\nok");
  });
});

describe("reportBodyHtml and reportDocument", () => {
  it("escape a title with a script element, in the heading and the page title", () => {
    const report = reportOf(SCRIPT, sampleSnapshot());
    const html = reportDocument(report.title, reportBodyHtml(report));
    expect(html).toContain(`<h1>${ESCAPED_SCRIPT}</h1>`);
    expect(html).toContain(`<title>${ESCAPED_SCRIPT} — FormatFit</title>`);
    expectNoInjectedMarkup(html);
  });

  it("escape every string of the snapshot", () => {
    const report = reportOf("Hostile snapshot", hostileSnapshot());
    const html = reportDocument(report.title, reportBodyHtml(report));
    const owners = reportBodyHtml(report, { audience: "owner" });
    expectNoInjectedMarkup(html);
    expectNoInjectedMarkup(owners);
    expect(owners).toContain(`Reason ${ESCAPED_SCRIPT}`);
    for (const text of [`Course ${ESCAPED_SCRIPT}`, `Shared reason ${ESCAPED_SCRIPT}`, `Soccer ${ESCAPED_SCRIPT}`, "Yoga &amp; &lt;b&gt;stretch&lt;/b&gt;", `Essay ${ESCAPED_SCRIPT}`, `Week ${ESCAPED_SCRIPT}`, `Plan ${ESCAPED_SCRIPT}`, "Tue &quot;&gt;&lt;img src=x onerror=&#39;alert(2)&#39;&gt;"]) {
      expect(html).toContain(text);
    }
  });

  it("say what a partial clash costs: joining late or leaving early", () => {
    const base = sampleSnapshot();
    const [live] = base.sections;
    if (!live?.live) throw new Error("sampleSnapshot changed shape");
    const conflict = { start: "2027-01-12T23:30:00Z", end: "2027-01-13T02:00:00Z", local: "Tue 12 Jan 18:30", overlapMinutes: 15, shifted: false };
    const snapshot = {
      ...base,
      sections: [{ ...live, live: { ...live.live, conflicts: [{ ...conflict, partial: true, lateMinutes: 15, earlyMinutes: 0 }, { ...conflict, partial: true, lateMinutes: 0, earlyMinutes: 10, overlapMinutes: 10 }, { ...conflict, partial: false, lateMinutes: 0, earlyMinutes: 0, overlapMinutes: 60 }] } }],
    };
    const html = reportBodyHtml(reportOf("Partial", snapshot));
    expect(html).toContain("<td>15 (joins 15 min late)</td>");
    expect(html).toContain("<td>10 (leaves 10 min early)</td>");
    expect(html).toContain("<td>60</td>");
  });

  it("escape notes and their authors, and turn newlines into <br>", () => {
    const report = reportOf("Notes", sampleSnapshot());
    const notes: Note[] = [{ id: "n1", authorEmail: `kim${IMG}@sps.example.edu`, body: `First line ${SCRIPT}\nSecond & last`, createdAt: Date.parse("2027-01-16T09:30:00Z") }];
    const html = reportBodyHtml(report, { notes });
    expectNoInjectedMarkup(html);
    expect(html).toContain(`<p>First line ${ESCAPED_SCRIPT}<br>Second &amp; last</p>`);
    expect(html).toContain("kim&quot;&gt;&lt;img src=x onerror=&#39;alert(2)&#39;&gt;@sps.example.edu");
  });

  it("date a note in the report's zone (the learner's), whatever the process's zone", () => {
    const notes: Note[] = [{ id: "n1", authorEmail: "kim@sps.example.edu", body: "Hi", createdAt: Date.parse("2027-01-16T23:50:00Z") }];
    expect(reportBodyHtml(reportOf("Notes", sampleSnapshot()), { notes })).toContain("kim@sps.example.edu, 16 Jan 2027, 18:50 EST");
  });

  it("give the day of the check in the learner's zone: 02:00 UTC is the evening before in New York", () => {
    const html = reportBodyHtml(reportOf("Day", { ...sampleSnapshot(), checkedAt: "2027-01-16T02:00:00.000Z" }));
    expect(html).toContain("Checked 15 January 2027; times in America/New York.");
  });

  it("name the learner for an advisor or a link holder when they chose a name, never otherwise, and not on their own page", () => {
    const named = { ...reportOf("Named", sampleSnapshot()), learnerName: `Alex ${SCRIPT}` };
    const html = reportBodyHtml(named);
    expectNoInjectedMarkup(html);
    expect(html).toContain(`<p class="shared-by">Shared by <strong>Alex ${ESCAPED_SCRIPT}</strong></p>`);
    expect(reportBodyHtml(named, { audience: "owner" })).not.toContain("Shared by");
    expect(reportBodyHtml(reportOf("Unnamed", sampleSnapshot()))).not.toContain("Shared by");
  });

  it("leave the heading out when asked", () => {
    expect(reportBodyHtml(reportOf("No heading", sampleSnapshot()), { heading: false })).not.toContain("<h1>");
  });

  it("mark the page noindex, nofollow and without referrer", () => {
    const html = reportDocument("Any", "<p>body</p>");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html.startsWith("<!doctype html>")).toBe(true);
  });

  it("carry a print stylesheet", () => {
    const html = reportDocument("Any", "<p>body</p>");
    const style = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? "";
    expect(style).toMatch(/@media print\{[^}]*body\{font-size:11pt\}/);
    expect(style).toContain("break-inside:avoid");
  });
});

describe.each(KINDS)("HTML of a report read back from the %s store", (kind) => {
  const t = useStore(kind);

  it("escapes the stored title, snapshot and notes", async () => {
    const clock = new TestClock("2027-01-15T12:00:00Z");
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const advisor = { userId: "adv", email: "kim@sps.example.edu" };
    const saved = await reports.save(owner, { title: `${SCRIPT}\u0000`, snapshot: hostileSnapshot(), includeTitles: true });
    await reports.shareWithAdvisor(owner, saved.id, advisor.email);
    await reports.addNote(advisor, saved.id, `Note ${SCRIPT}`);
    const report = await reports.get(owner, saved.id);
    const notes = await reports.notes({ owner }, saved.id);
    if (!report || !notes) throw new Error("the owner cannot read the report back");
    const html = reportDocument(report.title, reportBodyHtml(report, { notes }));
    expectNoInjectedMarkup(html);
    expect(html).toContain(`<h1>${ESCAPED_SCRIPT}\uFFFD</h1>`);
    expect(html).toContain(`Note ${ESCAPED_SCRIPT}`);
    expect(html).not.toContain("\u0000");
  });
});
