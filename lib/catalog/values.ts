/**
 * How catalog validation reads and quotes the raw JSON values it finds: shared by the schema
 * (`schema.ts`) and the rule checks (`rule-problems.ts`), so that both word a value the same way.
 */
import { z } from "zod";

/** zod's ISO date pattern knows month lengths and leap years, so "2027-02-30" fails the pattern itself. */
export const DATE_SOURCE = z.regexes.date.source.replace(/^\^/, "").replace(/\$$/, "");
const DATE_PATTERN = new RegExp(`^${DATE_SOURCE}$`);

/**
 * A value as a message quotes it: a string in quotes (long ones cut to 60 characters), anything
 * else by its kind, so that a message never dumps a whole object.
 *
 * @example
 * ```ts
 * show("6:30 PM"); // → "\"6:30 PM\""
 * show({ a: 1 });  // → "an object"
 * ```
 */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return String(value);
}

/**
 * Whether a value is a real calendar date written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * isRealDate("2028-02-29"); // → true
 * isRealDate("2027-02-29"); // → false
 * ```
 */
export function isRealDate(value: unknown): value is string {
  return typeof value === "string" && DATE_PATTERN.test(value);
}
