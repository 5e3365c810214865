import { readFileSync } from "node:fs";
import { RRule } from "rrule";
import { describe, expect, it } from "vitest";
import bundled from "@/lib/catalog/bundled-catalog.json";
import { type Catalog, type Section, validateCatalog } from "@/lib/catalog/schema";
import { CATALOG_JSON_SCHEMA_PATH, catalogJsonSchemaText } from "@/scripts/gen-catalog-schema";

const result = validateCatalog(bundled);
const catalog: Catalog = result.ok ? result.catalog : { institution: "", courses: [] };
const sections: Section[] = catalog.courses.flatMap((course) => course.sections);
const live = sections.filter((section) => section.format !== "asynchronous");

/**
 * An oracle independent of the code under test: rrule, expanded directly on UTC-as-floating dates
 * (no tzid, so the host zone plays no part), from startDate through endDate.
 */
function matchedDates(rule: string, startDate: string, endDate: string): string[] {
  const options = RRule.parseString(rule);
  const rrule = new RRule({ ...options, dtstart: new Date(`${startDate}T00:00:00Z`), until: new Date(`${endDate}T00:00:00Z`) });
  return rrule.all().map((date) => date.toISOString().slice(0, 10));
}
function sessionDates(section: Section): Set<string> {
  return new Set((section.meetings ?? []).flatMap((meeting) => matchedDates(meeting.rrule, section.startDate, section.endDate)));
}
function termDays(section: Section): number {
  return (Date.parse(`${section.endDate}T00:00:00Z`) - Date.parse(`${section.startDate}T00:00:00Z`)) / 86_400_000 + 1;
}

describe("the bundled catalog", () => {
  it("validates", () => {
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("is a Spring 2027 term at the School of Professional Studies", () => {
    expect([catalog.institution, catalog.term]).toEqual(["School of Professional Studies", "Spring 2027"]);
    expect(sections.every((section) => section.startDate >= "2027-01-01" && section.endDate <= "2027-05-31")).toBe(true);
  });

  it("has at least 12 courses and 30 sections", () => {
    expect(catalog.courses.length).toBeGreaterThanOrEqual(12);
    expect(sections.length).toBeGreaterThanOrEqual(30);
  });

  it("offers all three formats, and every course in at least two of them", () => {
    expect([...new Set(sections.map((section) => section.format))].sort()).toEqual(["asynchronous", "hybrid", "synchronous"]);
    const compared = catalog.courses.filter((course) => new Set(course.sections.map((section) => section.format)).size >= 2);
    expect(compared.length).toBe(catalog.courses.length);
  });

  it("has all three recording policies", () => {
    expect([...new Set(live.map((section) => section.recordings))].sort()).toEqual(["all", "none", "some"]);
  });

  it("schedules sections in four time zones", () => {
    expect([...new Set(sections.map((section) => section.timeZone))].sort()).toEqual([
      "America/Chicago",
      "America/Los_Angeles",
      "America/New_York",
      "Europe/London",
    ]);
  });

  it("names sections after their course and format (S, A, H)", () => {
    const letter = { synchronous: "S", asynchronous: "A", hybrid: "H" } as const;
    for (const course of catalog.courses) {
      for (const section of course.sections) {
        expect(section.id).toMatch(new RegExp(`^${course.id}-${letter[section.format]}\\d$`));
      }
    }
  });

  it("runs 8-week and 15-week terms", () => {
    expect([...new Set(sections.map(termDays))].sort((a, b) => a - b)).toEqual([56, 105]);
  });

  it("meets on weekday evenings, Saturday mornings and at a weekday lunchtime", () => {
    const days = (rule: string) => (/(?:^|;)BYDAY=([^;]+)/.exec(rule)?.[1] ?? "").split(",").map((day) => day.slice(-2));
    const slots = live.flatMap((section) => section.meetings.map((meeting) => ({ days: days(meeting.rrule), start: meeting.startTime, minutes: meeting.durationMinutes })));
    const weekday = (slot: { days: string[] }) => slot.days.some((day) => ["MO", "TU", "WE", "TH", "FR"].includes(day));
    const saturday = (slot: { days: string[] }) => slot.days.includes("SA");
    expect(slots.some((slot) => weekday(slot) && slot.start >= "18:00" && slot.start <= "21:00")).toBe(true);
    expect(slots.some((slot) => saturday(slot) && slot.start < "12:00")).toBe(true);
    expect(slots.some((slot) => weekday(slot) && slot.start === "12:00" && slot.minutes === 60)).toBe(true);
  });

  it("puts every skip date on a day its section meets", () => {
    for (const section of live) {
      const dates = sessionDates(section);
      for (const skip of section.skipDates ?? []) expect(`${section.id} ${skip} ${dates.has(skip)}`).toBe(`${section.id} ${skip} true`);
    }
  });

  it("skips the US holidays and spring break wherever a section would meet on them", () => {
    // MLK Day, Presidents' Day, the spring break week, Memorial Day.
    const closed = ["2027-01-18", "2027-02-15", "2027-03-15", "2027-03-16", "2027-03-17", "2027-03-18", "2027-03-19", "2027-03-20", "2027-03-21", "2027-05-31"];
    for (const section of live) {
      const dates = sessionDates(section);
      const expected = closed.filter((date) => dates.has(date));
      expect(`${section.id} ${[...(section.skipDates ?? [])].sort().join(",")}`).toBe(`${section.id} ${expected.join(",")}`);
    }
    expect(live.filter((section) => (section.skipDates ?? []).includes("2027-01-18")).length).toBeGreaterThan(0);
    expect(live.filter((section) => (section.skipDates ?? []).includes("2027-03-16")).length).toBeGreaterThan(0);
  });

  it("has kickoff and make-up sessions as extra meetings", () => {
    const titles = live.flatMap((section) => (section.extraMeetings ?? []).map((extra) => extra.title ?? ""));
    expect(titles.some((title) => /kickoff/i.test(title))).toBe(true);
    expect(titles.some((title) => /make-up/i.test(title))).toBe(true);
  });

  it("asks no more deadline work in a week than the section's hoursPerWeek", () => {
    for (const section of sections) {
      const weekly = (section.deadlines ?? []).reduce((sum, deadline) => sum + deadline.hours, 0);
      expect(`${section.id} ${weekly <= (section.hoursPerWeek ?? 0)}`).toBe(`${section.id} true`);
    }
  });

  it("gives asynchronous sections Sunday assignments and midweek posts with hours", () => {
    const pm = sections.find((section) => section.id === "PM-101-A1");
    expect(pm?.deadlines).toEqual([
      { rrule: "FREQ=WEEKLY;BYDAY=WE", time: "23:59", title: "Discussion post", hours: 1 },
      { rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly assignment", hours: 3 },
    ]);
  });

  it("points editors at the JSON Schema next to it", () => {
    expect(catalog.$schema).toBe("./catalog.schema.json");
  });
});

describe("catalog.schema.json", () => {
  it("is up to date with the zod schema (npx tsx scripts/gen-catalog-schema.ts)", () => {
    expect(readFileSync(CATALOG_JSON_SCHEMA_PATH, "utf8")).toBe(catalogJsonSchemaText());
  });

  it("carries the format rules: asynchronous sections have no meetings (or an empty list), hybrid ones need deadlines", () => {
    const schema = JSON.parse(catalogJsonSchemaText());
    expect(schema.$defs.AsynchronousSection.properties.meetings).toMatchObject({ type: "array", items: false, maxItems: 0 });
    // Draft 2020-12 requires prefixItems to hold at least one schema; zod writes [] for an empty tuple.
    expect(schema.$defs.AsynchronousSection.properties.meetings).not.toHaveProperty("prefixItems");
    expect(schema.$defs.AsynchronousSection.required).toEqual(["id", "format", "timeZone", "startDate", "endDate", "hoursPerWeek", "deadlines"]);
    expect(schema.$defs.HybridSection.required).toEqual(["id", "format", "timeZone", "startDate", "endDate", "meetings", "recordings", "hoursPerWeek", "deadlines"]);
    expect(schema.$defs.SynchronousSection.required).toEqual(["id", "format", "timeZone", "startDate", "endDate", "meetings", "recordings"]);
  });
});
