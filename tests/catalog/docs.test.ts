import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { termRuleDates } from "@/lib/catalog/rule-dates";
import { validateCatalog } from "@/lib/catalog/schema";

const doc = readFileSync(new URL("../../docs/catalog.md", import.meta.url), "utf8");

describe("docs/catalog.md", () => {
  it("shows an example catalog that validates", () => {
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? "";
    const result = validateCatalog(JSON.parse(example));
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it("describes the example's every-other-Wednesday dates correctly", () => {
    expect(termRuleDates("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE", "2027-01-11", "2027-02-28").dates).toEqual(["2027-01-13", "2027-01-27", "2027-02-10", "2027-02-24"]);
  });
});
