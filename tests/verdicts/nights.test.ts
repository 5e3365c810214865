/**
 * Nights are not trade-offs (docs/fit.md, "Nights"): a live section whose sessions are mostly in the
 * learner's sleep hours (default 23:00–06:00, their zone) does not fit, unless every session is
 * recorded and the learner will watch the recordings (then a trade-off, said so). Three zones, an
 * empty calendar each (nothing clashes: only the hours decide):
 *
 * - London, DA-110-H1 (hybrid, Thursdays 18:30–20:00 Los Angeles, some recorded): 02:30–04:00 GMT on
 *   Fridays; 01:30 on 26 Mar (US changed, UK not); 02:30 BST after 28 Mar. 14 sessions, all at night.
 * - Sydney, HR-200-H1 (hybrid, Wednesdays 12:00–13:00 New York, all recorded): 04:00–05:00 AEDT on
 *   Thursdays, 03:00 after the US change, 02:00 after Australia's (4 Apr). 14 sessions, all at night.
 * - Kolkata, PM-101-S1 (Tue/Thu 18:30–20:00 New York, all recorded): 05:00–06:30 IST until 14 Mar
 *   (60 of 90 minutes before 06:00: more than half, a night session), 04:00–05:30 after; the
 *   Saturday workshop (10:00 New York, 20:30 IST) is not. 28 of 29 at night.
 */
import { describe, expect, it } from "vitest";
import { api, check, cli, fitOf, ics, sectionOf, upload } from "./helpers";

/** A calendar with one Monday event in January: something to check against, far from every session. */
const QUIET = ics(["UID:dentist@verdicts.test", "SUMMARY:Dentist", "DTSTART:20270111T120000Z", "DTEND:20270111T123000Z"]);

describe("London: DA-110-H1 at 02:30–04:00 (some sessions recorded)", () => {
  it("does not fit, and says why", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "Europe/London" }, ["DA-110-H1"]), "DA-110-H1");
    expect(f.live?.night).toHaveLength(14);
    expect(f.verdict).toBe("does-not-fit");
    expect(f.reasons).toContain("Set meeting times: 14 live sessions, Fridays 02:30–04:00 your time (the section meets on Los Angeles time).");
    expect(f.reasons).toContain(
      "Every session is in your sleep hours (23:00–06:00 your time): attending live would cost you a night's sleep every week. Only some sessions are recorded, so watching recordings instead is not an option.",
    );
  });

  it("even for a learner who says they will watch recordings: not every session is recorded", () => {
    expect(fitOf(check(upload(QUIET), { timeZone: "Europe/London", watchRecordings: true }, ["DA-110-H1"]), "DA-110-H1").verdict).toBe("does-not-fit");
  });
});

describe("Sydney: HR-200-H1 at 04:00–05:00 (every session recorded)", () => {
  it("does not fit by default, and says that watching the recordings would make it a trade-off", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "Australia/Sydney" }, ["HR-200-H1"]), "HR-200-H1");
    expect(f.verdict).toBe("does-not-fit");
    expect(f.reasons).toContain(
      "Every session is in your sleep hours (23:00–06:00 your time): attending live would cost you a night's sleep every week. Every session is recorded: if you would watch the recordings instead, say so in your preferences and this section becomes a trade-off.",
    );
  });

  it("fits with trade-offs when the learner will watch the recordings, and says so", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "Australia/Sydney", watchRecordings: true }, ["HR-200-H1"]), "HR-200-H1");
    expect(f.verdict).toBe("fits-with-tradeoffs");
    expect(f.reasons).toContain(
      "Every session is in your sleep hours (23:00–06:00 your time). Every session is recorded and you said you would watch the recordings, so you can follow the course without attending live: a trade-off.",
    );
  });
});

describe("Kolkata: PM-101-S1 at 05:00–06:30, then 04:00–05:30", () => {
  it("counts a 05:00–06:30 session as a night session (60 of 90 minutes before 06:00) and does not fit", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "Asia/Kolkata" }, ["PM-101-S1"]), "PM-101-S1");
    expect([f.live?.sessions.length, f.live?.night.length]).toEqual([29, 28]);
    expect(f.verdict).toBe("does-not-fit");
    expect(f.reasons.some((r) => r.startsWith("28 of 29 sessions are in your sleep hours (23:00–06:00 your time)"))).toBe(true);
  });

  it("is not a night class for a learner who sleeps 22:00–05:00: half of 05:00–06:30 would be needed, none of it is", () => {
    // 05:00–06:30 has no minute in 22:00–05:00; 04:00–05:30 has 60 of 90: the 10 sessions from
    // 23 Mar (16 and 18 Mar are skipped), a third of the term — a trade-off, named by date.
    const f = fitOf(check(upload(QUIET), { timeZone: "Asia/Kolkata", sleepHours: { start: "22:00", end: "05:00" } }, ["PM-101-S1"]), "PM-101-S1");
    expect(f.live?.night).toHaveLength(10);
    expect(f.verdict).toBe("fits-with-tradeoffs");
    expect(f.reasons).toContain("10 of 29 sessions are in your sleep hours (22:00–05:00 your time): between 24 Mar and 23 Apr.");
  });
});

describe("the boundary: exactly half a session in the sleep hours is not a night session", () => {
  it("HR-200-H1 (12:00–13:00 New York) for a learner in New York who sleeps 12:30–19:30: 30 of 60 minutes", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "America/New_York", sleepHours: { start: "12:30", end: "19:30" } }, ["HR-200-H1"]), "HR-200-H1");
    expect(f.live?.night).toEqual([]);
    expect(f.verdict).toBe("fits");
  });

  it("and one minute more is (sleep from 12:29): every session at night, so it does not fit", () => {
    const f = fitOf(check(upload(QUIET), { timeZone: "America/New_York", sleepHours: { start: "12:29", end: "19:30" } }, ["HR-200-H1"]), "HR-200-H1");
    expect(f.live?.night).toHaveLength(14);
    expect(f.verdict).toBe("does-not-fit");
  });
});

describe("through the CLI and the API", () => {
  it("the CLI (default sleep hours) says DA-110-H1 does not fit a London learner", () => {
    const { json } = cli({ "quiet.ics": QUIET }, ["--section", "DA-110-H1", "--tz", "Europe/London"]);
    expect(sectionOf(json, "DA-110-H1").verdict).toBe("does-not-fit");
  });

  it("the CLI takes --sleep and --watch-recordings: HR-200-H1 for a Sydney learner", () => {
    const verdict = (args: string[]) => sectionOf(cli({ "quiet.ics": QUIET }, ["--section", "HR-200-H1", "--tz", "Australia/Sydney", ...args]).json, "HR-200-H1").verdict;
    expect(verdict([])).toBe("does-not-fit");
    expect(verdict(["--watch-recordings"])).toBe("fits-with-tradeoffs");
    // No sleep hours: the 04:00 sessions are only outside the study hours (07:00–22:00), a trade-off.
    expect(verdict(["--sleep", "none"])).toBe("fits-with-tradeoffs");
    expect(verdict(["--sleep", "01:00-08:00"])).toBe("does-not-fit");
    // 04:00, then 03:00 and 02:00 after the clock changes: only the last few more than half in 00:00–03:30.
    expect(verdict(["--sleep", "00:00-03:30"])).toBe("fits-with-tradeoffs");
  });

  it("the API takes sleepHours and watchRecordings from the preferences", async () => {
    const asleep = await api(QUIET, [
      ["section", "HR-200-H1"],
      ["preferences", JSON.stringify({ timeZone: "Australia/Sydney" })],
    ]);
    const watching = await api(QUIET, [
      ["section", "HR-200-H1"],
      ["preferences", JSON.stringify({ timeZone: "Australia/Sydney", watchRecordings: true })],
    ]);
    expect([sectionOf(asleep, "HR-200-H1").verdict, sectionOf(watching, "HR-200-H1").verdict]).toEqual(["does-not-fit", "fits-with-tradeoffs"]);
  });

  it("a New York learner has no night sessions in PM-101-S1", async () => {
    const body = await api(QUIET, [["section", "PM-101-S1"]]);
    expect(sectionOf(body, "PM-101-S1").verdict).toBe("fits");
  });
});
