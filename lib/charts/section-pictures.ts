/**
 * A section's pictures as one piece of HTML, the same on the check page and in a saved report:
 * the learner's week with the section's sessions on it beside the term strip, a legend, the
 * clock-change call-out, and the tables that say what the pictures show; and a study plan's week,
 * previewed. Inline styles carry the layout, because a shared report has no page stylesheet.
 */
import { PALETTE, STATUS_TEXT, escapeXml, swatch, tableDetails, type SessionStatus, type WallSpan } from "./svg";
import { sessionBlocks, weekGridSvg, weekGridTable, type UsualBusy } from "./week-grid";
import { termStripSvg, termStripTable, type StripSession } from "./term-strip";

/** One live session as the pictures need it: its place in the week and its place in the term. */
export interface PictureSession extends WallSpan, StripSession {}

/** A clock change that moves some sessions: the usual and the moved start, on which dates (YYYY-MM-DD). */
export interface PictureShift {
  readonly usual: string;
  readonly shifted: string;
  readonly dates: readonly string[];
}

/** A session as the check's details or a snapshot hold it (structurally): what {@link pictureSessions} reads. */
export interface SessionFacts extends WallSpan {
  readonly date: string;
  readonly local: string;
  readonly shifted: boolean;
  readonly night: boolean;
  readonly conflict: { readonly partial: boolean; readonly lateMinutes?: number; readonly earlyMinutes?: number; readonly with?: readonly string[] } | null;
}

/**
 * The sessions for the pictures, with how each fares and a short note (what a clash costs, and
 * what it is with when `withTitles`).
 *
 * @example
 * pictureSessions(details.sections[0].live.sessions, { withTitles: true })[0].note // "PTA board meeting"
 */
export function pictureSessions(sessions: readonly SessionFacts[], options: { withTitles: boolean }): PictureSession[] {
  return sessions.map((s) => {
    const c = s.conflict;
    const cost = c?.partial ? [c.lateMinutes ? `joined ${c.lateMinutes} min late` : "", c.earlyMinutes ? `left ${c.earlyMinutes} min early` : ""].filter(Boolean).join(" and ") : "";
    const names = options.withTitles && c?.with && c.with.length > 0 ? c.with.join(", ") : "";
    const note = [names, cost].filter(Boolean).join("; ");
    const status: SessionStatus = c ? (c.partial ? "partial" : "clash") : s.night ? "night" : "ok";
    return { weekday: s.weekday, startMinute: s.startMinute, endMinute: s.endMinute, date: s.date, label: s.local, status, shifted: s.shifted, ...(note ? { note } : {}) };
  });
}

/** `23 Mar` from `2027-03-23`. */
function dayMonth(iso: string): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1] ?? iso.slice(5, 7)}`;
}

/**
 * The clock-change call-out: `On 23 Mar and 25 Mar the session starts at 15:00 instead of 14:00 …`.
 *
 * @example
 * shiftCallout([{ usual: "14:00", shifted: "15:00", dates: ["2027-03-23", "2027-03-25"] }])
 */
export function shiftCallout(shifts: readonly PictureShift[]): string {
  if (shifts.length === 0) return "";
  const each = shifts.map((sh) => {
    const dates = sh.dates.map(dayMonth);
    const list = dates.length <= 1 ? dates.join("") : `${dates.slice(0, -1).join(", ")} and ${dates[dates.length - 1]}`;
    return `on ${list} the session starts at ${sh.shifted} instead of ${sh.usual}`;
  });
  return `Clock changes on different dates: ${each.join("; ")} (dashed blocks marked DST in the week, dots under the strip).`;
}

const HATCH_CSS = `background:repeating-linear-gradient(45deg,${PALETTE.partial.fill} 0 3px,${PALETTE.partial.stroke} 3px 4.5px)`;

/** The legend of the session pictures (statuses, busy shading, the DST mark). */
function sessionLegend(busyLabel: string): string {
  const status = (s: SessionStatus) => `${s === "partial" ? swatch(PALETTE.partial.fill, PALETTE.partial.stroke, HATCH_CSS) : swatch(PALETTE[s].fill, PALETTE[s].stroke)}${STATUS_TEXT[s]}`;
  return [
    `<span style="white-space:nowrap">${busyLabel}: ${PALETTE.busy.map((c, i) => swatch(c, "#6b7785", i === 0 ? "margin-left:4px" : "margin:0 0 0 1px")).join("")} few weeks → every week</span>`,
    ...(["clash", "partial", "night", "ok"] as const).map((s) => `<span style="white-space:nowrap">${status(s)}</span>`),
    `<span style="white-space:nowrap">${swatch("#fff", "#1b1f24", "border-style:dashed")}moved by a clock change (DST)</span>`,
  ].join(" ");
}

export interface SessionPicturesInput {
  readonly sectionId: string;
  /** Prefix for ids (unique on the page). */
  readonly idPrefix: string;
  /** Whose week: "Your" on the learner's page, "The learner's" in a shared report. */
  readonly whose: "Your" | "The learner's";
  readonly usual?: UsualBusy;
  readonly sessions: readonly PictureSession[];
  readonly shifts: readonly PictureShift[];
  /** Add the strip's own table (a report; the check page has a fuller sessions table beside it). */
  readonly stripTable: boolean;
}

/**
 * The week grid (usual busy time and the section's sessions) beside the term strip, with legend,
 * clock-change call-out and tables, as HTML.
 *
 * @example
 * sessionPicturesHtml({ sectionId: "PM-101-S1", idPrefix: "p-s1", whose: "Your", usual, sessions, shifts: [], stripTable: false })
 */
export function sessionPicturesHtml(input: SessionPicturesInput): string {
  const n = input.sessions.length;
  const gridTitle = `${input.whose} usual week with the ${n === 1 ? "session" : `${n} sessions`} of ${input.sectionId}${input.usual ? `: shading shows in how many of the term's ${Math.max(0, ...input.usual.weeks)} weeks ${input.whose === "Your" ? "you are" : "the learner is"} busy` : ""}`;
  const grid = { title: gridTitle, idPrefix: `${input.idPrefix}-wg`, ...(input.usual ? { usual: input.usual } : {}), blocks: sessionBlocks(input.sessions) };
  const strip = { title: `Each of the ${n} sessions of ${input.sectionId} in date order`, idPrefix: `${input.idPrefix}-ts`, sessions: input.sessions };
  const callout = shiftCallout(input.shifts);
  const heading = (text: string) => `<p style="margin:0 0 4px;font-weight:600">${escapeXml(text)}</p>`;
  return `<figure class="pictures" style="margin:8px 0 16px">
<div class="pictures-row" style="display:flex;flex-wrap:wrap;gap:12px 24px;align-items:flex-start">
<div class="picture-week" style="flex:3 1 18rem;min-width:0;max-width:34rem">${heading(`${input.whose} week`)}${weekGridSvg(grid)}</div>
<div class="picture-strip" style="flex:2 1 14rem;min-width:0">${heading("The term, session by session")}${termStripSvg(strip)}</div>
</div>
<figcaption class="legend" style="font-size:.9rem;color:${PALETTE.ink}">${sessionLegend("Busy")}${callout ? `<p class="note dst-callout" style="margin:8px 0">${escapeXml(callout)}</p>` : ""}</figcaption>
${tableDetails("The week as a table", `${gridTitle}: table`, weekGridTable(grid))}
${input.stripTable ? tableDetails("The sessions as a table", `${strip.title}: table`, termStripTable(strip)) : ""}
</figure>`;
}

/** One week of a study plan: its days, the study blocks and the busy time of that week. */
export interface StudyWeek {
  /** `Mon 11 Jan – Sun 17 Jan`. */
  readonly label: string;
  /** Under each day's name: `11 Jan`. */
  readonly dayLabels: readonly string[];
  readonly blocks: readonly (WallSpan & { readonly title: string })[];
  readonly busy: readonly WallSpan[];
}

/**
 * A study plan's week as a small grid (busy time shaded, study blocks on it) with its table.
 *
 * @example
 * studyWeekHtml({ sectionId: "PM-101-A1", idPrefix: "sp-a1", week })
 */
export function studyWeekHtml(input: { readonly sectionId: string; readonly idPrefix: string; readonly week: StudyWeek }): string {
  const w = input.week;
  const grid = {
    title: `Study plan for ${input.sectionId}, ${w.label}: ${w.blocks.length} ${w.blocks.length === 1 ? "block" : "blocks"} around the busy time`,
    idPrefix: `${input.idPrefix}-wg`,
    busy: w.busy,
    dayLabels: w.dayLabels,
    blocks: w.blocks.map((b) => ({ kind: "study" as const, weekday: b.weekday, startMinute: b.startMinute, endMinute: b.endMinute, counts: {}, shifted: false, what: b.title })),
  };
  return `<figure class="pictures study-week" style="margin:8px 0">
<div style="max-width:34rem">${weekGridSvg(grid)}</div>
<figcaption class="legend" style="font-size:.9rem;color:${PALETTE.ink}">${swatch(PALETTE.busy[2])}busy${swatch(PALETTE.study.fill, PALETTE.study.stroke)}study block</figcaption>
${tableDetails("The week's study blocks as a table", `${grid.title}: table`, weekGridTable(grid))}
</figure>`;
}
