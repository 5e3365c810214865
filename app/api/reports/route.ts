/** POST /api/reports: run the check from the form and save it as a report for this owner. */
import { parseCheckForm } from "@/lib/check/form";
import { connectedResolver } from "@/app/connected";
import { saveCheckAsReport } from "@/lib/reports/save";
import { route } from "@/app/route-handler";
import { checkOptions, rateLimit, serverReports } from "@/app/server";
import { currentOwner, requestOwner } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route(
  async (request) => {
    await rateLimit(request, "reports", requestOwner(request));
    const form = await parseCheckForm(request);
    const owner = await currentOwner({ create: true });
    if (!owner) throw new Error("unreachable: an owner is always created");
    const report = await saveCheckAsReport(form, await serverReports(), owner, { ...checkOptions(request), connected: form.connections.length > 0 ? await connectedResolver() : undefined });
    return Response.json({ id: report.id, url: `/reports/${report.id}` }, { status: 201 });
  },
  { sameOrigin: true },
);
