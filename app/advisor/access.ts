/** The advisor pages' gate: 401 without a session, 403 without the advisor role — in the page itself, not only in middleware. */
import { forbidden, unauthorized } from "next/navigation";
import type { Advisor } from "@/lib/reports";
import { currentSession } from "@/app/auth";

export async function requireAdvisor(): Promise<Advisor> {
  const session = await currentSession();
  if (!session?.userId || !session.user?.email) unauthorized();
  if (!session.advisor) forbidden();
  return { userId: session.userId, email: session.user.email };
}
