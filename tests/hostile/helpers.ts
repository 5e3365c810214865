/**
 * Helpers for the hostile-input suite (issue 12): build calendars, run import + expansion the way
 * the check does, and measure it.
 *
 * The time bound is a safety bound, not a speed target (speed targets live in bench/): it is
 * measured around the import + expand call, in CPU time of this process (so that other work on a
 * shared machine does not make it flaky), with a looser wall-clock bound as a backstop against a
 * hang. The budgets themselves are asserted exactly, through `usage`.
 */
import { expect } from "vitest";
import { importIcs, type ImportResult } from "@/lib/ics/import";
import type { CalendarEvent, ImportIssue } from "@/lib/calendar";
import { expandEvents, type ExpandOptions, type Expansion } from "@/lib/recurrence/expand";

/** CPU milliseconds a hostile import + expansion may take: far above what any of them needs. */
export const CPU_BOUND_MS = 2000;
/** Wall-clock backstop (the machine may be shared with other work). */
export const WALL_BOUND_MS = 15_000;

/** A learner's term: 16 weeks from Monday 2027-01-11. */
export const TERM = { from: Date.parse("2027-01-11T00:00:00Z"), to: Date.parse("2027-01-11T00:00:00Z") + 16 * 7 * 86_400_000 };

/** A good weekly class, Tuesdays and Thursdays 18:00–19:30 UTC: 32 occurrences in {@link TERM}. */
export const GOOD_EVENT = ["BEGIN:VEVENT", "UID:good-class", "DTSTART:20270112T180000Z", "DURATION:PT90M", "RRULE:FREQ=WEEKLY;BYDAY=TU,TH", "SUMMARY:Good class", "END:VEVENT"];
export const GOOD_OCCURRENCES = 32;

/** A VCALENDAR around VEVENT lines (CRLF). */
export function calendar(...lines: (readonly string[])[]): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//FormatFit hostile tests//EN", ...lines.flat(), "END:VCALENDAR", ""].join("\r\n");
}

/** One VEVENT's lines. */
export function vevent(uid: string, ...lines: string[]): string[] {
  return ["BEGIN:VEVENT", `UID:${uid}`, ...lines, "END:VEVENT"];
}

export interface HostileRun {
  readonly result: ImportResult;
  readonly events: CalendarEvent[];
  readonly issues: ImportIssue[];
  readonly expansion: Expansion | undefined;
  readonly cpuMs: number;
  readonly wallMs: number;
}

/**
 * Imports `input` (as bytes, as an upload arrives) and, when accepted, expands it over `window`;
 * measures both together and checks the time bound.
 */
export function run(input: string | Uint8Array, options: { window?: typeof TERM; viewerZone?: string; expand?: Partial<ExpandOptions>; sourceName?: string } = {}): HostileRun {
  const window = options.window ?? TERM;
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const result = importIcs(bytes, { window, sourceName: options.sourceName ?? "hostile.ics" });
  const expansion = result.ok ? expandEvents(result.calendar.events, window, { viewerZone: options.viewerZone ?? "UTC", ...options.expand }) : undefined;
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  expect(cpuMs, `import + expand took ${cpuMs.toFixed(0)} ms of CPU`).toBeLessThan(CPU_BOUND_MS);
  expect(wallMs, `import + expand took ${wallMs.toFixed(0)} ms`).toBeLessThan(WALL_BOUND_MS);
  return { result, events: result.ok ? result.calendar.events : [], issues: result.issues, expansion, cpuMs, wallMs };
}

/** Occurrences of one UID. */
export function occurrencesOf(r: HostileRun, uid: string): number {
  return r.expansion?.occurrences.filter((o) => o.uid === uid).length ?? 0;
}

/** Codes of the import issues and expansion warnings, in order. */
export function codes(r: HostileRun): string[] {
  return [...r.issues, ...(r.expansion?.warnings ?? [])].map((i) => i.code);
}
