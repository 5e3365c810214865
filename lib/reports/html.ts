/**
 * A saved report as HTML: one renderer for the owner's page, the advisor's page and the share
 * link (which is a route handler, so that an expired link can answer 410 — Next.js pages cannot
 * choose their status). Every piece of text goes through {@link escapeHtml}; the snapshot holds
 * only what the learner chose to share, so rendering all of it shows nothing more.
 */
import type { Report, Note } from "./index";
import type { ReportSnapshot, SnapshotSection } from "./snapshot";
import { formatDateTime, formatLongDate, formatZoneAbbreviation } from "../time/format";
import { pictureSessions, sessionPicturesHtml } from "../charts/section-pictures";
import { loadChartSvg } from "../charts/load-chart";
import { summaryTableHtml } from "../charts/summary-table";
import { VERDICT_LABEL } from "../fit/labels";

const VERDICT_TEXT = VERDICT_LABEL;

/** @example escapeHtml("<b>&") // "&lt;b&gt;&amp;" */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u0000]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c === "'" ? "&#39;" : "\uFFFD"));
}

const e = escapeHtml;

/** Who reads the report: its owner (the learner's own words) or someone it was shared with. */
export type ReportAudience = "owner" | "advisor";

type SnapshotConflict = NonNullable<SnapshotSection["live"]>["conflicts"][number];

/** A clash's busy minutes and what they cost: joined late, left early, or missed. */
function clashCost(c: SnapshotConflict): string {
  if (!c.partial) return `${c.overlapMinutes}`;
  const parts = [c.lateMinutes ? `joins ${c.lateMinutes} min late` : "", c.earlyMinutes ? `leaves ${c.earlyMinutes} min early` : ""].filter(Boolean);
  return `${c.overlapMinutes} (${parts.join(" and ") || "late or leaving early"})`;
}

/** The week grid and the term strip of a section (snapshots from version 3 on; older ones have no pictures). */
function pictures(s: SnapshotSection, audience: ReportAudience): string {
  if (!s.live?.all || !s.live.weekGrid) return "";
  return sessionPicturesHtml({
    sectionId: s.sectionId,
    idPrefix: `s-${s.sectionId.replace(/[^A-Za-z0-9_-]/g, "_")}-pic`,
    whose: audience === "owner" ? "Your" : "The learner's",
    usual: s.live.weekGrid,
    sessions: pictureSessions(s.live.all, { withTitles: true }),
    shifts: s.live.shifts,
    stripTable: true,
  });
}

/** The summary table: a row per course, a column per format, each cell linking to its section below. */
function summary(snap: ReportSnapshot, audience: ReportAudience): string {
  if (snap.sections.length === 0) return "";
  const first = (s: SnapshotSection) => (audience === "advisor" ? (s.sharedReasons ?? s.reasons) : s.reasons)[0] ?? "";
  return summaryTableHtml({
    courses: snap.courses,
    sections: snap.sections.map((s) => ({ sectionId: s.sectionId, courseId: s.courseId, courseTitle: s.courseTitle, format: s.format, verdict: s.verdict, line: s.headline ?? first(s) })),
    anchor: (id) => `s-${id}`,
    caption: "Each course's formats: the verdict, why, and the best fit marked.",
  });
}

function section(s: SnapshotSection, audience: ReportAudience): string {
  const reasons = audience === "advisor" ? (s.sharedReasons ?? s.reasons) : s.reasons;
  const live = s.live
    ? `<h4>Live sessions</h4>
<p>${s.live.conflicts.length} of ${s.live.sessions} sessions clash; about ${s.live.attendancePercent}% could be attended live.</p>
${pictures(s, audience)}
${
  s.live.shifts.length > 0
    ? `<p class="note">Daylight-saving changes move some sessions: ${s.live.shifts.map((sh) => `${e(sh.usual)} becomes ${e(sh.shifted)} on ${sh.dates.map(e).join(", ")}`).join("; ")}.</p>`
    : ""
}
${
  s.live.conflicts.length > 0
    ? `<div class="table-scroll"><table class="data"><caption>Clashing sessions of ${e(s.sectionId)}</caption><thead><tr><th scope="col">Session (learner's time)</th><th scope="col">Busy minutes</th>${s.live.conflicts.some((c) => c.with) ? '<th scope="col">Clashes with</th>' : ""}</tr></thead><tbody>
${s.live.conflicts
  .map(
    (c) =>
      `<tr><td>${e(c.local)}${c.shifted ? " <strong>(shifted by DST)</strong>" : ""}</td><td>${e(clashCost(c))}</td>${c.with ? `<td>${c.with.map(e).join(", ")}</td>` : ""}</tr>`,
  )
  .join("\n")}
</tbody></table></div>`
    : ""
}`
    : "";
  const asyncPart = s.async
    ? `<h4>Weekly load (${s.async.hoursPerWeek} h a week)</h4>
<div style="max-width:34rem">${loadChartSvg(s.async.weeks, `Hours needed (dark) and free study hours (light) per week for ${s.sectionId}`)}</div>
${s.async.unmet.length > 0 ? `<p class="error">Cannot be met: ${s.async.unmet.map((u) => `${e(u.title)} (due ${e(u.due)})`).join("; ")}</p>` : ""}
<div class="table-scroll"><table class="data"><caption>Hours needed and free per week, ${e(s.sectionId)}</caption><thead><tr><th scope="col">Week</th><th scope="col">Needed</th><th scope="col">Free</th><th scope="col">Status</th></tr></thead><tbody>
${s.async.weeks.map((w) => `<tr${w.crunch ? ' class="clash"' : ""}><td>${e(w.label)}</td><td>${w.requiredHours} h</td><td>${w.availableHours} h</td><td>${!w.feasible ? "Cannot be met" : w.crunch ? "Crunch" : "OK"}</td></tr>`).join("\n")}
</tbody></table></div>`
    : "";
  return `<section class="section-card" aria-labelledby="s-${e(s.sectionId)}">
<h3 id="s-${e(s.sectionId)}"><span class="badge ${e(s.format)}">${e(s.format)}</span> ${e(s.sectionId)} — ${e(s.courseTitle)}</h3>
<p><span class="verdict ${e(s.verdict)}">${e(VERDICT_TEXT[s.verdict] ?? s.verdict)}</span></p>
<ul>${reasons.map((r) => `<li>${e(r)}</li>`).join("")}</ul>
${live}
${asyncPart}
</section>`;
}

function busyTable(report: Report): string {
  const weeks = report.snapshot.busy;
  if (weeks.length === 0) return "";
  const days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return `<details><summary>Busy hours per day over the term (what the calendar held, without titles)</summary>
<div class="table-scroll"><table class="data"><thead><tr><th scope="col">Week of</th>${days.map((d) => `<th scope="col">${d}</th>`).join("")}</tr></thead><tbody>
${weeks.map((w) => `<tr><th scope="row">${e(w.start)}</th>${w.days.map((d) => `<td>${d.inTerm ? `${Math.round((d.busyMinutes / 60) * 10) / 10} h` : "—"}</td>`).join("")}</tr>`).join("\n")}
</tbody></table></div></details>`;
}

/** The day the check ran, in the learner's zone (the snapshot's: a zone the check validated). */
function checkedDay(checkedAt: string, zone: string): string {
  const ms = Date.parse(checkedAt);
  return Number.isFinite(ms) ? formatLongDate(ms, zone) : checkedAt.slice(0, 10);
}

/** When a note was written, in the report's zone (the zone its times are in), with the zone's short name. */
function noteTime(ms: number, zone: string): string {
  return `${formatDateTime(ms, zone)} ${formatZoneAbbreviation(ms, zone)}`;
}

/**
 * The body of a report (no `<html>`): summary per course, sections with verdicts and reasons,
 * clashes, weekly loads, busy time per day, and notes when given. For an `advisor` (the default:
 * the share link and the advisor's page) the reasons speak of "the learner"; for the `owner`, in
 * the learner's own words.
 *
 * @example
 * reportBodyHtml(report, { notes: [] }) // "<article class=\"report\">…"
 */
export function reportBodyHtml(report: Report, options: { notes?: readonly Note[]; heading?: boolean; audience?: ReportAudience } = {}): string {
  const snap = report.snapshot;
  const notes = options.notes ?? [];
  return `<article class="report">
${options.heading === false ? "" : `<h1>${e(report.title)}</h1>`}
${report.learnerName !== undefined && (options.audience ?? "advisor") === "advisor" ? `<p class="shared-by">Shared by <strong>${e(report.learnerName)}</strong></p>` : ""}
<p class="muted">Checked ${e(checkedDay(snap.checkedAt, snap.timeZone))}; times in ${e(snap.timeZone.replace(/_/g, " "))}. ${snap.includeTitles ? "Event titles are included." : "Event titles are not included."}</p>
${summary(snap, options.audience ?? "advisor")}
${snap.plan ? `<section><h2>All chosen sections together: <span class="verdict ${e(snap.plan.verdict)}">${e(VERDICT_TEXT[snap.plan.verdict] ?? snap.plan.verdict)}</span></h2><ul>${snap.plan.reasons.map((r) => `<li>${e(r)}</li>`).join("")}</ul></section>` : ""}
${snap.courses
  .map(
    (c) => `<section class="course"><h2>${e(c.courseId)}</h2>${c.sectionIds.length > 1 ? `<p>${e(c.summary)}</p>` : ""}
${c.sectionIds
  .map((id) => snap.sections.find((s) => s.sectionId === id))
  .filter((s): s is SnapshotSection => s !== undefined)
  .map((s) => section(s, options.audience ?? "advisor"))
  .join("\n")}</section>`,
  )
  .join("\n")}
${busyTable(report)}
${
  notes.length > 0
    ? `<section class="notes"><h2>Advisor notes</h2>${notes.map((n) => `<blockquote><p>${e(n.body).replace(/\n/g, "<br>")}</p><footer>${e(n.authorEmail)}, ${e(noteTime(n.createdAt, snap.timeZone))}</footer></blockquote>`).join("\n")}</section>`
    : ""
}
</article>`;
}

/**
 * Paper: A4 and Letter alike (no size forced: the printer's own), margins that both fit, and
 * tables that break between rows, repeat their heads, and wrap long cells rather than run off the
 * page. The app's pages (globals.css) print with the same rules.
 */
const PRINT_PAGE = `@page{margin:14mm 12mm}
@media print{body{font-size:10.5pt}h1{font-size:16pt}h2,h3,h4{break-after:avoid}table.data{font-size:9.5pt}thead{display:table-header-group}tr{break-inside:avoid}th,td{overflow-wrap:anywhere}svg{max-width:100%;height:auto}.chart-scroll{overflow:visible}}`;

/** The print and screen styles of a standalone report page (the share link). */
const STYLE = `
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff}
main{max-width:60rem;margin:0 auto;padding:24px}
h1{font-size:1.8rem;line-height:1.2}.muted{color:#4a5561}
.badge{display:inline-block;padding:2px 8px;border-radius:999px;font-size:.85rem;font-weight:600;border:1px solid currentColor}
.badge.synchronous{color:#6b2a9c}.badge.asynchronous{color:#0b6b3a}.badge.hybrid{color:#8a4b00}
.verdict{display:inline-block;padding:2px 10px;border-radius:6px;font-weight:700}
.verdict.fits{background:#dcf3e4;color:#0b4d27}.verdict.fits-with-tradeoffs{background:#fff1cc;color:#5c3d00}.verdict.does-not-fit{background:#fde2e1;color:#8a1c14}
.section-card{background:#f4f6f8;border-radius:8px;padding:12px;margin:12px 0}
.table-scroll{overflow-x:auto}table.data{border-collapse:collapse;width:100%;font-size:.95rem}
table.data th,table.data td{border-bottom:1px solid #d5dbe1;padding:6px 8px;text-align:left;vertical-align:top}
tr.clash td{background:#fdecea}.note{border-left:4px solid #0b5cad;background:#eef4fb;padding:8px 12px}
.error{border-left:4px solid #b3261e;background:#fdecea;padding:8px 12px}
blockquote{border-left:4px solid #d5dbe1;margin:12px 0;padding:4px 12px}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.shared-by{font-size:1.05rem;margin:0 0 4px}
@media print{body{font-size:11pt}main{max-width:none;padding:0}.section-card{break-inside:avoid;background:none;border:1px solid #999}details{display:block}details::details-content{content-visibility:visible;display:block}details>summary{list-style:none;font-weight:700}.table-scroll{overflow:visible}a{color:inherit;text-decoration:none}}
${PRINT_PAGE}
`;

/**
 * A complete HTML page for a report or a message (the share route's answer), marked `noindex`.
 *
 * @example
 * reportDocument("Spring options", reportBodyHtml(report))
 */
export function reportDocument(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<title>${e(title)} — FormatFit</title><style>${STYLE}</style></head>
<body><main id="main">${bodyHtml}
<p class="muted">Shared from FormatFit. This is a read-only snapshot of a calendar check; the calendar itself was never stored.</p></main></body></html>`;
}
