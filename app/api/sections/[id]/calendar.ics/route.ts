/** GET /api/sections/{id}/calendar.ics: the section's course calendar (download or subscription). */
import { join } from "node:path";
import { FileSectionRevisions } from "@/lib/catalog/revisions";
import { sectionFeed } from "@/lib/export/section-feed";
import { route } from "@/app/route-handler";
import { serverCatalog } from "@/app/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const revisions = new FileSectionRevisions(process.env.FORMATFIT_REVISIONS_FILE ?? join(process.cwd(), "data", "section-revisions.json"));

/** The feed's own caching (public, ETag, 304) stands; an error is plain text a calendar client can show. */
export const GET = route<{ params: Promise<{ id: string }> }>(
  async (request, { params }) => {
    const { id } = await params;
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
  },
  { errors: "text" },
);
