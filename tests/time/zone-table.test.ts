/**
 * The per-year transition tables (sampled weekly, bisected to the second) must give the same offset
 * as the tz database at every instant: checked every 6 hours for ten years in zones with unusual
 * rules — Morocco's Ramadan suspensions (two transitions about a month apart), Lord Howe's 30-minute
 * DST, Chatham's 45-minute offsets, southern-hemisphere and negative-DST (Dublin) zones.
 */
import { IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { ianaZone } from "@/lib/time/zone";

const ZONES = ["Africa/Casablanca", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago", "Europe/Dublin", "America/New_York", "Asia/Tehran", "America/Havana"];

describe("IANA transition tables", () => {
  it.each(ZONES)("%s: offset equals the tz database every 6 hours, 2019–2028", (name) => {
    const rules = ianaZone(name);
    const tz = IANAZone.create(name);
    if (!rules) throw new Error(name);
    const mismatches: string[] = [];
    for (let t = Date.UTC(2019, 0, 1); t < Date.UTC(2029, 0, 1); t += 6 * 3_600_000) {
      const expected = tz.offset(t) * 60_000;
      if (rules.offsetAt(t) !== expected) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });

  it("equals the tz database for local mean times with seconds (before 1940) and for years outside 1000–9999", () => {
    const mismatches: string[] = [];
    for (const name of ["Europe/Amsterdam", "Africa/Monrovia", "Asia/Kolkata", "America/New_York", "Pacific/Chatham"]) {
      const rules = ianaZone(name);
      const tz = IANAZone.create(name);
      if (!rules) throw new Error(name);
      const instants = [Date.UTC(500, 5, 1), Date.UTC(999, 11, 31, 23, 59, 59), Date.UTC(12000, 0, 1), Date.UTC(1000, 0, 1, 12)];
      for (let t = Date.UTC(1850, 0, 1); t < Date.UTC(1950, 0, 1); t += 97 * 86_400_000 + 3_601_000) instants.push(t);
      for (const t of instants) if (rules.offsetAt(t) !== tz.offset(t) * 60_000) mismatches.push(`${name} ${new Date(t).toISOString()}`);
    }
    expect(mismatches).toEqual([]);
  });
});
