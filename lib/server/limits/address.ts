/**
 * Which client a request comes from, for the per-address rate limits. A route handler never sees
 * the socket: `next start` writes the peer's address into `X-Forwarded-For` only when the request
 * has none, and a proxy in front appends the address it saw. So the client is the entry
 * `trustedHops` from the right: the one the nearest trusted proxy wrote. Everything left of it was
 * written by the client and proves nothing.
 */
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * The client's address as a rate-limit key: an IPv4 address, or an IPv6 address's /64 (one
 * household or server gets a whole /64, and could rotate through it).
 *
 * @param forwardedFor - the `X-Forwarded-For` header (`next start` sets it from the socket when absent).
 * @param trustedHops - proxies in front of the app that append to the header (1: `next start` itself or one proxy).
 * @example
 * clientAddress("198.51.100.7, 203.0.113.9", 1) // "203.0.113.9"
 * clientAddress("2001:db8:1:2:3:4:5:6", 1) // "2001:db8:1:2::/64"
 * clientAddress(null, 1) // "unknown"
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops = 1): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  // With more hops than entries the leftmost is the best there is (the request skipped a proxy).
  const raw = entries[Math.max(0, entries.length - Math.max(1, trustedHops))];
  if (raw === undefined) return "unknown";
  const address = raw.replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (isIP(address) === 0) return "unknown";
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  if (ip.kind() === "ipv4") return ip.toString();
  const parts = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0]).toString()}/64`;
}
