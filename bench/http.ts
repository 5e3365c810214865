/**
 * What the HTTP benchmarks share: a multipart body as the check page posts it, a free loopback
 * port, the built server started as `next start` (and stopped), and percentiles.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** A multipart/form-data body: each file as a `calendar` part, then the fields. */
export function multipart(files: { name: string; body: string | Buffer | Uint8Array }[], fields: [string, string][]): { body: Buffer; type: string } {
  const boundary = `----formatfit-bench-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="calendar"; filename="${f.name}"\r\nContent-Type: text/calendar\r\n\r\n`));
    parts.push(typeof f.body === "string" ? Buffer.from(f.body) : Buffer.from(f.body));
    parts.push(Buffer.from("\r\n"));
  }
  for (const [k, v] of fields) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** A port nothing listens on, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => (typeof a === "object" && a ? res(a.port) : rej(new Error("no port"))));
    });
  });
}

/** Whether `npm run build` has produced a production build. */
export function hasBuild(): boolean {
  return existsSync(join(root, ".next", "BUILD_ID"));
}

export interface NextServer {
  readonly base: string;
  readonly child: ChildProcess;
  stop(): void;
}

/** Starts `next start` on a free port with `env` added, and waits until `GET /` answers. */
export async function startNext(env: Record<string, string> = {}): Promise<NextServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${base}/`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error("next start did not answer within 60 s");
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { base, child, stop };
}

/** The `p`th percentile (0–100) of `xs`, nearest rank. */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** The median of `xs`. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/** Resident memory of a process and its descendants, in MB (Linux /proc). */
export function treeRssMb(pid: number): number {
  const kids = (p: number): number[] => {
    try {
      const tasks = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      return tasks === "" ? [] : tasks.split(/\s+/).map(Number);
    } catch {
      return [];
    }
  };
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      total += m ? Number(m[1]) : 0;
    } catch {
      // gone
    }
    stack.push(...kids(p));
  }
  return total / 1024;
}
