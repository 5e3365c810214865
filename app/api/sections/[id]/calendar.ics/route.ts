/** GET /api/sections/{id}/calendar.ics: the section's course calendar (download or subscription). */
import { join } from "node:path";
import { FileSectionRevisions } from "@/lib/catalog/revisions";
import { AppError } from "@/lib/errors";
import { sectionFeed } from "@/lib/export/section-feed";
import { serverCatalog } from "@/app/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const revisions = new FileSectionRevisions(process.env.FORMATFIT_REVISIONS_FILE ?? join(process.cwd(), "data", "section-revisions.json"));

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  try {
    const feed = sectionFeed({
      catalog: serverCatalog(),
      sectionId: id,
      revisions,
      now: Date.now(),
      download: new URL(request.url).searchParams.get("download") === "1",
      ifNoneMatch: request.headers.get("if-none-match"),
      ...(process.env.FORMATFIT_UID_DOMAIN ? { uidDomain: process.env.FORMATFIT_UID_DOMAIN } : {}),
    });
    return new Response(feed.body, { status: feed.status, headers: feed.headers });
  } catch (e) {
    if (e instanceof AppError) return new Response(`${e.message}\n`, { status: e.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
    throw e;
  }
}
