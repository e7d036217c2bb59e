import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateKeyring } from "./keyring.ts";
import { isPairingCode, isWellFormedToken, newPairingCode, newToken, safeEqual, tokenHash } from "./tokens.ts";

describe("newToken / tokenHash", () => {
  it("when a token is made, then it is 43 base64url chars carrying 32 bytes, and tokens do not repeat", () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const token = newToken();
      expect(isWellFormedToken(token)).toBe(true);
      expect(Buffer.from(token, "base64url").length).toBe(32);
      tokens.add(token);
    }
    expect(tokens.size).toBe(1000);
  });

  it.each(["", "short", "x".repeat(44), "a".repeat(42) + "=", "a".repeat(42) + "+"])(
    "when checking the shape of %j, then it is not a well-formed token",
    (s) => {
      expect(isWellFormedToken(s)).toBe(false);
    },
  );

  it("when non-strings are checked, then they are not well-formed tokens or pairing codes", () => {
    expect(isWellFormedToken(undefined)).toBe(false);
    expect(isPairingCode(12345678)).toBe(false);
  });

  it("when a token is hashed, then it is HMAC-SHA256 hex under tokenPepper, stable, and key-dependent", () => {
    const keyring = generateKeyring();
    const token = newToken();
    const hash = tokenHash(keyring, token);
    expect(hash).toBe(createHmac("sha256", keyring.tokenPepper).update(token).digest("hex"));
    expect(tokenHash(keyring, token)).toBe(hash);
    expect(tokenHash(generateKeyring(), token)).not.toBe(hash);
    expect(tokenHash(keyring, newToken())).not.toBe(hash);
    // The pepper, not the ID-hash key, is used: the two lookups must not be interchangeable.
    expect(hash).not.toBe(createHmac("sha256", keyring.idHashKey).update(token).digest("hex"));
  });
});

describe("newPairingCode", () => {
  it("when codes are made, then each is exactly 8 ASCII digits", () => {
    for (let i = 0; i < 2000; i++) expect(isPairingCode(newPairingCode())).toBe(true);
  });

  it("when many codes are made, then every leading digit appears about equally often (leading zeros kept)", () => {
    const counts = new Array<number>(10).fill(0);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const first = Number(newPairingCode()[0]);
      counts[first] = (counts[first] ?? 0) + 1;
    }
    // Chi-square with 9 degrees of freedom; 40 is beyond the 0.99999 quantile, so a fair generator fails far less than 1 run in 100,000,
    // while a biased one (no leading zeros, modulo bias towards low digits) lands in the hundreds.
    const expected = n / 10;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(40);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it.each(["1234567", "123456789", "1234567a", " 12345678", "１２３４５６７８"])(
    "when checking %j, then it is not a pairing code",
    (s) => {
      expect(isPairingCode(s)).toBe(false);
    },
  );
});

describe("safeEqual", () => {
  it.each([
    ["abc", "abc", true],
    ["", "", true],
    ["令牌", "令牌", true],
    ["abc", "abd", false],
    ["abc", "abcd", false],
    ["", "a", false],
  ])("when comparing %j with %j, then the result is %s", (a, b, expected) => {
    expect(safeEqual(a, b)).toBe(expected);
  });

  it("when an argument is not a string at runtime, then the result is false", () => {
    expect(safeEqual(undefined as unknown as string, "")).toBe(false);
  });
});
