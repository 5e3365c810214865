"use client";
/**
 * The check form's state, typed: the calendars, what to check, the learner's week (preferences
 * typed as the API's own schema reads them, so a field it does not know or a value of the wrong
 * type fails to compile) and the what-if settings; and the one place that turns it all into the
 * request.
 */
import { useEffect, useState } from "react";
import { checkForm } from "./request";
import { useCalendars, type Calendars } from "./useCalendars";
import { noCalendarText } from "./noCalendar";
import type { CheckDefaults, FormPreferences, PreferencesInput, SetWhatIf, WhatIf } from "./types";

/** Study windows' days, 0 = Monday … 6 = Sunday. */
const WEEKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];

/** What to check: whole courses (to compare their formats) or single sections, and whether together. */
export interface Choice {
  courses: Set<string>;
  sections: Set<string>;
  together: boolean;
  setCourses: (ids: Set<string>) => void;
  setSections: (ids: Set<string>) => void;
  setTogether: (on: boolean) => void;
}

/** "Your week": the preferences the fields hold, the zones to pick from, and the learner's addresses as typed. */
export interface Week {
  preferences: FormPreferences;
  setPreferences: (patch: Partial<FormPreferences>) => void;
  zones: string[];
  /** The zone the browser reports (undefined until the page runs in one). */
  detectedZone: string | undefined;
  emails: string;
  setEmails: (text: string) => void;
}

export interface CheckForm {
  calendars: Calendars;
  choice: Choice;
  week: Week;
  whatIf: WhatIf;
  setWhatIf: SetWhatIf;
  /** The request for a check with these what-if settings, plus `extra` fields. */
  formFor: (w: WhatIf, extra?: Record<string, string>) => FormData;
  /** Why the form cannot be checked yet (no calendar, nothing chosen), or null. */
  missing: () => string | null;
}

/** The addresses typed into "Your email addresses", split on spaces, commas and semicolons. */
function ownerEmails(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e.includes("@"));
}

/** Everything a check sends as `preferences`. */
function preferencesOf(p: FormPreferences, emails: string, w: WhatIf): PreferencesInput {
  return {
    timeZone: p.timeZone,
    tentativeIsBusy: p.tentativeIsBusy,
    allDay: p.allDay,
    ownerEmails: ownerEmails(emails),
    minBlockMinutes: p.minBlockMinutes,
    dailyCapHours: p.dailyCapHours,
    studyBufferMinutes: p.studyBufferMinutes,
    sleepHours: p.sleepHours,
    watchRecordings: p.watchRecordings,
    bufferBeforeMinutes: w.bufferBeforeMinutes,
    bufferAfterMinutes: w.bufferAfterMinutes,
    ignoredUids: w.ignoredUids,
    lateJoinMinutes: w.lateJoinMinutes,
    studyWindows: [
      { days: WEEKDAYS, start: w.weekdayStart, end: w.weekdayEnd },
      { days: WEEKEND, start: w.weekendStart, end: w.weekendEnd },
    ],
  };
}

export function useCheckForm({ initialCourses, initialSections, defaults, initialZone }: { initialCourses: string[]; initialSections: string[]; defaults: CheckDefaults; initialZone: string | undefined }): CheckForm {
  const [courses, setCourses] = useState<Set<string>>(() => new Set(initialCourses));
  const [sections, setSections] = useState<Set<string>>(() => new Set(initialSections));
  const [together, setTogether] = useState(false);
  const [preferences, setPreferences] = useState<FormPreferences>({
    timeZone: initialZone ?? "UTC",
    tentativeIsBusy: true,
    allDay: "follow-transparency",
    minBlockMinutes: defaults.minBlockMinutes,
    dailyCapHours: defaults.dailyCapHours,
    studyBufferMinutes: defaults.studyBufferMinutes,
    sleepHours: defaults.sleepHours,
    watchRecordings: false,
  });
  const [zones, setZones] = useState<string[]>(() => [...new Set(["UTC", initialZone ?? "UTC"])]);
  const [detectedZone, setDetectedZone] = useState<string | undefined>(undefined);
  const [emails, setEmails] = useState("");
  const [whatIf, setWhatIf] = useState<WhatIf>({
    ignoredUids: [],
    lateJoinMinutes: 15,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    weekdayStart: defaults.studyStart,
    weekdayEnd: defaults.studyEnd,
    weekendStart: defaults.studyStart,
    weekendEnd: defaults.studyEnd,
  });
  const calendars = useCalendars(preferences.timeZone);

  // The browser's zone is known for sure only in the browser: the server renders the zone its
  // cookie remembered (app/components/DetectZone), or UTC on a first visit; this confirms or corrects it.
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    setDetectedZone(tz);
    setPreferences((p) => ({ ...p, timeZone: tz }));
    const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    setZones([...new Set(["UTC", tz, ...all])].sort());
  }, []);

  const formFor = (w: WhatIf, extra: Record<string, string> = {}) =>
    // "Together" is offered only with two or more chosen; a tick left from before does not count.
    checkForm({ calendars: calendars.usable, connectionIds: calendars.connectionIds, courses, sections, together: together && courses.size + sections.size > 1, preferences: preferencesOf(preferences, emails, w), extra });

  const missing = () => {
    if (calendars.usable.length === 0 && calendars.connectionIds.length === 0) return noCalendarText(calendars.items);
    if (courses.size === 0 && sections.size === 0) return "Choose at least one course (to compare its formats) or one section.";
    return null;
  };

  return {
    calendars,
    choice: { courses, sections, together, setCourses, setSections, setTogether },
    week: { preferences, setPreferences: (patch) => setPreferences((p) => ({ ...p, ...patch })), zones, detectedZone, emails, setEmails },
    whatIf,
    setWhatIf,
    formFor,
    missing,
  };
}
