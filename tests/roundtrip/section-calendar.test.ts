/**
 * Course calendars read back: for every section of the bundled catalog (and a few built to be
 * awkward), the exported .ics, imported and expanded by our own engine — and by ical.js — gives
 * exactly the section's session and deadline instants. Literal instants for the DST cases.
 */
import { describe, expect, it } from "vitest";
import { findSection, loadCatalog, validateCatalog, type Course, type Section } from "@/lib/catalog";
import { sectionDeadlines, sectionSessions } from "@/lib/catalog/sessions";
import { sectionCalendar } from "@/lib/export/section-calendar";
import { requireZone } from "@/lib/time/zone";
import { iso } from "../helpers/ics";
import { icalInstances, icalParse, ourInstances, renameZone, sortInstances, unfold, type Instance } from "./helpers";

const NOW = Date.parse("2027-01-04T12:00:00Z");
const DAY = 86_400_000;
const catalog = loadCatalog({ env: {} });
const everySection = catalog.courses.flatMap((course) => course.sections.map((section) => ({ course, section })));

function termWindow(section: Section): { from: number; to: number } {
  const zone = requireZone(section.timeZone);
  const wall = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  // A week either side, so that anything the export adds outside the term would show.
  return { from: zone.wallToUtc(wall(section.startDate)) - 7 * DAY, to: zone.wallToUtc(wall(section.endDate) + DAY) + 7 * DAY };
}

/** What the catalog says, in the shape the round trip gives back. */
function expected(section: Section): { sessions: Instance[]; deadlines: string[] } {
  return {
    sessions: sortInstances(
      sectionSessions(section).map((s) => ({
        uid: `${s.kind === "meeting" ? `meeting-${s.patternIndex}` : `extra-${s.extraIndex}`}.${section.id}@formatfit.invalid`,
        start: iso(s.start),
        end: iso(s.end),
      })),
    ),
    deadlines: sectionDeadlines(section).map((d) => `${iso(d.at)} deadline-${d.deadlineIndex}.${section.id}@formatfit.invalid`),
  };
}

function split(instances: readonly Instance[]): { sessions: Instance[]; deadlines: string[] } {
  return {
    sessions: sortInstances(instances.filter((i) => !i.uid.startsWith("deadline-"))),
    deadlines: instances
      .filter((i) => i.uid.startsWith("deadline-"))
      .map((i) => `${i.start} ${i.uid}`)
      .sort(),
  };
}

function exportOf(id: string, options: Partial<Parameters<typeof sectionCalendar>[2]> = {}): string {
  const found = findSection(catalog, id);
  if (!found) throw new Error(`test bug: no section ${id}`);
  return sectionCalendar(found.section, found.course, { now: NOW, ...options });
}

describe("every section of the bundled catalog, exported and read back", () => {
  it.each(everySection.map(({ course, section }) => [section.id, course, section] as const))("%s", (_id, course: Course, section: Section) => {
    const text = sectionCalendar(section, course, { now: NOW, institution: catalog.institution });
    const window = termWindow(section);
    const want = expected(section);
    want.deadlines.sort();

    // Our importer, with the zone from the IANA database (its TZID is an IANA name).
    const ours = ourInstances(text, window.from, window.to);
    expect(ours.issues).toEqual([]);
    expect(split(ours.instances)).toEqual(want);
    // Deadlines never make the learner busy; sessions do.
    for (const o of ours.occurrences) expect(o.transparent).toBe(o.uid.startsWith("deadline-"));

    // Our importer again, with the zone defined only by the file's VTIMEZONE.
    const renamed = renameZone(text, section.timeZone, "FormatFit-Test-Zone");
    expect(renamed).toContain("DTSTART;TZID=FormatFit-Test-Zone:");
    const viaVtimezone = ourInstances(renamed, window.from, window.to);
    expect(viaVtimezone.issues).toEqual([]);
    expect(split(viaVtimezone.instances)).toEqual(want);

    // ical.js parses it and, with only the file's VTIMEZONE to go on, expands the same instants.
    expect(() => icalParse(text)).not.toThrow();
    expect(split(icalInstances(text))).toEqual(want);
    expect(split(icalInstances(renamed))).toEqual(want);
  });

  it("writes only lines of at most 75 octets, each ended by CRLF, for every section", () => {
    for (const { course, section } of everySection) {
      const text = sectionCalendar(section, course, { now: NOW, institution: catalog.institution });
      expect(text.endsWith("\r\n")).toBe(true);
      expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
      for (const line of text.slice(0, -2).split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    }
  });
});

describe("the calendar of PM-101-S1 (America/New_York, Tue/Thu 18:30, spring break Mar 16 and 18)", () => {
  const text = exportOf("PM-101-S1", { sequence: 3, institution: catalog.institution });
  const lines = unfold(text);
  const meeting = lines.slice(lines.indexOf("UID:meeting-0.PM-101-S1@formatfit.invalid"));

  it("names the calendar and asks subscribers to refresh every 12 hours", () => {
    expect(lines.slice(0, 12)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//FormatFit//Course calendar 1.0//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "NAME:PM-101 PM-101-S1 — Project Management Foundations",
      "X-WR-CALNAME:PM-101 PM-101-S1 — Project Management Foundations",
      expect.stringMatching(/^X-WR-CALDESC:School of Professional Studies: Plan\\, schedule\\, budget/),
      "X-WR-TIMEZONE:America/New_York",
      "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
      "X-PUBLISHED-TTL:PT12H",
      "BEGIN:VTIMEZONE",
    ]);
  });

  it("starts the series on the first Tuesday, not on startDate (Monday Jan 11), and ends it with a UTC UNTIL", () => {
    expect(meeting.slice(0, 7)).toEqual([
      "UID:meeting-0.PM-101-S1@formatfit.invalid",
      "DTSTAMP:20270104T120000Z",
      "SEQUENCE:3",
      "DTSTART;TZID=America/New_York:20270112T183000",
      "DTEND;TZID=America/New_York:20270112T200000",
      // endDate is Sunday Apr 25; its last second in New York (EDT) is 03:59:59Z on Apr 26.
      "RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20270426T035959Z",
      "EXDATE;TZID=America/New_York:20270316T183000",
    ]);
    expect(meeting[7]).toBe("EXDATE;TZID=America/New_York:20270318T183000");
  });

  it("keeps 18:30 local across the US change on March 14, 2027 (23:30Z before, 22:30Z after)", () => {
    const { instances } = ourInstances(text, Date.parse("2027-03-08T00:00:00Z"), Date.parse("2027-03-27T00:00:00Z"));
    expect(instances.filter((i) => i.uid.startsWith("meeting-"))).toEqual([
      { uid: "meeting-0.PM-101-S1@formatfit.invalid", start: "2027-03-09T23:30:00Z", end: "2027-03-10T01:00:00Z" },
      { uid: "meeting-0.PM-101-S1@formatfit.invalid", start: "2027-03-11T23:30:00Z", end: "2027-03-12T01:00:00Z" },
      // Mar 16 and 18 are excluded (spring break).
      { uid: "meeting-0.PM-101-S1@formatfit.invalid", start: "2027-03-23T22:30:00Z", end: "2027-03-24T00:00:00Z" },
      { uid: "meeting-0.PM-101-S1@formatfit.invalid", start: "2027-03-25T22:30:00Z", end: "2027-03-26T00:00:00Z" },
    ]);
  });

  it("writes the deadline as a transparent event starting at the due time, cut at midnight, with a reminder a day before", () => {
    const start = lines.indexOf("UID:deadline-0.PM-101-S1@formatfit.invalid");
    const end = lines.indexOf("END:VEVENT", start);
    const deadline = lines.slice(start, end + 1);
    expect(deadline).toEqual([
      "UID:deadline-0.PM-101-S1@formatfit.invalid",
      "DTSTAMP:20270104T120000Z",
      "SEQUENCE:3",
      "DTSTART;TZID=America/New_York:20270117T235900",
      "DTEND;TZID=America/New_York:20270118T000000",
      "RRULE:FREQ=WEEKLY;BYDAY=SU;UNTIL=20270426T035959Z",
      "SUMMARY:Due: Weekly assignment — PM-101",
      expect.stringMatching(/^DESCRIPTION:Weekly assignment is due at 23:59 America\/New_York\\; plan about 3 hours of work for it\.\\n/),
      "CATEGORIES:Deadline",
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      "DESCRIPTION:Due: Weekly assignment — PM-101 (in one day)",
      "TRIGGER:-P1D",
      "END:VALARM",
      "END:VEVENT",
    ]);
    const { instances } = ourInstances(text, Date.parse("2027-01-17T00:00:00Z"), Date.parse("2027-01-19T00:00:00Z"));
    expect(instances.filter((i) => i.uid.startsWith("deadline-"))).toEqual([
      { uid: "deadline-0.PM-101-S1@formatfit.invalid", start: "2027-01-18T04:59:00Z", end: "2027-01-18T05:00:00Z" },
    ]);
  });

  it("describes the section from the catalog: instructor, location, recordings", () => {
    const description = meeting.find((l) => l.startsWith("DESCRIPTION:")) ?? "";
    expect(description).toBe(
      "DESCRIPTION:Live session\\, 90 minutes\\, at 18:30 America/New_York.\\n" +
        "PM-101 Project Management Foundations\\, section PM-101-S1: synchronous (live sessions at set times).\\n" +
        "Instructor: Dana Whitfield\\, PMP\\nLocation: Midtown Center\\, Room 412\\n" +
        "Recordings: every live session is recorded.\\nTimes are set in America/New_York.\\nSchool of Professional Studies",
    );
    expect(meeting).toContain("LOCATION:Midtown Center\\, Room 412");
    expect(meeting).toContain("TRANSP:OPAQUE");
  });
});

describe("UIDs, DTSTAMP and SEQUENCE", () => {
  it("gives the same UIDs in two exports made at different times, with DTSTAMP and SEQUENCE as given", () => {
    const first = unfold(exportOf("DA-110-S1", { now: Date.parse("2027-01-04T12:00:00Z") }));
    const second = unfold(exportOf("DA-110-S1", { now: Date.parse("2027-02-01T08:15:30Z"), sequence: 7 }));
    const uids = (ls: string[]) => ls.filter((l) => l.startsWith("UID:"));
    expect(uids(first)).toEqual(uids(second));
    expect(uids(first)).toEqual([
      "UID:meeting-0.DA-110-S1@formatfit.invalid",
      "UID:extra-0.DA-110-S1@formatfit.invalid",
      "UID:extra-1.DA-110-S1@formatfit.invalid",
      ...uids(first).filter((l) => l.startsWith("UID:deadline-")),
    ]);
    expect(new Set(first.filter((l) => l.startsWith("DTSTAMP:")))).toEqual(new Set(["DTSTAMP:20270104T120000Z"]));
    expect(new Set(second.filter((l) => l.startsWith("DTSTAMP:")))).toEqual(new Set(["DTSTAMP:20270201T081530Z"]));
    expect(new Set(first.filter((l) => l.startsWith("SEQUENCE:")))).toEqual(new Set(["SEQUENCE:0"]));
    expect(new Set(second.filter((l) => l.startsWith("SEQUENCE:")))).toEqual(new Set(["SEQUENCE:7"]));
  });

  it("does not change a section's calendar when another section of the catalog changes", () => {
    const before = exportOf("PM-101-S1");
    const edited = structuredClone(catalog) as { courses: { sections: Record<string, unknown>[] }[] };
    const other = edited.courses[0]?.sections.find((s) => s.id === "PM-101-A1");
    if (!other) throw new Error("test bug: PM-101-A1 missing");
    other.deadlines = [{ rrule: "FREQ=WEEKLY;BYDAY=MO", time: "09:00", title: "Moved", hours: 2 }];
    edited.courses.reverse();
    const result = validateCatalog(edited);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const found = findSection(result.catalog, "PM-101-S1");
    if (!found) throw new Error("test bug");
    expect(sectionCalendar(found.section, found.course, { now: NOW })).toBe(before);
  });

  it("uses the deployment's UID domain when given", () => {
    expect(unfold(exportOf("PM-101-A1", { uidDomain: "calendar.school.edu" })).filter((l) => l.startsWith("UID:"))).toEqual([
      "UID:deadline-0.PM-101-A1@calendar.school.edu",
      "UID:deadline-1.PM-101-A1@calendar.school.edu",
    ]);
  });

  it("refuses a bad sequence, now, url or UID domain", () => {
    expect(() => exportOf("PM-101-S1", { sequence: -1 })).toThrow(RangeError);
    expect(() => exportOf("PM-101-S1", { sequence: 1.5 })).toThrow(RangeError);
    expect(() => exportOf("PM-101-S1", { now: Number.NaN })).toThrow(RangeError);
    expect(() => exportOf("PM-101-S1", { url: "not a url" })).toThrow(RangeError);
    expect(() => exportOf("PM-101-S1", { uidDomain: "a b" })).toThrow(RangeError);
  });
});

/** A catalog of sections built to be awkward, validated like a school's. */
function awkward(sections: Record<string, unknown>[], course: Record<string, unknown> = {}): { course: Course; sections: Section[] } {
  const result = validateCatalog({
    institution: "Test School",
    courses: [{ id: "TST-1", title: "Testing, Escaping; and \"Quotes\"\nSecond line 📅", summary: "For tests.", ...course, sections }],
  });
  if (!result.ok) throw new Error(`test bug: ${JSON.stringify(result.issues)}`);
  const c = result.catalog.courses[0] as Course;
  return { course: c, sections: c.sections };
}

const base = { recordings: "some", startDate: "2027-01-11", endDate: "2027-12-20" } as const;

describe("awkward sections read back exactly, by our importer and by ical.js", () => {
  const { course, sections } = awkward([
    // The first matched date (Tue Jan 12) is skipped: the EXDATE removes DTSTART itself.
    { id: "X-1", format: "synchronous", timeZone: "America/New_York", ...base, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "18:30", durationMinutes: 90 }], skipDates: ["2027-01-12", "2027-11-09"] },
    // COUNT (counted from the first matched date), and the term cutting a COUNT short.
    { id: "X-2", format: "synchronous", timeZone: "Europe/London", ...base, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=SA;COUNT=5", startTime: "09:00", durationMinutes: 120 }, { rrule: "FREQ=DAILY;INTERVAL=3;COUNT=500", startTime: "07:15", durationMinutes: 30, title: "Stand-up" }] },
    // A rule's own UNTIL before endDate; a monthly rule; every other week from a mid-week startDate.
    { id: "X-3", format: "hybrid", timeZone: "America/Los_Angeles", ...base, startDate: "2027-01-13", hoursPerWeek: 4, meetings: [{ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20270630", startTime: "12:00", durationMinutes: 60 }, { rrule: "FREQ=MONTHLY;BYDAY=-1FR", startTime: "17:00", durationMinutes: 45 }], deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=MO", time: "00:00", title: "Quiz", hours: 1 }, { rrule: "FREQ=MONTHLY;BYMONTHDAY=1", time: "17:00", title: "Report", hours: 2 }] },
    // Southern hemisphere, and a zone with no DST at all.
    { id: "X-4", format: "asynchronous", timeZone: "Australia/Sydney", ...base, hoursPerWeek: 5, deadlines: [{ rrule: "FREQ=WEEKLY;BYDAY=SU", time: "23:59", title: "Weekly", hours: 3 }] },
    { id: "X-5", format: "synchronous", timeZone: "Asia/Kathmandu", ...base, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=WE", startTime: "19:00", durationMinutes: 90 }] },
    // A session that runs across the US change itself: Saturdays 23:00 for 4 hours, through 02:00 Sunday.
    { id: "X-6", format: "synchronous", timeZone: "America/Chicago", ...base, meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=SA", startTime: "23:00", durationMinutes: 240 }] },
  ]);

  it.each(sections.map((s) => [s.id, s] as const))("%s", (id, section: Section) => {
    const text = sectionCalendar(section, course, { now: NOW, url: "https://school.example/courses/TST-1?x=1,2" });
    const window = termWindow(section);
    const want = expected(section);
    want.deadlines.sort();
    const ours = ourInstances(text, window.from, window.to);
    expect(ours.issues).toEqual([]);
    expect(split(ours.instances)).toEqual(want);
    expect(split(ourInstances(renameZone(text, section.timeZone, "FormatFit-Test-Zone"), window.from, window.to).instances)).toEqual(want);
    const ical = split(icalInstances(text));
    if (id !== "X-6") {
      expect(ical).toEqual(want);
      return;
    }
    // ical.js gives an instance the DTSTART–DTEND length in wall-clock time, not exact time
    // (RFC 5545 §3.8.5.3: a DTEND-derived length is exact). It agrees on every start, and on every
    // end except the two nights of a DST change, where its session is 3 and 5 hours long.
    expect(ical.sessions.map((i) => i.start)).toEqual(want.sessions.map((i) => i.start));
    const differ = ical.sessions.filter((i, k) => i.end !== want.sessions[k]?.end);
    expect(differ).toEqual([
      { uid: "meeting-0.X-6@formatfit.invalid", start: "2027-03-14T05:00:00Z", end: "2027-03-14T08:00:00Z" },
      { uid: "meeting-0.X-6@formatfit.invalid", start: "2027-11-07T04:00:00Z", end: "2027-11-07T09:00:00Z" },
    ]);
  });

  it("starts X-1's series on its skipped first Tuesday and excludes it", () => {
    const lines = unfold(sectionCalendar(sections[0] as Section, course, { now: NOW }));
    expect(lines).toContain("DTSTART;TZID=America/New_York:20270112T183000");
    expect(lines).toContain("EXDATE;TZID=America/New_York:20270112T183000");
    expect(sectionSessions(sections[0] as Section)[0]?.localDate).toBe("2027-01-19");
  });

  it("replaces a COUNT with the UNTIL of the last counted date, and a rule's UNTIL with the end of that day in UTC", () => {
    const x2 = unfold(sectionCalendar(sections[1] as Section, course, { now: NOW }));
    // Saturdays Jan 16 … Feb 13 (five); Feb 13 ends at midnight GMT.
    expect(x2).toContain("RRULE:FREQ=WEEKLY;BYDAY=SA;UNTIL=20270213T235959Z");
    // Every third day from Jan 11: COUNT=500 outlasts the term, whose last such day is Dec 19 (GMT).
    expect(x2).toContain("RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20271219T235959Z");
    const x3 = unfold(sectionCalendar(sections[2] as Section, course, { now: NOW }));
    // June 30 ends at 07:00Z in Los Angeles (PDT).
    expect(x3).toContain("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR;UNTIL=20270701T065959Z");
    expect(x3).toContain("DTSTART;TZID=America/Los_Angeles:20270115T120000");
  });

  it("escapes text and reads it back unchanged, emoji and all", () => {
    const text = sectionCalendar(sections[4] as Section, course, { now: NOW });
    const { occurrences } = ourInstances(text, Date.parse("2027-01-01T00:00:00Z"), Date.parse("2027-02-01T00:00:00Z"));
    expect(occurrences[0]?.summary).toBe("TST-1 Testing, Escaping; and \"Quotes\"\nSecond line 📅");
    const vevent = icalParse(text).getFirstSubcomponent("vevent");
    expect(vevent?.getFirstPropertyValue("summary")).toBe("TST-1 Testing, Escaping; and \"Quotes\"\nSecond line 📅");
    expect(unfold(text)).toContain("SUMMARY:TST-1 Testing\\, Escaping\\; and \"Quotes\"\\nSecond line 📅");
  });

  it("writes X-6's four-hour wall span across the change as its exact length", () => {
    const { instances } = ourInstances(sectionCalendar(sections[5] as Section, course, { now: NOW }), Date.parse("2027-03-13T00:00:00Z"), Date.parse("2027-03-15T00:00:00Z"));
    // Sat Mar 13 23:00 CST = 05:00Z Sunday; 240 minutes later is 09:00Z (04:00 CDT).
    expect(instances).toEqual([{ uid: "meeting-0.X-6@formatfit.invalid", start: "2027-03-14T05:00:00Z", end: "2027-03-14T09:00:00Z" }]);
  });
});

describe("extra meetings at DST changes (America/New_York)", () => {
  const { course, sections } = awkward([
    {
      id: "G-1",
      format: "synchronous",
      timeZone: "America/New_York",
      ...base,
      meetings: [{ rrule: "FREQ=WEEKLY;BYDAY=TU", startTime: "18:30", durationMinutes: 90 }],
      extraMeetings: [
        { start: "2027-03-14T02:30", durationMinutes: 90, title: "In the spring-forward gap" },
        { start: "2027-11-07T01:30", durationMinutes: 60, title: "In the repeated hour" },
      ],
    },
  ]);
  const section = sections[0] as Section;
  const text = sectionCalendar(section, course, { now: NOW });
  const lines = unfold(text);

  it("moves 02:30 on March 14, 2027 (which does not exist) to 03:30 EDT, and writes it so", () => {
    const at = lines.indexOf("UID:extra-0.G-1@formatfit.invalid");
    expect(lines.slice(at + 3, at + 5)).toEqual(["DTSTART;TZID=America/New_York:20270314T033000", "DTEND;TZID=America/New_York:20270314T050000"]);
    const { instances } = ourInstances(text, Date.parse("2027-03-14T00:00:00Z"), Date.parse("2027-03-15T00:00:00Z"));
    expect(instances).toEqual([{ uid: "extra-0.G-1@formatfit.invalid", start: "2027-03-14T07:30:00Z", end: "2027-03-14T09:00:00Z" }]);
    expect(icalInstances(text).filter((i) => i.uid.startsWith("extra-0"))).toEqual(instances);
  });

  it("writes 01:30 on November 7, 2027 (which happens twice) in UTC as the first of the two", () => {
    const at = lines.indexOf("UID:extra-1.G-1@formatfit.invalid");
    expect(lines.slice(at + 3, at + 5)).toEqual(["DTSTART:20271107T053000Z", "DTEND:20271107T063000Z"]);
    const { instances } = ourInstances(text, Date.parse("2027-11-07T00:00:00Z"), Date.parse("2027-11-08T00:00:00Z"));
    expect(instances).toEqual([{ uid: "extra-1.G-1@formatfit.invalid", start: "2027-11-07T05:30:00Z", end: "2027-11-07T06:30:00Z" }]);
    expect(icalInstances(text).filter((i) => i.uid.startsWith("extra-1"))).toEqual(instances);
  });

  it("agrees with sectionSessions on both", () => {
    expect(sectionSessions(section).filter((s) => s.kind === "extra").map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ["2027-03-14T07:30:00Z", "2027-03-14T09:00:00Z"],
      ["2027-11-07T05:30:00Z", "2027-11-07T06:30:00Z"],
    ]);
  });
});

describe("recurring sessions at a DST change (America/New_York): ours follows RFC 5545 §3.3.5, ical.js does not", () => {
  const { course, sections } = awkward([
    {
      id: "D-1",
      format: "synchronous",
      timeZone: "America/New_York",
      ...base,
      startDate: "2027-03-01",
      endDate: "2027-11-20",
      meetings: [
        { rrule: "FREQ=WEEKLY;BYDAY=SU", startTime: "02:30", durationMinutes: 60, title: "Night shift A" },
        { rrule: "FREQ=WEEKLY;BYDAY=SU", startTime: "01:30", durationMinutes: 60, title: "Night shift B" },
      ],
    },
  ]);
  const section = sections[0] as Section;
  const text = sectionCalendar(section, course, { now: NOW });
  const window = termWindow(section);

  it("reads back every session exactly through our importer: 02:30 in the gap is 03:30 EDT, 01:30 twice is the first", () => {
    const want = expected(section);
    expect(split(ourInstances(text, window.from, window.to).instances).sessions).toEqual(want.sessions);
    const at = (localDate: string, pattern: number) => sectionSessions(section).find((s) => s.localDate === localDate && s.patternIndex === pattern);
    expect([iso(at("2027-03-14", 0)?.start ?? 0), iso(at("2027-11-07", 1)?.start ?? 0)]).toEqual(["2027-03-14T07:30:00Z", "2027-11-07T05:30:00Z"]);
  });

  it("differs in ical.js on exactly three instances: its gap time is an hour early, its repeated time the second, and a length that ends in the gap is cut", () => {
    const want = expected(section).sessions;
    const ical = icalInstances(text);
    const same = (a: Instance, b: Instance) => a.uid === b.uid && a.start === b.start && a.end === b.end;
    expect(want.filter((w) => !ical.some((i) => same(i, w)))).toEqual([
      { uid: "meeting-1.D-1@formatfit.invalid", start: "2027-03-14T06:30:00Z", end: "2027-03-14T07:30:00Z" },
      { uid: "meeting-0.D-1@formatfit.invalid", start: "2027-03-14T07:30:00Z", end: "2027-03-14T08:30:00Z" },
      { uid: "meeting-1.D-1@formatfit.invalid", start: "2027-11-07T05:30:00Z", end: "2027-11-07T06:30:00Z" },
    ]);
    expect(ical.filter((i) => !want.some((w) => same(i, w)))).toEqual([
      // 02:30 does not exist; ical.js reads it with the offset after the gap (01:30 EST).
      { uid: "meeting-0.D-1@formatfit.invalid", start: "2027-03-14T06:30:00Z", end: "2027-03-14T07:30:00Z" },
      // 01:30 EST is right, but ical.js adds the hour on the wall clock, into the gap: no length.
      { uid: "meeting-1.D-1@formatfit.invalid", start: "2027-03-14T06:30:00Z", end: "2027-03-14T06:30:00Z" },
      // 01:30 happens twice; ical.js takes the second (EST), RFC 5545 the first (EDT).
      { uid: "meeting-1.D-1@formatfit.invalid", start: "2027-11-07T06:30:00Z", end: "2027-11-07T07:30:00Z" },
    ]);
  });
});

describe("zones with unusual rules: every day at the times DST changes touch, for a year", () => {
  const zones = [
    "America/Santiago", // changes at midnight (24:00 → 01:00)
    "America/Havana", // changes at midnight and 01:00
    "Africa/Casablanca", // clocks back for Ramadan: two changes a month apart
    "Australia/Lord_Howe", // 30-minute DST
    "Pacific/Chatham", // +12:45 / +13:45
    "Europe/Dublin", // winter is "negative DST" in the IANA source
    "Asia/Tehran", // DST abolished in 2022
  ];
  it.each(zones)("%s", (timeZone) => {
    const { course, sections } = awkward([
      {
        id: "Z-1",
        format: "hybrid",
        timeZone,
        recordings: "all",
        hoursPerWeek: 3,
        startDate: "2027-01-01",
        endDate: "2027-12-31",
        meetings: [
          { rrule: "FREQ=DAILY", startTime: "00:00", durationMinutes: 60 },
          { rrule: "FREQ=DAILY", startTime: "02:30", durationMinutes: 60 },
          { rrule: "FREQ=DAILY", startTime: "23:30", durationMinutes: 60 },
        ],
        deadlines: [{ rrule: "FREQ=DAILY", time: "00:00", title: "Daily check-in", hours: 1 }],
      },
    ]);
    const section = sections[0] as Section;
    const text = sectionCalendar(section, course, { now: NOW });
    const window = termWindow(section);
    const want = expected(section);
    want.deadlines.sort();
    const ours = ourInstances(text, window.from, window.to);
    expect(ours.issues).toEqual([]);
    expect(split(ours.instances)).toEqual(want);
    // The same through the VTIMEZONE alone.
    expect(split(ourInstances(renameZone(text, timeZone, "FormatFit-Test-Zone"), window.from, window.to).instances)).toEqual(want);
    // ical.js agrees on every instance that does not start within 3 hours of a change of offset
    // (see the America/New_York cases above for what it does there).
    const zone = requireZone(timeZone);
    const nearChange = (start: string) => {
      const t = Date.parse(start);
      return zone.offsetAt(t - 3 * 3_600_000) !== zone.offsetAt(t + 3 * 3_600_000);
    };
    const ical = split(icalInstances(text));
    const same = (a: Instance, b: Instance) => a.uid === b.uid && a.start === b.start && a.end === b.end;
    expect(want.sessions.filter((w) => !ical.sessions.some((i) => same(i, w)) && !nearChange(w.start))).toEqual([]);
    expect(want.deadlines.filter((d) => !ical.deadlines.includes(d) && !nearChange(d.slice(0, 20)))).toEqual([]);
  });
});
