// Slow hashing of staff PINs and passwords with scrypt (RFC 7914), in a self-describing encoding:
//
//   scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>
//
// The cost travels with each hash, so raising it later only needs `needsRehash` at sign-in.
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { SecurityError } from "./errors.ts";

/** scrypt cost parameters; N = 2^logN. */
export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** Production cost: N=2^15, r=8, p=1 (32 MiB, tens of milliseconds per hash). */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ logN: 15, r: 8, p: 1 });

const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds for parameters read back from storage: a corrupted or hostile row must not make one
// verification allocate gigabytes or spin for minutes.
const MAX_LOG_N = 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_SECRET_CHARS = 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function checkParams(params: ScryptParams): void {
  const { logN, r, p } = params;
  const ok =
    Number.isInteger(logN) &&
    Number.isInteger(r) &&
    Number.isInteger(p) &&
    logN >= 1 &&
    logN <= MAX_LOG_N &&
    r >= 1 &&
    r <= MAX_R &&
    p >= 1 &&
    p <= MAX_P;
  if (!ok) throw new SecurityError("INVALID_ARGUMENT", `scrypt parameters out of range: ${JSON.stringify(params)}`);
}

function derive(secret: string, salt: Buffer, params: ScryptParams, keylen: number): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs 128*N*r bytes for its main buffer (plus a little more); Node's default maxmem
  // (32 MiB) is exactly the default cost and would reject it, so allow twice the requirement.
  const maxmem = 2 * 128 * N * params.r * params.p + 1024 * 1024;
  // NFKC so the same password typed through different input methods (full-width digits from a
  // Chinese IME, composed vs decomposed characters) hashes the same (NIST SP 800-63B 5.1.1.2).
  const bytes = Buffer.from(secret.normalize("NFKC"), "utf8");
  return new Promise((resolve, reject) => {
    scrypt(bytes, salt, keylen, { N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/**
 * Hashes a PIN or password with scrypt and a fresh 16-byte salt.
 * Returns `scrypt$15$8$1$<salt b64>$<hash b64>` (with the given params in place of 15/8/1).
 * Throws `SecurityError` INVALID_ARGUMENT for an empty or over-long (> 1024 chars) secret or bad params.
 * `params` exists so tests can use a low cost; production passes nothing.
 */
export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (typeof secret !== "string" || secret.length === 0 || secret.length > MAX_SECRET_CHARS) {
    throw new SecurityError("INVALID_ARGUMENT", `secret must be a string of 1..${MAX_SECRET_CHARS} characters`);
  }
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(secret, salt, params, HASH_BYTES);
  return ["scrypt", params.logN, params.r, params.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

interface ParsedHash {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const buf = Buffer.from(text, "base64");
  // Reject non-canonical encodings so one stored hash has exactly one spelling.
  return buf.toString("base64") === text ? buf : undefined;
}

function parseInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9][0-9]{0,2}$/.test(text) ? Number(text) : undefined;
}

/** Parses an encoded hash; undefined when it is not a well-formed, in-bounds scrypt encoding. */
function parseEncoded(encoded: unknown): ParsedHash | undefined {
  if (typeof encoded !== "string" || encoded.length > 512) return undefined;
  const parts = encoded.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const logN = parseInteger(parts[1]);
  const r = parseInteger(parts[2]);
  const p = parseInteger(parts[3]);
  if (logN === undefined || r === undefined || p === undefined) return undefined;
  if (logN > MAX_LOG_N || r > MAX_R || p > MAX_P) return undefined;
  const salt = decodeBase64(parts[4] ?? "");
  const hash = decodeBase64(parts[5] ?? "");
  if (!salt || !hash || salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { params: { logN, r, p }, salt, hash };
}

/**
 * True when `secret` matches `encoded` (a `hashSecret` result). The comparison is timing-safe.
 * Never throws: a malformed, out-of-bounds or non-string encoding, or a non-string secret, gives false.
 */
export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const parsed = parseEncoded(encoded);
  if (!parsed || typeof secret !== "string" || secret.length > MAX_SECRET_CHARS) return false;
  try {
    const candidate = await derive(secret, parsed.salt, parsed.params, parsed.hash.length);
    return timingSafeEqual(candidate, parsed.hash);
  } catch {
    return false;
  }
}

/**
 * True when `encoded` is malformed or was made with parameters other than `params`; the caller then
 * re-hashes the just-verified secret and stores the new encoding.
 */
export function needsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseEncoded(encoded);
  if (!parsed) return true;
  return parsed.params.logN !== params.logN || parsed.params.r !== params.r || parsed.params.p !== params.p;
}

// A fixed salt is fine here: the dummy result is never stored or compared with anything real.
const DUMMY_SALT = Buffer.alloc(SALT_BYTES, 0x5a);

/**
 * Spends the same work as one `verifySecret` at `params` and resolves false. Call it when the
 * employee number is unknown, so response time does not reveal which employee numbers exist.
 */
export async function dummyVerify(
  secret = "dummy-secret",
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<false> {
  try {
    checkParams(params);
    await derive(typeof secret === "string" ? secret.slice(0, MAX_SECRET_CHARS) : "", DUMMY_SALT, params, HASH_BYTES);
  } catch {
    // Equalising time is best effort; a failure here must not turn "unknown user" into a 500.
  }
  return false;
}
