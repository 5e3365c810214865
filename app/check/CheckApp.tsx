"use client";
/**
 * The check page's form, as steps: calendars (files by picking or dropping, URLs, connected
 * accounts), what to check, and your week; then the results. Each calendar is read by the server as
 * it is added (event count, dates, problems); the check itself posts everything to /api/check.
 * After a result, what-if changes (ignore an event, a buffer, a study window) send the check again
 * at once with the same calendars. The state and the request live in useCheckForm, the runs in
 * useCheckRun.
 */
import { useId } from "react";
import type { ConnectOptions } from "./ConnectedCalendars";
import { Results } from "./Results";
import { Calendars } from "./steps/Calendars";
import { WhatToCheck } from "./steps/WhatToCheck";
import { YourWeek } from "./steps/YourWeek";
import type { CheckDefaults, CourseOption } from "./types";
import { useCheckForm } from "./useCheckForm";
import { useCheckRun } from "./useCheckRun";
import { PlanResults } from "./plan/PlanResults";
import { usePlanRun } from "./plan/usePlanRun";

export function CheckApp({
  courses,
  initialCourses,
  initialSections,
  defaults,
  initialZone,
  connect,
}: {
  courses: CourseOption[];
  initialCourses: string[];
  initialSections: string[];
  defaults: CheckDefaults;
  /** The viewer's zone as the server knows it (the zone cookie), shown until the browser confirms it. */
  initialZone: string | undefined;
  connect: ConnectOptions;
}) {
  const uid = useId();
  const form = useCheckForm({ initialCourses, initialSections, defaults, initialZone });
  const { result, status, progress, error, resultsRef, submit, save, downloadPlan } = useCheckRun(form);
  const { plan, planStatus, planError, planRef, runPlan, planCourses, savePlan } = usePlanRun(form);
  const canPlan = form.choice.courses.size >= 2;

  return (
    <>
      <form onSubmit={submit} aria-describedby="privacy" noValidate>
        <Calendars uid={uid} calendars={form.calendars} connect={connect} />
        <WhatToCheck uid={uid} courses={courses} choice={form.choice} />
        <YourWeek uid={uid} week={form.week} whatIf={form.whatIf} setWhatIf={form.setWhatIf} />

        <div className="actions">
          <button type="submit" className="primary" disabled={status === "running"}>
            {status === "running" ? "Checking…" : "Check which formats fit"}
          </button>
          {canPlan && (
            <button type="button" onClick={() => void runPlan()} disabled={planStatus === "running"}>
              {planStatus === "running" ? "Planning…" : `Plan my term: ${form.choice.courses.size} courses together`}
            </button>
          )}
        </div>
        <div role="status" aria-live="polite" className="progress-line">
          {status !== "idle" && (
            <>
              <progress aria-label="Checking" /> {progress}
            </>
          )}
        </div>
        {planStatus === "running" && (
          <p role="status" className="progress-line">
            <progress aria-label="Planning" /> Judging every combination of one section per course…
          </p>
        )}
        {(error ?? planError) && (
          <p className="error" role="alert">
            {error ?? planError}
          </p>
        )}
      </form>
      {plan && (
        <div ref={planRef} tabIndex={-1} className="results plan" aria-busy={planStatus === "running"}>
          <PlanResults body={plan} courseIds={planCourses} updating={planStatus === "running"} onSave={savePlan} />
        </div>
      )}
      {result && (
        <div ref={resultsRef} tabIndex={-1} className="results" aria-busy={status === "updating"}>
          <Results result={result} whatIf={form.whatIf} setWhatIf={form.setWhatIf} onDownloadPlan={downloadPlan} onSave={save} updating={status === "updating"} />
        </div>
      )}
    </>
  );
}
