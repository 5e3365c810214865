/**
 * The learner's preferences and the thresholds behind the verdicts, with documented defaults
 * (docs/fit.md). Validated with zod so the CLI, the API and the web form share one definition.
 */
import { z } from "zod";
import { IANAZone } from "luxon";
import { DEFAULT_BUSY_PREFERENCES, type BusyPreferences } from "../busy";

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { message: "expected a time as HH:MM, 00:00–24:00" });

export const studyWindowSchema = z.object({
  /** Days of the week, 0 = Monday … 6 = Sunday. */
  days: z.array(z.int().min(0).max(6)).min(1),
  start: hhmm,
  end: hhmm,
});
export type StudyWindow = z.infer<typeof studyWindowSchema>;

/**
 * The hours the learner sleeps, wall-clock in their zone: `start` may be after `end` (23:00–06:00
 * runs past midnight); equal times mean no sleep hours at all (the night rule is off).
 */
export const sleepHoursSchema = z.object({ start: hhmm, end: hhmm });
export type SleepHours = z.infer<typeof sleepHoursSchema>;

export const thresholdsSchema = z.object({
  /** Share of live sessions a learner may miss when every session is recorded, for "fits with trade-offs". */
  maxMissedShareRecorded: z.number().min(0).max(1).default(0.25),
  /** Share of live sessions a learner may miss when sessions are not (all) recorded. */
  maxMissedShareUnrecorded: z.number().min(0).max(1).default(0.1),
  /**
   * Deprecated: the old name of {@link FitPreferences.lateJoinMinutes}, still read from saved
   * preferences (used when `lateJoinMinutes` is absent) and never written back.
   */
  partialOverlapMinutes: z.int().min(0).max(120).optional(),
  /** Free hours left over in a week below which the week counts as a crunch. */
  crunchSlackHours: z.number().min(0).default(2),
  /** Share of the term's weeks that may be crunch weeks before the verdict drops to trade-offs. */
  maxCrunchWeekShare: z.number().min(0).max(1).default(0),
});

/** The thresholds as the engine reads them (the deprecated alias is folded into `lateJoinMinutes`). */
export type Thresholds = Omit<z.infer<typeof thresholdsSchema>, "partialOverlapMinutes">;

const DEFAULT_LATE_JOIN_MINUTES = 15;

const preferencesObject = z.object({
  timeZone: z.string().refine((z) => IANAZone.isValidZone(z), { message: "expected an IANA time zone such as America/New_York" }).default("America/New_York"),
  studyWindows: z.array(studyWindowSchema).default([{ days: [0, 1, 2, 3, 4, 5, 6], start: "07:00", end: "22:00" }]),
  minBlockMinutes: z.int().min(5).max(240).default(30),
  dailyCapHours: z.number().min(0.5).max(24).default(4),
  /** Minutes kept free between a study block and any busy time (work, a commute), on each side. */
  studyBufferMinutes: z.int().min(0).max(240).default(30),
  tentativeIsBusy: z.boolean().default(true),
  allDay: z.enum(["follow-transparency", "busy", "free"]).default("follow-transparency"),
  ownerEmails: z.array(z.string()).default([]),
  bufferBeforeMinutes: z.int().min(0).max(240).default(0),
  bufferAfterMinutes: z.int().min(0).max(240).default(0),
  ignoredUids: z.array(z.string()).default([]),
  /**
   * "I can join up to N minutes late / leave N minutes early": a clash of at most this many minutes
   * at the start or the end of a session is attended late or left early, not missed. Default 15.
   */
  lateJoinMinutes: z.int().min(0).max(120).optional(),
  /** When the learner sleeps: a live section mostly in these hours does not fit (see `watchRecordings`). */
  sleepHours: sleepHoursSchema.default({ start: "23:00", end: "06:00" }),
  /** The learner would watch recordings of night sessions instead of attending them live. */
  watchRecordings: z.boolean().default(false),
  thresholds: thresholdsSchema.default(thresholdsSchema.parse({})),
});

/**
 * The preferences schema (input: what a form or a saved report posts; output: every field filled).
 * Saved preferences from before `lateJoinMinutes` carry `thresholds.partialOverlapMinutes`: it is
 * read as `lateJoinMinutes` when that is absent.
 */
export const fitPreferencesSchema = preferencesObject.transform(({ lateJoinMinutes, thresholds, ...rest }) => {
  const { partialOverlapMinutes, ...kept } = thresholds;
  return { ...rest, lateJoinMinutes: lateJoinMinutes ?? partialOverlapMinutes ?? DEFAULT_LATE_JOIN_MINUTES, thresholds: kept as Thresholds };
});
export type FitPreferences = z.infer<typeof fitPreferencesSchema>;

/** The defaults, as documented. */
export const DEFAULT_FIT_PREFERENCES: FitPreferences = fitPreferencesSchema.parse({});

/**
 * Fills in defaults and validates; throws a zod error naming the path on bad input.
 *
 * @example
 * preferencesFrom({ timeZone: "Europe/London", bufferAfterMinutes: 15 }).minBlockMinutes // 30
 * preferencesFrom({ thresholds: { partialOverlapMinutes: 10 } }).lateJoinMinutes // 10 (the old name still reads)
 */
export function preferencesFrom(input: unknown): FitPreferences {
  return fitPreferencesSchema.parse(input ?? {});
}

/** The busy-time part of the preferences. */
export function busyPreferencesOf(p: FitPreferences): BusyPreferences {
  return {
    ...DEFAULT_BUSY_PREFERENCES,
    tentativeIsBusy: p.tentativeIsBusy,
    allDay: p.allDay,
    ownerEmails: p.ownerEmails.map((e) => e.toLowerCase()),
    bufferBeforeMinutes: p.bufferBeforeMinutes,
    bufferAfterMinutes: p.bufferAfterMinutes,
    ignoredUids: p.ignoredUids,
  };
}
