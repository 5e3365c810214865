/**
 * Which providers a server connects to, from its environment (lib/connections/setup.ts): off
 * without both client id and secret; production endpoints by default; every endpoint overridable,
 * which is how tests and development point at loopback servers.
 */
import { describe, expect, it } from "vitest";
import { googleIssuer, microsoftIssuer, providerSetups } from "@/lib/connections/setup";

describe("providerSetups", () => {
  it("none without client ids and secrets; a provider needs both", () => {
    expect(providerSetups({})).toEqual({});
    expect(providerSetups({ GOOGLE_CLIENT_ID: "id" })).toEqual({});
    expect(providerSetups({ AZURE_AD_CLIENT_SECRET: "secret" })).toEqual({});
  });

  it("production defaults", () => {
    expect(providerSetups({ GOOGLE_CLIENT_ID: "gid", GOOGLE_CLIENT_SECRET: "gs", AZURE_AD_CLIENT_ID: "mid", AZURE_AD_CLIENT_SECRET: "ms" })).toEqual({
      google: { kind: "google", oauth: { issuer: "https://accounts.google.com", clientId: "gid", clientSecret: "gs" }, google: { calendarApi: "https://www.googleapis.com/calendar/v3" } },
      microsoft: { kind: "microsoft", oauth: { issuer: "https://login.microsoftonline.com/common/v2.0", clientId: "mid", clientSecret: "ms" }, graph: { graphApi: "https://graph.microsoft.com/v1.0" } },
    });
  });

  it("every endpoint can point elsewhere; a trailing slash on an issuer is dropped", () => {
    const env = {
      GOOGLE_CLIENT_ID: "gid",
      GOOGLE_CLIENT_SECRET: "gs",
      GOOGLE_ISSUER: "http://127.0.0.1:4000/",
      GOOGLE_CALENDAR_API: "http://127.0.0.1:4000/calendar/v3",
      AZURE_AD_CLIENT_ID: "mid",
      AZURE_AD_CLIENT_SECRET: "ms",
      MICROSOFT_ISSUER: "http://127.0.0.1:4000",
      MICROSOFT_GRAPH_API: "http://127.0.0.1:4000/v1.0",
    };
    const s = providerSetups(env);
    expect([s.google?.oauth.issuer, s.google?.google?.calendarApi, s.microsoft?.oauth.issuer, s.microsoft?.graph?.graphApi]).toEqual([
      "http://127.0.0.1:4000",
      "http://127.0.0.1:4000/calendar/v3",
      "http://127.0.0.1:4000",
      "http://127.0.0.1:4000/v1.0",
    ]);
  });

  it("the Microsoft issuer names the tenant", () => {
    expect(microsoftIssuer({ AZURE_AD_TENANT_ID: "contoso.onmicrosoft.com" })).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");
    expect(googleIssuer({ GOOGLE_ISSUER: "" })).toBe("https://accounts.google.com");
  });
});
