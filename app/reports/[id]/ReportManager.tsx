"use client";
/** The owner's controls: rename, delete, share links with their view log, advisors. */
import { useState } from "react";
import type { LinkSummary } from "@/lib/reports";

interface Props {
  id: string;
  title: string;
  expiresAt: number;
  origin: string;
  links: LinkSummary[];
  advisors: { email: string; createdAt: number }[];
  manageKey: string | undefined;
}

async function send(url: string, method: string, body?: unknown): Promise<{ ok: boolean; json: unknown; status: number }> {
  const res = await fetch(url, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  return { ok: res.ok, json, status: res.status };
}

function message(json: unknown, fallback: string): string {
  return (json as { error?: { message?: string } } | null)?.error?.message ?? fallback;
}

function when(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function ReportManager(props: Props) {
  const [title, setTitle] = useState(props.title);
  const [saved, setSaved] = useState(props.title);
  const [links, setLinks] = useState(props.links);
  const [advisors, setAdvisors] = useState(props.advisors);
  const [days, setDays] = useState(30);
  const [newLink, setNewLink] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [status, setStatus] = useState("");
  const [error, setError] = useState<string | null>(null);
  const base = `/api/reports/${encodeURIComponent(props.id)}`;

  const act = async (fn: () => Promise<void>) => {
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
      <details>
        <summary>Rename or delete</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              const r = await send(base, "PATCH", { title });
              if (!r.ok) throw new Error(message(r.json, "Could not rename."));
              setSaved(title);
              setStatus("Renamed.");
            });
          }}
        >
          <div className="field">
            <label htmlFor="r-title">Title</label>
            <input id="r-title" type="text" value={title} maxLength={10000} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="actions">
            <button type="submit">Rename</button>
            <button
              type="button"
              onClick={() =>
                void act(async () => {
                  if (!window.confirm("Delete this report, its share links and their view log? This cannot be undone.")) return;
                  const r = await send(base, "DELETE");
                  if (!r.ok) throw new Error(message(r.json, "Could not delete."));
                  window.location.assign("/reports");
                })
              }
            >
              Delete report
            </button>
          </div>
        </form>
      </details>

      <h2>Share</h2>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await send(`${base}/links`, "POST", { expiresInDays: days });
            if (!r.ok) throw new Error(message(r.json, "Could not create a link."));
            const j = r.json as { path: string; link: LinkSummary };
            setNewLink(`${props.origin}${j.path}`);
            setLinks([j.link, ...links]);
            setStatus("Link created. Copy it now: it is shown only once.");
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
        <p className="note">
          <label htmlFor="l-new">New link (shown once):</label>{" "}
          <input id="l-new" type="text" readOnly value={newLink} onFocus={(e) => e.target.select()} size={60} />
        </p>
      )}
      {links.length > 0 && (
        <div className="table-scroll" role="region" aria-label="Share links" tabIndex={0}>
          <table className="data">
            <caption className="sr-only">Share links and when they were opened</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Opened</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => {
                const live = l.revokedAt === null && l.expiresAt > Date.now();
                return (
                  <tr key={l.id}>
                    <td>{when(l.createdAt)}</td>
                    <td>{when(l.expiresAt)}</td>
                    <td>{l.views.length === 0 ? "Not yet" : `${l.views.length}×, last ${when(l.views[l.views.length - 1] ?? 0)}`}</td>
                    <td>
                      {live ? (
                        <button
                          type="button"
                          className="small"
                          onClick={() =>
                            void act(async () => {
                              const r = await send(`${base}/links/${encodeURIComponent(l.id)}`, "DELETE");
                              if (!r.ok) throw new Error(message(r.json, "Could not revoke."));
                              setLinks(links.map((x) => (x.id === l.id ? { ...x, revokedAt: Date.now() } : x)));
                              setStatus("Link revoked: it no longer opens the report.");
                            })
                          }
                        >
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
              })}
            </tbody>
          </table>
        </div>
      )}

      <h3>Share with an advisor</h3>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await send(`${base}/advisors`, "POST", { email });
            if (!r.ok) throw new Error(message(r.json, "Could not share."));
            setAdvisors([...advisors.filter((a) => a.email !== email.trim().toLowerCase()), { email: email.trim().toLowerCase(), createdAt: Date.now() }]);
            setEmail("");
            setStatus("Shared: the advisor sees it on their advisor page after signing in.");
          });
        }}
      >
        <div className="field">
          <label htmlFor="a-email">Advisor&apos;s email</label>
          <input id="a-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </div>
        <button type="submit">Share with advisor</button>
      </form>
      {advisors.length > 0 && (
        <ul>
          {advisors.map((a) => (
            <li key={a.email}>
              {a.email}{" "}
              <button
                type="button"
                className="small"
                onClick={() =>
                  void act(async () => {
                    const r = await send(`${base}/advisors`, "DELETE", { email: a.email });
                    if (!r.ok) throw new Error(message(r.json, "Could not stop sharing."));
                    setAdvisors(advisors.filter((x) => x.email !== a.email));
                  })
                }
              >
                Stop sharing
              </button>
            </li>
          ))}
        </ul>
      )}
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
