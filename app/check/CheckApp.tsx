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
        </div>
        <div role="status" aria-live="polite" className="progress-line">
          {status !== "idle" && (
            <>
              <progress aria-label="Checking" /> {progress}
            </>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && (
        <div ref={resultsRef} tabIndex={-1} className="results" aria-busy={status === "updating"}>
          <Results result={result} whatIf={form.whatIf} setWhatIf={form.setWhatIf} onDownloadPlan={downloadPlan} onSave={save} updating={status === "updating"} />
        </div>
      )}
    </>
  );
}
