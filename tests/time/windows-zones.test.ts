import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { windowsZoneToIana } from "@/lib/time/windows-zones";
import { DISPLAY_NAME_TO_WINDOWS, WINDOWS_TO_IANA } from "@/lib/time/windows-zones.data";

const FIXTURES = fileURLToPath(new URL("../fixtures/ics/real-world/", import.meta.url));

describe("windowsZoneToIana: canonical Windows ids (CLDR territory 001)", () => {
  it.each([
    ["Eastern Standard Time", "America/New_York"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["New Zealand Standard Time", "Pacific/Auckland"],
    ["E. South America Standard Time", "America/Sao_Paulo"],
    ["Jordan Standard Time", "Asia/Amman"],
    ["SE Asia Standard Time", "Asia/Bangkok"],
    ["South Africa Standard Time", "Africa/Johannesburg"],
    ["Turkey Standard Time", "Europe/Istanbul"],
    ["US Mountain Standard Time", "America/Phoenix"],
    ["UTC", "Etc/UTC"],
    ["GMT Standard Time", "Europe/London"],
    ["Greenwich Standard Time", "Atlantic/Reykjavik"],
    ["Central European Standard Time", "Europe/Warsaw"],
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["Central Standard Time", "America/Chicago"],
  ])("%s → %s", (tzid, zone) => {
    expect(windowsZoneToIana(tzid)).toBe(zone);
  });

  it("writes IANA's current name where CLDR keeps an old one (India Standard Time → Asia/Kolkata)", () => {
    expect(windowsZoneToIana("India Standard Time")).toBe("Asia/Kolkata");
  });

  it("knows a retired Windows id (Mexico Standard Time → America/Mexico_City)", () => {
    expect(windowsZoneToIana("Mexico Standard Time")).toBe("America/Mexico_City");
  });
});

describe("windowsZoneToIana: display labels as the fixtures write them", () => {
  it.each([
    // exchange-utc-offset-display-name-tzids.ics, quoted parameter and bare property value
    ['"(UTC-06:00) Central Time (US & Canada)"', "America/Chicago"],
    ["(UTC-06:00) Central Time (US & Canada)", "America/Chicago"],
    // exchange2010-bangkok-hanoi-jakarta-display-name-tzid.ics, escaped commas
    [String.raw`(UTC+07:00) Bangkok\, Hanoi\, Jakarta`, "Asia/Bangkok"],
    ['"(UTC+07:00) Bangkok, Hanoi, Jakarta"', "Asia/Bangkok"],
    // outlook-brasilia-non-ascii-windows-tzid.ics: Windows spells it "Brasilia"
    ['"(UTC-03:00) Brasília"', "America/Sao_Paulo"],
    ["(UTC-03:00) Brasília", "America/Sao_Paulo"],
    // outlook2007-kuala-lumpur-singapore-tab-folding.ics: no prefix, quoted, escaped
    ['"Kuala Lumpur, Singapore"', "Asia/Singapore"],
    [String.raw`Kuala Lumpur\, Singapore`, "Asia/Singapore"],
    [String.raw`"Kuala Lumpur\, Singapore"`, "Asia/Singapore"],
    // outlook2003-daily-standup-canberra-melbourne-sydney.ics: Outlook 2003, no prefix
    ['"Canberra, Melbourne, Sydney"', "Australia/Sydney"],
    ["Canberra, Melbourne, Sydney", "Australia/Sydney"],
    // exchange-utc-offset-display-name-tzids.ics: Exchange's short label
    ["Eastern Time", "America/New_York"],
    // lotus-notes6-recurrence-id-rdate.ics: Lotus Notes short name
    ["Eastern", "America/New_York"],
  ])("%s → %s", (tzid, zone) => {
    expect(windowsZoneToIana(tzid)).toBe(zone);
  });
});

describe("windowsZoneToIana: normalisation", () => {
  it("treats a (GMT…) prefix like (UTC…)", () => {
    expect(windowsZoneToIana("(GMT-05:00) Eastern Time (US & Canada)")).toBe("America/New_York");
  });

  it("treats (GMT) and (UTC+00:00) like (UTC)", () => {
    expect(windowsZoneToIana("(GMT) Monrovia, Reykjavik")).toBe("Atlantic/Reykjavik");
    expect(windowsZoneToIana("(UTC+00:00) Monrovia, Reykjavik")).toBe("Atlantic/Reykjavik");
  });

  it("accepts a (GMT+hh.mm) prefix written with a dot", () => {
    expect(windowsZoneToIana("(GMT+01.00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")).toBe("Europe/Berlin");
  });

  it("ignores case", () => {
    expect(windowsZoneToIana("w. europe STANDARD time")).toBe("Europe/Berlin");
  });

  it("collapses runs of whitespace, tabs included", () => {
    expect(windowsZoneToIana("  Eastern \t Standard   Time ")).toBe("America/New_York");
  });

  it("matches the label without its prefix", () => {
    expect(windowsZoneToIana("Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna")).toBe("Europe/Berlin");
  });

  it("matches the label when the prefix carries an offset Windows used in another year", () => {
    expect(windowsZoneToIana("(UTC-04:00) Caracas")).toBe("America/Caracas");
  });

  it("knows the older label spelling Kiev", () => {
    expect(windowsZoneToIana("(UTC+02:00) Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius")).toBe("Europe/Kyiv");
  });

  it("knows Windows' own Pacific label, which timezones.json words differently", () => {
    expect(windowsZoneToIana("(UTC-08:00) Pacific Time (US & Canada)")).toBe("America/Los_Angeles");
  });
});

describe("windowsZoneToIana: names it does not know", () => {
  it.each([
    ["an empty string", ""],
    ["empty quotes", '""'],
    ["Outlook's Customized Time Zone", "Customized Time Zone"],
    ["CDO's offset description", "GMT +0100 (Standard) / GMT +0200 (Daylight)"],
    ["an IANA name (callers check IANA first)", "America/New_York"],
    ["a made-up label", "(UTC+01:00) Atlantis"],
    ["a bare offset prefix", "(UTC+01:00)"],
  ])("%s → undefined", (_what, tzid) => {
    expect(windowsZoneToIana(tzid)).toBeUndefined();
  });
});

describe("the generated table", () => {
  it("maps every Windows id to a zone luxon accepts", () => {
    const invalid = Object.entries(WINDOWS_TO_IANA).filter(([, zone]) => !IANAZone.isValidZone(zone));
    expect(invalid).toEqual([]);
  });

  it("points every display label at a Windows id it maps", () => {
    const dangling = Object.entries(DISPLAY_NAME_TO_WINDOWS).filter(([, id]) => WINDOWS_TO_IANA[id] === undefined);
    expect(dangling).toEqual([]);
  });

  it("resolves every Windows id and display label through windowsZoneToIana", () => {
    const wrong = [
      ...Object.entries(WINDOWS_TO_IANA).map(([id, zone]) => [id, zone] as const),
      ...Object.entries(DISPLAY_NAME_TO_WINDOWS).map(([label, id]) => [label, WINDOWS_TO_IANA[id]] as const),
    ].filter(([name, zone]) => windowsZoneToIana(name) !== zone);
    expect(wrong).toEqual([]);
  });
});

/**
 * TZIDs in the real-world fixtures that no name table can resolve: only the VTIMEZONE in the same
 * file says what they mean (lib/ics/timezones.ts reads it). Each must stay unmapped here, so that a
 * file's own definition is never second-guessed by a guess from the name.
 */
const DEFINED_ONLY_BY_VTIMEZONE: ReadonlyMap<string, string> = new Map([
  ["Customized Time Zone", "Outlook's name for a user-edited zone (here +01/+02 with an October 4th-Sunday rule)"],
  ["GMT +0100 (Standard) / GMT +0200 (Daylight)", "CDO describes offsets, not a place: several zones share them"],
  ["custom_Pacific/Fiji", "tzurl.org's prefixed copy of Pacific/Fiji as of Olson 2014g"],
  ["US-Eastern", "RFC 2445/5545 example id (libical, DDay.iCal samples)"],
  ["US--Fictitious-Eastern", "RFC 2445 example of a made-up zone"],
  ["America-Chicago", "libical test id"],
  ["America-SanJose", "libical test id"],
]);

/**
 * TZID parameters that are not zone names at all because the line is malformed; the .ics parser
 * reports them. exchange2010-eight-windows-zones-jordan.ics line 152 closes the quote after the
 * value: DTSTART;TZID="W. Europe Standard Time:20200609T090000"
 */
const MALFORMED: ReadonlySet<string> = new Set(['"W. Europe Standard Time:20200609T090000"']);

describe("every TZID in tests/fixtures/ics/real-world", () => {
  const found = collectFixtureTzids();

  it("finds the TZIDs (sanity check of the scan)", () => {
    expect(found.size).toBeGreaterThan(40);
    expect(found.has("W. Europe Standard Time")).toBe(true);
    expect(found.has(String.raw`(UTC+07:00) Bangkok\, Hanoi\, Jakarta`)).toBe(true);
  });

  it("is an IANA name, a Windows name that maps, or documented as defined only by its VTIMEZONE", () => {
    const unresolved = [...found.keys()].filter(
      (tzid) =>
        ianaBehindPrefix(tzid) === undefined &&
        windowsZoneToIana(tzid) === undefined &&
        !DEFINED_ONLY_BY_VTIMEZONE.has(unquote(tzid)) &&
        !MALFORMED.has(tzid),
    );
    expect(unresolved).toEqual([]);
  });

  it("has a VTIMEZONE in the same file for each id documented as defined only by one", () => {
    for (const [tzid, files] of found) {
      if (!DEFINED_ONLY_BY_VTIMEZONE.has(unquote(tzid))) continue;
      for (const file of files) expect(definedTzids(file), `${tzid} in ${file}`).toContain(unquote(tzid));
    }
  });

  it("keeps the documented lists honest: every entry occurs, none maps", () => {
    const unquoted = new Set([...found.keys()].map(unquote));
    for (const tzid of DEFINED_ONLY_BY_VTIMEZONE.keys()) {
      expect(unquoted.has(tzid), tzid).toBe(true);
      expect(windowsZoneToIana(tzid), tzid).toBeUndefined();
    }
    for (const tzid of MALFORMED) expect(found.has(tzid), tzid).toBe(true);
  });
});

/** The IANA zone a TZID names directly or behind a `/mozilla.org/…/` or `/softwarestudio.org/…/` prefix. */
function ianaBehindPrefix(tzid: string): string | undefined {
  const name = unquote(tzid).replace(/^\/(?:mozilla\.org|softwarestudio\.org)\/[^/]+\//, "");
  return IANAZone.isValidZone(name) ? name : undefined;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** Unfolded content lines; Latin-1 when a file is not UTF-8. */
function contentLines(file: string): string[] {
  const bytes = readFileSync(FIXTURES + file);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("latin1").decode(bytes);
  }
  return text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
}

/** Splits a content line into name, parameters and value, honouring quoted parameter values. */
function parseContentLine(line: string): { name: string; params: Array<[string, string]>; value: string | undefined } {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  let value: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ":") {
      value = line.slice(i + 1);
      break;
    }
    if (!quoted && ch === ";") {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const [name = "", ...rawParams] = parts;
  const params = rawParams.map((param): [string, string] => {
    const eq = param.indexOf("=");
    return eq < 0 ? [param.toUpperCase(), ""] : [param.slice(0, eq).toUpperCase(), param.slice(eq + 1)];
  });
  return { name: name.toUpperCase(), params, value };
}

/** TZID → the fixture files that use it, as written (quotes and escapes kept). */
function collectFixtureTzids(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const note = (tzid: string, file: string) => {
    const files = found.get(tzid) ?? [];
    if (!files.includes(file)) files.push(file);
    found.set(tzid, files);
  };
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".ics")).sort()) {
    for (const line of contentLines(file)) {
      const { name, params, value } = parseContentLine(line);
      if (name === "TZID" && value !== undefined) note(value, file);
      for (const [param, paramValue] of params) if (param === "TZID") note(paramValue, file);
    }
  }
  return found;
}

/** The TZIDs that VTIMEZONE components in a file define, unescaped. */
function definedTzids(file: string): string[] {
  return contentLines(file)
    .map(parseContentLine)
    .filter(({ name, value }) => name === "TZID" && value !== undefined)
    .map(({ value = "" }) => value.replace(/\\([\\,;])/g, "$1"));
}
