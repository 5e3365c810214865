/** POST /api/calendars: what each uploaded or linked calendar holds, before a check. */
import { parseCheckForm } from "@/lib/check/form";
import { webInspect } from "@/lib/check/web";
import { connectedResolver } from "@/app/connected";
import { route } from "@/app/route-handler";
import { checkOptions, rateLimit } from "@/app/server";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  await rateLimit(request, "calendars");
  const form = await parseCheckForm(request);
  const sources = await webInspect(form, { ...checkOptions(request), connected: form.connections.length > 0 ? await connectedResolver() : undefined });
  return Response.json({ sources });
});
