import { DISPLAY_NAME_TO_WINDOWS, WINDOWS_TO_IANA } from "./windows-zones.data";

/**
 * Maps a zone name that Outlook, Exchange, Lotus Notes or CDO wrote in a TZID to an IANA zone.
 *
 * Recognises Windows ids (`Eastern Standard Time`, through CLDR's table), Windows display labels
 * (`(UTC-05:00) Eastern Time (US & Canada)`) and a few labels seen in real exports (Lotus Notes'
 * `Eastern`, Outlook 2003's `Canberra, Melbourne, Sydney`). The name is matched leniently, because
 * producers disagree on its spelling:
 * - surrounding whitespace and one pair of double quotes are removed, `\,` and `\;` unescaped
 *   (a TZID written as a quoted parameter or as an escaped VTIMEZONE property value);
 * - runs of whitespace count as one space; case and accents are ignored (`(UTC-03:00) Brasília`
 *   finds Windows' `(UTC-03:00) Brasilia`);
 * - `(GMT±hh:mm)` and `(UTC±hh:mm)` prefixes are the same, and `(UTC)` is `(UTC+00:00)`;
 * - the label after the prefix also matches on its own, since Windows changes the offset in a
 *   label when a zone's offset changes and older exports have no prefix at all. A bare label that
 *   would name two different zones matches neither.
 *
 * IANA names are not recognised here (test them first with luxon's `IANAZone.isValidZone`), and
 * neither are names only the file's own VTIMEZONE defines (`Customized Time Zone`, CDO's
 * `GMT +0100 (Standard) / GMT +0200 (Daylight)`): for those this returns `undefined`.
 *
 * @param tzid - the TZID parameter or property value, as the file has it (quotes and escapes allowed)
 * @returns the IANA zone name (valid in luxon), or `undefined` when the name is not a known Windows zone
 *
 * @example
 * ```ts
 * windowsZoneToIana("W. Europe Standard Time"); // "Europe/Berlin"
 * windowsZoneToIana("(GMT-05:00) Eastern Time (US & Canada)"); // "America/New_York"
 * windowsZoneToIana(String.raw`"(UTC+07:00) Bangkok\, Hanoi\, Jakarta"`); // "Asia/Bangkok"
 * windowsZoneToIana("Customized Time Zone"); // undefined: use the file's VTIMEZONE
 * ```
 */
export function windowsZoneToIana(tzid: string): string | undefined {
  const { prefix, label } = splitOffsetPrefix(normalise(tzid));
  if (label === "") return undefined;
  const tables = getTables();
  if (prefix === undefined) {
    const byId = tables.byId.get(label);
    if (byId !== undefined) return byId ?? undefined;
  }
  const exact = tables.byLabel.get(prefix === undefined ? label : `${prefix} ${label}`);
  if (exact !== undefined) return exact ?? undefined;
  return tables.byBareLabel.get(label) ?? undefined;
}

/** `null` marks a key that two entries give different zones: it matches nothing. */
type Table = Map<string, string | null>;

interface Tables {
  readonly byId: Table;
  readonly byLabel: Table;
  readonly byBareLabel: Table;
}

let tables: Tables | undefined;

/** Built on first use rather than at import, so importing the module costs nothing. */
function getTables(): Tables {
  tables ??= buildTables();
  return tables;
}

function buildTables(): Tables {
  const byId: Table = new Map();
  const byLabel: Table = new Map();
  const byBareLabel: Table = new Map();
  for (const [windowsId, zone] of Object.entries(WINDOWS_TO_IANA)) add(byId, normalise(windowsId), zone);
  for (const [displayName, windowsId] of Object.entries(DISPLAY_NAME_TO_WINDOWS)) {
    const zone = WINDOWS_TO_IANA[windowsId];
    if (zone === undefined) continue; // the generator guarantees this does not happen
    const { prefix, label } = splitOffsetPrefix(normalise(displayName));
    add(byLabel, prefix === undefined ? label : `${prefix} ${label}`, zone);
    add(byBareLabel, label, zone);
  }
  return { byId, byLabel, byBareLabel };
}

function add(table: Table, key: string, zone: string): void {
  const existing = table.get(key);
  table.set(key, existing === undefined || existing === zone ? zone : null);
}

function normalise(name: string): string {
  let text = name.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  return text
    .replace(/\\([\\,;])/g, "$1")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

// "(utc-05:00)", "(gmt-05:00)", "(gmt-05.00)", "(utc)", "(gmt+1)"; applied after normalise().
const OFFSET_PREFIX = /^\(\s*(?:utc|gmt)\s*(?:([+\-\u2212])\s*(\d{1,2})(?:\s*[:.]?\s*(\d{2}))?)?\s*\)\s*/;

/** Splits a normalised name into a canonical offset prefix (`(utc-05:00)`) and the label after it. */
function splitOffsetPrefix(name: string): { prefix: string | undefined; label: string } {
  const match = OFFSET_PREFIX.exec(name);
  if (match === null) return { prefix: undefined, label: name };
  const [whole, sign, hours = "0", minutes = "0"] = match;
  const zero = Number(hours) === 0 && Number(minutes) === 0;
  const prefix = `(utc${sign === undefined || sign === "+" || zero ? "+" : "-"}${hours.padStart(2, "0")}:${minutes.padStart(2, "0")})`;
  return { prefix, label: name.slice(whole.length) };
}
