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
import { advisorConfig, isAdvisorEmail } from "@/lib/reports";
import { serverReports } from "@/app/server";

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

function providers(env: NodeJS.ProcessEnv): NextAuthOptions["providers"] {
  const list: NextAuthOptions["providers"] = [];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    list.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, checks: ["pkce", "state"], authorization: { params: { scope: "openid email profile" } } }));
  }
  if (env.AZURE_AD_CLIENT_ID && env.AZURE_AD_CLIENT_SECRET) {
    list.push(
      AzureADProvider({
        clientId: env.AZURE_AD_CLIENT_ID,
        clientSecret: env.AZURE_AD_CLIENT_SECRET,
        tenantId: env.AZURE_AD_TENANT_ID ?? "common",
        checks: ["pkce", "state"],
        authorization: { params: { scope: "openid email profile" } },
      }),
    );
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
  }
}

let options: NextAuthOptions | undefined;

/** The next-auth configuration, built from the environment once. */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  options = {
    providers: providers(process.env),
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    ...(process.env.NEXTAUTH_SECRET ? { secret: process.env.NEXTAUTH_SECRET } : {}),
    callbacks: {
      async signIn({ profile }) {
        // An address the provider has not verified cannot grant the advisor role or receive shares.
        return (profile as OidcProfile | undefined)?.email_verified !== false;
      },
      async jwt({ token, account, profile }) {
        if (account && account.providerAccountId) {
          const reports = await serverReports();
          token.uid = await reports.upsertUser(account.provider, account.providerAccountId, token.email ?? (profile as OidcProfile | undefined)?.email ?? null, token.name ?? null);
        }
        return token;
      },
      async session({ session, token }) {
        const s: Session = { ...session };
        if (token.uid) s.userId = token.uid;
        s.advisor = isAdvisorEmail(session.user?.email, advisorConfig(process.env));
        return s;
      },
    },
  };
  return options;
}

/** The signed-in person, or null. */
export async function currentSession(): Promise<Session | null> {
  if (authOptions().providers.length === 0) return null;
  return getServerSession(authOptions());
}

/** Whether any sign-in provider is configured. */
export function signInAvailable(): boolean {
  return authOptions().providers.length > 0;
}
