// Personal data at rest (DOMAIN.md "Ratings": applicant name / ID number / phone are protected):
//
//   ID number --normalise--> idNumberHash (HMAC, for lookup)  +  maskIdNumber (for display)
//                       \--> encryptField (only where the full number must be handed on, e.g. the
//                            provincial rating upload), key held in the key file, not the database
//   name, phone --> maskName / maskPhone for display; stored only where a feature needs them
// The display masks live in @onewindow/contract (screens, tickets and the server must mask alike).
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { normaliseIdNumber } from "@onewindow/contract";
import { SecurityError } from "./errors.ts";
import type { Keyring } from "./keyring.ts";

export { maskIdNumber, maskName, maskPhone, normaliseIdNumber } from "@onewindow/contract";

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
