/**
 * The learner's preferences as command-line options, shared by the commands that judge a fit
 * (`check`, `plan`): the zone, buffers around events, how late a session may be joined, the sleep
 * hours, recordings, the study plan's distance from commitments, and the learner's addresses.
 * Each bad value fails with one line naming the option and what it takes. The help text is in
 * ./run.ts's USAGE.
 */
import { preferencesFrom, type FitPreferences } from "../fit/preferences";
import { ianaZone } from "../time/zone";
import type { ParsedArgs } from "./args";
import { InputError } from "./run";

/** Options that take a value. */
export const PREFERENCE_VALUES = ["tz", "buffer", "owner", "late", "sleep", "study-buffer"] as const;
/** Options that are flags. */
export const PREFERENCE_FLAGS = ["watch-recordings"] as const;

function wholeMinutes(args: ParsedArgs, name: string, max: number): number | undefined {
  const text = args.options.get(name)?.[0];
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > max) throw new InputError(`--${name} ${text} must be a whole number of minutes from 0 to ${max}.`);
  return n;
}

function sleepHours(text: string | undefined): { start: string; end: string } | undefined {
  if (text === undefined) return undefined;
  if (text === "none") return { start: "00:00", end: "00:00" };
  const m = /^(([01]\d|2[0-3]):[0-5]\d)-(([01]\d|2[0-4]):[0-5]\d)$/.exec(text);
  if (!m) throw new InputError(`--sleep ${text} must be two times as HH:MM-HH:MM (for example 23:00-06:00), or "none".`);
  return { start: m[1] as string, end: m[3] as string };
}

/**
 * The preferences the options ask for, defaults filled in.
 *
 * @example
 * preferencesFromArgs(parseArgs(["--tz", "Europe/London", "--late", "10"], { values: [...PREFERENCE_VALUES], flags: [...PREFERENCE_FLAGS] })).lateJoinMinutes // 10
 */
export function preferencesFromArgs(args: ParsedArgs): FitPreferences {
  const tz = args.options.get("tz")?.[0] ?? "UTC";
  if (tz !== "UTC" && !ianaZone(tz)) throw new InputError(`--tz ${tz} is not an IANA time zone (for example America/New_York or Europe/London).`);
  const buffer = wholeMinutes(args, "buffer", 240) ?? 0;
  const late = wholeMinutes(args, "late", 120);
  const studyBuffer = wholeMinutes(args, "study-buffer", 240);
  const sleep = sleepHours(args.options.get("sleep")?.[0]);
  return preferencesFrom({
    timeZone: tz,
    bufferBeforeMinutes: buffer,
    bufferAfterMinutes: buffer,
    ownerEmails: args.options.get("owner") ?? [],
    watchRecordings: args.flags.has("watch-recordings"),
    ...(late !== undefined ? { lateJoinMinutes: late } : {}),
    ...(studyBuffer !== undefined ? { studyBufferMinutes: studyBuffer } : {}),
    ...(sleep ? { sleepHours: sleep } : {}),
  });
}
