/**
 * Tokens at rest (lib/connections/seal.ts): AES-256-GCM under a key derived from the server's
 * secret; a fresh IV per seal; anything altered, or sealed under another key, refused with a
 * SealError that says what to do.
 */
import { describe, expect, it } from "vitest";
import { SealError, seal, sealingKey, unseal } from "@/lib/connections/seal";

const KEY = sealingKey("0123456789abcdef");

describe("sealingKey", () => {
  it("needs a secret of at least 16 characters, and says which variable to set", () => {
    expect(() => sealingKey(undefined)).toThrow(SealError);
    expect(() => sealingKey("fifteen chars!!")).toThrow("Connecting calendars needs a server secret of at least 16 characters: set FORMATFIT_TOKEN_KEY (or NEXTAUTH_SECRET).");
    expect(sealingKey("0123456789abcdef")).toHaveLength(32);
  });

  it("is the same for the same secret and differs for another", () => {
    expect(sealingKey("0123456789abcdef").equals(KEY)).toBe(true);
    expect(sealingKey("0123456789abcdeF").equals(KEY)).toBe(false);
  });
});

describe("seal and unseal", () => {
  it("round-trips, with a fresh IV each time, and the sealed form does not contain the token", () => {
    const token = "ya29.a0AfH6SMC-ünïcødé/+=";
    const a = seal(token, KEY);
    const b = seal(token, KEY);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(a).not.toContain("ya29");
    expect([unseal(a, KEY), unseal(b, KEY)]).toEqual([token, token]);
  });

  it("under another key: SealError", () => {
    expect(() => unseal(seal("tok", KEY), sealingKey("another secret, 16+"))).toThrow("A stored token could not be opened (the server's secret changed?). Connect the calendar again.");
  });

  it("an altered ciphertext or tag: SealError", () => {
    const [v, iv, tag, body] = seal("a token of some length", KEY).split(".") as [string, string, string, string];
    const flip = (s: string) => `${s[0] === "A" ? "B" : "A"}${s.slice(1)}`;
    expect(() => unseal([v, iv, tag, flip(body)].join("."), KEY)).toThrow(SealError);
    expect(() => unseal([v, iv, flip(tag), body].join("."), KEY)).toThrow(SealError);
  });

  it("something that is not a sealed token: SealError naming the form", () => {
    expect(() => unseal("ya29.plain-token", KEY)).toThrow("A stored token is not in the sealed form.");
    expect(() => unseal("v2.a.b.c", KEY)).toThrow("A stored token is not in the sealed form.");
  });
});
