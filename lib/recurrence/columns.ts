/**
 * Where the expansion writes occurrences. For the CLI, columns of numbers (start, end, the
 * instance's original start) and the index of the event each came from, not one object each: a
 * big calendar yields hundreds of thousands of occurrences, and as objects (their start and end
 * boxed) they were the bulk of its garbage, and printing them in time order read them scattered
 * across the heap. For the app, which reads them as objects, the objects themselves. Either is
 * sorted as indices (sort.ts).
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

/** Where expansion puts each occurrence it finds (series.ts): columns, or objects. */
export interface OccurrenceSink {
  /** Adds the occurrence `[start, end)` of `ev`; `recurrenceId` is the original start of the instance it stands for. */
  add(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): void;
}

/** Occurrences as the sort reads them (sort.ts): by index, in the order they were added. */
export interface OccurrenceList {
  readonly length: number;
  /** The events occurrences came from, each once, in the order first added. */
  readonly events: readonly CalendarEvent[];
  start(i: number): number;
  end(i: number): number;
  /** The index in {@link events} of the event occurrence `i` came from. */
  eventIndex(i: number): number;
}

/** Numbers each event as its first occurrence is added (a series adds its occurrences one after another). */
class EventNumbers {
  readonly events: CalendarEvent[] = [];
  private readonly indexOfEvent = new Map<CalendarEvent, number>();
  private lastEvent: CalendarEvent | undefined;
  private lastIndex = -1;

  protected numberOf(ev: CalendarEvent): number {
    if (ev === this.lastEvent) return this.lastIndex;
    let e = this.indexOfEvent.get(ev);
    if (e === undefined) {
      e = this.events.length;
      this.events.push(ev);
      this.indexOfEvent.set(ev, e);
    }
    this.lastEvent = ev;
    this.lastIndex = e;
    return e;
  }
}

/** A typed array twice as long, holding the old one's values. */
function grown<T extends Float64Array | Int32Array>(old: T, fresh: T): T {
  fresh.set(old);
  return fresh;
}

/**
 * Occurrences as objects, made as they are found: what {@link expandEvents} returns (the app's
 * checks read them as objects), with each one's event numbered for the sort.
 */
export class OccurrenceObjects extends EventNumbers implements OccurrenceSink, OccurrenceList {
  readonly list: Occurrence[] = [];
  private eventIndexes = new Int32Array(1024);

  get length(): number {
    return this.list.length;
  }

  add(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): void {
    const i = this.list.length;
    if (i === this.eventIndexes.length) this.eventIndexes = grown(this.eventIndexes, new Int32Array(i * 2));
    this.eventIndexes[i] = this.numberOf(ev);
    this.list.push(occurrence(ev, start, end, recurrenceId));
  }

  start(i: number): number {
    return (this.list[i] as Occurrence).start;
  }

  end(i: number): number {
    return (this.list[i] as Occurrence).end;
  }

  eventIndex(i: number): number {
    return this.eventIndexes[i] as number;
  }
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
export class OccurrenceColumns extends EventNumbers implements OccurrenceSink, OccurrenceList {
  private starts = new Float64Array(1024);
  private ends = new Float64Array(1024);
  private recurrenceIds = new Float64Array(1024);
  private eventIndexes = new Int32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  add(ev: CalendarEvent, start: number, end: number, recurrenceId: number | undefined): void {
    const i = this.count;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.recurrenceIds[i] = recurrenceId ?? NONE;
    this.eventIndexes[i] = this.numberOf(ev);
    this.count = i + 1;
  }

  private grow(): void {
    const size = this.starts.length * 2;
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
