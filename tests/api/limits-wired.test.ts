/**
 * The routes count requests against the rate limits before reading a body (issue 13): with a limit
 * of two checks a minute per address, the third answers 429 with Retry-After.
 */
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/check/route";
import { resetServerConfig } from "@/lib/server/config";
import { expectError, fixturePart, LEARNER, postForm, withEnv } from "./helpers";

const LIMITS_KEY = Symbol.for("formatfit.limits");

function forgetLimits(): void {
  delete (globalThis as Record<symbol, unknown>)[LIMITS_KEY];
  resetServerConfig();
}

afterEach(forgetLimits);

describe("rate limits on POST /api/check", () => {
  it("the third check in a minute from one address is 429 with Retry-After, before its body is read", async () => {
    await withEnv({ FORMATFIT_RATE_LIMITS: "check.ip=2/60" }, async () => {
      forgetLimits();
      const form = () => postForm("/api/check", [["calendar", fixturePart(LEARNER)], ["section", "PM-101-S1"]], { "x-forwarded-for": "203.0.113.7" });
      expect((await POST(form())).status).toBe(200);
      expect((await POST(form())).status).toBe(200);
      const third = await POST(form());
      expect(third.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      const err = await expectError(third, 429, "RATE_LIMITED");
      expect(err.message).toMatch(/try again/i);
      // Another address is counted on its own.
      const other = postForm("/api/check", [["calendar", fixturePart(LEARNER)], ["section", "PM-101-S1"]], { "x-forwarded-for": "198.51.100.9" });
      expect((await POST(other)).status).toBe(200);
    });
  });
});
