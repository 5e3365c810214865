/**
 * Tokens at rest: OAuth access and refresh tokens are sealed with AES-256-GCM under a key derived
 * (HKDF-SHA256) from the server's secret, so a copy of the database alone does not hand out anyone's
 * calendar. The sealed form is `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export class SealError extends Error {
  override readonly name = "SealError";
}

/** A 32-byte key from a secret of at least 16 characters. */
export function sealingKey(secret: string | undefined): Buffer {
  if (!secret || secret.length < 16) {
    throw new SealError("Connecting calendars needs a server secret of at least 16 characters: set FORMATFIT_TOKEN_KEY (or NEXTAUTH_SECRET).");
  }
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("formatfit", "utf8"), Buffer.from("calendar connection tokens v1", "utf8"), 32));
}

/** @example unseal(seal("ya29.token", key), key) // "ya29.token" */
export function seal(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${iv.toString("base64url")}.${cipher.getAuthTag().toString("base64url")}.${body.toString("base64url")}`;
}

/** Opens a sealed token; throws {@link SealError} when it was sealed under another key or altered. */
export function unseal(sealed: string, key: Buffer): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") throw new SealError("A stored token is not in the sealed form.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[1] as string, "base64url"));
    decipher.setAuthTag(Buffer.from(parts[2] as string, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(parts[3] as string, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("A stored token could not be opened (the server's secret changed?). Connect the calendar again.");
  }
}
