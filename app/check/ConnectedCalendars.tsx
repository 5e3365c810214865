"use client";
/**
 * Google / Outlook calendars connected through OAuth: what FormatFit will ask for (said before the
 * consent screen), the connect buttons (next-auth sign-in with the calendar scopes), and for each
 * connection the calendars that count, a reconnect prompt when the provider refused, and
 * disconnect. Tokens never reach this page: it sees connection ids and calendar names only.
 */
import { useCallback, useEffect, useId, useState } from "react";

export interface ConnectOptions {
  google: boolean;
  microsoft: boolean;
  signedIn: boolean;
}

interface CalendarRow {
  id: string;
  name: string;
  primary: boolean;
  selected: boolean;
}

interface ConnectionRow {
  id: string;
  provider: "google" | "microsoft";
  accountEmail: string | null;
  mode: "events" | "busy";
  status: "ok" | "reconnect";
  calendars: CalendarRow[];
  error?: { code: string; message: string };
}

const PROVIDER_NAME = { google: "Google Calendar", microsoft: "Outlook" } as const;

/** A POST form to next-auth's sign-in endpoint for a calendar provider (full-page: the consent screen). */
function ConnectButton({ provider, label, csrf }: { provider: string; label: string; csrf: string | null }) {
  return (
    <form method="post" action={`/api/auth/signin/${provider}`} className="inline-form">
      <input type="hidden" name="csrfToken" value={csrf ?? ""} />
      <input type="hidden" name="callbackUrl" value="/check" />
      <button type="submit" disabled={!csrf}>
        {label}
      </button>
    </form>
  );
}

export function ConnectedCalendars({ options, onChange }: { options: ConnectOptions; onChange: (connectionIds: string[]) => void }) {
  const uid = useId();
  const [csrf, setCsrf] = useState<string | null>(null);
  const [rows, setRows] = useState<ConnectionRow[] | null>(null);
  const [used, setUsed] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    void fetch("/api/auth/csrf")
      .then((r) => r.json() as Promise<{ csrfToken?: string }>)
      .then((j) => setCsrf(j.csrfToken ?? null))
      .catch(() => setCsrf(null));
  }, []);

  const load = useCallback(async () => {
    if (!options.signedIn) return;
    setLoading(true);
    try {
      const res = await fetch("/api/connections", { headers: { accept: "application/json" } });
      const json = (await res.json()) as { connections?: ConnectionRow[]; error?: { message?: string } };
      if (!res.ok) {
        setMessage(json.error?.message ?? `Could not list connected calendars (HTTP ${res.status}).`);
        return;
      }
      const list = json.connections ?? [];
      setRows(list);
      setUsed(new Set(list.filter((c) => c.status === "ok" && !c.error).map((c) => c.id)));
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setLoading(false);
    }
  }, [options.signedIn]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    onChange([...used]);
  }, [used, onChange]);

  const pick = async (conn: ConnectionRow, calendarId: string, on: boolean) => {
    const before = conn.calendars;
    const next = before.map((c) => (c.id === calendarId ? { ...c, selected: on } : c));
    const setCalendars = (calendars: CalendarRow[]) => setRows((rs) => rs?.map((r) => (r.id === conn.id ? { ...r, calendars } : r)) ?? rs);
    setCalendars(next);
    try {
      const res = await fetch(`/api/connections/${encodeURIComponent(conn.id)}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ calendars: next.filter((c) => c.selected).map((c) => c.id) }),
      });
      if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? `HTTP ${res.status}`);
    } catch (e) {
      setCalendars(before); // the box shows what the server holds
      setMessage(`Could not save which calendars count: ${(e as Error).message}`);
    }
  };

  const disconnect = async (conn: ConnectionRow) => {
    try {
      const res = await fetch(`/api/connections/${encodeURIComponent(conn.id)}`, { method: "DELETE" });
      const json = (await res.json().catch(() => ({}))) as { revoked?: boolean; error?: { message?: string } };
      if (!res.ok) throw new Error(json.error?.message ?? `HTTP ${res.status}`);
      setRows((rs) => rs?.filter((r) => r.id !== conn.id) ?? rs);
      setUsed((u) => new Set([...u].filter((x) => x !== conn.id)));
      setMessage(
        json.revoked
          ? `${PROVIDER_NAME[conn.provider]} disconnected: FormatFit deleted its stored access and ${conn.provider === "google" ? "Google" : "Microsoft"} revoked it.`
          : `${PROVIDER_NAME[conn.provider]} disconnected: FormatFit deleted its stored access. To withdraw it at ${conn.provider === "google" ? "Google" : "Microsoft"} too, remove FormatFit from your account's connected apps.`,
      );
    } catch (e) {
      setMessage(`Could not disconnect: ${(e as Error).message}`);
    }
  };

  if (!options.google && !options.microsoft) return null;
  return (
    <section className="connect" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>…or connect Google or Outlook</h3>
      <details>
        <summary>What FormatFit asks for, and what it keeps</summary>
        <ul className="small">
          {options.google && (
            <li>
              <strong>Google Calendar</strong>: read-only access to your events and to the list of your calendars (you then pick which count). Or{" "}
              <strong>busy times only</strong>: Google tells FormatFit when your main calendar is busy, with no titles or details.
            </li>
          )}
          {options.microsoft && (
            <li>
              <strong>Outlook / Microsoft 365</strong>: read basic details of your calendars (times, free/busy status, your response; not the body, attendees or
              attachments), and to keep that access while you use FormatFit.
            </li>
          )}
          <li>
            FormatFit never changes your calendar. The access key stays on FormatFit&apos;s server, encrypted; this page never sees it. Disconnect deletes it (and
            asks Google to revoke it).
          </li>
          <li>Events are read for each check and not stored, as with uploaded files.</li>
        </ul>
      </details>
      <div className="inline">
        {options.google && <ConnectButton provider="google-calendar" label="Connect Google Calendar" csrf={csrf} />}
        {options.google && <ConnectButton provider="google-busy" label="Google: busy times only" csrf={csrf} />}
        {options.microsoft && <ConnectButton provider="azure-ad-calendar" label="Connect Outlook" csrf={csrf} />}
      </div>
      {!options.signedIn && <p className="muted small">Connecting signs you in with that account, so your connection is yours alone.</p>}
      {loading && <p>Loading your connected calendars…</p>}
      {message && (
        <p className="note" role="status">
          {message}
        </p>
      )}
      {rows && rows.length > 0 && (
        <ul className="calendars" aria-label="Connected calendars">
          {rows.map((conn) => {
            const title = `${PROVIDER_NAME[conn.provider]}${conn.mode === "busy" ? " (busy times only)" : ""}${conn.accountEmail ? ` — ${conn.accountEmail}` : ""}`;
            return (
              <li key={conn.id} className={conn.status === "reconnect" || conn.error ? "bad" : ""}>
                <div className="cal-head">
                  <label>
                    <input
                      type="checkbox"
                      checked={used.has(conn.id)}
                      disabled={conn.status === "reconnect"}
                      onChange={(e) => setUsed((u) => (e.target.checked ? new Set([...u, conn.id]) : new Set([...u].filter((x) => x !== conn.id))))}
                    />{" "}
                    <strong>{title}</strong>
                  </label>
                  <button type="button" className="small" onClick={() => void disconnect(conn)} aria-label={`Disconnect ${title}`}>
                    Disconnect
                  </button>
                </div>
                {conn.status === "reconnect" ? (
                  <div>
                    <p className="error">{PROVIDER_NAME[conn.provider]} no longer accepts FormatFit&apos;s access (it was withdrawn or has expired).</p>
                    <ConnectButton provider={conn.provider === "google" ? (conn.mode === "busy" ? "google-busy" : "google-calendar") : "azure-ad-calendar"} label={`Reconnect ${PROVIDER_NAME[conn.provider]}`} csrf={csrf} />
                  </div>
                ) : conn.error ? (
                  <p className="error">{conn.error.message}</p>
                ) : (
                  <fieldset className="calendar-picks">
                    <legend className="small">Calendars that count</legend>
                    {conn.calendars.map((c) => (
                      <label key={c.id} className="check">
                        <input type="checkbox" checked={c.selected} disabled={conn.mode === "busy"} onChange={(e) => void pick(conn, c.id, e.target.checked)} /> {c.name}
                        {c.primary ? " (main)" : ""}
                      </label>
                    ))}
                  </fieldset>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
