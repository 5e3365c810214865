/**
 * Lengths of time in milliseconds, for arithmetic on UTC instants and on wall-clock values encoded
 * as UTC. A DAY here is exactly 24 hours: it is a civil day only on wall-clock values; across a DST
 * change in a zone, go through the zone (lib/time/zone) instead.
 *
 * @example
 * start + 90 * MINUTE
 */
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const WEEK = 7 * DAY;
