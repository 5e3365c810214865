/**
 * Which calendar providers this server connects to, from its environment. Production defaults
 * point at Google and Microsoft; every endpoint can be pointed elsewhere (tests and development use
 * loopback servers that speak the same protocols).
 *
 * | Variable | Default |
 * |---|---|
 * | GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET | (Google off without both) |
 * | GOOGLE_ISSUER | https://accounts.google.com |
 * | GOOGLE_CALENDAR_API | https://www.googleapis.com/calendar/v3 |
 * | AZURE_AD_CLIENT_ID, AZURE_AD_CLIENT_SECRET | (Microsoft off without both) |
 * | AZURE_AD_TENANT_ID | common |
 * | MICROSOFT_ISSUER | https://login.microsoftonline.com/{tenant}/v2.0 |
 * | MICROSOFT_GRAPH_API | https://graph.microsoft.com/v1.0 |
 */
import { GOOGLE_DEFAULT_ENDPOINTS } from "../providers/google";
import { GRAPH_DEFAULT_ENDPOINTS } from "../providers/graph";
import type { ProviderKind, ProviderSetup } from "./index";

type Env = Readonly<Record<string, string | undefined>>;

/** The OpenID issuer of each provider (next-auth reads `${issuer}/.well-known/openid-configuration`). */
export function googleIssuer(env: Env): string {
  return (env.GOOGLE_ISSUER || "https://accounts.google.com").replace(/\/$/, "");
}

export function microsoftIssuer(env: Env): string {
  return (env.MICROSOFT_ISSUER || `https://login.microsoftonline.com/${env.AZURE_AD_TENANT_ID || "common"}/v2.0`).replace(/\/$/, "");
}

/** @example providerSetups(process.env).google?.google?.calendarApi // "https://www.googleapis.com/calendar/v3" */
export function providerSetups(env: Env): Partial<Record<ProviderKind, ProviderSetup>> {
  const out: Partial<Record<ProviderKind, ProviderSetup>> = {};
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    out.google = {
      kind: "google",
      oauth: { issuer: googleIssuer(env), clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET },
      google: { calendarApi: env.GOOGLE_CALENDAR_API || GOOGLE_DEFAULT_ENDPOINTS.calendarApi },
    };
  }
  if (env.AZURE_AD_CLIENT_ID && env.AZURE_AD_CLIENT_SECRET) {
    out.microsoft = {
      kind: "microsoft",
      oauth: { issuer: microsoftIssuer(env), clientId: env.AZURE_AD_CLIENT_ID, clientSecret: env.AZURE_AD_CLIENT_SECRET },
      graph: { graphApi: env.MICROSOFT_GRAPH_API || GRAPH_DEFAULT_ENDPOINTS.graphApi },
    };
  }
  return out;
}

/** The scopes each way of connecting asks for: the least that works. */
export const CONNECT_SCOPES = {
  "google-calendar": "openid email profile https://www.googleapis.com/auth/calendar.calendarlist.readonly https://www.googleapis.com/auth/calendar.events.readonly",
  // Busy times only: no titles, no calendar list either (the primary calendar's free/busy).
  "google-busy": "openid email profile https://www.googleapis.com/auth/calendar.freebusy",
  "azure-ad-calendar": "openid email profile offline_access Calendars.ReadBasic",
} as const;

export type ConnectProviderId = keyof typeof CONNECT_SCOPES;
