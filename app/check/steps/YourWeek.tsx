"use client";
/**
 * Step 3, your week, folded behind its summary (the zone the browser reported, study and sleep
 * hours): the defaults suit most learners, and a keyboard user passes the step in one Tab. Inside: time zone, how all-day and tentative events count, study hours, buffers
 * around events, the study plan's distance from commitments, the shortest useful study block, the
 * most study hours in a day, the hours the learner sleeps (a live section mostly in them does not
 * fit unless they will watch recordings), and the learner's addresses (so invitations they
 * declined do not count).
 */
import { Field } from "../Field";
import type { Week } from "../useCheckForm";
import type { FormPreferences, SetWhatIf, WhatIf } from "../types";

/** The study-hours fields: id suffix, label, and the what-if setting each one holds. */
const STUDY_HOURS = [
  ["ws", "Study on weekdays from", "weekdayStart"],
  ["we", "until", "weekdayEnd"],
  ["ss", "Study on weekends from", "weekendStart"],
  ["se", "until", "weekendEnd"],
] as const;

const BUFFERS = [
  ["bb", "Buffer before each event (minutes)", "bufferBeforeMinutes"],
  ["ba", "Buffer after each event (minutes)", "bufferAfterMinutes"],
] as const;

function clampInt(text: string, min: number, max: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

/** The summary line: the zone (said when it is the browser's), study hours, sleep hours, and buffers when set. */
function weekSummary(p: FormPreferences, w: WhatIf, detectedZone: string | undefined): string {
  const zone = `${p.timeZone.replace(/_/g, " ")}${p.timeZone === detectedZone ? " (from your browser)" : ""}`;
  const weekend = w.weekendStart !== w.weekdayStart || w.weekendEnd !== w.weekdayEnd ? `, weekends ${w.weekendStart}–${w.weekendEnd}` : "";
  const study = `study ${w.weekdayStart}–${w.weekdayEnd}${weekend}`;
  const sleep = `sleep ${p.sleepHours.start}–${p.sleepHours.end}`;
  const buffers = w.bufferBeforeMinutes > 0 || w.bufferAfterMinutes > 0 ? `, buffers ${w.bufferBeforeMinutes}/${w.bufferAfterMinutes} min before/after events` : "";
  return `${zone}, ${study}, ${sleep}${buffers}`;
}

export function YourWeek({ uid, week, whatIf, setWhatIf }: { uid: string; week: Week; whatIf: WhatIf; setWhatIf: SetWhatIf }) {
  const { preferences: p, setPreferences } = week;
  return (
    <details className="step week">
      <summary>
        <span className="step-title">3. Your week:</span> {weekSummary(p, whatIf, week.detectedZone)}
        <span className="to-change">
          {" "}
          — <span className="change">change</span>
        </span>
      </summary>
      <fieldset className="week-fields">
      <legend className="sr-only">Your week</legend>
      <div className="grid2">
        <Field id={`${uid}-tz`} label="Your time zone">
          <select id={`${uid}-tz`} value={p.timeZone} onChange={(e) => setPreferences({ timeZone: e.target.value })}>
            {week.zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-allday`} label="All-day events">
          <select id={`${uid}-allday`} value={p.allDay} onChange={(e) => setPreferences({ allDay: e.target.value as FormPreferences["allDay"] })}>
            <option value="follow-transparency">As the calendar marks them (holidays free, vacations busy)</option>
            <option value="busy">Always busy</option>
            <option value="free">Always free</option>
          </select>
        </Field>
        {STUDY_HOURS.map(([id, label, key]) => (
          <Field key={id} id={`${uid}-${id}`} label={label}>
            <input id={`${uid}-${id}`} type="time" value={whatIf[key]} onChange={(e) => setWhatIf({ ...whatIf, [key]: e.target.value })} />
          </Field>
        ))}
        {BUFFERS.map(([id, label, key]) => (
          <Field key={id} id={`${uid}-${id}`} label={label}>
            <input id={`${uid}-${id}`} type="number" min={0} max={240} step={5} value={whatIf[key]} onChange={(e) => setWhatIf({ ...whatIf, [key]: clampInt(e.target.value, 0, 240) })} />
          </Field>
        ))}
        <Field id={`${uid}-sb`} label="Keep study this far from work and other commitments (minutes)">
          <input id={`${uid}-sb`} type="number" min={0} max={240} step={5} value={p.studyBufferMinutes} onChange={(e) => setPreferences({ studyBufferMinutes: clampInt(e.target.value, 0, 240) })} />
        </Field>
        <Field id={`${uid}-sls`} label="I sleep from">
          <input id={`${uid}-sls`} type="time" value={p.sleepHours.start} onChange={(e) => e.target.value && setPreferences({ sleepHours: { ...p.sleepHours, start: e.target.value } })} />
        </Field>
        <Field id={`${uid}-sle`} label="and wake at">
          <input id={`${uid}-sle`} type="time" value={p.sleepHours.end} onChange={(e) => e.target.value && setPreferences({ sleepHours: { ...p.sleepHours, end: e.target.value } })} />
        </Field>
        <Field id={`${uid}-mb`} label="Shortest useful study block (minutes)">
          <input id={`${uid}-mb`} type="number" min={5} max={240} step={5} value={p.minBlockMinutes} onChange={(e) => setPreferences({ minBlockMinutes: clampInt(e.target.value, 5, 240) })} />
        </Field>
        <Field id={`${uid}-cap`} label="Most study hours in one day">
          <input
            id={`${uid}-cap`}
            type="number"
            min={1}
            max={24}
            step={0.5}
            value={p.dailyCapHours}
            onChange={(e) => setPreferences({ dailyCapHours: Math.min(24, Math.max(0.5, Number(e.target.value) || 0.5)) })}
          />
        </Field>
      </div>
      <div className="check-row">
        <input type="checkbox" id={`${uid}-tent`} checked={p.tentativeIsBusy} onChange={(e) => setPreferences({ tentativeIsBusy: e.target.checked })} />
        <label htmlFor={`${uid}-tent`}>Count tentative events as busy</label>
      </div>
      <div className="check-row">
        <input type="checkbox" id={`${uid}-watch`} checked={p.watchRecordings} onChange={(e) => setPreferences({ watchRecordings: e.target.checked })} />
        <label htmlFor={`${uid}-watch`}>For live sessions in my sleep hours, I would watch the recordings instead</label>
      </div>
      <Field id={`${uid}-emails`} label="Your email addresses (so invitations you declined do not count)">
        <input id={`${uid}-emails`} type="text" inputMode="email" autoComplete="email" placeholder="you@work.example, you@home.example" value={week.emails} onChange={(e) => week.setEmails(e.target.value)} />
      </Field>
      </fieldset>
    </details>
  );
}
