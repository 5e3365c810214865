"use client";
/** What the server read in one calendar: events, recurring ones, dates and size, or why it cannot be used, with its problems. */
import type { SourceSummary } from "@/lib/check/run";
import { plural } from "@/lib/words";

function bytesText(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
}

export function SourceLine({ summary }: { summary: SourceSummary }) {
  const s = summary;
  return (
    <div>
      {s.ok ? (
        <p>
          {s.calendarName ? `“${s.calendarName}”: ` : ""}
          {plural(s.eventCount, "event")}
          {s.recurringCount > 0 ? ` (${s.recurringCount.toLocaleString("en")} recurring)` : ""}
          {s.firstDate && s.lastDate ? `, starting ${s.firstDate} to ${s.lastDate}${s.recurringCount > 0 ? " (recurring events run on)" : ""}` : ""}, {bytesText(s.bytes)}
        </p>
      ) : (
        <p className="error">This calendar cannot be used:</p>
      )}
      {s.issues.length > 0 && (
        <details open={!s.ok}>
          <summary>
            {plural(s.issueCount, "problem")} {s.ok ? "(the rest of the calendar is used)" : ""}
          </summary>
          <ul className="issues">
            {s.issues.map((i, k) => (
              <li key={k}>
                {i.line !== undefined ? <strong>Line {i.line}: </strong> : null}
                {i.message}
              </li>
            ))}
            {s.issueCount > s.issues.length && <li>… and {s.issueCount - s.issues.length} more</li>}
          </ul>
        </details>
      )}
    </div>
  );
}
