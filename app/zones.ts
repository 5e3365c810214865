/** The IANA zones a picker offers (the runtime's list), validation of a `?tz=` value, and the viewer's zone as a request carries it. */
import { cookies } from "next/headers";
import { ianaZone } from "@/lib/time/zone";
import { ZONE_COOKIE } from "@/app/zone-cookie";

let list: string[] | undefined;

export function zoneNames(): string[] {
  if (!list) {
    const names = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    list = [...new Set(["UTC", ...names])].sort();
  }
  return list;
}

/** `tz` if it names a zone, else undefined. */
export function validZone(tz: string | string[] | undefined): string | undefined {
  const v = Array.isArray(tz) ? tz[0] : tz;
  return v && v.length < 64 && (v === "UTC" || ianaZone(v)) ? v : undefined;
}

/**
 * The zone a page is asked to show: `?tz=` when the address names one (`explicit`), else the zone
 * the viewer's browser reported in its cookie (app/components/DetectZone), else none (a first visit
 * without JavaScript having run yet).
 */
export async function requestedZone(tz: string | string[] | undefined): Promise<{ zone: string | undefined; explicit: boolean }> {
  const asked = validZone(tz);
  if (asked) return { zone: asked, explicit: true };
  return { zone: validZone((await cookies()).get(ZONE_COOKIE)?.value), explicit: false };
}
