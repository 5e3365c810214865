/**
 * The store helper's rule (tests/helpers/stores.ts): PostgreSQL is tested when it answers; under
 * CI an unreachable PostgreSQL fails the run with how to start it, never a skip. Port 1 on
 * loopback refuses connections at once, so "unreachable" needs no waiting.
 */
import { describe, expect, it } from "vitest";
import { PG_URL, START_PG_COMMAND, pgReachable, storeKinds } from "../helpers/stores";

const NOBODY = "postgres://postgres@127.0.0.1:1/test";

describe("storeKinds", () => {
  it("with CI=true and PostgreSQL unreachable, throws and says how to start it", async () => {
    await expect(storeKinds({ env: { CI: "true" }, url: NOBODY })).rejects.toThrow(START_PG_COMMAND);
  });

  it("outside CI, an unreachable PostgreSQL leaves SQLite only, with a warning", async () => {
    const warnings: string[] = [];
    await expect(storeKinds({ env: {}, url: NOBODY, warn: (m) => warnings.push(m) })).resolves.toEqual(["sqlite"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("127.0.0.1:1");
  });

  it("names both stores when PostgreSQL answers (and fails under CI when it does not)", async () => {
    const up = await pgReachable(PG_URL);
    if (process.env.CI === "true") expect(up).toBe(true);
    if (up) await expect(storeKinds({ env: { CI: "true" } })).resolves.toEqual(["sqlite", "postgres"]);
    else await expect(storeKinds({ env: {}, warn: () => undefined })).resolves.toEqual(["sqlite"]);
  });
});
