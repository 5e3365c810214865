"use client";
/**
 * Step 1, your calendars: .ics files (picked or dropped, several at once), .ics addresses, and
 * Google / Outlook accounts connected through OAuth. Each file or address is listed as the server
 * reads it.
 */
import { useState } from "react";
import { ConnectedCalendars, type ConnectOptions } from "../ConnectedCalendars";
import { isUsable, type Calendars as CalendarsState } from "../useCalendars";
import { SourceLine } from "./SourceLine";

export function Calendars({ uid, calendars, connect }: { uid: string; calendars: CalendarsState; connect: ConnectOptions }) {
  const [urlText, setUrlText] = useState("");
  const [dragging, setDragging] = useState(false);
  const { items, addFiles, remove } = calendars;

  const addUrl = () => {
    const url = urlText.trim();
    if (!url) return;
    calendars.addUrl(url);
    setUrlText("");
  };

  return (
    <fieldset className="step">
      <legend>1. Your calendars</legend>
      <div
        className={`dropzone${dragging ? " dragging" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (e.dataTransfer.files.length > 0) addFiles(e.dataTransfer.files);
        }}
      >
        <label htmlFor={`${uid}-files`}>Pick or drop .ics files (several at once is fine)</label>
        <input
          id={`${uid}-files`}
          type="file"
          multiple
          accept=".ics,text/calendar"
          onChange={(e) => {
            if (e.target.files) addFiles(e.target.files);
            e.target.value = "";
          }}
        />
        <p className="muted small">Google Calendar: Settings → Import &amp; export → Export. Outlook: File → Save Calendar. Apple Calendar: File → Export.</p>
      </div>
      <div className="url-row">
        <label htmlFor={`${uid}-url`}>…or a calendar&apos;s .ics address (https:// or webcal://)</label>
        <div className="inline">
          <input
            id={`${uid}-url`}
            type="url"
            inputMode="url"
            placeholder="https://calendar.example.com/private/basic.ics"
            value={urlText}
            onChange={(e) => setUrlText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                addUrl();
              }
            }}
          />
          <button type="button" onClick={addUrl}>
            Add address
          </button>
        </div>
      </div>
      {items.length > 0 && (
        <ul className="calendars" aria-label="Calendars added" aria-live="polite">
          {items.map((it) => (
            <li key={it.key} className={isUsable(it) ? "" : "bad"}>
              <div className="cal-head">
                <strong>{it.label}</strong>
                <button type="button" className="small" onClick={() => remove(it.key)} aria-label={`Remove ${it.label}`}>
                  Remove
                </button>
              </div>
              {it.reading && <span>Reading…</span>}
              {it.error && <p className="error">{it.error}</p>}
              {it.summary && <SourceLine summary={it.summary} />}
            </li>
          ))}
        </ul>
      )}
      <ConnectedCalendars options={connect} onChange={calendars.setConnectionIds} />
    </fieldset>
  );
}
