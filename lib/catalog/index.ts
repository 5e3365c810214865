/**
 * The catalog: the format a school describes its course sections in (`schema.ts`, documented in
 * docs/catalog.md), the one engine that picks a rule's dates in a term (`rule-dates.ts`) under the
 * format's restrictions on rule text (`rule-problems.ts`), and loading a catalog from
 * `FORMATFIT_CATALOG` or the bundled catalog (`load.ts`).
 */
export {
  asynchronousSectionSchema,
  catalogSchema,
  courseSchema,
  deadlineSchema,
  extraMeetingSchema,
  formatIssuePath,
  hybridSectionSchema,
  meetingSchema,
  sectionSchema,
  synchronousSectionSchema,
  validateCatalog,
} from "./schema";
export type {
  AsynchronousSection,
  Catalog,
  CatalogIssue,
  CatalogValidation,
  Course,
  Deadline,
  ExtraMeeting,
  HybridSection,
  Meeting,
  RecordingPolicy,
  Section,
  SectionFormat,
  SynchronousSection,
} from "./schema";
export { ruleDates, termRuleDates } from "./rule-dates";
export type { TermRuleDates } from "./rule-dates";
export { catalogRuleProblems } from "./rule-problems";
export { CATALOG_ENV_VAR, CatalogError, findSection, loadCatalog, parseCatalog } from "./load";
export type { CatalogErrorCode, CatalogErrorOptions, LoadCatalogOptions, TextPosition } from "./load";
