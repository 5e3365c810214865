/**
 * Free text through the stores (lib/db/text.ts): titles and notes are stored as JSON string
 * literals, so NUL bytes (which PostgreSQL's `text` refuses), emoji, lone surrogates and the
 * longest allowed text come back exactly; text over the limit is refused before anything is stored.
 */
import { describe, expect, it } from "vitest";
import { decodeText, encodeText } from "@/lib/db/text";
import { AppError } from "@/lib/errors";
import { MAX_NOTE, MAX_TITLE } from "@/lib/reports";
import { TestClock, anonymousOwner, sampleSnapshot, storeKinds, useStore } from "../helpers/stores";

const KINDS = await storeKinds();

const NUL_TITLE = "a\u0000b\u0000\u0000c";
const EMOJI_TITLE = "Spring 🌱 options 👩🏽‍💻 (family: 👨‍👩‍👧‍👦) — 日本語 ✓";
const SURROGATE_TITLE = "lone \uD800 high and \uDFFF low";
const LONG_TITLE = "x".repeat(MAX_TITLE - 1) + "é"; // 10,000 UTF-16 code units
const snapshot = sampleSnapshot();

describe("encodeText / decodeText", () => {
  it("encodes NUL as the six characters \\u0000, leaving no NUL in the stored text", () => {
    expect(encodeText("a\u0000b")).toBe('"a\\u0000b"');
    expect(encodeText("a\u0000b")).not.toContain("\u0000");
  });

  it("decodes what it encoded, for NUL, emoji and lone surrogates", () => {
    for (const t of [NUL_TITLE, EMOJI_TITLE, SURROGATE_TITLE, "", '"quoted" \\ back\nslash']) expect(decodeText(encodeText(t))).toBe(t);
  });

  it("encodes a lone surrogate as an escape (so the stored text is valid UTF-8)", () => {
    expect(encodeText("\uD800")).toBe('"\\ud800"');
  });
});

describe.each(KINDS)("text on the %s store", (kind) => {
  const t = useStore(kind);
  const clock = new TestClock("2027-01-15T12:00:00Z");

  it.each([
    ["NUL bytes", NUL_TITLE],
    ["emoji and other scripts", EMOJI_TITLE],
    ["lone surrogates", SURROGATE_TITLE],
    ["10,000 characters (MAX_TITLE)", LONG_TITLE],
  ])("a title with %s round-trips exactly through save, list and get", async (_what, title) => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title, snapshot, includeTitles: false });
    expect(saved.title).toBe(title);
    expect((await reports.get(owner, saved.id))?.title).toBe(title);
    expect((await reports.list(owner)).map((r) => r.title)).toEqual([title]);
  });

  it("a rename to a title with NUL and emoji round-trips exactly", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Plain", snapshot, includeTitles: false });
    expect(await reports.rename(owner, saved.id, `${NUL_TITLE} ${EMOJI_TITLE}`)).toBe(true);
    expect((await reports.get(owner, saved.id))?.title).toBe(`${NUL_TITLE} ${EMOJI_TITLE}`);
  });

  it("a note with NUL bytes, emoji, newlines and 10,000 characters round-trips exactly", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const advisor = { userId: "adv", email: "kim@sps.example.edu" };
    const saved = await reports.save(owner, { title: "Notes", snapshot, includeTitles: false });
    await reports.shareWithAdvisor(owner, saved.id, advisor.email);
    const bodies = [`${NUL_TITLE}\n${EMOJI_TITLE}\r\n${SURROGATE_TITLE}`, "n".repeat(MAX_NOTE)];
    for (const body of bodies) expect((await reports.addNote(advisor, saved.id, body))?.body).toBe(body);
    expect((await reports.notes({ owner }, saved.id))?.map((n) => n.body)).toEqual(bodies);
    expect((await reports.notes({ advisor }, saved.id))?.map((n) => n.body)).toEqual(bodies);
  });

  it("snapshot strings with NUL bytes and lone surrogates round-trip exactly", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const odd = sampleSnapshot({ timeZone: "America/New_York", courses: [{ courseId: "X\u0000Y", sectionIds: [], summary: `${SURROGATE_TITLE} ${EMOJI_TITLE}`, best: [] }] });
    const saved = await reports.save(owner, { title: "Odd snapshot", snapshot: odd, includeTitles: false });
    expect((await reports.get(owner, saved.id))?.snapshot).toEqual(odd);
  });

  it("stores the title as its JSON literal: no raw NUL reaches the database", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: NUL_TITLE, snapshot, includeTitles: false });
    const row = await t.store.db.selectFrom("reports").select("title").where("id", "=", saved.id).executeTakeFirstOrThrow();
    expect(row.title).toBe('"a\\u0000b\\u0000\\u0000c"');
  });

  it("refuses a title of MAX_TITLE + 1 characters with BAD_REQUEST, and stores nothing", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const attempt = reports.save(owner, { title: "x".repeat(MAX_TITLE + 1), snapshot, includeTitles: false });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST", where: "title", message: "The title is 10,001 characters; at most 10,000." });
    expect(await reports.list(owner)).toEqual([]);
  });

  it("counts UTF-16 code units: 5,001 emoji (10,002 units) are over the limit", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    await expect(reports.save(owner, { title: "🌱".repeat(5001), snapshot, includeTitles: false })).rejects.toMatchObject({ code: "BAD_REQUEST", where: "title" });
    expect(await reports.list(owner)).toEqual([]);
  });

  it("refuses a rename over MAX_TITLE and keeps the old title", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const saved = await reports.save(owner, { title: "Kept", snapshot, includeTitles: false });
    await expect(reports.rename(owner, saved.id, "y".repeat(MAX_TITLE + 1))).rejects.toMatchObject({ code: "BAD_REQUEST", where: "title" });
    expect((await reports.get(owner, saved.id))?.title).toBe("Kept");
  });

  it.each([["empty", ""], ["blank", " \t\n "]])("refuses an %s title", async (_what, title) => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    await expect(reports.save(owner, { title, snapshot, includeTitles: false })).rejects.toMatchObject({ code: "BAD_REQUEST", where: "title" });
    expect(await reports.list(owner)).toEqual([]);
  });

  it("refuses a note over MAX_NOTE and stores none", async () => {
    const reports = t.reports(clock);
    const owner = anonymousOwner();
    const advisor = { userId: "adv", email: "kim@sps.example.edu" };
    const saved = await reports.save(owner, { title: "Long note", snapshot, includeTitles: false });
    await reports.shareWithAdvisor(owner, saved.id, advisor.email);
    await expect(reports.addNote(advisor, saved.id, "n".repeat(MAX_NOTE + 1))).rejects.toMatchObject({ code: "BAD_REQUEST", where: "note" });
    expect(await reports.notes({ owner }, saved.id)).toEqual([]);
  });
});
