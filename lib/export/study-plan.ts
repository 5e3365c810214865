/**
 * The learner's study plan as an iCalendar file: one `VEVENT` per study block, in UTC (a block is
 * an instant range the fit engine chose in the learner's own time; a client shows it in theirs).
 * Descriptions, which a client shows as written, give the block and its deadline in the learner's
 * own time.
 */
import { property, textProperty, writeComponent, type WriteComponent } from "../ics/write/calendar";
import { utcDateTime } from "../ics/write/values";
import { formatTimeRange, formatWallTime } from "../time/format";
import { isoUtc } from "../time/parse";
import { requireZone } from "../time/zone";
import { DEFAULT_UID_DOMAIN } from "./section-calendar";

export const STUDY_PLAN_PRODID = "-//FormatFit//Study plan 1.0//EN";

import type { StudyBlock } from "../fit/async";
import { MINUTE } from "../time/units";

export type { StudyBlock };

export interface StudyPlanCalendarOptions {
  /** `DTSTAMP` of every event (UTC ms). Passed in, never read from the clock. */
  readonly now: number;
  /** The calendar's name (default "Study plan"). */
  readonly name?: string;
  /** `SEQUENCE` of every event (default 0); raise it when a saved plan is recomputed. */
  readonly sequence?: number;
  /** The host part of every UID (default the course calendars' default). */
  readonly uidDomain?: string;
  /**
   * The learner's IANA zone: each description then says when the block is and when its work is
   * due in that zone ("Sat 16 Jan 2027, 09:00–11:00 New York time"). Without it, descriptions keep
   * the due instant in UTC (the plan as the engine stores it).
   */
  readonly timeZone?: string;
}

/** "New York time" for America/New_York, "UTC" for UTC. */
function zoneLabel(zone: string): string {
  if (zone === "UTC" || zone === "Etc/UTC") return "UTC";
  return `${(zone.split("/").pop() ?? zone).replace(/_/g, " ")} time`;
}

function description(b: StudyBlock, minutes: number, zone: string | undefined): string {
  if (zone === undefined) return `${minutes} minutes toward "${b.deadlineTitle}" for ${b.sectionId}, due ${isoUtc(b.dueAt)}.`;
  const label = zoneLabel(zone);
  return `${minutes} minutes toward "${b.deadlineTitle}" for ${b.sectionId}: ${formatTimeRange(b.start, b.end, zone)} ${label}. Due ${formatWallTime(b.dueAt, zone)} ${label}.`;
}

/**
 * The UID of a study block: the section, the deadline's due instant, and the block's place among
 * the blocks for that deadline (by start). A recomputed plan that moves a block keeps its UID, so
 * a client that imported the earlier plan moves the event instead of adding a second one.
 *
 * @example
 * studyBlockUid("PM-101-A1", Date.parse("2027-01-18T04:59:00Z"), 0) // "study-0.20270118T045900Z.PM-101-A1@formatfit.invalid"
 */
export function studyBlockUid(sectionId: string, dueAt: number, index: number, domain: string = DEFAULT_UID_DOMAIN): string {
  return `study-${index}.${utcDateTime(dueAt)}.${sectionId}@${domain}`;
}

/**
 * The study plan as iCalendar text: one opaque `VEVENT` per block, `DTSTART`/`DTEND` in UTC,
 * sorted by start. The blocks are not changed. Throws a `RangeError` for a block that does not end
 * after it starts, or a bad `now`.
 *
 * @example
 * studyPlanCalendar(
 *   [{ start: Date.parse("2027-01-16T14:00:00Z"), end: Date.parse("2027-01-16T16:00:00Z"), sectionId: "PM-101-A1", deadlineTitle: "Weekly assignment", dueAt: Date.parse("2027-01-18T04:59:00Z") }],
 *   { now: Date.parse("2027-01-10T00:00:00Z"), name: "Spring 2027 study plan", timeZone: "America/New_York" },
 * )
 * // … BEGIN:VEVENT / UID:study-0.20270118T045900Z.PM-101-A1@formatfit.invalid / DTSTART:20270116T140000Z / DTEND:20270116T160000Z
 * // SUMMARY:Study: Weekly assignment (PM-101-A1)
 * // DESCRIPTION:120 minutes toward "Weekly assignment" for PM-101-A1: Sat 16 Jan 2027\, 09:00–11:00 New York time. Due Sun 17 Jan 2027 23:59 New York time.
 */
export function studyPlanCalendar(blocks: readonly StudyBlock[], options: StudyPlanCalendarOptions): string {
  const sequence = options.sequence ?? 0;
  if (!Number.isFinite(options.now)) throw new RangeError(`now must be an instant (epoch ms); got ${options.now}`);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError(`sequence must be a whole number of at least 0; got ${sequence}`);
  if (options.timeZone !== undefined) requireZone(options.timeZone);
  blocks.forEach((b, i) => {
    if (!Number.isFinite(b.start) || !Number.isFinite(b.end) || !(b.end > b.start)) {
      throw new RangeError(`Study block ${i} (${b.sectionId}, ${b.deadlineTitle}) must end after it starts; got [${b.start}, ${b.end})`);
    }
    if (!Number.isFinite(b.dueAt)) throw new RangeError(`Study block ${i} (${b.sectionId}) has no due instant; got ${b.dueAt}`);
  });
  const sorted = [...blocks].sort((a, b) => a.start - b.start || a.end - b.end || (a.sectionId < b.sectionId ? -1 : a.sectionId > b.sectionId ? 1 : 0));
  const perDeadline = new Map<string, number>();
  const events: WriteComponent[] = sorted.map((b) => {
    const key = `${b.sectionId}\u0000${b.dueAt}`;
    const index = perDeadline.get(key) ?? 0;
    perDeadline.set(key, index + 1);
    const minutes = Math.round((b.end - b.start) / MINUTE);
    return {
      name: "VEVENT",
      properties: [
        property("UID", studyBlockUid(b.sectionId, b.dueAt, index, options.uidDomain)),
        property("DTSTAMP", utcDateTime(options.now)),
        property("SEQUENCE", String(sequence)),
        property("DTSTART", utcDateTime(b.start)),
        property("DTEND", utcDateTime(b.end)),
        ...textProperty("SUMMARY", `Study: ${b.deadlineTitle} (${b.sectionId})`),
        ...textProperty("DESCRIPTION", description(b, minutes, options.timeZone)),
        ...textProperty("CATEGORIES", "Study"),
        property("TRANSP", "OPAQUE"),
      ],
    };
  });
  const name = options.name ?? "Study plan";
  return writeComponent({
    name: "VCALENDAR",
    properties: [
      property("VERSION", "2.0"),
      property("PRODID", STUDY_PLAN_PRODID),
      property("CALSCALE", "GREGORIAN"),
      property("METHOD", "PUBLISH"),
      ...textProperty("NAME", name),
      ...textProperty("X-WR-CALNAME", name),
    ],
    components: events,
  });
}
