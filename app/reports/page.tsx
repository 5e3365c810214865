/** /reports: the reports this person (signed in, or this browser) has saved. */
import type { Metadata } from "next";
import { serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { currentSession, signInAvailable } from "@/app/auth";
import { requestedZone } from "@/app/zones";
import { formatLongDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "My saved reports — FormatFit", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ReportsPage() {
  const owner = await currentOwner();
  const session = await currentSession();
  const reports = owner ? await (await serverReports()).list(owner) : [];
  // Dates in the viewer's zone when their browser has said it (DetectZone's cookie), else UTC, named.
  const { zone } = await requestedZone(undefined);
  const day = (ms: number) => formatLongDate(ms, zone ?? "UTC");
  return (
    <>
      <h1>My saved reports</h1>
      <p className="lead">
        A report is a frozen copy of what a check found — verdicts, reasons, clashes, weekly loads and busy time per day — never your calendar itself.
      </p>
      {!session && (
        <p className="note">
          {owner ? "These reports belong to this browser. " : ""}
          {signInAvailable() ? (
            <>
              <a href="/api/auth/signin?callbackUrl=%2Freports">Sign in</a> to keep reports with your account instead.
            </>
          ) : (
            "Open a report to find its private manage link, which gives another browser access to them."
          )}
        </p>
      )}
      {reports.length === 0 ? (
        <p>
          No saved reports yet. <a href="/check">Check your calendar</a> and choose “Save this result”.
        </p>
      ) : (
        <ul className="report-list">
          {reports.map((r) => (
            <li key={r.id}>
              <a href={`/reports/${r.id}`}>{r.title.slice(0, 200)}</a> <span className="muted">
                saved {day(r.createdAt)}, kept until {day(r.expiresAt)}
                {zone ? "" : " (UTC)"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
