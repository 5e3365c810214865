/**
 * DATE and DATE-TIME properties of one event, with their zones attached: `TZID` resolved through
 * the file's zones, and a TZID that nothing defines read in the viewer's zone (as a floating time)
 * with one warning per line, so that the event stays in the learner's week instead of vanishing
 * (a dropped busy event would turn into a false "fits").
 */
import type { DateValue, IssueCode } from "../calendar";
import type { Property } from "./content-lines";
import { normaliseTzid, type ZoneResolver } from "./timezones";
import { parseDateOrDateTime, truncate, ValueError } from "./values";

/** A problem that makes an event unusable: the event is skipped and the issue reported. */
export class SkipEvent extends Error {
  override readonly name = "SkipEvent";
  constructor(
    readonly code: IssueCode,
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Reads the date properties of one event. */
export class DateReader {
  private warned: Set<number> | undefined;

  /**
   * @param onUnknownZone told once per line whose TZID nothing defines, with the sentence to report.
   */
  constructor(
    private readonly zones: ZoneResolver,
    private readonly onUnknownZone: (line: number, message: string) => void,
  ) {}

  /**
   * The value of `prop` (or `raw`, one item of its list) as a {@link DateValue}.
   *
   * @throws {SkipEvent} INVALID_DATE when the text is not a real date or date-time.
   * @example
   * new DateReader(zones, warn).read(dtstartProperty, "DTSTART") // { kind: "zoned", wall: …, zone }
   */
  read(prop: Property, what: string, raw = prop.value): DateValue {
    let parsed;
    try {
      parsed = parseDateOrDateTime(raw, prop.params?.VALUE);
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      throw new SkipEvent("INVALID_DATE", `Line ${prop.line}: ${what} ${e.message}`, prop.line);
    }
    if (parsed.kind !== "local") return parsed;
    const tzid = prop.params?.TZID;
    if (tzid === undefined || tzid.trim() === "") return { kind: "floating", wall: parsed.wall };
    const zone = this.zones.resolve(tzid);
    if (zone) return { kind: "zoned", wall: parsed.wall, zone };
    this.warned ??= new Set();
    if (!this.warned.has(prop.line)) {
      this.warned.add(prop.line);
      this.onUnknownZone(
        prop.line,
        `Line ${prop.line}: ${what} uses time zone "${truncate(normaliseTzid(tzid))}", which is neither an IANA zone, a Windows zone, nor defined by a VTIMEZONE in the file; it was read in your own time zone. Export the calendar again with time zone definitions included, or use a standard zone name.`,
      );
    }
    return { kind: "floating", wall: parsed.wall };
  }
}

/** UTC ms of a value, reading floating and all-day times as UTC (good to within a day). */
export function approxInstant(v: DateValue): number {
  return v.kind === "utc" ? v.utc : v.kind === "zoned" ? v.zone.wallToUtc(v.wall) : v.wall;
}
