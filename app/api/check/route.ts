/** POST /api/check: calendars + preferences + sections → the check's JSON (or the study plan .ics). */
import { parseCheckForm } from "@/lib/check/form";
import { webCheck } from "@/lib/check/web";
import { connectedResolver } from "@/app/connected";
import { route } from "@/app/route-handler";
import { checkOptions, rateLimit } from "@/app/server";
import { requestOwner } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  // Counted before the body is read: a client over its limit costs no upload, parse or check.
  await rateLimit(request, "check", requestOwner(request));
  const form = await parseCheckForm(request);
  const answer = await webCheck(form, { ...checkOptions(request), connected: form.connections.length > 0 ? await connectedResolver() : undefined });
  if (answer.kind === "ics") {
    return new Response(answer.text, { headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="${answer.filename}"` } });
  }
  return Response.json(answer.body);
});
