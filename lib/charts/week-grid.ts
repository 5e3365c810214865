/**
 * A learner's week as a grid: seven days across, the hours that matter down, the learner's busy
 * time shaded (over a term: how many of its weeks are busy in each half hour; for one week: the
 * busy time itself), and blocks on top — a section's live sessions (coloured by how they fare,
 * DST-shifted ones dashed) or a study plan's blocks. Pure: plain data in, an SVG string out, with
 * a table that says the same ({@link weekGridTable}).
 */
import { DAY_NAMES, DAY_NAMES_LONG, PALETTE, STATUS_ORDER, STATUS_TEXT, clock, escapeXml, hatchPattern, num, srCaption, spanText, type SessionStatus, type WallSpan } from "./svg";

/** The learner's usual busy time over a term, in `slotMinutes` slots of the wall clock. */
export interface UsualBusy {
  readonly slotMinutes: number;
  /** Per weekday (0 = Monday): how many of the term's weeks have that day. */
  readonly weeks: readonly number[];
  /** Per weekday, per slot of the day: in how many of those weeks some of the slot is busy. */
  readonly busy: readonly (readonly number[])[];
}

/** A live session placed in the week, with how it fares. */
export interface GridSession extends WallSpan {
  readonly status: SessionStatus;
  /** Its local time moved because the section's and the learner's clocks change on different dates. */
  readonly shifted: boolean;
}

/** One block drawn on the grid: the sessions at one weekly time (by status), or one study block. */
export interface WeekGridBlock extends WallSpan {
  readonly kind: "sessions" | "study";
  /** Sessions at this time, by status (empty for a study block). */
  readonly counts: Readonly<Partial<Record<SessionStatus, number>>>;
  readonly shifted: boolean;
  /** What a study block is for ("Weekly assignment"). */
  readonly what?: string;
}

export interface WeekGridInput {
  /** The picture's accessible name and title. */
  readonly title: string;
  /** Prefix for the ids inside the SVG (unique on the page). */
  readonly idPrefix: string;
  /** Shade the usual busy time of a term… */
  readonly usual?: UsualBusy;
  /** …or the busy time of one week. */
  readonly busy?: readonly WallSpan[];
  readonly blocks: readonly WeekGridBlock[];
  /** A second line under each day's name (the dates of one week: "11 Jan"). */
  readonly dayLabels?: readonly string[];
}

const LEFT = 40;
const COL = 46;
const HOUR_PX = 18;
const RIGHT = 4;

/** A drawn rectangle with its fill. */
export interface GridRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly fill: string;
}

/** The geometry of a grid: what {@link weekGridSvg} draws, exposed so a test (or a port) reads the same numbers. */
export interface WeekGridLayout {
  readonly width: number;
  readonly height: number;
  readonly top: number;
  /** First and last hour shown (0–24). */
  readonly fromHour: number;
  readonly toHour: number;
  readonly shade: readonly GridRect[];
  readonly blocks: readonly { readonly block: WeekGridBlock; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly stripes: readonly { readonly status: SessionStatus | "study"; readonly x: number; readonly w: number }[] }[];
}

/**
 * Sessions grouped by their weekly wall-clock time, with a count per status: one block per
 * pattern (`Tue 18:30–20:00`), and the DST-shifted weeks as blocks of their own at the time they
 * move to.
 *
 * @example
 * sessionBlocks([{ weekday: 1, startMinute: 1110, endMinute: 1200, status: "clash", shifted: false }])
 * // [{ kind: "sessions", weekday: 1, startMinute: 1110, endMinute: 1200, counts: { clash: 1 }, shifted: false }]
 */
export function sessionBlocks(sessions: readonly GridSession[]): WeekGridBlock[] {
  const groups = new Map<string, { span: WallSpan; counts: Partial<Record<SessionStatus, number>>; shifted: boolean }>();
  for (const s of sessions) {
    const key = `${s.weekday}/${s.startMinute}/${s.endMinute}/${s.shifted}`;
    const g = groups.get(key) ?? { span: { weekday: s.weekday, startMinute: s.startMinute, endMinute: s.endMinute }, counts: {}, shifted: s.shifted };
    g.counts[s.status] = (g.counts[s.status] ?? 0) + 1;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.span.weekday - b.span.weekday || a.span.startMinute - b.span.startMinute || Number(a.shifted) - Number(b.shifted))
    .map((g) => ({ kind: "sessions", ...g.span, counts: g.counts, shifted: g.shifted }));
}

/** The pieces of a span within its day and, past midnight, the next. */
function pieces(s: WallSpan): WallSpan[] {
  const end = Math.max(s.endMinute, s.startMinute);
  if (end <= 1440) return [s];
  return [
    { weekday: s.weekday, startMinute: s.startMinute, endMinute: 1440 },
    { weekday: (s.weekday + 1) % 7, startMinute: 0, endMinute: Math.min(1440, end - 1440) },
  ];
}

/** The share of weeks busy, in four steps (none is not drawn). */
function busyShade(share: number): string | undefined {
  if (share <= 0) return undefined;
  const i = share < 0.25 ? 0 : share < 0.5 ? 1 : share < 0.75 ? 2 : 3;
  return PALETTE.busy[i];
}

/**
 * The hours worth showing: at least 08:00–20:00, widened to every block, the busy time of a
 * single week, and the usual busy time of at least a quarter of the weeks (a one-off trip does not
 * stretch the picture to midnight; the table still lists it).
 */
function hourSpan(input: WeekGridInput): [number, number] {
  let lo = 8 * 60;
  let hi = 20 * 60;
  const widen = (s: WallSpan) => {
    for (const p of pieces(s)) {
      if (p.endMinute <= p.startMinute) continue;
      lo = Math.min(lo, p.startMinute);
      hi = Math.max(hi, p.endMinute);
    }
  };
  input.blocks.forEach(widen);
  input.busy?.forEach(widen);
  const u = input.usual;
  if (u) {
    u.busy.forEach((slots, day) => {
      const weeks = u.weeks[day] ?? 0;
      slots.forEach((n, i) => {
        if (weeks > 0 && n / weeks >= 0.25) widen({ weekday: day, startMinute: i * u.slotMinutes, endMinute: (i + 1) * u.slotMinutes });
      });
    });
  }
  return [Math.floor(lo / 60), Math.ceil(hi / 60)];
}

/** Lanes for blocks that overlap on one day, so none hides another: [lane, lanes on that day]. */
function lanes(blocks: readonly { weekday: number; startMinute: number; endMinute: number }[]): [number, number][] {
  const out: [number, number][] = blocks.map(() => [0, 1]);
  for (let day = 0; day < 7; day++) {
    const idx = blocks.map((b, i) => [b, i] as const).filter(([b]) => b.weekday === day).sort((a, b) => a[0].startMinute - b[0].startMinute);
    const ends: number[] = [];
    for (const [b, i] of idx) {
      let lane = ends.findIndex((e) => e <= b.startMinute);
      if (lane < 0) lane = ends.length;
      ends[lane] = b.endMinute;
      out[i] = [lane, 0];
    }
    for (const [, i] of idx) out[i] = [(out[i] as [number, number])[0], Math.max(1, ends.length)];
  }
  return out;
}

/**
 * Where everything of a week grid goes, in SVG user units.
 *
 * @example
 * weekGridLayout({ title: "t", idPrefix: "g", blocks: [] }).fromHour // 8
 */
export function weekGridLayout(input: WeekGridInput): WeekGridLayout {
  const [fromHour, toHour] = hourSpan(input);
  const top = input.dayLabels ? 34 : 22;
  const y = (minute: number) => top + ((minute - fromHour * 60) / 60) * HOUR_PX;
  const clip = (m: number) => Math.min(toHour * 60, Math.max(fromHour * 60, m));
  const colX = (day: number) => LEFT + day * COL;
  const shade: GridRect[] = [];
  const u = input.usual;
  if (u) {
    for (let day = 0; day < 7; day++) {
      const weeks = u.weeks[day] ?? 0;
      const slots = u.busy[day] ?? [];
      // Runs of slots with the same shade become one rectangle.
      let runStart = 0;
      for (let i = 1; i <= slots.length; i++) {
        const prev = weeks > 0 ? busyShade((slots[i - 1] ?? 0) / weeks) : undefined;
        const here = i < slots.length && weeks > 0 ? busyShade((slots[i] ?? 0) / weeks) : "end";
        if (here === prev) continue;
        const a = clip(runStart * u.slotMinutes);
        const b = clip(i * u.slotMinutes);
        if (prev && b > a) shade.push({ x: colX(day) + 1, y: y(a), w: COL - 2, h: y(b) - y(a), fill: prev });
        runStart = i;
      }
    }
  }
  for (const s of input.busy ?? []) {
    for (const p of pieces(s)) {
      const a = clip(p.startMinute);
      const b = clip(p.endMinute);
      if (b > a) shade.push({ x: colX(p.weekday) + 1, y: y(a), w: COL - 2, h: y(b) - y(a), fill: PALETTE.busy[2] });
    }
  }
  const drawn = input.blocks.flatMap((block) => pieces(block).map((p) => ({ block, p })));
  const laneOf = lanes(drawn.map((d) => d.p));
  const blocks = drawn.map(({ block, p }, i) => {
    const [lane, count] = laneOf[i] as [number, number];
    const inner = COL - 10;
    const w = inner / count;
    const x = colX(p.weekday) + 5 + lane * w;
    const a = clip(p.startMinute);
    const b = clip(p.endMinute);
    const total = STATUS_ORDER.reduce((n, s) => n + (block.counts[s] ?? 0), 0);
    let at = x;
    const stripes =
      block.kind === "study" || total === 0
        ? [{ status: "study" as const, x, w }]
        : STATUS_ORDER.filter((s) => (block.counts[s] ?? 0) > 0).map((status) => {
            const sw = (w * (block.counts[status] ?? 0)) / total;
            const stripe = { status, x: at, w: sw };
            at += sw;
            return stripe;
          });
    return { block, x, y: y(a), w, h: Math.max(0, y(b) - y(a)), stripes };
  });
  return { width: LEFT + 7 * COL + RIGHT, height: y(toHour * 60) + 6, top, fromHour, toHour, shade, blocks };
}

/** `Tue 18:30–20:00: 15 sessions — 8 missed (clash), 7 free` (or a study block's time and purpose). */
export function blockText(b: WeekGridBlock): string {
  if (b.kind === "study") return `${spanText(b)}: study${b.what ? ` for ${b.what}` : ""}`;
  const total = STATUS_ORDER.reduce((n, s) => n + (b.counts[s] ?? 0), 0);
  const parts = STATUS_ORDER.filter((s) => (b.counts[s] ?? 0) > 0).map((s) => `${b.counts[s]} ${STATUS_TEXT[s]}`);
  return `${spanText(b)}${b.shifted ? " (moved by a clock change)" : ""}: ${total} ${total === 1 ? "session" : "sessions"} — ${parts.join(", ")}`;
}

/**
 * The week grid as a standalone SVG string (`role="img"`, a `<title>`, an `aria-label`; every text
 * escaped). It scales down to its container (`max-width:100%`).
 *
 * @example
 * weekGridSvg({ title: "Your week with PM-101-S1", idPrefix: "wg-s1", usual, blocks: sessionBlocks(sessions) }) // "<svg …>"
 */
export function weekGridSvg(input: WeekGridInput): string {
  const g = weekGridLayout(input);
  const id = escapeXml(input.idPrefix);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="week-grid" width="${g.width}" height="${num(g.height)}" viewBox="0 0 ${g.width} ${num(g.height)}" role="img" aria-label="${escapeXml(input.title)}" style="max-width:100%;height:auto">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<defs>${hatchPattern(`${input.idPrefix}-hatch`)}</defs>`,
  );
  const yOf = (hour: number) => g.top + (hour - g.fromHour) * HOUR_PX;
  // Day columns and hour lines first, so the shading and the blocks sit on top.
  out.push(`<rect x="${LEFT}" y="${g.top}" width="${7 * COL}" height="${num(yOf(g.toHour) - g.top)}" fill="#fff" stroke="${PALETTE.grid}"/>`);
  for (let day = 0; day < 7; day++) {
    const cx = LEFT + day * COL + COL / 2;
    out.push(`<text x="${num(cx)}" y="14" text-anchor="middle" font-size="11" font-weight="600" fill="${PALETTE.ink}">${DAY_NAMES[day]}</text>`);
    const sub = input.dayLabels?.[day];
    if (sub) out.push(`<text x="${num(cx)}" y="27" text-anchor="middle" font-size="9.5" fill="${PALETTE.ink}">${escapeXml(sub)}</text>`);
    if (day > 0) out.push(`<line x1="${LEFT + day * COL}" x2="${LEFT + day * COL}" y1="${g.top}" y2="${num(yOf(g.toHour))}" stroke="${PALETTE.grid}"/>`);
  }
  for (const r of g.shade) out.push(`<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.w)}" height="${num(r.h)}" fill="${r.fill}"/>`);
  for (let hour = g.fromHour; hour <= g.toHour; hour++) {
    const yy = num(yOf(hour));
    out.push(`<line x1="${LEFT}" x2="${LEFT + 7 * COL}" y1="${yy}" y2="${yy}" stroke="${PALETTE.grid}" stroke-width="${hour % 2 === 0 ? 1 : 0.5}"/>`);
    if (hour % 2 === 0) out.push(`<text x="${LEFT - 4}" y="${num(yOf(hour) + 4)}" text-anchor="end" font-size="10" fill="${PALETTE.ink}">${clock(hour * 60)}</text>`);
  }
  for (const b of g.blocks) {
    if (b.h <= 0) continue;
    out.push(`<g class="block ${b.block.kind}${b.block.shifted ? " shifted" : ""}"><title>${escapeXml(blockText(b.block))}</title>`);
    for (const s of b.stripes) {
      const fill = s.status === "partial" ? `url(#${id}-hatch)` : PALETTE[s.status].fill;
      out.push(`<rect class="${s.status}" x="${num(s.x)}" y="${num(b.y)}" width="${num(s.w)}" height="${num(b.h)}" fill="${fill}"/>`);
    }
    const stroke = b.block.kind === "study" ? PALETTE.study.stroke : (b.block.counts.clash ?? 0) > 0 ? PALETTE.clash.stroke : (b.block.counts.partial ?? 0) > 0 ? PALETTE.partial.stroke : PALETTE.ok.stroke;
    out.push(
      `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.w)}" height="${num(b.h)}" fill="none" stroke="${b.block.shifted ? "#1b1f24" : stroke}" stroke-width="${b.block.shifted ? 1.5 : 1.2}"${b.block.shifted ? ' stroke-dasharray="3 2"' : ""}/>`,
    );
    if (b.block.shifted && b.h >= 12) out.push(`<text x="${num(b.x + b.w / 2)}" y="${num(b.y + Math.min(b.h, 22) / 2 + 3.5)}" text-anchor="middle" font-size="8.5" font-weight="700" fill="#1b1f24" stroke="#fff" stroke-width="2.5" paint-order="stroke">DST</text>`);
    out.push("</g>");
  }
  out.push("</svg>");
  return out.join("");
}

/** Runs of slots with the same count, as `09:00–17:30 (15 of 15 weeks)`. */
function usualRuns(u: UsualBusy, day: number): string[] {
  const slots = u.busy[day] ?? [];
  const weeks = u.weeks[day] ?? 0;
  const out: string[] = [];
  let i = 0;
  while (i < slots.length) {
    const n = slots[i] ?? 0;
    let j = i + 1;
    while (j < slots.length && (slots[j] ?? 0) === n) j++;
    if (n > 0) out.push(`${clock(i * u.slotMinutes)}–${clock(j * u.slotMinutes)} (${n} of ${weeks} ${weeks === 1 ? "week" : "weeks"})`);
    i = j;
  }
  return out;
}

/**
 * The grid's table: one row a day, with the busy time (per run of half hours, in how many weeks)
 * and the blocks on it.
 *
 * @example
 * weekGridTable({ title: "t", idPrefix: "g", blocks: [] }) // "<table class=\"data\">…"
 */
export function weekGridTable(input: WeekGridInput): string {
  const study = input.blocks.some((b) => b.kind === "study");
  const rows = DAY_NAMES_LONG.map((name, day) => {
    const busy = input.usual ? usualRuns(input.usual, day) : (input.busy ?? []).filter((s) => s.weekday === day).map((s) => `${clock(s.startMinute)}–${clock(s.endMinute)}`);
    const blocks = input.blocks.filter((b) => b.weekday === day).map((b) => blockText(b).replace(/^\S+ /, ""));
    const sub = input.dayLabels?.[day];
    return `<tr><th scope="row">${name}${sub ? ` ${escapeXml(sub)}` : ""}</th><td>${busy.length > 0 ? escapeXml(busy.join("; ")) : "—"}</td><td>${blocks.length > 0 ? escapeXml(blocks.join("; ")) : "—"}</td></tr>`;
  });
  return `<table class="data">${srCaption(input.title)}<thead><tr><th scope="col">Day</th><th scope="col">${input.usual ? "Usually busy (in how many weeks)" : "Busy"}</th><th scope="col">${study ? "Study blocks" : "Sessions"}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
