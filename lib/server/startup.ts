/**
 * What the server does once, at start, before it answers anyone (instrumentation.ts calls it from
 * Next's `register()`): check the configuration, find the check worker, start the workers, and say
 * in the log what it runs with. A problem is one line for the operator, never a stack trace and
 * never a server that starts and then answers 500.
 */
import { checkStartup, type Env } from "./config";
import { ConfigError } from "./config";
import { checkPool, checkWorkerEntry } from "./isolation/check";

export type Prepared = { readonly ok: true; readonly notes: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * Prepares this process to serve. In development without NEXTAUTH_SECRET it sets one made for
 * this process into `env` (next-auth and the token sealing read it there), so `npm run dev` needs
 * no configuration; production never gets there (the configuration refuses first).
 *
 * @example
 * const prepared = prepareServer(process.env);
 * if (!prepared.ok) { console.error(prepared.message); process.exit(1); }
 */
export function prepareServer(env: Env & NodeJS.ProcessEnv): Prepared {
  const started = checkStartup(env);
  if (!started.ok) return started;
  const { config } = started;
  const notes: string[] = [];
  if (config.authSecretSource === "development") {
    env.NEXTAUTH_SECRET = config.authSecret;
    notes.push("FormatFit: NEXTAUTH_SECRET is not set; using a development secret made for this process (sign-ins end when it restarts). Production refuses to start without one.");
  }
  try {
    const entry = checkWorkerEntry({ production: config.production, workerFile: config.check.workerFile });
    notes.push(
      `FormatFit: checks run in ${config.check.workers} worker thread${config.check.workers === 1 ? "" : "s"} (${entry.kind === "bundle" ? entry.path : `${entry.path} through tsx`}), ` +
        `${config.check.deadlineMs / 1000} s and ${config.check.maxHeapMb} MB each, ${config.check.queue} waiting at most.`,
    );
    if (config.production) checkPool().warm();
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, message: `FormatFit cannot start: ${e.message}` };
    throw e;
  }
  if (config.allowedPrivateTargets.length > 0) notes.push(`FormatFit: calendar URLs may reach ${config.allowedPrivateTargets.join(", ")} (FORMATFIT_ALLOW_PRIVATE_TARGETS, tests only).`);
  if (config.rateLimits === "off") notes.push("FormatFit: rate limits are off (FORMATFIT_RATE_LIMITS=off).");
  return { ok: true, notes };
}
