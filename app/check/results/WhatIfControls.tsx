"use client";
/**
 * "What if…": how late the learner can join (or how early leave) a live session, a buffer around
 * every event, when weekday study stops, and events to ignore (say, a meeting the learner could
 * move). Each change updates the result at once.
 */
import type { FitDetails } from "@/lib/fit/json";
import { Field } from "../Field";
import type { SetWhatIf, WhatIf } from "../types";

export function WhatIfControls({ uid, events, whatIf, setWhatIf }: { uid: string; events: FitDetails["events"]; whatIf: WhatIf; setWhatIf: SetWhatIf }) {
  /** One buffer on both sides of every event. */
  const setBoth = (text: string) => {
    const n = Math.min(240, Math.max(0, Math.round(Number(text) || 0)));
    setWhatIf({ ...whatIf, bufferBeforeMinutes: n, bufferAfterMinutes: n });
  };
  return (
    <section aria-labelledby={`${uid}-whatif`} className="whatif">
      <h3 id={`${uid}-whatif`}>What if…</h3>
      <p className="muted">Changes here update the result at once.</p>
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
          <input id={`${uid}-wb`} type="number" min={0} max={240} step={5} value={whatIf.bufferAfterMinutes} onChange={(e) => setBoth(e.target.value)} />
        </Field>
        <Field id={`${uid}-wend`} label="Stop studying on weekdays at">
          <input id={`${uid}-wend`} type="time" value={whatIf.weekdayEnd} onChange={(e) => setWhatIf({ ...whatIf, weekdayEnd: e.target.value })} />
        </Field>
      </div>
      {events.length > 0 && (
        <fieldset>
          <legend>Ignore an event (say, a meeting you could move)</legend>
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
        </fieldset>
      )}
    </section>
  );
}
