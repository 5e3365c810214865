/**
 * Server-side fetch of a learner's calendar subscription URL (`https://…/basic.ics`, `webcal://…`).
 *
 * The server fetches an address a stranger typed, so this module is the SSRF boundary: without it a
 * learner could make FormatFit read `http://169.254.169.254/latest/meta-data/`, an admin page on
 * the private network, or `localhost`. The defences, and why each one is there:
 *
 * - Only http, https and webcal(s) (mapped to https). `file:`, `data:`, `ftp:`… never reach a socket.
 * - No userinfo (`user:pw@host`): FormatFit does not carry passwords, and a URL holding one would be
 *   echoed into logs and error messages. A secret token in the *path* (Google, Outlook, iCloud
 *   "secret address" feeds) is fine and is how private calendars are meant to be shared.
 * - The host is resolved once, and EVERY resolved address must be public unicast ({@link judgeAddress}:
 *   ipaddr.js `range() === "unicast"`, minus `::/8` (IPv4-compatible `::127.0.0.1`), site-local and
 *   NAT64 local-use; IPv6 forms that embed an IPv4 address — mapped, NAT64, 6to4 — are judged by it).
 *   Refusing when any one address is private stops a name that answers with both a public and a
 *   private address from winning a race.
 * - The socket connects to exactly the address that was checked: the request's `lookup` callback
 *   hands back the validated address instead of asking DNS again, so a short-TTL name cannot answer
 *   "public" to the check and "127.0.0.1" to the connect (DNS rebinding). The Host header and TLS
 *   SNI/certificate check still use the hostname.
 * - Redirects are followed by hand, at most `maxRedirects`, and every hop goes through the same
 *   checks (a public server may redirect to `http://10.0.0.1/`).
 * - One deadline covers DNS, connects, redirects and the body; the body is capped after
 *   decompression, so neither a slow server nor a gzip bomb can hold a worker or fill memory.
 *
 * Messages name the host, never the full URL: calendar URLs often carry a secret token in the path,
 * and messages end up on screen and in logs. {@link UrlFetchError.url} holds the full (credential-
 * free) URL for the caller; do not log it verbatim.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import * as http from "node:http";
import * as https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import * as zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { formatBytes } from "../words";

export type UrlRefusalCode =
  | "URL_INVALID"
  | "URL_SCHEME"
  | "URL_CREDENTIALS"
  | "URL_DNS"
  | "URL_PRIVATE_ADDRESS"
  | "URL_REDIRECTS"
  | "URL_HTTP_STATUS"
  | "URL_TOO_LARGE"
  | "URL_TIMEOUT"
  | "URL_NETWORK";

/**
 * Why a calendar URL was refused or could not be fetched. The message is one or two sentences a
 * learner can act on and names the host (not the path, which may hold a secret token).
 */
export class UrlFetchError extends Error {
  override readonly name = "UrlFetchError";
  readonly code: UrlRefusalCode;
  /** The URL of the hop that failed, normalised (webcal → https) and without userinfo. May contain a secret token: do not log. */
  readonly url: string;
  constructor(code: UrlRefusalCode, message: string, url: string, options: { cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.code = code;
    this.url = url;
  }
}

export interface FetchCalendarOptions {
  /** Largest body accepted, in bytes, counted after decompression. Default 10 MiB. */
  maxBytes?: number;
  /** Deadline for the whole fetch (DNS, every redirect hop, the body), in ms. Default 15 000. */
  timeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** DNS resolution; default `node:dns/promises` `lookup(hostname, { all: true })`. Tests inject one so they never touch real DNS. */
  lookup?: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  /**
   * `"address:port"` pairs (`"127.0.0.1:43210"`, `"[::1]:8080"`) exempt from the private-address
   * rule. ONLY for tests and local development (reaching a test server on 127.0.0.1); never fill
   * this from configuration a learner can influence, and leave it empty in production.
   */
  allowedPrivateTargets?: readonly string[];
  /** The User-Agent header. */
  userAgent?: string;
}

export interface FetchedCalendar {
  /** The body, decompressed. */
  bytes: Uint8Array;
  /** The URL the body came from, after redirects (webcal already mapped to https). */
  finalUrl: string;
  /** The Content-Type header of the final response, as sent. */
  contentType: string | undefined;
  /** How many redirects were followed. */
  redirects: number;
}

const MIB = 1024 * 1024;
const DEFAULTS = {
  maxBytes: 10 * MIB,
  timeoutMs: 15_000,
  maxRedirects: 5,
  userAgent: "FormatFit/0.1 (calendar subscription fetch)",
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const UPLOAD_INSTEAD = "Download the .ics file and upload it instead.";

/**
 * Fetches a calendar subscription URL from the public internet, refusing anything that could reach
 * this server's own network (SSRF) and anything too slow or too large.
 *
 * @param url - what the learner pasted: `https://`, `http://`, `webcal://` or `webcals://`.
 * @throws {UrlFetchError} with a {@link UrlRefusalCode} and a message the learner can act on.
 *
 * @example
 * try {
 *   const { bytes, finalUrl } = await fetchCalendarUrl("webcal://calendar.example.org/u/8f3a…/basic.ics");
 *   const text = new TextDecoder().decode(bytes); // hand to importIcs
 * } catch (e) {
 *   if (e instanceof UrlFetchError) console.warn(e.code, e.message); // e.g. URL_PRIVATE_ADDRESS
 *   else throw e;
 * }
 */
export async function fetchCalendarUrl(url: string, options: FetchCalendarOptions = {}): Promise<FetchedCalendar> {
  const maxBytes = options.maxBytes ?? DEFAULTS.maxBytes;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const settings: Settings = {
    maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULTS.maxRedirects,
    lookup: options.lookup ?? defaultLookup,
    allowed: parseAllowedPrivateTargets(options.allowedPrivateTargets ?? []),
    userAgent: options.userAgent ?? DEFAULTS.userAgent,
  };

  // One deadline for everything: a per-request timeout would let a chain of slow redirects (or a
  // server dribbling one byte a second) run for maxRedirects × timeout, or forever.
  const controller = new AbortController();
  const progress: Progress = { url, host: describeInputHost(url) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new UrlFetchError(
          "URL_TIMEOUT",
          `${progress.host} did not send the calendar within ${formatSeconds(timeoutMs)}. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`,
          progress.url,
        ),
      );
      // Destroys the in-flight request and socket; run() then rejects too, but the race is decided.
      controller.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([run(url, settings, controller.signal, progress), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

interface Settings {
  maxBytes: number;
  maxRedirects: number;
  lookup: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  allowed: ReadonlySet<string>;
  userAgent: string;
}

/** Where the fetch is, so the timeout message can name the host of the hop that hung. */
interface Progress {
  url: string;
  host: string;
}

async function run(input: string, settings: Settings, signal: AbortSignal, progress: Progress): Promise<FetchedCalendar> {
  let current = input;
  for (let redirects = 0; ; redirects++) {
    const via = redirects > 0 ? "redirect" : "input";
    const target = parseTarget(current, via);
    progress.url = target.url.href;
    progress.host = target.hostname;
    const address = await resolveTarget(target, settings, via);
    signal.throwIfAborted();

    const response = await request(target, address, settings, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECT_STATUSES.has(status)) {
      // The redirect body is irrelevant; dropping the socket now (agent: false, nothing pooled)
      // stops a hostile server from streaming into it.
      response.destroy();
      const location = response.headers.location;
      if (location === undefined || location === "") {
        throw new UrlFetchError(
          "URL_HTTP_STATUS",
          `${target.hostname} answered with a redirect (HTTP ${status}) but did not say where to. Check the calendar address, or ${lowerFirst(UPLOAD_INSTEAD)}`,
          target.url.href,
        );
      }
      if (redirects >= settings.maxRedirects) {
        throw new UrlFetchError(
          "URL_REDIRECTS",
          `${target.hostname} redirected more than ${settings.maxRedirects} times, so FormatFit stopped following it. Check the calendar address, or ${lowerFirst(UPLOAD_INSTEAD)}`,
          target.url.href,
        );
      }
      let next: URL;
      try {
        next = new URL(location, target.url); // a relative Location is relative to the current hop
      } catch {
        throw new UrlFetchError(
          "URL_INVALID",
          `${target.hostname} redirected to an address that is not a valid URL. Check the calendar address, or ${lowerFirst(UPLOAD_INSTEAD)}`,
          target.url.href,
        );
      }
      current = next.href;
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new UrlFetchError("URL_HTTP_STATUS", statusMessage(status, target.hostname), target.url.href);
    }

    const bytes = await readBody(response, target, settings.maxBytes);
    return { bytes, finalUrl: target.url.href, contentType: response.headers["content-type"], redirects };
  }
}

// ---------------------------------------------------------------------------------------------
// Step 1: parse and check the URL itself (scheme, userinfo, literal addresses, localhost)
// ---------------------------------------------------------------------------------------------

interface Target {
  url: URL;
  /** The hostname without IPv6 brackets and without a trailing dot, lower case. */
  hostname: string;
  /** Set when the URL names an IP address directly. */
  literal: ipaddr.IPv4 | ipaddr.IPv6 | undefined;
  port: number;
}

function parseTarget(raw: string, via: "input" | "redirect"): Target {
  const trimmed = raw.trim();
  // webcal is "https, but open it in a calendar app". Map it on the string, before parsing:
  // WHATWG URL treats webcal: as a non-special scheme and would leave hosts like `0x7f.1` or
  // `2130706433` unnormalised, so the literal-address check below would not see 127.0.0.1.
  const mapped = trimmed.replace(/^webcals?:/i, "https:");
  let url: URL;
  try {
    url = new URL(mapped);
  } catch {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? "" : " It should start with https:// or webcal://.";
    throw new UrlFetchError(
      "URL_INVALID",
      via === "redirect"
        ? "The calendar server redirected to an address that is not a valid URL. " + UPLOAD_INSTEAD
        : `That calendar address is not a valid URL.${hint} Copy the subscription link again from your calendar app.`,
      raw,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const scheme = url.protocol.replace(/:$/, "");
    throw new UrlFetchError(
      "URL_SCHEME",
      via === "redirect"
        ? `The calendar server redirected to a ${scheme}: address; FormatFit only fetches http, https and webcal addresses. ${UPLOAD_INSTEAD}`
        : `FormatFit only fetches http://, https:// and webcal:// calendar addresses, not ${scheme}:. ${UPLOAD_INSTEAD}`,
      via === "redirect" ? url.href : `${scheme}:`, // a data: or javascript: "URL" can be long; the scheme is enough
    );
  }
  const hostname = url.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "").toLowerCase();
  if (url.username !== "" || url.password !== "") {
    // Never keep the password, not even in the error.
    url.username = "";
    url.password = "";
    throw new UrlFetchError(
      "URL_CREDENTIALS",
      `The address for ${hostname} contains a user name or password (user:password@); FormatFit does not send passwords. ` +
        "Use the calendar's secret or public subscription address instead (a secret token in the path is fine).",
      url.href,
    );
  }
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  // WHATWG URL has already turned `2130706433`, `0x7f.1` and `[::ffff:7f00:1]` into canonical
  // dotted / bracketed forms for http(s), so net.isIP sees every literal spelling.
  const literal = isIP(hostname) !== 0 ? parseAddress(hostname) : undefined;
  return { url, hostname, literal, port };
}

// ---------------------------------------------------------------------------------------------
// Step 2: resolve and check the address the socket will connect to
// ---------------------------------------------------------------------------------------------

async function defaultLookup(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
}

async function resolveTarget(target: Target, settings: Settings, via: "input" | "redirect"): Promise<string> {
  const { hostname } = target;
  if (target.literal !== undefined) {
    checkAddress(target.literal, target, settings, via);
    return target.literal.toString();
  }
  // localhost is loopback by definition (RFC 6761) whatever /etc/hosts or the resolver says.
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    throw new UrlFetchError(
      "URL_PRIVATE_ADDRESS",
      `${via === "redirect" ? `The calendar server redirected to ${hostname}, this machine` : `${hostname} is this machine`}; FormatFit only fetches calendars from the public internet. ${UPLOAD_INSTEAD}`,
      target.url.href,
    );
  }
  let resolved: { address: string; family: 4 | 6 }[];
  try {
    resolved = await settings.lookup(hostname);
  } catch (cause) {
    throw new UrlFetchError(
      "URL_DNS",
      `FormatFit could not find the server ${hostname} (the name does not resolve). Check the calendar address for typos.`,
      target.url.href,
      { cause },
    );
  }
  if (resolved.length === 0) {
    throw new UrlFetchError(
      "URL_DNS",
      `FormatFit could not find the server ${hostname} (the name has no addresses). Check the calendar address for typos.`,
      target.url.href,
    );
  }
  // Check all, use the first: a name must not be able to smuggle in one private address among public ones.
  const checked = resolved.map(({ address }) => {
    let ip: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      ip = parseAddress(address);
    } catch (cause) {
      throw new UrlFetchError("URL_DNS", `The server name ${hostname} resolved to something that is not an IP address. Check the calendar address.`, target.url.href, { cause });
    }
    checkAddress(ip, target, settings, via);
    return ip;
  });
  // `checked` is non-empty (resolved.length > 0); ipv4Mapped addresses are connected to as plain IPv4.
  return unwrap(checked[0] as ipaddr.IPv4 | ipaddr.IPv6).toString();
}

/** `::ffff:1.2.3.4` is 1.2.3.4 on the wire; judge (and connect to) the IPv4 address. */
function unwrap(ip: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? (ip as ipaddr.IPv6).toIPv4Address() : ip;
}

/**
 * Parses an address as the socket would read it. IPv6 text goes through the WHATWG URL parser
 * first: ipaddr.js reads the IPv4-compatible spelling `::1.2.3.4` as the IPv4-mapped
 * `::ffff:1.2.3.4`, which would judge (and connect to) another address than the one given.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  if (isIP(address) === 6) return ipaddr.parse(new URL(`http://[${address}]/`).hostname.slice(1, -1));
  return ipaddr.parse(address);
}

const NAT64 = ipaddr.parseCIDR("64:ff9b::/96"); // RFC 6052 well-known prefix: the last 32 bits are an IPv4 address
const NAT64_LOCAL = ipaddr.parseCIDR("64:ff9b:1::/48"); // RFC 8215 local-use: translated to whatever the site chose
const SIX_TO_FOUR = ipaddr.parseCIDR("2002::/16"); // RFC 3056: bits 16–47 are an IPv4 address
const SITE_LOCAL = ipaddr.parseCIDR("fec0::/10"); // deprecated, still routed inside some networks

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** Why an address is not public, or undefined when it is. */
export type AddressVerdict = { readonly public: true } | { readonly public: false; readonly range: string; readonly address: string; readonly embedded?: string };

/**
 * Whether an address is public unicast, judging the IPv4 address inside the IPv6 forms that carry
 * one: IPv4-mapped (`::ffff:a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4 (`2002:AABB:CCDD::`).
 * The whole of `::/8` is refused: it holds the deprecated IPv4-compatible addresses
 * (`::127.0.0.1` = `::7f00:1`), which ipaddr.js calls unicast but which some stacks deliver to the
 * embedded IPv4 host. So are NAT64's local-use prefix, Teredo and site-local addresses.
 *
 * @example
 * judgeAddress("::7f00:1") // { public: false, range: "ipv4Compatible", address: "::7f00:1", embedded: "127.0.0.1" }
 * judgeAddress("64:ff9b::808:808") // { public: true }
 */
export function judgeAddress(text: string): AddressVerdict {
  return judge(parseAddress(text));
}

function judge(ip: ipaddr.IPv4 | ipaddr.IPv6): AddressVerdict {
  if (ip.kind() === "ipv4") {
    const range = ip.range();
    return range === "unicast" ? { public: true } : { public: false, range, address: ip.toString() };
  }
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return judge(v6.toIPv4Address());
  const parts = v6.parts;
  const word = (i: number) => parts[i] ?? 0;
  const refuse = (range: string, embedded?: ipaddr.IPv4): AddressVerdict => ({ public: false, range, address: v6.toString(), ...(embedded ? { embedded: embedded.toString() } : {}) });
  const inner = (embedded: ipaddr.IPv4, range: string): AddressVerdict => {
    const verdict = judge(embedded);
    return verdict.public ? verdict : refuse(range, embedded);
  };
  if (v6.match(NAT64_LOCAL)) return refuse("rfc8215");
  if (v6.match(NAT64)) return inner(ipv4From(word(6), word(7)), "rfc6052");
  if (v6.match(SIX_TO_FOUR)) return inner(ipv4From(word(1), word(2)), "6to4");
  if (word(0) <= 0x00ff) {
    // ::/8. The unspecified and loopback addresses are named as such; `::a.b.c.d` is IPv4-compatible.
    const range = v6.range();
    if (range !== "unicast") return refuse(range); // ::, ::1, ::ffff:0:a.b.c.d (RFC 6145) by their names
    const compatible = parts.slice(0, 6).every((p) => p === 0);
    return refuse(compatible ? "ipv4Compatible" : "reserved", compatible ? ipv4From(word(6), word(7)) : undefined);
  }
  if (v6.match(SITE_LOCAL)) return refuse("siteLocal");
  const range = v6.range();
  return range === "unicast" ? { public: true } : refuse(range);
}

function checkAddress(ip: ipaddr.IPv4 | ipaddr.IPv6, target: Target, settings: Settings, via: "input" | "redirect"): void {
  const plain = unwrap(ip);
  const verdict = judge(plain);
  if (verdict.public) return;
  if (settings.allowed.has(targetKey(plain.toString(), target.port))) return;
  const address = verdict.embedded !== undefined ? `${verdict.address} (${verdict.embedded})` : verdict.address;
  const what = describeRange(verdict.range, verdict.embedded);
  let subject: string;
  if (target.literal !== undefined) {
    subject = via === "redirect" ? `The calendar server redirected to ${address}, ${what}` : `${address} is ${what}`;
  } else {
    subject =
      via === "redirect"
        ? `The calendar server redirected to ${target.hostname}, which points to ${address}, ${what}`
        : `${target.hostname} points to ${address}, ${what}`;
  }
  throw new UrlFetchError(
    "URL_PRIVATE_ADDRESS",
    `${subject}; FormatFit only fetches calendars from the public internet. ${UPLOAD_INSTEAD}`,
    target.url.href,
  );
}

function describeRange(range: string, embedded: string | undefined): string {
  if (embedded !== undefined) {
    const inner = judgeAddress(embedded);
    if (inner.public) return `a deprecated IPv6 form of ${embedded} that FormatFit does not connect to`;
    const form = range === "ipv4Compatible" ? "an IPv4-compatible IPv6 form of" : "an IPv6 tunnel or translation address for";
    return `${form} ${embedded}, ${describeRange(inner.range, undefined)}`;
  }
  switch (range) {
    case "loopback":
      return "this machine's own (loopback) address";
    case "private":
    case "uniqueLocal":
      return "a private network address";
    case "linkLocal":
      return "a link-local address (used by cloud metadata services)";
    case "carrierGradeNat":
      return "a carrier-grade NAT (shared) address";
    case "unspecified":
      return "an unspecified address";
    case "broadcast":
      return "a broadcast address";
    case "multicast":
      return "a multicast address";
    case "siteLocal":
      return "a site-local (private) IPv6 address";
    case "6to4":
    case "teredo":
    case "rfc6052":
    case "rfc6145":
    case "rfc8215":
      return "an IPv6 tunnel or translation address";
    default:
      return "a reserved address, not a public one";
  }
}

function targetKey(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * Validates `"address:port"` entries (`"127.0.0.1:8080"`, `"[::1]:9000"`) and returns them in the
 * form the fetcher compares. Configuration calls it at startup, so a malformed entry stops the
 * server instead of failing every URL import.
 *
 * @throws {TypeError} naming the first malformed entry.
 * @example
 * parseAllowedPrivateTargets(["127.0.0.1:8080", "[::1]:9000"]) // Set { "127.0.0.1:8080", "[::1]:9000" }
 */
export function parseAllowedPrivateTargets(entries: readonly string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const entry of entries) {
    const m = /^\[([^\]]+)\]:(\d{1,5})$/.exec(entry) ?? /^([^:]+):(\d{1,5})$/.exec(entry);
    const address = m?.[1];
    const port = Number(m?.[2]);
    if (address === undefined || !ipaddr.isValid(address) || isIP(address) === 0 || !(port > 0 && port < 65536)) {
      // A programmer error (tests/dev configuration), not a learner's: fail loudly.
      throw new TypeError(`allowedPrivateTargets entry "${entry}" is not "address:port" (e.g. "127.0.0.1:8080" or "[::1]:8080").`);
    }
    set.add(targetKey(unwrap(parseAddress(address)).toString(), port));
  }
  return set;
}

// ---------------------------------------------------------------------------------------------
// Step 3: one HTTP request to the checked address
// ---------------------------------------------------------------------------------------------

function request(target: Target, address: string, settings: Settings, signal: AbortSignal): Promise<http.IncomingMessage> {
  const family = isIP(address) === 6 ? 6 : 4;
  // Hands Node the address we validated instead of letting it resolve the name again (DNS
  // rebinding). Node calls this with `all: true` when autoSelectFamily is on (the default in 20).
  const pinnedLookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) {
      callback(null, [{ address, family }]);
    } else {
      callback(null, address, family);
    }
  };
  const isHttps = target.url.protocol === "https:";
  const requestOptions: https.RequestOptions = {
    method: "GET",
    // The hostname (not the address) so that Node's TLS layer sends SNI and checks the certificate
    // against the name; the socket still goes to `address` through pinnedLookup.
    host: target.hostname,
    port: target.port,
    path: `${target.url.pathname}${target.url.search}`,
    headers: {
      host: target.url.host,
      "user-agent": settings.userAgent,
      accept: "text/calendar, text/plain;q=0.9, */*;q=0.5",
      "accept-encoding": "gzip, deflate, br",
    },
    lookup: pinnedLookup,
    // A fresh agent per hop: a pooled keep-alive socket could have been connected (and checked)
    // for another hop; nothing is reused, nothing is left open.
    agent: false,
    signal,
  };
  if (isHttps && target.literal === undefined) requestOptions.servername = target.hostname;
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(requestOptions, resolve);
    // Stays attached for the request's life: a late socket error must not become an uncaught
    // exception after the promise has settled (a second reject is a no-op).
    req.on("error", (cause) => reject(networkError(cause, target)));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Step 4: read the body, decompressing, within maxBytes
// ---------------------------------------------------------------------------------------------

async function readBody(response: http.IncomingMessage, target: Target, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new UrlFetchError(
      "URL_TOO_LARGE",
      `The calendar at ${target.hostname} is larger than the ${formatBytes(maxBytes)} limit. Export a shorter date range and upload the .ics file instead.`,
      target.url.href,
    );
  // Refuse before reading a byte when the server says up front it is too big. (Compressed length:
  // the decompressed body can only be about as large or larger, so this never refuses wrongly in practice.)
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw tooLarge();
  }

  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  if (encoding === "gzip" || encoding === "x-gzip") decoder = zlib.createGunzip();
  else if (encoding === "deflate") decoder = zlib.createInflate();
  else if (encoding === "br") decoder = zlib.createBrotliDecompress();
  else if (encoding !== "identity" && encoding !== "") {
    response.destroy();
    throw new UrlFetchError(
      "URL_NETWORK",
      `${target.hostname} sent the calendar in an encoding FormatFit cannot read (${encoding}). ${UPLOAD_INSTEAD}`,
      target.url.href,
    );
  }

  let source: Readable = response;
  if (decoder !== undefined) {
    // pipeline forwards an error on either side to the other and destroys both, so a socket error
    // surfaces from the loop below and breaking out of the loop also closes the socket.
    source = decoder;
    pipeline(response, decoder, () => {});
  }

  // Count the decompressed bytes as they arrive: zlib emits output in small chunks, so a bomb
  // (a few KB that inflate to gigabytes) is stopped after maxBytes, never held in memory.
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      total += buf.length;
      if (total > maxBytes) throw tooLarge();
      chunks.push(buf);
    }
  } catch (cause) {
    response.destroy();
    source.destroy();
    if (cause instanceof UrlFetchError) throw cause;
    throw networkError(cause, target);
  }
  const body = Buffer.concat(chunks, total);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

function statusMessage(status: number, host: string): string {
  if (status === 401 || status === 403) {
    return `${host} answered HTTP ${status}: the calendar is private. Use its secret or public address (the subscription link your calendar app offers for sharing), or ${lowerFirst(UPLOAD_INSTEAD)}`;
  }
  if (status === 404 || status === 410) {
    return `${host} answered HTTP ${status}: there is no calendar at that address. Copy the subscription link again from your calendar app.`;
  }
  if (status >= 500) {
    return `${host} answered HTTP ${status}: the calendar server had a problem. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  }
  return `${host} answered HTTP ${status} instead of sending the calendar. Check the calendar address, or ${lowerFirst(UPLOAD_INSTEAD)}`;
}

function networkError(cause: unknown, target: Target): UrlFetchError {
  if (cause instanceof UrlFetchError) return cause;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String((cause as { code: unknown }).code) : "";
  const host = target.hostname;
  const where = target.url.port !== "" ? `${host} (port ${target.port})` : host;
  let message: string;
  if (code === "ECONNREFUSED") {
    message = `${where} refused the connection; the calendar server may be down. Check the address, or try again later.`;
  } else if (code === "ECONNRESET" || code === "EPIPE") {
    message = `The connection to ${host} was cut off before the calendar arrived. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  } else if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "ETIMEDOUT" || code === "EADDRNOTAVAIL") {
    message = `FormatFit could not reach ${host} over the network. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  } else if (code === "EPROTO" || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL") || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    message = `FormatFit could not open a secure (HTTPS) connection to ${host}: its certificate or TLS setup was rejected. Check the address, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  } else if (code.startsWith("Z_") || code.startsWith("ERR_BROTLI") || code.startsWith("ERR__ERROR_FORMAT")) {
    message = `${host} sent a compressed calendar that could not be decompressed. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  } else if (code.startsWith("HPE_")) {
    message = `${host} sent a response that is not valid HTTP. ${UPLOAD_INSTEAD}`;
  } else {
    message = `FormatFit could not fetch the calendar from ${host}${code !== "" ? ` (${code})` : ""}. Try again later, or ${lowerFirst(UPLOAD_INSTEAD)}`;
  }
  return new UrlFetchError("URL_NETWORK", message, target.url.href, { cause });
}

/** The host for the timeout message before the URL has been parsed (best effort, never throws). */
function describeInputHost(raw: string): string {
  try {
    return new URL(raw.trim().replace(/^webcals?:/i, "https:")).hostname || "The calendar server";
  } catch {
    return "The calendar server";
  }
}

function formatSeconds(ms: number): string {
  const s = Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1));
  return `${s} ${s === 1 ? "second" : "seconds"}`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
