import { describe, expect, it } from "vitest";
import { isSecurityError } from "./errors.ts";
import { DEFAULT_SCRYPT_PARAMS, dummyVerify, hashSecret, needsRehash, verifySecret } from "./passwords.ts";

const FAST = { logN: 4, r: 8, p: 1 };

describe("hashSecret / verifySecret", () => {
  it("when hashed at production cost, then the encoding names N=2^15 r=8 p=1 and verifies", async () => {
    const encoded = await hashSecret("246810");
    expect(encoded).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifySecret("246810", encoded)).toBe(true);
    expect(await verifySecret("246811", encoded)).toBe(false);
    expect(needsRehash(encoded)).toBe(false);
  });

  it("when the same secret is hashed twice, then the salts (and encodings) differ and both verify", async () => {
    const a = await hashSecret("密码 pass", FAST);
    const b = await hashSecret("密码 pass", FAST);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifySecret("密码 pass", a)).toBe(true);
    expect(await verifySecret("密码 pass", b)).toBe(true);
  });

  it("when a PIN is typed with full-width digits, then it matches the ASCII PIN (NFKC)", async () => {
    const encoded = await hashSecret("1234", FAST);
    expect(await verifySecret("１２３４", encoded)).toBe(true);
  });

  it("when the secret differs by case or whitespace, then verification fails", async () => {
    const encoded = await hashSecret("Secret", FAST);
    expect(await verifySecret("secret", encoded)).toBe(false);
    expect(await verifySecret("Secret ", encoded)).toBe(false);
    expect(await verifySecret("", encoded)).toBe(false);
  });

  it("when the stored hash is tampered, then verification fails", async () => {
    const encoded = await hashSecret("1234", FAST);
    const parts = encoded.split("$");
    const hash = Buffer.from(parts[5] ?? "", "base64");
    hash[0] = (hash[0] ?? 0) ^ 1;
    parts[5] = hash.toString("base64");
    expect(await verifySecret("1234", parts.join("$"))).toBe(false);
    const salt = Buffer.from(parts[4] ?? "", "base64");
    salt[3] = (salt[3] ?? 0) ^ 0x80;
    const otherSalt = [...encoded.split("$").slice(0, 4), salt.toString("base64"), encoded.split("$")[5]].join("$");
    expect(await verifySecret("1234", otherSalt)).toBe(false);
  });

  it.each([
    ["empty", ""],
    ["wrong scheme", "bcrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["too few parts", "scrypt$4$8$1$AAAAAAAAAAAAAAAAAAAAAA=="],
    ["non-numeric cost", "scrypt$x$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["leading-zero cost", "scrypt$04$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["huge N (DoS)", "scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["huge r", "scrypt$4$999$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["bad base64 salt", "scrypt$4$8$1$!!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
    ["short hash", "scrypt$4$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA"],
    ["non-canonical base64", "scrypt$4$8$1$AAAAAAAAAAAAAAAAAAAAAB==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="],
  ])("when the encoding is malformed (%s), then verifySecret resolves false without throwing", async (_label, bad) => {
    await expect(verifySecret("1234", bad)).resolves.toBe(false);
    expect(needsRehash(bad, FAST)).toBe(true);
  });

  it("when non-string values reach verifySecret, then it resolves false", async () => {
    const encoded = await hashSecret("1234", FAST);
    await expect(verifySecret(1234 as unknown as string, encoded)).resolves.toBe(false);
    await expect(verifySecret("1234", null as unknown as string)).resolves.toBe(false);
  });

  it("when asked to hash an empty or over-long secret, then it rejects with INVALID_ARGUMENT", async () => {
    for (const bad of ["", "x".repeat(1025)]) {
      const err: unknown = await hashSecret(bad, FAST).catch((e: unknown) => e);
      expect(isSecurityError(err, "INVALID_ARGUMENT")).toBe(true);
    }
    const err: unknown = await hashSecret("1234", { logN: 0, r: 8, p: 1 }).catch((e: unknown) => e);
    expect(isSecurityError(err, "INVALID_ARGUMENT")).toBe(true);
  });

  it("when a hash was made at a lower cost, then needsRehash asks for an upgrade", async () => {
    const encoded = await hashSecret("1234", FAST);
    expect(needsRehash(encoded)).toBe(true);
    expect(needsRehash(encoded, FAST)).toBe(false);
    expect(DEFAULT_SCRYPT_PARAMS).toEqual({ logN: 15, r: 8, p: 1 });
  });
});

describe("dummyVerify", () => {
  it("when called for an unknown user, then it resolves false after doing the scrypt work", async () => {
    await expect(dummyVerify()).resolves.toBe(false);
    await expect(dummyVerify("anything", FAST)).resolves.toBe(false);
  });

  it("when given invalid params, then it still resolves false instead of throwing", async () => {
    await expect(dummyVerify("x", { logN: 99, r: 8, p: 1 })).resolves.toBe(false);
  });
});
