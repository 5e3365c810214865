"use client";
/**
 * "What if…", right under the answer it changes: how late the learner can join (or how early
 * leave) a live session, a buffer around every event, when weekday study stops, and events to
 * ignore (say, a meeting the learner could move). Each change updates the result at once. They
 * are the settings of "Your week" too, so both stay in step.
 */
import type { FitDetails } from "@/lib/fit/json";
import { plural } from "@/lib/words";
import { Field } from "../Field";
import type { SetWhatIf, WhatIf } from "../types";

/** Events listed at once (the busiest; ignored ones come first); the rest are one click away. */
const FIRST_EVENTS = 6;

function EventList({ uid, events, whatIf, setWhatIf }: { uid: string; events: FitDetails["events"]; whatIf: WhatIf; setWhatIf: SetWhatIf }) {
  return (
    <ul className="events">
      {events.map((e) => (
        <li key={e.uid}>
          <input
            type="checkbox"
            id={`${uid}-ig-${e.uid}`}
            checked={whatIf.ignoredUids.includes(e.uid)}
            onChange={(ev) => setWhatIf({ ...whatIf, ignoredUids: ev.target.checked ? [...whatIf.ignoredUids, e.uid] : whatIf.ignoredUids.filter((u) => u !== e.uid) })}
          />
          <label htmlFor={`${uid}-ig-${e.uid}`}>
            {e.summary} <span className="muted">({e.occurrences}×, {e.hours} h in the term)</span>
          </label>
        </li>
      ))}
    </ul>
  );
}

export function WhatIfControls({ uid, events, whatIf, setWhatIf }: { uid: string; events: FitDetails["events"]; whatIf: WhatIf; setWhatIf: SetWhatIf }) {
  /** One buffer on both sides of every event. */
  const ignored = events.filter((e) => whatIf.ignoredUids.includes(e.uid)).length;
  const uneven = whatIf.bufferBeforeMinutes !== whatIf.bufferAfterMinutes;
  const note = `Changes here update the result at once. They are the same settings as in “Your week” above${
    uneven ? `, where the buffer is now ${whatIf.bufferBeforeMinutes} min before and ${whatIf.bufferAfterMinutes} min after each event; a number here sets both` : ""
  }.`;
  const setBoth = (text: string) => {
    const n = Math.min(240, Math.max(0, Math.round(Number(text) || 0)));
    setWhatIf({ ...whatIf, bufferBeforeMinutes: n, bufferAfterMinutes: n });
  };
  return (
    <section aria-labelledby={`${uid}-whatif`} className="whatif">
      <h3 id={`${uid}-whatif`}>What if…</h3>
      <p className="muted">{note}</p>
      <div className="grid2">
        <Field id={`${uid}-late`} label="I can join up to this many minutes late, or leave this early">
          <input
            id={`${uid}-late`}
            type="number"
            min={0}
            max={120}
            step={5}
            value={whatIf.lateJoinMinutes}
            onChange={(e) => setWhatIf({ ...whatIf, lateJoinMinutes: Math.min(120, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
          />
        </Field>
        <Field id={`${uid}-wb`} label="Buffer before and after each event (minutes)">
          <input id={`${uid}-wb`} type="number" min={0} max={240} step={5} value={Math.max(whatIf.bufferBeforeMinutes, whatIf.bufferAfterMinutes)} onChange={(e) => setBoth(e.target.value)} />
        </Field>
        <Field id={`${uid}-wend`} label="Stop studying on weekdays at">
          <input id={`${uid}-wend`} type="time" value={whatIf.weekdayEnd} onChange={(e) => setWhatIf({ ...whatIf, weekdayEnd: e.target.value })} />
        </Field>
      </div>
      {events.length > 0 && (
        <fieldset>
          <legend>Ignore an event (say, a meeting you could move){ignored > 0 ? `: ${ignored} of ${plural(events.length, "event")} ignored` : ""}</legend>
          <EventList uid={uid} events={events.slice(0, FIRST_EVENTS)} whatIf={whatIf} setWhatIf={setWhatIf} />
          {events.length > FIRST_EVENTS && (
            <details className="more-events">
              <summary>{plural(events.length - FIRST_EVENTS, "more event")}</summary>
              <EventList uid={uid} events={events.slice(FIRST_EVENTS)} whatIf={whatIf} setWhatIf={setWhatIf} />
            </details>
          )}
        </fieldset>
      )}
    </section>
  );
}
