"use client";
/**
 * A section's study plan, previewed one week at a time (its first week unless the learner picks
 * another) as a small week grid of the blocks over that week's busy time, with the download under it.
 */
import { useId, useMemo, useState } from "react";
import type { BusyWeekDetail, SectionDetail } from "@/lib/fit/json";
import { studyWeekHtml } from "@/lib/charts/section-pictures";
import { detailAnchor } from "@/lib/charts/summary-table";
import { plural } from "@/lib/words";
import { Html } from "./Html";

export function StudyPlanPreview({ s, busyWeeks, onDownloadPlan }: { s: SectionDetail; busyWeeks: readonly BusyWeekDetail[]; onDownloadPlan: (sectionId?: string) => void }) {
  const uid = useId();
  const weeks = s.async?.planWeeks ?? [];
  const [chosen, setChosen] = useState(weeks[0]?.weekOf ?? "");
  const week = weeks.find((w) => w.weekOf === chosen) ?? weeks[0];
  const busy = week ? busyWeeks.find((b) => b.weekOf === week.weekOf) : undefined;
  const html = useMemo(
    () => (week && busy ? studyWeekHtml({ sectionId: s.sectionId, idPrefix: `${detailAnchor(s.sectionId)}-plan`, week: { label: busy.label, dayLabels: busy.dayLabels, busy: busy.busy, blocks: week.blocks } }) : ""),
    [week, busy, s.sectionId],
  );
  if (!s.async || s.async.studyBlocks === 0 || !week) return null;
  return (
    <section className="study-plan" aria-labelledby={`${uid}-h`}>
      <h5 id={`${uid}-h`}>Your study plan</h5>
      <p className="muted">
        {plural(s.async.studyBlocks, "study block")} over {plural(weeks.length, "week")}, placed in your free time before each deadline. One week of it:
      </p>
      <div className="field">
        <label htmlFor={`${uid}-week`}>Week</label>
        <select id={`${uid}-week`} value={week.weekOf} onChange={(e) => setChosen(e.target.value)}>
          {weeks.map((w) => (
            <option key={w.weekOf} value={w.weekOf}>
              {busyWeeks.find((b) => b.weekOf === w.weekOf)?.label ?? w.weekOf} ({plural(w.blocks.length, "block")})
            </option>
          ))}
        </select>
      </div>
      <Html html={html} />
      <button type="button" className="small" onClick={() => onDownloadPlan(s.sectionId)}>
        Download the study plan for {s.sectionId} (.ics, {s.async.studyBlocks} blocks)
      </button>
    </section>
  );
}
