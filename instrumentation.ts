/**
 * Next.js calls `register()` once when a server starts (`next start`, `next dev`), before it answers
 * a request. FormatFit checks its configuration here (lib/server/startup): a production server without
 * NEXTAUTH_SECRET, with FORMATFIT_ALLOW_PRIVATE_TARGETS, with a malformed setting or without its
 * check worker stops at once with one line saying what to fix — not a stack trace, and not a
 * server that starts and answers 500.
 */
export async function register(): Promise<void> {
  // The Node.js server only (the condition is how Next leaves this code out of an edge build).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./lib/server/startup");
    const prepared = prepareServer(process.env);
    if (!prepared.ok) {
      console.error(prepared.message);
      process.exit(1);
    }
    const { signInSummary } = await import("./app/auth");
    for (const note of [...prepared.notes, signInSummary()]) console.log(note);
  }
}
