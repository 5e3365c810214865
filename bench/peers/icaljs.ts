/**
 * Peer 1 — ical.js alone, done carefully:
 * ICAL.parse, the file's VTIMEZONEs registered with ICAL.TimezoneService, the VEVENTs grouped by UID
 * in one pass, each master's ICAL.Event built with its own overrides only
 * (`{ exceptions, strictExceptions: true }`: the obvious `new ICAL.Event(comp)` scans the whole file
 * for every event and attaches other events' overrides), `event.iterator()` walked from DTSTART to
 * the end of the window, with `getOccurrenceDetails` for each instance that can reach the window
 * (and for every overridden one).
 *
 * All-day and floating values are read in the viewer's zone (ical.js would read them as UTC).
 * An override moved into the window from an instance after it is found by looking at the overrides
 * the walk did not reach (ical.js's iterator stops at the window's end).
 */
import ICAL from "ical.js";
import { type BenchOccurrence, type BenchResult, type BenchWindow, mergeBusy, overlapsWindow } from "./common";

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Timezone = InstanceType<typeof ICAL.Timezone>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

const DAY = 86_400_000;

function toMs(t: Time, viewer: Timezone): number {
  if (t.isDate || t.zone === ICAL.Timezone.localTimezone || t.zone?.tzid === "floating") {
    const local = new ICAL.Time(
      { year: t.year, month: t.month, day: t.day, hour: t.isDate ? 0 : t.hour, minute: t.isDate ? 0 : t.minute, second: t.isDate ? 0 : t.second, isDate: false },
      viewer,
    );
    return local.toUnixTime() * 1000;
  }
  return t.toUnixTime() * 1000;
}

const isCancelled = (c: Component): boolean => c.getFirstPropertyValue("status") === "CANCELLED";
const isTransparent = (c: Component): boolean => c.getFirstPropertyValue("transp") === "TRANSPARENT";

export function run(bytes: Buffer, window: BenchWindow, viewerZone: string): BenchResult {
  const from = window.from.getTime();
  const to = window.to.getTime();
  const root = new ICAL.Component(ICAL.parse(bytes.toString("utf8")));
  for (const vtz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(vtz);
  const viewer = ICAL.TimezoneService.get(viewerZone);
  if (!viewer) throw new Error(`icaljs peer: the file has no VTIMEZONE for the viewer's zone ${viewerZone}`);

  const groups = new Map<string, { masters: Component[]; overrides: Component[] }>();
  for (const ve of root.getAllSubcomponents("vevent")) {
    const uid = String(ve.getFirstPropertyValue("uid"));
    let g = groups.get(uid);
    if (!g) {
      g = { masters: [], overrides: [] };
      groups.set(uid, g);
    }
    if (ve.hasProperty("recurrence-id")) g.overrides.push(ve);
    else g.masters.push(ve);
  }

  const occurrences: BenchOccurrence[] = [];
  const push = (uid: string, item: IcalEvent, start: Time, end: Time): void => {
    if (isCancelled(item.component)) return;
    const s = toMs(start, viewer);
    const e = toMs(end, viewer);
    if (overlapsWindow(s, e, from, to)) occurrences.push({ uid, start: s, end: e, transparent: isTransparent(item.component) });
  };

  for (const [uid, g] of groups) {
    if (g.masters.length === 0) {
      // Overrides without their master: each stands alone.
      for (const o of g.overrides) {
        const ev = new ICAL.Event(o);
        push(uid, ev, ev.startDate, ev.endDate);
      }
      continue;
    }
    for (const master of g.masters) {
      const event = new ICAL.Event(master, { exceptions: g.overrides, strictExceptions: true });
      if (isCancelled(master)) continue;
      if (!event.isRecurring()) {
        push(uid, event, event.startDate, event.endDate);
        continue;
      }
      // Instances that end well before the window and have no override are stepped over without
      // getOccurrenceDetails (an override may move an early instance into the window).
      const reach = Math.abs(toMs(event.endDate, viewer) - toMs(event.startDate, viewer)) + 2 * DAY;
      const overridden = new Set<number>();
      for (const id in event.exceptions) overridden.add(toMs((event.exceptions[id] as IcalEvent).recurrenceId, viewer));
      const it = event.iterator();
      const seen = new Set<string>();
      for (let next = it.next(); next; next = it.next()) {
        const startMs = toMs(next, viewer);
        if (startMs >= to) break;
        if (startMs + reach < from && !overridden.has(startMs)) continue;
        const details = event.getOccurrenceDetails(next);
        if (details.item !== event) seen.add(details.item.recurrenceId.toString());
        push(uid, details.item, details.startDate, details.endDate);
      }
      // Overrides of instances after the window that were moved into it.
      for (const id in event.exceptions) {
        if (seen.has(id)) continue;
        const ex = event.exceptions[id] as IcalEvent;
        if (toMs(ex.recurrenceId, viewer) >= to) push(uid, ex, ex.startDate, ex.endDate);
      }
    }
  }
  return { occurrences, busy: mergeBusy(occurrences) };
}
