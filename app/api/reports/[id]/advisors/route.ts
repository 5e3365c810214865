/** POST / DELETE /api/reports/{id}/advisors: share the report with an advisor's email, or stop. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, errorResponse, serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const body = z.object({ email: z.string().max(320) });

async function change(request: Request, context: Ctx, share: boolean): Promise<Response> {
  try {
    assertSameOrigin(request);
    const { id } = await context.params;
    const { email } = await readJson(request, body);
    const owner = await currentOwner();
    const reports = await serverReports();
    const ok = owner ? (share ? await reports.shareWithAdvisor(owner, id, email) : await reports.unshareWithAdvisor(owner, id, email)) : false;
    if (!ok) throw new AppError("NOT_FOUND", share ? "No such report among yours." : "That report is not shared with that address.");
    return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}

export const POST = (request: Request, context: Ctx) => change(request, context, true);
export const DELETE = (request: Request, context: Ctx) => change(request, context, false);
