"use client";
/**
 * The results' pictures, as plain SVG (no chart library: a few rectangles keep the page light).
 * Each has a title and description for screen readers and a table with the same numbers. The
 * weekly load comes from lib/charts, like the week grid and the term strip.
 */
import { useId, useMemo } from "react";
import type { HeatWeek, SectionDetail, WeekDetail } from "@/lib/fit/json";
import { loadChartHtml } from "@/lib/charts/load-chart";
import { plural } from "@/lib/words";
import { Html } from "./results/Html";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Hours needed against free study hours per deadline period, crunch weeks marked: lib/charts draws it (a saved report shows the same). */
export function LoadChart({ weeks, label }: { weeks: readonly WeekDetail[]; label: string }) {
  const html = useMemo(() => loadChartHtml(weeks, label), [weeks, label]);
  return <Html html={html} />;
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
/** A section's sessions per learner-local date, and how many of them clash. */
function sessionsOn(section: SectionDetail | undefined): Map<string, { n: number; clash: number }> {
  const byDate = new Map<string, { n: number; clash: number }>();
  for (const s of section?.live?.sessions ?? []) {
    const e = byDate.get(s.date) ?? { n: 0, clash: 0 };
    e.n += 1;
    if (s.conflict) e.clash += 1;
    byDate.set(s.date, e);
  }
  return byDate;
}

export function TermHeatmap({ heat, section }: { heat: readonly HeatWeek[]; section: SectionDetail | undefined }) {
  const uid = useId();
  const sessionsByDate = sessionsOn(section);
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
          <desc id={`${uid}-d`}>Rows are weeks, columns Monday to Sunday; darker is busier. A ring marks a session, a red ring a session that clashes. "The term at a glance as a table" has the numbers.</desc>
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
    </figure>
  );
}

/**
 * The heat map's numbers, apart from its picture, so that a narrow column beside the picture does
 * not squeeze them: busy hours per day, week by week, with the section's sessions and clashes.
 */
export function TermHeatTable({ heat, section }: { heat: readonly HeatWeek[]; section: SectionDetail | undefined }) {
  const sessionsByDate = sessionsOn(section);
  return (
    <details className="term-table">
      <summary>The term at a glance as a table</summary>
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
  );
}
