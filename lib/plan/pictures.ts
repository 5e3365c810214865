/**
 * A term plan drawn: the learner's usual week with every live session of the combination on it, by
 * how each fares — missed to the calendar or to another section of the plan, joined late or left
 * early, in the sleep hours, or free — as the check page draws one section (lib/charts/week-grid).
 */
import { sessionStatus, type SessionStatus } from "../charts/svg";
import { sessionBlocks, weekGridSvg, type GridSession } from "../charts/week-grid";
import type { FitResult } from "../fit/check";
import { usualWeekOf, wallPlaceIn } from "../fit/json";
import type { Session } from "../catalog/sessions";
import type { JudgedPlan } from "./judge";
import { listText } from "../words";
import { localIsoDate } from "../time/format";

/** How each session fares with the other sections of the plan: only the clashes between them. */
function betweenStatus(plan: JudgedPlan): Map<Session, SessionStatus> {
  const out = new Map<Session, SessionStatus>();
  for (const c of plan.clashes) {
    for (const s of [c.a, c.b]) if (out.get(s) !== "clash") out.set(s, c.partial ? "partial" : "clash");
  }
  return out;
}

const WORSE: Readonly<Record<SessionStatus, number>> = { clash: 3, partial: 2, night: 1, ok: 0 };

/**
 * The week grid of a plan as SVG (empty when no section of it meets live).
 *
 * @example
 * planWeekSvg(outcome.fit, outcome.plan.plans[0], "America/New_York", "plan-1")
 */
export function planWeekSvg(result: FitResult, plan: JudgedPlan, zone: string, idPrefix: string): string {
  const live = plan.sections.filter((f) => f.live && f.live.sessions.length > 0);
  const first = live[0];
  if (!first) return "";
  const between = betweenStatus(plan);
  const sessions: GridSession[] = live.flatMap((f) => {
    const l = f.live;
    if (!l) return [];
    const conflict = new Map(l.conflicts.map((c) => [c.session.start, c]));
    const night = new Set(l.night);
    const shifted = new Set(l.shifts.flatMap((sh) => sh.dates));
    return l.sessions.map((s) => {
      const c = conflict.get(s.start);
      const own = sessionStatus({ conflict: c ? { partial: c.partial } : null, night: night.has(s) });
      const other = between.get(s) ?? "ok";
      const place = wallPlaceIn(s.start, s.end, zone);
      return { weekday: place.weekday, startMinute: place.startMinute, endMinute: place.endMinute, status: WORSE[other] > WORSE[own] ? other : own, shifted: s.kind === "meeting" && shifted.has(localIsoDate(s.start, zone)) };
    });
  });
  const usual = usualWeekOf(result, first, zone);
  const title = `Your usual week with the live sessions of ${listText(live.map((f) => f.section.id))}: shading shows in how many of the term's ${Math.max(0, ...usual.weeks)} weeks you are busy`;
  return weekGridSvg({ title, idPrefix, usual, blocks: sessionBlocks(sessions) });
}
