/**
 * Sign-in (next-auth v4, JWT sessions in an encrypted cookie). Providers come from configuration:
 * Google, Microsoft Entra ID, and any OpenID Connect issuer (a school's own, or the loopback
 * provider the tests run). A plain sign-in asks only for `openid email profile`; PKCE and state
 * are on. Users are identified by the provider's `sub`, never by email.
 */
import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import GoogleProvider from "next-auth/providers/google";
import AzureADProvider from "next-auth/providers/azure-ad";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { advisorConfig, isAdvisorEmail, normaliseEmail } from "@/lib/reports";
import { serverConfig } from "@/lib/server/config";
import { cookies } from "next/headers";
import { getToken, type JWT } from "next-auth/jwt";
import { CONNECT_SCOPES, googleIssuer, microsoftIssuer, type ConnectProviderId } from "@/lib/connections/setup";
import { serverConnections, serverReports } from "@/app/server";

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** A profile without the photo: AzureADProvider's default profile() fetches one from Graph at sign-in. */
function entraProfile(p: OidcProfile) {
  // Not preferred_username: it is a sign-in name, not a verified address.
  return { id: p.sub, email: p.email ?? null, name: p.name ?? null, image: null };
}

function providers(env: NodeJS.ProcessEnv): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    const google = { clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, checks: ["pkce", "state"] as ("pkce" | "state")[], wellKnown: `${googleIssuer(env)}/.well-known/openid-configuration` };
    list.push(GoogleProvider({ ...google, authorization: { params: { scope: "openid email profile" } } }));
    // Connecting a calendar is its own consent, asked only then: read-only events and the calendar
    // list, or busy times only. access_type=offline for a refresh token; prompt=consent so Google
    // sends one again on a reconnect.
    list.push(GoogleProvider({ ...google, id: "google-calendar", name: "Google Calendar", authorization: { params: { scope: CONNECT_SCOPES["google-calendar"], access_type: "offline", prompt: "consent", include_granted_scopes: "true" } } }));
    list.push(GoogleProvider({ ...google, id: "google-busy", name: "Google Calendar (busy times only)", authorization: { params: { scope: CONNECT_SCOPES["google-busy"], access_type: "offline", prompt: "consent" } } }));
  }
  if (env.AZURE_AD_CLIENT_ID && env.AZURE_AD_CLIENT_SECRET) {
    const entra = {
      clientId: env.AZURE_AD_CLIENT_ID,
      clientSecret: env.AZURE_AD_CLIENT_SECRET,
      tenantId: env.AZURE_AD_TENANT_ID || "common",
      checks: ["pkce", "state"] as ("pkce" | "state")[],
      profile: entraProfile,
      ...(env.MICROSOFT_ISSUER ? { wellKnown: `${microsoftIssuer(env)}/.well-known/openid-configuration` } : {}),
    };
    list.push(AzureADProvider({ ...entra, authorization: { params: { scope: "openid email profile" } } }));
    list.push(AzureADProvider({ ...entra, id: "azure-ad-calendar", name: "Microsoft Outlook calendar", authorization: { params: { scope: CONNECT_SCOPES["azure-ad-calendar"] } } }));
  }
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    const oidc: OAuthConfig<OidcProfile> = {
      id: "oidc",
      name: env.OIDC_NAME ?? "your school account",
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? null }),
    };
    list.push(oidc);
  }
  return list;
}

declare module "next-auth" {
  interface Session {
    userId?: string;
    advisor?: boolean;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The provider vouched for the email (email_verified, or Entra's xms_edov). */
    emailVerified?: boolean;
  }
}

let options: NextAuthOptions | undefined;

/** The next-auth configuration, built from the environment once. */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  options = {
    providers: providers(process.env),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    cookies: { sessionToken: { name: sessionCookieName(), options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() } } },
    // Always a secret: NEXTAUTH_SECRET, or in development one made for this process (lib/config;
    // production refuses to start without one), so /api/auth/csrf never answers 500.
    secret: serverConfig().authSecret,
    callbacks: {
      async signIn({ profile }) {
        return signInAllowed(profile);
      },
      async jwt({ token, account, profile }) {
        if (account && account.providerAccountId) {
          const email = token.email ?? (profile as OidcProfile | undefined)?.email ?? null;
          if (account.provider in CONNECT_SCOPES) {
            // Connecting a calendar: it belongs to whoever is signed in already (their session
            // stays theirs); someone not yet signed in is signed in with that account.
            // Without the session secret the current session cannot be read, and the calendar
            // could join a new account instead of the signed-in one: refuse.
            if (!connectingAvailable()) throw new Error("Connecting calendars needs NEXTAUTH_SECRET (16+ characters) on the server.");
            const before = await currentToken();
            const kind = CONNECT_KIND[account.provider as ConnectProviderId];
            const uid = before?.uid ?? (await (await serverReports()).upsertUser(kind.signIn, account.providerAccountId, email, token.name ?? null));
            if (!account.access_token) throw new Error("The provider sent no access token.");
            await (await serverConnections()).save(uid, {
              provider: kind.provider,
              subject: account.providerAccountId,
              email,
              mode: kind.mode,
              scope: account.scope ?? CONNECT_SCOPES[account.provider as ConnectProviderId],
              accessToken: account.access_token,
              refreshToken: account.refresh_token,
              expiresAt: account.expires_at !== undefined ? account.expires_at * 1000 : undefined,
            });
            if (before) return { ...before, uid };
            token.uid = uid;
            token.emailVerified = emailVerified(profile);
            return token;
          }
          const reports = await serverReports();
          token.uid = await reports.upsertUser(account.provider, account.providerAccountId, email, token.name ?? null);
          token.emailVerified = emailVerified(profile);
        }
        return token;
      },
      async session({ session, token }) {
        const s: Session = { ...session };
        if (token.uid) s.userId = token.uid;
        // The advisor role needs an address the provider vouches for: a missing email_verified
        // claim is not a yes (Entra ID tokens carry none unless xms_edov is configured — "nOAuth").
        s.advisor = token.emailVerified === true && isAdvisorEmail(session.user?.email, advisorConfig(process.env));
        return s;
      },
    },
  };
  return options;
}

/**
 * Whether a sign-in may go ahead, judged on the provider's own claims (`profile`, before next-auth
 * lower-cases the address): an address the provider says is unverified signs nobody in, and
 * neither does one with look-alike characters (`\u212Aim@…`, K KELVIN SIGN, which lower-cases to
 * another person's `kim@…` and would take over their advisor access).
 *
 * @example
 * signInAllowed({ email: "\u212Aim@sps.example.edu", email_verified: true }) // false
 */
export function signInAllowed(profile: unknown): boolean {
  const p = profile as { email_verified?: unknown; email?: unknown } | undefined;
  if (p?.email_verified === false || p?.email_verified === "false") return false;
  if (typeof p?.email === "string" && !normaliseEmail(p.email).ok) return false;
  return true;
}

/** Whether the ID token vouches for its email: OpenID's email_verified, or Entra ID's xms_edov optional claim. */
function emailVerified(profile: unknown): boolean {
  const p = profile as { email_verified?: unknown; xms_edov?: unknown } | undefined;
  return p?.email_verified === true || p?.email_verified === "true" || p?.xms_edov === true || p?.xms_edov === "1" || p?.xms_edov === 1;
}

/** Each way of connecting: the provider whose API it reads, the sign-in provider its users are known by, and the mode. */
const CONNECT_KIND: Record<ConnectProviderId, { provider: "google" | "microsoft"; signIn: string; mode: "events" | "busy" }> = {
  "google-calendar": { provider: "google", signIn: "google", mode: "events" },
  "google-busy": { provider: "google", signIn: "google", mode: "busy" },
  "azure-ad-calendar": { provider: "microsoft", signIn: "azure-ad", mode: "events" },
};

/** The session token already in this request's cookies (before a sign-in replaces it), if any. */
async function currentToken(): Promise<(JWT & { uid?: string }) | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  // The same cookie next-auth reads (name, chunks), so a cookie next-auth would ignore cannot
  // decide whose account a calendar joins.
  const jar = await cookies();
  try {
    return await getToken({ req: { cookies: jar, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"], secret, cookieName: sessionCookieName(), secureCookie: secureCookies() });
  } catch {
    return null;
  }
}

/** Session cookies are Secure on an https deployment (NEXTAUTH_URL). */
function secureCookies(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

/**
 * `__Host-` on https: a cookie no sibling subdomain can set, so nobody can plant their own session
 * in a learner's browser and have the learner's calendar connected to it.
 */
function sessionCookieName(): string {
  return secureCookies() ? "__Host-next-auth.session-token" : "next-auth.session-token";
}

/** The signed-in person, or null. */
export async function currentSession(): Promise<Session | null> {
  if (authOptions().providers.length === 0) return null;
  return getServerSession(authOptions());
}

/** Calendars can be connected only with a session secret (it also seals the tokens unless FORMATFIT_TOKEN_KEY is set). */
export function connectingAvailable(): boolean {
  const secret = process.env.NEXTAUTH_SECRET;
  return Boolean(secret && secret.length >= 16);
}

/** Whether any sign-in provider is configured. */
export function signInAvailable(): boolean {
  return authOptions().providers.length > 0;
}

/** The sign-in providers configured, by the name the sign-in page shows (calendar connections left out). */
export function signInProviders(env: NodeJS.ProcessEnv = process.env): { id: string; name: string }[] {
  // A provider's overrides (the connect variants' id and name) sit in `options` until next-auth merges them.
  return providers(env)
    .map((p) => {
      const own = (p as { options?: { id?: string; name?: string } }).options;
      return { id: own?.id ?? p.id, name: own?.name ?? p.name };
    })
    .filter((p) => !(p.id in CONNECT_SCOPES));
}

/**
 * One line for the server's log saying who can sign in, and how to add a provider when none is.
 *
 * @example
 * signInSummary({ OIDC_ISSUER: "https://idp.example.edu", OIDC_CLIENT_ID: "ff", OIDC_CLIENT_SECRET: "…" }) // "FormatFit: sign-in with your school account (oidc)."
 */
export function signInSummary(env: NodeJS.ProcessEnv = process.env): string {
  const list = signInProviders(env);
  if (list.length === 0) {
    return "FormatFit: no sign-in provider is configured (set GOOGLE_CLIENT_ID/GOOGLE_CLIENT_SECRET, AZURE_AD_CLIENT_ID/AZURE_AD_CLIENT_SECRET or OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET); learners save reports anonymously and advisors cannot sign in.";
  }
  return `FormatFit: sign-in with ${list.map((p) => `${p.name} (${p.id})`).join(", ")}.`;
}
