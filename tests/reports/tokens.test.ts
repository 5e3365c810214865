/**
 * The secrets of lib/reports/tokens.ts: share tokens of 256 random bits in base64url, their
 * SHA-256, the shape check before any lookup, and the constant-time comparison of stored hashes
 * (through node:crypto's timingSafeEqual, checked by watching the call, never by timing it).
 */
import { createHash } from "node:crypto";
import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { newId } from "@/lib/db/id";
import { hashToken, looksLikeToken, newToken, secretsEqual } from "@/lib/reports/tokens";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

describe("newToken", () => {
  it("is 43 base64url characters: 32 random bytes, at least 128 bits", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(Buffer.from(token, "base64url").length * 8).toBeGreaterThanOrEqual(128);
  });

  it("is different every time (1,000 draws)", () => {
    expect(new Set(Array.from({ length: 1000 }, () => newToken())).size).toBe(1000);
  });
});

describe("newId", () => {
  it("is 22 base64url characters (16 random bytes), different every time", () => {
    const ids = Array.from({ length: 1000 }, () => newId());
    for (const id of ids.slice(0, 10)) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(1000);
  });
});

describe("hashToken", () => {
  it("is the SHA-256 of the token's UTF-8 bytes, base64url", () => {
    expect(hashToken("abc")).toBe("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0");
    const token = newToken();
    expect(hashToken(token)).toBe(createHash("sha256").update(Buffer.from(token, "utf8")).digest("base64url"));
    expect(hashToken(token)).not.toContain(token);
  });
});

describe("looksLikeToken", () => {
  it("accepts a new token", () => {
    expect(looksLikeToken(newToken())).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["one short", "a".repeat(42)],
    ["one long", "a".repeat(44)],
    ["padded base64", `${"a".repeat(42)}=`],
    ["standard base64 characters", `${"a".repeat(41)}+/`],
    ["a trailing newline", `${"a".repeat(43)}\n`],
    ["a path", `../${"a".repeat(40)}`],
  ])("refuses %s", (_what, s) => {
    expect(looksLikeToken(s)).toBe(false);
  });
});

describe("secretsEqual", () => {
  it("is true for equal strings, through timingSafeEqual", () => {
    timingSafeEqual.mockClear();
    const h = hashToken("token");
    expect(secretsEqual(h, `${h}`)).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it("is false for different strings of the same length, through timingSafeEqual", () => {
    timingSafeEqual.mockClear();
    const h = hashToken("token");
    const other = `${h.slice(0, -1)}${h.endsWith("A") ? "B" : "A"}`;
    expect(secretsEqual(h, other)).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it("is false (not a throw) for different lengths, and still does a comparison's work", () => {
    timingSafeEqual.mockClear();
    expect(secretsEqual("abc", "abcd")).toBe(false);
    expect(secretsEqual("abcd", "abc")).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
  });

  it("compares bytes, not UTF-16 units: é and e differ in length", () => {
    expect(secretsEqual("é", "e")).toBe(false);
    expect(secretsEqual("é", "é")).toBe(true);
  });

  it("is true for two empty strings", () => {
    expect(secretsEqual("", "")).toBe(true);
  });
});
