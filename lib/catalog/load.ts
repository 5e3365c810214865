/**
 * Loading a catalog: the file `FORMATFIT_CATALOG` names, or the catalog bundled with FormatFit.
 * Every failure is a {@link CatalogError} that names the file and says what is wrong.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
// A static import, so the bundled catalog travels inside Next.js bundles and works in the CLI.
import bundledCatalogJson from "./bundled-catalog.json";
import { type Catalog, type CatalogIssue, type Course, type Section, validateCatalog } from "./schema";

export type CatalogErrorCode = "CATALOG_NOT_FOUND" | "CATALOG_NOT_JSON" | "CATALOG_INVALID";

/** Where in a file a problem is: 1-based line and column, and the 0-based character offset. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface CatalogErrorOptions {
  /** The file (or "the bundled catalog") the error is about. */
  readonly source: string;
  readonly issues?: readonly CatalogIssue[];
  readonly position?: TextPosition;
  readonly cause?: unknown;
}

/**
 * The one error a catalog load throws. `code` says which kind of failure it is; `issues` lists
 * every problem validation found (empty for a missing file).
 */
export class CatalogError extends Error {
  override readonly name = "CatalogError";
  readonly code: CatalogErrorCode;
  readonly source: string;
  readonly issues: readonly CatalogIssue[];
  /** Where parsing stopped, for `CATALOG_NOT_JSON`. */
  readonly position: TextPosition | undefined;

  constructor(code: CatalogErrorCode, message: string, options: CatalogErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = options.source;
    this.issues = options.issues ?? [];
    this.position = options.position;
  }
}

/** The environment variable that points FormatFit at a school's catalog file. */
export const CATALOG_ENV_VAR = "FORMATFIT_CATALOG";
const BUNDLED_SOURCE = "the bundled catalog";
/** How many issues a CATALOG_INVALID message spells out; `issues` holds them all. */
const ISSUES_IN_MESSAGE = 5;

export interface LoadCatalogOptions {
  /** A catalog file to read; takes precedence over the environment. */
  readonly path?: string;
  /** Where to look for `FORMATFIT_CATALOG`; defaults to `process.env`. Pass `{}` to ignore the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory a relative path is resolved against; defaults to the current directory. */
  readonly cwd?: string;
}

/**
 * Loads and validates the catalog: the file `options.path`, else the file named by
 * `FORMATFIT_CATALOG` in `options.env`, else the catalog bundled with FormatFit.
 *
 * Throws a {@link CatalogError}: `CATALOG_NOT_FOUND` when the file cannot be read,
 * `CATALOG_NOT_JSON` when it is not JSON (with the line and column where parsing stopped),
 * `CATALOG_INVALID` when it does not match the catalog format (with every issue).
 *
 * The bundled catalog is validated once and shared, frozen: treat every catalog as read-only.
 *
 * @example
 * ```ts
 * const bundled = loadCatalog({ env: {} });
 * const school = loadCatalog({ env: { FORMATFIT_CATALOG: "data/spring-2027.json" } });
 * try {
 *   loadCatalog({ path: "broken.json" });
 * } catch (error) {
 *   if (error instanceof CatalogError && error.code === "CATALOG_INVALID") {
 *     for (const issue of error.issues) console.error(`${issue.path}: ${issue.message}`);
 *   }
 * }
 * ```
 */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const env = options.env ?? (typeof process === "undefined" ? {} : process.env);
  const path = options.path ?? nonEmpty(env[CATALOG_ENV_VAR]);
  if (path === undefined) return bundledCatalog();

  const file = resolve(options.cwd ?? process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${(error as Error).message})`;
    const via = options.path === undefined ? ` (from ${CATALOG_ENV_VAR})` : "";
    throw new CatalogError("CATALOG_NOT_FOUND", `Catalog file ${file}${via} ${reason}`, { source: file, cause: error });
  }
  return parseCatalog(text, file);
}

/**
 * Parses and validates catalog JSON text, for catalogs that do not come from a file (an upload).
 * `source` names it in error messages. Throws a {@link CatalogError} (`CATALOG_NOT_JSON` or
 * `CATALOG_INVALID`).
 *
 * @example
 * ```ts
 * const catalog = parseCatalog(await request.text(), "the uploaded catalog");
 * parseCatalog('{"institution": "X",}', "upload.json");
 * // throws CatalogError CATALOG_NOT_JSON: "Catalog file upload.json is not JSON:
 * //   expected a property name in double quotes, found '}' at line 1, column 21"
 * ```
 */
export function parseCatalog(text: string, source: string): Catalog {
  // Editors on Windows save a byte-order mark, which JSON.parse rejects.
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    const position = positionOf(text, found.offset + (body === text ? 0 : 1));
    const message = `${found.reason} at line ${position.line}, column ${position.column}`;
    throw new CatalogError("CATALOG_NOT_JSON", `Catalog file ${source} is not JSON: ${message}`, {
      source,
      position,
      issues: [{ path: "", message }],
      cause: error,
    });
  }
  return validated(data, source);
}

/**
 * Finds the section with this id, and its course.
 *
 * @example
 * ```ts
 * const found = findSection(loadCatalog({ env: {} }), "PM-101-S1");
 * if (found) console.log(found.course.title, found.section.format); // Project Management Foundations synchronous
 * findSection(catalog, "NOPE-1"); // → undefined
 * ```
 */
export function findSection(catalog: Catalog, id: string): { course: Course; section: Section } | undefined {
  for (const course of catalog.courses) {
    for (const section of course.sections) {
      if (section.id === id) return { course, section };
    }
  }
  return undefined;
}

let bundledCache: Catalog | undefined;

function bundledCatalog(): Catalog {
  bundledCache ??= deepFreeze(validated(bundledCatalogJson, BUNDLED_SOURCE));
  return bundledCache;
}

function validated(data: unknown, source: string): Catalog {
  const result = validateCatalog(data);
  if (result.ok) return result.catalog;
  const shown = result.issues.slice(0, ISSUES_IN_MESSAGE).map((issue) => `${issue.path || "(document)"}: ${issue.message}`);
  const more = result.issues.length > ISSUES_IN_MESSAGE ? `; and ${result.issues.length - ISSUES_IN_MESSAGE} more` : "";
  const count = result.issues.length === 1 ? "1 problem" : `${result.issues.length} problems`;
  const name = source === BUNDLED_SOURCE ? "The bundled catalog" : `Catalog file ${source}`;
  throw new CatalogError("CATALOG_INVALID", `${name} is not a valid catalog (${count}): ${shown.join("; ")}${more}`, {
    source,
    issues: result.issues,
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i += 1) {
    if (text[i] === "\n") {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * Where JSON text stops being JSON, and why. Node 20's `JSON.parse` messages do not always give a
 * position ("Unexpected token '}', ... is not valid JSON"), so this walks the grammar (RFC 8259)
 * itself. Called only after `JSON.parse` has failed.
 */
function findJsonSyntaxError(text: string): { offset: number; reason: string } {
  let i = 0;
  class Stop {
    constructor(readonly offset: number, readonly reason: string) {}
  }
  const fail = (reason: string): never => {
    throw new Stop(i, i >= text.length ? "unexpected end of file" : `${reason}, found ${describeChar(text[i] ?? "")}`);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] ?? "")) i += 1;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail(`expected ${word}`);
      i += 1;
    }
  };
  const digits = () => {
    if (!/[0-9]/.test(text[i] ?? "")) fail("expected a digit");
    while (/[0-9]/.test(text[i] ?? "")) i += 1;
  };
  const number = () => {
    if (text[i] === "-") i += 1;
    if (text[i] === "0") i += 1;
    else digits();
    if (text[i] === ".") {
      i += 1;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i += 1;
      if (text[i] === "+" || text[i] === "-") i += 1;
      digits();
    }
  };
  const string = () => {
    i += 1; // the opening quote
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const ch = text[i] ?? "";
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch < " ") fail("expected the string to be closed on the same line (or the character escaped)");
      if (ch === "\\") {
        i += 1;
        const escape = text[i] ?? "";
        if (escape === "u") {
          for (let k = 1; k <= 4; k += 1) {
            if (!/[0-9A-Fa-f]/.test(text[i + k] ?? "")) {
              i += k;
              fail("expected four hex digits after \\u");
            }
          }
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === "") fail("expected a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
      }
      i += 1;
    }
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{") {
      i += 1;
      space();
      if (text[i] === "}") {
        i += 1;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail("expected a property name in double quotes");
        string();
        space();
        if (text[i] !== ":") fail('expected ":" after the property name');
        i += 1;
        value();
        space();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "}") {
          i += 1;
          return;
        }
        fail('expected "," or "}"');
      }
    }
    if (ch === "[") {
      i += 1;
      space();
      if (text[i] === "]") {
        i += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "]") {
          i += 1;
          return;
        }
        fail('expected "," or "]"');
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    if (ch === "-" || /[0-9]/.test(ch ?? "")) return number();
    fail("expected a value (an object, array, string, number, true, false or null)");
  };

  try {
    value();
    space();
    if (i < text.length) fail("expected nothing after the JSON value");
  } catch (stop) {
    if (stop instanceof Stop) return { offset: stop.offset, reason: stop.reason };
    throw stop;
  }
  // JSON.parse failed but the grammar walk did not: report the end rather than nothing.
  return { offset: text.length, reason: "not valid JSON" };
}

function describeChar(ch: string): string {
  if (ch === "\n") return "a line break";
  if (ch === "\r") return "a carriage return";
  if (ch === "\t") return "a tab";
  if (ch < " ") return `control character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return JSON.stringify(ch).replace(/^"|"$/g, "'").replace(/^'\\"'$/, `'"'`);
}
