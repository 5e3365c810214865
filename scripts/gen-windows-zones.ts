/**
 * Generates lib/time/windows-zones.data.ts: the table that maps the zone names Outlook, Exchange,
 * Lotus Notes and CDO write in .ics files (Windows ids and Windows display labels) to IANA zones.
 *
 *   npx tsx scripts/gen-windows-zones.ts           write the file
 *   npx tsx scripts/gen-windows-zones.ts --check   exit 1 if the committed file is out of date
 *
 * Sources (both read from node_modules, so the output changes only when a version changes):
 * - cldr-core, supplemental/windowsZones.json: the `mapZone` entries with territory "001" are
 *   CLDR's one canonical IANA zone per Windows id.
 * - timezones.json: each entry's `text` is a Windows display label ("(UTC-05:00) Eastern Time
 *   (US & Canada)") and `value` its Windows id. Only that pairing is used; its `utc` lists are not
 *   (their first entry is often not the zone CLDR chooses, e.g. America/Detroit for Eastern).
 * Plus the hand-maintained lists below, for names neither source has.
 *
 * The output is deterministic (sorted keys, no timestamp) so a regeneration diff shows only real
 * changes. After writing, the script loads lib/time/windows-zones.ts and checks that every id and
 * label resolves to the zone the table says.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { IANAZone } from "luxon";

const resolveFromHere = createRequire(import.meta.url).resolve;
const OUTPUT = fileURLToPath(new URL("../lib/time/windows-zones.data.ts", import.meta.url));

/**
 * Zone names CLDR keeps for stability although IANA renamed them, with IANA's current name.
 * Copied from the `_iana` attribute of cldr-bcp47 48.2.0 `bcp47/timezone.json` (all 19 entries;
 * cldr-bcp47 is not a dependency, so the list lives here). Each pair is checked below: both names
 * must be the same zone to the runtime's ICU.
 */
const CLDR_NAME_TO_CURRENT_IANA: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/**
 * Windows ids that Microsoft has retired or renamed, which CLDR no longer lists but older Exchange
 * and Outlook exports still carry. Each maps to the current Windows id that replaced it.
 */
const RETIRED_WINDOWS_IDS: Readonly<Record<string, string>> = {
  "Armenian Standard Time": "Caucasus Standard Time",
  "Kamchatka Standard Time": "Russia Time Zone 11",
  "Mexico Standard Time": "Central Standard Time (Mexico)",
  "Mexico Standard Time 2": "Mountain Standard Time (Mexico)",
};

/**
 * timezones.json entries whose `value` is not a Windows id (the package invented or misspelt it),
 * mapped to the Windows id its label belongs to. The label is kept; only the id is corrected.
 */
const TIMEZONES_JSON_ID_FIXES: Readonly<Record<string, string>> = {
  "British Summer Time": "GMT Standard Time",
  "Eastern Daylight Time": "Eastern Standard Time",
  "Japan Standard Time": "Tokyo Standard Time",
  "Moscow Standard Time": "Russian Standard Time",
  "Pacific Daylight Time": "Pacific Standard Time",
  "Samara Time": "Russia Time Zone 3",
  "Yekaterinburg Time": "Ekaterinburg Standard Time",
};

/**
 * timezones.json entries left out on purpose. "(UTC-02:00) Mid-Atlantic - Old" had its own DST
 * rules (March to September) that no IANA zone follows; a file using it carries a VTIMEZONE.
 */
const TIMEZONES_JSON_SKIPPED: ReadonlySet<string> = new Set(["Mid-Atlantic Standard Time"]);

/**
 * Labels seen in real exports that neither source has, → Windows id. The lookup already treats
 * "(GMT…)" and "(UTC…)" prefixes alike, ignores case and accents, and also matches a label without
 * its prefix, so only genuinely different wording belongs here.
 */
const LABEL_ALIASES: Readonly<Record<string, string>> = {
  // Lotus Notes short names (Notes 6: TZID=Eastern; tests/fixtures/ics/real-world/lotus-notes6-*).
  Eastern: "Eastern Standard Time",
  Central: "Central Standard Time",
  Mountain: "Mountain Standard Time",
  Pacific: "Pacific Standard Time",
  // Exchange 2010 short labels (TZID=Eastern Time; …/exchange-utc-offset-display-name-tzids.ics).
  "Eastern Time": "Eastern Standard Time",
  "Central Time": "Central Standard Time",
  "Mountain Time": "Mountain Standard Time",
  "Pacific Time": "Pacific Standard Time",
  // Windows' own label; timezones.json has "(UTC-08:00) Pacific Standard Time (US & Canada)" instead.
  "(UTC-08:00) Pacific Time (US & Canada)": "Pacific Standard Time",
  // Windows XP / Outlook 2003 label.
  "(GMT-08:00) Pacific Time (US & Canada); Tijuana": "Pacific Standard Time",
  // Windows 7+ label for GMT Standard Time; timezones.json splits it into two entries.
  "(UTC+00:00) Dublin, Edinburgh, Lisbon, London": "GMT Standard Time",
  // Windows XP / Outlook 2003 label for GMT Standard Time.
  "(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London": "GMT Standard Time",
  // Windows used the spelling "Kiev" in this label until 2022.
  "(UTC+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius": "FLE Standard Time",
  // Windows 10 label for Russian Standard Time (timezones.json lists an older, longer one).
  "(UTC+03:00) Moscow, St. Petersburg": "Russian Standard Time",
};

interface Versions {
  readonly cldrCore: string;
  readonly cldr: string;
  readonly timezonesJson: string;
}

function readJson(specifier: string): unknown {
  return JSON.parse(readFileSync(resolveFromHere(specifier), "utf8")) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) throw new Error(`Expected an object at ${path.join(".")} (stopped before "${key}")`);
    current = current[key];
  }
  return current;
}

function stringField(value: unknown, where: string, ...path: string[]): string {
  const result = field(value, ...path);
  if (typeof result !== "string") throw new Error(`Expected a string at ${where}: ${path.join(".")}`);
  return result;
}

function packageVersion(name: string): string {
  return stringField(readJson(`${name}/package.json`), `${name}/package.json`, "version");
}

/** Windows id → IANA, from CLDR's territory-"001" entries. */
function readCldrWindowsZones(): { map: Map<string, string>; cldrVersion: string } {
  const where = "cldr-core/supplemental/windowsZones.json";
  const json = readJson(where);
  const cldrVersion = stringField(json, where, "supplemental", "version", "_cldrVersion");
  const entries = field(json, "supplemental", "windowsZones", "mapTimezones");
  if (!Array.isArray(entries)) throw new Error(`${where}: mapTimezones is not an array`);
  const map = new Map<string, string>();
  for (const entry of entries) {
    if (stringField(entry, where, "mapZone", "_territory") !== "001") continue;
    const windowsId = stringField(entry, where, "mapZone", "_other");
    const zones = stringField(entry, where, "mapZone", "_type").split(" ");
    const [zone] = zones;
    if (zones.length !== 1 || zone === undefined) throw new Error(`${where}: "${windowsId}" 001 lists ${zones.length} zones`);
    if (map.has(windowsId)) throw new Error(`${where}: "${windowsId}" has two 001 entries`);
    map.set(windowsId, zone);
  }
  if (map.size < 100) throw new Error(`${where}: only ${map.size} territory-001 entries; has the format changed?`);
  return { map, cldrVersion };
}

/** Display label → Windows id as timezones.json gives them (ids not yet checked). */
function readTimezonesJsonLabels(): Array<{ label: string; windowsId: string }> {
  const where = "timezones.json/timezones.json";
  const json = readJson(where);
  if (!Array.isArray(json)) throw new Error(`${where} is not an array`);
  return json.map((entry) => ({
    label: stringField(entry, where, "text"),
    windowsId: stringField(entry, where, "value"),
  }));
}

/** Throws unless both names are valid in luxon and ICU treats them as the same zone. */
function assertSameZone(name: string, other: string): void {
  for (const zone of [name, other]) {
    if (!IANAZone.isValidZone(zone)) throw new Error(`"${zone}" is not a valid zone in this runtime (luxon)`);
  }
  const canonical = (zone: string) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  if (canonical(name) !== canonical(other)) throw new Error(`"${name}" and "${other}" are different zones to ICU`);
}

function buildWindowsToIana(cldr: Map<string, string>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [windowsId, cldrZone] of cldr) {
    const current = CLDR_NAME_TO_CURRENT_IANA[cldrZone] ?? cldrZone;
    assertSameZone(current, cldrZone);
    result.set(windowsId, current);
  }
  for (const [retiredId, replacement] of Object.entries(RETIRED_WINDOWS_IDS)) {
    if (cldr.has(retiredId)) throw new Error(`"${retiredId}" is in CLDR now: drop it from RETIRED_WINDOWS_IDS`);
    const zone = result.get(replacement);
    if (zone === undefined) throw new Error(`RETIRED_WINDOWS_IDS: "${replacement}" is not a CLDR Windows id`);
    result.set(retiredId, zone);
  }
  return result;
}

function buildDisplayNameToWindows(
  windowsToIana: ReadonlyMap<string, string>,
): { fromPackage: Map<string, string>; aliases: Map<string, string> } {
  const fromPackage = new Map<string, string>();
  for (const { label, windowsId } of readTimezonesJsonLabels()) {
    if (TIMEZONES_JSON_SKIPPED.has(windowsId)) continue;
    const fixed = TIMEZONES_JSON_ID_FIXES[windowsId] ?? windowsId;
    if (!windowsToIana.has(fixed)) {
      throw new Error(
        `timezones.json: "${label}" has id "${windowsId}", which is not a Windows id CLDR knows. ` +
          "Add it to TIMEZONES_JSON_ID_FIXES, RETIRED_WINDOWS_IDS or TIMEZONES_JSON_SKIPPED.",
      );
    }
    const previous = fromPackage.get(label);
    if (previous !== undefined && previous !== fixed) throw new Error(`timezones.json: "${label}" is both "${previous}" and "${fixed}"`);
    fromPackage.set(label, fixed);
  }
  for (const [wrongId, fixed] of Object.entries(TIMEZONES_JSON_ID_FIXES)) {
    if (windowsToIana.has(wrongId)) throw new Error(`"${wrongId}" is a Windows id now: drop it from TIMEZONES_JSON_ID_FIXES`);
    if (!windowsToIana.has(fixed)) throw new Error(`TIMEZONES_JSON_ID_FIXES: "${fixed}" is not a Windows id`);
  }
  const aliases = new Map<string, string>();
  for (const [label, windowsId] of Object.entries(LABEL_ALIASES)) {
    if (!windowsToIana.has(windowsId)) throw new Error(`LABEL_ALIASES: "${windowsId}" is not a Windows id`);
    if (fromPackage.has(label)) throw new Error(`LABEL_ALIASES: "${label}" is in timezones.json already`);
    aliases.set(label, windowsId);
  }
  return { fromPackage, aliases };
}

/** Code-unit order: the same on every machine and locale. */
function byKey([a]: [string, string], [b]: [string, string]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function entries(map: ReadonlyMap<string, string>): string {
  return [...map]
    .sort(byKey)
    .map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
    .join("\n");
}

function render(
  versions: Versions,
  windowsToIana: ReadonlyMap<string, string>,
  labels: { fromPackage: ReadonlyMap<string, string>; aliases: ReadonlyMap<string, string> },
): string {
  return `// Generated by scripts/gen-windows-zones.ts. Do not edit by hand: change the generator and run
//   npx tsx scripts/gen-windows-zones.ts
//
// Sources:
// - cldr-core ${versions.cldrCore} (CLDR ${versions.cldr}), supplemental/windowsZones.json, mapZone entries with
//   territory "001" (Unicode License v3). Zones that IANA has renamed since CLDR fixed its id carry
//   IANA's current name (CLDR bcp47 "_iana"), e.g. Asia/Calcutta is written Asia/Kolkata.
// - timezones.json ${versions.timezonesJson} (MIT): Windows display labels ("text") and their Windows id ("value").
// - Hand-maintained lists in the generator: retired Windows ids, corrections to timezones.json ids,
//   and labels seen in real exports that neither source has.

/** Windows time zone id (as Outlook and Exchange write it in TZID) → IANA zone name. */
export const WINDOWS_TO_IANA: Readonly<Record<string, string>> = Object.freeze({
${entries(windowsToIana)}
});

/**
 * Windows display label, or another label seen in real exports, → Windows id (a key of
 * WINDOWS_TO_IANA). Matched after normalisation: see windowsZoneToIana in ./windows-zones.ts.
 */
export const DISPLAY_NAME_TO_WINDOWS: Readonly<Record<string, string>> = Object.freeze({
  // From timezones.json ${versions.timezonesJson}.
${entries(labels.fromPackage)}
  // Hand-maintained aliases (LABEL_ALIASES in scripts/gen-windows-zones.ts).
${entries(labels.aliases)}
});
`;
}

/** Loads the runtime lookup over the freshly written table and checks every entry resolves as intended. */
async function verify(
  windowsToIana: ReadonlyMap<string, string>,
  labels: { fromPackage: ReadonlyMap<string, string>; aliases: ReadonlyMap<string, string> },
): Promise<void> {
  const { windowsZoneToIana } = await import("../lib/time/windows-zones");
  const problems: string[] = [];
  const expect = (input: string, zone: string | undefined) => {
    const actual = windowsZoneToIana(input);
    if (actual !== zone) problems.push(`"${input}" → ${String(actual)}, expected ${String(zone)}`);
  };
  for (const [windowsId, zone] of windowsToIana) expect(windowsId, zone);
  for (const [label, windowsId] of [...labels.fromPackage, ...labels.aliases]) expect(label, windowsToIana.get(windowsId));
  if (problems.length > 0) throw new Error(`The generated table does not resolve as intended:\n${problems.join("\n")}`);
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  const { map: cldr, cldrVersion } = readCldrWindowsZones();
  const versions: Versions = {
    cldrCore: packageVersion("cldr-core"),
    cldr: cldrVersion,
    timezonesJson: packageVersion("timezones.json"),
  };
  const windowsToIana = buildWindowsToIana(cldr);
  const labels = buildDisplayNameToWindows(windowsToIana);
  const output = render(versions, windowsToIana, labels);

  let existing: string | undefined;
  try {
    existing = readFileSync(OUTPUT, "utf8");
  } catch {
    existing = undefined;
  }
  if (check) {
    if (existing !== output) {
      console.error(`${OUTPUT} is out of date: run npx tsx scripts/gen-windows-zones.ts`);
      process.exitCode = 1;
      return;
    }
  } else if (existing !== output) {
    writeFileSync(OUTPUT, output);
  }
  await verify(windowsToIana, labels);
  const labelCount = labels.fromPackage.size + labels.aliases.size;
  console.log(
    `${check ? "Checked" : "Wrote"} ${OUTPUT}: ${windowsToIana.size} Windows ids, ${labelCount} labels ` +
      `(cldr-core ${versions.cldrCore}, timezones.json ${versions.timezonesJson}).`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
