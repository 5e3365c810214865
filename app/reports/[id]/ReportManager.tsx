"use client";
/** The owner's controls: rename, delete, the name advisors see, share links with their view log, advisors. */
import { useState } from "react";
import type { LinkSummary } from "@/lib/reports";
import { formatLongDate } from "@/lib/time/format";
import { useViewerZone } from "@/app/components/useViewerZone";
import { AdvisorShares } from "./AdvisorShares";
import { CopyLink } from "./CopyLink";
import { LearnerName } from "./LearnerName";
import { RenameOrDelete } from "./RenameOrDelete";
import { ShareLinks } from "./ShareLinks";
import type { Act } from "./api";

interface Props {
  id: string;
  title: string;
  learnerName: string | undefined;
  expiresAt: number;
  /** The zone to show times in until the browser says its own (the server's best guess: the zone cookie, else the report's). */
  zone: string;
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
  const zone = useViewerZone(props.zone);

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
      <p className="muted">Kept until {formatLongDate(props.expiresAt, zone)}, then deleted with its links. Times on this page are in {zone.replace(/_/g, " ")}.</p>
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
      <LearnerName base={base} name={props.learnerName} act={act} onStatus={setStatus} />
      <ShareLinks base={base} origin={props.origin} links={props.links} zone={zone} act={act} onStatus={setStatus} />
      <AdvisorShares base={base} advisors={props.advisors} act={act} onStatus={setStatus} />
      {props.manageKey && (
        <details className="note">
          <summary>Private manage link (this browser owns the report)</summary>
          <p>
            Keep this address private: whoever opens it can manage all the reports saved from this browser.
          </p>
          <CopyLink id="r-manage" label="Private manage link" url={`${props.origin}/reports/claim?key=${props.manageKey}`} />
        </details>
      )}
    </section>
  );
}
