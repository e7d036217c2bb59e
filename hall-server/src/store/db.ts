/** Opens the hall's SQLite file durably and brings its schema up to date. */
import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type Db = Database.Database;

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Numbered migrations `NNN_name.sql`, applied in order; PRAGMA user_version records the last one. */
function migrations(): { version: number; sql: string }[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), sql: readFileSync(join(migrationsDir, f), "utf8") }));
}

/** Owner read/write only, like keys.json: the database holds masked personal data and token hashes. */
const PRIVATE_FILE = 0o600;

/**
 * Make `path` and its `-wal`/`-shm` owner-only (0600) whatever the umask, before SQLite opens it: the main file is
 * created here with that mode (or tightened if an earlier version left it 0644), and SQLite gives the WAL and
 * shared-memory files it creates the main file's mode; ones left from an earlier run are tightened too.
 */
function makePrivate(path: string): void {
  closeSync(openSync(path, "a", PRIVATE_FILE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, PRIVATE_FILE);
}

/**
 * Open (creating if needed) the database at `path`: WAL + synchronous=FULL, so a commit that returned is on disk
 * and survives SIGKILL or power loss; foreign keys on; migrations applied in one transaction each. The file and
 * its `-wal`/`-shm` are 0600 (owner only). Throws what better-sqlite3 or the file system throws.
 */
export function openDatabase(path: string): Db {
  if (path !== ":memory:") {
    mkdirSync(dirname(path), { recursive: true });
    makePrivate(path);
  }
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of migrations()) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db;
}

/** The schema version this code brings a database to (the highest numbered migration). */
export function latestSchemaVersion(): number {
  return Math.max(0, ...migrations().map((m) => m.version));
}

/**
 * Open an existing hall database read-only (safe beside a running server: WAL readers never block it). Throws when
 * the file is missing, or when its schema is older or newer than this code's (a read-only open cannot migrate).
 */
export function openDatabaseReadOnly(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = latestSchemaVersion();
  if (current !== latest) {
    db.close();
    throw new Error(
      current < latest
        ? `database ${path} has schema ${current}, older than this hall-server's ${latest}: start the hall once to upgrade it`
        : `database ${path} has schema ${current}, newer than this hall-server's ${latest}: use a newer hall-server`,
    );
  }
  return db;
}
