/**
 * The check page's pure helpers (app/check): the course filter and its status line, and the
 * message when no calendar can be used.
 */
import { describe, expect, it } from "vitest";
import { filterCourses, filterStatus, queryWords } from "@/app/check/courseFilter";
import { noCalendarText } from "@/app/check/noCalendar";
import type { CourseOption } from "@/app/check/types";

const COURSES: CourseOption[] = [
  { id: "PM-101", title: "Project Management Foundations", sections: [{ id: "PM-101-S1", format: "synchronous", schedule: "" }, { id: "PM-101-A1", format: "asynchronous", schedule: "" }] },
  { id: "DA-110", title: "Data Analytics Fundamentals", sections: [{ id: "DA-110-H1", format: "hybrid", schedule: "" }] },
  { id: "AGL-140", title: "Agile Project Management with Scrum", sections: [{ id: "AGL-140-S1", format: "synchronous", schedule: "" }] },
  { id: "FR-100", title: "Français économique", sections: [{ id: "FR-100-A1", format: "asynchronous", schedule: "" }] },
];
const ids = (query: string) => filterCourses(COURSES, query).map((r) => r.course.id);

describe("filterCourses", () => {
  it("keeps every course, in catalog order, for a blank query", () => {
    expect(ids("")).toEqual(["PM-101", "DA-110", "AGL-140", "FR-100"]);
    expect(ids("   ")).toEqual(["PM-101", "DA-110", "AGL-140", "FR-100"]);
    expect(queryWords("  ")).toEqual([]);
  });

  it("matches ids and titles, ignoring case", () => {
    expect(ids("pm-101")).toEqual(["PM-101"]);
    expect(ids("FOUNDATIONS")).toEqual(["PM-101"]);
    expect(ids("fundamentals")).toEqual(["DA-110"]);
  });

  it("needs every word, in any order and any field", () => {
    expect(ids("management project")).toEqual(["PM-101", "AGL-140"]);
    expect(ids("scrum project")).toEqual(["AGL-140"]);
    expect(ids("scrum data")).toEqual([]);
  });

  it("ignores accents both ways", () => {
    expect(ids("economique")).toEqual(["FR-100"]);
    expect(ids("Économique francais")).toEqual(["FR-100"]);
  });

  it("finds a course by its section's id, and says a section matched (to open its sections)", () => {
    expect(filterCourses(COURSES, "pm-101-a1")).toEqual([{ course: COURSES[0], sectionMatch: true }]);
    expect(filterCourses(COURSES, "pm-101")).toEqual([{ course: COURSES[0], sectionMatch: false }]);
  });
});

describe("filterStatus", () => {
  it("counts all the courses when nothing is typed", () => {
    expect(filterStatus(14, 14, "")).toBe("14 courses.");
    expect(filterStatus(1, 1, "")).toBe("1 course.");
  });

  it("says how many of how many match, with the query", () => {
    expect(filterStatus(2, 14, " data ")).toBe("2 of 14 courses match “data”.");
    expect(filterStatus(1, 14, "pm")).toBe("1 of 14 courses matches “pm”.");
  });

  it("says what to try when nothing matches", () => {
    expect(filterStatus(0, 14, "astro")).toBe("No course matches “astro”. Try a course code such as PM-101 or a word from its title.");
  });
});

describe("noCalendarText", () => {
  it("asks for a calendar when none was added", () => {
    expect(noCalendarText([])).toBe("Add at least one calendar first: pick or drop an .ics file, or paste a calendar address.");
  });

  it("names the one file that could not be used, and says what to do", () => {
    const text = noCalendarText([{ kind: "file", label: "photo.png" }]);
    expect(text).toMatch(/^The file you added could not be used: photo\.png\. Export your calendar as an \.ics file and add that \(Google Calendar: /);
    expect(text).toContain("or paste the calendar's .ics address");
  });

  it("names several files, and the addresses apart", () => {
    const text = noCalendarText([
      { kind: "file", label: "a.png" },
      { kind: "url", label: "https://example.com/x" },
      { kind: "file", label: "b.html" },
    ]);
    expect(text).toMatch(/^The 2 files you added could not be used: a\.png and b\.html\. The address you added could not be used: https:\/\/example\.com\/x\. Export/);
  });
});
