/** The IANA zones a picker offers (the runtime's list), and validation of a `?tz=` value. */
import { ianaZone } from "@/lib/time/zone";

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
