/** /reports/{id}: the owner's report with its management (rename, delete, share links, advisors). Another person's id is a 404. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { headers } from "next/headers";
import { reportBodyHtml } from "@/lib/reports/html";
import { serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { requestedZone } from "@/app/zones";
import { ReportManager } from "./ReportManager";

export const metadata: Metadata = { title: "Saved report — FormatFit", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const owner = await currentOwner();
  if (!owner) notFound();
  const reports = await serverReports();
  const report = await reports.get(owner, id);
  if (!report) notFound();
  const [links, advisors, notes] = await Promise.all([reports.links(owner, id), reports.advisorShares(owner, id), reports.notes({ owner }, id)]);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
  const zone = (await requestedZone(undefined)).zone ?? report.snapshot.timeZone;
  return (
    <>
      <p>
        <a href="/reports">My saved reports</a>
      </p>
      <ReportManager
        id={report.id}
        title={report.title}
        learnerName={report.learnerName}
        expiresAt={report.expiresAt}
        zone={zone}
        origin={origin}
        links={links ?? []}
        advisors={advisors ?? []}
        manageKey={owner.kind === "anonymous" ? owner.key : undefined}
      />
      <div dangerouslySetInnerHTML={{ __html: reportBodyHtml(report, { notes: notes ?? [], heading: false, audience: "owner" }) }} />
    </>
  );
}
