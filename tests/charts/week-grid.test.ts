/**
 * The week grid (lib/charts/week-grid.ts) from hand-built data whose answer is known: which hours
 * it shows, where a block goes and how it is striped by status, the partial-clash hatching, a
 * DST-shifted block called out, a session past midnight split over two days, the busy shading in
 * four steps, escaping, and the table that says the same. Nothing here reads a clock or a zone: the
 * input is wall-clock minutes already.
 */
import { describe, expect, it } from "vitest";
import { blockText, sessionBlocks, weekGridLayout, weekGridSvg, weekGridTable, type GridSession, type UsualBusy, type WeekGridInput } from "@/lib/charts/week-grid";
import { PALETTE } from "@/lib/charts/svg";

/** A usual week of `weeks` weeks in half-hour slots, busy in `runs` ([weekday, from "HH:MM", to "HH:MM", weeks busy]). */
function usual(weeks: number, runs: readonly [number, string, string, number][]): UsualBusy {
  const busy = Array.from({ length: 7 }, () => new Array<number>(48).fill(0));
  const slot = (t: string) => (Number(t.slice(0, 2)) * 60 + Number(t.slice(3))) / 30;
  for (const [day, from, to, n] of runs) for (let i = slot(from); i < slot(to); i++) (busy[day] as number[])[i] = n;
  return { slotMinutes: 30, weeks: [weeks, weeks, weeks, weeks, weeks, weeks, weeks], busy };
}

const MONDAY_SESSION: GridSession = { weekday: 0, startMinute: 18 * 60 + 30, endMinute: 20 * 60, status: "partial", shifted: false };

describe("sessionBlocks", () => {
  it("groups sessions by weekly time and counts them by status; a shifted time is a block of its own", () => {
    const sessions: GridSession[] = [
      { weekday: 1, startMinute: 1110, endMinute: 1200, status: "clash", shifted: false },
      { weekday: 1, startMinute: 1110, endMinute: 1200, status: "ok", shifted: false },
      { weekday: 1, startMinute: 1110, endMinute: 1200, status: "ok", shifted: false },
      { weekday: 1, startMinute: 1170, endMinute: 1260, status: "partial", shifted: true },
      { weekday: 3, startMinute: 1110, endMinute: 1200, status: "night", shifted: false },
    ];
    expect(sessionBlocks(sessions)).toEqual([
      { kind: "sessions", weekday: 1, startMinute: 1110, endMinute: 1200, counts: { clash: 1, ok: 2 }, shifted: false },
      { kind: "sessions", weekday: 1, startMinute: 1170, endMinute: 1260, counts: { partial: 1 }, shifted: true },
      { kind: "sessions", weekday: 3, startMinute: 1110, endMinute: 1200, counts: { night: 1 }, shifted: false },
    ]);
  });

  it("says what a block holds in words", () => {
    const [block] = sessionBlocks([MONDAY_SESSION, { ...MONDAY_SESSION, status: "ok" }, { ...MONDAY_SESSION, status: "clash" }]);
    expect(block && blockText(block)).toBe("Mon 18:30–20:00: 3 sessions — 1 missed (clash), 1 joined late or left early, 1 free");
  });
});

describe("weekGridLayout", () => {
  it("shows 08:00–20:00 when nothing asks for more, seven 46-unit columns after a 40-unit hour axis", () => {
    const g = weekGridLayout({ title: "t", idPrefix: "g", blocks: [] });
    expect([g.fromHour, g.toHour, g.width]).toEqual([8, 20, 40 + 7 * 46 + 4]);
    // 12 hours of 18 units under a 22-unit header, and 6 units of margin.
    expect(g.height).toBe(22 + 12 * 18 + 6);
  });

  it("widens to the blocks and to busy time of at least a quarter of the weeks, not to a one-off", () => {
    const early = weekGridLayout({ title: "t", idPrefix: "g", blocks: sessionBlocks([{ ...MONDAY_SESSION, startMinute: 6 * 60 + 30, endMinute: 7 * 60 }]) });
    expect([early.fromHour, early.toHour]).toEqual([6, 20]);
    const gym = weekGridLayout({ title: "t", idPrefix: "g", usual: usual(12, [[2, "05:30", "06:30", 3]]), blocks: [] });
    expect(gym.fromHour, "3 of 12 weeks is a quarter").toBe(5);
    const trip = weekGridLayout({ title: "t", idPrefix: "g", usual: usual(12, [[2, "00:00", "24:00", 2]]), blocks: [] });
    expect([trip.fromHour, trip.toHour], "2 of 12 weeks is less than a quarter").toEqual([8, 20]);
  });

  it("places a Monday 18:30–20:00 session in the Monday column from y(18:30) to y(20:00), inset from the column's edges", () => {
    const g = weekGridLayout({ title: "t", idPrefix: "g", blocks: sessionBlocks([MONDAY_SESSION]) });
    const [b] = g.blocks;
    // Monday's column starts at x = 40; rows start at y = 22 for 08:00, 18 units an hour.
    expect(b && { x: b.x, y: b.y, w: b.w, h: b.h }).toEqual({ x: 45, y: 22 + 10.5 * 18, w: 36, h: 1.5 * 18 });
  });

  it("stripes a block by status, worst first, in proportion to its sessions", () => {
    const sessions: GridSession[] = [
      ...Array.from({ length: 2 }, () => ({ ...MONDAY_SESSION, status: "clash" as const })),
      { ...MONDAY_SESSION, status: "partial" },
      ...Array.from({ length: 3 }, () => ({ ...MONDAY_SESSION, status: "ok" as const })),
    ];
    const [b] = weekGridLayout({ title: "t", idPrefix: "g", blocks: sessionBlocks(sessions) }).blocks;
    expect(b?.stripes.map((s) => [s.status, s.x, s.w])).toEqual([
      ["clash", 45, 12],
      ["partial", 57, 6],
      ["ok", 63, 18],
    ]);
  });

  it("splits a session past midnight over its day and the next, and shows the whole night", () => {
    // Tuesday 23:30 to Wednesday 01:00 (a New York evening seen from London).
    const g = weekGridLayout({ title: "t", idPrefix: "g", blocks: sessionBlocks([{ weekday: 1, startMinute: 1410, endMinute: 1500, status: "ok", shifted: false }]) });
    expect([g.fromHour, g.toHour]).toEqual([0, 24]);
    expect(g.blocks.map((b) => [b.x, b.y, b.h])).toEqual([
      [40 + 46 + 5, 22 + 23.5 * 18, 0.5 * 18],
      [40 + 2 * 46 + 5, 22, 1 * 18],
    ]);
  });

  it("puts overlapping blocks of one day side by side", () => {
    const blocks = sessionBlocks([
      { weekday: 1, startMinute: 1110, endMinute: 1200, status: "ok", shifted: false },
      { weekday: 1, startMinute: 1170, endMinute: 1260, status: "ok", shifted: true },
    ]);
    expect(weekGridLayout({ title: "t", idPrefix: "g", blocks }).blocks.map((b) => [b.x, b.w])).toEqual([
      [91, 18],
      [109, 18],
    ]);
  });

  it("shades the usual busy time in four steps by the share of weeks, one rectangle per run", () => {
    const g = weekGridLayout({ title: "t", idPrefix: "g", usual: usual(16, [[0, "09:00", "12:00", 16], [0, "12:00", "13:00", 16], [0, "13:00", "14:00", 1], [0, "14:00", "15:00", 5], [0, "15:00", "16:00", 9]]), blocks: [] });
    expect(g.shade.map((r) => [r.y, r.h, r.fill])).toEqual([
      [22 + 1 * 18, 4 * 18, PALETTE.busy[3]],
      [22 + 5 * 18, 18, PALETTE.busy[0]],
      [22 + 6 * 18, 18, PALETTE.busy[1]],
      [22 + 7 * 18, 18, PALETTE.busy[2]],
    ]);
  });
});

describe("weekGridSvg", () => {
  const partialOverBusy: WeekGridInput = {
    title: "Your usual week with the session of WG-100-S1",
    idPrefix: "wg",
    // Busy every Monday 17:00–18:45 (the 18:30 slot is busy too: some of it is).
    usual: usual(1, [[0, "17:00", "19:00", 1]]),
    blocks: sessionBlocks([MONDAY_SESSION]),
  };

  it("draws a partial clash hatched over the busy shading, named in its tooltip", () => {
    const svg = weekGridSvg(partialOverBusy);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Your usual week with the session of WG-100-S1"/);
    expect(svg).toContain("<title>Your usual week with the session of WG-100-S1</title>");
    expect(svg).toContain('<pattern id="wg-hatch"');
    expect(svg).toContain('<rect class="partial" x="45" y="211" width="36" height="27" fill="url(#wg-hatch)"/>');
    expect(svg).toContain("<title>Mon 18:30–20:00: 1 session — 1 joined late or left early</title>");
    // The busy shading under it: Monday 17:00–19:00, every week.
    expect(svg).toContain(`<rect x="41" y="184" width="44" height="36" fill="${PALETTE.busy[3]}"/>`);
  });

  it("marks a DST-shifted block dashed with a DST label", () => {
    const svg = weekGridSvg({ title: "t", idPrefix: "g", blocks: sessionBlocks([{ weekday: 1, startMinute: 1350, endMinute: 1440, status: "ok", shifted: true }]) });
    expect(svg).toContain('class="block sessions shifted"');
    expect(svg).toContain('stroke-dasharray="3 2"');
    expect(svg).toMatch(/>DST<\/text>/);
    expect(svg).toContain("(moved by a clock change)");
  });

  it("escapes the title, the day labels and a study block's purpose", () => {
    const svg = weekGridSvg({
      title: `Week <script>alert("x")</script> & co`,
      idPrefix: "g",
      dayLabels: ["<b>11 Jan</b>", "", "", "", "", "", ""],
      blocks: [{ kind: "study", weekday: 0, startMinute: 600, endMinute: 660, counts: {}, shifted: false, what: `Essay "<img src=x onerror=alert(1)>"` }],
    });
    expect(svg).not.toMatch(/<script|<img|<b>/);
    expect(svg).toContain("aria-label=\"Week &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co\"");
    expect(svg).toContain("&lt;b&gt;11 Jan&lt;/b&gt;");
    expect(svg).toContain("study for Essay &quot;&lt;img src=x onerror=alert(1)&gt;&quot;");
  });

  it("is the same string for the same input (the server and the page render alike)", () => {
    expect(weekGridSvg(partialOverBusy)).toBe(weekGridSvg(structuredClone(partialOverBusy)));
  });
});

describe("weekGridTable", () => {
  it("lists each day's busy runs (in how many weeks) and its sessions", () => {
    const html = weekGridTable({ ...{ title: "t", idPrefix: "g" }, usual: usual(15, [[0, "09:00", "17:30", 15], [0, "17:30", "18:00", 1]]), blocks: sessionBlocks([MONDAY_SESSION]) });
    expect(html).toContain('<th scope="col">Usually busy (in how many weeks)</th><th scope="col">Sessions</th>');
    expect(html).toContain('<tr><th scope="row">Monday</th><td>09:00–17:30 (15 of 15 weeks); 17:30–18:00 (1 of 15 weeks)</td><td>18:30–20:00: 1 session — 1 joined late or left early</td></tr>');
    expect(html).toContain('<tr><th scope="row">Sunday</th><td>—</td><td>—</td></tr>');
  });

  it("for one week's study plan: the busy spans and the study blocks, dated", () => {
    const html = weekGridTable({
      title: "t",
      idPrefix: "g",
      dayLabels: ["11 Jan", "12 Jan", "13 Jan", "14 Jan", "15 Jan", "16 Jan", "17 Jan"],
      busy: [{ weekday: 0, startMinute: 540, endMinute: 1050 }],
      blocks: [{ kind: "study", weekday: 0, startMinute: 1080, endMinute: 1200, counts: {}, shifted: false, what: "Discussion post" }],
    });
    expect(html).toContain('<th scope="col">Busy</th><th scope="col">Study blocks</th>');
    expect(html).toContain('<tr><th scope="row">Monday 11 Jan</th><td>09:00–17:30</td><td>18:00–20:00: study for Discussion post</td></tr>');
  });
});
