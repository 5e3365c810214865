"use client";
/** One connected account: whether it counts, disconnect, and its calendars that count (or why it needs reconnecting). */
import { ConnectButton } from "./ConnectButton";
import { PROVIDER_NAME, type ConnectionRow } from "./types";

interface Props {
  conn: ConnectionRow;
  used: boolean;
  csrf: string | null;
  onUse: (on: boolean) => void;
  onPick: (calendarId: string, on: boolean) => void;
  onDisconnect: () => void;
}

export function ConnectionItem({ conn, used, csrf, onUse, onPick, onDisconnect }: Props) {
  const title = `${PROVIDER_NAME[conn.provider]}${conn.mode === "busy" ? " (busy times only)" : ""}${conn.accountEmail ? ` — ${conn.accountEmail}` : ""}`;
  return (
    <li className={conn.status === "reconnect" || conn.error ? "bad" : ""}>
      <div className="cal-head">
        <label>
          <input type="checkbox" checked={used} disabled={conn.status === "reconnect"} onChange={(e) => onUse(e.target.checked)} /> <strong>{title}</strong>
        </label>
        <button type="button" className="small" onClick={onDisconnect} aria-label={`Disconnect ${title}`}>
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
              <input type="checkbox" checked={c.selected} disabled={conn.mode === "busy"} onChange={(e) => onPick(c.id, e.target.checked)} /> {c.name}
              {c.primary ? " (main)" : ""}
            </label>
          ))}
        </fieldset>
      )}
    </li>
  );
}
