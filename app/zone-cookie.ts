/**
 * The cookie that carries the viewer's time zone (as the browser reports it) to the server, so a
 * page that shows times renders them in the viewer's zone the first time, with no reload. Set by
 * app/components/DetectZone, read by app/zones.ts; the server checks the value before using it.
 */
export const ZONE_COOKIE = "formatfit-tz";

/** A year: the zone changes only when the viewer moves (and DetectZone then rewrites it). */
export const ZONE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
