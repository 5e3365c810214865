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

describe("the web check's expansion budget (lib/server/config: FORMATFIT_CHECK_MAX_OCCURRENCES)", () => {
  const minutely = () =>
    [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//FormatFit tests//budget//EN",
      ...Array.from({ length: 20 }, (_, i) => ["BEGIN:VEVENT", `UID:m${i}@budget.test`, "DTSTAMP:20261201T000000Z", `DTSTART:20270104T${String(i).padStart(2, "0")}0000Z`, "DURATION:PT1M", "RRULE:FREQ=MINUTELY", "END:VEVENT"]).flat(),
      "END:VCALENDAR",
      "",
    ].join("\r\n");

  it("answers a calendar of runaway rules within the server's budget, saying so first among the warnings", async () => {
    await withEnv({ FORMATFIT_RATE_LIMITS: "off", FORMATFIT_CHECK_MAX_OCCURRENCES: "5000" }, async () => {
      forgetLimits();
      const res = await POST(postForm("/api/check", [["calendar", { file: minutely(), name: "minutely.ics" }], ["section", "PM-101-S1"]]));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { warnings: { code: string; message: string }[] };
      expect(body.warnings[0]?.code).toBe("EXPANSION_BUDGET");
      // 60% of the check's 5,000 for one calendar.
      expect(body.warnings[0]?.message).toMatch(/^The calendar minutely\.ics needs more than the expansion budget of 3,000 occurrences per calendar: 20 events were cut short or left out/);
    });
  });
});
