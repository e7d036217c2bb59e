// Device tokens (kiosks, counters, screens) and the pairing codes that obtain them. The database
// stores only `tokenHash` (HMAC with the pepper from the key file), so a leaked database cannot be
// replayed as device credentials.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import type { Keyring } from "./keyring.ts";

const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const PAIRING_CODE_SHAPE = /^[0-9]{8}$/;

// Every ticket gets a token for its public status page: draw random bytes 128 tokens at a time, not per call.
let pool = Buffer.alloc(0);
let used = 0;

/** A new bearer token: 32 random bytes, base64url without padding (43 chars). */
export function newToken(): string {
  if (used + TOKEN_BYTES > pool.length) {
    pool = randomBytes(TOKEN_BYTES * 128);
    used = 0;
  }
  const token = pool.subarray(used, used + TOKEN_BYTES).toString("base64url");
  pool.fill(0, used, used + TOKEN_BYTES);
  used += TOKEN_BYTES;
  return token;
}

/** True when `s` has the shape of a `newToken` result; lets callers refuse garbage before any lookup. */
export function isWellFormedToken(s: unknown): s is string {
  return typeof s === "string" && TOKEN_SHAPE.test(s);
}

/**
 * Storage and lookup form of a token (or pairing code): HMAC-SHA256 with `keyring.tokenPepper`,
 * lower-case hex. Deterministic, so the hash is the database key for the lookup.
 */
export function tokenHash(keyring: Keyring, token: string): string {
  return createHmac("sha256", keyring.tokenPepper).update(token, "utf8").digest("hex");
}

/**
 * A new pairing code: 8 decimal digits, uniform over 00000000..99999999 (leading zeros kept).
 * Only 10^8 values: the caller must make codes short-lived and single-use and rate-limit redemption.
 */
export function newPairingCode(): string {
  // randomInt uses rejection sampling, so there is no modulo bias.
  return randomInt(0, 100_000_000).toString().padStart(8, "0");
}

/** True when `s` has the shape of a `newPairingCode` result (exactly 8 ASCII digits). */
export function isPairingCode(s: unknown): s is string {
  return typeof s === "string" && PAIRING_CODE_SHAPE.test(s);
}

/**
 * Constant-time string equality: the time taken depends on neither the position of the first
 * difference nor (beyond hashing) the lengths. Compares SHA-256 digests of the UTF-8 bytes.
 * A non-string argument (a missing header at runtime) gives false.
 */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== "string" || typeof b !== "string") return false;
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}
