/**
 * Secrets of the reports: share-link tokens and anonymous owners' browser keys. 256 random bits
 * each (the issue asks for at least 128), base64url; only their SHA-256 is stored, and stored
 * hashes are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A new secret: 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256 of a token, base64url: what the store keeps. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

/** Constant-time equality of two stored hashes (or any two strings of secret material). */
export function secretsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  if (x.length !== y.length) {
    timingSafeEqual(x, x); // same work either way
    return false;
  }
  return timingSafeEqual(x, y);
}

/** Whether a string looks like one of our tokens (before any lookup). */
export function looksLikeToken(s: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(s);
}
