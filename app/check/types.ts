/**
 * The check page's shared types, in a module of their own so the steps, the hooks and the results
 * import them from here and never from each other.
 */
import type { z } from "zod";
import type { fitPreferencesSchema } from "@/lib/fit/preferences";
import type { SourceSummary } from "@/lib/check/run";

/** A course as the form lists it: its sections with their format and schedule text. */
export interface CourseOption {
  id: string;
  title: string;
  sections: { id: string; format: string; schedule: string }[];
}

/** The documented defaults the form starts from (the server page reads them from lib/fit). */
export interface CheckDefaults {
  studyStart: string;
  studyEnd: string;
  minBlockMinutes: number;
  dailyCapHours: number;
  studyBufferMinutes: number;
  sleepHours: { start: string; end: string };
}

/** A calendar the learner added: a file or an address, with what the server read in it. */
export interface CalendarItem {
  key: string;
  kind: "file" | "url";
  label: string;
  file?: File;
  url?: string;
  summary?: SourceSummary;
  error?: string;
  reading: boolean;
}

/** The preferences as the API accepts them (before defaults): the schema's own input type. */
export type PreferencesInput = z.input<typeof fitPreferencesSchema>;

/** `K` of the preferences, always filled in (the schema's defaults make them optional in its input). */
type Filled<K extends keyof PreferencesInput> = { [P in K]-?: Exclude<PreferencesInput[P], undefined> };

/** The preferences the form's fields hold ("Your week"), always set: a controlled input never sees undefined. */
export type FormPreferences = PreferencesInput & Filled<"timeZone" | "allDay" | "tentativeIsBusy" | "minBlockMinutes" | "dailyCapHours" | "studyBufferMinutes" | "sleepHours" | "watchRecordings">;

/**
 * The settings a change to which re-runs a check that has a result: buffers, ignored events, how
 * late the learner can join (or how early leave) a live session, and the study hours (weekdays and weekends, which the request sends as two study windows).
 */
export type WhatIf = Filled<"ignoredUids" | "bufferBeforeMinutes" | "bufferAfterMinutes" | "lateJoinMinutes"> & {
  weekdayStart: string;
  weekdayEnd: string;
  weekendStart: string;
  weekendEnd: string;
};

/** Setting the what-if state (the results' controls and "Your week" both do). */
export type SetWhatIf = (w: WhatIf) => void;

/**
 * Saving the result as a report: its title, whether event titles go in, and the name (optional) the
 * learner shows advisors and link holders; resolves with the error to show, or null.
 */
export type SaveReportFn = (title: string, includeTitles: boolean, learnerName?: string) => Promise<string | null>;

/** Whether a check is on its way: a first run (the button waits) or a what-if update. */
export type CheckStatus = "idle" | "running" | "updating";
