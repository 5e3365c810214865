/**
 * The course list's text filter: a course matches when every word typed appears in its id, its
 * title or one of its sections' ids (case and accents ignored), so "project pm", "PM-101" and
 * "pm-101-s1" all find PM-101.
 */
import { plural } from "@/lib/words";
import type { CourseOption } from "./types";

/** Lower case, accents dropped, runs of spaces as one: how the filter compares text. */
function folded(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a query, folded; none for an empty or blank query. */
export function queryWords(query: string): string[] {
  const q = folded(query);
  return q === "" ? [] : q.split(" ");
}

/**
 * The courses a query keeps, in catalog order, each with whether a section id matched (so the list
 * can open that course's sections).
 *
 * @example
 * filterCourses(courses, "pm-101-s1") // [{ course: PM-101, sectionMatch: true }]
 */
export function filterCourses(courses: readonly CourseOption[], query: string): { course: CourseOption; sectionMatch: boolean }[] {
  const words = queryWords(query);
  if (words.length === 0) return courses.map((course) => ({ course, sectionMatch: false }));
  const kept: { course: CourseOption; sectionMatch: boolean }[] = [];
  for (const course of courses) {
    const own = folded(`${course.id} ${course.title}`);
    const sections = course.sections.map((s) => folded(s.id));
    if (!words.every((w) => own.includes(w) || sections.some((s) => s.includes(w)))) continue;
    // A word that only a section's id holds (PM-101-S1, not PM-101) means the learner is after that section.
    const sectionMatch = words.some((w) => !own.includes(w) && sections.some((s) => s.includes(w)));
    kept.push({ course, sectionMatch });
  }
  return kept;
}

/**
 * What the list's status line says: how many courses the filter keeps, or what to try when none.
 *
 * @example
 * filterStatus(3, 14, "pm") // "3 of 14 courses match “pm”."
 */
export function filterStatus(shown: number, total: number, query: string): string {
  const q = query.trim();
  if (q === "") return `${plural(total, "course")}.`;
  if (shown === 0) return `No course matches “${q}”. Try a course code such as PM-101 or a word from its title.`;
  return `${shown} of ${plural(total, "course")} ${shown === 1 ? "matches" : "match"} “${q}”.`;
}
