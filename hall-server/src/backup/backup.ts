/**
 * Backups that restore: `createBackup` copies a hall (database + encrypted key file) into one backup file while
 * the hall serves; `restoreBackup` checks a backup completely and only then puts it in place; `pruneBackups`
 * keeps the newest N. The file format is in backupFile.ts.
 *
 *   hall.db --SQLite backup API--> snapshot --+--> OWBACKUP file (temp + fsync + rename, 0600)
 *   keys.json --scrypt + AES-256-GCM----------+
 *
 *   OWBACKUP file --decode, hash, integrity_check, schema, hall id, lock, passphrase--> hall.db + keys.json (+ config.json)
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { HallConfig, type ResolvedConfig } from "../config.ts";
import { isoTime } from "../domain/serviceDay.ts";
import { parseKeyring } from "../security/index.ts";
import { latestSchemaVersion, type Db } from "../store/db.ts";
import { HALL_ID_KEY } from "../services/hallIdentity.ts";
import { inspectSnapshot, openReadOnly, settingOfFile, snapshotDatabase } from "../store/snapshot.ts";
import {
  BackupError,
  decodeBackup,
  decryptKeyFile,
  encodeBackup,
  DEFAULT_KDF,
  type BackupManifest,
  type KdfParams,
} from "./backupFile.ts";

/** File name extension of backups (`pruneBackups` only ever touches files named like `backupFileName`). */
export const BACKUP_EXTENSION = ".owbackup";
/** The shortest passphrase a backup is made with. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** `hall-<hallId>-<UTC yyyymmddThhmmssSSSZ>.owbackup`: sorts by time, says which hall it is from. */
export function backupFileName(hallId: string, atMs: number): string {
  const stamp = isoTime(atMs).replace(/[-:]/g, "").replace(".", "");
  return `hall-${hallId}-${stamp}${BACKUP_EXTENSION}`;
}

const NAME_PATTERN = /^hall-(.+)-(\d{8}T\d{9}Z)\.owbackup$/;

/** Write `bytes` to `path` whole or not at all: a 0600 temp file beside it, fsynced, renamed, directory fsynced. */
function writeFileAtomic(path: string, bytes: Buffer | string): void {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  fsyncDir(dirname(path));
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The config a backup carries: the hall's settings, without file paths or the backup settings of this machine. */
function portableConfig(config: ResolvedConfig): Record<string, unknown> {
  const { dbPath: _db, keyPath: _key, dataDir: _data, keyFile: _keyFile, backup: _backup, ...rest } = config;
  return rest;
}

/** Inputs of `createBackup`. */
export interface BackupOptions {
  /** The server's own open connection (nightly backups), or the database file to open read-only (the CLI). */
  source: Db | string;
  config: ResolvedConfig;
  passphrase: string;
  /** The backup file to write; or `dir`, in which it is named by `backupFileName`. One of the two. */
  file?: string;
  dir?: string;
  /** Epoch ms for the manifest and the file name (default Date.now). */
  now?: () => number;
  /** scrypt cost (default `DEFAULT_KDF`; tests lower it). */
  kdf?: KdfParams;
}

/**
 * Back up a hall: one consistent snapshot of its database (every transaction committed before the copy's read
 * transaction began, nothing after) and its key file encrypted under `passphrase`, in one file written
 * atomically with mode 0600. Safe while the hall serves: the copy does not block the server's writers (WAL).
 * Resolves to the file's path and manifest. Throws `BackupError` WEAK_PASSPHRASE (shorter than
 * MIN_PASSPHRASE_LENGTH) or NO_HALL_ID (a hall created before hall ids that has not been started since);
 * `SecurityError` when the key file is unreadable or invalid; file-system and SQLite errors as they come.
 */
export async function createBackup(options: BackupOptions): Promise<{ path: string; manifest: BackupManifest }> {
  const { config } = options;
  if ([...options.passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new BackupError(
      "WEAK_PASSPHRASE",
      `the backup passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  // The key file first: a backup without usable keys would restore a hall whose tokens and data cannot be read.
  const keyFileText = readFileSync(config.keyPath, "utf8");
  parseKeyring(keyFileText, config.keyPath);
  const outDir = options.file ? dirname(options.file) : options.dir;
  if (!outDir) throw new TypeError("createBackup needs `file` or `dir`");
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  // The snapshot is written next to the backup (not in /tmp: it holds the hall's personal data) in a private dir.
  const work = mkdtempSync(join(outDir, ".owbackup-"));
  try {
    const snapshotPath = join(work, "hall.db");
    const source = typeof options.source === "string" ? openReadOnly(options.source) : options.source;
    try {
      await snapshotDatabase(source, snapshotPath);
    } finally {
      if (typeof options.source === "string") source.close();
    }
    const image = readFileSync(snapshotPath);
    const facts = inspectSnapshot(image, HALL_ID_KEY);
    if (!facts.hallId)
      throw new BackupError(
        "NO_HALL_ID",
        "this hall has no hall id yet: start it once with this release (it is given one at start), then back up",
      );
    const at = (options.now ?? Date.now)();
    const { bytes, manifest } = await encodeBackup(
      image,
      keyFileText,
      options.passphrase,
      {
        hallId: facts.hallId,
        hallName: config.hallName,
        schemaVersion: facts.schemaVersion,
        createdAt: isoTime(at),
        config: portableConfig(config),
      },
      options.kdf ?? DEFAULT_KDF,
    );
    const path = options.file ?? join(outDir, backupFileName(facts.hallId, at));
    writeFileAtomic(path, bytes);
    return { path, manifest };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Delete all but the `keep` newest backups of hall `hallId` in `dir` (by the time in their names). Only files
 * named by `backupFileName` for that hall are considered; anything else in `dir` is left alone. Returns the
 * paths deleted.
 */
export function pruneBackups(dir: string, hallId: string, keep: number): string[] {
  const ours = readdirSync(dir)
    .map((name) => ({ name, m: NAME_PATTERN.exec(name) }))
    .filter((f) => f.m?.[1] === hallId)
    .sort((a, b) => (a.m![2]! < b.m![2]! ? 1 : -1));
  const doomed = ours.slice(Math.max(0, keep)).map((f) => join(dir, f.name));
  for (const path of doomed) rmSync(path, { force: true });
  return doomed;
}

/** Inputs of `restoreBackup`. */
export interface RestoreOptions {
  /** The backup file. */
  file: string;
  passphrase: string;
  /** The target hall's database file and key file (from its config.json, or a new hall directory's defaults). */
  dbPath: string;
  keyPath: string;
  /** A new hall directory's config.json, written from the backup's config (with default paths). */
  newConfigPath?: string;
  /**
   * Take the target hall's lock for the restore and return its release function; throw `BackupError`
   * HALL_RUNNING naming the holder when the hall is running (the CLI uses cli/hallLock.ts). Called after every
   * check on the backup file and before anything is written.
   */
  lockHall: () => () => void;
  /** Epoch ms, names the files a restore moves aside (default Date.now). */
  now?: () => number;
}

/** What a restore did. */
export interface RestoreResult {
  manifest: BackupManifest;
  /** Files of the target hall that were there before, moved aside (`<file>.before-restore-<stamp>`), not deleted. */
  movedAside: string[];
}

/**
 * Restore a backup into a hall, or into a new hall directory. Everything is checked before anything changes:
 * the file (truncated, damaged, newer format), the schema (not newer than this build's migrations), SQLite's
 * integrity check, and the passphrase; then the hall's lock is taken (`lockHall`: a running hall is refused) and
 * the target must be the same hall or have no database yet. Then the database, key file (and `newConfigPath`)
 * are written as temp files, fsynced, and renamed into place, mode 0600; the target's previous files (database,
 * its -wal/-shm, key file) are moved aside first, never merged with the restored database. Throws `BackupError` (codes NOT_A_BACKUP,
 * TRUNCATED, DAMAGED, NEWER_FORMAT, NEWER_SCHEMA, HALL_RUNNING, OTHER_HALL, WRONG_PASSPHRASE), each message naming
 * the problem; after a refusal nothing was changed.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const name = basename(options.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.file);
  } catch (error) {
    throw new BackupError("NOT_A_BACKUP", `cannot read backup ${options.file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const { manifest, image } = decodeBackup(bytes, name);
  const latest = latestSchemaVersion();
  if (manifest.schemaVersion > latest)
    throw new BackupError(
      "NEWER_SCHEMA",
      `${name} holds database schema ${manifest.schemaVersion}, newer than this hall-server knows (${latest});` +
        ` install the release that made it (or a newer one), then restore`,
    );
  let facts;
  try {
    facts = inspectSnapshot(image, HALL_ID_KEY);
  } catch (error) {
    throw new BackupError("DAMAGED", `${name} is damaged: its database cannot be opened (${(error as Error).message})`);
  }
  if (facts.integrity.length !== 1 || facts.integrity[0] !== "ok")
    throw new BackupError(
      "DAMAGED",
      `${name} is damaged: SQLite's integrity check fails: ${facts.integrity.slice(0, 3).join("; ")}`,
    );
  if (facts.schemaVersion !== manifest.schemaVersion || facts.hallId !== manifest.hallId)
    throw new BackupError("DAMAGED", `${name} is damaged: its database does not match its manifest`);

  const keyFileText = await decryptKeyFile(manifest, options.passphrase, name);
  parseKeyring(keyFileText, `${name} (key file)`);
  let config: string | undefined;
  if (options.newConfigPath) {
    const known = Object.fromEntries(Object.entries(manifest.config).filter(([k]) => k in HallConfig.shape));
    const parsed = HallConfig.safeParse({ ...known, dataDir: "data", keyFile: "keys.json" });
    if (!parsed.success)
      throw new BackupError(
        "DAMAGED",
        `${name}: its config is not valid for this release: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`,
      );
    config = JSON.stringify({ ...known, dataDir: "data", keyFile: "keys.json" }, null, 2) + "\n";
  }

  // Nothing is written before the lock is ours; a running hall holds it.
  const release = options.lockHall();
  try {
    if (existsSync(options.dbPath)) {
      const targetId = settingOfFile(options.dbPath, HALL_ID_KEY);
      if (targetId !== manifest.hallId)
        throw new BackupError(
          "OTHER_HALL",
          `${name} is a backup of hall ${manifest.hallId} ("${manifest.hallName}"), but ${options.dbPath} holds ` +
            `${targetId ? `hall ${targetId}` : "a hall without a hall id"}; restore it into a new, empty directory` +
            ` (hall-server restore <file> --dir <new dir>) or onto the hall it came from`,
        );
    }
    mkdirSync(dirname(options.dbPath), { recursive: true, mode: 0o700 });
    return { manifest, movedAside: putInPlace(options, image, keyFileText, config) };
  } finally {
    release();
  }
}

function putInPlace(options: RestoreOptions, image: Buffer, keyFileText: string, config?: string): string[] {
  const stamp = isoTime((options.now ?? Date.now)()).replace(/[-:.]/g, "");
  const { dbPath, keyPath } = options;
  const temps: [temp: string, final: string][] = [];
  const stage = (final: string, bytes: Buffer | string) => {
    mkdirSync(dirname(final), { recursive: true, mode: 0o700 });
    const temp = `${final}.restore-${randomBytes(6).toString("hex")}.tmp`;
    const fd = openSync(temp, "wx", 0o600);
    temps.push([temp, final]);
    try {
      writeSync(fd, typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  };
  try {
    stage(dbPath, image);
    stage(keyPath, keyFileText);
    if (config !== undefined && options.newConfigPath) stage(options.newConfigPath, config);
  } catch (error) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw error;
  }
  // A -wal left beside the old database would be replayed into the restored one: move it away with the rest.
  const movedAside: string[] = [];
  for (const old of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, keyPath]) {
    if (!existsSync(old)) continue;
    const aside = `${old}.before-restore-${stamp}`;
    renameSync(old, aside);
    movedAside.push(aside);
  }
  for (const [temp, final] of temps) renameSync(temp, final);
  for (const dir of new Set(temps.map(([, final]) => dirname(final)))) fsyncDir(dir);
  return movedAside;
}
