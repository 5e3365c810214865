/** PUT (pick calendars) and DELETE (disconnect) /api/connections/{id}: the signed-in owner's only. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, errorResponse, serverConnections } from "@/app/server";
import { requireUserId } from "@/app/connected";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const notFound = () => new AppError("NOT_FOUND", "No such connected calendar among yours.");

export async function PUT(request: Request, context: Ctx): Promise<Response> {
  try {
    assertSameOrigin(request);
    const userId = await requireUserId();
    const { id } = await context.params;
    const body = await readJson(request, z.object({ calendars: z.array(z.string().min(1).max(1024)).max(100) }));
    if (!(await (await serverConnections()).select(userId, id, body.calendars))) throw notFound();
    return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}

export async function DELETE(request: Request, context: Ctx): Promise<Response> {
  try {
    assertSameOrigin(request);
    const userId = await requireUserId();
    const { id } = await context.params;
    const { removed, revoked } = await (await serverConnections()).remove(userId, id);
    if (!removed) throw notFound();
    return Response.json({ ok: true, revoked }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
