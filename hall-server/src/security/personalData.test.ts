import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSecurityError, type SecurityErrorCode } from "./errors.ts";
import { generateKeyring } from "./keyring.ts";
import {
  decryptField,
  encryptField,
  idNumberHash,
  maskIdNumber,
  maskName,
  maskPhone,
  normaliseIdNumber,
} from "./personalData.ts";

const keyring = generateKeyring();
const ID = "110101199003071234";

function errorCode(fn: () => unknown): SecurityErrorCode | "no error" | "other error" {
  try {
    fn();
    return "no error";
  } catch (err) {
    return isSecurityError(err) ? err.code : "other error";
  }
}

describe("normaliseIdNumber / idNumberHash", () => {
  it.each([
    [" 11010119900307123x ", "11010119900307123X"],
    ["１１０１０１１９９００３０７１２３Ｘ", "11010119900307123X"],
    ["abc123456789012", "ABC123456789012"],
  ])("when normalising %j, then it becomes %j", (input, expected) => {
    expect(normaliseIdNumber(input)).toBe(expected);
  });

  it("when the same number is spelled differently, then the hashes are equal and 64 hex chars", () => {
    const h = idNumberHash(keyring, "11010119900307123X");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(idNumberHash(keyring, " 11010119900307123x")).toBe(h);
  });

  it("when the number or the key differs, then the hash differs", () => {
    expect(idNumberHash(keyring, ID)).not.toBe(idNumberHash(keyring, "110101199003071235"));
    expect(idNumberHash(generateKeyring(), ID)).not.toBe(idNumberHash(keyring, ID));
  });

  it("when the hash is computed, then it is the HMAC-SHA256 of the normalised number under idHashKey", async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", keyring.idHashKey).update("11010119900307123X").digest("hex");
    expect(idNumberHash(keyring, "11010119900307123x")).toBe(expected);
  });

  it("when the number is blank, then it is refused with INVALID_ARGUMENT", () => {
    expect(errorCode(() => idNumberHash(keyring, "  "))).toBe("INVALID_ARGUMENT");
  });
});

describe("maskIdNumber", () => {
  it.each([
    ["110101199003071234", "110***********1234"],
    ["11010119900307123x", "110***********123X"],
    ["ABC123456789012", "ABC********9012"],
    ["123456789012", "12******9012"],
    ["12345678", "1****678"],
    ["H1234567", "H****567"],
    ["1234", "**34"],
    ["123", "**3"],
    ["1", "*"],
    ["", ""],
  ])("when masking %j, then it shows %j", (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it("when masking any string, then the length is kept and at most 7 characters and half are revealed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 40 }), (s) => {
        const normalised = Array.from(normaliseIdNumber(s));
        const masked = Array.from(maskIdNumber(s));
        expect(masked.length).toBe(normalised.length);
        const revealed = masked.filter((c, i) => c !== "*" && c === normalised[i]).length;
        expect(revealed).toBeLessThanOrEqual(Math.min(7, Math.floor(normalised.length / 2)));
      }),
    );
  });
});

describe("maskName", () => {
  it.each([
    ["张三", "张*"],
    ["王小明", "王*明"],
    ["欧阳娜娜", "欧**娜"],
    ["司马相如", "司**如"],
    ["买买提·艾力", "买****力"],
    ["李", "*"],
    [" 张三 ", "张*"],
    ["ZHANG SAN", "Z**** S**"],
    ["Zhang  San Feng", "Z**** S** F***"],
    ["Li", "L*"],
    ["", ""],
    ["   ", ""],
  ])("when masking %j, then it shows %j", (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });

  it("when a Han name has a character outside the BMP, then it is counted as one character", () => {
    expect(maskName("王𠀀明")).toBe("王*明");
  });
});

describe("maskPhone", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["138 1234 5678", "138****5678"],
    ["138-1234-5678", "138****5678"],
    ["+86 138 1234 5678", "138****5678"],
    ["008613812345678", "138****5678"],
    ["(028) 8765-4321", "028****4321"],
    ["87654321", "****4321"],
    ["123", "**3"],
    ["", ""],
  ])("when masking %j, then it shows %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe("encryptField / decryptField", () => {
  it("when a value is sealed and opened with the same key, then it round-trips", () => {
    for (const plain of [ID, "", "欧阳娜娜 / 13812345678", "x".repeat(10_000)]) {
      const sealed = encryptField(keyring, plain);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
      expect(sealed).not.toContain(plain === "" ? "\u0000" : plain);
      expect(decryptField(keyring, sealed)).toBe(plain);
    }
  });

  it("when any string is sealed, then it round-trips (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), fc.string({ maxLength: 16 }), (plain, ctx) => {
        expect(decryptField(keyring, encryptField(keyring, plain, ctx), ctx)).toBe(plain);
      }),
      { numRuns: 200 },
    );
  });

  it("when the same value is sealed twice, then the IVs and ciphertexts differ", () => {
    const a = encryptField(keyring, ID);
    const b = encryptField(keyring, ID);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a).not.toBe(b);
  });

  it("when opened with a different key, then it fails as SEALED_UNAUTHENTICATED", () => {
    const sealed = encryptField(keyring, ID);
    expect(errorCode(() => decryptField(generateKeyring(), sealed))).toBe("SEALED_UNAUTHENTICATED");
  });

  it("when opened with a different context, then it fails as SEALED_UNAUTHENTICATED", () => {
    const sealed = encryptField(keyring, ID, "rating:1");
    expect(decryptField(keyring, sealed, "rating:1")).toBe(ID);
    expect(errorCode(() => decryptField(keyring, sealed, "rating:2"))).toBe("SEALED_UNAUTHENTICATED");
    expect(errorCode(() => decryptField(keyring, sealed))).toBe("SEALED_UNAUTHENTICATED");
  });

  it("when any byte of the IV, tag or ciphertext is flipped, then decryption fails as SEALED_UNAUTHENTICATED", () => {
    const sealed = encryptField(keyring, ID);
    const parts = sealed.split(".");
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index] ?? "", "base64url");
      for (let i = 0; i < bytes.length; i++) {
        const flipped = Buffer.from(bytes);
        flipped[i] = (flipped[i] ?? 0) ^ 0x01;
        const tampered = parts.map((p, j) => (j === index ? flipped.toString("base64url") : p)).join(".");
        expect(errorCode(() => decryptField(keyring, tampered))).toBe("SEALED_UNAUTHENTICATED");
      }
    }
  });

  it("when the ciphertext is truncated or extended, then decryption fails as SEALED_UNAUTHENTICATED", () => {
    const [v, iv, tag, ct] = encryptField(keyring, ID).split(".");
    const bytes = Buffer.from(ct ?? "", "base64url");
    const shorter = [v, iv, tag, bytes.subarray(0, bytes.length - 1).toString("base64url")].join(".");
    const longer = [v, iv, tag, Buffer.concat([bytes, Buffer.from([0])]).toString("base64url")].join(".");
    expect(errorCode(() => decryptField(keyring, shorter))).toBe("SEALED_UNAUTHENTICATED");
    expect(errorCode(() => decryptField(keyring, longer))).toBe("SEALED_UNAUTHENTICATED");
  });

  const [, goodIv, goodTag, goodCt] = encryptField(keyring, ID).split(".");
  it.each([
    ["empty", ""],
    ["plaintext", ID],
    ["three parts", `v1.${goodIv}.${goodTag}`],
    ["five parts", `v1.${goodIv}.${goodTag}.${goodCt}.x`],
    ["other version", `v2.${goodIv}.${goodTag}.${goodCt}`],
    ["short IV", `v1.AAAA.${goodTag}.${goodCt}`],
    ["short tag", `v1.${goodIv}.AAAA.${goodCt}`],
    ["standard base64 chars", `v1.${goodIv}.${goodTag}.${goodCt}+/`],
    ["padding", `v1.${goodIv}.${goodTag}.${goodCt}==`],
    ["oversized", `v1.${goodIv}.${goodTag}.${"A".repeat(1024 * 1024)}`],
  ])("when the sealed text is malformed (%s), then decryption fails as SEALED_MALFORMED", (_label, bad) => {
    expect(errorCode(() => decryptField(keyring, bad))).toBe("SEALED_MALFORMED");
  });

  it("when garbage of any shape is decrypted, then only SecurityErrors are thrown", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const code = errorCode(() => decryptField(keyring, s));
        expect(["SEALED_MALFORMED", "SEALED_UNAUTHENTICATED"]).toContain(code);
      }),
    );
  });
});
