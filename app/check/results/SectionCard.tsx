"use client";
/**
 * One section's answer: its verdict and reasons, the live sessions with what clashes (and
 * DST-shift weeks), and the weekly load with the study plan to download.
 */
import { useId } from "react";
import type { SectionDetail, SessionDetail } from "@/lib/fit/json";
import { plural } from "@/lib/words";
import { LoadChart } from "../charts";
import { VERDICT_TEXT } from "./verdicts";

/** What a session's clash costs, in the learner's words: joined late, left early, or missed. */
function clashText(c: NonNullable<SessionDetail["conflict"]>): string {
  const what = `${c.with.join(", ")} — ${c.overlapMinutes} min`;
  if (!c.partial) return `${what}: missed`;
  const parts = [c.lateMinutes > 0 ? `join ${c.lateMinutes} min late` : "", c.earlyMinutes > 0 ? `leave ${c.earlyMinutes} min early` : ""].filter(Boolean);
  return `${what}: ${parts.join(" and ") || "attended"}`;
}

export function SectionCard({ s, best, onDownloadPlan }: { s: SectionDetail; best: boolean; onDownloadPlan: (sectionId?: string) => void }) {
  const uid = useId();
  const conflicts = s.live?.sessions.filter((x) => x.conflict) ?? [];
  const shifted = s.live?.sessions.filter((x) => x.shifted) ?? [];
  return (
    <div className="section-card" aria-labelledby={`${uid}-h`} role="group">
      <h4 id={`${uid}-h`}>
        <span className={`badge ${s.format}`}>{s.format}</span> {s.sectionId}
      </h4>
      <p>
        <span className={`verdict ${s.verdict}`}>{VERDICT_TEXT[s.verdict]}</span>
        {best ? <span className="muted"> — the best fit of this course</span> : null}
      </p>
      <ul className="reasons">
        {s.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      {s.live && (
        <details>
          <summary>
            Live sessions: {conflicts.length} of {s.live.sessions.length} clash
            {s.live.partial > 0 ? ` (${s.live.partial} only at the start or end)` : ""}
            {s.live.night > 0 ? `; ${s.live.night} in your sleep hours` : ""}
            {shifted.length > 0 ? `; ${shifted.length} at a shifted local time` : ""}
          </summary>
          {s.live.shifts.length > 0 && (
            <p className="note">
              Daylight-saving changes on different dates move some sessions in your time:{" "}
              {s.live.shifts.map((sh) => `${sh.usual} becomes ${sh.shifted} on ${plural(sh.dates.length, "date")} (${sh.dates.slice(0, 4).join(", ")}${sh.dates.length > 4 ? ", …" : ""})`).join("; ")}.
            </p>
          )}
          <div className="table-scroll" role="region" aria-label={`Sessions of ${s.sectionId}`} tabIndex={0}>
            <table className="data">
              <caption className="sr-only">Live sessions of {s.sectionId}, in your time, with what clashes</caption>
              <thead>
                <tr>
                  <th scope="col">Your time</th>
                  <th scope="col">Section time</th>
                  <th scope="col">Clashes with</th>
                </tr>
              </thead>
              <tbody>
                {s.live.sessions.map((x) => (
                  <tr key={x.start} className={x.conflict ? (x.conflict.partial ? "clash partial" : "clash") : x.night ? "night" : ""}>
                    <td>
                      {x.local}
                      {x.shifted ? <strong className="shift"> (shifted by DST)</strong> : null}
                      {x.night ? <span className="night-mark"> (in your sleep hours)</span> : null}
                    </td>
                    <td>{x.sectionLocal}</td>
                    <td>{x.conflict ? clashText(x.conflict) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
      {s.async && (
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
          {s.async.studyBlocks > 0 && (
            <button type="button" className="small" onClick={() => onDownloadPlan(s.sectionId)}>
              Download the study plan for {s.sectionId} (.ics, {s.async.studyBlocks} blocks)
            </button>
          )}
        </details>
      )}
    </div>
  );
}
