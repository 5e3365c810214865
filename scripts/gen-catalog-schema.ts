/**
 * Writes lib/catalog/catalog.schema.json from the zod schema in lib/catalog/schema.ts.
 *
 *   npx tsx scripts/gen-catalog-schema.ts           write the file
 *   npx tsx scripts/gen-catalog-schema.ts --check   exit 1 if the file is out of date (for CI)
 *
 * The JSON Schema carries the structure: fields, types, patterns, which fields each format needs
 * (a `oneOf` on `format`) and the descriptions. zod refinements have no JSON Schema form and are
 * left out by `z.toJSONSchema`: real dates are still covered by the date pattern, but IANA zone
 * names, the rule parts of `rrule`, `startDate <= endDate`, skip dates on session days and unique
 * ids are enforced only by `validateCatalog`. The schema says so in its description.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { catalogSchema } from "../lib/catalog/schema";

/** Where the JSON Schema lives, next to the schema it is generated from. */
export const CATALOG_JSON_SCHEMA_PATH = fileURLToPath(new URL("../lib/catalog/catalog.schema.json", import.meta.url));

/**
 * The JSON Schema for catalogs, as the text written to catalog.schema.json.
 *
 * @example
 * ```ts
 * JSON.parse(catalogJsonSchemaText()).$defs.Meeting.required; // → ["rrule", "startTime", "durationMinutes"]
 * ```
 */
export function catalogJsonSchemaText(): string {
  const schema = z.toJSONSchema(catalogSchema, {
    target: "draft-2020-12",
    io: "input",
    // Parts with a meta id (Course, the three section kinds, Meeting, Deadline, ExtraMeeting)
    // become $defs; everything else is inlined where it is used.
    reused: "inline",
    unrepresentable: "throw",
    // zod writes an empty tuple (an asynchronous section's `meetings: []`) with `prefixItems: []`,
    // which draft 2020-12's meta-schema refuses (prefixItems needs at least one schema);
    // `items: false` with `maxItems: 0` already says "an empty list".
    override: ({ jsonSchema }) => {
      if (Array.isArray(jsonSchema.prefixItems) && jsonSchema.prefixItems.length === 0) delete jsonSchema.prefixItems;
    },
  });
  const withNote = {
    ...schema,
    description: `${String(schema.description ?? "")} Beyond this schema, FormatFit also checks: dates are real calendar dates, timeZone is an IANA zone, rrule holds valid RFC 5545 rule parts, startDate <= endDate (years 2000–2099, at most 731 days), skipDates and extraMeetings fall within the term, each skip date is a date a meetings rule matches, every rule matches at least one date, course ids are unique and section ids are unique across the catalog. Validate with FORMATFIT_CATALOG=path (see docs/catalog.md).`,
  };
  return `${JSON.stringify(withNote, null, 2)}\n`;
}

function main(argv: readonly string[]): void {
  const wanted = catalogJsonSchemaText();
  if (argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(CATALOG_JSON_SCHEMA_PATH, "utf8");
    } catch {
      // a missing file is out of date
    }
    if (current !== wanted) {
      console.error(`${CATALOG_JSON_SCHEMA_PATH} is out of date; run: npx tsx scripts/gen-catalog-schema.ts`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(CATALOG_JSON_SCHEMA_PATH, wanted);
  console.log(`wrote ${CATALOG_JSON_SCHEMA_PATH}`);
}

// Run only as a script, so that tests can import catalogJsonSchemaText.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
