"use client";
/**
 * One section's detail, folded under a line that repeats its summary cell (format, section,
 * verdict, why): its reasons; the learner's week with the section's sessions drawn on it beside
 * the term strip (the same pictures a saved report shows), the sessions as a table with what
 * clashes; the weekly load; and the study plan previewed as a week above its download.
 */
import { useMemo } from "react";
import type { BusyWeekDetail, SectionDetail, SessionDetail } from "@/lib/fit/json";
import { pictureSessions, sessionPicturesHtml } from "@/lib/charts/section-pictures";
import { MARK_TEXT, VERDICT_TEXT, detailAnchor } from "@/lib/charts/summary-table";
import { plural } from "@/lib/words";
import { LoadChart } from "../charts";
import { Html } from "./Html";
import { StudyPlanPreview } from "./StudyPlanPreview";

/** What a session's clash costs, in the learner's words: joined late, left early, or missed. */
function clashText(c: NonNullable<SessionDetail["conflict"]>): string {
  const what = `${c.with.join(", ")} — ${c.overlapMinutes} min`;
  if (!c.partial) return `${what}: missed`;
  const parts = [c.lateMinutes > 0 ? `join ${c.lateMinutes} min late` : "", c.earlyMinutes > 0 ? `leave ${c.earlyMinutes} min early` : ""].filter(Boolean);
  return `${what}: ${parts.join(" and ") || "attended"}`;
}

interface Props {
  s: SectionDetail;
  /** Marked in its course: the best fit, or the one that comes closest when none fits. */
  mark: "best" | "closest" | null;
  busyWeeks: readonly BusyWeekDetail[];
  onDownloadPlan: (sectionId?: string) => void;
}

export function SectionCard({ s, mark, busyWeeks, onDownloadPlan }: Props) {
  const anchor = detailAnchor(s.sectionId);
  const conflicts = s.live?.sessions.filter((x) => x.conflict) ?? [];
  const shifted = s.live?.sessions.filter((x) => x.shifted) ?? [];
  const live = s.live;
  const pictures = useMemo(
    () =>
      live
        ? sessionPicturesHtml({
            sectionId: s.sectionId,
            idPrefix: `${anchor}-pic`,
            whose: "Your",
            usual: live.weekGrid,
            sessions: pictureSessions(live.sessions, { withTitles: true }),
            shifts: live.shifts,
            stripTable: false,
          })
        : "",
    [live, s.sectionId, anchor],
  );
  return (
    <details className="section-detail" id={anchor} aria-labelledby={`${anchor}-h`}>
      <summary>
        <h4 id={`${anchor}-h`}>
          <span className={`badge ${s.format}`}>{s.format}</span> {s.sectionId}
        </h4>{" "}
        <span className={`verdict ${s.verdict}`}>{VERDICT_TEXT[s.verdict]}</span>
        {mark ? <strong className={`mark ${mark}`}>{MARK_TEXT[mark]}</strong> : null} <span className="line">{s.headline}</span>
      </summary>
      <div className="detail-body">
        <ul className="reasons">
          {s.reasons.map((r, i) => (
            <li key={i}>{r}</li>
          ))}
        </ul>
        {live && (
          <>
            <Html html={pictures} />
            {/* Open once the section is: the table of what clashes is what the learner opened it for. */}
            <details open>
              <summary>
                Live sessions: {conflicts.length} of {live.sessions.length} clash
                {live.partial > 0 ? ` (${live.partial} only at the start or end)` : ""}
                {live.night > 0 ? `; ${live.night} in your sleep hours` : ""}
                {shifted.length > 0 ? `; ${shifted.length} at a shifted local time` : ""}
              </summary>
              <div className="table-scroll" role="region" aria-label={`Sessions of ${s.sectionId}`} tabIndex={0}>
                <table className="data sessions">
                  <caption className="sr-only">Live sessions of {s.sectionId}, in your time, with what clashes</caption>
                  <thead>
                    <tr>
                      <th scope="col">Your time</th>
                      <th scope="col">Section time</th>
                      <th scope="col">Clashes with</th>
                    </tr>
                  </thead>
                  <tbody>
                    {live.sessions.map((x) => (
                      <tr key={x.start} className={x.conflict ? (x.conflict.partial ? "clash partial" : "clash") : x.night ? "night" : ""}>
                        <td className="date">
                          {x.local}
                          {x.shifted ? <strong className="shift"> (shifted by DST)</strong> : null}
                          {x.night ? <span className="night-mark"> (in your sleep hours)</span> : null}
                        </td>
                        <td className="date">{x.sectionLocal}</td>
                        <td>{x.conflict ? clashText(x.conflict) : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
        {s.async && (
          <>
            <details>
              <summary>
                Weekly load: {s.async.hoursPerWeek} h a week; {plural(s.async.weeks.filter((w) => w.crunch).length, "crunch week")}
                {s.async.unmet.length > 0 ? `; ${plural(s.async.unmet.length, "deadline")} cannot be met` : ""}
              </summary>
              <LoadChart weeks={s.async.weeks} label={`Hours needed and free hours per week for ${s.sectionId}`} />
              {s.async.unmet.length > 0 && (
                <p className="error">
                  Cannot be met: {s.async.unmet.slice(0, 6).map((u) => `${u.title} (due ${u.due})`).join("; ")}
                  {s.async.unmet.length > 6 ? "; …" : ""}
                </p>
              )}
            </details>
            <StudyPlanPreview s={s} busyWeeks={busyWeeks} onDownloadPlan={onDownloadPlan} />
          </>
        )}
      </div>
    </details>
  );
}
