/**
 * GET /share/{token}: a report through a share link, read-only. A route handler, not a page, so an
 * expired or revoked link answers 410 (and an unknown one 404). Never cached, never indexed, and
 * the token is not sent on as a referrer.
 */
import { reportBodyHtml, reportDocument } from "@/lib/reports/html";
import { route } from "@/app/route-handler";
import { serverReports } from "@/app/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "private, no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

export const GET = route<{ params: Promise<{ token: string }> }>(async (_request, { params }) => {
  const { token } = await params;
  const opened = await (await serverReports()).openLink(token);
  if (opened.status === "ok") {
    return new Response(reportDocument(opened.report.title, reportBodyHtml(opened.report)), { status: 200, headers: HEADERS });
  }
  if (opened.status === "gone") {
    const why = opened.reason === "revoked" ? "The person who shared it has withdrawn this link." : "This link has expired.";
    return new Response(reportDocument("Link no longer works", `<h1>This shared report is no longer available</h1><p>${why} Ask them for a new link if you still need it.</p>`), { status: 410, headers: HEADERS });
  }
  return new Response(reportDocument("Not found", "<h1>No report here</h1><p>This link does not lead to a report. Check that you copied the whole address.</p>"), { status: 404, headers: HEADERS });
});
