/**
 * The IPv6 spellings of private IPv4 addresses (issue 13): IPv4-compatible `::a.b.c.d` and the rest
 * of `::/8`, IPv4-mapped, NAT64 and 6to4 forms that embed a private IPv4, site-local and NAT64
 * local-use prefixes. Each is refused before a socket is opened, as a literal in the URL, as a DNS
 * answer and as a redirect target; the public forms stay allowed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { fetchCalendarUrl, judgeAddress, parseAllowedPrivateTargets } from "@/lib/sources/url";
import { fakeDns, noDns, refusal, startServer, type TestServer } from "./helpers-url";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("judgeAddress", () => {
  it.each([
    ["::7f00:1", "ipv4Compatible", "127.0.0.1"],
    ["::127.0.0.1", "ipv4Compatible", "127.0.0.1"],
    ["::a00:1", "ipv4Compatible", "10.0.0.1"],
    ["::a9fe:a9fe", "ipv4Compatible", "169.254.169.254"],
    ["::808:808", "ipv4Compatible", "8.8.8.8"],
    ["64:ff9b::7f00:1", "rfc6052", "127.0.0.1"],
    ["64:ff9b::10.1.2.3", "rfc6052", "10.1.2.3"],
    ["64:ff9b::a9fe:a9fe", "rfc6052", "169.254.169.254"],
    ["2002:7f00:1::1", "6to4", "127.0.0.1"],
    ["2002:c0a8:101::", "6to4", "192.168.1.1"],
  ])("refuses %s (%s, embedding %s)", (address, range, embedded) => {
    expect(judgeAddress(address)).toMatchObject({ public: false, range, embedded });
  });

  it.each([["1::"], ["ff::1"], ["::1:0:0:1"], ["0:0:1::7f00:1"]])("refuses %s, in ::/8", (address) => {
    expect(judgeAddress(address)).toMatchObject({ public: false, range: "reserved" });
  });

  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a00:1", "private"],
    ["64:ff9b:1::a00:1", "rfc8215"],
    ["fec0::1", "siteLocal"],
    ["fd00::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "teredo"],
    ["::ffff:0:a00:1", "rfc6145"],
  ])("refuses %s (%s)", (address, range) => {
    expect(judgeAddress(address)).toMatchObject({ public: false, range });
  });

  it.each([["2606:4700:4700::1111"], ["64:ff9b::808:808"], ["2002:808:808::1"], ["::ffff:8.8.8.8"], ["93.184.216.34"]])("allows %s", (address) => {
    expect(judgeAddress(address)).toEqual({ public: true });
  });
});

describe("fetchCalendarUrl: IPv6 forms of private addresses", () => {
  it.each([
    ["http://[::127.0.0.1]/cal.ics", /^::7f00:1 \(127\.0\.0\.1\) is an IPv4-compatible IPv6 form of 127\.0\.0\.1, this machine's own \(loopback\) address; /],
    ["http://[::7f00:1]/cal.ics", /^::7f00:1 \(127\.0\.0\.1\) is an IPv4-compatible IPv6 form of 127\.0\.0\.1, this machine's own \(loopback\) address; /],
    ["https://[::10.0.0.1]/", /^::a00:1 \(10\.0\.0\.1\) is an IPv4-compatible IPv6 form of 10\.0\.0\.1, a private network address; /],
    ["http://[::169.254.169.254]/latest/meta-data/", /^::a9fe:a9fe \(169\.254\.169\.254\) is an IPv4-compatible IPv6 form of 169\.254\.169\.254, a link-local address/],
    ["http://[1::]/", /^1:: is a reserved address, not a public one; /],
    ["http://[64:ff9b::127.0.0.1]/", /^64:ff9b::7f00:1 \(127\.0\.0\.1\) is an IPv6 tunnel or translation address for 127\.0\.0\.1, this machine's own/],
    ["http://[2002:a00:1::]/", /^2002:a00:1:: \(10\.0\.0\.1\) is an IPv6 tunnel or translation address for 10\.0\.0\.1, a private network address/],
    ["http://[64:ff9b:1::1]/", /^64:ff9b:1::1 is an IPv6 tunnel or translation address/],
    ["http://[fec0::1]/", /^fec0::1 is a site-local \(private\) IPv6 address/],
    ["webcal://[::127.0.0.1]/cal.ics", /^::7f00:1 \(127\.0\.0\.1\) is an IPv4-compatible IPv6 form of 127\.0\.0\.1/],
  ])("refuses %s as a literal", async (url, message) => {
    const err = await refusal(fetchCalendarUrl(url, { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(message);
  });

  it("refuses the public IPv4-compatible form too (deprecated; some stacks deliver it to the IPv4 host)", async () => {
    const err = await refusal(fetchCalendarUrl("http://[::8.8.8.8]/", { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/^::808:808 \(8\.8\.8\.8\) is a deprecated IPv6 form of 8\.8\.8\.8 that FormatFit does not connect to; /);
  });

  it.each([["::7f00:1"], ["::127.0.0.1"], ["64:ff9b::c0a8:1"], ["2002:c0a8:1::1"], ["0:0:0:0:0:0:7f00:1"], ["ff::"]])("refuses a DNS answer of %s", async (answer) => {
    const dns = fakeDns({ "sneaky.example.test": [answer] });
    const err = await refusal(fetchCalendarUrl("https://sneaky.example.test/cal.ics", { lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/^sneaky\.example\.test points to /);
  });

  it("refuses a redirect to http://[::7f00:1]:PORT/ even when the same port is allow-listed for 127.0.0.1", async () => {
    const target = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar" });
      res.end("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    });
    servers.push(target);
    const redirector = await startServer((_req, res) => {
      res.writeHead(302, { location: `http://[::127.0.0.1]:${target.port}/cal.ics` });
      res.end();
    });
    servers.push(redirector);
    const err = await refusal(fetchCalendarUrl(`${redirector.origin}/`, { lookup: noDns, allowedPrivateTargets: [redirector.target, target.target] }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/^The calendar server redirected to ::7f00:1 \(127\.0\.0\.1\), an IPv4-compatible IPv6 form of 127\.0\.0\.1/);
    expect(target.requests).toHaveLength(0);
  });
});

describe("parseAllowedPrivateTargets", () => {
  it("canonicalises entries the way the fetcher compares them", () => {
    expect([...parseAllowedPrivateTargets(["127.0.0.1:8080", "[::1]:9000", "[::ffff:127.0.0.1]:8081", "[0:0:0:0:0:0:0:1]:9001"])]).toEqual([
      "127.0.0.1:8080",
      "[::1]:9000",
      "127.0.0.1:8081",
      "[::1]:9001",
    ]);
  });

  it.each([["localhost:80"], ["127.0.0.1"], ["127.0.0.1:0"], ["127.0.0.1:70000"], ["::1:80"], [""], ["10.0.0.1:80:90"]])("refuses %j, naming it", (entry) => {
    expect(() => parseAllowedPrivateTargets([entry])).toThrow(`allowedPrivateTargets entry "${entry}" is not "address:port"`);
  });
});
