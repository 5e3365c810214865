/**
 * The advisors' entry in the site navigation (server-rendered): "Advisor sign in" for a visitor
 * who is signed out, "Shared with me" for a signed-in advisor; nothing for other signed-in people,
 * or when sign-in is not configured (there would be nowhere to go).
 */
import { currentSession, signInAvailable } from "@/app/auth";

export async function AdvisorLink() {
  if (!signInAvailable()) return null;
  const session = await currentSession();
  if (!session) return <a href="/api/auth/signin?callbackUrl=%2Fadvisor">Advisor sign in</a>;
  if (session.advisor) return <a href="/advisor">Shared with me</a>;
  return null;
}
