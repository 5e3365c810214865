"use client";
/** An advisor's note for the learner. */
import { useState } from "react";

export function NoteForm({ id }: { id: string }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="no-print"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        void fetch(`/api/reports/${encodeURIComponent(id)}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ body }) })
          .then(async (res) => {
            if (!res.ok) {
              const j = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
              throw new Error(j?.error?.message ?? `The server answered ${res.status}.`);
            }
            window.location.reload();
          })
          .catch((err: Error) => setError(err.message))
          .finally(() => setBusy(false));
      }}
    >
      <h2>Leave a note for the learner</h2>
      <div className="field">
        <label htmlFor="note-body">Your note</label>
        <textarea id="note-body" rows={5} cols={60} maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)} required />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || body.trim() === ""}>
        Add note
      </button>
    </form>
  );
}
