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

/** The issuer's token endpoint, from `/.well-known/openid-configuration` (cached per issuer). */
export function tokenEndpointOf(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const key = issuer.replace(/\/$/, "");
  let found = endpoints.get(key);
  if (!found) {
    found = (async () => {
      const res = await fetchImpl(`${key}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new ProviderError("UNAVAILABLE", `The sign-in service ${key} did not describe itself (HTTP ${res.status}). Try again later.`, res.status);
      const doc = (await res.json()) as { token_endpoint?: unknown };
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
    });
  } catch (e) {
    throw new ProviderError("UNAVAILABLE", `The sign-in service could not be reached to renew access (${(e as Error).message}). Try again in a few minutes.`);
  }
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string; expires_in?: number; scope?: string; error?: string };
  if (!res.ok || !body.access_token) {
    if (res.status === 429) throw new ProviderError("RATE_LIMITED", "The sign-in service is limiting how often access can be renewed. Wait a minute and try again.", 429);
    if (res.status >= 500 || res.status === 408) throw new ProviderError("UNAVAILABLE", `The sign-in service failed to renew access (HTTP ${res.status}). Try again in a few minutes.`, res.status);
    throw new ProviderError("RECONNECT", `Access to this calendar was withdrawn or has expired${body.error ? ` (${body.error})` : ""}. Connect it again.`, res.status);
  }
  return {
    accessToken: body.access_token,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(typeof body.expires_in === "number" ? { expiresAt: now + body.expires_in * 1000 } : {}),
    ...(body.scope ? { scope: body.scope } : {}),
  };
}
