/** The format-fit engine: which sections fit a learner's calendar, and why. */
export { checkFit, checkFitWithBusy, chooseSections, describeSection, rankSections, termWindow, UnknownSectionError } from "./check";
export type { AsyncAnalysis, Audience, CheckOptions, CourseComparison, FitResult, FitWarning, PlanFit, SectionFit, SessionClash, Verdict } from "./check";
export { DEFAULT_FIT_PREFERENCES, fitPreferencesSchema, preferencesFrom, busyPreferencesOf } from "./preferences";
export type { FitPreferences, SleepHours, StudyWindow, Thresholds } from "./preferences";
export type { LiveAnalysis, LiveConflict, LiveOptions, ClockShift } from "./live";
export type { LoadWeek, StudyBlock, StudyPlan, Job, JobResult } from "./async";
