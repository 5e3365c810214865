/**
 * Verdicts and the reasons behind them, in the terms a learner weighs: set meeting times,
 * flexibility, weekly pace, missed and late-joined live sessions, recordings and nights. The
 * thresholds are preferences (lib/fit/preferences.ts; defaults in docs/fit.md).
 *
 * Reasons speak in one voice: to the learner ("you", "your time") or, for a report an advisor
 * reads, about them ("the learner", "the learner's time"): {@link Audience}.
 */
import type { Section } from "../catalog/schema";
import { formatDayMonth, formatMonth, formatWeekdayPlural, localIsoDate } from "../time/format";
import type { AsyncAnalysis } from "./async";
import type { Session } from "../catalog/sessions";
import type { LiveAnalysis, LiveConflict } from "./live";
import { studyWindowIntervals } from "./free-time";
import { datesText, onSessionsText, periodLabel, studyHoursText } from "./labels";
import type { FitPreferences } from "./preferences";
import { DAY } from "../time/units";
import { listText as list, plural } from "../words";

export type Verdict = "fits" | "fits-with-tradeoffs" | "does-not-fit";

/** Who reads the reasons: the learner themself, or someone they shared the result with. */
export type Audience = "learner" | "advisor";

const RANK: Record<Verdict, number> = { fits: 0, "fits-with-tradeoffs": 1, "does-not-fit": 2 };

/** The worst of some verdicts (undefined ones ignored; none → fits). */
export function worst(verdicts: readonly (Verdict | undefined)[]): Verdict {
  let w: Verdict = "fits";
  for (const v of verdicts) if (v && RANK[v] > RANK[w]) w = v;
  return w;
}

const WEEKDAY = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];
const WEEKDAY_ONE = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

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

/** The words that change with the audience. */
interface Voice {
  readonly learner: boolean;
  /** "you" / "the learner" (as a subject: "you could", "the learner could"). */
  readonly you: string;
  /** "your" / "the learner's". */
  readonly your: string;
  /** "your time" / "the learner's time". */
  readonly time: string;
}

function voiceOf(audience: Audience): Voice {
  return audience === "learner" ? { learner: true, you: "you", your: "your", time: "your time" } : { learner: false, you: "the learner", your: "the learner's", time: "the learner's time" };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The day-and-month of a learner-local ISO date (`2027-03-16` → `16 Mar`). */
function isoDayMonth(iso: string): string {
  return formatDayMonth(Date.parse(`${iso}T12:00:00Z`), "UTC");
}

/** Consecutive runs of sessions at one shifted time: "on 16 Mar and 23 Mar", "from 24 Mar to 2 Apr". */
function runText(dates: readonly string[]): string {
  if (dates.length <= 2) return `on ${list(dates.map(isoDayMonth))}`;
  return `from ${isoDayMonth(dates[0] as string)} to ${isoDayMonth(dates[dates.length - 1] as string)}`;
}

/**
 * One sentence per meeting pattern whose learner-local time shifts: every shifted time with the
 * runs of dates it holds, in date order, so two shifts (US and Australian clocks both changing
 * while a term runs) read as one account, never as two notes that seem to disagree.
 */
function shiftReasons(live: LiveAnalysis, zone: string, v: Voice): string[] {
  const out: string[] = [];
  for (const p of live.patterns) {
    const shifts = live.shifts.filter((s) => s.patternIndex === p.patternIndex);
    if (shifts.length === 0) continue;
    const timeOf = new Map<string, string>();
    for (const s of shifts) for (const d of s.dates) timeOf.set(d, s.shifted);
    // The pattern's sessions in order, to cut each shifted time's dates into consecutive runs.
    const dates = live.sessions.filter((s) => s.kind === "meeting" && s.patternIndex === p.patternIndex).map((s) => localIsoDate(s.start, zone));
    const runs: { time: string; dates: string[] }[] = [];
    let current: { time: string; dates: string[] } | undefined;
    for (const d of dates) {
      const t = timeOf.get(d);
      if (t === undefined) {
        current = undefined;
        continue;
      }
      if (!current || current.time !== t) {
        current = { time: t, dates: [] };
        runs.push(current);
      }
      current.dates.push(d);
    }
    const times = [...new Set(runs.map((r) => r.time))];
    const name = live.patterns.length > 1 ? `${list(p.weekdays.map((d) => WEEKDAY_ONE[d] ?? ""))} session` : "session";
    const clocks = `${v.your} zone and the section's change clocks on different dates`;
    if (times.length === 1) {
      out.push(`${cap(list(runs.map((r) => runText(r.dates))))} the ${name} starts at ${times[0]} ${v.time} instead of ${p.usual}: ${clocks}.`);
    } else {
      const parts = times.map((t, i) => {
        const when = list(runs.filter((r) => r.time === t).map((r) => runText(r.dates)));
        return i === 0 ? `${when} it starts at ${t} ${v.time}` : `${when} at ${t}`;
      });
      out.push(`${cap(clocks)}, so the ${name} moves: ${list(parts)}, instead of ${p.usual}.`);
    }
  }
  return out;
}

/** What a missed session costs, by the recording policy, in one clause. */
function missedCost(recordings: string | undefined, missed: number, v: Voice): string {
  const one = missed === 1;
  if (recordings === "all") return `every session is recorded, so ${v.you} could catch up on ${one ? "the one" : "the ones"} ${v.learner ? "you miss" : "they miss"}`;
  if (recordings === "some") return `only some sessions are recorded, so ${one ? "it" : "they"} may be lost`;
  return `sessions are not recorded, so ${one ? "that session is" : "those sessions are"} lost`;
}

/** "join 15 minutes late on 11 Mondays between 11 Jan and 12 Apr; leave 10 minutes early on 14 Jan". */
function partialText(partial: readonly LiveConflict[], zone: string): string {
  const minutes = (xs: readonly number[]) => {
    const max = Math.max(...xs);
    return xs.every((x) => x === max) ? `${plural(max, "minute")}` : `up to ${plural(max, "minute")}`;
  };
  const late = partial.filter((c) => c.lateMinutes > 0 && c.earlyMinutes === 0);
  const early = partial.filter((c) => c.earlyMinutes > 0 && c.lateMinutes === 0);
  const both = partial.filter((c) => c.lateMinutes > 0 && c.earlyMinutes > 0);
  const parts: string[] = [];
  if (late.length > 0) parts.push(`join ${minutes(late.map((c) => c.lateMinutes))} late ${onSessionsText(late.map((c) => c.session.start), zone)}`);
  if (early.length > 0) parts.push(`leave ${minutes(early.map((c) => c.earlyMinutes))} early ${onSessionsText(early.map((c) => c.session.start), zone)}`);
  if (both.length > 0) parts.push(`join late and leave early ${onSessionsText(both.map((c) => c.session.start), zone)}`);
  return list(parts);
}

/**
 * Why a section's live part fits or not. Clashes at the start or end of a session within
 * `lateJoinMinutes` are attended late (trade-off); other clashes are missed sessions, judged
 * against the recording policy; a section whose sessions are mostly in the sleep hours does not
 * fit, unless every session is recorded and the learner will watch the recordings (trade-off).
 *
 * @example
 * describeLive(section, analyseLive(sessions, busy, { timeZone: "Europe/London", lateJoinMinutes: 15 }), prefs).verdict // "fits-with-tradeoffs"
 */
export function describeLive(section: Section, live: LiveAnalysis, prefs: FitPreferences, audience: Audience = "learner"): { verdict: Verdict; reasons: string[] } {
  const v = voiceOf(audience);
  const zone = prefs.timeZone;
  const reasons: string[] = [];
  const n = live.sessions.length;
  const days = (p: LiveAnalysis["patterns"][number], names: readonly string[]) => list(p.weekdays.map((d) => names[d] ?? ""));
  const when = live.patterns.map((p) => `${days(p, WEEKDAY)} ${p.usual}–${p.usualEnd}`).join("; ");
  const late = live.patterns.filter((p) => p.usualEnd < p.usual);
  const midnight = late.length === 0 ? "" : late.length === live.patterns.length ? ", ending after midnight" : `, the ${list(late.map((p) => days(p, WEEKDAY_ONE)))} session ending after midnight`;
  const zoneNote = section.timeZone === zone ? "" : ` (the section meets on ${placeName(section.timeZone)} time)`;
  reasons.push(`Set meeting times: ${plural(n, "live session")}${when ? `, ${when} ${v.time}${midnight}` : ""}${zoneNote}.`);
  reasons.push(...shiftReasons(live, zone, v));
  const recordings = "recordings" in section ? section.recordings : undefined;
  let verdict: Verdict = "fits";

  // Nights first: they outweigh everything else about attending live.
  const night = new Set<Session>(live.night);
  const sleep = `${prefs.sleepHours.start}–${prefs.sleepHours.end} ${v.time}`;
  if (night.size * 2 > n) {
    const which = night.size === n ? `Every session is in ${v.your} sleep hours` : `${night.size} of ${n} sessions are in ${v.your} sleep hours`;
    if (recordings === "all" && prefs.watchRecordings) {
      verdict = "fits-with-tradeoffs";
      reasons.push(`${which} (${sleep}). Every session is recorded and ${v.learner ? "you said you would" : "the learner said they would"} watch the recordings, so ${v.you} can follow the course without attending live: a trade-off.`);
    } else {
      verdict = "does-not-fit";
      const instead =
        recordings === "all"
          ? `Every session is recorded: if ${v.you} would watch the recordings instead, ${v.learner ? "say so in your preferences and " : ""}this section becomes a trade-off.`
          : recordings === "some"
            ? "Only some sessions are recorded, so watching recordings instead is not an option."
            : "Sessions are not recorded, so watching recordings instead is not an option.";
      reasons.push(`${which} (${sleep}): attending live would cost ${v.learner ? "you" : "them"} a night's sleep every week. ${instead}`);
    }
  } else if (night.size > 0) {
    verdict = worst([verdict, "fits-with-tradeoffs"]);
    const starts = live.night.map((s) => s.start);
    reasons.push(`${night.size} of ${plural(n, "session")} ${night.size === 1 ? "is" : "are"} in ${v.your} sleep hours (${sleep}): ${datesText(starts, zone)}.`);
  }

  const missed = live.conflicts.filter((c) => !c.partial);
  const partial = live.conflicts.filter((c) => c.partial);
  if (missed.length === 0 && partial.length === 0) {
    reasons.push(`No clash with ${v.your} calendar in any of the ${plural(n, "session")}.`);
  }
  if (missed.length > 0) {
    const share = missed.length / Math.max(1, n);
    const whenMissed = whenText(missed.map((c) => c.session.start), zone);
    const pct = Math.round(live.attendanceRate * 100);
    const recorded = recordings === "all";
    const limit = recorded ? prefs.thresholds.maxMissedShareRecorded : prefs.thresholds.maxMissedShareUnrecorded;
    reasons.push(`Clashes with ${missed.length} of ${plural(n, "session")} (${whenMissed}): ${missedCost(recordings, missed.length, v)}. ${cap(v.you)} could attend ${pct}% live.`);
    if (share <= limit) verdict = worst([verdict, "fits-with-tradeoffs"]);
    else {
      verdict = "does-not-fit";
      reasons.push(`That is more than the ${Math.round(limit * 100)}% of sessions ${v.you} can miss and keep up${recorded ? " even with recordings" : ""}.`);
    }
  }
  if (partial.length > 0) {
    reasons.push(`${cap(v.you)} would ${partialText(partial, zone)}.`);
    verdict = worst([verdict, "fits-with-tradeoffs"]);
  }
  // Sessions outside the learner's own study hours (07:00–22:00 by default) that are not already
  // named as night sessions: a 22:30 class clashes with nothing, but it is a cost.
  const outside = sessionsOutsideWindows(live, prefs).filter((s) => !night.has(s));
  if (outside.length > 0) {
    const hours = `${studyHoursText(prefs.studyWindows)}, ${v.time}`;
    reasons.push(
      outside.length === n
        ? `Every session falls outside the hours ${v.you} set for study (${hours}).`
        : `${outside.length} of ${plural(n, "session")} ${outside.length === 1 ? "falls" : "fall"} outside the hours ${v.you} set for study (${hours}): ${datesText(outside.map((x) => x.start), zone)}.`,
    );
    verdict = worst([verdict, "fits-with-tradeoffs"]);
  }
  return { verdict, reasons };
}

/**
 * Why a section's deadlines and weekly load fit or not.
 *
 * @example
 * describeAsync(section, analysis, prefs, "advisor").reasons[0] // "Flexibility: no set meeting times; the learner chooses when to study, around the deadlines."
 */
export function describeAsync(section: Section, a: AsyncAnalysis, prefs: FitPreferences, audience: Audience = "learner"): { verdict: Verdict; reasons: string[] } {
  const v = voiceOf(audience);
  const zone = prefs.timeZone;
  const reasons: string[] = [];
  let verdict: Verdict = "fits";
  const weeks = a.weeks.filter((w) => w.requiredHours > 0);
  if (section.format === "asynchronous") reasons.push(`Flexibility: no set meeting times; ${v.learner ? "you choose" : "the learner chooses"} when to study, around the deadlines.`);
  if (a.unmet > 0) {
    const first = a.plan.jobs.find((j) => !j.met);
    verdict = "does-not-fit";
    reasons.push(
      `${plural(a.unmet, "deadline")} cannot be met in ${v.your} free study time${first ? ` (first: ${first.job.title}, due ${formatDayMonth(first.job.due, zone)}, needs ${round(first.job.hours)} h with ${round(first.availableHours)} h free before it)` : ""}.`,
    );
  }
  if (weeks.length > 0) {
    const minFree = Math.min(...weeks.map((w) => w.availableHours));
    const tight = weeks.reduce((m, w) => (w.slackHours < m.slackHours ? w : m));
    reasons.push(
      minFree > 0
        ? `Weekly pace: about ${round(a.hoursPerWeek)} hours of study a week; ${v.your} calendar leaves at least ${round(minFree)} free study hours in every week with work due${a.unmet > 0 ? ", but not always before the deadline inside that week" : ""} (tightest: ${periodLabel(tight.start, tight.end, zone)}).`
        : `Weekly pace: about ${round(a.hoursPerWeek)} hours of study a week; the week ${periodLabel(tight.start, tight.end, zone)} has no free study time at all.`,
    );
    if (a.crunchWeeks.length > 0) {
      reasons.push(
        `${plural(a.crunchWeeks.length, "crunch week")} with less than ${plural(prefs.thresholds.crunchSlackHours, "hour")} to spare: ${list(a.crunchWeeks.slice(0, 4).map((w) => periodLabel(w.start, w.end, zone)))}${a.crunchWeeks.length > 4 ? " and more" : ""}.`,
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
export function placeName(zone: string): string {
  return (zone.split("/").pop() ?? zone).replace(/_/g, " ");
}

/** The sessions not wholly inside one of the learner's study windows. */
function sessionsOutsideWindows(live: LiveAnalysis, prefs: FitPreferences): Session[] {
  if (live.sessions.length === 0) return [];
  const first = live.sessions[0] as { start: number };
  const last = live.sessions[live.sessions.length - 1] as { end: number };
  // Ranges rounded out to 30-day buckets so that sections of one term share the memoised windows.
  const bucket = 30 * DAY;
  const windows = studyWindowIntervals(prefs, Math.floor((first.start - DAY) / bucket) * bucket, Math.ceil((last.end + DAY) / bucket) * bucket);
  const out: Session[] = [];
  let j = 0;
  for (const s of live.sessions) {
    while (j < windows.length && (windows[j] as { end: number }).end <= s.start) j++;
    const w = windows[j];
    if (!w || w.start > s.start || w.end < s.end) out.push(s);
  }
  return out;
}
