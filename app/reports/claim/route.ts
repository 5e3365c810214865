/**
 * /reports/claim?key=…: the private manage link of anonymous reports. Opening it (GET) only asks;
 * the button POSTs back here, and only a same-origin POST makes this browser their owner (the key
 * goes into its HttpOnly cookie). A link on another site therefore cannot swap a visitor's key for
 * someone else's behind their back.
 */
import { escapeHtml, reportDocument } from "@/lib/reports/html";
import { looksLikeToken } from "@/lib/reports/tokens";
import { setOwnerKey } from "@/app/owner";
import { route } from "@/app/route-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-robots-tag": "noindex, nofollow",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

const incomplete = () => new Response(reportDocument("Incomplete link", "<h1>This manage link is incomplete</h1><p>Copy the whole address, then open it again.</p>"), { status: 400, headers: HEADERS });

export const GET = route(async (request) => {
  const key = new URL(request.url).searchParams.get("key") ?? "";
  if (!looksLikeToken(key)) return incomplete();
  const body = `<h1>Use your saved reports on this browser?</h1>
<p>This is the private manage link of reports saved without signing in. Continuing lets this browser view, share and delete them, and replaces any reports this browser already manages without an account (keep their own manage link first).</p>
<form method="post" action="/reports/claim"><input type="hidden" name="key" value="${escapeHtml(key)}"><button type="submit">Yes, manage them here</button></form>
<p><a href="/reports">No, go back</a></p>`;
  return new Response(reportDocument("Manage saved reports here?", body), { status: 200, headers: HEADERS });
});

export const POST = route(
  async (request) => {
    const form = await request.formData().catch(() => null);
    const key = form?.get("key");
    if (typeof key !== "string" || !looksLikeToken(key)) return incomplete();
    await setOwnerKey(key);
    return new Response(null, { status: 303, headers: { location: "/reports", "referrer-policy": "no-referrer" } });
  },
  { sameOrigin: true },
);
