/**
 * OAuth 2.0 token refresh against a provider's token endpoint (found through its OpenID Connect
 * discovery document, so tests and development point at a loopback issuer by configuration alone).
 */
import { ProviderError } from "./http";

export interface OAuthClientConfig {
  /** The OpenID issuer, e.g. https://accounts.google.com or https://login.microsoftonline.com/{tenant}/v2.0 */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenSet {
  readonly accessToken: string;
  /** A new refresh token when the provider rotates them (Microsoft does). */
  readonly refreshToken?: string;
  readonly expiresAt?: number;
  readonly scope?: string;
}

const endpoints = new Map<string, Promise<string>>();

/** The issuer's OpenID discovery document; failures are ProviderErrors (never a raw TypeError). */
async function discovery(issuer: string, fetchImpl: typeof fetch): Promise<{ token_endpoint?: unknown; revocation_endpoint?: unknown }> {
  let res: Response;
  try {
    res = await fetchImpl(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000), redirect: "error" });
  } catch (e) {
    throw new ProviderError("UNAVAILABLE", `The sign-in service ${issuer} could not be reached (${(e as Error).message}). Try again in a few minutes.`);
  }
  if (!res.ok) throw new ProviderError("UNAVAILABLE", `The sign-in service ${issuer} did not describe itself (HTTP ${res.status}). Try again later.`, res.status);
  try {
    return (await res.json()) as { token_endpoint?: unknown; revocation_endpoint?: unknown };
  } catch {
    throw new ProviderError("BAD_RESPONSE", `The sign-in service ${issuer} described itself in something that is not JSON.`);
  }
}

/**
 * Best effort: tells the provider to revoke a token (RFC 7009) when its discovery document names a
 * revocation endpoint (Google's does; Microsoft's does not). Never throws.
 */
export async function revokeToken(config: OAuthClientConfig, token: string, options: { fetch?: typeof fetch } = {}): Promise<boolean> {
  const fetchImpl = options.fetch ?? fetch;
  try {
    const doc = await discovery(config.issuer.replace(/\/$/, ""), fetchImpl);
    if (typeof doc.revocation_endpoint !== "string") return false;
    const res = await fetchImpl(doc.revocation_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, client_id: config.clientId, client_secret: config.clientSecret }).toString(),
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** The issuer's token endpoint, from `/.well-known/openid-configuration` (cached per issuer). */
export function tokenEndpointOf(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const key = issuer.replace(/\/$/, "");
  let found = endpoints.get(key);
  if (!found) {
    found = (async () => {
      const doc = await discovery(key, fetchImpl);
      if (typeof doc.token_endpoint !== "string") throw new ProviderError("BAD_RESPONSE", `The sign-in service ${key} has no token endpoint.`);
      return doc.token_endpoint;
    })();
    found.catch(() => endpoints.delete(key));
    endpoints.set(key, found);
  }
  return found;
}

/**
 * Exchanges a refresh token for a new access token. A refused grant (`invalid_grant`: revoked,
 * expired, password changed) throws RECONNECT: the learner has to connect the calendar again.
 */
export async function refreshTokens(config: OAuthClientConfig, refreshToken: string, options: { fetch?: typeof fetch; now?: number } = {}): Promise<TokenSet> {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now();
  const url = await tokenEndpointOf(config.issuer, fetchImpl);
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method: "POST",
      // client_secret_post: what both Google and Microsoft accept.
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: config.clientId, client_secret: config.clientSecret }).toString(),
      signal: AbortSignal.timeout(15_000),
      // A redirect would carry the refresh token and the client secret somewhere else.
      redirect: "error",
    });
  } catch (e) {
    throw new ProviderError("UNAVAILABLE", `The sign-in service could not be reached to renew access (${(e as Error).message}). Try again in a few minutes.`);
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: number; scope?: string; error?: string };
  if (!res.ok || !body.access_token) {
    if (res.status === 429) throw new ProviderError("RATE_LIMITED", "The sign-in service is limiting how often access can be renewed. Wait a minute and try again.", 429);
    if (res.status >= 500 || res.status === 408) throw new ProviderError("UNAVAILABLE", `The sign-in service failed to renew access (HTTP ${res.status}). Try again in a few minutes.`, res.status);
    // Only a refused grant is the learner's to fix by reconnecting; anything else (invalid_client:
    // the school's client secret expired) is the server's, and reconnecting would not help.
    if (body.error === "invalid_grant" || body.error === "interaction_required" || body.error === "consent_required") {
      throw new ProviderError("RECONNECT", `Access to this calendar was withdrawn or has expired (${body.error}). Connect it again.`, res.status);
    }
    console.error(`FormatFit: the token endpoint refused to renew access: HTTP ${res.status} ${body.error ?? ""} — check the OAuth client's id and secret.`);
    throw new ProviderError("BAD_RESPONSE", `The sign-in service refused to renew access (HTTP ${res.status}${body.error ? `, ${body.error}` : ""}); this is a problem on FormatFit's side, not yours. Try again later.`, res.status);
  }
  return {
    accessToken: body.access_token,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.expires_in === "number" ? { expiresAt: now + body.expires_in * 1000 } : {}),
    ...(body.scope ? { scope: body.scope } : {}),
  };
}
