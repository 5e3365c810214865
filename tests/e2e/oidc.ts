/**
 * A loopback OpenID Connect provider for the e2e suite (oauth2-mock-server): a real issuer on
 * 127.0.0.1 with an RS256 key, discovery, PKCE and signed ID tokens, whose next sign-in returns the
 * person given to {@link MockOidc.setUser}. The app is pointed at it with {@link MockOidc.appEnv}
 * (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME).
 *
 *   const oidc = await startOidc();
 *   const server = await startServer({ env: (baseUrl) => ({ ...oidc.appEnv(), NEXTAUTH_URL: baseUrl, … }) });
 *   oidc.setUser({ sub: "advisor-1", email: "advisor@school.example", email_verified: true, name: "Avery" });
 *   // …sign in through the browser, or signInWithFetch(server.baseUrl, oidc, user) for a cookie header
 *   await oidc.stop();
 *
 * The provider signs in whoever is set, at once (its /authorize redirects straight back): tests
 * sign in one person at a time, so "the next sign-in" is unambiguous.
 */
import { randomBytes } from "node:crypto";
import { OAuth2Server, type MutableResponse, type MutableToken } from "oauth2-mock-server";
import { freePort } from "./harness";

/**
 * The person the provider vouches for: the ID token's and userinfo's claims. `email_verified`
 * may be left out, as some providers (Microsoft Entra ID) never send it.
 */
export interface OidcUser {
  sub: string;
  email: string;
  email_verified?: boolean;
  name: string;
}

export interface MockOidc {
  /** e.g. "http://127.0.0.1:41235" (no trailing slash). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The environment that points the app's generic OIDC provider (app/auth.ts) at this issuer. */
  appEnv(): Record<string, string>;
  /** Who the next sign-in returns (until changed). */
  setUser(user: OidcUser): void;
  /** How many ID tokens the provider has signed (to tell that a sign-in went through it). */
  idTokensIssued(): number;
  stop(): Promise<void>;
}

/** The display name the app shows on its sign-in button ("Sign in with …"). */
export const OIDC_NAME = "Test School";

function claims(user: OidcUser): Record<string, unknown> {
  return { sub: user.sub, email: user.email, ...(user.email_verified === undefined ? {} : { email_verified: user.email_verified }), name: user.name };
}

const DEFAULT_USER: OidcUser = { sub: "nobody", email: "nobody@nowhere.example", email_verified: false, name: "Nobody" };

/**
 * Starts the provider on 127.0.0.1 (a free port) with a fresh RS256 key.
 *
 * The issuer URL is set to the 127.0.0.1 address before starting: the library would otherwise
 * call it "localhost", which Node may resolve to ::1 where nothing listens, and the issuer in
 * discovery and in the tokens must be the address the app was given.
 */
export async function startOidc(options: { clientId?: string; clientSecret?: string } = {}): Promise<MockOidc> {
  const clientId = options.clientId ?? "formatfit-e2e";
  const clientSecret = options.clientSecret ?? "formatfit-e2e-secret";
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  server.issuer.url = issuer;
  await server.start(port, "127.0.0.1");

  let user: OidcUser = DEFAULT_USER;
  let issued = 0;

  // Every token the provider signs (access and ID token) carries the current person. The ID
  // token is the one next-auth reads (app/auth.ts sets idToken: true); its audience is the
  // client and its nonce were set by the library before this event.
  server.service.on("beforeTokenSigning", (token: MutableToken) => {
    Object.assign(token.payload, claims(user));
    if (token.payload.aud === clientId) issued += 1;
  });
  server.service.on("beforeUserinfo", (response: MutableResponse) => {
    response.body = claims(user);
    response.statusCode = 200;
  });

  let stopped = false;
  return {
    issuer,
    clientId,
    clientSecret,
    appEnv: () => ({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, OIDC_NAME }),
    setUser: (next) => {
      user = { ...next };
    },
    idTokensIssued: () => issued,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Signing in without a browser: next-auth's own flow (CSRF token → POST /api/auth/signin/oidc →
// the provider's /authorize → /api/auth/callback/oidc), carrying cookies by hand.

/** A minimal cookie jar: name → value, from Set-Cookie headers (attributes ignored, deletions honoured). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Takes every Set-Cookie of a response. */
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || /;\s*expires=Thu, 01 Jan 1970/i.test(line);
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Names of the cookies held. */
  names(): string[] {
    return [...this.cookies.keys()];
  }

  /** The Cookie request header ("" when empty). */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** fetch without following redirects, sending the jar's cookies (app URLs only) and keeping what it sets. */
async function follow(url: string, jar: CookieJar, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set("cookie", cookie);
  const res = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
  jar.take(res);
  return res;
}

/**
 * Signs `user` in to the app at `baseUrl` through the provider, without a browser, and returns
 * the cookie jar holding next-auth's session cookie. Throws, naming the step, when a step does
 * not answer as next-auth does (so a failure says where the flow broke).
 */
/**
 * The server environment for sign-in through this provider: the app pointed at it, NEXTAUTH_URL
 * set to the server's own address, a fresh session secret, the given advisors, and cookies without
 * `Secure` (the tests speak plain http). For startServer / startIsolatedServer's `env`.
 */
export function signInEnv(oidc: MockOidc, advisors: readonly string[] = [], extra: Record<string, string> = {}): (baseUrl: string) => Record<string, string> {
  const secret = randomBytes(32).toString("base64url");
  return (baseUrl) => ({
    ...oidc.appEnv(),
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: secret,
    ...(advisors.length > 0 ? { ADVISOR_EMAILS: advisors.join(",") } : {}),
    FORMATFIT_INSECURE_COOKIES: "1",
    ...extra,
  });
}

export async function signInWithFetch(baseUrl: string, oidc: MockOidc, user: OidcUser, jar = new CookieJar()): Promise<CookieJar> {
  return (await signInFlow(baseUrl, oidc, user, { jar })).jar;
}

/**
 * {@link signInWithFetch} with the `callbackUrl` asked for, returning where next-auth sent the
 * browser after the callback (`landed`) as well as the jar.
 */
export async function signInFlow(
  baseUrl: string,
  oidc: MockOidc,
  user: OidcUser,
  options: { jar?: CookieJar; callbackUrl?: string } = {},
): Promise<{ jar: CookieJar; landed: string }> {
  const jar = options.jar ?? new CookieJar();
  oidc.setUser(user);
  const csrfRes = await follow(`${baseUrl}/api/auth/csrf`, jar);
  if (csrfRes.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };

  const start = await follow(`${baseUrl}/api/auth/signin/oidc`, jar, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    body: new URLSearchParams({ csrfToken, callbackUrl: options.callbackUrl ?? `${baseUrl}/` }).toString(),
  });
  await start.arrayBuffer();
  const authorizeUrl = start.headers.get("location");
  if (start.status !== 302 || !authorizeUrl || !authorizeUrl.startsWith(oidc.issuer)) throw new Error(`POST /api/auth/signin/oidc did not send us to the provider (status ${start.status}, location ${authorizeUrl})`);

  // The provider is another origin: no app cookies go there.
  const authorize = await fetch(authorizeUrl, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
  await authorize.arrayBuffer();
  const callbackUrl = authorize.headers.get("location");
  if (authorize.status !== 302 || !callbackUrl?.startsWith(`${baseUrl}/api/auth/callback/oidc`)) {
    throw new Error(`the provider's /authorize answered ${authorize.status} → ${callbackUrl}`);
  }

  const callback = await follow(callbackUrl, jar);
  await callback.arrayBuffer();
  const landed = callback.headers.get("location") ?? "";
  if (callback.status !== 302 || landed.includes("error=")) throw new Error(`the sign-in callback answered ${callback.status} → ${landed}`);
  if (!jar.names().some((n) => n.endsWith("next-auth.session-token"))) throw new Error(`no session cookie after the callback (cookies: ${jar.names().join(", ")})`);
  return { jar, landed };
}
