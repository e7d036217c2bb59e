// Personal data at rest (DOMAIN.md "Ratings": applicant name / ID number / phone are protected):
//
//   ID number --normalise--> idNumberHash (HMAC, for lookup)  +  maskIdNumber (for display)
//                       \--> encryptField (only where the full number must be handed on, e.g. the
//                            provincial rating upload), key held in the key file, not the database
//   name, phone --> maskName / maskPhone for display; stored only where a feature needs them
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { SecurityError } from "./errors.ts";
import type { Keyring } from "./keyring.ts";

/**
 * Canonical form of an ID number for hashing and comparison: NFKC (full-width digits and letters from
 * a Chinese IME become ASCII), trimmed, upper-cased (check digit "x" -> "X"; letters of foreign
 * permanent-resident numbers). Does not validate.
 */
export function normaliseIdNumber(s: string): string {
  return s.normalize("NFKC").trim().toUpperCase();
}

/**
 * Keyed lookup hash of an ID number: HMAC-SHA256 with `keyring.idHashKey` over the normalised number,
 * lower-case hex (64 chars). Equal numbers in any accepted spelling give equal hashes; without the key
 * the 18-digit space cannot be enumerated. Throws `SecurityError` INVALID_ARGUMENT for an empty number,
 * which would otherwise make every blank record match every other.
 */
export function idNumberHash(keyring: Keyring, idNumber: string): string {
  const normalised = normaliseIdNumber(idNumber);
  if (normalised.length === 0) throw new SecurityError("INVALID_ARGUMENT", "ID number is empty");
  return createHmac("sha256", keyring.idHashKey).update(normalised, "utf8").digest("hex");
}

/** Keeps `head` leading and `tail` trailing characters (code points) and stars the rest. */
function keepEnds(chars: string[], head: number, tail: number): string {
  if (head + tail >= chars.length) return "*".repeat(chars.length);
  return (
    chars.slice(0, head).join("") + "*".repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join("")
  );
}

/**
 * Display form of an ID number: `110101199003071234` -> `110***********1234`. Length is preserved;
 * at most 3 leading + 4 trailing characters survive, and never more than half of the number, so short
 * numbers (passes, passports) keep less (`12345678` -> `1****678`, `1234` -> `**34`).
 */
export function maskIdNumber(idNumber: string): string {
  const chars = Array.from(normaliseIdNumber(idNumber));
  const budget = Math.min(7, Math.floor(chars.length / 2));
  const head = Math.min(3, Math.floor((budget * 3) / 7));
  return keepEnds(chars, head, Math.min(4, budget - head));
}

const HAN = /\p{Script=Han}/u;

/**
 * Display form of a person's name. Chinese: `张三` -> `张*`, `王小明` -> `王*明`, `欧阳娜娜` -> `欧**娜`
 * (first and last kept from three characters on; a single character becomes `*`). Names without Han
 * characters are masked per word: `ZHANG SAN` -> `Z**** S**`. Whitespace is trimmed; empty stays empty.
 */
export function maskName(name: string): string {
  const trimmed = name.normalize("NFC").trim();
  if (trimmed.length === 0) return "";
  if (!HAN.test(trimmed)) {
    return trimmed
      .split(/\s+/u)
      .map((word) => {
        const chars = Array.from(word);
        return (chars[0] ?? "") + "*".repeat(chars.length - 1);
      })
      .join(" ");
  }
  const chars = Array.from(trimmed.replace(/\s+/gu, ""));
  if (chars.length === 1) return "*";
  if (chars.length === 2) return `${chars[0]}*`;
  return keepEnds(chars, 1, 1);
}

/**
 * Display form of a phone number: `13812345678` -> `138****5678`. Separators (spaces, `-`, `.`,
 * parentheses) are dropped and a `+86`/`0086`/`86` prefix on a mobile number is removed. Other numbers
 * keep at most the last 4 digits (and the first 3 when 11 or more), never more than half.
 */
export function maskPhone(phone: string): string {
  const compact = phone.normalize("NFKC").replace(/[\s\-.()]/gu, "");
  const mobile = /^(?:\+?86|0086)?(1\d{10})$/u.exec(compact)?.[1];
  if (mobile !== undefined) return keepEnds(Array.from(mobile), 3, 4);
  const chars = Array.from(compact);
  const tail = Math.min(4, Math.floor(chars.length / 2));
  const head = chars.length >= 11 ? 3 : 0;
  return keepEnds(chars, head, tail);
}

const SEALED_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_SEALED_CHARS = 1024 * 1024;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

// The version and the caller's context are authenticated (GCM AAD), so a sealed value cannot be
// replayed under another format version or moved to another record that uses a different context.
function aad(context: string): Buffer {
  return Buffer.from(`onewindow:${SEALED_VERSION}:${context}`, "utf8");
}

/**
 * Encrypts `plaintext` with AES-256-GCM under `keyring.dataKey` and a random 12-byte IV.
 * Returns `v1.<iv>.<tag>.<ciphertext>` (base64url, no padding). `context` (optional, e.g. "rating:123")
 * is authenticated but not stored: decryption must pass the same value.
 */
export function encryptField(keyring: Keyring, plaintext: string, context = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyring.dataKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [SEALED_VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(
    ".",
  );
}

function decodePart(text: string | undefined, what: string): Buffer {
  const buf = text !== undefined && BASE64URL.test(text) ? Buffer.from(text, "base64url") : undefined;
  if (!buf || buf.toString("base64url") !== text) {
    throw new SecurityError("SEALED_MALFORMED", `sealed field: ${what} is not canonical base64url`);
  }
  return buf;
}

/**
 * Reverses `encryptField`. Throws `SecurityError` SEALED_MALFORMED when the text is not a `v1` sealed
 * value (wrong part count, version, IV/tag length, encoding, or over 1 MiB), and SEALED_UNAUTHENTICATED
 * when it was altered, sealed under another key, or `context` differs.
 */
export function decryptField(keyring: Keyring, sealed: string, context = ""): string {
  if (typeof sealed !== "string" || sealed.length > MAX_SEALED_CHARS) {
    throw new SecurityError("SEALED_MALFORMED", "sealed field: not a string of at most 1 MiB");
  }
  const parts = sealed.split(".");
  if (parts.length !== 4) throw new SecurityError("SEALED_MALFORMED", "sealed field: expected 4 dot-separated parts");
  if (parts[0] !== SEALED_VERSION) {
    throw new SecurityError("SEALED_MALFORMED", `sealed field: unsupported version (expected ${SEALED_VERSION})`);
  }
  const iv = decodePart(parts[1], "IV");
  const tag = decodePart(parts[2], "tag");
  const ciphertext = decodePart(parts[3], "ciphertext");
  if (iv.length !== IV_BYTES) throw new SecurityError("SEALED_MALFORMED", `sealed field: IV must be ${IV_BYTES} bytes`);
  if (tag.length !== TAG_BYTES) {
    throw new SecurityError("SEALED_MALFORMED", `sealed field: tag must be ${TAG_BYTES} bytes`);
  }
  const decipher = createDecipheriv("aes-256-gcm", keyring.dataKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(context));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch (err) {
    throw new SecurityError(
      "SEALED_UNAUTHENTICATED",
      "sealed field failed authentication: it was altered, or sealed under a different key or context",
      { cause: err },
    );
  }
}
