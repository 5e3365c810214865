/**
 * Verdicts and the reasons behind them, in the terms a learner weighs: set meeting times,
 * flexibility, weekly pace, missed live sessions and recordings. The thresholds are preferences
 * (lib/fit/preferences.ts; defaults in docs/fit.md).
 */
import type { Section } from "../catalog/schema";
import { formatDayMonth, formatMonth, formatWeekdayPlural } from "../time/format";
import type { AsyncAnalysis } from "./async";
import type { LiveAnalysis } from "./live";
import { studyWindowIntervals } from "./free-time";
import type { FitPreferences } from "./preferences";
import { DAY } from "../time/units";
import { listText as list, plural } from "../words";

export type Verdict = "fits" | "fits-with-tradeoffs" | "does-not-fit";

const RANK: Record<Verdict, number> = { fits: 0, "fits-with-tradeoffs": 1, "does-not-fit": 2 };

/** The worst of some verdicts (undefined ones ignored; none → fits). */
export function worst(verdicts: readonly (Verdict | undefined)[]): Verdict {
  let w: Verdict = "fits";
  for (const v of verdicts) if (v && RANK[v] > RANK[w]) w = v;
  return w;
}

const WEEKDAY = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

/**
 * "the Wednesdays in October", "12 Jan, 19 Jan and 2 Feb", or "Tuesdays and Thursdays from January to March":
 * a short description of when a set of sessions falls, in the learner's zone.
 *
 * @example
 * whenText([Date.parse("2027-10-06T22:00:00Z"), Date.parse("2027-10-13T22:00:00Z")], "America/New_York") // "the Wednesdays in October"
 */
export function whenText(starts: readonly number[], zone: string): string {
  if (starts.length === 0) return "";
  if (starts.length <= 3) return list(starts.map((s) => formatDayMonth(s, zone)));
  const weekdays = [...new Set(starts.map((s) => formatWeekdayPlural(s, zone)))];
  const months = [...new Set(starts.map((s) => formatMonth(s, zone)))];
  const monthText = months.length <= 3 ? `in ${list(months)}` : `from ${months[0]} to ${months[months.length - 1]}`;
  if (weekdays.length === 1) return `the ${weekdays[0]} ${monthText}`;
  if (weekdays.length === 2) return `${list(weekdays)} ${monthText}`;
  return `${starts.length} dates ${monthText}`;
}

/** Why a section's live part fits or not. */
export function describeLive(section: Section, live: LiveAnalysis, prefs: FitPreferences): { verdict: Verdict; reasons: string[] } {
  const zone = prefs.timeZone;
  const reasons: string[] = [];
  const n = live.sessions.length;
  const when = live.patterns.map((p) => `${list(p.weekdays.map((d) => WEEKDAY[d] ?? ""))} ${p.usual}–${p.usualEnd}${p.usualEnd < p.usual ? " (ending after midnight)" : ""}`).join("; ");
  const zoneNote = section.timeZone === zone ? "" : ` (the section meets on ${placeName(section.timeZone)} time)`;
  reasons.push(`Set meeting times: ${plural(n, "live session")}${when ? `, ${when} your time` : ""}${zoneNote}.`);
  for (const sh of live.shifts) {
    const dates = sh.dates.map((d) => Date.parse(`${d}T12:00:00Z`));
    reasons.push(
      `On ${whenText(dates, "UTC")} the session starts at ${sh.shifted} your time instead of ${sh.usual}: your zone and the section's change clocks on different dates.`,
    );
  }
  const missed = live.conflicts.filter((c) => !c.partial);
  const partial = live.conflicts.filter((c) => c.partial);
  const recordings = "recordings" in section ? section.recordings : undefined;
  let verdict: Verdict = "fits";
  if (missed.length === 0 && partial.length === 0) {
    reasons.push(`No clash with your calendar in any of the ${plural(n, "session")}.`);
  }
  if (missed.length > 0) {
    const share = missed.length / Math.max(1, n);
    const whenMissed = whenText(missed.map((c) => c.session.start), zone);
    const pct = Math.round(live.attendanceRate * 100);
    const recorded = recordings === "all";
    const limit = recorded ? prefs.thresholds.maxMissedShareRecorded : prefs.thresholds.maxMissedShareUnrecorded;
    const cost =
      recordings === "all"
        ? "every session is recorded, so you could catch up on the ones you miss"
        : recordings === "some"
          ? "only some sessions are recorded, so a missed session may be lost"
          : "sessions are not recorded, so each clash is a session lost";
    reasons.push(`Clashes with ${missed.length} of ${plural(n, "session")} (${whenMissed}): ${cost}. You could attend ${pct}% live.`);
    if (share <= limit) verdict = "fits-with-tradeoffs";
    else {
      verdict = "does-not-fit";
      reasons.push(`That is more than the ${Math.round(limit * 100)}% of sessions you can miss and keep up${recorded ? " even with recordings" : ""}.`);
    }
  }
  // Sessions outside the learner's own study hours (07:00–22:00 by default): a 00:30 class for a
  // learner in Paris is no clash, but it is a cost.
  const outside = sessionsOutsideWindows(live, prefs);
  if (outside.length > 0) {
    reasons.push(
      `${outside.length === n ? "Every session" : `${outside.length} of ${plural(n, "session")}`} fall${outside.length === 1 ? "s" : ""} outside the hours you set for study (${prefs.studyWindows.map((w) => `${w.start}–${w.end}`).join(", ")} your time)${outside.length === n ? "" : ` (${whenText(outside.map((x) => x.start), zone)})`}.`,
    );
    verdict = worst([verdict, "fits-with-tradeoffs"]);
  }
  if (partial.length > 0) {
    const maxLate = Math.max(...partial.map((c) => c.overlapMinutes));
    reasons.push(`You would arrive late or leave early for ${plural(partial.length, "session")} (up to ${maxLate} minutes, ${whenText(partial.map((c) => c.session.start), zone)}).`);
    verdict = worst([verdict, "fits-with-tradeoffs"]);
  }
  return { verdict, reasons };
}

/** Why a section's deadlines and weekly load fit or not. */
export function describeAsync(section: Section, a: AsyncAnalysis, prefs: FitPreferences): { verdict: Verdict; reasons: string[] } {
  const zone = prefs.timeZone;
  const reasons: string[] = [];
  let verdict: Verdict = "fits";
  const weeks = a.weeks.filter((w) => w.requiredHours > 0);
  if (section.format === "asynchronous") reasons.push("Flexibility: no set meeting times; you choose when to study, around the deadlines.");
  if (a.unmet > 0) {
    const first = a.plan.jobs.find((j) => !j.met);
    verdict = "does-not-fit";
    reasons.push(
      `${plural(a.unmet, "deadline")} cannot be met in your free study time${first ? ` (first: ${first.job.title}, due ${formatDayMonth(first.job.due, zone)}, needs ${round(first.job.hours)} h with ${round(first.availableHours)} h free before it)` : ""}.`,
    );
  }
  if (weeks.length > 0) {
    const minFree = Math.min(...weeks.map((w) => w.availableHours));
    const tight = weeks.reduce((m, w) => (w.slackHours < m.slackHours ? w : m));
    reasons.push(
      minFree > 0
        ? `Weekly pace: about ${round(a.hoursPerWeek)} hours of study a week; your calendar leaves at least ${round(minFree)} free study hours in every week with work due${a.unmet > 0 ? ", but not always before the deadline inside that week" : ""} (tightest: the week ending ${formatDayMonth(tight.end, zone)}).`
        : `Weekly pace: about ${round(a.hoursPerWeek)} hours of study a week; the week ending ${formatDayMonth(tight.end, zone)} has no free study time at all.`,
    );
    if (a.crunchWeeks.length > 0) {
      reasons.push(
        `${plural(a.crunchWeeks.length, "crunch week")} with less than ${prefs.thresholds.crunchSlackHours} hours to spare: ${list(a.crunchWeeks.slice(0, 4).map((w) => `the week ending ${formatDayMonth(w.end, zone)}`))}${a.crunchWeeks.length > 4 ? " and more" : ""}.`,
      );
      if (a.crunchWeeks.length / weeks.length > prefs.thresholds.maxCrunchWeekShare) verdict = worst([verdict, "fits-with-tradeoffs"]);
    }
  }
  return { verdict, reasons };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}

/** "New York" for America/New_York: the place people know a zone by. */
function placeName(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** The sessions not wholly inside one of the learner's study windows. */
function sessionsOutsideWindows(live: LiveAnalysis, prefs: FitPreferences): { start: number; end: number }[] {
  if (live.sessions.length === 0) return [];
  const first = live.sessions[0] as { start: number };
  const last = live.sessions[live.sessions.length - 1] as { end: number };
  // Ranges rounded out to 30-day buckets so that sections of one term share the memoised windows.
  const bucket = 30 * DAY;
  const windows = studyWindowIntervals(prefs, Math.floor((first.start - DAY) / bucket) * bucket, Math.ceil((last.end + DAY) / bucket) * bucket);
  const out: { start: number; end: number }[] = [];
  let j = 0;
  for (const s of live.sessions) {
    while (j < windows.length && (windows[j] as { end: number }).end <= s.start) j++;
    const w = windows[j];
    if (!w || w.start > s.start || w.end < s.end) out.push(s);
  }
  return out;
}
