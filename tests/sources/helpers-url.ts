/**
 * Real HTTP servers on 127.0.0.1 (port 0) for the calendar-URL fetch tests: the fetcher is tested
 * against sockets, status lines and bodies, never against a mock of itself.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { UrlFetchError } from "@/lib/sources/url";

export interface TestServer {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1:<port>`, for `allowedPrivateTargets`. */
  readonly target: string;
  /** Every request seen: path and Host header. */
  readonly requests: { path: string; host: string | undefined; acceptEncoding: string | undefined }[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

export async function startServer(handler: Handler, options: { tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const server: Server = options.tls ? createHttpsServer(options.tls) : createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const testServer: TestServer = {
    port,
    origin: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    testServer.requests.push({ path: req.url ?? "", host: req.headers.host, acceptEncoding: req.headers["accept-encoding"] });
    handler(req, res, testServer);
  });
  return testServer;
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Awaits a promise that must reject with a UrlFetchError, and returns that error. */
export async function refusal(promise: Promise<unknown>): Promise<UrlFetchError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof UrlFetchError) return e;
    throw e;
  }
  throw new Error("expected a UrlFetchError, but the fetch succeeded");
}

/** A DNS lookup that fails the test if called: for URLs whose checks must not need DNS. */
export async function noDns(hostname: string): Promise<{ address: string; family: 4 | 6 }[]> {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
}

/** A DNS lookup answering from a fixed table, counting calls per name. */
export function fakeDns(table: Record<string, string[]>): {
  lookup: (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    lookup: async (hostname) => {
      calls.push(hostname);
      const addresses = table[hostname];
      if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
      return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    },
  };
}
