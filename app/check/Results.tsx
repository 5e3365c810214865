"use client";
/**
 * The answer: per course, its formats side by side with verdicts and reasons; per section, the
 * clashing sessions (with DST-shift weeks marked) and the weekly load; a picture of the term; and
 * what-if controls. Every picture has a table beside it.
 */
import { useId, useState } from "react";
import type { CheckResponse } from "@/lib/check/run";
import type { SectionDetail } from "@/lib/fit/json";
import { plural } from "@/lib/words";
import { TermHeatmap } from "./charts";
import { SaveReport } from "./results/SaveReport";
import { SectionCard } from "./results/SectionCard";
import { VERDICT_TEXT } from "./results/verdicts";
import { WhatIfControls } from "./results/WhatIfControls";
import type { SetWhatIf, WhatIf } from "./types";

interface Props {
  result: CheckResponse;
  whatIf: WhatIf;
  setWhatIf: SetWhatIf;
  onDownloadPlan: (sectionId?: string) => void;
  onSave: (title: string, includeTitles: boolean) => Promise<string | null>;
  updating: boolean;
}

export function Results({ result, whatIf, setWhatIf, onDownloadPlan, onSave, updating }: Props) {
  const details = result.details;
  const byId = new Map((details?.sections ?? []).map((s) => [s.sectionId, s]));
  const courseIds = result.courses.map((c) => c.courseId);
  const [focus, setFocus] = useState<string>(() => details?.sections.find((s) => s.live)?.sectionId ?? details?.sections[0]?.sectionId ?? "");
  const uid = useId();
  const focusSection = byId.get(focus);
  // What the learner must know before believing a verdict (an empty or stale calendar,
  // or a calendar cut short by the expansion budget) is said up front; notes on single events stay folded.
  const upFront = (code: string) => /^(CALENDAR|CONNECTED)_|^EXPANSION_BUDGET$/.test(code);
  const trust = result.warnings.filter((w) => upFront(w.code));
  const notes = result.warnings.filter((w) => !upFront(w.code));
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Your result{updating ? " (updating…)" : ""}</h2>
      {details && <p className="muted">Times in {details.timeZone.replace(/_/g, " ")}.</p>}
      {trust.length > 0 && (
        <div className="notice" role="alert">
          <p>
            <strong>Before you trust this answer:</strong>
          </p>
          <ul>
            {trust.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <details className="note">
          <summary>
            {plural(notes.length, "note")} about your calendars
          </summary>
          <ul>
            {notes.slice(0, 20).map((w, i) => (
              <li key={i}>
                {w.line !== undefined ? `Line ${w.line}: ` : ""}
                {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}

      {result.plan && (
        <article className="course plan" aria-labelledby={`${uid}-plan`}>
          <h3 id={`${uid}-plan`}>
            All chosen sections together: <span className={`verdict ${result.plan.verdict}`}>{VERDICT_TEXT[result.plan.verdict]}</span>
          </h3>
          <ul>
            {result.plan.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
          <button type="button" className="small" onClick={() => onDownloadPlan()}>
            Download the combined study plan (.ics)
          </button>
        </article>
      )}

      {courseIds.map((courseId) => {
        const course = result.courses.find((c) => c.courseId === courseId);
        if (!course) return null;
        const sections = course.sectionIds.map((id) => byId.get(id)).filter((s): s is SectionDetail => s !== undefined);
        const title = sections[0]?.courseTitle ?? courseId;
        return (
          <article className="course" key={courseId} aria-labelledby={`${uid}-${courseId}`}>
            <h3 id={`${uid}-${courseId}`}>
              {courseId} {title}
            </h3>
            {sections.length > 1 && <p>{course.summary}</p>}
            <div className="side-by-side">
              {sections.map((s) => (
                <SectionCard key={s.sectionId} s={s} best={course.best[0] === s.sectionId && sections.length > 1 && s.verdict !== "does-not-fit"} onDownloadPlan={onDownloadPlan} />
              ))}
            </div>
          </article>
        );
      })}

      {details && details.heat.length > 0 && (
        <section aria-labelledby={`${uid}-term`}>
          <h3 id={`${uid}-term`}>Your term at a glance</h3>
          <div className="field">
            <label htmlFor={`${uid}-focus`}>Show the sessions of</label>
            <select id={`${uid}-focus`} value={focus} onChange={(e) => setFocus(e.target.value)}>
              {details.sections.map((s) => (
                <option key={s.sectionId} value={s.sectionId}>
                  {s.sectionId} ({s.format})
                </option>
              ))}
            </select>
          </div>
          <TermHeatmap heat={details.heat} section={focusSection} />
        </section>
      )}

      <SaveReport onSave={onSave} />

      {details && <WhatIfControls uid={uid} events={details.events} whatIf={whatIf} setWhatIf={setWhatIf} />}
    </section>
  );
}
