/**
 * A section's calendar feed as served over HTTP (docs/course-calendar.md, "Serving the feed"): the
 * body at the section's current revision, a strong ETag, Last-Modified, caching that lets
 * subscribed calendars refresh sensibly, and 304 for a client that already holds it.
 */
import { createHash } from "node:crypto";
import type { Catalog } from "../catalog/schema";
import { findSection } from "../catalog/load";
import type { FileSectionRevisions } from "../catalog/revisions";
import { AppError } from "../errors";
import { sectionCalendar } from "./section-calendar";

export interface FeedRequest {
  readonly catalog: Catalog;
  readonly sectionId: string;
  readonly revisions: FileSectionRevisions;
  readonly now: number;
  /** `attachment` for a Download button, `inline` (default) for subscriptions. */
  readonly download?: boolean;
  readonly ifNoneMatch?: string | null;
  readonly uidDomain?: string;
}

export interface FeedResponse {
  readonly status: 200 | 304;
  readonly body: string | null;
  readonly headers: Record<string, string>;
}

const SECTION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The feed of one section, or an AppError `NOT_FOUND` naming the id.
 *
 * @example
 * sectionFeed({ catalog, sectionId: "PM-101-S1", revisions, now: Date.now() }).headers.etag // "\"q7…\""
 */
export function sectionFeed(request: FeedRequest): FeedResponse {
  const found = SECTION_ID.test(request.sectionId) ? findSection(request.catalog, request.sectionId) : undefined;
  if (!found) throw new AppError("NOT_FOUND", `There is no section "${request.sectionId.slice(0, 64)}" in this catalog; section calendars are at /api/sections/<id>/calendar.ics with ids from /catalog.`);
  const revision = request.revisions.current(found.section, found.course, request.catalog.institution, request.now);
  const body = sectionCalendar(found.section, found.course, {
    now: revision.since,
    sequence: revision.sequence,
    ...(request.catalog.institution ? { institution: request.catalog.institution } : {}),
    ...(request.uidDomain ? { uidDomain: request.uidDomain } : {}),
  });
  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  const headers: Record<string, string> = {
    "content-type": "text/calendar; charset=utf-8",
    "cache-control": "public, max-age=3600",
    etag,
    "last-modified": new Date(revision.since).toUTCString(),
    "content-disposition": `${request.download ? "attachment" : "inline"}; filename="${found.section.id}.ics"`,
  };
  const inm = request.ifNoneMatch;
  if (inm && (inm.trim() === "*" || inm.split(",").some((t) => t.trim().replace(/^W\//, "") === etag))) return { status: 304, body: null, headers };
  return { status: 200, body, headers };
}
