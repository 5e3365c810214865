/** POST / DELETE /api/reports/{id}/advisors: share the report with an advisor's email, or stop. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { rateLimit, serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };
const body = z.object({ email: z.string().max(320) });

const change = (share: boolean) =>
  route<Ctx>(
    async (request, { params }) => {
      const { id } = await params;
      const owner = await currentOwner();
      await rateLimit(request, "links", owner);
      const { email } = await readJson(request, body);
      const reports = await serverReports();
      const ok = owner ? (share ? await reports.shareWithAdvisor(owner, id, email) : await reports.unshareWithAdvisor(owner, id, email)) : false;
      if (!ok) throw new AppError("NOT_FOUND", share ? "No such report among yours." : "That report is not shared with that address.");
      return Response.json({ ok: true });
    },
    { sameOrigin: true },
  );

export const POST = change(true);
export const DELETE = change(false);
