"use client";
/**
 * Saving the result as a report (a snapshot to share with an advisor), with or without event
 * titles, and with the name the learner chooses to show advisors (optional; changeable later on
 * the report's page).
 */
import { useId, useState } from "react";
import { MAX_LEARNER_NAME } from "@/lib/reports/limits";
import type { SaveReportFn } from "../types";

export function SaveReport({ onSave, heading = "Save this result", defaultTitle = "My format check" }: { onSave: SaveReportFn; heading?: string; defaultTitle?: string }) {
  const uid = useId();
  const [title, setTitle] = useState(defaultTitle);
  const [includeTitles, setIncludeTitles] = useState(false);
  const [learnerName, setLearnerName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby={`${uid}-save`} className="course">
      <h3 id={`${uid}-save`}>{heading}</h3>
      <p className="muted">
        Saving keeps a snapshot of this result (verdicts, reasons, clashes, weekly loads, busy hours per day) so you can share it with an advisor. Your calendar itself is not
        saved.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          void onSave(title, includeTitles, learnerName).then((err) => {
            setBusy(false);
            setError(err);
          });
        }}
      >
        <div className="field">
          <label htmlFor={`${uid}-title`}>Title</label>
          <input id={`${uid}-title`} type="text" value={title} maxLength={10000} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${uid}-name`}>Your name for the advisor (optional)</label>
          <input id={`${uid}-name`} type="text" autoComplete="name" maxLength={MAX_LEARNER_NAME} value={learnerName} onChange={(e) => setLearnerName(e.target.value)} aria-describedby={`${uid}-name-help`} />
          <p id={`${uid}-name-help`} className="small muted">
            Shown with the report to advisors and to anyone you send a link, so they know whose it is. Leave it empty to share without a name.
          </p>
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
