/**
 * "Real weeks": calendars a learner would bring, written as .ics text, checked the three ways a
 * learner meets FormatFit — the check pipeline (`runCheck`), the CLI (`formatfit check --json`) and
 * the API (`POST /api/check`) — against the bundled catalog. Each test states the verdict a learner
 * would agree with.
 */
import { expect } from "vitest";
import { POST } from "@/app/api/check/route";
import { loadCatalog } from "@/lib/catalog";
import { registerCheck } from "@/lib/cli/check";
import { runCli } from "@/lib/cli/run";
import { runCheck, type CalendarSource, type CheckOutcome, type CheckResponse } from "@/lib/check/run";
import { preferencesFrom, type SectionFit } from "@/lib/fit";
import { fixture, postForm, type FormFields } from "../api/helpers";

import { ics } from "../helpers/ics";

export { ics };

/** The catalog bundled with FormatFit (FORMATFIT_CATALOG ignored). */
export const BUNDLED = loadCatalog({ env: {} });

/** A calendar file as the page uploads it. */
export function upload(text: string, name = "learner.ics"): CalendarSource {
  return { name, origin: "upload", bytes: new TextEncoder().encode(text) };
}

/** runCheck over one or more calendars with these preferences (defaults filled in); `together` also judges the sections as one plan. */
export function check(sources: CalendarSource | readonly CalendarSource[], preferences: unknown, sectionIds: readonly string[], options: { together?: boolean } = {}): CheckOutcome {
  return runCheck({
    catalog: BUNDLED,
    sources: Array.isArray(sources) ? sources : [sources as CalendarSource],
    preferences: preferencesFrom(preferences),
    sectionIds,
    together: options.together ?? false,
  });
}

/** One section's fit from an outcome. */
export function fitOf(outcome: CheckOutcome, id: string): SectionFit {
  const f = outcome.result.sections.find((s) => s.section.id === id);
  if (!f) throw new Error(`no ${id} in the result`);
  return f;
}

export interface CliAnswer {
  code: number;
  stderr: string;
  json: CheckResponse;
}

let registered = false;

/** `formatfit check learner.ics …` over in-memory files (name → .ics text), as it answers. */
export function cliRaw(files: Record<string, string>, args: readonly string[]): { code: number; stdout: string; stderr: string } {
  if (!registered) {
    registerCheck();
    registered = true;
  }
  const io = {
    readFile: (path: string) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`no ${path}`), { code: "ENOENT" });
      return new TextEncoder().encode(text);
    },
    env: {},
  };
  return runCli(["check", ...Object.keys(files), ...args], io);
}

/** `formatfit check learner.ics …` without --json: the table people read. */
export function runTable(files: Record<string, string>, args: readonly string[]): string {
  const r = cliRaw(files, args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** `formatfit check learner.ics … --json` over in-memory files (name → .ics text). */
export function cli(files: Record<string, string>, args: readonly string[]): CliAnswer {
  const r = cliRaw(files, [...args, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return { code: r.code, stderr: r.stderr, json: JSON.parse(r.stdout) as CheckResponse };
}

/** `POST /api/check` with a calendar and form fields; fails the test unless it answers 200 JSON. */
export async function api(text: string, fields: FormFields, name = "learner.ics"): Promise<CheckResponse> {
  const response = await POST(postForm("/api/check", [["calendar", { file: text, name }], ...fields]));
  const body = await response.text();
  expect({ status: response.status, body: body.slice(0, 300) }).toMatchObject({ status: 200 });
  return JSON.parse(body) as CheckResponse;
}

/** One section of a JSON answer. */
export function sectionOf(body: Pick<CheckResponse, "sections">, id: string): CheckResponse["sections"][number] {
  const s = body.sections.find((x) => x.sectionId === id);
  if (!s) throw new Error(`no ${id} in the answer`);
  return s;
}

/** A fixture under tests/fixtures/ics/, as text. */
export function fixtureText(name: string): string {
  return new TextDecoder().decode(fixture(name));
}

/** A 9–5 job in New York, Monday to Friday, from 11 Jan 2027: busy time in every term of the catalog. */
export const NINE_TO_FIVE = ics([
  "UID:work@job.test",
  "SUMMARY:Work",
  "DTSTART;TZID=America/New_York:20270111T090000",
  "DTEND;TZID=America/New_York:20270111T170000",
  "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
]);
