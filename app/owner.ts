/**
 * Who owns reports in this request: the signed-in user, or an anonymous browser key kept in an
 * HttpOnly cookie (its private manage link, /reports/claim?key=…, restores it on another device).
 */
import { cookies } from "next/headers";
import type { Owner } from "@/lib/reports";
import { looksLikeToken, newToken } from "@/lib/reports/tokens";
import { currentSession } from "@/app/auth";

export const OWNER_COOKIE = "ff_owner";
const YEAR = 365 * 24 * 60 * 60;

export async function ownerKeyCookie(): Promise<string | undefined> {
  const v = (await cookies()).get(OWNER_COOKIE)?.value;
  return v && looksLikeToken(v) ? v : undefined;
}

/**
 * The anonymous owner this request's own Cookie header names, read without next/headers (so it
 * works wherever the request is at hand): enough to count a check against its browser's limit.
 */
export function requestOwner(request: Request): Owner | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    const value = rest.join("=");
    if (name === OWNER_COOKIE && looksLikeToken(value)) return { kind: "anonymous", key: value };
  }
  return null;
}

/** Sets the anonymous owner cookie (route handlers only). */
export async function setOwnerKey(key: string): Promise<void> {
  (await cookies()).set(OWNER_COOKIE, key, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && !process.env.FORMATFIT_INSECURE_COOKIES, path: "/", maxAge: YEAR });
}

/**
 * The owner of this request. With `create`, an anonymous visitor gets a new key (route handlers
 * only, which may set cookies).
 */
export async function currentOwner(options: { create?: boolean } = {}): Promise<Owner | null> {
  const session = await currentSession();
  if (session?.userId) return { kind: "user", userId: session.userId };
  const key = await ownerKeyCookie();
  if (key) return { kind: "anonymous", key };
  if (!options.create) return null;
  const fresh = newToken();
  await setOwnerKey(fresh);
  return { kind: "anonymous", key: fresh };
}
