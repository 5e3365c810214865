/** PATCH (rename) and DELETE /api/reports/{id}: the owner's own report only (404 otherwise). */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const notFound = () => new AppError("NOT_FOUND", "No such report among yours (it may have been deleted or have expired).");

export const PATCH = route<Ctx>(
  async (request, { params }) => {
    const { id } = await params;
    const body = await readJson(request, z.object({ title: z.string() }));
    const owner = await currentOwner();
    if (!owner || !(await (await serverReports()).rename(owner, id, body.title))) throw notFound();
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
