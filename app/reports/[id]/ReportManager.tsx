"use client";
/** The owner's controls: rename, delete, share links with their view log, advisors. */
import { useState } from "react";
import type { LinkSummary } from "@/lib/reports";
import { AdvisorShares } from "./AdvisorShares";
import { RenameOrDelete } from "./RenameOrDelete";
import { ShareLinks } from "./ShareLinks";
import { when, type Act } from "./api";

interface Props {
  id: string;
  title: string;
  expiresAt: number;
  origin: string;
  links: LinkSummary[];
  advisors: { email: string; createdAt: number }[];
  manageKey: string | undefined;
}

export function ReportManager(props: Props) {
  const [saved, setSaved] = useState(props.title);
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const base = `/api/reports/${encodeURIComponent(props.id)}`;

  const act: Act = async (fn) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section aria-labelledby="manage-h">
      <h1 id="manage-h">{saved}</h1>
      <p className="muted">Kept until {when(props.expiresAt).slice(0, 10)}, then deleted with its links.</p>
      <div role="status" aria-live="polite">
        {status}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <RenameOrDelete
        base={base}
        title={props.title}
        act={act}
        onRenamed={(title) => {
          setSaved(title);
          setStatus("Renamed.");
        }}
      />
      <h2>Share</h2>
      <ShareLinks base={base} origin={props.origin} links={props.links} act={act} onStatus={setStatus} />
      <AdvisorShares base={base} advisors={props.advisors} act={act} onStatus={setStatus} />
      {props.manageKey && (
        <details className="note">
          <summary>Private manage link (this browser owns the report)</summary>
          <p>
            Keep this address private: whoever opens it can manage all the reports saved from this browser.{" "}
            <input aria-label="Private manage link" type="text" readOnly size={60} value={`${props.origin}/reports/claim?key=${props.manageKey}`} onFocus={(e) => e.target.select()} />
          </p>
        </details>
      )}
    </section>
  );
}
