// The hall's secret keys live in one small JSON file beside (never inside) the SQLite database, so a
// copied database file or backup holds only keyed hashes and ciphertext. The file is created once
// with mode 0600 and refused later if anyone but its owner can read it.
//
//   { "version": 1, "idHashKey": "<32 bytes base64>", "dataKey": "<...>", "tokenPepper": "<...>" }
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname } from "node:path";
import { SecurityError } from "./errors.ts";

/** The hall's three independent 32-byte keys; one per purpose so a leak of one does not expose the others. */
export interface Keyring {
  /** HMAC key for ID-number lookup hashes (`idNumberHash`). */
  idHashKey: Buffer;
  /** AES-256-GCM key for fields that must be recoverable (`encryptField`). */
  dataKey: Buffer;
  /** HMAC key for stored device and session token hashes (`tokenHash`). */
  tokenPepper: Buffer;
}

const KEY_BYTES = 32;
const KEY_NAMES = ["idHashKey", "dataKey", "tokenPepper"] as const;
const MAX_FILE_BYTES = 64 * 1024;

/** A keyring of fresh random keys (for tests and for first-time creation). */
export function generateKeyring(): Keyring {
  return { idHashKey: randomBytes(KEY_BYTES), dataKey: randomBytes(KEY_BYTES), tokenPepper: randomBytes(KEY_BYTES) };
}

/** The key file text for `keyring` (JSON, base64 keys, trailing newline). */
export function serialiseKeyring(keyring: Keyring): string {
  const body: Record<string, unknown> = { version: 1 };
  for (const name of KEY_NAMES) body[name] = keyring[name].toString("base64");
  return JSON.stringify(body, null, 2) + "\n";
}

/**
 * Parses key file text. Throws `SecurityError` KEYRING_INVALID naming `path` and the problem (bad JSON,
 * wrong version, missing key, key not 32 bytes of canonical base64, two keys equal). Never echoes key material.
 */
export function parseKeyring(text: string, path: string): Keyring {
  const invalid = (problem: string): SecurityError =>
    new SecurityError("KEYRING_INVALID", `keyring file ${path}: ${problem}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw invalid("is not valid JSON");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw invalid("must be a JSON object");
  const record = data as Record<string, unknown>;
  if (record["version"] !== 1) throw invalid(`unsupported "version" (expected 1)`);
  const keys: Partial<Keyring> = {};
  for (const name of KEY_NAMES) {
    const value = record[name];
    if (typeof value !== "string") throw invalid(`"${name}" is missing or not a string`);
    const buf = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, "base64") : undefined;
    if (!buf || buf.toString("base64") !== value) throw invalid(`"${name}" is not canonical base64`);
    if (buf.length !== KEY_BYTES) throw invalid(`"${name}" must decode to ${KEY_BYTES} bytes, got ${buf.length}`);
    keys[name] = buf;
  }
  const keyring = keys as Keyring;
  // A copy-paste slip that reuses one key for two purposes silently removes the separation between them.
  if (keyring.idHashKey.equals(keyring.dataKey) || keyring.idHashKey.equals(keyring.tokenPepper)) {
    throw invalid("keys must all differ");
  }
  if (keyring.dataKey.equals(keyring.tokenPepper)) throw invalid("keys must all differ");
  return keyring;
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err ? String(err.code) : undefined;
}

function readKeyFile(path: string): Keyring {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (err) {
    throw new SecurityError("KEYRING_UNREADABLE", `keyring file ${path} cannot be opened (${errnoCode(err)})`, {
      cause: err,
    });
  }
  try {
    // fstat on the opened descriptor: the file checked is the file read, even if the path is swapped.
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new SecurityError("KEYRING_INVALID", `keyring file ${path} is not a regular file`);
    // POSIX permission bits mean nothing on Windows; there the directory ACL has to protect the file.
    if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(3, "0");
      throw new SecurityError(
        "KEYRING_PERMISSIONS",
        `keyring file ${path} is accessible by group or others (mode ${mode}); run: chmod 600 ${path}`,
      );
    }
    if (stat.size > MAX_FILE_BYTES) {
      throw new SecurityError("KEYRING_INVALID", `keyring file ${path}: too large (${stat.size} bytes)`);
    }
    return parseKeyring(readFileSync(fd, "utf8"), path);
  } finally {
    closeSync(fd);
  }
}

function createKeyFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // Write a private temp file completely, then hard-link it into place: link() fails if the target
  // exists, so two processes starting at once never see a half-written file or overwrite each other.
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    writeSync(fd, serialiseKeyring(generateKeyring()));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (err) {
    if (errnoCode(err) !== "EEXIST") {
      throw new SecurityError("KEYRING_UNREADABLE", `keyring file ${path} cannot be created (${errnoCode(err)})`, {
        cause: err,
      });
    }
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Loads the keyring at `path`, creating it with fresh random keys (mode 0600, parent directory 0700
 * if missing) on first use. The file must sit outside the database and its backups.
 * Throws `SecurityError`: KEYRING_PERMISSIONS when group/others have any access (POSIX only),
 * KEYRING_INVALID when the content is wrong, KEYRING_UNREADABLE when it cannot be opened or created.
 * Every message names the file. Losing this file makes encrypted fields unreadable and every
 * token and ID hash unmatchable: back it up separately from the database.
 */
export function loadOrCreateKeyring(path: string): Keyring {
  try {
    return readKeyFile(path);
  } catch (err) {
    const cause = err instanceof SecurityError ? err.cause : undefined;
    if (errnoCode(cause) !== "ENOENT") throw err;
  }
  createKeyFile(path);
  return readKeyFile(path);
}
