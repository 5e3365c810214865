/** Row ids for every store table. */
import { randomBytes } from "node:crypto";

/**
 * A new row id: 16 random bytes, base64url (22 characters; unguessable, so ids leak nothing).
 *
 * @example
 * newId() // "q3V0b1N2dXJlbHlSYW5k"
 */
export function newId(): string {
  return randomBytes(16).toString("base64url");
}
