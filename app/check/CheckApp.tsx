"use client";
/**
 * The check page's form: calendars (files by picking or dropping, URLs), what to check, and
 * preferences. Each calendar is read by the server as it is added (event count, dates, problems);
 * the check itself posts everything to /api/check. After a result, what-if changes (ignore an
 * event, a buffer, a study window) send the check again at once with the same calendars.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { CheckResponse, SourceSummary } from "@/lib/check/run";
import { Results } from "./Results";
import { ConnectedCalendars, type ConnectOptions } from "./ConnectedCalendars";
import { plural } from "@/lib/words";

export interface CourseOption {
  id: string;
  title: string;
  sections: { id: string; format: string; schedule: string }[];
}

interface Defaults {
  studyStart: string;
  studyEnd: string;
  minBlockMinutes: number;
  dailyCapHours: number;
}

interface CalendarItem {
  key: string;
  kind: "file" | "url";
  label: string;
  file?: File;
  url?: string;
  summary?: SourceSummary;
  error?: string;
  reading: boolean;
}

export interface WhatIf {
  ignoredUids: string[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  weekdayStart: string;
  weekdayEnd: string;
  weekendStart: string;
  weekendEnd: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

function errorText(status: number, body: unknown): string {
  const e = (body as ErrorBody | null)?.error;
  if (e?.message) return e.message;
  if (status === 413) return "That is more than one check accepts. Upload fewer or smaller calendars.";
  return `The server answered ${status}. Please try again.`;
}

/** POST with upload progress (fetch has none): resolves with status and parsed JSON or a Blob. */
function post(url: string, body: FormData, onProgress?: (sent: number, total: number) => void, asBlob = false): Promise<{ status: number; json: unknown; blob?: Blob }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = asBlob ? "blob" : "text";
    if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      if (asBlob && xhr.status < 400) return resolve({ status: xhr.status, json: null, blob: xhr.response as Blob });
      const read = async () => (asBlob ? await (xhr.response as Blob).text() : (xhr.responseText as string));
      void read().then((text) => {
        let json: unknown = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: xhr.status, json });
      });
    };
    xhr.onerror = () => reject(new Error("The connection to the server failed. Check your connection and try again."));
    xhr.ontimeout = () => reject(new Error("The server took too long to answer."));
    xhr.send(body);
  });
}

const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];

function bytesText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
}

export function CheckApp({
  courses,
  initialCourses,
  initialSections,
  defaults,
  connect,
}: {
  courses: CourseOption[];
  initialCourses: string[];
  initialSections: string[];
  defaults: Defaults;
  connect: ConnectOptions;
}) {
  const uid = useId();
  const [items, setItems] = useState<CalendarItem[]>([]);
  const [urlText, setUrlText] = useState("");
  const [connectionIds, setConnectionIds] = useState<string[]>([]);
  // After a new result, focus moves to it (once React has rendered it: an effect, not a frame).
  const [focusResults, setFocusResults] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [chosenCourses, setChosenCourses] = useState<Set<string>>(() => new Set(initialCourses.length === 0 && initialSections.length === 0 ? [] : initialCourses));
  const [chosenSections, setChosenSections] = useState<Set<string>>(() => new Set(initialSections));
  const [timeZone, setTimeZone] = useState("UTC");
  const [zones, setZones] = useState<string[]>(["UTC"]);
  const [tentativeIsBusy, setTentativeIsBusy] = useState(true);
  const [allDay, setAllDay] = useState<"follow-transparency" | "busy" | "free">("follow-transparency");
  const [emails, setEmails] = useState("");
  const [minBlock, setMinBlock] = useState(defaults.minBlockMinutes);
  const [dailyCap, setDailyCap] = useState(defaults.dailyCapHours);
  const [together, setTogether] = useState(false);
  const [whatIf, setWhatIf] = useState<WhatIf>({
    ignoredUids: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    weekdayStart: defaults.studyStart,
    weekdayEnd: defaults.studyEnd,
    weekendStart: defaults.studyStart,
    weekendEnd: defaults.studyEnd,
  });
  const [result, setResult] = useState<CheckResponse | null>(null);
  const [status, setStatus] = useState<"idle" | "running" | "updating">("idle");
  const [progress, setProgress] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  const counter = useRef(0);
  const lastRun = useRef(0);

  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    setTimeZone(tz);
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    setZones([...new Set(["UTC", tz, ...all])].sort());
  }, []);

  const inspect = useCallback(
    async (item: CalendarItem) => {
      const form = new FormData();
      if (item.file) form.append("calendar", item.file, item.file.name);
      if (item.url) form.append("url", item.url);
      form.append("preferences", JSON.stringify({ timeZone }));
      try {
        const { status: code, json } = await post("/api/calendars", form);
        const summary = code < 400 ? (json as { sources: SourceSummary[] }).sources[0] : undefined;
        setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, reading: false, ...(summary ? { summary } : { error: errorText(code, json) }) } : x)));
      } catch (e) {
        setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, reading: false, error: (e as Error).message } : x)));
      }
    },
    [timeZone],
  );

  const addFiles = (files: FileList | File[]) => {
    const added: CalendarItem[] = [...files].map((file) => ({ key: `f${++counter.current}`, kind: "file", label: file.name, file, reading: true }));
    setItems((xs) => [...xs, ...added]);
    for (const item of added) void inspect(item);
  };

  const addUrl = () => {
    const url = urlText.trim();
    if (!url) return;
    const item: CalendarItem = { key: `u${++counter.current}`, kind: "url", label: url, url, reading: true };
    setItems((xs) => [...xs, item]);
    setUrlText("");
    void inspect(item);
  };

  const formFor = useCallback(
    (w: WhatIf, extra: Record<string, string> = {}) => {
      const form = new FormData();
      for (const it of items) {
        if (it.error || (it.summary && !it.summary.ok)) continue;
        if (it.file) form.append("calendar", it.file, it.file.name);
        if (it.url) form.append("url", it.url);
      }
      for (const id of connectionIds) form.append("connection", id);
      for (const c of chosenCourses) form.append("course", c);
      for (const s of chosenSections) form.append("section", s);
      if (together) form.append("together", "true");
      form.append("details", "true");
      form.append(
        "preferences",
        JSON.stringify({
          timeZone,
          tentativeIsBusy,
          allDay,
          ownerEmails: emails
            .split(/[\s,;]+/)
            .map((e) => e.trim())
            .filter((e) => e.includes("@")),
          minBlockMinutes: minBlock,
          dailyCapHours: dailyCap,
          bufferBeforeMinutes: w.bufferBeforeMinutes,
          bufferAfterMinutes: w.bufferAfterMinutes,
          ignoredUids: w.ignoredUids,
          studyWindows: [
            { days: WEEKDAYS, start: w.weekdayStart, end: w.weekdayEnd },
            { days: WEEKEND, start: w.weekendStart, end: w.weekendEnd },
          ],
        }),
      );
      for (const [k, v] of Object.entries(extra)) form.append(k, v);
      return form;
    },
    [items, connectionIds, chosenCourses, chosenSections, together, timeZone, tentativeIsBusy, allDay, emails, minBlock, dailyCap],
  );

  const run = useCallback(
    async (w: WhatIf, mode: "running" | "updating") => {
      const ticket = ++lastRun.current;
      setStatus(mode);
      setError(null);
      setProgress(mode === "running" ? "Sending your calendars…" : "Updating the result…");
      try {
        const { status: code, json } = await post("/api/check", formFor(w), (sent, total) => {
          if (mode === "running") setProgress(total > 0 && sent < total ? `Sending your calendars… ${Math.round((sent / total) * 100)}%` : "Checking every session and deadline…");
        });
        if (ticket !== lastRun.current) return;
        if (code >= 400) {
          setError(errorText(code, json));
          setStatus("idle");
          return;
        }
        setResult(json as CheckResponse);
        setStatus("idle");
        setProgress("");
        if (mode === "running") setFocusResults(true);
      } catch (e) {
        if (ticket !== lastRun.current) return;
        setError((e as Error).message);
        setStatus("idle");
      }
    },
    [formFor],
  );

  useEffect(() => {
    if (!focusResults || !result) return;
    resultsRef.current?.focus();
    setFocusResults(false);
  }, [focusResults, result]);

  // What-if: a change after a result re-runs the check (debounced) with the same calendars.
  const firstWhatIf = useRef(true);
  useEffect(() => {
    if (firstWhatIf.current) {
      firstWhatIf.current = false;
      return;
    }
    if (!result) return;
    const t = setTimeout(() => void run(whatIf, "updating"), 350);
    return () => clearTimeout(t);
  }, [whatIf]);

  const saveReport = async (title: string, includeTitles: boolean): Promise<string | null> => {
    const extra: Record<string, string> = { title };
    if (includeTitles) extra.includeTitles = "true";
    try {
      const { status: code, json } = await post("/api/reports", formFor(whatIf, extra));
      if (code >= 400) return errorText(code, json);
      window.location.assign((json as { url: string }).url);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };

  const downloadPlan = async (sectionId?: string) => {
    const extra: Record<string, string> = { output: "study-plan" };
    if (sectionId) extra.planSection = sectionId;
    try {
      const { status: code, json, blob } = await post("/api/check", formFor(whatIf, extra), undefined, true);
      if (code >= 400 || !blob) {
        setError(errorText(code, json));
        return;
      }
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `study-plan${sectionId ? `-${sectionId}` : ""}.ics`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const usable = items.filter((i) => !i.error && !(i.summary && !i.summary.ok));
  const nothingChosen = chosenCourses.size === 0 && chosenSections.size === 0;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (usable.length === 0 && connectionIds.length === 0) {
      setError("Add at least one calendar first: pick or drop an .ics file, or paste a calendar address.");
      return;
    }
    if (nothingChosen) {
      setError("Choose at least one course (to compare its formats) or one section.");
      return;
    }
    void run(whatIf, "running");
  };

  const toggle = (set: Set<string>, id: string, update: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    update(next);
  };

  return (
    <>
      <form onSubmit={submit} aria-describedby="privacy" noValidate>
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
                <li key={it.key} className={it.error || (it.summary && !it.summary.ok) ? "bad" : ""}>
                  <div className="cal-head">
                    <strong>{it.label}</strong>
                    <button type="button" className="small" onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))} aria-label={`Remove ${it.label}`}>
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
          <ConnectedCalendars options={connect} onChange={setConnectionIds} />
        </fieldset>

        <fieldset className="step">
          <legend>2. What to check</legend>
          <p className="muted">Choose a course to compare all its formats, or open a course to pick single sections.</p>
          <div className="course-picks">
            {courses.map((c) => (
              <div key={c.id} className="course-pick">
                <input type="checkbox" id={`${uid}-c-${c.id}`} checked={chosenCourses.has(c.id)} onChange={() => toggle(chosenCourses, c.id, setChosenCourses)} />
                <label htmlFor={`${uid}-c-${c.id}`}>
                  {c.id} {c.title} <span className="muted">({c.sections.map((s) => s.format).join(", ")})</span>
                </label>
                <details open={c.sections.some((s) => chosenSections.has(s.id))}>
                  <summary>Sections of {c.id}</summary>
                  <ul>
                    {c.sections.map((s) => (
                      <li key={s.id}>
                        <input type="checkbox" id={`${uid}-s-${s.id}`} checked={chosenCourses.has(c.id) || chosenSections.has(s.id)} disabled={chosenCourses.has(c.id)} onChange={() => toggle(chosenSections, s.id, setChosenSections)} />
                        <label htmlFor={`${uid}-s-${s.id}`}>
                          {s.id} <span className={`badge ${s.format}`}>{s.format}</span> {s.schedule}
                        </label>
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="small" onClick={() => setChosenCourses(new Set(courses.map((c) => c.id)))}>
              Choose every course
            </button>
            <button
              type="button"
              className="small"
              onClick={() => {
                setChosenCourses(new Set());
                setChosenSections(new Set());
              }}
            >
              Clear
            </button>
          </div>
          <div className="check-row">
            <input type="checkbox" id={`${uid}-together`} checked={together} onChange={(e) => setTogether(e.target.checked)} />
            <label htmlFor={`${uid}-together`}>Also judge the chosen sections together, as one term&apos;s plan (clashes between them, combined weekly load)</label>
          </div>
        </fieldset>

        <fieldset className="step">
          <legend>3. Your week</legend>
          <div className="grid2">
            <div className="field">
              <label htmlFor={`${uid}-tz`}>Your time zone</label>
              <select id={`${uid}-tz`} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
                {zones.map((z) => (
                  <option key={z} value={z}>
                    {z.replace(/_/g, " ")}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-allday`}>All-day events</label>
              <select id={`${uid}-allday`} value={allDay} onChange={(e) => setAllDay(e.target.value as typeof allDay)}>
                <option value="follow-transparency">As the calendar marks them (holidays free, vacations busy)</option>
                <option value="busy">Always busy</option>
                <option value="free">Always free</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${uid}-ws`}>Study on weekdays from</label>
              <input id={`${uid}-ws`} type="time" value={whatIf.weekdayStart} onChange={(e) => setWhatIf({ ...whatIf, weekdayStart: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-we`}>until</label>
              <input id={`${uid}-we`} type="time" value={whatIf.weekdayEnd} onChange={(e) => setWhatIf({ ...whatIf, weekdayEnd: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-ss`}>Study on weekends from</label>
              <input id={`${uid}-ss`} type="time" value={whatIf.weekendStart} onChange={(e) => setWhatIf({ ...whatIf, weekendStart: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-se`}>until</label>
              <input id={`${uid}-se`} type="time" value={whatIf.weekendEnd} onChange={(e) => setWhatIf({ ...whatIf, weekendEnd: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-bb`}>Buffer before each event (minutes)</label>
              <input id={`${uid}-bb`} type="number" min={0} max={240} step={5} value={whatIf.bufferBeforeMinutes} onChange={(e) => setWhatIf({ ...whatIf, bufferBeforeMinutes: clampInt(e.target.value, 0, 240) })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-ba`}>Buffer after each event (minutes)</label>
              <input id={`${uid}-ba`} type="number" min={0} max={240} step={5} value={whatIf.bufferAfterMinutes} onChange={(e) => setWhatIf({ ...whatIf, bufferAfterMinutes: clampInt(e.target.value, 0, 240) })} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-mb`}>Shortest useful study block (minutes)</label>
              <input id={`${uid}-mb`} type="number" min={5} max={240} step={5} value={minBlock} onChange={(e) => setMinBlock(clampInt(e.target.value, 5, 240))} />
            </div>
            <div className="field">
              <label htmlFor={`${uid}-cap`}>Most study hours in one day</label>
              <input id={`${uid}-cap`} type="number" min={1} max={24} step={0.5} value={dailyCap} onChange={(e) => setDailyCap(Math.min(24, Math.max(0.5, Number(e.target.value) || 0.5)))} />
            </div>
          </div>
          <div className="check-row">
            <input type="checkbox" id={`${uid}-tent`} checked={tentativeIsBusy} onChange={(e) => setTentativeIsBusy(e.target.checked)} />
            <label htmlFor={`${uid}-tent`}>Count tentative events as busy</label>
          </div>
          <div className="field">
            <label htmlFor={`${uid}-emails`}>Your email addresses (so invitations you declined do not count)</label>
            <input id={`${uid}-emails`} type="text" inputMode="email" autoComplete="email" placeholder="you@work.example, you@home.example" value={emails} onChange={(e) => setEmails(e.target.value)} />
          </div>
        </fieldset>

        <div className="actions">
          <button type="submit" className="primary" disabled={status === "running"}>
            {status === "running" ? "Checking…" : "Check which formats fit"}
          </button>
        </div>
        <div role="status" aria-live="polite" className="progress-line">
          {status !== "idle" && (
            <>
              <progress aria-label="Checking" /> {progress}
            </>
          )}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && (
        <div ref={resultsRef} tabIndex={-1} className="results" aria-busy={status === "updating"}>
          <Results result={result} whatIf={whatIf} setWhatIf={setWhatIf} onDownloadPlan={downloadPlan} onSave={saveReport} updating={status === "updating"} />
        </div>
      )}
    </>
  );
}

function clampInt(text: string, min: number, max: number): number {
  const n = Math.round(Number(text));
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

function SourceLine({ summary }: { summary: SourceSummary }) {
  const s = summary;
  return (
    <div>
      {s.ok ? (
        <p>
          {s.calendarName ? `“${s.calendarName}”: ` : ""}
          {plural(s.eventCount, "event")}
          {s.recurringCount > 0 ? ` (${s.recurringCount.toLocaleString("en")} recurring)` : ""}
          {s.firstDate && s.lastDate ? `, starting ${s.firstDate} to ${s.lastDate}${s.recurringCount > 0 ? " (recurring events run on)" : ""}` : ""}, {bytesText(s.bytes)}
        </p>
      ) : (
        <p className="error">This calendar cannot be used:</p>
      )}
      {s.issues.length > 0 && (
        <details open={!s.ok}>
          <summary>
            {plural(s.issueCount, "problem")} {s.ok ? "(the rest of the calendar is used)" : ""}
          </summary>
          <ul className="issues">
            {s.issues.map((i, k) => (
              <li key={k}>
                {i.line !== undefined ? <strong>Line {i.line}: </strong> : null}
                {i.message}
              </li>
            ))}
            {s.issueCount > s.issues.length && <li>… and {s.issueCount - s.issues.length} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
