/** /advisor/{id}: one shared report, read-only, with the advisor's notes; prints cleanly. */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { reportBodyHtml } from "@/lib/reports/html";
import { serverReports } from "@/app/server";
import { requireAdvisor } from "../access";
import { NoteForm } from "./NoteForm";

export const metadata: Metadata = { title: "Shared report — FormatFit", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdvisorReportPage({ params }: { params: Promise<{ id: string }> }) {
  const advisor = await requireAdvisor();
  const { id } = await params;
  const reports = await serverReports();
  const report = await reports.getShared(advisor, id);
  if (!report) notFound();
  const notes = (await reports.notes({ advisor }, id)) ?? [];
  return (
    <>
      <p className="no-print">
        <a href="/advisor">Reports shared with you</a>
      </p>
      <div dangerouslySetInnerHTML={{ __html: reportBodyHtml(report, { notes }) }} />
      <NoteForm id={report.id} />
    </>
  );
}
