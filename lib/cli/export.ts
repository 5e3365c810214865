/**
 * `formatfit export --section ID [--catalog catalog.json] [--sequence N]`: prints the section's
 * course calendar (.ics) to stdout (DESIGN.md, "The CLI"; docs/course-calendar.md).
 */
import { CATALOG_ENV_VAR, CatalogError, findSection, loadCatalog, parseCatalog, type Catalog } from "../catalog";
import { sectionCalendar } from "../export/section-calendar";
import { parseArgs, UsageError } from "./args";
import { InputError, registerCommand, type CliIo, type CliResult, type CommandContext } from "./run";

export interface ExportCommandOptions {
  /**
   * The clock, read once per run for the calendar's `DTSTAMP`. `SOURCE_DATE_EPOCH` (seconds, the
   * reproducible-builds convention) overrides it, for byte-identical output from scripts.
   */
  readonly now: () => number;
}

/**
 * Registers the `export` command with the CLI.
 *
 * @example
 * registerExport({ now: () => Date.now() });                           // lib/cli/main.ts
 * registerExport({ now: () => Date.parse("2027-01-04T12:00:00Z") });   // tests
 * runCli(["export", "--section", "PM-101-S1"], io).stdout              // "BEGIN:VCALENDAR\r\n…"
 */
export function registerExport(options: ExportCommandOptions): void {
  registerCommand("export", (argv, ctx) => exportCommand(argv, ctx, options));
}

function exportCommand(argv: readonly string[], ctx: CommandContext, options: ExportCommandOptions): CliResult {
  const args = parseArgs(argv, { values: ["section", "catalog", "sequence"], flags: [] });
  if (args.positional.length > 0) throw new UsageError(`export takes no file arguments (got ${args.positional.join(" ")}); use --catalog FILE.`);
  const sections = args.options.get("section") ?? [];
  const id = sections[0];
  if (id === undefined) throw new UsageError("export needs --section ID.");
  if (sections.length > 1) throw new UsageError("export writes one section's calendar; give --section once.");
  const sequenceText = args.options.get("sequence")?.[0];
  let sequence = 0;
  if (sequenceText !== undefined) {
    if (!/^\d{1,9}$/.test(sequenceText)) throw new InputError(`--sequence ${sequenceText} is not a whole number of at least 0.`);
    sequence = Number(sequenceText);
  }

  const catalog = readCatalog(args.options.get("catalog")?.[0], ctx.io);
  const found = findSection(catalog, id);
  if (!found) {
    throw new InputError(`No section "${id}" in ${catalog.institution ? `the ${catalog.institution} catalog` : "the catalog"}; section ids look like ${firstSectionId(catalog) ?? "PM-101-S1"}.`);
  }
  const ics = sectionCalendar(found.section, found.course, {
    now: clock(ctx.io, options),
    sequence,
    ...(catalog.institution ? { institution: catalog.institution } : {}),
  });
  return { code: 0, stdout: ics, stderr: "" };
}

function clock(io: CliIo, options: ExportCommandOptions): number {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch.trim() !== "") {
    if (!/^\d{1,12}$/.test(epoch.trim())) throw new InputError(`SOURCE_DATE_EPOCH=${epoch} is not a number of seconds since 1970.`);
    return Number(epoch.trim()) * 1000;
  }
  return options.now();
}

/**
 * `--catalog`, else `FORMATFIT_CATALOG`, else the bundled catalog. Files go through the CLI's
 * reader so tests can hand it bytes; any catalog problem becomes one line naming the file and the
 * JSON path.
 */
function readCatalog(path: string | undefined, io: CliIo): Catalog {
  const envPath = io.env[CATALOG_ENV_VAR]?.trim();
  const file = path ?? (envPath ? envPath : undefined);
  try {
    if (file === undefined) return loadCatalog({ env: {} });
    let bytes: Uint8Array;
    try {
      bytes = io.readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const via = path === undefined ? ` (from ${CATALOG_ENV_VAR})` : "";
      throw new InputError(code === "ENOENT" ? `${file}${via}: no such catalog file.` : `${file}${via}: cannot be read (${code ?? "error"}).`);
    }
    return parseCatalog(new TextDecoder().decode(bytes), file);
  } catch (e) {
    if (e instanceof CatalogError) throw new InputError(e.message);
    throw e;
  }
}

function firstSectionId(catalog: Catalog): string | undefined {
  return catalog.courses[0]?.sections[0]?.id;
}
