/**
 * The backup file: one file per backup, so it is copied, listed and pruned as one thing.
 *
 *   offset 0        "OWBACKUP"                      8 bytes, ASCII magic
 *   offset 8        L                               uint32 big-endian, manifest length (at most 64 KiB)
 *   offset 12       manifest                        L bytes of UTF-8 JSON (`BackupManifest`)
 *   offset 12 + L   database image                  manifest.db.bytes bytes: a standalone SQLite file
 *
 * The database image is stored as SQLite wrote it: it holds only masked names, keyed hashes and ciphertext (see
 * security/). The key file, which unlocks those, is in the manifest encrypted with AES-256-GCM under a key
 * derived from the operator's passphrase by scrypt; the GCM tag also authenticates the manifest's identity fields
 * and the image's SHA-256, so a changed hall id or a swapped database makes decryption fail instead of passing.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, type ScryptOptions } from "node:crypto";

/** The magic bytes every backup file starts with. */
export const BACKUP_MAGIC = Buffer.from("OWBACKUP", "ascii");
/** This build writes and reads backup format 1. */
export const BACKUP_FORMAT_VERSION = 1;
const HEADER_BYTES = BACKUP_MAGIC.length + 4;
const MAX_MANIFEST_BYTES = 64 * 1024;

/** scrypt cost parameters (RFC 7914): N (a power of two), r, p. */
export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

/** Default cost: N = 2^17, r = 8, p = 1 (128 MiB, about half a second on a hall PC), as OWASP advises for scrypt. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

// The bounds a restore accepts, so a crafted manifest cannot make it allocate gigabytes.
const KDF_LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16 };

/** The JSON manifest at the head of a backup file. Times are ISO 8601; binary fields are base64. */
export interface BackupManifest {
  format: "onewindow-backup";
  formatVersion: number;
  /** The hall's UUID (settings `hall_id`). */
  hallId: string;
  hallName: string;
  /** PRAGMA user_version of the database image (its last migration). */
  schemaVersion: number;
  createdAt: string;
  db: { bytes: number; sha256: string };
  /** The key file (its exact text), encrypted. */
  keys: {
    cipher: "aes-256-gcm";
    kdf: { name: "scrypt"; salt: string } & KdfParams;
    iv: string;
    tag: string;
    ciphertext: string;
  };
  /** The hall's settings from config.json (without paths or backup settings), so a new machine can be set up. */
  config: Record<string, unknown>;
}

/** Why a backup file was refused; `code` is stable, `message` says what is wrong and what to do. */
export type BackupErrorCode =
  | "NOT_A_BACKUP"
  | "TRUNCATED"
  | "DAMAGED"
  | "NEWER_FORMAT"
  | "NEWER_SCHEMA"
  | "OTHER_HALL"
  | "WRONG_PASSPHRASE"
  | "HALL_RUNNING"
  | "NO_HALL_ID"
  | "WEAK_PASSPHRASE"
  | "NO_PASSPHRASE";

/** A backup or restore refused; nothing was changed. */
export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** SHA-256 of `bytes` as lowercase hex. */
export const sha256 = (bytes: Buffer): string => createHash("sha256").update(bytes).digest("hex");

// The fields the GCM tag authenticates besides the ciphertext (additional authenticated data).
function aad(m: Pick<BackupManifest, "formatVersion" | "hallId" | "schemaVersion" | "createdAt" | "db">): Buffer {
  return Buffer.from(
    JSON.stringify(["onewindow-backup", m.formatVersion, m.hallId, m.schemaVersion, m.createdAt, m.db]),
    "utf8",
  );
}

function deriveKey(passphrase: string, salt: Buffer, kdf: KdfParams): Promise<Buffer> {
  // maxmem: scrypt needs 128 * N * r bytes; Node refuses above 32 MiB unless told.
  const options: ScryptOptions = { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize("NFC"), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Build a backup file: `image` (a standalone SQLite file) and the key file text `keyFileText` encrypted under
 * `passphrase`. `meta` gives the manifest's identity fields. Async (scrypt runs off the main thread).
 */
export async function encodeBackup(
  image: Buffer,
  keyFileText: string,
  passphrase: string,
  meta: Pick<BackupManifest, "hallId" | "hallName" | "schemaVersion" | "createdAt" | "config">,
  kdf: KdfParams = DEFAULT_KDF,
): Promise<{ bytes: Buffer; manifest: BackupManifest }> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const db = { bytes: image.length, sha256: sha256(image) };
  const identity = { formatVersion: BACKUP_FORMAT_VERSION, ...meta, db };
  const cipher = createCipheriv("aes-256-gcm", await deriveKey(passphrase, salt, kdf), iv);
  cipher.setAAD(aad(identity));
  const ciphertext = Buffer.concat([cipher.update(keyFileText, "utf8"), cipher.final()]);
  const manifest: BackupManifest = {
    format: "onewindow-backup",
    ...identity,
    keys: {
      cipher: "aes-256-gcm",
      kdf: { name: "scrypt", ...kdf, salt: salt.toString("base64") },
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      ciphertext: ciphertext.toString("base64"),
    },
  };
  const json = Buffer.from(JSON.stringify(manifest), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  return { bytes: Buffer.concat([BACKUP_MAGIC, length, json, image]), manifest };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkManifest(raw: unknown, name: string): BackupManifest {
  const bad = (what: string) => new BackupError("DAMAGED", `${name} is damaged: its manifest ${what}`);
  if (!isObject(raw) || raw.format !== "onewindow-backup") throw bad("is not a OneWindow backup manifest");
  if (typeof raw.formatVersion !== "number" || !Number.isInteger(raw.formatVersion)) throw bad("has no formatVersion");
  if (raw.formatVersion > BACKUP_FORMAT_VERSION)
    throw new BackupError(
      "NEWER_FORMAT",
      `${name} is in backup format ${raw.formatVersion}, made by a newer hall-server; this one reads format ` +
        `${BACKUP_FORMAT_VERSION}. Restore it with the release that made it, or a newer one.`,
    );
  if (typeof raw.hallId !== "string" || raw.hallId === "") throw bad("has no hallId");
  if (typeof raw.schemaVersion !== "number" || !Number.isInteger(raw.schemaVersion)) throw bad("has no schemaVersion");
  if (typeof raw.createdAt !== "string") throw bad("has no createdAt");
  const db = raw.db;
  if (!isObject(db) || typeof db.bytes !== "number" || !Number.isSafeInteger(db.bytes) || db.bytes < 0)
    throw bad("has no database length");
  if (typeof db.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(db.sha256)) throw bad("has no database checksum");
  const keys = raw.keys;
  if (!isObject(keys) || keys.cipher !== "aes-256-gcm" || !isObject(keys.kdf) || keys.kdf.name !== "scrypt")
    throw bad("has no encrypted key file");
  for (const field of ["iv", "tag", "ciphertext"] as const)
    if (typeof keys[field] !== "string") throw bad(`has no keys.${field}`);
  const { N, r, p, salt } = keys.kdf;
  const logN = typeof N === "number" ? Math.log2(N) : NaN;
  if (
    !Number.isInteger(logN) ||
    logN < KDF_LIMITS.minLogN ||
    logN > KDF_LIMITS.maxLogN ||
    typeof r !== "number" ||
    !Number.isInteger(r) ||
    r < 1 ||
    r > KDF_LIMITS.maxR ||
    typeof p !== "number" ||
    !Number.isInteger(p) ||
    p < 1 ||
    p > KDF_LIMITS.maxP ||
    typeof salt !== "string"
  )
    throw bad("has scrypt parameters out of range");
  if (typeof raw.hallName !== "string") throw bad("has no hallName");
  if (!isObject(raw.config)) throw bad("has no config");
  return raw as unknown as BackupManifest;
}

/**
 * Split and check a backup file's bytes (`name` is used in messages): the magic, the manifest, the image's length
 * and SHA-256. Throws `BackupError` NOT_A_BACKUP, TRUNCATED (the file ends early: copy interrupted), DAMAGED
 * (bytes changed) or NEWER_FORMAT. Does not decrypt the keys (see `decryptKeyFile`).
 */
export function decodeBackup(bytes: Buffer, name: string): { manifest: BackupManifest; image: Buffer } {
  if (bytes.length < BACKUP_MAGIC.length || !bytes.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) {
    if (bytes.length < BACKUP_MAGIC.length && BACKUP_MAGIC.subarray(0, bytes.length).equals(bytes))
      throw new BackupError(
        "TRUNCATED",
        `${name} is truncated: it ends after ${bytes.length} bytes, inside its header`,
      );
    throw new BackupError("NOT_A_BACKUP", `${name} is not a OneWindow backup (it does not start with "OWBACKUP")`);
  }
  if (bytes.length < HEADER_BYTES)
    throw new BackupError("TRUNCATED", `${name} is truncated: it ends after ${bytes.length} bytes, inside its header`);
  const manifestBytes = bytes.readUInt32BE(BACKUP_MAGIC.length);
  if (manifestBytes > MAX_MANIFEST_BYTES)
    throw new BackupError("DAMAGED", `${name} is damaged: its manifest length (${manifestBytes} bytes) is impossible`);
  if (bytes.length < HEADER_BYTES + manifestBytes)
    throw new BackupError(
      "TRUNCATED",
      `${name} is truncated: it ends after ${bytes.length} bytes, inside its manifest (${manifestBytes} bytes)`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(HEADER_BYTES, HEADER_BYTES + manifestBytes).toString("utf8"));
  } catch {
    throw new BackupError("DAMAGED", `${name} is damaged: its manifest is not valid JSON`);
  }
  const manifest = checkManifest(raw, name);
  const image = bytes.subarray(HEADER_BYTES + manifestBytes);
  if (image.length < manifest.db.bytes)
    throw new BackupError(
      "TRUNCATED",
      `${name} is truncated: it holds ${image.length} of the database's ${manifest.db.bytes} bytes` +
        ` (the copy was interrupted?); use another backup`,
    );
  if (image.length > manifest.db.bytes)
    throw new BackupError(
      "DAMAGED",
      `${name} is damaged: ${image.length - manifest.db.bytes} bytes follow the database`,
    );
  if (sha256(image) !== manifest.db.sha256)
    throw new BackupError("DAMAGED", `${name} is damaged: the database's SHA-256 does not match its manifest`);
  return { manifest, image };
}

/**
 * Decrypt the key file text of a checked backup with `passphrase`. Throws `BackupError` WRONG_PASSPHRASE when
 * the GCM tag does not verify: the passphrase is wrong, or the manifest's identity fields were altered.
 */
export async function decryptKeyFile(manifest: BackupManifest, passphrase: string, name: string): Promise<string> {
  const { kdf } = manifest.keys;
  const key = await deriveKey(passphrase, Buffer.from(kdf.salt, "base64"), kdf);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(manifest.keys.iv, "base64"));
    decipher.setAAD(aad(manifest));
    decipher.setAuthTag(Buffer.from(manifest.keys.tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(manifest.keys.ciphertext, "base64")), decipher.final()]).toString(
      "utf8",
    );
  } catch (error) {
    throw new BackupError(
      "WRONG_PASSPHRASE",
      `wrong passphrase for ${name}: its key file does not decrypt (or its manifest was altered)`,
      { cause: error },
    );
  }
}
