/**
 * Our pipeline: lib/ics/import (told the window, so it can skip events that cannot reach it),
 * lib/recurrence/expand over the window, lib/busy's merge. Same contract as the peers.
 */
import { busyIntervals } from "../../lib/busy";
import { importIcs } from "../../lib/ics/import";
import { expandEvents } from "../../lib/recurrence/expand";
import type { BenchOccurrence, BenchResult, BenchWindow } from "../peers/common";

export function run(bytes: Buffer, window: BenchWindow, viewerZone: string): BenchResult {
  const w = { from: window.from.getTime(), to: window.to.getTime() };
  const imported = importIcs(bytes, { window: w });
  if (!imported.ok) {
    throw new Error(`formatfit: import refused the file: ${imported.issues.map((i) => `${i.code}: ${i.message}`).join("; ")}`);
  }
  const { occurrences } = expandEvents(imported.calendar.events, w, { viewerZone });
  const busy = busyIntervals(occurrences);
  const out: BenchOccurrence[] = [];
  for (const o of occurrences) {
    if (o.status === "CANCELLED") continue;
    out.push({ uid: o.uid, start: o.start, end: o.end, transparent: o.transparent });
  }
  return { occurrences: out, busy };
}
