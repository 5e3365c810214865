/**
 * GET /reports/claim?key=…: the private manage link of anonymous reports. Opening it on another
 * browser makes that browser their owner too (the key goes into its HttpOnly cookie).
 */
import { looksLikeToken } from "@/lib/reports/tokens";
import { setOwnerKey } from "@/app/owner";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const key = url.searchParams.get("key") ?? "";
  if (!looksLikeToken(key)) return new Response("This manage link is incomplete: copy the whole address.\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "referrer-policy": "no-referrer" } });
  await setOwnerKey(key);
  return new Response(null, { status: 303, headers: { location: "/reports", "referrer-policy": "no-referrer", "cache-control": "no-store" } });
}
