/** PATCH (rename, or the name shown to advisors) and DELETE /api/reports/{id}: the owner's own report only (404 otherwise). */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { readJson } from "@/app/json-body";
import { learnerNameOf } from "@/lib/reports";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
/** `title` renames; `learnerName` sets the name advisors see (null or "" removes it); at least one. */
const PATCH_BODY = z
  .object({ title: z.string().optional(), learnerName: z.string().nullable().optional() })
  .refine((b) => b.title !== undefined || b.learnerName !== undefined, { message: 'send "title", "learnerName" or both' });
const notFound = () => new AppError("NOT_FOUND", "No such report among yours (it may have been deleted or have expired).");

export const PATCH = route<Ctx>(
  async (request, { params }) => {
    const { id } = await params;
    const body = await readJson(request, PATCH_BODY);
    const owner = await currentOwner();
    const reports = await serverReports();
    if (!owner) throw notFound();
    // Both checked before either is written: a bad name does not leave a half-applied change.
    if (body.learnerName !== undefined) learnerNameOf(body.learnerName);
    if (body.title !== undefined && !(await reports.rename(owner, id, body.title))) throw notFound();
    if (body.learnerName !== undefined && !(await reports.setLearnerName(owner, id, body.learnerName))) throw notFound();
    return Response.json({ ok: true });
  },
  { sameOrigin: true },
);

export const DELETE = route<Ctx>(
  async (_request, { params }) => {
    const { id } = await params;
    const owner = await currentOwner();
    if (!owner || !(await (await serverReports()).delete(owner, id))) throw notFound();
    return new Response(null, { status: 204 });
  },
  { sameOrigin: true },
);
