/**
 * A seeded generator of a large course catalog for the fit benchmark (issue 3, bench/fit.ts): by
 * default 1,000 sections of a School of Professional Studies over one 15-week term
 * (Monday 2027-01-11 through Sunday 2027-04-25), in the catalog format of DESIGN.md / docs/catalog.md,
 * valid under `validateCatalog`.
 *
 * The mix is what a large evening-and-weekend school offers working adults:
 * - synchronous (about 57 %): evening pairs (TU/TH, MO/WE), three-evening and four-evening
 *   accelerated sections, weekday lunchtime sections, early-morning and Saturday intensives;
 * - hybrid (about 25 %): one or two live sessions a week or every other week (some with a
 *   fortnightly Saturday lab or a monthly first-Saturday workshop) plus weekly deadlines;
 * - asynchronous (about 18 %): two to four deadlines a week (discussion posts, replies, quizzes,
 *   the weekly assignment).
 * Sections meet in ten zones (US, Europe, Singapore), so the term spans the US clock change
 * (2027-03-14) and the EU one (2027-03-28) at different dates; holidays (MLK Day, Presidents' Day,
 * Good Friday, Easter Monday) and a spring break week are skip dates on the days a section meets;
 * some sections have a kickoff or a make-up session as an extra meeting, a few of them in the
 * US spring-forward gap (02:30 on 2027-03-14).
 *
 * About 30 sessions and 15 deadlines a section: about 30,000 live sessions and 15,000 deadlines for
 * 1,000 sections (bench/fit.ts prints the exact totals, counted with sectionSessions/sectionDeadlines).
 *
 * Deterministic: a mulberry32 PRNG from the seed; no Math.random, no clock.
 *
 *   npx tsx bench/fit-catalog.ts [--sections 1000] [--seed N] > catalog.json
 */

import { pathToFileURL } from "node:url";
import { mulberry32 } from "./generate";

export const FIT_TERM = { startDate: "2027-01-11", endDate: "2027-04-25" } as const;
export const DEFAULT_FIT_SEED = 20270111;
export const DEFAULT_FIT_SECTIONS = 1000;

const DAY = 86_400_000;
const TERM_START_DAY = Date.UTC(2027, 0, 11) / DAY; // a Monday
const TERM_DAYS = 105; // 15 weeks
const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
type DayCode = (typeof DAY_CODES)[number];

interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
}

function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) {
        r -= w;
        if (r < 0) return v;
      }
      return (items[items.length - 1] as (typeof items)[number])[0];
    },
    chance: (p) => next() < p,
  };
}

function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Term dates a `FREQ=WEEKLY[;INTERVAL=n];BYDAY=…` rule matches (the term starts on a Monday, WKST=MO). */
function weeklyDates(days: readonly DayCode[], interval = 1): string[] {
  const out: string[] = [];
  for (let d = 0; d < TERM_DAYS; d++) {
    if (Math.floor(d / 7) % interval !== 0) continue;
    if (days.includes(DAY_CODES[d % 7] as DayCode)) out.push(dateOfDay(TERM_START_DAY + d));
  }
  return out;
}

function weeklyRule(days: readonly DayCode[], interval = 1): string {
  return `FREQ=WEEKLY${interval > 1 ? `;INTERVAL=${interval}` : ""};BYDAY=${days.join(",")}`;
}

// ---------------------------------------------------------------------------------------------
// What the school teaches

const SUBJECTS: readonly (readonly [prefix: string, certificate: string, titles: readonly string[]])[] = [
  ["PM", "Certificate in Project Management", ["Project Management Foundations", "Agile Project Delivery", "Project Risk and Procurement", "PMP Exam Preparation", "Scheduling and Cost Control", "Stakeholder Communication"]],
  ["DA", "Certificate in Data Analytics", ["Data Analytics with Excel", "SQL for Analysts", "Python for Data Analysis", "Data Visualization with Tableau", "Statistics for Decision Making", "Power BI Dashboards"]],
  ["HR", "SHRM-CP Preparation", ["Human Resource Management", "Employment Law Essentials", "Compensation and Benefits", "Talent Acquisition", "SHRM-CP Exam Review"]],
  ["DM", "Certificate in Digital Marketing", ["Digital Marketing Strategy", "SEO and Content Marketing", "Social Media Marketing", "Marketing Analytics", "Email and Automation"]],
  ["UX", "Certificate in UX Design", ["UX Research Methods", "Interaction Design", "Prototyping with Figma", "Usability Testing", "Accessible Design"]],
  ["LDR", "Certificate in Leadership", ["Leading Teams", "Coaching and Feedback", "Change Management", "Negotiation", "Strategic Thinking"]],
  ["CYB", "CompTIA Security+ Preparation", ["Cybersecurity Fundamentals", "Network Security", "Security+ Exam Preparation", "Incident Response", "Cloud Security"]],
  ["BW", "Certificate in Professional Communication", ["Business Writing", "Technical Writing", "Presenting with Impact", "Grant Writing"]],
  ["ACC", "Certificate in Accounting", ["Financial Accounting", "Managerial Accounting", "QuickBooks for Small Business", "CPA Review: FAR"]],
  ["FIN", "Certificate in Finance", ["Corporate Finance", "Financial Modeling in Excel", "Personal Financial Planning", "Investment Fundamentals"]],
  ["SCM", "APICS CSCP Preparation", ["Supply Chain Management", "Logistics and Distribution", "Procurement Strategy", "Operations Analytics"]],
  ["CLD", "AWS Cloud Practitioner Preparation", ["Cloud Computing Essentials", "AWS Cloud Practitioner Review", "DevOps Foundations", "Azure Fundamentals"]],
  ["HCM", "Certificate in Healthcare Management", ["Healthcare Administration", "Health Informatics", "Healthcare Compliance", "Revenue Cycle Management"]],
  ["PL", "Paralegal Certificate", ["Introduction to Paralegal Studies", "Legal Research and Writing", "Contracts", "Litigation Practice"]],
];

const ZONES: readonly (readonly [zone: string, weight: number, region: "us" | "eu" | "sg"])[] = [
  ["America/New_York", 30, "us"],
  ["America/Chicago", 17, "us"],
  ["America/Denver", 7, "us"],
  ["America/Phoenix", 4, "us"],
  ["America/Los_Angeles", 17, "us"],
  ["America/Anchorage", 2, "us"],
  ["Pacific/Honolulu", 2, "us"],
  ["Europe/London", 11, "eu"],
  ["Europe/Berlin", 6, "eu"],
  ["Asia/Singapore", 4, "sg"],
];

const HOLIDAYS: Record<"us" | "eu" | "sg", readonly string[]> = {
  us: ["2027-01-18", "2027-02-15"], // MLK Day, Presidents' Day
  eu: ["2027-03-26", "2027-03-29"], // Good Friday, Easter Monday
  sg: ["2027-02-08", "2027-03-26"], // Lunar New Year (observed), Good Friday
};
const SPRING_BREAK = { from: "2027-03-15", to: "2027-03-21" };

interface MeetingSpec {
  days: DayCode[];
  interval?: number;
  monthlyFirstSaturday?: boolean;
  startTime: string;
  durationMinutes: number;
  title?: string;
}

const EVENING_STARTS = ["17:30", "18:00", "18:30", "19:00", "19:30"];

/** Meeting patterns of a synchronous section: about three sessions a week on average. */
function synchronousMeetings(r: Rng): MeetingSpec[] {
  const kind = r.weighted([
    ["pair", 30],
    ["three", 30],
    ["four", 24],
    ["lunch", 11],
    ["morning", 5],
    ["weekend", 8],
  ] as const);
  switch (kind) {
    case "pair":
      return [{ days: r.pick([["TU", "TH"], ["MO", "WE"], ["MO", "TH"], ["TU", "WE"]] as DayCode[][]), startTime: r.pick(EVENING_STARTS), durationMinutes: r.pick([90, 105, 120, 150]) }];
    case "three":
      return [{ days: r.pick([["MO", "WE", "TH"], ["TU", "WE", "TH"], ["MO", "TU", "TH"]] as DayCode[][]), startTime: r.pick(EVENING_STARTS), durationMinutes: r.pick([75, 90, 90, 120]) }];
    case "four":
      return [{ days: ["MO", "TU", "WE", "TH"], startTime: r.pick(["18:00", "18:30", "19:00"]), durationMinutes: r.pick([60, 75, 90]), title: "Accelerated session" }];
    case "lunch":
      return [{ days: ["MO", "TU", "WE", "TH", "FR"], startTime: r.pick(["12:00", "12:10", "12:15"]), durationMinutes: r.pick([45, 50]), title: "Lunchtime session" }];
    case "morning":
      return [{ days: r.pick([["TU", "TH"], ["MO", "WE", "FR"]] as DayCode[][]), startTime: r.pick(["06:30", "07:00", "07:30"]), durationMinutes: r.pick([60, 75]) }];
    case "weekend":
      return [
        { days: ["SA"], startTime: r.pick(["09:00", "10:00"]), durationMinutes: r.pick([180, 240]), title: "Saturday intensive" },
        { days: [r.pick(["TU", "WE", "TH"] as DayCode[])], startTime: r.pick(EVENING_STARTS), durationMinutes: 90 },
      ];
  }
}

/** Meeting patterns of a hybrid section: one or two live sessions a week, or fewer. */
function hybridMeetings(r: Rng): MeetingSpec[] {
  const kind = r.weighted([
    ["weekly", 40],
    ["twice", 35],
    ["fortnightly", 25],
  ] as const);
  const evening = { startTime: r.pick(EVENING_STARTS), durationMinutes: r.pick([90, 120, 150]) };
  const out: MeetingSpec[] = [];
  if (kind === "weekly") out.push({ days: [r.pick(["MO", "TU", "WE", "TH"] as DayCode[])], ...evening });
  if (kind === "twice") out.push({ days: r.pick([["TU", "TH"], ["MO", "WE"]] as DayCode[][]), startTime: evening.startTime, durationMinutes: r.pick([75, 90]) });
  if (kind === "fortnightly") out.push({ days: [r.pick(["TU", "WE", "TH"] as DayCode[])], interval: 2, ...evening });
  if (r.chance(0.35)) out.push({ days: ["SA"], interval: 2, startTime: "10:00", durationMinutes: 150, title: "Saturday lab" });
  else if (r.chance(0.3)) out.push({ days: ["SA"], monthlyFirstSaturday: true, startTime: "09:30", durationMinutes: 240, title: "Monthly workshop" });
  return out;
}

interface DeadlineSpec {
  rrule: string;
  time: string;
  title: string;
  hours: number;
}

function asynchronousDeadlines(r: Rng): DeadlineSpec[] {
  const out: DeadlineSpec[] = [
    { rrule: weeklyRule([r.pick(["WE", "TH"] as DayCode[])]), time: "23:59", title: "Discussion post", hours: r.pick([1, 1.5, 2]) },
    { rrule: weeklyRule(["SU"]), time: "23:59", title: "Weekly assignment", hours: r.pick([3, 4, 5]) },
  ];
  if (r.chance(0.25)) out.push({ rrule: weeklyRule(["SA"]), time: "23:59", title: "Replies to classmates", hours: 0.5 });
  if (r.chance(0.2)) out.push({ rrule: weeklyRule(["FR"]), time: r.pick(["17:00", "23:59"]), title: "Quiz", hours: 0.5 });
  return out;
}

function hybridDeadlines(r: Rng): DeadlineSpec[] {
  const out: DeadlineSpec[] = [{ rrule: weeklyRule(["SU"]), time: "23:59", title: "Weekly assignment", hours: r.pick([2, 3, 4]) }];
  if (r.chance(0.3)) out.push({ rrule: weeklyRule([r.pick(["WE", "TH"] as DayCode[])]), time: "23:59", title: "Discussion post", hours: 1 });
  if (r.chance(0.1)) out.push({ rrule: weeklyRule(["FR"]), time: "17:00", title: "Quiz", hours: 0.5 });
  return out;
}

function synchronousDeadlines(r: Rng): DeadlineSpec[] {
  const kind = r.weighted([
    ["none", 50],
    ["weekly", 35],
    ["fortnightly", 15],
  ] as const);
  if (kind === "weekly") return [{ rrule: weeklyRule([r.pick(["SU", "SA"] as DayCode[])]), time: "23:59", title: "Weekly assignment", hours: r.pick([2, 3]) }];
  if (kind === "fortnightly") return [{ rrule: weeklyRule(["SU"], 2), time: "23:59", title: "Problem set", hours: r.pick([3, 4]) }];
  return [];
}

/** The term dates a meeting spec falls on (for choosing skip dates on real session days). */
function specDates(m: MeetingSpec): string[] {
  if (m.monthlyFirstSaturday) {
    return weeklyDates(["SA"]).filter((d) => Number(d.slice(8, 10)) <= 7);
  }
  return weeklyDates(m.days, m.interval ?? 1);
}

function specRule(m: MeetingSpec): string {
  return m.monthlyFirstSaturday ? "FREQ=MONTHLY;BYDAY=1SA" : weeklyRule(m.days, m.interval ?? 1);
}

export interface FitCatalogOptions {
  readonly sections?: number;
  readonly seed?: number;
}

/**
 * A deterministic catalog of `sections` sections (JSON-ready; validate it with `validateCatalog`).
 *
 * @example
 * const result = validateCatalog(generateFitCatalog({ sections: 1000 }));
 */
export function generateFitCatalog(options: FitCatalogOptions = {}): Record<string, unknown> {
  const total = options.sections ?? DEFAULT_FIT_SECTIONS;
  const r = rng(options.seed ?? DEFAULT_FIT_SEED);
  const courses: Record<string, unknown>[] = [];
  const nextNumber = new Map<string, number>();
  let made = 0;
  while (made < total) {
    const [prefix, certificate, titles] = r.pick(SUBJECTS);
    const n = nextNumber.get(prefix) ?? 100;
    nextNumber.set(prefix, n + 1);
    const courseId = `${prefix}-${n + 1}`;
    const title = `${r.pick(titles)}${n - 100 >= titles.length ? ` ${["II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"][Math.floor((n - 100) / titles.length) - 1] ?? String(n)}` : ""}`;
    const count = Math.min(total - made, r.weighted([
      [1, 8],
      [2, 25],
      [3, 35],
      [4, 22],
      [5, 10],
    ] as const));
    const counters = { S: 0, A: 0, H: 0 };
    const sections: Record<string, unknown>[] = [];
    for (let k = 0; k < count; k++) {
      const format = r.weighted([
        ["synchronous", 57],
        ["hybrid", 25],
        ["asynchronous", 18],
      ] as const);
      const letter = format === "synchronous" ? "S" : format === "hybrid" ? "H" : "A";
      counters[letter]++;
      const [zone, , region] = r.weighted(ZONES.map((z) => [z, z[1]] as const));
      const section: Record<string, unknown> = {
        id: `${courseId}-${letter}${counters[letter]}`,
        format,
        timeZone: zone,
        startDate: FIT_TERM.startDate,
        endDate: FIT_TERM.endDate,
        instructor: `Instructor ${made + 1}`,
        seats: r.pick([20, 25, 30, 35, 40, 60, 80]),
      };
      if (format !== "asynchronous") {
        const specs = format === "synchronous" ? synchronousMeetings(r) : hybridMeetings(r);
        section.meetings = specs.map((m) => ({ rrule: specRule(m), startTime: m.startTime, durationMinutes: m.durationMinutes, ...(m.title ? { title: m.title } : {}) }));
        const sessionDates = new Set(specs.flatMap(specDates));
        const skips = new Set<string>();
        for (const h of HOLIDAYS[region]) if (sessionDates.has(h) && r.chance(0.9)) skips.add(h);
        const springBreak = region === "us" && r.chance(0.75);
        if (springBreak) for (const d of sessionDates) if (d >= SPRING_BREAK.from && d <= SPRING_BREAK.to) skips.add(d);
        if (skips.size > 0) section.skipDates = [...skips].sort();
        const extras: Record<string, unknown>[] = [];
        if (r.chance(0.3)) extras.push({ start: `2027-01-16T${r.pick(["09:00", "10:00", "13:00"])}`, durationMinutes: r.pick([120, 180]), title: "Kickoff workshop" });
        if (springBreak && r.chance(0.25)) extras.push({ start: "2027-03-27T10:00", durationMinutes: 180, title: "Make-up session" });
        // A few overnight events whose wall time does not exist in the US spring-forward gap.
        if (region === "us" && r.chance(0.01)) extras.push({ start: "2027-03-14T02:30", durationMinutes: 60, title: "Overnight lab check-in" });
        if (extras.length > 0) section.extraMeetings = extras;
        section.recordings = r.weighted([
          ["all", 50],
          ["some", 30],
          ["none", 20],
        ] as const);
        if (format === "hybrid") section.platform = "Zoom and Canvas";
      } else {
        section.platform = "Canvas";
        if (r.chance(0.5)) section.recordings = "none";
      }
      const deadlines = format === "asynchronous" ? asynchronousDeadlines(r) : format === "hybrid" ? hybridDeadlines(r) : synchronousDeadlines(r);
      if (deadlines.length > 0) section.deadlines = deadlines;
      if (format !== "synchronous") {
        const due = deadlines.reduce((h, d) => h + d.hours * (d.rrule.includes("INTERVAL=2") ? 0.5 : 1), 0);
        section.hoursPerWeek = Math.ceil(due) + r.int(1, 4);
      } else if (deadlines.length > 0 && r.chance(0.5)) {
        section.hoursPerWeek = r.int(2, 4);
      }
      sections.push(section);
      made++;
    }
    courses.push({
      id: courseId,
      title,
      summary: `${title}: a course for working adults, counting toward the ${certificate}.`,
      credits: r.pick([0, 1, 2, 3]),
      certificate,
      sections,
    });
  }
  return { institution: "School of Professional Studies (generated)", term: "Spring 2027", courses };
}

function main(argv: string[]): void {
  const val = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sections = Number(val("--sections") ?? DEFAULT_FIT_SECTIONS);
  const seed = Number(val("--seed") ?? DEFAULT_FIT_SEED);
  process.stdout.write(`${JSON.stringify(generateFitCatalog({ sections, seed }), null, 1)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
