"use client";
/**
 * Tells the server the viewer's time zone: the zone the browser reports goes into a cookie
 * (app/zone-cookie.ts) that every later page is rendered with, so times arrive in the viewer's
 * zone with no second navigation. A page that was rendered in another zone (the very first visit,
 * before the cookie existed, or after the viewer travelled) passes `renderedZone` and is refreshed
 * in place (router.refresh(): its server components again, no reload, no URL change). A zone asked
 * for in the address (`?tz=`) is left alone: the page passes no `renderedZone` then. With
 * JavaScript off, pages show their fallback zone and say so.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ZONE_COOKIE, ZONE_COOKIE_MAX_AGE_SECONDS } from "@/app/zone-cookie";

function cookieZone(): string | undefined {
  const found = document.cookie.split("; ").find((c) => c.startsWith(`${ZONE_COOKIE}=`));
  return found ? found.slice(ZONE_COOKIE.length + 1) : undefined;
}

export function DetectZone({ renderedZone }: { renderedZone?: string }) {
  const router = useRouter();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz) return;
    if (cookieZone() !== tz) {
      const secure = window.location.protocol === "https:" ? "; secure" : "";
      // Zone names are cookie-safe as they are (letters, digits, / _ + -): stored unencoded, read back by the server as is.
      document.cookie = `${ZONE_COOKIE}=${tz}; path=/; max-age=${ZONE_COOKIE_MAX_AGE_SECONDS}; samesite=lax${secure}`;
    }
    if (renderedZone !== undefined && renderedZone !== tz) router.refresh();
  }, [renderedZone, router]);
  return null;
}
