/**
 * The hall lock: `hall.lock` beside `hall.db`, held while a process owns the hall's files (the serving
 * `hall-server start`, or a `restore` rewriting them). It is how a restore finds a running hall and names it.
 *
 * Agreed shape for the CLI work (issue 8): the file holds one JSON object `{ pid, command, startedAt }`, is
 * created with O_EXCL (mode 0600) and removed when its holder stops. A lock whose pid is no longer alive (the
 * holder was SIGKILLed or the machine lost power) is stale and taken over. SQLite's own locks cannot serve: an
 * idle WAL-mode server holds no lock a second process could see.
 */
import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Who holds a hall lock. */
export interface HallLockHolder {
  pid: number;
  /** What the holder does, e.g. "hall-server start" or "hall-server restore". */
  command: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
}

/** Thrown by `acquireHallLock` when a live process holds the lock; the message names it. */
export class HallLockedError extends Error {
  override name = "HallLockedError";
  constructor(
    readonly lockPath: string,
    readonly holder: HallLockHolder,
  ) {
    super(
      `the hall is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}); stop it first` +
        ` (if no such process runs, delete ${lockPath})`,
    );
  }
}

/** The lock file of the hall whose database is `dbPath`. */
export const hallLockPath = (dbPath: string): string => join(dirname(dbPath), "hall.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it is alive all the same.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): HallLockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<HallLockHolder>;
    if (typeof holder.pid === "number" && Number.isInteger(holder.pid) && holder.pid > 0)
      return { pid: holder.pid, command: String(holder.command ?? "?"), startedAt: String(holder.startedAt ?? "?") };
  } catch {
    // Not ours to interpret (locks are written whole, see acquireHallLock): treat as held by nobody.
  }
  return { pid: 0, command: "?", startedAt: "?" };
}

/** The live holder of the hall lock for `dbPath`, or undefined when the hall is free (no lock, or a stale one). */
export function hallLockHolder(dbPath: string): HallLockHolder | undefined {
  const holder = readHolder(hallLockPath(dbPath));
  return holder && holder.pid > 0 && alive(holder.pid) ? holder : undefined;
}

/**
 * Take the hall lock for `dbPath` (its directory must exist) on behalf of this process doing `command`. Returns
 * the release function (idempotent; removes the file only if it is still ours). Throws `HallLockedError` when a
 * live process holds it (this process included: two servers on one hall are refused too), or the file system's
 * error when the directory is not writable.
 */
export function acquireHallLock(dbPath: string, command: string): () => void {
  const path = hallLockPath(dbPath);
  const mine: HallLockHolder = { pid: process.pid, command, startedAt: new Date().toISOString() };
  // Written whole to a private temp file, then hard-linked into place: link() fails if the lock exists, so no
  // process ever reads a half-written lock (the same pattern as the key file in security/keyring.ts).
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temp, JSON.stringify(mine) + "\n", { mode: 0o600, flag: "wx" });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = readHolder(path);
        if (holder && holder.pid > 0 && alive(holder.pid)) throw new HallLockedError(path, holder);
        // Stale: its holder is gone. Remove it and try once more; a racing taker makes our link() fail again.
        rmSync(path, { force: true });
        continue;
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    }
    const holder = readHolder(path);
    throw new HallLockedError(path, holder ?? { pid: 0, command: "?", startedAt: "?" });
  } finally {
    rmSync(temp, { force: true });
  }
}
