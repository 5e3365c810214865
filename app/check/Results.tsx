"use client";
/**
 * The answer first: a table with a row per course and a column per format (verdict chip, one line
 * of why, the best choice marked; each cell links to its section below). Right under it the term
 * at a glance beside the what-if controls that change it, then each section's detail folded
 * (reasons, the learner's week with the sessions drawn on it, the term strip, clashes, the weekly
 * load, the study plan previewed as a week), and saving last. Every picture has a table beside it.
 */
import { useEffect, useId, useMemo, useRef, useState, type MouseEvent } from "react";
import type { CheckResponse } from "@/lib/check/run";
import type { SectionDetail } from "@/lib/fit/json";
import { bestMark, detailAnchor, summaryTableHtml, VERDICT_TEXT } from "@/lib/charts/summary-table";
import { plural } from "@/lib/words";
import { TermHeatTable, TermHeatmap } from "./charts";
import { Html } from "./results/Html";
import { SaveReport } from "./results/SaveReport";
import { SectionCard } from "./results/SectionCard";
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

/** Opens the folded section a summary link points to (the browser then scrolls to it). */
function openLinkedDetail(e: MouseEvent<HTMLElement>): void {
  const link = (e.target as Element).closest?.('a[href^="#detail-"]');
  const target = link ? document.getElementById(link.getAttribute("href")?.slice(1) ?? "") : null;
  if (target instanceof HTMLDetailsElement) target.open = true;
}

/**
 * Marks the regions that scroll sideways (`data-overflow`), so that they show a "scroll →" cue;
 * re-measured when the page resizes, the result changes or a fold opens.
 */
function useOverflowCues(root: React.RefObject<HTMLElement | null>, deps: unknown): void {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const mark = () => {
      for (const r of el.querySelectorAll<HTMLElement>(".table-scroll, .chart-scroll")) {
        if (r.scrollWidth > r.clientWidth + 1) r.dataset.overflow = "true";
        else delete r.dataset.overflow;
      }
    };
    mark();
    const resize = new ResizeObserver(mark);
    resize.observe(el);
    el.addEventListener("toggle", mark, true);
    return () => {
      resize.disconnect();
      el.removeEventListener("toggle", mark, true);
    };
  }, [root, deps]);
}

/**
 * What the learner must know before believing a verdict (an empty or stale calendar, or a
 * calendar cut short by the expansion budget), said up front; notes on single events stay folded.
 */
export function CalendarWarnings({ warnings }: { warnings: Readonly<CheckResponse["warnings"]> }) {
  const upFront = (code: string) => /^(CALENDAR|CONNECTED)_|^EXPANSION_BUDGET$/.test(code);
  const trust = warnings.filter((w) => upFront(w.code));
  const notes = warnings.filter((w) => !upFront(w.code));
  return (
    <>
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
    </>
  );
}

export function Results({ result, whatIf, setWhatIf, onDownloadPlan, onSave, updating }: Props) {
  const details = result.details;
  const sections = useMemo(() => details?.sections ?? [], [details]);
  const byId = new Map(sections.map((s) => [s.sectionId, s]));
  const [focus, setFocus] = useState<string>(() => details?.sections.find((s) => s.live)?.sectionId ?? details?.sections[0]?.sectionId ?? "");
  const uid = useId();
  const rootRef = useRef<HTMLElement>(null);
  useOverflowCues(rootRef, result);
  const focusSection = byId.get(focus);
  const summary = useMemo(
    () =>
      summaryTableHtml({
        courses: result.courses,
        sections: sections.map((s) => ({ sectionId: s.sectionId, courseId: s.courseId, courseTitle: s.courseTitle, format: s.format, verdict: s.verdict, line: s.headline })),
        anchor: detailAnchor,
        caption: "Each course's formats: the verdict, why, and the best fit marked. Choose a section for its detail below.",
      }),
    [result.courses, sections],
  );
  // Course rows in order, then any section no course holds (picked by its id alone).
  const covered = new Set(result.courses.flatMap((c) => c.sectionIds));
  const groups = [
    ...result.courses.map((c) => ({ courseId: c.courseId, course: c, sections: c.sectionIds.map((id) => byId.get(id)).filter((s): s is SectionDetail => s !== undefined) })),
    ...sections.filter((s) => !covered.has(s.sectionId)).map((s) => ({ courseId: s.courseId, course: undefined, sections: [s] })),
  ];
  return (
    <section aria-labelledby={`${uid}-h`} ref={rootRef}>
      <h2 id={`${uid}-h`}>Your result{updating ? " (updating…)" : ""}</h2>
      {details && <p className="muted">Times in {details.timeZone.replace(/_/g, " ")}.</p>}
      <CalendarWarnings warnings={result.warnings} />

      {/* A link in the table opens its section below (the links take the keys; this only hears their clicks). */}
      <div className="summary-wrap" onClick={openLinkedDetail}>
        <Html html={summary} />
      </div>

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

      <div className="answer-tools">
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

        {details && <WhatIfControls uid={uid} events={details.events} whatIf={whatIf} setWhatIf={setWhatIf} />}
      </div>
      {details && details.heat.length > 0 && <TermHeatTable heat={details.heat} section={focusSection} />}

      {groups.map(({ courseId, course, sections: own }) => (
        <article className="course" key={`${courseId}-${own[0]?.sectionId ?? ""}`} aria-labelledby={`${uid}-${courseId}`}>
          <h3 id={`${uid}-${courseId}`}>
            {courseId} {own[0]?.courseTitle ?? ""}
          </h3>
          {course && own.length > 1 && <p className="course-summary">{course.summary}</p>}
          {own.map((s) => (
            <SectionCard key={s.sectionId} s={s} mark={bestMark(course, s.sectionId, s.verdict)} busyWeeks={details?.busyWeeks ?? []} onDownloadPlan={onDownloadPlan} />
          ))}
        </article>
      ))}

      <SaveReport onSave={onSave} />
    </section>
  );
}
