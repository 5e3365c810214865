"use client";
/**
 * Create share links (each shown once, with a Copy button), and the links so far with their view
 * log and a Revoke button; times in the viewer's zone, expiry as a date.
 */
import { useState } from "react";
import type { LinkSummary } from "@/lib/reports";
import { formatDateTime, formatLongDate } from "@/lib/time/format";
import { sendOrThrow, type Act } from "./api";
import { CopyLink } from "./CopyLink";

interface Props {
  base: string;
  origin: string;
  links: LinkSummary[];
  /** The zone the times are shown in (the viewer's). */
  zone: string;
  act: Act;
  onStatus: (status: string) => void;
}

export function ShareLinks(props: Props) {
  const [links, setLinks] = useState(props.links);
  const [days, setDays] = useState(30);
  const [newLink, setNewLink] = useState<string | null>(null);
  const revoke = (l: LinkSummary) =>
    void props.act(async () => {
      await sendOrThrow(`${props.base}/links/${encodeURIComponent(l.id)}`, "DELETE", "Could not revoke.");
      setLinks(links.map((x) => (x.id === l.id ? { ...x, revokedAt: Date.now() } : x)));
      props.onStatus("Link revoked: it no longer opens the report.");
    });
  return (
    <>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void props.act(async () => {
            const j = (await sendOrThrow(`${props.base}/links`, "POST", "Could not create a link.", { expiresInDays: days })) as { path: string; link: LinkSummary };
            setNewLink(`${props.origin}${j.path}`);
            setLinks([j.link, ...links]);
            props.onStatus("Link created. Copy it now: it is shown only once.");
          });
        }}
      >
        <div className="field">
          <label htmlFor="l-days">Link works for (days)</label>
          <input id="l-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(Math.min(365, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
        </div>
        <button type="submit">Create a share link</button>
      </form>
      {newLink && (
        <div className="note">
          <CopyLink id="l-new" label="New link (shown once):" url={newLink} />
        </div>
      )}
      {links.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Share links" tabIndex={0}>
          <table className="data">
            <caption className="sr-only">Share links and when they were opened, times in {props.zone.replace(/_/g, " ")}</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Works until</th>
                <th scope="col">Opened</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <LinkRow key={l.id} link={l} zone={props.zone} onRevoke={() => revoke(l)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function LinkRow({ link: l, zone, onRevoke }: { link: LinkSummary; zone: string; onRevoke: () => void }) {
  const live = l.revokedAt === null && l.expiresAt > Date.now();
  return (
    <tr>
      <td>{formatDateTime(l.createdAt, zone)}</td>
      <td>
{formatLongDate(l.expiresAt, zone)}
      </td>
      <td>{l.views.length === 0 ? "Not yet" : `${l.views.length}×, last ${formatDateTime(l.views[l.views.length - 1] ?? 0, zone)}`}</td>
      <td>
        {live ? (
          <button type="button" className="small" onClick={onRevoke}>
            Revoke
          </button>
        ) : l.revokedAt !== null ? (
          "Revoked"
        ) : (
          "Expired"
        )}
      </td>
    </tr>
  );
}
