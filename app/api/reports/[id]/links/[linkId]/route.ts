/** DELETE /api/reports/{id}/links/{linkId}: revoke a share link at once. */
import { AppError } from "@/lib/errors";
import { assertSameOrigin, errorResponse, serverReports } from "@/app/server";
import { currentOwner } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function DELETE(request: Request, context: { params: Promise<{ id: string; linkId: string }> }): Promise<Response> {
  try {
    assertSameOrigin(request);
    const { id, linkId } = await context.params;
    const owner = await currentOwner();
    if (!owner || !(await (await serverReports()).revokeLink(owner, id, linkId))) throw new AppError("NOT_FOUND", "No such active link on your report.");
    return new Response(null, { status: 204 });
  } catch (e) {
    return errorResponse(e);
  }
}
