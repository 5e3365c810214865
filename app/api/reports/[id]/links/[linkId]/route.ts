/** DELETE /api/reports/{id}/links/{linkId}: revoke a share link at once. */
import { AppError } from "@/lib/errors";
import { route } from "@/app/route-handler";
import { serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const DELETE = route<{ params: Promise<{ id: string; linkId: string }> }>(
  async (_request, { params }) => {
    const { id, linkId } = await params;
    const owner = await currentOwner();
    if (!owner || !(await (await serverReports()).revokeLink(owner, id, linkId))) throw new AppError("NOT_FOUND", "No such active link on your report.");
    return new Response(null, { status: 204 });
  },
  { sameOrigin: true },
);
