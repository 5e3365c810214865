/**
 * fetchCalendarUrl against real HTTP servers on 127.0.0.1. The test servers are reachable only
 * through `allowedPrivateTargets`; everything else that points at a non-public address must be
 * refused before a socket is opened. No test touches the internet: any hostname goes through an
 * injected `lookup`.
 */
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { fetchCalendarUrl, UrlFetchError } from "@/lib/sources/url";
import { closedPort, fakeDns, noDns, refusal, startServer, type Handler, type TestServer } from "./helpers-url";

const CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:a@test\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250106T090000Z\r\nDTEND:20250106T100000Z\r\nSUMMARY:Shift\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const CALENDAR_BYTES = new TextEncoder().encode(CALENDAR);

const servers: TestServer[] = [];
async function serve(handler: Handler): Promise<TestServer> {
  const s = await startServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const calendarHandler: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "text/calendar; charset=utf-8", "content-length": String(CALENDAR_BYTES.length) });
  res.end(CALENDAR_BYTES);
};

describe("fetchCalendarUrl: successful fetches", () => {
  it("returns the body bytes, content type and final URL", async () => {
    const s = await serve(calendarHandler);
    const got = await fetchCalendarUrl(`${s.origin}/cal/secret-token-123/basic.ics?x=1#frag`, { allowedPrivateTargets: [s.target], lookup: noDns });
    expect(Buffer.from(got.bytes).equals(Buffer.from(CALENDAR_BYTES))).toBe(true);
    expect(got.contentType).toBe("text/calendar; charset=utf-8");
    expect(got.finalUrl).toBe(`${s.origin}/cal/secret-token-123/basic.ics?x=1#frag`);
    expect(got.redirects).toBe(0);
    // The fragment stays client-side; the path and query go to the server.
    expect(s.requests).toEqual([{ path: "/cal/secret-token-123/basic.ics?x=1", host: s.target, acceptEncoding: "gzip, deflate, br" }]);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("decompresses a %s body", async (encoding, compress) => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar", "content-encoding": encoding });
      res.end(compress(Buffer.from(CALENDAR)));
    });
    const got = await fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] });
    expect(new TextDecoder().decode(got.bytes)).toBe(CALENDAR);
  });

  it("connects to the address the injected lookup returned, once, and sends the hostname as Host", async () => {
    const s = await serve(calendarHandler);
    const dns = fakeDns({ "calendar.example.test": ["127.0.0.1"] });
    const got = await fetchCalendarUrl(`http://calendar.example.test:${s.port}/cal.ics`, { lookup: dns.lookup, allowedPrivateTargets: [s.target] });
    expect(Buffer.from(got.bytes).toString()).toBe(CALENDAR);
    expect(dns.calls).toEqual(["calendar.example.test"]); // no second lookup at connect time
    expect(s.requests[0]?.host).toBe(`calendar.example.test:${s.port}`);
  });

  it("follows a relative redirect and reports the final URL", async () => {
    const s = await serve((req, res) => {
      if (req.url === "/feeds/old/cal.ics") {
        res.writeHead(302, { location: "../new/cal.ics" });
        res.end();
      } else if (req.url === "/feeds/new/cal.ics") calendarHandler(req, res, s);
      else res.writeHead(404).end();
    });
    const got = await fetchCalendarUrl(`${s.origin}/feeds/old/cal.ics`, { allowedPrivateTargets: [s.target] });
    expect(got.finalUrl).toBe(`${s.origin}/feeds/new/cal.ics`);
    expect(got.redirects).toBe(1);
    expect(Buffer.from(got.bytes).toString()).toBe(CALENDAR);
  });

  it("follows exactly maxRedirects redirects (301, 303, 307, 308)", async () => {
    const statuses = [301, 303, 307, 308];
    const s = await serve((req, res) => {
      const n = Number(req.url?.slice("/hop/".length));
      const status = statuses[n];
      if (status !== undefined) res.writeHead(status, { location: `/hop/${n + 1}` }).end();
      else calendarHandler(req, res, s);
    });
    const got = await fetchCalendarUrl(`${s.origin}/hop/0`, { allowedPrivateTargets: [s.target], maxRedirects: 4 });
    expect(got.redirects).toBe(4);
    expect(got.finalUrl).toBe(`${s.origin}/hop/4`);
  });
});

describe("fetchCalendarUrl: the URL itself", () => {
  it.each(["file:///etc/passwd", "ftp://ftp.example.org/cal.ics", "data:text/calendar,BEGIN:VCALENDAR", "javascript:alert(1)", "gopher://example.org/1"])(
    "refuses the scheme of %s",
    async (url) => {
      const err = await refusal(fetchCalendarUrl(url, { lookup: noDns }));
      expect(err.code).toBe("URL_SCHEME");
      expect(err.message).toMatch(/only fetches http:\/\/, https:\/\/ and webcal:\/\//);
      expect(err.message).toMatch(/upload/);
    },
  );

  it.each(["not a url", "calendar.example.org/cal.ics", "https://", "http://exa mple.org/"])("refuses %j as invalid", async (url) => {
    const err = await refusal(fetchCalendarUrl(url, { lookup: noDns }));
    expect(err.code).toBe("URL_INVALID");
    expect(err.message).toMatch(/not a valid URL/);
  });

  it("refuses user:password@ and keeps the password out of the error", async () => {
    const err = await refusal(fetchCalendarUrl("https://alice:hunter2@calendar.example.org/cal.ics", { lookup: noDns }));
    expect(err.code).toBe("URL_CREDENTIALS");
    expect(err.message).toMatch(/calendar\.example\.org/);
    expect(err.message).toMatch(/password/);
    expect(err.message).toMatch(/secret or public/);
    expect(err.message).not.toContain("hunter2");
    expect(err.url).toBe("https://calendar.example.org/cal.ics");
  });

  it("is a UrlFetchError with name, code and url", async () => {
    const err = await refusal(fetchCalendarUrl("http://10.1.2.3/cal.ics"));
    expect(err).toBeInstanceOf(UrlFetchError);
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("UrlFetchError");
    expect(err.url).toBe("http://10.1.2.3/cal.ics");
  });

  it("rejects a malformed allowedPrivateTargets entry (a programmer error)", async () => {
    await expect(fetchCalendarUrl("https://example.org/", { allowedPrivateTargets: ["localhost:80"] })).rejects.toThrow(TypeError);
  });
});

describe("fetchCalendarUrl: non-public addresses", () => {
  it("refuses the test server itself without the allow-list, before connecting", async () => {
    const s = await serve(calendarHandler);
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/127\.0\.0\.1 is this machine's own \(loopback\) address/);
    expect(err.message).toMatch(/public internet/);
    expect(s.requests).toEqual([]);
  });

  it("exempts only the listed port", async () => {
    const s = await serve(calendarHandler);
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [`127.0.0.1:${s.port === 1 ? 2 : s.port - 1}`] }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(s.requests).toEqual([]);
  });

  it.each([
    ["http://[::1]/", /::1 is this machine's own \(loopback\) address/],
    ["http://10.1.2.3/", /10\.1\.2\.3 is a private network address/],
    ["http://172.16.0.1/", /private network/],
    ["http://192.168.1.1/", /private network/],
    ["http://169.254.169.254/latest/meta-data/", /169\.254\.169\.254 is a link-local address \(used by cloud metadata services\)/],
    ["http://100.64.0.1/", /100\.64\.0\.1 is a carrier-grade NAT/],
    ["http://0.0.0.0/", /0\.0\.0\.0 is an unspecified address/],
    ["http://2130706433/", /127\.0\.0\.1 is this machine's own/],
    ["http://0x7f.1/", /127\.0\.0\.1 is this machine's own/],
    ["http://017700000001/", /127\.0\.0\.1 is this machine's own/],
    ["http://[::ffff:127.0.0.1]/", /127\.0\.0\.1 is this machine's own/],
    ["http://[::ffff:a9fe:a9fe]/", /169\.254\.169\.254 is a link-local/],
    ["http://[fc00::1]/", /private network/],
    ["http://[fe80::1]/", /link-local/],
    ["http://[::]/", /unspecified/],
    ["http://224.0.0.1/", /multicast/],
    ["http://255.255.255.255/", /broadcast/],
    ["http://192.0.2.10/", /reserved/],
    ["http://[64:ff9b::a00:1]/", /IPv6 tunnel or translation/],
    ["http://[2002:a00:1::]/", /IPv6 tunnel or translation/],
    ["https://[2001:0::1]/", /IPv6 tunnel or translation/],
  ])("refuses %s without DNS", async (url, message) => {
    const err = await refusal(fetchCalendarUrl(url, { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/only fetches calendars from the public internet\. Download the \.ics file and upload it instead\./);
  });

  it.each(["http://localhost/", "http://LOCALHOST./cal.ics", "https://calendar.localhost/"])("refuses %s outright", async (url) => {
    const dns = fakeDns({ localhost: ["8.8.8.8"], "calendar.localhost": ["8.8.8.8"] }); // even if DNS lied
    const err = await refusal(fetchCalendarUrl(url, { lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/localhost/);
    expect(dns.calls).toEqual([]);
  });

  it("refuses a hostname that resolves to 127.0.0.1", async () => {
    const dns = fakeDns({ "evil.example.test": ["127.0.0.1"] });
    const err = await refusal(fetchCalendarUrl("https://evil.example.test/cal.ics", { lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/^evil\.example\.test points to 127\.0\.0\.1, this machine's own \(loopback\) address; FormatFit only fetches calendars from the public internet\./);
  });

  it("refuses a hostname when any one of its addresses is private", async () => {
    const dns = fakeDns({ "mixed.example.test": ["93.184.216.34", "10.0.0.7"] });
    const err = await refusal(fetchCalendarUrl("https://mixed.example.test/cal.ics", { lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/mixed\.example\.test points to 10\.0\.0\.7, a private network address/);
  });

  it("refuses an IPv4-mapped IPv6 answer from DNS", async () => {
    const dns = fakeDns({ "mapped.example.test": ["::ffff:192.168.0.1"] });
    const err = await refusal(fetchCalendarUrl("https://mapped.example.test/", { lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/192\.168\.0\.1, a private network address/);
  });

  it("reports a name that does not resolve, or resolves to nothing", async () => {
    const dns = fakeDns({ "empty.example.test": [] });
    const missing = await refusal(fetchCalendarUrl("https://nxdomain.example.test/cal.ics", { lookup: dns.lookup }));
    expect(missing.code).toBe("URL_DNS");
    expect(missing.message).toMatch(/could not find the server nxdomain\.example\.test.*typos/);
    const empty = await refusal(fetchCalendarUrl("https://empty.example.test/cal.ics", { lookup: dns.lookup }));
    expect(empty.code).toBe("URL_DNS");
  });
});

describe("fetchCalendarUrl: webcal", () => {
  it.each(["webcal://10.0.0.5/cal.ics", "WEBCAL://10.0.0.5/cal.ics", "webcals://10.0.0.5/cal.ics"])("maps %s to https before checking", async (url) => {
    const err = await refusal(fetchCalendarUrl(url, { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.url).toBe("https://10.0.0.5/cal.ics");
    expect(err.message).toMatch(/10\.0\.0\.5 is a private network address/);
  });

  it("normalises a numeric webcal host like an https one (webcal://2130706433/)", async () => {
    const err = await refusal(fetchCalendarUrl("webcal://2130706433/cal.ics", { lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.url).toBe("https://127.0.0.1/cal.ics");
  });

  it("speaks TLS to a webcal address (a plain-http server fails the handshake)", async () => {
    const s = await serve(calendarHandler);
    const err = await refusal(fetchCalendarUrl(`webcal://127.0.0.1:${s.port}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_NETWORK");
    expect(err.url).toBe(`https://127.0.0.1:${s.port}/cal.ics`);
    expect(err.message).toMatch(/secure \(HTTPS\) connection to 127\.0\.0\.1/);
  });
});

describe("fetchCalendarUrl: redirects are re-checked on every hop", () => {
  it("refuses a redirect to http://10.0.0.1/", async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: "http://10.0.0.1/cal.ics" }).end());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target], lookup: noDns }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toBe(
      "The calendar server redirected to 10.0.0.1, a private network address; FormatFit only fetches calendars from the public internet. Download the .ics file and upload it instead.",
    );
    expect(err.url).toBe("http://10.0.0.1/cal.ics");
  });

  it("refuses a redirect to another local port that is not allow-listed", async () => {
    const other = await serve(calendarHandler);
    const s = await serve((_req, res) => res.writeHead(307, { location: `http://127.0.0.1:${other.port}/cal.ics` }).end());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/loopback/);
    expect(other.requests).toEqual([]);
  });

  it("refuses a redirect to a hostname that resolves privately (DNS is checked per hop)", async () => {
    const dns = fakeDns({ "internal.example.test": ["192.168.10.10"] });
    const s = await serve((_req, res) => res.writeHead(301, { location: "https://internal.example.test/admin" }).end());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target], lookup: dns.lookup }));
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/redirected to internal\.example\.test, which points to 192\.168\.10\.10, a private network address/);
    expect(dns.calls).toEqual(["internal.example.test"]);
  });

  it("refuses a redirect to file:, and to a URL with credentials", async () => {
    const s = await serve((req, res) =>
      res.writeHead(302, { location: req.url === "/a" ? "file:///etc/passwd" : "http://u:p@example.org/" }).end(),
    );
    const toFile = await refusal(fetchCalendarUrl(`${s.origin}/a`, { allowedPrivateTargets: [s.target] }));
    expect(toFile.code).toBe("URL_SCHEME");
    expect(toFile.message).toMatch(/redirected to a file: address/);
    const toCreds = await refusal(fetchCalendarUrl(`${s.origin}/b`, { allowedPrivateTargets: [s.target] }));
    expect(toCreds.code).toBe("URL_CREDENTIALS");
  });

  it("stops a redirect chain longer than maxRedirects", async () => {
    const s = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/0`, { allowedPrivateTargets: [s.target], maxRedirects: 3 }));
    expect(err.code).toBe("URL_REDIRECTS");
    expect(err.message).toMatch(/127\.0\.0\.1 redirected more than 3 times/);
    expect(s.requests.map((r) => r.path)).toEqual(["/0", "/1", "/2", "/3"]);
  });

  it("stops an endless redirect loop at the default of 5", async () => {
    const s = await serve((_req, res) => res.writeHead(302, { location: "/loop" }).end());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/loop`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_REDIRECTS");
    expect(s.requests).toHaveLength(6);
  });
});

describe("fetchCalendarUrl: HTTP status", () => {
  it.each([
    [404, /HTTP 404: there is no calendar at that address/],
    [410, /HTTP 410: there is no calendar at that address/],
    [401, /HTTP 401: the calendar is private\. Use its secret or public address/],
    [403, /HTTP 403: the calendar is private/],
    [500, /HTTP 500: the calendar server had a problem/],
    [418, /HTTP 418 instead of sending the calendar/],
    [300, /HTTP 300 instead of sending the calendar/],
  ])("reports %i", async (status, message) => {
    const s = await serve((_req, res) => res.writeHead(status).end("nope"));
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_HTTP_STATUS");
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/^127\.0\.0\.1 answered/);
  });

  it("reports a redirect without a Location", async () => {
    const s = await serve((_req, res) => res.writeHead(302).end());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_HTTP_STATUS");
    expect(err.message).toMatch(/redirect \(HTTP 302\) but did not say where/);
  });
});

describe("fetchCalendarUrl: size limits", () => {
  it("refuses a Content-Length over the limit before reading the body", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar", "content-length": "50000000" });
      res.write("BEGIN:VCALENDAR\r\n"); // and then nothing: only the header check can end this quickly
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/big.ics`, { allowedPrivateTargets: [s.target], timeoutMs: 10_000 }));
    expect(err.code).toBe("URL_TOO_LARGE");
    expect(err.message).toMatch(/The calendar at 127\.0\.0\.1 is larger than the 10 MB limit/);
  });

  it("aborts a chunked body that never ends once it passes maxBytes", async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar" }); // no Content-Length: chunked
      const chunk = Buffer.alloc(16 * 1024, "A");
      res.on("close", serverSawClose);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) {
          /* keep writing until the socket pushes back */
        }
        if (!res.destroyed) res.once("drain", pump);
      };
      pump();
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/forever.ics`, { allowedPrivateTargets: [s.target], maxBytes: 2 * 1024 * 1024 }));
    expect(err.code).toBe("URL_TOO_LARGE");
    expect(err.message).toMatch(/2 MB limit/);
    await closed; // the connection was dropped, not left streaming
  });

  it("refuses a gzip bomb by its decompressed size", async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MiB of zeros
    expect(bomb.length).toBeLessThan(200 * 1024);
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar", "content-encoding": "gzip", "content-length": String(bomb.length) });
      res.end(bomb);
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/bomb.ics`, { allowedPrivateTargets: [s.target], maxBytes: 1024 * 1024 }));
    expect(err.code).toBe("URL_TOO_LARGE");
    expect(err.message).toMatch(/1 MB limit/);
  });

  it("accepts a body of exactly maxBytes", async () => {
    const s = await serve(calendarHandler);
    const got = await fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target], maxBytes: CALENDAR_BYTES.length });
    expect(got.bytes.length).toBe(CALENDAR_BYTES.length);
  });
});

describe("fetchCalendarUrl: time and network failures", () => {
  it("times out on a server that never answers", async () => {
    const s = await serve(() => {
      /* accept the request, never respond */
    });
    const started = Date.now();
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target], timeoutMs: 200 }));
    expect(err.code).toBe("URL_TIMEOUT");
    expect(err.message).toMatch(/^127\.0\.0\.1 did not send the calendar within 0\.2 seconds\. Try again later/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("times out on a body that stalls halfway", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar" });
      res.write("BEGIN:VCALENDAR\r\n");
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target], timeoutMs: 300 }));
    expect(err.code).toBe("URL_TIMEOUT");
    expect(err.message).toMatch(/0\.3 seconds/);
  });

  it("times out on a DNS lookup that hangs, naming the host", async () => {
    const err = await refusal(
      fetchCalendarUrl("https://slow-dns.example.test/cal.ics", { lookup: () => new Promise(() => {}), timeoutMs: 150 }),
    );
    expect(err.code).toBe("URL_TIMEOUT");
    expect(err.message).toMatch(/^slow-dns\.example\.test did not send the calendar within 0\.15 seconds/);
  });

  it("counts the deadline across redirects, not per hop", async () => {
    const s = await serve((req, res) => {
      // each hop is quick-ish, but together they exceed the deadline
      setTimeout(() => res.writeHead(302, { location: `/${Number(req.url?.slice(1)) + 1}` }).end(), 120);
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/0`, { allowedPrivateTargets: [s.target], timeoutMs: 400, maxRedirects: 20 }));
    expect(err.code).toBe("URL_TIMEOUT");
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const err = await refusal(fetchCalendarUrl(`http://127.0.0.1:${port}/cal.ics`, { allowedPrivateTargets: [`127.0.0.1:${port}`] }));
    expect(err.code).toBe("URL_NETWORK");
    expect(err.message).toBe(`127.0.0.1 (port ${port}) refused the connection; the calendar server may be down. Check the address, or try again later.`);
  });

  it("reports a connection dropped before the response", async () => {
    const s = await serve((req) => req.socket.destroy());
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_NETWORK");
    expect(err.message).toMatch(/connection to 127\.0\.0\.1 was cut off/);
  });

  it("reports a corrupt gzip body", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip" });
      res.end(Buffer.from("this is not gzip at all"));
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_NETWORK");
    expect(err.message).toMatch(/could not be decompressed/);
  });

  it("reports an encoding it cannot read", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-encoding": "zstd" });
      res.end("x");
    });
    const err = await refusal(fetchCalendarUrl(`${s.origin}/cal.ics`, { allowedPrivateTargets: [s.target] }));
    expect(err.code).toBe("URL_NETWORK");
    expect(err.message).toMatch(/encoding FormatFit cannot read \(zstd\)/);
  });
});
