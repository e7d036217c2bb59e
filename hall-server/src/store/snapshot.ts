/**
 * The SQLite side of backups: a consistent copy of a live database through SQLite's online backup API, and the
 * checks a restore makes on a copy before it is allowed near a hall.
 *
 *   live hall.db (WAL, any process) --backup API, one step--> snapshot file (rollback journal, standalone)
 *   snapshot bytes --deserialise in memory--> integrity_check, user_version, hall_id
 */
import Database from "better-sqlite3";
import { closeSync, openSync } from "node:fs";
import type { Db } from "./db.ts";
import { SettingsStore } from "./settingsStore.ts";

/** Every page in one backup step: the copy is then made inside one read transaction (see `snapshotDatabase`). */
const ALL_PAGES = 0x7fffffff;

/**
 * Open the hall database at `path` read-only for a backup made by another process than the server. In WAL mode a
 * reader never blocks the server's writers and sees one committed state per read transaction (sqlite.org/wal.html).
 * Throws what better-sqlite3 throws (e.g. SQLITE_CANTOPEN when the file does not exist).
 */
export function openReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

/**
 * Copy the database open on `source` (the server's own connection or a read-only one) into a new file at
 * `destPath`, created 0600 first so personal data never sits in a world-readable file. The copy is made in one
 * backup step, i.e. inside one read transaction: it holds every transaction committed before the step began
 * and none after (sqlite.org/backup.html; in WAL mode the step does not block writers). The copy is switched to
 * the rollback journal (`journal_mode = DELETE`) so the file stands alone, without -wal or -shm. Resolves when
 * the file is complete; throws what SQLite or the file system throws (`destPath` must not exist).
 */
export async function snapshotDatabase(source: Db, destPath: string): Promise<void> {
  closeSync(openSync(destPath, "wx", 0o600));
  await source.backup(destPath, { progress: () => ALL_PAGES });
  const copy = new Database(destPath);
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
}

/** What a restore needs to know about a database image before trusting it. */
export interface SnapshotFacts {
  /** `PRAGMA integrity_check` lines: `["ok"]` for a sound database. */
  integrity: string[];
  /** `PRAGMA user_version`: the last migration applied. */
  schemaVersion: number;
  /** The value of the setting `hallIdKey`, if the image has one. */
  hallId: string | undefined;
}

/**
 * Open a database image (the bytes of a SQLite file) in memory, read-only, and report its integrity, schema
 * version and hall id (the setting `hallIdKey`); nothing touches the disk. Throws SQLite's error (e.g. "file is
 * not a database") when the bytes are not a SQLite database at all.
 */
export function inspectSnapshot(image: Buffer, hallIdKey: string): SnapshotFacts {
  const db = new Database(image, { readonly: true });
  try {
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    const schemaVersion = db.pragma("user_version", { simple: true }) as number;
    const hasSettings = db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name = 'settings'")
      .get();
    const hallId = hasSettings && hasSettings.n > 0 ? new SettingsStore(db).get(hallIdKey) : undefined;
    return { integrity, schemaVersion, hallId };
  } finally {
    db.close();
  }
}

/**
 * The setting `key` (the hall id) of the database file at `path`, or undefined. Call only while holding the hall
 * lock: the file is opened read-write on purpose, because a read-only connection to a WAL database leaves -wal
 * and -shm files behind, while the last read-write connection to close removes them (after checkpointing a WAL
 * left by a killed server, which changes the file's pages but not its content).
 */
export function settingOfFile(path: string, key: string): string | undefined {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return new SettingsStore(db).get(key);
  } finally {
    db.close();
  }
}
