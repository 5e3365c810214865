/**
 * Every request the check page sends, built here and nowhere else: the form that reads one
 * calendar as it is added (/api/calendars) and the one that checks (/api/check, and /api/reports to
 * save), with the preferences typed as the API's schema reads them. Posts go through XHR, which
 * reports upload progress (fetch does not).
 */
import type { CalendarItem, PreferencesInput } from "./types";

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** What to tell the learner about a failed answer: the server's own message when it sent one. */
export function errorText(status: number, body: unknown): string {
  const e = (body as ErrorBody | null)?.error;
  if (e?.message) return e.message;
  if (status === 413) return "That is more than one check accepts. Upload fewer or smaller calendars.";
  return `The server answered ${status}. Please try again.`;
}

/** POST with upload progress (fetch has none): resolves with status and parsed JSON or a Blob. */
export function post(url: string, body: FormData, onProgress?: (sent: number, total: number) => void, asBlob = false): Promise<{ status: number; json: unknown; blob?: Blob }> {
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

function appendCalendar(form: FormData, item: CalendarItem): void {
  if (item.file) form.append("calendar", item.file, item.file.name);
  if (item.url) form.append("url", item.url);
}

/** The /api/calendars form: one calendar, read in the learner's zone. */
export function calendarForm(item: CalendarItem, preferences: PreferencesInput): FormData {
  const form = new FormData();
  appendCalendar(form, item);
  form.append("preferences", JSON.stringify(preferences));
  return form;
}

/** What a check sends (docs/web.md, `POST /api/check`). */
export interface CheckRequest {
  /** The usable calendars (those the server could read). */
  calendars: readonly CalendarItem[];
  connectionIds: readonly string[];
  courses: Iterable<string>;
  sections: Iterable<string>;
  together: boolean;
  preferences: PreferencesInput;
  /** More fields: `output` and `planSection` for the study plan, `title` and `includeTitles` to save. */
  extra?: Record<string, string>;
}

/** The /api/check (and /api/reports) form, always with `details` (what the results draw). */
export function checkForm(request: CheckRequest): FormData {
  const form = new FormData();
  for (const item of request.calendars) appendCalendar(form, item);
  for (const id of request.connectionIds) form.append("connection", id);
  for (const c of request.courses) form.append("course", c);
  for (const s of request.sections) form.append("section", s);
  if (request.together) form.append("together", "true");
  form.append("details", "true");
  form.append("preferences", JSON.stringify(request.preferences));
  for (const [k, v] of Object.entries(request.extra ?? {})) form.append(k, v);
  return form;
}

/** Saves the check as a report and opens it; resolves with the error to show, or null. */
export async function saveReport(form: FormData): Promise<string | null> {
  try {
    const { status: code, json } = await post("/api/reports", form);
    if (code >= 400) return errorText(code, json);
    window.location.assign((json as { url: string }).url);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Asks for a study plan (`output=study-plan`) and downloads it; resolves with the error to show, or null. */
export async function downloadStudyPlan(form: FormData, fileName: string): Promise<string | null> {
  try {
    const { status: code, json, blob } = await post("/api/check", form, undefined, true);
    if (code >= 400 || !blob) return errorText(code, json);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
