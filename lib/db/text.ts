/**
 * Free text in and out of the stores. PostgreSQL's `text` cannot hold a NUL byte and SQLite's C API
 * treats one as the end of a string in places; storing the JSON string literal of the text (NUL
 * becomes `\u0000`) keeps every character exactly, in both.
 */

/** @example encodeText("a\u0000b") // "\"a\\u0000b\"" */
export function encodeText(text: string): string {
  return JSON.stringify(text);
}

/** @example decodeText("\"a\\u0000b\"") // "a\u0000b" */
export function decodeText(stored: string): string {
  const v: unknown = JSON.parse(stored);
  return typeof v === "string" ? v : String(v);
}
