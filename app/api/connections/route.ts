/**
 * GET /api/connections: the signed-in learner's connected calendars, each with the calendars it
 * holds (to pick which count) or, when the provider refuses, why and what to do. Tokens never
 * leave the server.
 */
import { ProviderError } from "@/lib/providers/http";
import { SealError } from "@/lib/connections/seal";
import { toAppError } from "@/lib/check/app-error";
import { route } from "@/app/route-handler";
import { serverConnections } from "@/app/server";
import { requireUserId } from "@/app/connected";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route(async () => {
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
        // The provider's or the sealed tokens' trouble belongs to this connection; anything else fails the list.
        if (!(e instanceof ProviderError || e instanceof SealError)) throw e;
        const err = toAppError(e);
        return { ...c, status: err.code === "CALENDAR_RECONNECT" ? ("reconnect" as const) : c.status, calendars: [], error: err.toJSON().error };
      }
    }),
  );
  return Response.json({ connections: out });
});
