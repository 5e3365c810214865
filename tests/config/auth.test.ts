/**
 * app/auth.ts: the sign-in callback refuses look-alike addresses before next-auth lower-cases them
 * (issue 13: `\u212Aim@…` became another person's `kim@…` advisor address), next-auth always has a
 * secret so `/api/auth/csrf` answers (it answered 500 with a stack trace under `next start`), and
 * the log says which providers can sign in.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Account, NextAuthOptions, Profile, User } from "next-auth";
import { authOptions, signInAllowed, signInProviders, signInSummary } from "@/app/auth";

// next-auth's core handler (what /api/auth/[...nextauth] runs) is not in its package exports; load the file itself.
const { AuthHandler } = createRequire(import.meta.url)(fileURLToPath(new URL("../../node_modules/next-auth/core/index.js", import.meta.url))) as {
  AuthHandler: <B>(params: { req: Record<string, unknown>; options: NextAuthOptions }) => Promise<{ status?: number; body?: B }>;
};

const user: User = { id: "sub-1", email: "kim@sps.example.edu" };
const account: Account = { provider: "oidc", providerAccountId: "sub-1", type: "oauth" };

async function signIn(profile: Record<string, unknown>): Promise<string | boolean> {
  const callback = authOptions().callbacks?.signIn;
  if (!callback) throw new Error("no signIn callback");
  return callback({ user, account, profile: profile as Profile });
}

describe("the sign-in callback", () => {
  it("signs in a verified address", async () => {
    expect(await signIn({ sub: "sub-1", email: "Kim@SPS.example.edu", email_verified: true })).toBe(true);
    expect(await signIn({ sub: "sub-1", email: "chloé@example.fr", email_verified: true })).toBe(true);
  });

  it.each([
    ["K KELVIN SIGN", "\u212Aim@sps.example.edu"],
    ["LATIN SMALL LETTER LONG S", "\u017Fam@sps.example.edu"],
    ["FULLWIDTH LATIN SMALL LETTER K", "\uFF4Bim@sps.example.edu"],
    ["LATIN CAPITAL LETTER I WITH DOT ABOVE", "\u0130van@sps.example.edu"],
    ["a ligature", "\uFB01nn@sps.example.edu"],
    ["a look-alike in the domain", "kim@sps.example.\u212Adu"],
  ])("refuses an address with %s, whatever the provider says", async (_what, email) => {
    expect(await signIn({ sub: "sub-2", email, email_verified: true })).toBe(false);
  });

  it("refuses an address the provider says is unverified", async () => {
    expect(await signIn({ sub: "sub-1", email: "kim@sps.example.edu", email_verified: false })).toBe(false);
    expect(await signIn({ sub: "sub-1", email: "kim@sps.example.edu", email_verified: "false" })).toBe(false);
    expect(signInAllowed(undefined)).toBe(true); // a provider with no profile claims (the callback then reads nothing)
  });
});

describe("next-auth's own endpoints", () => {
  it("answers /api/auth/csrf with a token (the options always carry a secret)", async () => {
    const options = authOptions();
    expect(typeof options.secret).toBe("string");
    expect((options.secret ?? "").length).toBeGreaterThanOrEqual(32);
    const res = await AuthHandler<{ csrfToken: string }>({
      req: { action: "csrf", method: "GET", host: "http://127.0.0.1:3000", headers: {}, cookies: {}, query: {}, body: {} },
      options,
    });
    expect(res.status ?? 200).toBe(200);
    expect(res.body?.csrfToken).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("which providers can sign in", () => {
  it("says when there is none, and what to set", () => {
    expect(signInProviders({} as NodeJS.ProcessEnv)).toEqual([]);
    expect(signInSummary({} as NodeJS.ProcessEnv)).toMatch(/^FormatFit: no sign-in provider is configured \(set GOOGLE_CLIENT_ID\/GOOGLE_CLIENT_SECRET, AZURE_AD_CLIENT_ID\/AZURE_AD_CLIENT_SECRET or OIDC_ISSUER\/OIDC_CLIENT_ID\/OIDC_CLIENT_SECRET\)/);
  });

  it("names each configured provider, calendar connections left out", () => {
    const env = { GOOGLE_CLIENT_ID: "g", GOOGLE_CLIENT_SECRET: "gs", OIDC_ISSUER: "https://idp.example.edu", OIDC_CLIENT_ID: "o", OIDC_CLIENT_SECRET: "os", OIDC_NAME: "SPS account" } as unknown as NodeJS.ProcessEnv;
    expect(signInProviders(env)).toEqual([
      { id: "google", name: "Google" },
      { id: "oidc", name: "SPS account" },
    ]);
    expect(signInSummary(env)).toBe("FormatFit: sign-in with Google (google), SPS account (oidc).");
  });
});
