"use client";
/**
 * Google / Outlook calendars connected through OAuth: what FormatFit will ask for (said before the
 * consent screen), the connect buttons (next-auth sign-in with the calendar scopes), and for each
 * connection the calendars that count, a reconnect prompt when the provider refused, and
 * disconnect. Tokens never reach this page: it sees connection ids and calendar names only. When
 * the server has neither provider configured, one line says so.
 */
import { useId } from "react";
import { ConnectButton } from "./connect/ConnectButton";
import { ConnectionItem } from "./connect/ConnectionItem";
import { useConnections } from "./connect/useConnections";

export interface ConnectOptions {
  google: boolean;
  microsoft: boolean;
  signedIn: boolean;
}

export function ConnectedCalendars({ options, onChange }: { options: ConnectOptions; onChange: (connectionIds: string[]) => void }) {
  const uid = useId();
  const { csrf, rows, used, message, loading, use, pick, disconnect } = useConnections(options.signedIn, onChange);

  // Neither provider configured (README, "Connecting Google Calendar and Outlook"): say so in one line, not silence.
  if (!options.google && !options.microsoft) {
    return <p className="muted small connect-off">Connecting Google or Outlook is not set up on this server; upload an .ics file or paste its address instead.</p>;
  }
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
          {rows.map((conn) => (
            <ConnectionItem
              key={conn.id}
              conn={conn}
              used={used.has(conn.id)}
              csrf={csrf}
              onUse={(on) => use(conn.id, on)}
              onPick={(calendarId, on) => void pick(conn, calendarId, on)}
              onDisconnect={() => void disconnect(conn)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
