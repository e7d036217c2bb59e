/**
 * The agent's journals open their SQLite file through here: created 0600 before SQLite touches it (a take's reserve
 * body may hold an ID number, a bad review's text is the citizen's own words), WAL, and synchronous=FULL, so a step
 * written is on disk before its effect starts (a SIGKILL or a power cut loses no step).
 */
import { chmodSync, closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";

/** Open (creating if needed) the journal database at `path`. Throws when the file cannot be created or opened. */
export function openDurableDb(path: string): Database.Database {
  closeSync(openSync(path, "a", 0o600));
  chmodSync(path, 0o600);
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  return db;
}
