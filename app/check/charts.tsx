"use client";
/**
 * The results' pictures, as plain SVG (no chart library: a few rectangles keep the page light).
 * Each has a title and description for screen readers and a table with the same numbers.
 */
import { useId } from "react";
import type { HeatWeek, SectionDetail, WeekDetail } from "@/lib/fit/json";
import { plural } from "@/lib/words";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Hours needed (dark bar) against free study hours (light bar) per deadline period; crunch weeks marked. */
export function LoadChart({ weeks, label }: { weeks: readonly WeekDetail[]; label: string }) {
  const uid = useId();
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.requiredHours, w.availableHours)));
  const barW = 14;
  const gap = 10;
  const h = 160;
  const left = 34;
  const width = left + weeks.length * (2 * barW + gap) + 10;
  const y = (v: number) => 10 + h - (v / max) * h;
  const ticks = [0, max / 2, max].map((t) => Math.round(t));
  return (
    <figure className="chart">
      {/* Focusable, so keyboard users can scroll to later weeks when the chart is wider than its card. */}
      <div className="chart-scroll" role="region" aria-label={`${label}: chart (scrolls sideways)`} tabIndex={0}>
        <svg width="100%" viewBox={`0 0 ${width} ${h + 50}`} style={{ maxWidth: width, minWidth: Math.min(width, 360) }} role="img" aria-labelledby={`${uid}-t ${uid}-d`}>
          <title id={`${uid}-t`}>{label}</title>
          <desc id={`${uid}-d`}>
            {weeks.length} weeks; {weeks.filter((w) => w.crunch).length} crunch weeks. The table below lists every week.
          </desc>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={left} x2={width} y1={y(t)} y2={y(t)} stroke="#d5dbe1" />
              <text x={left - 4} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#4a5561">
                {t}h
              </text>
            </g>
          ))}
          {weeks.map((w, i) => {
            const x = left + 4 + i * (2 * barW + gap);
            return (
              <g key={w.start}>
                {w.crunch && <rect x={x - 3} y={6} width={2 * barW + 6} height={h + 8} fill="#fde2e1" />}
                <rect x={x} y={y(w.requiredHours)} width={barW} height={10 + h - y(w.requiredHours)} fill="#0b5cad" />
                <rect x={x + barW} y={y(w.availableHours)} width={barW} height={10 + h - y(w.availableHours)} fill="#7fb2e5" stroke="#0b5cad" strokeWidth="0.5" />
                <text x={x + barW} y={h + 26} textAnchor="middle" fontSize="10" fill="#4a5561">
                  {i + 1}
                </text>
                {w.crunch && (
                  <text x={x + barW} y={h + 40} textAnchor="middle" fontSize="10" fill="#8a1c14" fontWeight="700">
                    !
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="legend">
        <span className="swatch" style={{ background: "#0b5cad" }} /> hours needed <span className="swatch" style={{ background: "#7fb2e5" }} /> free study hours{" "}
        <span className="swatch" style={{ background: "#fde2e1" }} /> crunch week (marked !)
      </figcaption>
      <details>
        <summary>The weeks as a table</summary>
        <div className="table-scroll" role="region" aria-label={`${label}: table`} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Dates</th>
                <th scope="col">Needed</th>
                <th scope="col">Free</th>
                <th scope="col">Slack</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w, i) => (
                <tr key={w.start} className={w.crunch ? "clash" : ""}>
                  <td>{i + 1}</td>
                  <td>{w.label}</td>
                  <td>{w.requiredHours} h</td>
                  <td>{w.availableHours} h</td>
                  <td>{w.slackHours} h</td>
                  <td>{!w.feasible ? "Cannot be met" : w.crunch ? "Crunch" : "OK"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function shade(minutes: number): string {
  // 0 h white … 10 h+ dark blue-grey: five steps.
  const h = minutes / 60;
  if (h <= 0) return "#ffffff";
  if (h < 2) return "#dfe7ef";
  if (h < 4) return "#b8c8d8";
  if (h < 7) return "#8aa3bb";
  if (h < 10) return "#5d7c99";
  return "#34506b";
}

/** Busy hours per day over the term (weeks as rows), with the focused section's sessions and clashes. */
export function TermHeatmap({ heat, section }: { heat: readonly HeatWeek[]; section: SectionDetail | undefined }) {
  const uid = useId();
  const sessionsByDate = new Map<string, { n: number; clash: number }>();
  for (const s of section?.live?.sessions ?? []) {
    const e = sessionsByDate.get(s.date) ?? { n: 0, clash: 0 };
    e.n += 1;
    if (s.conflict) e.clash += 1;
    sessionsByDate.set(s.date, e);
  }
  const cell = 26;
  const left = 56;
  const top = 20;
  const width = left + 7 * cell + 4;
  const height = top + heat.length * cell + 4;
  return (
    <figure className="chart">
      <div className="chart-scroll" role="region" aria-label="Busy hours per day: chart" tabIndex={0}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${uid}-t ${uid}-d`}>
          <title id={`${uid}-t`}>Busy hours per day over the term{section ? `, with the sessions of ${section.sectionId}` : ""}</title>
          <desc id={`${uid}-d`}>Rows are weeks, columns Monday to Sunday; darker is busier. A ring marks a session, a red ring a session that clashes. The table below has the numbers.</desc>
          {DAYS.map((d, i) => (
            <text key={d} x={left + i * cell + cell / 2} y={14} textAnchor="middle" fontSize="11" fill="#4a5561">
              {d}
            </text>
          ))}
          {heat.map((w, r) => (
            <g key={w.start}>
              <text x={left - 4} y={top + r * cell + cell / 2 + 4} textAnchor="end" fontSize="10" fill="#4a5561">
                {w.start.slice(5)}
              </text>
              {w.days.map((d, c) => {
                const s = sessionsByDate.get(d.date);
                const x = left + c * cell;
                const yy = top + r * cell;
                return (
                  <g key={d.date}>
                    <rect x={x + 1} y={yy + 1} width={cell - 2} height={cell - 2} fill={d.inTerm ? shade(d.busyMinutes) : "#f4f6f8"} stroke="#d5dbe1" />
                    {s && <circle cx={x + cell / 2} cy={yy + cell / 2} r={7} fill="none" stroke={s.clash > 0 ? "#b3261e" : "#1b7a3d"} strokeWidth={s.clash > 0 ? 3 : 2} />}
                  </g>
                );
              })}
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="legend">
        Busy: <span className="swatch" style={{ background: "#ffffff" }} /> none <span className="swatch" style={{ background: "#dfe7ef" }} /> under 2 h{" "}
        <span className="swatch" style={{ background: "#b8c8d8" }} /> 2–4 h <span className="swatch" style={{ background: "#8aa3bb" }} /> 4–7 h{" "}
        <span className="swatch" style={{ background: "#5d7c99" }} /> 7–10 h <span className="swatch" style={{ background: "#34506b" }} /> 10 h or more. <span className="ring ok" /> session <span className="ring clash" /> session that clashes
      </figcaption>
      <details>
        <summary>The term as a table</summary>
        <div className="table-scroll" role="region" aria-label="Busy hours per day: table" tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Week of</th>
                {DAYS.map((d) => (
                  <th scope="col" key={d}>
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {heat.map((w) => (
                <tr key={w.start}>
                  <th scope="row">{w.start}</th>
                  {w.days.map((d) => {
                    const s = sessionsByDate.get(d.date);
                    return (
                      <td key={d.date}>
                        {d.inTerm ? `${Math.round((d.busyMinutes / 60) * 10) / 10} h busy` : "—"}
                        {s ? `; ${plural(s.n, "session")}${s.clash ? `, ${s.clash} clashing` : ""}` : ""}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
