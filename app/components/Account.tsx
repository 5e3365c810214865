/** Who is signed in, with sign-in / sign-out links (server-rendered; nothing when sign-in is not configured). */
import { currentSession, signInAvailable } from "@/app/auth";

export async function Account() {
  if (!signInAvailable()) return null;
  const session = await currentSession();
  if (!session) {
    return (
      <div className="account">
        <a href="/api/auth/signin">Sign in</a>
      </div>
    );
  }
  // An advisor's "Shared with me" is in the navigation (AdvisorLink).
  return (
    <div className="account">
      <span className="muted">{session.user?.email ?? session.user?.name ?? "Signed in"}</span> · <a href="/api/auth/signout">Sign out</a>
    </div>
  );
}
