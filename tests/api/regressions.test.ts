/**
 * Bugs the route tests found, pinned: the study-plan refusal named the wrong cause, an async
 * section's reasons contradicted each other, and an oversize file was described at the limit.
 */
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/check/route";
import { formatBytes } from "@/lib/words";
import { expectError, fixturePart, LEARNER, MIB, postForm } from "./helpers";

const AWAY = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//t//EN",
  "BEGIN:VEVENT",
  "UID:away@t",
  "DTSTAMP:20270101T000000Z",
  "DTSTART;VALUE=DATE:20270101",
  "DTEND;VALUE=DATE:20270601",
  "TRANSP:OPAQUE",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("the study plan's refusals say the real cause", () => {
  it("deadlines but no free time: says so, not 'has no deadlines'", async () => {
    const err = await expectError(
      await POST(postForm("/api/check", [["calendar", { file: AWAY, name: "away.ics" }], ["section", "PM-101-A1"], ["output", "study-plan"], ["planSection", "PM-101-A1"], ["preferences", JSON.stringify({ allDay: "busy" })]])),
      400,
      "BAD_REQUEST",
    );
    expect(err.message).not.toMatch(/has no deadlines/);
    expect(err.message).toMatch(/no free study time/);
  });

  it("a planSection that was not checked is named as such", async () => {
    const err = await expectError(await POST(postForm("/api/check", [["calendar", fixturePart(LEARNER)], ["section", "PM-101-A1"], ["output", "study-plan"], ["planSection", "DA-110-A1"]])), 400, "BAD_REQUEST");
    expect(err.message).toMatch(/DA-110-A1 was not part of this check/);
  });

  it("with together, planSection still picks one section's blocks", async () => {
    const res = await POST(postForm("/api/check", [["calendar", fixturePart(LEARNER)], ["section", "PM-101-A1"], ["together", "true"], ["output", "study-plan"], ["planSection", "PM-101-A1"]]));
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(/PM-101-A1/);
  });
});

describe("an async section's reasons do not contradict each other", () => {
  it("an unmet deadline is not followed by 'free hours before every deadline'", async () => {
    const res = await POST(postForm("/api/check", [["calendar", fixturePart(LEARNER)], ["section", "PM-101-A1"]]));
    const body = (await res.json()) as { sections: { sectionId: string; reasons: string[] }[] };
    const reasons = body.sections.find((s) => s.sectionId === "PM-101-A1")?.reasons.join(" ") ?? "";
    expect(reasons).toMatch(/cannot be met/);
    expect(reasons).not.toMatch(/before every deadline/);
    expect(reasons).toMatch(/not always before the deadline inside that week/);
  });
});

describe("sizes near a limit", () => {
  it("10 MB + 1 byte is not shown as 10 MB", () => {
    expect(formatBytes(10 * MIB + 1)).toBe("10,485,761 bytes");
    expect(formatBytes(10 * MIB)).toBe("10 MB");
    expect(formatBytes(25 * MIB)).toBe("25 MB");
    expect(formatBytes(3.5 * MIB)).toBe("3.5 MB");
  });
});
