/**
 * What a term plan is asked to combine: 2–8 courses, each with the sections it may take — every
 * section, or the one `require` pins, less those `exclude` drops. Every mistake in the request is
 * an {@link AppError} that names the id, where it was given, and what to do.
 */
import type { Catalog, Course, Section } from "../catalog/schema";
import { AppError } from "../errors";
import { plural } from "../words";

/** Courses a plan combines, at least and at most. */
export const MIN_PLAN_COURSES = 2;
export const MAX_PLAN_COURSES = 8;

/** Combinations a plan judges at most; past it the learner narrows the request. */
export const MAX_COMBINATIONS = 100_000;

export interface PlanChoice {
  /** Course ids, each once, 2–8 of them. */
  readonly courseIds: readonly string[];
  /** Section ids to pin: the plan takes that section for its course. */
  readonly require?: readonly string[];
  /** Section ids to leave out. */
  readonly exclude?: readonly string[];
}

/** One course of the plan and the sections it may take, in catalog order. */
export interface CourseCandidates {
  readonly course: Course;
  readonly sections: readonly Section[];
}

function sectionsById(catalog: Catalog): Map<string, { course: Course; section: Section }> {
  const out = new Map<string, { course: Course; section: Section }>();
  for (const course of catalog.courses) for (const section of course.sections) out.set(section.id, { course, section });
  return out;
}

function chosenCourses(catalog: Catalog, courseIds: readonly string[]): Course[] {
  if (courseIds.length < MIN_PLAN_COURSES) {
    const got = courseIds.length === 0 ? "none" : `${courseIds.length}: ${courseIds.join(", ")}`;
    throw new AppError("BAD_REQUEST", `A plan combines at least ${MIN_PLAN_COURSES} courses (got ${got}); to compare the sections of one course, run a check.`, { where: "courses" });
  }
  if (courseIds.length > MAX_PLAN_COURSES) {
    throw new AppError("BAD_REQUEST", `A plan combines at most ${MAX_PLAN_COURSES} courses (got ${courseIds.length}); plan fewer at a time.`, { where: "courses" });
  }
  const seen = new Set<string>();
  return courseIds.map((id) => {
    if (seen.has(id)) throw new AppError("BAD_REQUEST", `${id} is listed twice; list each course once.`, { where: "courses" });
    seen.add(id);
    const course = catalog.courses.find((c) => c.id === id);
    if (!course) throw new AppError("UNKNOWN_COURSE", `There is no course "${id}" in the catalog; course ids look like ${catalog.courses[0]?.id ?? "PM-101"}.`, { where: "courses", detail: { courseId: id } });
    return course;
  });
}

/** The sections of `ids`, each known and of a planned course. */
function listedSections(catalog: Catalog, courses: readonly Course[], ids: readonly string[], where: "require" | "exclude"): { course: Course; section: Section }[] {
  const known = sectionsById(catalog);
  const verb = where === "require" ? "required" : "excluded";
  return ids.map((id) => {
    const found = known.get(id);
    if (!found) {
      throw new AppError("UNKNOWN_SECTION", `There is no section "${id}" in the catalog (${verb}); section ids look like ${catalog.courses[0]?.sections[0]?.id ?? "PM-101-S1"}.`, { where, detail: { sectionId: id } });
    }
    if (!courses.includes(found.course)) {
      throw new AppError("BAD_REQUEST", `${id} belongs to ${found.course.id}, which is not among the courses to plan; add ${found.course.id} to the courses or drop ${id} from the ${verb} sections.`, { where, detail: { sectionId: id } });
    }
    return found;
  });
}

/**
 * The sections each course may take: the required one, or every section but the excluded ones.
 *
 * @example
 * planCandidates(catalog, { courseIds: ["PM-101", "DS-200"], exclude: ["PM-101-S1"] }).map((c) => c.sections.map((s) => s.id))
 * // [["PM-101-A1", "PM-101-H1"], ["DS-200-S1", "DS-200-A1"]]
 */
export function planCandidates(catalog: Catalog, choice: PlanChoice): CourseCandidates[] {
  const courses = chosenCourses(catalog, choice.courseIds);
  const required = listedSections(catalog, courses, choice.require ?? [], "require");
  const excluded = new Set(listedSections(catalog, courses, choice.exclude ?? [], "exclude").map((x) => x.section));
  const pinned = new Map<Course, Section>();
  for (const { course, section } of required) {
    const other = pinned.get(course);
    if (other && other !== section) {
      throw new AppError("BAD_REQUEST", `${other.id} and ${section.id} are both required, but a plan takes one section of ${course.id}; require one of them.`, { where: "require" });
    }
    if (excluded.has(section)) throw new AppError("BAD_REQUEST", `${section.id} is both required and excluded; keep one.`, { where: "require", detail: { sectionId: section.id } });
    pinned.set(course, section);
  }
  const out = courses.map((course) => {
    const pin = pinned.get(course);
    const sections = pin ? [pin] : course.sections.filter((s) => !excluded.has(s));
    if (sections.length === 0) throw new AppError("BAD_REQUEST", `Every section of ${course.id} is excluded, so no plan can hold it; exclude fewer or drop the course.`, { where: "exclude" });
    return { course, sections };
  });
  const count = combinationCount(out.map((c) => c.sections.length));
  if (count > MAX_COMBINATIONS) {
    throw new AppError("BAD_REQUEST", `These courses make ${plural(count, "combination")}, more than the ${MAX_COMBINATIONS.toLocaleString("en-US")} a plan judges; require a section or exclude some to narrow it.`, { where: "courses" });
  }
  return out;
}

/** How many ways to take one of each: the product of the sizes. */
export function combinationCount(sizes: readonly number[]): number {
  return sizes.reduce((p, n) => p * n, 1);
}
