/** /advisor: the reports learners have shared with this advisor. */
import type { Metadata } from "next";
import { serverReports } from "@/app/server";
import { requireAdvisor } from "./access";
import { requestedZone } from "@/app/zones";
import { formatLongDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Shared with me — FormatFit", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdvisorPage() {
  const advisor = await requireAdvisor();
  const shared = await (await serverReports()).sharedWith(advisor);
  // Dates in the advisor's own zone when their browser has said it (DetectZone's cookie), else UTC, named.
  const { zone } = await requestedZone(undefined);
  return (
    <>
      <h1>Reports shared with you</h1>
      <p className="muted">Signed in as {advisor.email}. Reports are read-only snapshots; learners see the notes you leave.</p>
      {shared.length === 0 ? (
        <p>No learner has shared a report with {advisor.email} yet.</p>
      ) : (
        <ul className="report-list">
          {shared.map((r) => (
            <li key={r.id}>
              <a href={`/advisor/${r.id}`}>{r.title.slice(0, 200)}</a>
              {r.learnerName ? <> from {r.learnerName}</> : null}{" "}
              <span className="muted">
                saved {formatLongDate(r.createdAt, zone ?? "UTC")}
                {zone ? "" : " (UTC)"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
