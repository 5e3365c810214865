/**
 * Pins the clock when FORMATFIT_TEST_NOW is set (scripts/test-tz-matrix.sh runs the suite once in
 * summer and once in winter): code that reads "now" implicitly, or lets luxon pick an ambiguous
 * time's offset from today's date, gives a different answer and fails.
 */
import { vi } from "vitest";

const now = process.env.FORMATFIT_TEST_NOW;
if (now) {
  vi.useFakeTimers({ now: Date.parse(now), toFake: ["Date"] });
}
