/**
 * `POST /api/check`'s request: a multipart form with `.ics` files and/or calendar URLs, preferences,
 * and the sections or courses to check. Reads the body under a byte limit (a client that sends no
 * Content-Length is counted as it streams) and validates every field, naming the one that is wrong.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { fitPreferencesSchema, type FitPreferences } from "../fit/preferences";
import { formatBytes } from "../words";

export interface CheckLimits {
  /** Largest single calendar, uploaded or fetched (default 10 MB). */
  readonly maxFileBytes: number;
  /** Largest request body (default 25 MB). */
  readonly maxRequestBytes: number;
  /** Most calendars in one check, files and URLs together (default 10). */
  readonly maxCalendars: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { maxFileBytes: 10 * 1024 * 1024, maxRequestBytes: 25 * 1024 * 1024, maxCalendars: 10 };

export interface CheckForm {
  readonly files: { name: string; bytes: Uint8Array }[];
  readonly urls: string[];
  /** Connected Google / Microsoft calendars (connection ids, lib/connections) to read for this check. */
  readonly connections: string[];
  readonly preferences: FitPreferences;
  readonly sectionIds: string[];
  readonly courseIds: string[];
  readonly together: boolean;
  /** For a plan (POST /api/plan): sections every plan must hold, and sections to leave out. */
  readonly require: string[];
  readonly exclude: string[];
  /** Include the page's details (sessions, weeks, heat map, events) in the answer. */
  readonly details: boolean;
  /** `json` (default) or the study plan as `.ics`. */
  readonly output: "json" | "study-plan";
  /** With `output=study-plan`: one section's plan. */
  readonly planSection?: string;
  /** When the check is saved as a report: its title, and whether event titles go in. */
  readonly title?: string;
  readonly includeTitles: boolean;
  /** When saved: the name the learner shows advisors and link holders (`learnerName`), as typed. */
  readonly learnerName?: string;
}

/** The 413 for a calendar file over the per-file limit. */
function fileTooLarge(name: string, size: number, maxFileBytes: number): AppError {
  return new AppError("FILE_TOO_LARGE", `${name || "A calendar file"} is ${formatBytes(size)}; the limit per calendar is ${formatBytes(maxFileBytes)}. Export a shorter date range (this term is enough).`, {
    where: name,
    detail: { limitBytes: maxFileBytes },
  });
}

/**
 * Refuses a multipart body holding a file over `maxFileBytes` before the form is parsed: the
 * parts' sizes come from a native search for the boundary, where parsing the whole form (to
 * refuse it afterwards) held the request thread for about 0.1 s per 10 MB upload. Anything this
 * glance cannot read is left to the form parser, which validates it properly.
 */
function refuseOversizeFile(body: Uint8Array, contentType: string, maxFileBytes: number): void {
  if (body.length <= maxFileBytes) return;
  const boundary = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) return;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.length);
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`, "latin1");
  // The body starts with the delimiter without its CR LF.
  let at = bytes.indexOf(delimiter.subarray(2));
  while (at >= 0) {
    const headersEnd = bytes.indexOf("\r\n\r\n", at, "latin1");
    if (headersEnd < 0) return;
    const next = bytes.indexOf(delimiter, headersEnd);
    const end = next < 0 ? bytes.length : next;
    const headers = bytes.toString("utf8", at, Math.min(headersEnd, at + 4096));
    const filename = /filename="([^"]*)"/i.exec(headers);
    // Browsers and undici write a quote in a file name as %22 (and CR, LF as %0D, %0A).
    const name = (filename?.[1] ?? "").replace(/%22/g, '"').replace(/%0D/gi, "\r").replace(/%0A/gi, "\n");
    if (filename && end - (headersEnd + 4) > maxFileBytes) throw fileTooLarge(name, end - (headersEnd + 4), maxFileBytes);
    at = next < 0 ? -1 : next + 2;
  }
}

/**
 * Reads a request body, refusing it past `maxBytes` with a 413 that names the limit, whether or not
 * the client declared a Content-Length.
 *
 * @example
 * const bytes = await readBodyLimited(request, DEFAULT_CHECK_LIMITS.maxRequestBytes);
 */
export async function readBodyLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = (size?: number) =>
    new AppError("REQUEST_TOO_LARGE", `The request is ${size !== undefined ? formatBytes(size) : "larger than the limit"}; the limit for one check is ${formatBytes(maxBytes)}. Upload fewer or smaller calendars (export only this year).`, {
      detail: { limitBytes: maxBytes },
    });
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(declared);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

const truthy = (v: FormDataEntryValue | null): boolean => typeof v === "string" && /^(1|true|on|yes)$/i.test(v.trim());

const idList = z.array(z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, { message: "ids are letters, digits, '.', '_' and '-'" })).max(200);

/**
 * Validates the multipart form of a check. Throws {@link AppError} naming the field.
 *
 * @example
 * const form = await parseCheckForm(request, DEFAULT_CHECK_LIMITS);
 * form.files.length; form.preferences.timeZone; form.sectionIds
 */
export async function parseCheckForm(request: Request, limits: CheckLimits = DEFAULT_CHECK_LIMITS): Promise<CheckForm> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type) && !/^application\/x-www-form-urlencoded/i.test(type)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Send the check as multipart/form-data (calendar files in "calendar", URLs in "url"); got ${type || "no Content-Type"}.`);
  }
  const body = await readBodyLimited(request, limits.maxRequestBytes);
  refuseOversizeFile(body, type, limits.maxFileBytes);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new AppError("BAD_REQUEST", "The form could not be read (a broken multipart body). Send it again from the check page or with curl -F.");
  }

  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const entry of form.getAll("calendar")) {
    if (typeof entry === "string") {
      if (entry.trim() === "") continue;
      throw new AppError("BAD_REQUEST", 'The "calendar" field must be a file (curl -F calendar=@work.ics), not text.', { where: "calendar" });
    }
    if (entry.size === 0 && entry.name === "") continue; // an empty file input
    if (entry.size > limits.maxFileBytes) throw fileTooLarge(entry.name, entry.size, limits.maxFileBytes);
    files.push({ name: entry.name || `calendar-${files.length + 1}.ics`, bytes: new Uint8Array(await entry.arrayBuffer()) });
  }
  const urls = form
    .getAll("url")
    .filter((u): u is string => typeof u === "string")
    .map((u) => u.trim())
    .filter((u) => u.length > 0);
  for (const u of urls) if (u.length > 2048) throw new AppError("BAD_REQUEST", "A calendar URL is longer than 2,048 characters; check that you pasted only the address.", { where: "url" });
  const connections = [...new Set(form.getAll("connection").filter((c): c is string => typeof c === "string").map((c) => c.trim()).filter((c) => c.length > 0))];
  for (const c of connections) if (!/^[A-Za-z0-9_-]{1,64}$/.test(c)) throw new AppError("BAD_REQUEST", `"connection": ${JSON.stringify(c.slice(0, 80))} is not a connection id.`, { where: "connection" });
  if (files.length + urls.length + connections.length > limits.maxCalendars) {
    throw new AppError("TOO_MANY_FILES", `That is ${files.length + urls.length + connections.length} calendars; one check takes at most ${limits.maxCalendars}. Leave out calendars that do not block your time.`, {
      detail: { limit: limits.maxCalendars },
    });
  }

  let prefsInput: unknown = {};
  const prefsText = form.get("preferences");
  if (typeof prefsText === "string" && prefsText.trim() !== "") {
    try {
      prefsInput = JSON.parse(prefsText);
    } catch {
      throw new AppError("INVALID_PREFERENCES", 'The "preferences" field is not JSON (expected e.g. {"timeZone":"Europe/London"}).', { where: "preferences" });
    }
  }
  const tz = form.get("timeZone");
  if (typeof tz === "string" && tz.trim() !== "" && prefsInput && typeof prefsInput === "object") prefsInput = { ...(prefsInput as object), timeZone: tz.trim() };
  const prefs = fitPreferencesSchema.safeParse(prefsInput);
  if (!prefs.success) {
    const issue = prefs.error.issues[0];
    const path = issue ? ["preferences", ...issue.path.map(String)].join(".") : "preferences";
    throw new AppError("INVALID_PREFERENCES", `${path}: ${issue?.message ?? "invalid"}.`, { where: path });
  }

  const ids = (field: string) => {
    const raw = form
      .getAll(field)
      .filter((v): v is string => typeof v === "string")
      .flatMap((v) => v.split(","))
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    const parsed = idList.safeParse(raw);
    if (!parsed.success) throw new AppError("BAD_REQUEST", `"${field}": ${parsed.error.issues[0]?.message ?? "invalid"}.`, { where: field });
    return parsed.data;
  };
  const output = form.get("output");
  if (output !== null && output !== "json" && output !== "study-plan") throw new AppError("BAD_REQUEST", '"output" is "json" (default) or "study-plan".', { where: "output" });
  const planSection = form.get("planSection");
  const title = form.get("title");
  const learnerName = form.get("learnerName");
  return {
    files,
    urls,
    connections,
    preferences: prefs.data,
    sectionIds: ids("section"),
    courseIds: ids("course"),
    together: truthy(form.get("together")),
    require: ids("require"),
    exclude: ids("exclude"),
    details: truthy(form.get("details")),
    output: output === "study-plan" ? "study-plan" : "json",
    ...(typeof planSection === "string" && planSection.trim() !== "" ? { planSection: planSection.trim() } : {}),
    ...(typeof title === "string" ? { title } : {}),
    includeTitles: truthy(form.get("includeTitles")),
    ...(typeof learnerName === "string" ? { learnerName } : {}),
  };
}
