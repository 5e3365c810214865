/**
 * Checks in worker threads, on the worker file `next build` builds (scripts/build-check-worker.cjs)
 * and on the TypeScript source through tsx (development): the answer is the one runCheck gives in
 * this thread, whole; the check's own errors come back as the same AppErrors; the calendar of
 * issue 13 (160 events repeating every minute) is stopped at the deadline while other checks are
 * answered meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "@/lib/catalog";
import { checkResponse, inspectCalendars, runCheck, studyPlanIcs } from "@/lib/check/run";
import { AppError } from "@/lib/errors";
import { preferencesFrom } from "@/lib/fit/preferences";
import { checkWorkerEntry, createCheckPool, inspectIsolated, isolatedAppError, runCheckIsolated, type CheckPool } from "@/lib/server/isolation/check";
import { IsolationError } from "@/lib/server/isolation/pool";
import { ConfigError } from "@/lib/server/config";
import { retryAfterHeaders } from "@/lib/server/limits/errors";
import { buildWorkerForTest, fixtureSource, minutelyCalendar, repoRoot } from "./helpers";
import { rejectionOf } from "../helpers/rejection";

const catalog = loadCatalog({ env: {} });
const preferences = preferencesFrom({ timeZone: "America/Chicago" });
const calendar = fixtureSource("google-chicago-weekly-many-exdates.ics");
const NOW = Date.parse("2027-01-04T15:00:00Z");

const appError = (promise: Promise<unknown>) => rejectionOf(promise, AppError);

describe.each([
  ["the built worker file", "bundle"],
  ["the TypeScript source through tsx", "source"],
] as const)("runCheckIsolated on %s", (_label, kind) => {
  let pool: CheckPool;
  beforeAll(() => {
    const entry = kind === "bundle" ? checkWorkerEntry({ production: true, workerFile: buildWorkerForTest() }) : checkWorkerEntry({ production: false, workerFile: undefined }, repoRoot);
    expect(entry.kind).toBe(kind);
    pool = createCheckPool({ workers: 2, queue: 4, queueWaitMs: 20_000, deadlineMs: 20_000, maxHeapMb: 256 }, entry);
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("answers exactly what runCheck answers in this thread, details included", async () => {
    const request = { catalog, sources: [calendar], preferences, courseIds: ["PM-101"] };
    const answer = await runCheckIsolated({ ...request, output: "json", details: true, now: NOW }, { pool });
    expect(answer.kind).toBe("json");
    const here = checkResponse(runCheck(request), preferences, { details: true });
    expect(answer).toEqual({ kind: "json", body: here });
  });

  it("answers the study plan as .ics with its file name", async () => {
    const request = { catalog, sources: [calendar], preferences, sectionIds: ["PM-101-A1"] };
    const answer = await runCheckIsolated({ ...request, output: "study-plan", planSection: "PM-101-A1", now: NOW }, { pool });
    expect(answer).toEqual({ kind: "ics", filename: "study-plan-PM-101-A1.ics", text: studyPlanIcs(runCheck(request).result, { now: NOW, sectionId: "PM-101-A1" }) });
  });

  it("lists what each calendar holds (POST /api/calendars)", async () => {
    expect(await inspectIsolated([calendar], { pool })).toEqual(inspectCalendars([calendar]));
  });

  it("gives back the check's own AppErrors: unknown section, a file that is not iCalendar, no calendar", async () => {
    const unknown = await appError(runCheckIsolated({ catalog, sources: [calendar], preferences, sectionIds: ["NOPE-1"], output: "json", now: NOW }, { pool }));
    expect(unknown.code).toBe("UNKNOWN_SECTION");
    expect(unknown.where).toBe("sections");
    expect(unknown.detail).toEqual({ sectionId: "NOPE-1" });

    const notIcs = { name: "notes.txt", origin: "upload" as const, bytes: new TextEncoder().encode("hello\r\nworld\r\n") };
    const invalid = await appError(runCheckIsolated({ catalog, sources: [notIcs], preferences, output: "json", now: NOW }, { pool }));
    expect(invalid.code).toBe("CALENDAR_INVALID");
    expect(invalid.where).toBe("notes.txt");
    expect(invalid.message).toMatch(/^notes\.txt/);
    expect(invalid.status).toBe(422);

    const none = await appError(runCheckIsolated({ catalog, sources: [], preferences, output: "json", now: NOW }, { pool }));
    expect(none.code).toBe("NO_CALENDAR");
  });
});

describe("the calendar of issue 13 (160 events of FREQ=MINUTELY, 27 KB)", () => {
  let pool: CheckPool;
  beforeAll(() => {
    pool = createCheckPool({ workers: 2, queue: 4, queueWaitMs: 20_000, deadlineMs: 4_000, maxHeapMb: 256 }, checkWorkerEntry({ production: true, workerFile: buildWorkerForTest() }));
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("is answered within its deadline or stopped at it with an error naming the limit; a normal check is answered meanwhile; the pool carries on", async () => {
    const check = () => runCheckIsolated({ catalog, sources: [calendar], preferences, courseIds: ["PM-101"], output: "json", now: NOW }, { pool });
    await Promise.all([check(), check()]); // both workers started and warm
    const hostile = { name: "minutely.ics", origin: "upload" as const, bytes: minutelyCalendar(160) };
    const started = Date.now();
    const slow = runCheckIsolated({ catalog, sources: [hostile], preferences, output: "json", now: NOW }, { pool }).then(
      (answer) => ({ answer, ms: Date.now() - started }),
      (error: unknown) => ({ error, ms: Date.now() - started }),
    );
    await new Promise((r) => setTimeout(r, 100)); // the hostile check has a worker
    const normal = await check();
    expect(normal.kind).toBe("json");
    expect(Date.now() - started).toBeLessThan(4_000); // not held behind the hostile one

    // The engine's own budgets may answer it (with warnings) before the deadline; otherwise the pool stops it.
    const outcome = await slow;
    expect(outcome.ms).toBeLessThan(4_000 + 2_000);
    if ("error" in outcome) {
      expect(outcome.error).toBeInstanceOf(AppError);
      const err = outcome.error as AppError;
      expect(err.detail?.reason).toMatch(/^CHECK_TOO_(SLOW|LARGE)$/);
      expect(err.status).toBe(422);
      if (err.detail?.reason === "CHECK_TOO_SLOW") {
        expect(err.message).toMatch(/^This check took longer than 4 seconds, the most one check may take, and was stopped\./);
        expect(err.detail).toEqual({ reason: "CHECK_TOO_SLOW", limitMs: 4000 });
      }
    } else {
      expect(outcome.answer.kind).toBe("json");
    }

    expect((await check()).kind).toBe("json");
  });

  it("past a deadline of its own (100 ms) it is stopped with CHECK_TOO_SLOW, naming the limit", async () => {
    // Two such files take a warm worker about 0.4 s before the engine's budget stops them.
    const hostile = [1, 2].map((n) => ({ name: `minutely-${n}.ics`, origin: "upload" as const, bytes: minutelyCalendar(160) }));
    const started = Date.now();
    const err = await appError(runCheckIsolated({ catalog, sources: hostile, preferences, output: "json", now: NOW }, { pool, deadlineMs: 100 }));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(err.detail).toEqual({ reason: "CHECK_TOO_SLOW", limitMs: 100 });
    expect(err.message).toBe(
      "This check took longer than 0.1 seconds, the most one check may take, and was stopped. A calendar probably holds events that repeat very often (every minute or hour) or for a very long time: export only this term, or leave that calendar out.",
    );
    expect(err.status).toBe(422);
  });

  it("within the engine's budget it is answered, with the budget named first among the warnings", async () => {
    const hostile = { name: "minutely.ics", origin: "upload" as const, bytes: minutelyCalendar(160) };
    const answer = await runCheckIsolated({ catalog, sources: [hostile], preferences, courseIds: ["PM-101"], output: "json", now: NOW }, { pool });
    expect(answer.kind).toBe("json");
    const body = answer.kind === "json" ? answer.body : undefined;
    expect(body?.warnings[0]?.code).toBe("EXPANSION_BUDGET");
    expect(body?.warnings[0]?.message).toMatch(/^The calendar minutely\.ics needs more than the expansion budget of 250,000 occurrences per calendar: /);
  });

  it("ten of them at once: two run, two wait, six are refused at once with BUSY and Retry-After, and a normal check gets through after", async () => {
    const small = createCheckPool({ workers: 2, queue: 2, queueWaitMs: 20_000, deadlineMs: 5_000, maxHeapMb: 256 }, checkWorkerEntry({ production: true, workerFile: buildWorkerForTest() }));
    try {
      const hostile = { name: "minutely.ics", origin: "upload" as const, bytes: minutelyCalendar(160) };
      // All ten reach the pool in one tick (runCheckIsolated calls pool.run before its first await).
      const results = await Promise.all(
        Array.from({ length: 10 }, () => runCheckIsolated({ catalog, sources: [hostile], preferences, output: "json", now: NOW }, { pool: small, deadlineMs: 800 }).then((answer) => answer, (e: unknown) => e)),
      );
      const errors = results.filter((r): r is AppError => r instanceof AppError);
      expect(errors.filter((e) => e.detail?.reason === "BUSY")).toHaveLength(6); // 2 running + 2 queued; the rest refused at once
      for (const other of results.filter((r) => !(r instanceof AppError) || r.detail?.reason !== "BUSY")) {
        // Answered within the deadline by the engine's budgets, or stopped by the pool.
        if (other instanceof AppError) expect(other.detail?.reason).toMatch(/^CHECK_TOO_(SLOW|LARGE)$/);
        else expect(other).toMatchObject({ kind: "json" });
      }
      for (const busy of errors.filter((e) => e.detail?.reason === "BUSY")) {
        expect(busy.status).toBe(503);
        expect(Number(retryAfterHeaders(busy)["retry-after"])).toBeGreaterThanOrEqual(1);
        expect(Number(retryAfterHeaders(busy)["retry-after"])).toBeLessThanOrEqual(15); // two rounds of the pool's 5 s deadline
      }
      expect(small.stats().started).toBeLessThanOrEqual(6);
      expect((await runCheckIsolated({ catalog, sources: [calendar], preferences, courseIds: ["PM-101"], output: "json", now: NOW }, { pool: small })).kind).toBe("json");
    } finally {
      await small.close();
    }
  });
});

describe("isolatedAppError", () => {
  it("names each limit, with the proposed code in detail.reason", () => {
    const heap = isolatedAppError(new IsolationError("heap", "x", { limit: 512 }));
    expect(heap.message).toMatch(/^This check needed more than the 512 MB of memory one check may use, and was stopped\./);
    expect(heap.detail).toEqual({ reason: "CHECK_TOO_LARGE", limitMb: 512 });
    const busy = isolatedAppError(new IsolationError("queue-full", "x", { limit: 8, retryAfterSeconds: 20 }));
    expect(busy.message).toBe("FormatFit is checking too many calendars right now. Try again in 20 seconds; nothing was stored.");
    expect(busy.detail).toEqual({ reason: "BUSY", retryAfterSeconds: 20 });
    expect(busy.status).toBe(503);
    expect(retryAfterHeaders(busy)).toEqual({ "retry-after": "20" });
    expect(isolatedAppError(new IsolationError("crashed", "x")).code).toBe("INTERNAL");
  });
});

describe("checkWorkerEntry", () => {
  it("in production wants the built file, and says how to build it when it is missing", () => {
    expect(() => checkWorkerEntry({ production: true, workerFile: undefined }, "/nonexistent/app")).toThrow(ConfigError);
    expect(() => checkWorkerEntry({ production: true, workerFile: undefined }, "/nonexistent/app")).toThrow(
      "The check worker is not built (/nonexistent/app/build/check-worker.cjs is missing): run `npm run build` (next build builds it) or `node scripts/build-check-worker.cjs`.",
    );
    expect(() => checkWorkerEntry({ production: true, workerFile: "missing.cjs" }, "/nonexistent/app")).toThrow(/^FORMATFIT_CHECK_WORKER_FILE names \/nonexistent\/app\/missing\.cjs, which does not exist/);
  });

  it("in development runs the TypeScript source through tsx", () => {
    expect(checkWorkerEntry({ production: false, workerFile: undefined }, repoRoot)).toMatchObject({ kind: "source", eval: true, path: `${repoRoot.replace(/\/$/, "")}/lib/server/isolation/check-worker.ts` });
  });
});
