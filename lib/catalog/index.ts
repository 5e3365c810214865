/**
 * The catalog: the format a school describes its course sections in (`schema.ts`, documented in
 * docs/catalog.md), and loading it from `FORMATFIT_CATALOG` or the bundled catalog (`load.ts`).
 */
export {
  asynchronousSectionSchema,
  catalogRuleDates,
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
export { CATALOG_ENV_VAR, CatalogError, findSection, loadCatalog, parseCatalog } from "./load";
export type { CatalogErrorCode, CatalogErrorOptions, LoadCatalogOptions, TextPosition } from "./load";
