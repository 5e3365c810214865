/**
 * Known failures of the import, expansion and CLI engine, found by the input-hardening tests
 * (tests/ics/*.test.ts, tests/recurrence/*.test.ts, tests/hostile/*.test.ts, tests/cli/expand.test.ts).
 * Each test states the right answer and is marked `it.fails`, so the suite stays green while the
 * bug exists and turns red as soon as it is fixed: then move the test to the file it belongs in
 * (tests/regressions-engine.test.ts for engine bugs) and drop `.fails`.
 *
 * Each comment gives a minimal repro and the right answer, and the issue that tracks it.
 *
 * None are known today: issue 2's last one (a COUNT that runs out in a window far from DTSTART) was
 * fixed with issue 12 and now lives in tests/regressions-engine.test.ts.
 */
import { describe, it } from "vitest";

describe("known failures: expansion", () => {
  it.todo("none known: add the next one here as an it.fails with its repro, its right answer and its issue");
});
