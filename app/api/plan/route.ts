/** POST /api/plan: calendars + preferences + courses (require, exclude) → the ranked term plans (DESIGN.md's `plan --json`). */
import { parseCheckForm } from "@/lib/check/form";
import { webPlan } from "@/lib/plan/web";
import { connectedResolver } from "@/app/connected";
import { route } from "@/app/route-handler";
import { checkOptions, rateLimit, serverPlanRunner } from "@/app/server";
import { requestOwner } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  // A plan is a check of several courses: it counts against the check limits.
  await rateLimit(request, "check", requestOwner(request));
  const form = await parseCheckForm(request);
  const body = await webPlan(form, { ...checkOptions(request), runner: serverPlanRunner(), connected: form.connections.length > 0 ? await connectedResolver() : undefined });
  return Response.json(body);
});
