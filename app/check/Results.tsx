"use client";
/**
 * The answer: per course, its formats side by side with verdicts and reasons; per section, the
 * clashing sessions (with DST-shift weeks marked) and the weekly load; a picture of the term; and
 * what-if controls. Every picture has a table beside it.
 */
import { useId, useState } from "react";
import type { CheckResponse } from "@/lib/check/run";
import type { SectionDetail } from "@/lib/fit/json";
import type { WhatIf } from "./CheckApp";
import { LoadChart, TermHeatmap } from "./charts";
import { plural } from "@/lib/words";

const VERDICT_TEXT: Record<string, string> = { fits: "Fits", "fits-with-tradeoffs": "Fits with trade-offs", "does-not-fit": "Does not fit" };

interface Props {
  result: CheckResponse;
  whatIf: WhatIf;
  setWhatIf: (w: WhatIf) => void;
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
  return (
    <section aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Your result{updating ? " (updating…)" : ""}</h2>
      {details && <p className="muted">Times in {details.timeZone.replace(/_/g, " ")}.</p>}
      {result.warnings.length > 0 && (
        <details className="note">
          <summary>
            {plural(result.warnings.length, "note")} about your calendars
          </summary>
          <ul>
            {result.warnings.slice(0, 20).map((w, i) => (
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

      {details && (
        <section aria-labelledby={`${uid}-whatif`} className="whatif">
          <h3 id={`${uid}-whatif`}>What if…</h3>
          <p className="muted">Changes here update the result at once. Study hours and buffers are in “Your week” above.</p>
          <div className="grid2">
            <div className="field">
              <label htmlFor={`${uid}-wb`}>Buffer before and after each event (minutes)</label>
              <input
                id={`${uid}-wb`}
                type="number"
                min={0}
                max={240}
                step={5}
                value={whatIf.bufferAfterMinutes}
                onChange={(e) => {
                  const n = Math.min(240, Math.max(0, Math.round(Number(e.target.value) || 0)));
                  setWhatIf({ ...whatIf, bufferBeforeMinutes: n, bufferAfterMinutes: n });
                }}
              />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-wend`}>Stop studying on weekdays at</label>
              <input id={`${uid}-wend`} type="time" value={whatIf.weekdayEnd} onChange={(e) => setWhatIf({ ...whatIf, weekdayEnd: e.target.value })} />
            </div>
          </div>
          {details.events.length > 0 && (
            <fieldset>
              <legend>Ignore an event (say, a meeting you could move)</legend>
              <ul className="events">
                {details.events.map((e) => (
                  <li key={e.uid}>
                    <input
                      type="checkbox"
                      id={`${uid}-ig-${e.uid}`}
                      checked={whatIf.ignoredUids.includes(e.uid)}
                      onChange={(ev) =>
                        setWhatIf({ ...whatIf, ignoredUids: ev.target.checked ? [...whatIf.ignoredUids, e.uid] : whatIf.ignoredUids.filter((u) => u !== e.uid) })
                      }
                    />
                    <label htmlFor={`${uid}-ig-${e.uid}`}>
                      {e.summary} <span className="muted">({e.occurrences}×, {e.hours} h in the term)</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
        </section>
      )}
    </section>
  );
}

function SectionCard({ s, best, onDownloadPlan }: { s: SectionDetail; best: boolean; onDownloadPlan: (sectionId?: string) => void }) {
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
            Live sessions: {conflicts.length} of {s.live.sessions.length} clash{shifted.length > 0 ? `; ${shifted.length} at a shifted local time` : ""}
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
                  <tr key={x.start} className={x.conflict ? "clash" : ""}>
                    <td>
                      {x.local}
                      {x.shifted ? <strong className="shift"> (shifted by DST)</strong> : null}
                    </td>
                    <td>{x.sectionLocal}</td>
                    <td>{x.conflict ? `${x.conflict.with.join(", ")} — ${x.conflict.overlapMinutes} min${x.conflict.partial ? " (late or leaving early)" : ""}` : "—"}</td>
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

function SaveReport({ onSave }: { onSave: (title: string, includeTitles: boolean) => Promise<string | null> }) {
  const uid = useId();
  const [title, setTitle] = useState("My format check");
  const [includeTitles, setIncludeTitles] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${uid}-save`} className="course">
      <h3 id={`${uid}-save`}>Save this result</h3>
      <p className="muted">
        Saving keeps a snapshot of this result (verdicts, reasons, clashes, weekly loads, busy hours per day) so you can share it with an advisor. Your calendar itself is not
        saved.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          void onSave(title, includeTitles).then((err) => {
            setBusy(false);
            setError(err);
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${uid}-title`}>Title</label>
          <input id={`${uid}-title`} type="text" value={title} maxLength={10000} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="check-row">
          <input type="checkbox" id={`${uid}-titles`} checked={includeTitles} onChange={(e) => setIncludeTitles(e.target.checked)} />
          <label htmlFor={`${uid}-titles`}>Include event titles (what clashes with each session). Without this, a shared report says only that you are busy.</label>
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? "Saving…" : "Save report"}
        </button>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
