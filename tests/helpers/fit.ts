/**
 * Test helpers for the fit engine: a catalog fixture by file name, and a learner's calendar text
 * turned into occurrences over the chosen sections' terms through the real importer and expander.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCatalog, type Catalog } from "@/lib/catalog";
import { chooseSections, termWindow } from "@/lib/fit";
import { importIcs } from "@/lib/ics/import";
import { expandEvents, type Occurrence } from "@/lib/recurrence/expand";

/** tests/fixtures/catalog/{name}, parsed. */
export function catalogFixture(name: string): Catalog {
  const path = fileURLToPath(new URL(`../fixtures/catalog/${name}`, import.meta.url));
  return parseCatalog(readFileSync(path, "utf8"), path);
}

/**
 * The occurrences of an .ics text over the terms of `sectionIds`, in `viewerZone`; throws when the
 * text does not import.
 *
 * @example
 * termOccurrences(ics(["DTSTART:20270308T220000Z", "DURATION:PT1H"]), catalog, ["WG-100-S1"], "America/New_York")
 */
export function termOccurrences(text: string, catalog: Catalog, sectionIds: readonly string[], viewerZone: string): Occurrence[] {
  const result = importIcs(text);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join("; "));
  const window = termWindow(chooseSections(catalog, sectionIds).map((c) => c.section));
  return expandEvents(result.calendar.events, window, { viewerZone }).occurrences;
}
