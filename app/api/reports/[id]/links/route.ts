/** POST /api/reports/{id}/links: a new share link (the token is shown once). GET: links with their view logs. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { rateLimit, serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const notFound = () => new AppError("NOT_FOUND", "No such report among yours (it may have been deleted or have expired).");

export const POST = route<Ctx>(
  async (request, { params }) => {
    const { id } = await params;
    const owner = await currentOwner();
    await rateLimit(request, "links", owner);
    const body = await readJson(request, z.object({ expiresInDays: z.number().int().min(1).max(365).optional() }));
    const created = owner ? await (await serverReports()).createLink(owner, id, body.expiresInDays !== undefined ? { expiresInDays: body.expiresInDays } : {}) : undefined;
    if (!created) throw notFound();
    return Response.json({ token: created.token, path: `/share/${created.token}`, link: created.link }, { status: 201 });
  },
  { sameOrigin: true },
);

export const GET = route<Ctx>(async (_request, { params }) => {
  const { id } = await params;
  const owner = await currentOwner();
  const links = owner ? await (await serverReports()).links(owner, id) : undefined;
  if (!links) throw notFound();
  return Response.json({ links }, { headers: { "cache-control": "private, no-store" } });
});
