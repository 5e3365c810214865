/**
 * /advisor/{id}: one shared report, read-only, with whose it is (when the learner chose to give a
 * name), the advisor's notes, the way back to the advisor's list, and a print button; prints on
 * A4 or Letter without the navigation, buttons or note form.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { reportBodyHtml } from "@/lib/reports/html";
import { serverReports } from "@/app/server";
import { requireAdvisor } from "../access";
import { NoteForm } from "./NoteForm";
import { PrintButton } from "./PrintButton";

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
      <nav className="crumbs no-print" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href="/advisor">Reports shared with you</a>
          </li>
          <li aria-current="page">{report.learnerName ? `${report.learnerName}: ${report.title}` : report.title}</li>
        </ol>
        <PrintButton />
      </nav>
      <div dangerouslySetInnerHTML={{ __html: reportBodyHtml(report, { notes }) }} />
      <NoteForm id={report.id} />
      <p className="no-print">
        <a href="/advisor">← Back to the reports shared with you</a>
      </p>
    </>
  );
}
