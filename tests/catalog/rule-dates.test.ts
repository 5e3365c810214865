import fc from "fast-check";
import { RRule } from "rrule";
import { describe, expect, it } from "vitest";
import { ruleDates, termRuleDates } from "@/lib/catalog/rule-dates";
import { dayOf, isoDay, ruleCase } from "./rule-arbitrary";

const datesOf = (rule: string, startDate: string, endDate: string) => termRuleDates(rule, startDate, endDate).dates;

describe("termRuleDates", () => {
  it("returns the dates from startDate through endDate that the rule matches", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO", "2027-01-11", "2027-02-01")).toEqual(["2027-01-11", "2027-01-18", "2027-01-25", "2027-02-01"]);
  });

  it("leaves out a startDate the rule does not match", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO", "2027-01-12", "2027-01-31")).toEqual(["2027-01-18", "2027-01-25"]);
  });

  it("counts INTERVAL from the week of startDate", () => {
    expect(datesOf("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "2027-01-11", "2027-02-28")).toEqual(["2027-01-16", "2027-01-30", "2027-02-13", "2027-02-27"]);
  });

  it("reads numbered days in a monthly rule", () => {
    expect(datesOf("FREQ=MONTHLY;BYDAY=1SA", "2027-01-11", "2027-04-25")).toEqual(["2027-02-06", "2027-03-06", "2027-04-03"]);
  });

  it("stops at the rule's own UNTIL date, inclusive", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270125", "2027-01-11", "2027-03-07")).toEqual(["2027-01-11", "2027-01-18", "2027-01-25"]);
  });

  it("matches nothing when the rule's UNTIL comes before startDate", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270110", "2027-01-11", "2027-03-07")).toEqual([]);
  });

  it("stops after COUNT dates", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3", "2027-01-11", "2027-03-07")).toEqual(["2027-01-11", "2027-01-13", "2027-01-18"]);
  });

  it("counts only matched dates toward COUNT when startDate is not one", () => {
    expect(datesOf("FREQ=WEEKLY;BYDAY=MO;COUNT=2", "2027-01-12", "2027-03-07")).toEqual(["2027-01-18", "2027-01-25"]);
  });

  it("finds 29 February in a term spanning a leap year", () => {
    expect(datesOf("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2027-06-01", "2029-05-31")).toEqual(["2028-02-29"]);
  });

  it("finds the last weekday of each month with BYSETPOS", () => {
    expect(datesOf("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2027-01-01", "2027-03-31")).toEqual(["2027-01-29", "2027-02-26", "2027-03-31"]);
  });

  it("picks nothing for a BYSETPOS beyond the set (rrule alone would pick the first day)", () => {
    expect(datesOf("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-6", "2027-01-01", "2027-03-31")).toEqual([]);
  });

  it("finds Friday the 13th", () => {
    expect(datesOf("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "2027-01-01", "2027-12-31")).toEqual(["2027-08-13"]);
  });

  it.each([
    ["FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "the 30th of February"],
    ["FREQ=MONTHLY;BYDAY=5MO;BYMONTHDAY=1", "a fifth Monday on the 1st"],
    ["FREQ=MONTHLY;BYDAY=1MO,-1MO;BYMONTHDAY=15;BYSETPOS=1", "a first or last Monday on the 15th"],
    ["FREQ=YEARLY;BYMONTH=2;BYDAY=-5FR;BYMONTHDAY=2", "a fifth-from-last Friday of February on the 2nd"],
  ])("returns nothing, promptly, for a rule that never matches (%s: %s)", (rule) => {
    const started = performance.now();
    expect(datesOf(rule, "2000-01-01", "2001-12-31")).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it.each([
    ["FREQ=DAILY", 731],
    ["FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31;BYSETPOS=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31", 731],
    ["FREQ=YEARLY;BYYEARDAY=1,-1;BYSETPOS=1,-1", 4],
  ])("expands %s over the longest term the format allows (731 days) within its step budget", (rule, count) => {
    expect(datesOf(rule, "2027-06-01", "2029-05-31")).toHaveLength(count);
  });

  it("gives the same dates as wall-clock midnights to callers that keep them", () => {
    const walls = ruleDates("FREQ=WEEKLY;BYDAY=TU,TH", "2027-01-11", "2027-01-17");
    expect(walls).toEqual([Date.UTC(2027, 0, 12), Date.UTC(2027, 0, 14)]);
    walls.pop();
    expect(ruleDates("FREQ=WEEKLY;BYDAY=TU,TH", "2027-01-11", "2027-01-17")).toHaveLength(2);
  });
});

/** rrule run on the real dates (no tzid, so the host zone plays no part): an oracle outside the engine. */
function rruleDates(rule: string, startDate: string, endDate: string): string[] {
  const options = RRule.parseString(rule);
  const termEnd = new Date(`${endDate}T00:00:00Z`);
  const until = options.until && options.until < termEnd ? options.until : termEnd;
  return new RRule({ ...options, dtstart: new Date(`${startDate}T00:00:00Z`), until })
    .all()
    .map((date) => date.toISOString().slice(0, 10));
}

describe("termRuleDates agrees with rrule expanded in place", () => {
  const first = dayOf("2000-01-01");
  const last = dayOf("2099-12-31");
  const anyTerm = fc.tuple(fc.integer({ min: first, max: last }), fc.integer({ min: 0, max: 730 })).map(([start, length]) => [isoDay(start), isoDay(Math.min(start + length, last))] as const);

  it("for a fixed set of rule shapes, in any term in 2000–2099", () => {
    const rules = [
      "FREQ=WEEKLY;BYDAY=TU,TH",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA",
      "FREQ=WEEKLY;INTERVAL=3;WKST=SU;BYDAY=SU,MO",
      "FREQ=DAILY;INTERVAL=5",
      "FREQ=MONTHLY;BYDAY=1SA,-1FR",
      "FREQ=MONTHLY;BYMONTHDAY=31",
      "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
      "FREQ=MONTHLY;BYDAY=-1MO;BYMONTHDAY=25,26,27,28,29,30,31",
      "FREQ=YEARLY;BYMONTH=2,3;BYDAY=-1SU;BYMONTHDAY=22,23,24,25,26,27,28,29",
      "FREQ=YEARLY;BYWEEKNO=1,53;BYDAY=MO",
      "FREQ=YEARLY;BYYEARDAY=60,-1",
      "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
      "FREQ=YEARLY;BYDAY=20MO",
      "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1,-1",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...rules), anyTerm, (rule, [startDate, endDate]) => {
        expect(datesOf(rule, startDate, endDate)).toEqual(rruleDates(rule, startDate, endDate));
      }),
      { numRuns: 300, seed: 20270111 },
    );
  });

  it("for generated rules without BYSETPOS that match something in the term", () => {
    fc.assert(
      fc.property(ruleCase({ setPos: false, mixedDays: false }), ({ rule, startDate, endDate }) => {
        const dates = datesOf(rule, startDate, endDate);
        // rrule walks to the year 9999 looking for a rule that never matches; the engine's never is checked below.
        fc.pre(dates.length > 0);
        expect(dates).toEqual(rruleDates(rule, startDate, endDate));
      }),
      { numRuns: 300, seed: 20270112 },
    );
  });
});

describe("a numbered day that never falls on BYMONTHDAY", () => {
  /** The month-relative meaning of BYDAY and BYMONTHDAY, day by day: an oracle for the engine's "never". */
  function monthlyByHand(byDay: readonly string[], byMonthDay: readonly number[], startDate: string, endDate: string): string[] {
    const out: string[] = [];
    for (let day = dayOf(startDate); day <= dayOf(endDate); day++) {
      const date = new Date(day * 86_400_000);
      const d = date.getUTCDate();
      const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
      const weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][date.getUTCDay()];
      const dayMatches = byMonthDay.some((n) => (n > 0 ? n : length + n + 1) === d);
      const fromStart = String(Math.ceil(d / 7));
      const fromEnd = String(-Math.ceil((length - d + 1) / 7));
      const weekdayMatches = byDay.some((entry) => entry === `${fromStart}${weekday}` || entry === `${fromEnd}${weekday}`);
      if (dayMatches && weekdayMatches) out.push(isoDay(day));
    }
    return out;
  }

  it("is recognised only when the rule truly matches nothing", () => {
    const numbered = fc.tuple(fc.integer({ min: -5, max: 5 }).filter((n) => n !== 0), fc.constantFrom("MO", "TU", "WE", "TH", "FR", "SA", "SU")).map(([n, day]) => `${n}${day}`);
    // Only numbered days: with a plain one among them the rule can always match.
    const byDay = fc.uniqueArray(numbered, { minLength: 1, maxLength: 2 });
    const byMonthDay = fc.uniqueArray(fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0), { minLength: 1, maxLength: 3 });
    const start = fc.integer({ min: dayOf("2000-01-01"), max: dayOf("2097-12-31") });
    fc.assert(
      fc.property(byDay, byMonthDay, start, (days, monthDays, startDay) => {
        const [startDate, endDate] = [isoDay(startDay), isoDay(startDay + 730)];
        const rule = `FREQ=MONTHLY;BYDAY=${days.join(",")};BYMONTHDAY=${monthDays.join(",")}`;
        expect(datesOf(rule, startDate, endDate)).toEqual(monthlyByHand(days, monthDays, startDate, endDate));
      }),
      { numRuns: 300, seed: 20270113 },
    );
  });
});
