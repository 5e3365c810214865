/**
 * Occurrences as the expansion writes them: columns of numbers (start, end, the instance's original
 * start) and the index of the event each came from, not one object each. A big calendar yields
 * hundreds of thousands of occurrences; as objects (with their start and end boxed) they were the
 * bulk of the expansion's garbage, and sorting or printing them in time order read them scattered
 * across the heap. The columns are sorted as indices (sort.ts), and become {@link Occurrence}
 * objects only where a caller wants objects: then in time order, each next to the one before.
 */
import type { CalendarEvent } from "../calendar";
import type { Occurrence } from "./types";

/** No original start (a single event): kept in the recurrenceId column as NaN. */
const NONE = NaN;

/**
 * Every occurrence has the same keys in the same order, the optional ones `undefined` when absent
 * (JSON leaves them out as before): one object shape, so the code that reads hundreds of
 * thousands of them (busy time, the fit engine) stays on V8's fast, monomorphic path. Built with
 * some keys only when present, they came in up to 16 shapes and every read of them slowed.
 */
function occurrence(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): Occurrence {
  const o = {
    uid: ev.uid,
    start,
    end,
    allDay: ev.start.kind === "date",
    transparent: ev.transparent,
    summary: ev.summary,
    status: ev.status,
    busyStatus: ev.busyStatus,
    recurrenceId,
    event: ev,
  };
  return o as Occurrence;
}

/**
 * Occurrences in the order they were added, as columns. Occurrence `i` is
 * `[start(i), end(i))` of `eventOf(i)`; its uid, summary, flags and the rest are the event's.
 *
 * @example
 * const c = new OccurrenceColumns();
 * c.add(ev, Date.UTC(2027, 0, 11, 14), Date.UTC(2027, 0, 11, 15), undefined);
 * c.occurrence(0) // { uid: ev.uid, start: …, end: …, allDay: false, …, event: ev }
 */
export class OccurrenceColumns {
  /** The events occurrences came from, each once, in the order first added. */
  readonly events: CalendarEvent[] = [];
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private recurrenceIds = new Float64Array(1024);
  private eventIndexes = new Int32Array(1024);
  private readonly indexOfEvent = new Map<CalendarEvent, number>();
  /** The event added last and its index: a series adds its occurrences one after another. */
  private lastEvent: CalendarEvent | undefined;
  private lastIndex = -1;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds the occurrence `[start, end)` of `ev`; `recurrenceId` is the original start of the instance it stands for. */
  add(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): void {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    let e = this.lastIndex;
    if (ev !== this.lastEvent) {
      e = this.indexOfEvent.get(ev) ?? -1;
      if (e < 0) {
        e = this.events.length;
        this.events.push(ev);
        this.indexOfEvent.set(ev, e);
      }
      this.lastEvent = ev;
      this.lastIndex = e;
    }
    this.starts[i] = start;
    this.ends[i] = end;
    this.recurrenceIds[i] = recurrenceId ?? NONE;
    this.eventIndexes[i] = e;
    this.count = i + 1;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Float64Array | Int32Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.starts = grown(this.starts, new Float64Array(size));
    this.ends = grown(this.ends, new Float64Array(size));
    this.recurrenceIds = grown(this.recurrenceIds, new Float64Array(size));
    this.eventIndexes = grown(this.eventIndexes, new Int32Array(size));
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** The index in {@link events} of the event occurrence `i` came from. */
  eventIndex(i: number): number {
    return this.eventIndexes[i] as number;
  }

  eventOf(i: number): CalendarEvent {
    return this.events[this.eventIndexes[i] as number] as CalendarEvent;
  }

  /** Occurrence `i` as an object. */
  occurrence(i: number): Occurrence {
    const rid = this.recurrenceIds[i] as number;
    return occurrence(this.eventOf(i), this.starts[i] as number, this.ends[i] as number, Number.isNaN(rid) ? undefined : rid);
  }
}
