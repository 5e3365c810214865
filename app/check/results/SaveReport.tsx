"use client";
/** Saving the result as a report (a snapshot to share with an advisor), with or without event titles. */
import { useId, useState } from "react";

export function SaveReport({ onSave }: { onSave: (title: string, includeTitles: boolean) => Promise<string | null> }) {
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
