/**
 * A section's term as a strip: one cell per live session in date order, coloured by how it fares
 * (missed, joined late or left early, in the sleep hours, free), a dot under each whose local time
 * a clock change moved, month names over the cells where a month begins. Each cell is an image
 * with its own accessible name; {@link termStripTable} says the same as a table.
 */
import { PALETTE, escapeXml, hatchPattern, num, srCaption, type SessionStatus } from "./svg";

/** One session of the strip. */
export interface StripSession {
  /** The learner-local date, YYYY-MM-DD. */
  readonly date: string;
  /** When, as the learner reads it: `Tue 12 Jan 2027, 18:30–20:00`. */
  readonly label: string;
  readonly status: SessionStatus;
  readonly shifted: boolean;
  /** What it costs or what it clashes with ("join 15 min late", "PTA board meeting"), when known. */
  readonly note?: string;
}

export interface TermStripInput {
  /** The picture's accessible name. */
  readonly title: string;
  /** Prefix for the ids inside the SVG (unique on the page). */
  readonly idPrefix: string;
  readonly sessions: readonly StripSession[];
  /** Cells per row before the strip wraps (default 20: fits a 390 px phone unscaled). */
  readonly perRow?: number;
}

const CELL_W = 14;
const CELL_H = 20;
const GAP = 3;
const LABEL_H = 14;
const MARK_H = 9;
const ROW_GAP = 6;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** What a cell says after its date and time. */
const CELL_TEXT: Readonly<Record<SessionStatus, string>> = {
  clash: "clash, missed",
  partial: "partial clash, joined late or left early",
  night: "in the sleep hours",
  ok: "no clash",
};

/**
 * The accessible name of one cell; without `note`, its tooltip (what a clash is with stays in the
 * name and the table, not in text that search and copy treat as the page's own).
 *
 * @example
 * stripCellName({ date: "2027-01-12", label: "Tue 12 Jan 2027, 18:30–20:00", status: "clash", shifted: false, note: "PTA board meeting" })
 * // "Tue 12 Jan 2027, 18:30–20:00: clash, missed (PTA board meeting)"
 */
export function stripCellName(s: StripSession, options: { note?: boolean } = {}): string {
  const note = options.note !== false && s.note ? ` (${s.note})` : "";
  return `${s.label}: ${CELL_TEXT[s.status]}${s.shifted ? ", at a time moved by a clock change" : ""}${note}`;
}

/** Cell positions, rows and month labels of a strip. */
export interface TermStripLayout {
  readonly width: number;
  readonly height: number;
  readonly cells: readonly { readonly session: StripSession; readonly x: number; readonly y: number }[];
  readonly months: readonly { readonly text: string; readonly x: number; readonly y: number }[];
}

/**
 * Where each cell and month label of a strip goes.
 *
 * @example
 * termStripLayout({ title: "t", idPrefix: "s", sessions }).cells.length === sessions.length // true
 */
export function termStripLayout(input: TermStripInput): TermStripLayout {
  const perRow = Math.max(1, input.perRow ?? 20);
  const sorted = [...input.sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rowH = LABEL_H + CELL_H + MARK_H + ROW_GAP;
  const cells = sorted.map((session, i) => ({ session, x: 2 + (i % perRow) * (CELL_W + GAP), y: Math.floor(i / perRow) * rowH + LABEL_H }));
  const months: { text: string; x: number; y: number }[] = [];
  let lastMonth = "";
  let lastLabelX = -Infinity;
  let lastRowY = -1;
  for (const c of cells) {
    const month = c.session.date.slice(0, 7);
    const rowStart = c.y !== lastRowY;
    if (rowStart) lastLabelX = -Infinity;
    lastRowY = c.y;
    // A label where a month begins; far enough from the last one to be read.
    if (month !== lastMonth && c.x - lastLabelX >= 2 * (CELL_W + GAP)) {
      months.push({ text: MONTHS[Number(month.slice(5, 7)) - 1] ?? month, x: c.x, y: c.y - 4 });
      lastLabelX = c.x;
    }
    lastMonth = month;
  }
  const rows = Math.max(1, Math.ceil(cells.length / perRow));
  const width = 4 + Math.min(perRow, Math.max(1, cells.length)) * (CELL_W + GAP);
  return { width, height: rows * rowH - ROW_GAP, cells, months };
}

/**
 * The strip as an SVG string: a group named by `title`, each cell an image with its own name
 * (`aria-label`, with the clash's note) and tooltip (`<title>`, its date and fate); every text escaped.
 *
 * @example
 * termStripSvg({ title: "The 29 sessions of PM-101-S1", idPrefix: "ts-s1", sessions }) // "<svg …>"
 */
export function termStripSvg(input: TermStripInput): string {
  const g = termStripLayout(input);
  const id = escapeXml(input.idPrefix);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="term-strip" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" role="group" aria-label="${escapeXml(input.title)}" style="max-width:100%;height:auto">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<defs>${hatchPattern(`${input.idPrefix}-hatch`)}</defs>`,
  ];
  for (const m of g.months) out.push(`<text x="${m.x}" y="${m.y}" font-size="10" fill="${PALETTE.ink}" aria-hidden="true">${m.text}</text>`);
  for (const c of g.cells) {
    const s = c.session;
    const fill = s.status === "partial" ? `url(#${id}-hatch)` : PALETTE[s.status].fill;
    out.push(
      `<rect class="cell ${s.status}${s.shifted ? " shifted" : ""}" x="${c.x}" y="${c.y}" width="${CELL_W}" height="${CELL_H}" rx="2" fill="${fill}" stroke="${PALETTE[s.status].stroke}" role="img" aria-label="${escapeXml(stripCellName(s))}"><title>${escapeXml(stripCellName(s, { note: false }))}</title></rect>`,
    );
    if (s.shifted) out.push(`<circle cx="${num(c.x + CELL_W / 2)}" cy="${c.y + CELL_H + 5}" r="2.5" fill="#1b1f24" aria-hidden="true"/>`);
  }
  out.push("</svg>");
  return out.join("");
}

/**
 * The strip's table: every session in date order with how it fares (dates kept on one line).
 *
 * @example
 * termStripTable({ title: "t", idPrefix: "s", sessions }) // "<table class=\"data\">…"
 */
export function termStripTable(input: TermStripInput): string {
  const sorted = [...input.sessions].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rows = sorted.map(
    (s, i) =>
      `<tr class="${s.status === "clash" ? "clash" : s.status === "partial" ? "clash partial" : s.status === "night" ? "night" : ""}"><td>${i + 1}</td><td style="white-space:nowrap">${escapeXml(s.label)}</td><td>${CELL_TEXT[s.status]}${s.shifted ? "; time moved by a clock change" : ""}${s.note ? ` (${escapeXml(s.note)})` : ""}</td></tr>`,
  );
  return `<table class="data">${srCaption(input.title)}<thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">How it fares</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
