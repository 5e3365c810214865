/**
 * The request's connected calendars: the signed-in user's connections (lib/connections), as the
 * check's resolver for `connection` ids. Nobody signed in → no resolver (the check answers 401).
 */
import { AppError } from "@/lib/errors";
import type { ConnectedSource } from "@/lib/sources/types";
import { currentSession } from "@/app/auth";
import { serverConnections } from "@/app/server";
import type { Window } from "@/lib/time/window";

export type ConnectedResolver = (ids: readonly string[], window: Window) => Promise<ConnectedSource[]>;

export async function connectedResolver(): Promise<ConnectedResolver | undefined> {
  const session = await currentSession();
  const userId = session?.userId;
  if (!userId) return undefined;
  return async (ids, window) => {
    const connections = await serverConnections();
    const read = await Promise.all(ids.map((id) => connections.read(userId, id, window)));
    const missing = ids.filter((_, i) => read[i] === undefined);
    if (missing.length > 0) throw new AppError("NOT_FOUND", "A connected calendar in this check is not among yours any more (disconnected?). Reload the page.", { where: "connection" });
    return read.flatMap((r) => r ?? []);
  };
}

/** The signed-in user's id, or a 401 that says to sign in. */
export async function requireUserId(): Promise<string> {
  const userId = (await currentSession())?.userId;
  if (!userId) throw new AppError("UNAUTHORIZED", "Sign in first: connected calendars belong to a signed-in account.");
  return userId;
}
