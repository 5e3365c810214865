/**
 * The term strip (lib/charts/term-strip.ts) from hand-built sessions: one cell per session in date
 * order, each an image with its own accessible name (a partial clash named as such), a dot under
 * a DST-shifted one, month names where a month begins, rows that wrap, escaping, and the table.
 */
import { describe, expect, it } from "vitest";
import { stripCellName, termStripLayout, termStripSvg, termStripTable, type StripSession } from "@/lib/charts/term-strip";

const SESSIONS: StripSession[] = [
  { date: "2027-03-08", label: "Mon 8 Mar 2027, 18:30–20:00", status: "partial", shifted: false, note: "Team meeting; joined 15 min late" },
  { date: "2027-03-01", label: "Mon 1 Mar 2027, 18:30–20:00", status: "ok", shifted: false },
  { date: "2027-03-15", label: "Mon 15 Mar 2027, 19:30–21:00", status: "clash", shifted: true, note: "Choir" },
  { date: "2027-04-05", label: "Mon 5 Apr 2027, 18:30–20:00", status: "night", shifted: false },
];

describe("termStripLayout", () => {
  it("orders the cells by date and wraps them into rows", () => {
    const g = termStripLayout({ title: "t", idPrefix: "s", sessions: SESSIONS, perRow: 3 });
    expect(g.cells.map((c) => [c.session.date, c.x, c.y])).toEqual([
      ["2027-03-01", 2, 14],
      ["2027-03-08", 19, 14],
      ["2027-03-15", 36, 14],
      ["2027-04-05", 2, 14 + 49],
    ]);
    expect([g.width, g.height]).toEqual([4 + 3 * 17, 2 * 49 - 6]);
  });

  it("names a month where it begins", () => {
    const g = termStripLayout({ title: "t", idPrefix: "s", sessions: SESSIONS });
    expect(g.months).toEqual([
      { text: "Mar", x: 2, y: 10 },
      { text: "Apr", x: 53, y: 10 },
    ]);
  });
});

describe("termStripSvg", () => {
  const svg = termStripSvg({ title: "The 4 sessions of WG-100-S1", idPrefix: "ts", sessions: SESSIONS });

  it("is a named group of images, one per session, each with its own name and tooltip", () => {
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-label="The 4 sessions of WG-100-S1"/);
    expect(svg.match(/role="img"/g)).toHaveLength(4);
    const partial = "Mon 8 Mar 2027, 18:30–20:00: partial clash, joined late or left early (Team meeting; joined 15 min late)";
    // The tooltip gives the date and the fate; what it clashes with is in the name (and the table).
    const tooltip = "Mon 8 Mar 2027, 18:30–20:00: partial clash, joined late or left early";
    expect(svg).toContain(`<rect class="cell partial" x="19" y="14" width="14" height="20" rx="2" fill="url(#ts-hatch)" stroke="#8a4b00" role="img" aria-label="${partial}"><title>${tooltip}</title></rect>`);
  });

  it("marks the DST-shifted session with a dot under its cell and says so in its name", () => {
    expect(svg).toContain('class="cell clash shifted"');
    expect(svg).toContain("Mon 15 Mar 2027, 19:30–21:00: clash, missed, at a time moved by a clock change (Choir)");
    expect(svg).toContain('<circle cx="43" cy="39" r="2.5" fill="#1b1f24" aria-hidden="true"/>');
    expect(svg.match(/<circle/g)).toHaveLength(1);
  });

  it("escapes labels and notes", () => {
    const evil = termStripSvg({ title: `<script>x</script>`, idPrefix: "e", sessions: [{ date: "2027-01-01", label: `Fri "1" Jan`, status: "clash", shifted: false, note: `<img src=x onerror=alert(1)> & 'co'` }] });
    expect(evil).not.toMatch(/<script|<img/);
    expect(evil).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;co&#39;");
    expect(evil).toContain("Fri &quot;1&quot; Jan");
  });
});

describe("stripCellName and termStripTable", () => {
  it("names a free night session and a free one plainly", () => {
    expect(stripCellName({ date: "2027-04-05", label: "Mon 5 Apr 2027, 02:00–03:30", status: "night", shifted: false })).toBe("Mon 5 Apr 2027, 02:00–03:30: in the sleep hours");
    expect(stripCellName({ date: "2027-03-01", label: "Mon 1 Mar 2027, 18:30–20:00", status: "ok", shifted: false })).toBe("Mon 1 Mar 2027, 18:30–20:00: no clash");
  });

  it("lists every session in date order with its date on one line", () => {
    const html = termStripTable({ title: "t", idPrefix: "s", sessions: SESSIONS });
    const rows = [...html.matchAll(/<tr class="([^"]*)"><td>(\d+)<\/td><td style="white-space:nowrap">([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[3], m[4]]);
    expect(rows).toEqual([
      ["", "1", "Mon 1 Mar 2027, 18:30–20:00", "no clash"],
      ["clash partial", "2", "Mon 8 Mar 2027, 18:30–20:00", "partial clash, joined late or left early (Team meeting; joined 15 min late)"],
      ["clash", "3", "Mon 15 Mar 2027, 19:30–21:00", "clash, missed; time moved by a clock change (Choir)"],
      ["night", "4", "Mon 5 Apr 2027, 18:30–20:00", "in the sleep hours"],
    ]);
  });
});
