/**
 * The catalog format (docs/catalog.md): the JSON a school loads to describe its courses and their
 * sections. The zod schema here is the single source of truth; `scripts/gen-catalog-schema.ts`
 * exports it as JSON Schema (`lib/catalog/catalog.schema.json`) for editors and school tooling.
 *
 * The JSON Schema carries the structure (fields, types, patterns, which fields each format needs);
 * the rules that span fields or need a calendar — real dates, IANA zones, RFC 5545 rule parts,
 * `startDate <= endDate`, skip dates that fall on session days, unique ids — are zod refinements,
 * so only {@link validateCatalog} enforces them.
 *
 * Objects are loose: fields the format does not know pass through untouched, because schools add
 * their own (a registrar code, a tuition band).
 */
import { IANAZone } from "luxon";
import { z } from "zod";
import { DAY } from "../time/units";
import { plural } from "../words";
import { catalogRuleProblems } from "./rule-problems";
import { termRuleDates } from "./rule-dates";
import { DATE_SOURCE, isRealDate, show } from "./values";

// ---------------------------------------------------------------------------------------------
// Dates, times, zones

const TIME_SOURCE = "(?:[01]\\d|2[0-3]):[0-5]\\d";
const TIME_PATTERN = new RegExp(`^${TIME_SOURCE}$`);
const LOCAL_DATE_TIME_PATTERN = new RegExp(`^${DATE_SOURCE}T${TIME_SOURCE}$`);
const ZONE_PATTERN = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The years the format allows (docs/catalog.md): a typed 2207 for 2027 fails here instead of scheduling a term two centuries out. */
const FIRST_TERM_YEAR = 2000;
const LAST_TERM_YEAR = 2099;
/** Terms are bounded so that expanding a rule is bounded; a year-long certificate still fits. */
const MAX_TERM_DAYS = 731;

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

function weekdayName(date: string): string {
  return WEEKDAY_NAMES[new Date(dayNumber(date) * DAY).getUTCDay()] ?? "";
}

/** What the zone database says about a name: valid or not, and its canonical spelling. */
interface ZoneVerdict {
  readonly valid: boolean;
  readonly canonical: string | undefined;
}

/**
 * Zone lookups build an `Intl.DateTimeFormat`, which costs milliseconds; a catalog repeats a handful
 * of zone names across dozens of sections, and the answers never change while the process runs.
 */
const zoneVerdicts = new Map<string, ZoneVerdict>();

function zoneVerdict(value: string): ZoneVerdict {
  let verdict = zoneVerdicts.get(value);
  if (verdict === undefined) {
    const valid = ZONE_PATTERN.test(value) && IANAZone.isValidZone(value);
    verdict = { valid, canonical: valid ? canonicalZoneSpelling(value) : undefined };
    zoneVerdicts.set(value, verdict);
  }
  return verdict;
}

/** Intl matches zone names case-insensitively; the canonical spelling is what calendars expect as a TZID. */
function canonicalZoneSpelling(value: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const isoDate = (what: string) =>
  z.iso.date({
    error: (issue) =>
      typeof issue.input === "string"
        ? `${show(issue.input)} is not a real date; expected ${what} as YYYY-MM-DD, e.g. "2027-01-11"`
        : undefined,
  });

const wallTime = (what: string) =>
  z.string().regex(TIME_PATTERN, {
    error: (issue) => `${show(issue.input)} is not a valid time; expected ${what} as HH:MM on a 24-hour clock, 00:00–23:59`,
  });

const timeZone = z
  .string()
  .superRefine((value, ctx) => {
    const { valid, canonical } = zoneVerdict(value);
    if (valid) {
      if (canonical !== undefined && canonical !== value && canonical.toLowerCase() === value.toLowerCase()) {
        ctx.addIssue({ code: "custom", message: `${show(value)} is not spelled as in the IANA time zone database; expected ${show(canonical)}` });
      }
      return;
    }
    ctx.addIssue({ code: "custom", message: `${show(value)} is not an IANA time zone; expected a name such as "America/New_York" or "Europe/London"` });
  })
  .meta({
    description: "IANA time zone in which the section's meeting and deadline times are wall-clock times.",
    pattern: ZONE_PATTERN.source,
    examples: ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"],
  });

const identifier = (what: string) =>
  z.string().regex(ID_PATTERN, {
    error: (issue) =>
      `${show(issue.input)} is not a usable ${what}; expected 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit (it appears in URLs)`,
  });

const text = (what: string) => z.string().regex(/\S/, { error: `${what} is empty; expected some text` });

// ---------------------------------------------------------------------------------------------
// Recurrence rules (RFC 5545 §3.3.10 rule parts, without DTSTART): rule-problems.ts checks the
// text, rule-dates.ts picks the dates

/** A structural pattern for the JSON Schema; `catalogRuleProblems` is the real check. */
const RULE_PATTERN =
  "^(?!.*DTSTART)(?=(?:[A-Z]+=[^;]+;)*FREQ=(?:DAILY|WEEKLY|MONTHLY|YEARLY)(?:;|$))[A-Z]+=[A-Z0-9,+-]+(?:;[A-Z]+=[A-Z0-9,+-]+)*$";

const recurrenceRule = (what: string) =>
  z
    .string()
    .superRefine((rule, ctx) => {
      for (const message of catalogRuleProblems(rule)) ctx.addIssue({ code: "custom", message });
    })
    .meta({
      description: `RFC 5545 recurrence rule parts without DTSTART, choosing the ${what}: the dates from startDate through endDate that the rule matches (startDate itself only if it matches). FREQ is DAILY, WEEKLY, MONTHLY or YEARLY; UNTIL, if given, is a date (YYYYMMDD); no BYHOUR, BYMINUTE or BYSECOND.`,
      pattern: RULE_PATTERN,
      examples: ["FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "FREQ=MONTHLY;BYDAY=1SA"],
    });

// ---------------------------------------------------------------------------------------------
// Sessions, deadlines, sections

const durationMinutes = z
  .int({ error: (issue) => `${show(issue.input)} is not a whole number of minutes; expected 1 to 1440` })
  .min(1, { error: (issue) => `${show(issue.input)} minutes is too short; expected 1 to 1440` })
  .max(24 * 60, { error: (issue) => `${show(issue.input)} minutes is longer than a day; expected 1 to 1440` })
  .meta({ description: "Length of each session in minutes (1 to 1440).", examples: [90] });

const hours = (what: string, whenMissing?: string) =>
  z
    .number({
      error: (issue) =>
        issue.input === undefined && whenMissing !== undefined
          ? whenMissing
          : `${show(issue.input)} is not a number of hours; expected ${what} from 0 to 168`,
    })
    .min(0, { error: (issue) => `${show(issue.input)} hours is negative; expected ${what} from 0 to 168` })
    .max(168, { error: (issue) => `${show(issue.input)} hours is more than a week holds; expected ${what} from 0 to 168` });

/** A recurring live session (`meetings[]`). */
export const meetingSchema = z
  .looseObject({
    rrule: recurrenceRule("session dates"),
    startTime: wallTime("the session's start").meta({ description: "Wall-clock start time in the section's timeZone, HH:MM (24-hour).", examples: ["18:30"] }),
    durationMinutes,
    title: text("title").optional().meta({ description: "What the session is, if it differs from the course (\"Lab\", \"Lecture\")." }),
  })
  .meta({ id: "Meeting", description: "A recurring live session: the dates its rule matches in the term, at startTime for durationMinutes." });

/** Recurring due work (`deadlines[]`). */
export const deadlineSchema = z
  .looseObject({
    rrule: recurrenceRule("due dates"),
    time: wallTime("the due time").meta({ description: "Wall-clock due time in the section's timeZone, HH:MM (24-hour).", examples: ["23:59"] }),
    title: text("title").meta({ description: "What is due.", examples: ["Weekly assignment", "Discussion post"] }),
    hours: hours("the work due").meta({ description: "Hours of work a learner needs to finish before this deadline (part of hoursPerWeek)." }),
  })
  .meta({ id: "Deadline", description: "Recurring due work: due at `time` on the dates its rule matches in the term." });

/** A one-off live session (`extraMeetings[]`). */
export const extraMeetingSchema = z
  .looseObject({
    start: z
      .string()
      .regex(LOCAL_DATE_TIME_PATTERN, {
        error: (issue) => `${show(issue.input)} is not a local date and time; expected YYYY-MM-DDTHH:MM in the section's timeZone, with no offset or Z, e.g. "2027-02-06T10:00"`,
      })
      .meta({ description: "Local start, YYYY-MM-DDTHH:MM, a wall-clock time in the section's timeZone (no offset).", examples: ["2027-02-06T10:00"] }),
    durationMinutes,
    title: text("title").optional().meta({ description: "What the session is.", examples: ["Kickoff", "Make-up session"] }),
  })
  .meta({ id: "ExtraMeeting", description: "A one-off live session (a kickoff, a make-up class) on a date within the term." });

const FORMAT_NAMES = '"synchronous", "asynchronous" or "hybrid"';
const RECORDING_DESCRIPTION = "Whether live sessions are recorded for learners who miss them: all, some or none.";
const recordingPolicy = (format: string) =>
  z
    .enum(["all", "some", "none"], {
      error: (issue) =>
        issue.input === undefined
          ? `recordings is missing; ${format} sections need a recording policy: "all", "some" or "none"`
          : `${show(issue.input)} is not a recording policy; expected "all", "some" or "none"`,
    })
    .meta({ description: RECORDING_DESCRIPTION });

const sectionId = identifier("section id").meta({ description: "Unique across the whole catalog; by convention the course id, S/A/H for the format and a number.", examples: ["PM-101-S1"] });

const sectionBase = {
  timeZone,
  startDate: isoDate("the first day of the term").meta({ description: "First day of the term (inclusive), YYYY-MM-DD. It is a session only if a rule matches it." }),
  endDate: isoDate("the last day of the term").meta({ description: "Last day of the term (inclusive), YYYY-MM-DD, on or after startDate." }),
  instructor: text("instructor").optional(),
  seats: z.int().min(0).optional().meta({ description: "Seats offered." }),
  location: text("location").optional().meta({ description: "Where in-person sessions meet." }),
  platform: text("platform").optional().meta({ description: "Where online sessions and coursework happen (\"Zoom\", \"Canvas\")." }),
  notes: text("notes").optional(),
};

const needs = (format: string, field: string, why: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${field} is missing; ${format} sections need ${why}` : undefined;

const meetings = (format: string) =>
  z
    .array(meetingSchema, { error: needs(format, "meetings", "at least one recurring live session") })
    .min(1, { error: `meetings is empty; ${format} sections need at least one recurring live session` })
    .meta({ description: "Recurring live sessions." });
const skipDates = z
  .array(isoDate("a date with no session"))
  .optional()
  .meta({ description: "Dates with no session (holidays, a break), YYYY-MM-DD; each within the term and on a date a meetings rule matches. Deadlines are not affected." });
const extraMeetings = z.array(extraMeetingSchema).optional().meta({ description: "One-off live sessions added to the recurring ones." });
const deadlines = (format: string, required: boolean) => {
  const list = z.array(deadlineSchema, { error: needs(format, "deadlines", "the weekly work and when it is due") });
  return required
    ? list.min(1, { error: `deadlines is empty; ${format} sections need the weekly work and when it is due` }).meta({ description: "Recurring due work." })
    : list.optional().meta({ description: "Recurring due work." });
};
const hoursPerWeek = (format: string) =>
  hours("the weekly study time", `hoursPerWeek is missing; ${format} sections need the hours of study a week`).meta({
    description: "Hours of study a week outside live sessions, including the work in deadlines.",
  });
const noLiveSessions = (field: string, instead: string) =>
  `asynchronous sections have no ${field}; remove ${instead}, or make the section "hybrid"`;
const absentBecauseAsynchronous = (field: string, instead: string) =>
  z
    .never({ error: noLiveSessions(field, instead) })
    .optional()
    .meta({ description: `Not allowed: asynchronous sections have no ${field}.` });
/** Generators write `"meetings": []` for a section without them (issue 14); an empty list is no meetings. */
const noMeetings = z
  .tuple([], { error: noLiveSessions("meetings", "meetings") })
  .optional()
  .meta({ description: "Absent or an empty list: asynchronous sections have no meetings." });

/** A section with `format: "synchronous"`: meetings, a recording policy; deadlines optional. */
export const synchronousSectionSchema = z
  .looseObject({
    id: sectionId,
    format: z.literal("synchronous"),
    ...sectionBase,
    meetings: meetings("synchronous"),
    skipDates,
    extraMeetings,
    recordings: recordingPolicy("synchronous"),
    hoursPerWeek: hours("the weekly study time").optional().meta({ description: "Hours of study a week outside live sessions." }),
    deadlines: deadlines("synchronous", false),
  })
  .meta({ id: "SynchronousSection", description: "Learners attend live sessions at set times." });

/** A section with `format: "asynchronous"`: deadlines and hoursPerWeek; no meetings (or an empty list). */
export const asynchronousSectionSchema = z
  .looseObject({
    id: sectionId,
    format: z.literal("asynchronous"),
    ...sectionBase,
    meetings: noMeetings,
    skipDates: absentBecauseAsynchronous("live sessions to skip", "skipDates"),
    extraMeetings: absentBecauseAsynchronous("live sessions", "extraMeetings"),
    recordings: recordingPolicy("asynchronous").optional().meta({ description: `${RECORDING_DESCRIPTION} Optional: asynchronous sections have no live sessions.` }),
    hoursPerWeek: hoursPerWeek("asynchronous"),
    deadlines: deadlines("asynchronous", true),
  })
  .meta({ id: "AsynchronousSection", description: "No live sessions: learners study when they choose and meet weekly deadlines." });

/** A section with `format: "hybrid"`: meetings and a recording policy, and deadlines and hoursPerWeek. */
export const hybridSectionSchema = z
  .looseObject({
    id: sectionId,
    format: z.literal("hybrid"),
    ...sectionBase,
    meetings: meetings("hybrid"),
    skipDates,
    extraMeetings,
    recordings: recordingPolicy("hybrid"),
    hoursPerWeek: hoursPerWeek("hybrid"),
    deadlines: deadlines("hybrid", true),
  })
  .meta({ id: "HybridSection", description: "Some live sessions, the rest of the work on the learner's own schedule with deadlines." });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The rules between a section's fields. It runs even when a field failed (`when`), reading the
 * value defensively, so that one bad time does not hide a term that ends before it starts.
 */
function checkSectionRelations(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value)) return;
  const { startDate, endDate } = value;
  if (!isRealDate(startDate) || !isRealDate(endDate)) return;
  const add = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message, input: undefined });

  if (startDate > endDate) {
    add(["endDate"], `${endDate} is before startDate ${startDate}; expected the last day of the term, on or after startDate`);
    return;
  }
  if (Number(startDate.slice(0, 4)) < FIRST_TERM_YEAR) {
    add(["startDate"], `${startDate} is before ${FIRST_TERM_YEAR}; expected a term within ${FIRST_TERM_YEAR}–${LAST_TERM_YEAR}`);
    return;
  }
  if (Number(endDate.slice(0, 4)) > LAST_TERM_YEAR) {
    add(["endDate"], `${endDate} is after ${LAST_TERM_YEAR}; expected a term within ${FIRST_TERM_YEAR}–${LAST_TERM_YEAR}`);
    return;
  }
  const termDays = dayNumber(endDate) - dayNumber(startDate) + 1;
  if (termDays > MAX_TERM_DAYS) {
    add(["endDate"], `the term from ${startDate} to ${endDate} is ${termDays} days; expected at most ${MAX_TERM_DAYS} days`);
    return;
  }
  const term = `from startDate ${startDate} through endDate ${endDate}`;
  // The dates sessions and the course calendar will have: the same engine, asked the same question.
  const ruleDates = (rule: unknown): readonly string[] | undefined =>
    typeof rule === "string" && catalogRuleProblems(rule).length === 0 ? termRuleDates(rule, startDate, endDate).dates : undefined;

  // Asynchronous sections have no meetings; their skipDates and extraMeetings are reported as not allowed already.
  const meetingList = value.format !== "asynchronous" && Array.isArray(value.meetings) ? value.meetings : undefined;
  const sessionDates = new Set<string>();
  let everyRuleRead = true;
  meetingList?.forEach((meeting, i) => {
    const dates = isRecord(meeting) ? ruleDates(meeting.rrule) : undefined;
    if (dates === undefined) {
      everyRuleRead = false;
      return;
    }
    if (dates.length === 0) add(["meetings", i, "rrule"], `matches no date ${term}; expected a rule with at least one session in the term`);
    for (const date of dates) sessionDates.add(date);
  });

  if (meetingList !== undefined && Array.isArray(value.skipDates)) {
    const seen = new Set<string>();
    value.skipDates.forEach((date, i) => {
      if (!isRealDate(date)) return;
      if (seen.has(date)) {
        add(["skipDates", i], `${date} is listed twice; expected each date once`);
      } else if (date < startDate || date > endDate) {
        add(["skipDates", i], `${date} is outside the term; expected a date ${term}`);
      } else if (everyRuleRead && !sessionDates.has(date)) {
        add(["skipDates", i], `${date} (a ${weekdayName(date)}) is not a session date: no meetings rule matches it; expected a date a meeting falls on`);
      }
      seen.add(date);
    });
  }

  if (meetingList !== undefined && Array.isArray(value.extraMeetings)) {
    value.extraMeetings.forEach((extra, i) => {
      if (!isRecord(extra) || typeof extra.start !== "string" || !LOCAL_DATE_TIME_PATTERN.test(extra.start)) return;
      const date = extra.start.slice(0, 10);
      if (date < startDate || date > endDate) add(["extraMeetings", i, "start"], `${extra.start} is outside the term; expected a date ${term}`);
    });
  }

  if (Array.isArray(value.deadlines)) {
    value.deadlines.forEach((deadline, i) => {
      const dates = isRecord(deadline) ? ruleDates(deadline.rrule) : undefined;
      if (dates !== undefined && dates.length === 0) add(["deadlines", i, "rrule"], `matches no date ${term}; expected a rule with at least one due date in the term`);
    });
  }
}

const always = () => true;

/**
 * A section of any format, with the rules between its fields: the term, skip dates on session
 * days, extra meetings within the term, rules that match at least one date.
 */
export const sectionSchema = z
  .discriminatedUnion("format", [synchronousSectionSchema, asynchronousSectionSchema, hybridSectionSchema], {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const format = isRecord(issue.input) ? issue.input.format : undefined;
      return format === undefined ? `format is missing; expected ${FORMAT_NAMES}` : `${show(format)} is not a format; expected ${FORMAT_NAMES}`;
    },
  })
  .superRefine(checkSectionRelations, { when: always });

/** A course and its sections. */
export const courseSchema = z
  .looseObject({
    id: identifier("course id").meta({ description: "Unique within the catalog.", examples: ["PM-101"] }),
    title: text("title"),
    summary: text("summary").meta({ description: "What a learner gets from the course, in a sentence or three." }),
    credits: z.number().min(0).optional().meta({ description: "Credit hours; 0 for non-credit courses." }),
    level: text("level").optional().meta({ examples: ["introductory", "intermediate", "advanced"] }),
    certificate: text("certificate").optional().meta({ description: "The certificate or exam the course counts toward or prepares for." }),
    sections: z
      .array(sectionSchema)
      .min(1, { error: "sections is empty; expected at least one section" })
      .meta({ description: "The ways to take the course this term." }),
  })
  .meta({ id: "Course" });

function checkUniqueIds(value: unknown, ctx: z.RefinementCtx): void {
  if (!isRecord(value) || !Array.isArray(value.courses)) return;
  const courseIds = new Map<string, number>();
  const sectionIds = new Map<string, string>();
  value.courses.forEach((course, c) => {
    if (!isRecord(course)) return;
    if (typeof course.id === "string") {
      const first = courseIds.get(course.id);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["courses", c, "id"], message: `course id ${show(course.id)} is already used by courses[${first}]; expected ids unique within the catalog` });
      } else {
        courseIds.set(course.id, c);
      }
    }
    if (!Array.isArray(course.sections)) return;
    course.sections.forEach((section, s) => {
      if (!isRecord(section) || typeof section.id !== "string") return;
      const first = sectionIds.get(section.id);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["courses", c, "sections", s, "id"], message: `section id ${show(section.id)} is already used by ${first}; expected section ids unique across the catalog` });
      } else {
        sectionIds.set(section.id, `courses[${c}].sections[${s}]`);
      }
    });
  });
}

/**
 * The whole catalog, with unique course and section ids. Prefer {@link validateCatalog}, which
 * words every issue and gives its JSON path; this schema is exported for composition and for
 * `z.toJSONSchema` (scripts/gen-catalog-schema.ts).
 */
export const catalogSchema = z
  .looseObject({
    $schema: z.string().optional().meta({ description: "Path or URL of catalog.schema.json, for editors." }),
    institution: text("institution").meta({ examples: ["School of Professional Studies"] }),
    term: text("term").optional().meta({ description: "The term the catalog covers.", examples: ["Spring 2027"] }),
    courses: z.array(courseSchema).min(1, { error: "courses is empty; expected at least one course" }),
  })
  .superRefine(checkUniqueIds, { when: always })
  .meta({
    title: "FormatFit course catalog",
    description:
      "A school's courses and their sections: synchronous, asynchronous or hybrid, with live sessions, deadlines and weekly workload. Times are wall-clock times in each section's timeZone. See docs/catalog.md.",
  });

/** A validated catalog. Unknown fields a school adds are kept. */
export type Catalog = z.infer<typeof catalogSchema>;
export type Course = z.infer<typeof courseSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type SynchronousSection = z.infer<typeof synchronousSectionSchema>;
export type AsynchronousSection = z.infer<typeof asynchronousSectionSchema>;
export type HybridSection = z.infer<typeof hybridSectionSchema>;
export type SectionFormat = Section["format"];
export type RecordingPolicy = SynchronousSection["recordings"];
export type Meeting = z.infer<typeof meetingSchema>;
export type Deadline = z.infer<typeof deadlineSchema>;
export type ExtraMeeting = z.infer<typeof extraMeetingSchema>;

// ---------------------------------------------------------------------------------------------
// Validation result

/** One problem with a catalog: where (a JSON path such as `courses[2].sections[0].startDate`; `""` is the whole document) and what. */
export interface CatalogIssue {
  readonly path: string;
  readonly message: string;
}

export type CatalogValidation = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

/**
 * Formats a zod issue path as a JSON path: `courses[2].sections[0].meetings[0].startTime`.
 *
 * @example
 * ```ts
 * formatIssuePath(["courses", 2, "sections", 0, "id"]); // → "courses[2].sections[0].id"
 * formatIssuePath([]);                                  // → ""
 * ```
 */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const EXPECTED: Record<string, string> = {
  string: "text (a string)",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list (an array)",
  object: "an object",
};

/** Messages for the issues no schema words itself: wrong JSON types, missing fields, bounds. */
const describeIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `missing; expected ${expected}` : `${show(issue.input)} is the wrong type; expected ${expected}`;
    }
    case "too_small":
      if (issue.origin === "array") return `needs at least ${plural(Number(issue.minimum), "item")}`;
      if (issue.origin === "string") return "is empty; expected some text";
      return `${show(issue.input)} is too small; expected ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      return `${show(issue.input)} is too large; expected ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    default:
      return undefined;
  }
};

/**
 * Validates a catalog (already parsed from JSON) against the catalog format and reports every
 * problem it finds, each with the JSON path of the offending value and a message saying what is
 * wrong and what is expected.
 *
 * @example
 * ```ts
 * const result = validateCatalog(JSON.parse(text));
 * if (result.ok) {
 *   console.log(result.catalog.courses.length);
 * } else {
 *   for (const { path, message } of result.issues) console.error(`${path}: ${message}`);
 *   // courses[0].sections[0].meetings[0].startTime: "25:00" is not a valid time; expected …
 * }
 * ```
 */
export function validateCatalog(input: unknown): CatalogValidation {
  const result = catalogSchema.safeParse(input, { error: describeIssue, reportInput: true });
  if (result.success) return { ok: true, catalog: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message })) };
}
