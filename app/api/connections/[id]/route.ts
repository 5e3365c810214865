/** PUT (pick calendars) and DELETE (disconnect) /api/connections/{id}: the signed-in owner's only. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { serverConnections } from "@/app/server";
import { requireUserId } from "@/app/connected";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const notFound = () => new AppError("NOT_FOUND", "No such connected calendar among yours.");
const selection = z.object({ calendars: z.array(z.string().min(1).max(1024)).max(100) });

export const PUT = route<Ctx>(
  async (request, { params }) => {
    const userId = await requireUserId();
    const { id } = await params;
    const body = await readJson(request, selection);
    if (!(await (await serverConnections()).select(userId, id, body.calendars))) throw notFound();
    return Response.json({ ok: true });
  },
  { sameOrigin: true },
);

export const DELETE = route<Ctx>(
  async (_request, { params }) => {
    const userId = await requireUserId();
    const { id } = await params;
    const { removed, revoked } = await (await serverConnections()).remove(userId, id);
    if (!removed) throw notFound();
    return Response.json({ ok: true, revoked });
  },
  { sameOrigin: true },
);
