/**
 * What every picture of lib/charts shares: escaping, the palette (one meaning, one colour, on the
 * check page and in a saved report alike), clock labels, and the wall-clock place of a session in
 * a learner's week. The pictures are strings (SVG and HTML) so that the server renders them into a
 * report and the check page shows the same string; nothing here knows Next.js or React.
 */

/**
 * Text made safe for SVG and HTML, in content and in quoted attributes. NUL becomes U+FFFD.
 *
 * @example
 * escapeXml(`Tom & "Jerry" <b>`) // "Tom &amp; &quot;Jerry&quot; &lt;b&gt;"
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0000]/g, (c) => ESCAPES[c] ?? "\uFFFD");
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** A place in a learner's week on the wall clock of their zone: what a week grid draws. */
export interface WallSpan {
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
  /** Minutes after the local midnight of its day (wall clock). */
  readonly startMinute: number;
  /** Minutes after the same midnight; above 1440 when it ends the next day. */
  readonly endMinute: number;
}

/** How a live session fares: missed (`clash`), attended late or left early (`partial`), in the sleep hours (`night`), or free (`ok`). */
export type SessionStatus = "clash" | "partial" | "night" | "ok";

/** Worst first: the order a picture stacks and a legend lists them. */
export const STATUS_ORDER: readonly SessionStatus[] = ["clash", "partial", "night", "ok"];

/** What each status is called beside a picture and in its table. */
export const STATUS_TEXT: Readonly<Record<SessionStatus, string>> = {
  clash: "missed (clash)",
  partial: "joined late or left early",
  night: "in the sleep hours",
  ok: "free",
};

/**
 * A session's status from what the check found: a clash (missed or partial) wins over the sleep hours.
 *
 * @example
 * sessionStatus({ conflict: { partial: true }, night: false }) // "partial"
 */
export function sessionStatus(s: { readonly conflict: { readonly partial: boolean } | null; readonly night: boolean }): SessionStatus {
  if (s.conflict) return s.conflict.partial ? "partial" : "clash";
  return s.night ? "night" : "ok";
}

/** Fill and outline per status, study blocks and busy shading (light to dark: share of weeks busy). */
export const PALETTE = {
  clash: { fill: "#b3261e", stroke: "#7a1710" },
  partial: { fill: "#f6c26b", stroke: "#8a4b00" },
  night: { fill: "#c9cbe9", stroke: "#3b3f6b" },
  ok: { fill: "#cfead8", stroke: "#1b7a3d" },
  study: { fill: "#0b5cad", stroke: "#063b70" },
  busy: ["#e3e9ef", "#c6d2dd", "#a3b4c4", "#7f93a8"],
  grid: "#d5dbe1",
  ink: "#4a5561",
} as const;

export const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const DAY_NAMES_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/**
 * Minutes after midnight as a 24-hour clock; 1440 is `24:00`, later ones wrap (`25:30` → `01:30`).
 *
 * @example
 * clock(1110) // "18:30"
 */
export function clock(minutes: number): string {
  const m = minutes === 1440 ? 1440 : ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** `Tue 18:30–20:00`. */
export function spanText(s: WallSpan): string {
  return `${DAY_NAMES[s.weekday] ?? "?"} ${clock(s.startMinute)}–${clock(s.endMinute)}`;
}

/** A number for an SVG attribute: two decimals at most, no trailing zeros. */
export function num(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** A small coloured square for a legend (inline styles: a saved report has no page stylesheet). */
export function swatch(fill: string, stroke: string = "#6b7785", extra = ""): string {
  return `<span aria-hidden="true" style="display:inline-block;width:12px;height:12px;vertical-align:middle;margin:0 4px 0 10px;background:${fill};border:1px solid ${stroke};${extra}"></span>`;
}

/** The hatching that marks a partial clash (so it does not rest on colour alone). */
export function hatchPattern(id: string): string {
  return `<pattern id="${escapeXml(id)}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="5" height="5" fill="${PALETTE.partial.fill}"/><line x1="0" y1="0" x2="0" y2="5" stroke="${PALETTE.partial.stroke}" stroke-width="1.6"/></pattern>`;
}

/** Hidden on screen, read by screen readers: inline, because a shared report has no page stylesheet. */
export const SR_ONLY = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0";

/** A table's caption for screen readers only. */
export function srCaption(text: string): string {
  return `<caption style="${SR_ONLY}">${escapeXml(text)}</caption>`;
}

/** A `<details>` holding a picture's table, in a focusable region that scrolls sideways on a phone. */
export function tableDetails(summary: string, regionLabel: string, table: string): string {
  return `<details class="chart-table"><summary>${escapeXml(summary)}</summary><div class="table-scroll" role="region" aria-label="${escapeXml(regionLabel)}" tabindex="0">${table}</div></details>`;
}
