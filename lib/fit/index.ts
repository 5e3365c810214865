/** The format-fit engine: which sections fit a learner's calendar, and why. */
export { checkFit, checkFitWithBusy, chooseSections, termWindow, UnknownSectionError } from "./check";
export type { AsyncAnalysis, CheckOptions, CourseComparison, FitResult, PlanFit, SectionFit, SessionClash, Verdict } from "./check";
export { DEFAULT_FIT_PREFERENCES, fitPreferencesSchema, preferencesFrom, busyPreferencesOf } from "./preferences";
export type { FitPreferences, StudyWindow, Thresholds } from "./preferences";
export type { LiveAnalysis, LiveConflict, ClockShift } from "./live";
export type { LoadWeek, StudyBlock, StudyPlan, Job, JobResult } from "./async";
