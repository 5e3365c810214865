/** POST /api/reports/{id}/notes: an advisor's note on a report shared with them. */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_NOTE } from "@/lib/reports";
import { route } from "@/app/route-handler";
import { rateLimit, serverReports } from "@/app/server";
import { currentSession } from "@/app/auth";
import { readJson } from "@/app/json-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ params: Promise<{ id: string }> }>(
  async (request, { params }) => {
    const { id } = await params;
    const session = await currentSession();
    if (!session?.userId || !session.user?.email) throw new AppError("UNAUTHORIZED", "Sign in as an advisor to leave a note.");
    if (!session.advisor) throw new AppError("FORBIDDEN", `${session.user.email} is not an advisor's address here.`);
    await rateLimit(request, "notes", { kind: "user", userId: session.userId });
    const { body } = await readJson(request, z.object({ body: z.string().max(MAX_NOTE) }));
    const note = await (await serverReports()).addNote({ userId: session.userId, email: session.user.email }, id, body);
    if (!note) throw new AppError("NOT_FOUND", "No report with that id is shared with you.");
    return Response.json({ note }, { status: 201 });
  },
  { sameOrigin: true },
);
