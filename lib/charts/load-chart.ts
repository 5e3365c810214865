/**
 * A section's weekly load: a row per deadline period ("week"), the hours its work needs (dark bar)
 * over the free study hours in it (light bar), crunch weeks banded and marked "!". Weeks run down
 * the page, so a term of any length fits a phone's width without scrolling sideways. Pure: plain
 * data in, an HTML string (SVG, legend, and the weeks as a table) out.
 */
import { PALETTE, escapeXml, num, srCaption, swatch, tableDetails } from "./svg";

/** One week of the load, as the check's details and a report's snapshot hold it. */
export interface LoadWeek {
  readonly start: string;
  /** `Mon 11 Jan – Sun 17 Jan`. */
  readonly label: string;
  readonly requiredHours: number;
  readonly availableHours: number;
  readonly slackHours: number;
  readonly feasible: boolean;
  readonly crunch: boolean;
}

const NEEDED = "#0b5cad";
const FREE = "#7fb2e5";
const CRUNCH = "#fde2e1";
const LEFT = 90;
const ROW = 22;
const TOP = 18;
const WIDTH = 360;

/**
 * The chart as an SVG string (`role="img"`, titled `label`, every text escaped).
 *
 * @example
 * loadChartSvg(weeks, "Hours needed and free hours per week for PM-101-A1") // "<svg …>"
 */
export function loadChartSvg(weeks: readonly LoadWeek[], label: string): string {
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.requiredHours, w.availableHours)));
  const plot = WIDTH - LEFT - 22;
  const x = (h: number) => LEFT + (Math.max(0, h) / max) * plot;
  const height = TOP + weeks.length * ROW + 4;
  const crunch = weeks.filter((w) => w.crunch).length;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="load-chart" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(`${label}: ${weeks.length} weeks, ${crunch} crunch ${crunch === 1 ? "week" : "weeks"}; the table below lists every week.`)}" style="max-width:100%;height:auto">`,
    `<title>${escapeXml(label)}</title>`,
  ];
  const ticks = [...new Set([0, Math.round(max / 2), Math.round(max)])];
  for (const t of ticks) {
    out.push(`<line x1="${num(x(t))}" x2="${num(x(t))}" y1="${TOP - 4}" y2="${height - 4}" stroke="${PALETTE.grid}"/>`);
    out.push(`<text x="${num(x(t))}" y="11" text-anchor="middle" font-size="10" fill="${PALETTE.ink}">${t} h</text>`);
  }
  weeks.forEach((w, i) => {
    const y = TOP + i * ROW;
    if (w.crunch) out.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${ROW - 2}" fill="${CRUNCH}"/>`);
    out.push(`<text x="4" y="${y + 14}" font-size="10" fill="${PALETTE.ink}">${i + 1}. ${escapeXml(w.label.split(" – ")[0] ?? w.label)}</text>`);
    out.push(`<rect x="${LEFT}" y="${y + 2}" width="${num(x(w.requiredHours) - LEFT)}" height="8" fill="${NEEDED}"/>`);
    out.push(`<rect x="${LEFT}" y="${y + 10}" width="${num(x(w.availableHours) - LEFT)}" height="8" fill="${FREE}" stroke="${NEEDED}" stroke-width="0.5"/>`);
    if (w.crunch) out.push(`<text x="${WIDTH - 6}" y="${y + 14}" text-anchor="end" font-size="12" font-weight="700" fill="#8a1c14">!</text>`);
  });
  out.push("</svg>");
  return out.join("");
}

/** The weeks as a table: number, dates, needed, free, slack and status. */
export function loadChartTable(weeks: readonly LoadWeek[], label: string): string {
  const rows = weeks.map(
    (w, i) =>
      `<tr${w.crunch ? ' class="clash"' : ""}><td>${i + 1}</td><td style="white-space:nowrap">${escapeXml(w.label)}</td><td>${w.requiredHours} h</td><td>${w.availableHours} h</td><td>${w.slackHours} h</td><td>${!w.feasible ? "Cannot be met" : w.crunch ? "Crunch" : "OK"}</td></tr>`,
  );
  return `<table class="data">${srCaption(label)}<thead><tr><th scope="col">Week</th><th scope="col">Dates</th><th scope="col">Needed</th><th scope="col">Free</th><th scope="col">Slack</th><th scope="col">Status</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * Chart, legend and table as one figure.
 *
 * @example
 * loadChartHtml(section.async.weeks, "Hours needed and free hours per week for PM-101-A1")
 */
export function loadChartHtml(weeks: readonly LoadWeek[], label: string): string {
  return `<figure class="chart" style="margin:8px 0 16px"><div style="max-width:34rem">${loadChartSvg(weeks, label)}</div>
<figcaption class="legend" style="font-size:.9rem;color:${PALETTE.ink}">${swatch(NEEDED)}hours needed${swatch(FREE)}free study hours${swatch(CRUNCH)}crunch week (marked !)</figcaption>
${tableDetails("The weeks as a table", `${label}: table`, loadChartTable(weeks, label))}</figure>`;
}
