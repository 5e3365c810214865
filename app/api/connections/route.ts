/**
 * GET /api/connections: the signed-in learner's connected calendars, each with the calendars it
 * holds (to pick which count) or, when the provider refuses, why and what to do. Tokens never
 * leave the server.
 */
import { ProviderError } from "@/lib/providers/http";
import { SealError } from "@/lib/connections/seal";
import { providerAppError } from "@/lib/check/web";
import { errorResponse, serverConnections } from "@/app/server";
import { requireUserId } from "@/app/connected";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const userId = await requireUserId();
    const connections = await serverConnections();
    const list = await connections.list(userId);
    const out = await Promise.all(
      list.map(async (c) => {
        try {
          const calendars = c.status === "reconnect" ? [] : ((await connections.calendars(userId, c.id)) ?? []);
          const selected = c.selected ?? calendars.filter((x) => x.primary).map((x) => x.id);
          return { ...c, status: c.status, calendars: calendars.map((x) => ({ ...x, selected: selected.includes(x.id) })) };
        } catch (e) {
          if (e instanceof SealError) {
            return { ...c, status: "reconnect" as const, calendars: [], error: { code: "CALENDAR_RECONNECT", message: e.message } };
          }
          if (!(e instanceof ProviderError)) throw e;
          const err = providerAppError(e);
          return { ...c, status: e.code === "RECONNECT" ? "reconnect" : c.status, calendars: [], error: err.toJSON().error };
        }
      }),
    );
    return Response.json({ connections: out }, { headers: { "cache-control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
