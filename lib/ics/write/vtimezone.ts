/**
 * `VTIMEZONE` from an IANA zone's real rules (RFC 5545 §3.6.5): the transitions the zone actually
 * has in a range of instants, each written as its own `STANDARD` or `DAYLIGHT` observance (a
 * `DTSTART` per transition, no `RRULE`), so that a rule change between years (the US in 2007,
 * Mexico in 2022) is written as it happened rather than as one pattern extrapolated. A zone with
 * no transition for years gets a single observance with its offset.
 *
 * Clients that know the TZID as an IANA name (Google, Apple, our importer) use their own database;
 * the `VTIMEZONE` is what the rest (Outlook, older clients) convert with.
 */
import { DateTime, IANAZone } from "luxon";
import { requireZone, type ZoneRules } from "../../time/zone";
import { property, textProperty, type WriteComponent } from "./calendar";
import { utcOffset, wallDateTime } from "./values";
import { DAY } from "../../time/units";
const SECOND = 1000;
/** How far before the range to look for the change in force at its start (DST changes are yearly). */
const LOOK_BACK = 2 * 366 * DAY;

/** One change of offset: from `at` (UTC ms) on, `to` applies instead of `from` (ms east of UTC). */
export interface ZoneTransition {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** A half-open range `[from, to)` of UTC instants (epoch ms). */
export interface InstantRange {
  readonly from: number;
  readonly to: number;
}

export interface VtimezoneOptions {
  /**
   * The TZID to write, when it differs from the zone's IANA name (tests write a zone under a name
   * no client knows, to prove the definition alone is right). Defaults to the zone's name.
   */
  readonly tzid?: string;
}

/**
 * The offset changes of a zone within `[range.from, range.to)`, to the second, found by sampling
 * `offsetAt` once a day and bisecting where it changed. Modern zones change their offset at most a
 * few times a year, weeks apart, so a daily sample misses nothing a calendar needs.
 *
 * @example
 * zoneTransitions(requireZone("America/New_York"), { from: Date.UTC(2027, 0, 1), to: Date.UTC(2028, 0, 1) })
 * // [{ at: 2027-03-14T07:00Z, from: -5 h, to: -4 h }, { at: 2027-11-07T06:00Z, from: -4 h, to: -5 h }]
 */
export function zoneTransitions(zone: ZoneRules, range: InstantRange): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  const start = Math.floor(range.from / SECOND) * SECOND;
  let t = start;
  let offset = zone.offsetAt(t);
  while (t < range.to) {
    const next = Math.min(t + DAY, Math.ceil(range.to / SECOND) * SECOND);
    const nextOffset = zone.offsetAt(next);
    if (nextOffset !== offset) {
      // Invariant: offsetAt(lo) === offset, offsetAt(hi) !== offset; both whole seconds.
      let lo = t;
      let hi = next;
      while (hi - lo > SECOND) {
        const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
        if (zone.offsetAt(mid) === offset) lo = mid;
        else hi = mid;
      }
      const to = zone.offsetAt(hi);
      if (hi < range.to && hi >= range.from) out.push({ at: hi, from: offset, to });
      offset = to;
      // Another change later in the same day (rare) is found from the one just found.
      t = hi;
      continue;
    }
    t = next;
  }
  return out;
}

/**
 * The zone's abbreviation at an instant for `TZNAME` ("EST", "BST", "CEST"): English names in the
 * US style first, then the British (which knows BST and the European abbreviations); where neither
 * has one, the GMT offset ICU gives ("GMT+5:30"). TZNAME is informational, so this is fixed to
 * English locales rather than the host's, to keep the output the same everywhere.
 */
function abbreviation(zoneName: string, at: number): string {
  const zone = IANAZone.create(zoneName);
  const us = zone.offsetName(at, { format: "short", locale: "en-US" }) ?? "";
  if (/^[A-Z]{2,6}$/.test(us)) return us;
  const gb = zone.offsetName(at, { format: "short", locale: "en-GB" }) ?? "";
  if (/^[A-Z]{2,6}$/.test(gb)) return gb;
  return us || gb || "UTC";
}

function isDaylight(zoneName: string, at: number): boolean {
  if (zoneName === "UTC" || zoneName === "Etc/UTC") return false;
  return DateTime.fromMillis(at, { zone: zoneName }).isInDST;
}

/**
 * A `VTIMEZONE` for an IANA zone covering `range`: one observance per real transition in it,
 * after one for the last transition before it (the offset in force at its start; for a zone that
 * has not changed in years, an observance from 1970 with that offset). After the last observance
 * its `TZOFFSETTO` applies, so pass a range that covers every time the calendar uses (the term,
 * and a year either side). Throws a `RangeError` for a name that is not an IANA zone.
 *
 * @example
 * writeComponent(vtimezone("America/New_York", { from: Date.UTC(2026, 0, 11), to: Date.UTC(2028, 3, 26) }))
 * // BEGIN:VTIMEZONE / TZID:America/New_York / BEGIN:DAYLIGHT / DTSTART:20260308T020000 /
 * // TZOFFSETFROM:-0500 / TZOFFSETTO:-0400 / TZNAME:EDT / END:DAYLIGHT / BEGIN:STANDARD … END:VTIMEZONE
 */
export function vtimezone(zoneName: string, range: InstantRange, options: VtimezoneOptions = {}): WriteComponent {
  const zone = requireZone(zoneName);
  // The name as the caller spells it: the zone database resolves links (ICU still calls
  // Asia/Kathmandu "Asia/Katmandu"), but the TZID must match what the events say.
  const name = zoneName;
  const tzid = options.tzid ?? name;
  const observance = (at: number, from: number, to: number, onset: string = wallDateTime(at + from)): WriteComponent => ({
    name: isDaylight(name, at) ? "DAYLIGHT" : "STANDARD",
    properties: [
      // The onset is the local time just before the change, in the offset being left (§3.6.5).
      property("DTSTART", onset),
      property("TZOFFSETFROM", utcOffset(from)),
      property("TZOFFSETTO", utcOffset(to)),
      ...textProperty("TZNAME", abbreviation(name, at)),
    ],
  });
  // Readers differ before the first observance: ours takes its TZOFFSETFROM, ical.js takes UTC.
  // So the list starts with the last change before the range, which is in force at its start.
  const before = zoneTransitions(zone, { from: range.from - LOOK_BACK, to: range.from }).at(-1);
  const inRange = zoneTransitions(zone, range);
  const observances = [...(before ? [before] : []), ...inRange].map((t) => observance(t.at, t.from, t.to));
  if (!before) {
    // No change for years (or ever): the offset at the start has been in force since "always".
    const offset = zone.offsetAt(range.from);
    observances.unshift(observance(range.from, offset, offset, "19700101T000000"));
  }
  return {
    name: "VTIMEZONE",
    properties: [
      ...textProperty("TZID", tzid),
      // Mozilla's convention, which ical.js and Thunderbird read: the IANA zone this defines.
      ...(tzid === name ? textProperty("X-LIC-LOCATION", name) : []),
    ],
    components: observances,
  };
}
