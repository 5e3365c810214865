/**
 * Calendar URLs through POST /api/check: the SSRF boundary (lib/sources/url.ts) as the route
 * applies it, against real HTTP(S) servers on 127.0.0.1. Those servers are reachable only while
 * FORMATFIT_ALLOW_PRIVATE_TARGETS names their exact address:port, set inside the test that needs
 * it and restored after; every other private, loopback, link-local or CGNAT address is refused
 * (422 CALENDAR_URL_REFUSED) before a socket is opened, and a far server's failure is a 502.
 */
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/check/route";
import { POST as INSPECT } from "@/app/api/calendars/route";
import { fetchCalendarUrl, UrlFetchError } from "@/lib/sources/url";
import { answer, closedPort, closeServers, expectError, fixture, LEARNER, postForm, serve, serveTls, withEnv, type TestServer } from "./helpers";

const ALLOW = "FORMATFIT_ALLOW_PRIVATE_TARGETS";
const CALENDAR = new TextDecoder().decode(fixture(LEARNER));

afterEach(closeServers);

/** A check of PM-101-H1 against one URL, with these address:port pairs allowed (none by default). */
async function checkUrl(url: string, allowed: readonly TestServer[] = []): Promise<Response> {
  return withEnv({ [ALLOW]: allowed.length > 0 ? allowed.map((s) => s.target).join(",") : undefined }, () => POST(postForm("/api/check", [["url", url], ["section", "PM-101-H1"]])));
}

async function refused(url: string): Promise<{ message: string; where?: string; detail?: Record<string, string | number> }> {
  return expectError(await checkUrl(url), 422, "CALENDAR_URL_REFUSED");
}

describe("addresses that are not on the public internet are refused (422), saying why", () => {
  it("the loopback address of a live server, not allowed: no request reaches it", async () => {
    const s = await serve(answer(200, CALENDAR));
    const err = await refused(`${s.origin}/x.ics`);
    expect(err.where).toBe("url");
    expect(err.detail).toEqual({ reason: "URL_PRIVATE_ADDRESS" });
    expect(err.message).toBe("127.0.0.1 is this machine's own (loopback) address; FormatFit only fetches calendars from the public internet. Download the .ics file and upload it instead.");
    expect(s.requests).toEqual([]);
  });

  it("the same server allowed by FORMATFIT_ALLOW_PRIVATE_TARGETS is fetched (the control for the case above)", async () => {
    const s = await serve(answer(200, CALENDAR));
    const r = await checkUrl(`${s.origin}/x.ics`, [s]);
    expect(r.status).toBe(200);
    expect(s.requests.map((q) => q.path)).toEqual(["/x.ics"]);
    // The variable is restored after the test that set it.
    expect(process.env[ALLOW]).toBeUndefined();
  });

  it("IPv6 loopback [::1]", async () => {
    const s = await serve(answer(200, CALENDAR));
    const err = await refused(`http://[::1]:${s.port}/`);
    expect(err.message).toMatch(/^::1 is this machine's own \(loopback\) address/);
  });

  it("IPv4-mapped IPv6 loopback [::ffff:127.0.0.1] is judged as 127.0.0.1", async () => {
    const err = await refused("http://[::ffff:127.0.0.1]/cal.ics");
    expect(err.message).toMatch(/^127\.0\.0\.1 is this machine's own \(loopback\) address/);
  });

  it.each([
    ["http://10.0.0.1/", "10.0.0.1 is a private network address"],
    ["http://192.168.1.20/cal.ics", "192.168.1.20 is a private network address"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address (used by cloud metadata services)"],
    ["http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT (shared) address"],
    ["http://0.0.0.0/", "0.0.0.0 is an unspecified address"],
    ["http://[fd00::1]/", "fd00::1 is a private network address"],
  ])("%s", async (url, why) => {
    const err = await refused(url);
    expect(err.message).toBe(`${why}; FormatFit only fetches calendars from the public internet. Download the .ics file and upload it instead.`);
  });

  it("localhost is refused by name, without asking DNS what it is", async () => {
    const s = await serve(answer(200, CALENDAR));
    const err = await refused(`http://localhost:${s.port}/cal.ics`);
    expect(err.message).toMatch(/^localhost is this machine; FormatFit only fetches calendars from the public internet/);
    expect(s.requests).toEqual([]);
  });

  it("localhost is refused even when its loopback address:port is allowed (only exact addresses are exempt)", async () => {
    const s = await serve(answer(200, CALENDAR));
    const err = await expectError(await checkUrl(`http://localhost:${s.port}/cal.ics`, [s]), 422, "CALENDAR_URL_REFUSED");
    expect(err.message).toMatch(/^localhost is this machine/);
    expect(s.requests).toEqual([]);
  });

  it.each([
    ["file:///etc/passwd", "file:"],
    ["ftp://ftp.example.com/cal.ics", "ftp:"],
    ["gopher://example.com/", "gopher:"],
  ])("%s: scheme refused", async (url, scheme) => {
    const err = await refused(url);
    expect(err.detail).toEqual({ reason: "URL_SCHEME" });
    expect(err.message).toBe(`FormatFit only fetches http://, https:// and webcal:// calendar addresses, not ${scheme}. Download the .ics file and upload it instead.`);
  });

  it("credentials in the URL are refused, and the password is never echoed", async () => {
    const r = await checkUrl("http://alice:hunter2-secret@calendar.example.com/cal.ics");
    const text = await r.clone().text();
    const err = await expectError(r, 422, "CALENDAR_URL_REFUSED");
    expect(err.detail).toEqual({ reason: "URL_CREDENTIALS" });
    expect(err.message).toMatch(/^The address for calendar\.example\.com contains a user name or password/);
    expect(err.message).toMatch(/secret or public subscription address/);
    expect(text).not.toContain("hunter2-secret");
    expect(text).not.toContain("alice");
  });

  it("text that is not a URL is refused with a hint", async () => {
    const err = await refused("calendar.example.com/cal.ics");
    expect(err.detail).toEqual({ reason: "URL_INVALID" });
    expect(err.message).toMatch(/not a valid URL\. It should start with https:\/\/ or webcal:\/\//);
  });
});

describe("a hostname that resolves to a private address (lib/sources/url.ts with an injected lookup)", () => {
  const refusal = async (p: Promise<unknown>): Promise<UrlFetchError> => {
    try {
      await p;
    } catch (e) {
      if (e instanceof UrlFetchError) return e;
      throw e;
    }
    throw new Error("expected a refusal, but the fetch succeeded");
  };

  it("calendar.example.test → 127.0.0.1 is refused, naming the name and the address, and nothing connects", async () => {
    const s = await serve(answer(200, CALENDAR));
    const looked: string[] = [];
    const err = await refusal(
      fetchCalendarUrl(`http://calendar.example.test:${s.port}/cal.ics`, {
        lookup: async (host) => {
          looked.push(host);
          return [{ address: "127.0.0.1", family: 4 }];
        },
      }),
    );
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/^calendar\.example\.test points to 127\.0\.0\.1, this machine's own \(loopback\) address/);
    expect(looked).toEqual(["calendar.example.test"]);
    expect(s.requests).toEqual([]);
  });

  it("a name with a public and a private address is refused (any private address is enough)", async () => {
    const err = await refusal(
      fetchCalendarUrl("https://mixed.example.test/cal.ics", {
        lookup: async () => [
          { address: "93.184.216.34", family: 4 },
          { address: "10.1.2.3", family: 4 },
        ],
      }),
    );
    expect(err.code).toBe("URL_PRIVATE_ADDRESS");
    expect(err.message).toMatch(/mixed\.example\.test points to 10\.1\.2\.3, a private network address/);
  });

  it("a name that resolves to the allowed test server is fetched through the checked address, with the name as Host", async () => {
    const s = await serve(answer(200, CALENDAR));
    const got = await fetchCalendarUrl(`http://calendar.example.test:${s.port}/cal.ics`, {
      lookup: async () => [{ address: "127.0.0.1", family: 4 }],
      allowedPrivateTargets: [s.target],
    });
    expect(new TextDecoder().decode(got.bytes)).toBe(CALENDAR);
    expect(s.requests).toEqual([{ path: "/cal.ics", host: `calendar.example.test:${s.port}`, acceptEncoding: "gzip, deflate, br" }]);
  });
});

describe("redirects are checked hop by hop", () => {
  it("an allowed server redirecting to another loopback port that is not allowed: refused, and the second server sees nothing", async () => {
    const other = await serve(answer(200, CALENDAR));
    const first = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/` }).end());
    const err = await expectError(await checkUrl(`${first.origin}/cal.ics`, [first]), 422, "CALENDAR_URL_REFUSED");
    expect(err.message).toMatch(/^The calendar server redirected to 127\.0\.0\.1, this machine's own \(loopback\) address; FormatFit only fetches calendars from the public internet/);
    expect(first.requests).toHaveLength(1);
    expect(other.requests).toEqual([]);
  });

  it("the same redirect is followed when both servers are allowed (the control)", async () => {
    const other = await serve(answer(200, CALENDAR));
    const first = await serve((_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${other.port}/real.ics` }).end());
    const r = await checkUrl(`${first.origin}/cal.ics`, [first, other]);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { sources: { name: string; origin: string; eventCount: number }[] };
    // The source is named by where the calendar came from, after the redirect.
    expect(body.sources).toEqual([expect.objectContaining({ name: `127.0.0.1:${other.port}/real.ics`, origin: "url", eventCount: 6 })]);
    expect(other.requests.map((q) => q.path)).toEqual(["/real.ics"]);
  });

  it("an allowed server redirecting to http://10.0.0.1/ is refused", async () => {
    const first = await serve((_req, res) => res.writeHead(301, { location: "http://10.0.0.1/cal.ics" }).end());
    const err = await expectError(await checkUrl(`${first.origin}/cal.ics`, [first]), 422, "CALENDAR_URL_REFUSED");
    expect(err.message).toMatch(/^The calendar server redirected to 10\.0\.0\.1, a private network address/);
  });

  it("a redirect to file:/// is refused as a scheme", async () => {
    const first = await serve((_req, res) => res.writeHead(307, { location: "file:///etc/passwd" }).end());
    const err = await expectError(await checkUrl(`${first.origin}/cal.ics`, [first]), 422, "CALENDAR_URL_REFUSED");
    expect(err.message).toMatch(/^The calendar server redirected to a file: address/);
  });

  it("more than 5 redirects is the server's failure (502), naming the limit", async () => {
    const loop = await serve((req, res) => res.writeHead(302, { location: `${req.url ?? "/"}x` }).end());
    const err = await expectError(await checkUrl(`${loop.origin}/r`, [loop]), 502, "CALENDAR_URL_FAILED");
    expect(err.message).toMatch(/redirected more than 5 times/);
    expect(loop.requests).toHaveLength(6);
  });
});

describe("webcal://", () => {
  it("is fetched over HTTPS from the allowed server and checked (200)", async () => {
    const s = await serveTls(answer(200, CALENDAR));
    // The test server's certificate is self-signed: verification is off for this test only.
    const r = await withEnv({ NODE_TLS_REJECT_UNAUTHORIZED: "0" }, () => checkUrl(`webcal://127.0.0.1:${s.port}/basic.ics`, [s]));
    const text = await r.text();
    expect({ status: r.status, text: text.slice(0, 200) }).toMatchObject({ status: 200 });
    const body = JSON.parse(text) as { sections: { sectionId: string; live: { conflicts: unknown[] } }[]; sources: { name: string; origin: string; eventCount: number }[] };
    expect(body.sources).toEqual([expect.objectContaining({ name: `127.0.0.1:${s.port}/basic.ics`, origin: "url", eventCount: 6 })]);
    // The same verdict as the uploaded file: H1's one clash on 10 Mar.
    expect(body.sections[0]?.live.conflicts).toHaveLength(1);
    expect(s.requests.map((q) => q.path)).toEqual(["/basic.ics"]);
  });

  it("is HTTPS, not HTTP: against a plain-http server it fails the TLS handshake (502)", async () => {
    const s = await serve(answer(200, CALENDAR));
    const err = await expectError(await checkUrl(`webcal://127.0.0.1:${s.port}/basic.ics`, [s]), 502, "CALENDAR_URL_FAILED");
    expect(err.message).toMatch(/secure \(HTTPS\) connection to 127\.0\.0\.1/);
  });

  it("is refused like https for a private address", async () => {
    const err = await refused("webcal://10.0.0.1/basic.ics");
    expect(err.message).toMatch(/^10\.0\.0\.1 is a private network address/);
  });
});

describe("the calendar's server failing (502 CALENDAR_URL_FAILED) or sending something else (422)", () => {
  it("404 says there is no calendar at that address", async () => {
    const s = await serve(answer(404, "not found", "text/plain"));
    const err = await expectError(await checkUrl(`${s.origin}/gone.ics`, [s]), 502, "CALENDAR_URL_FAILED");
    expect(err.detail).toEqual({ reason: "URL_HTTP_STATUS" });
    expect(err.message).toBe("127.0.0.1 answered HTTP 404: there is no calendar at that address. Copy the subscription link again from your calendar app.");
  });

  it("500 says the server had a problem", async () => {
    const s = await serve(answer(500, "oops", "text/plain"));
    const err = await expectError(await checkUrl(`${s.origin}/cal.ics`, [s]), 502, "CALENDAR_URL_FAILED");
    expect(err.message).toMatch(/^127\.0\.0\.1 answered HTTP 500: the calendar server had a problem/);
  });

  it("a refused connection (nothing listening on an allowed port)", async () => {
    const port = await closedPort();
    const err = await withEnv({ [ALLOW]: `127.0.0.1:${port}` }, async () => expectError(await POST(postForm("/api/check", [["url", `http://127.0.0.1:${port}/cal.ics`]])), 502, "CALENDAR_URL_FAILED"));
    expect(err.message).toMatch(/refused the connection/);
  });

  it("an HTML page (a sign-in page) is not a calendar: 422 CALENDAR_INVALID naming the source", async () => {
    const s = await serve(answer(200, "<!doctype html><html><body>Please sign in</body></html>", "text/html"));
    const err = await expectError(await checkUrl(`${s.origin}/cal.ics`, [s]), 422, "CALENDAR_INVALID");
    expect(err.where).toBe(`127.0.0.1:${s.port}/cal.ics`);
    expect(err.message).toMatch(/This is a web page \(HTML\), not a calendar/);
  });

  it("a calendar over 10 MB is FILE_TOO_LARGE (413) with the limit", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "text/calendar" });
      const chunk = Buffer.alloc(1024 * 1024, 0x41);
      for (let i = 0; i < 11; i++) res.write(chunk);
      res.end();
    });
    const err = await expectError(await checkUrl(`${s.origin}/big.ics`, [s]), 413, "FILE_TOO_LARGE");
    expect(err.detail).toEqual({ limitBytes: 10 * 1024 * 1024 });
    expect(err.message).toMatch(/larger than the 10 MB limit/);
  });
});

describe("POST /api/calendars applies the same URL rules", () => {
  it("refuses 169.254.169.254 with 422", async () => {
    const err = await expectError(await INSPECT(postForm("/api/calendars", [["url", "http://169.254.169.254/latest/meta-data/"]])), 422, "CALENDAR_URL_REFUSED");
    expect(err.message).toMatch(/link-local/);
  });
});
