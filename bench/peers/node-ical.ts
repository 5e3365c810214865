/**
 * Peer 3 — node-ical 0.22 (built on rrule), following its own documented recipe
 * (examples/example-rrule-vanilla.js in the node-ical repository): `sync.parseICS`, then for each
 * VEVENT `event.rrule.between(…)`, overrides looked up in `event.recurrences` and EXDATEs in
 * `event.exdate`, both keyed by the UTC date `date.toISOString().slice(0, 10)`, and each instance
 * given the master's length (or the override's own).
 *
 * Added so the answer is comparable: the range is widened by a day and the event's length and the
 * result filtered by overlap, cancelled events and instances are dropped, and all-day dates are
 * read in the viewer's zone. Floating times stay as node-ical reads them (in the host's zone).
 */
import { DateTime } from "luxon";
import ical from "node-ical";
import { type BenchOccurrence, type BenchResult, type BenchWindow, mergeBusy, overlapsWindow } from "./common";

type NDate = Date & { tz?: string; dateOnly?: boolean };

interface NEvent {
  type: string;
  uid: string;
  start: NDate;
  end?: NDate;
  datetype?: "date" | "date-time";
  rrule?: { between(after: Date, before: Date, inc: boolean): Date[] };
  recurrences?: Record<string, NEvent>;
  exdate?: Record<string, Date>;
  status?: string;
  transparency?: string;
}

const DAY = 86_400_000;

/** An all-day date read in the viewer's zone: node-ical builds all-day values as the host's local midnight. */
function allDayToViewer(d: NDate, viewerZone: string): number {
  const local = d.tz ? DateTime.fromJSDate(d, { zone: d.tz }) : DateTime.fromJSDate(d);
  return DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: viewerZone }).toMillis();
}

export function run(bytes: Buffer, window: BenchWindow, viewerZone: string): BenchResult {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const data = ical.sync.parseICS(bytes.toString("utf8")) as unknown as Record<string, NEvent>;

  const occurrences: BenchOccurrence[] = [];
  const add = (e: NEvent, start: Date, end: Date): void => {
    if (e.status === "CANCELLED") return;
    let s = start.getTime();
    let en = end.getTime();
    if (e.datetype === "date") {
      const days = Math.max(1, Math.round((en - s) / DAY));
      s = allDayToViewer(start as NDate, viewerZone);
      en = DateTime.fromMillis(s, { zone: viewerZone }).plus({ days }).toMillis();
    }
    if (overlapsWindow(s, en, from, to)) occurrences.push({ uid: e.uid, start: s, end: en, transparent: e.transparency === "TRANSPARENT" });
  };
  const endOf = (e: NEvent): Date => e.end ?? new Date(e.start.getTime() + (e.datetype === "date" ? DAY : 0));

  for (const event of Object.values(data)) {
    if (event.type !== "VEVENT" || event.status === "CANCELLED") continue;
    const duration = endOf(event).getTime() - event.start.getTime();
    if (!event.rrule) {
      add(event, event.start, endOf(event));
      continue;
    }
    const rangeStart = new Date(from - DAY - Math.max(duration, 0));
    const rangeEnd = new Date(to + DAY);
    const dates = event.rrule.between(rangeStart, rangeEnd, true);
    // Overrides may move an instance into range: add their dates too (node-ical's recipe).
    if (event.recurrences) {
      for (const key of Object.keys(event.recurrences)) {
        const rDate = new Date(key);
        if (rDate >= rangeStart && rDate <= rangeEnd && !dates.some((d) => d.getTime() === rDate.getTime())) dates.push(rDate);
      }
    }
    for (const date of dates) {
      const key = date.toISOString().slice(0, 10);
      const override = event.recurrences?.[key];
      if (override) {
        add(override, override.start, endOf(override));
      } else if (event.exdate?.[key]) {
        continue;
      } else {
        add(event, date, new Date(date.getTime() + duration));
      }
    }
  }
  return { occurrences, busy: mergeBusy(occurrences) };
}
