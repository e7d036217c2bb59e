/**
 * The hall's lock file, `<dataDir>/hall-server.lock` (mode 0600), held by whoever is changing the hall:
 *
 *   role "server": a running `start`/`demo`; records its pid, the loopback URL of its API and an operator token
 *                  (see createApp's `operatorToken`) so CLI commands on this machine can change state through it.
 *   role "cli":    a state-changing CLI command working on the database itself while the hall is down.
 *
 * Created with O_EXCL, so two holders cannot both win; a lock whose process is gone (killed, power loss) is stale
 * and taken over. The token never leaves this machine: the file is owner-only, and the server accepts the token
 * only on connections from this machine.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { ResolvedConfig } from "../config.ts";
import { CliError } from "./support.ts";

/** The lock file's name inside the data directory. */
export const LOCK_FILE_NAME = "hall-server.lock";

/** What the lock file holds (JSON). */
export interface HallLock {
  pid: number;
  role: "server" | "cli";
  /** When the holder took the lock (ms since the epoch). */
  startedAt: number;
  /** Server only: "http://127.0.0.1:<port>", the API as this machine reaches it. */
  url?: string;
  /** Server only: the operator bearer token. */
  token?: string;
}

/** The lock file path of a hall: beside its database. */
export function lockPathOf(config: ResolvedConfig): string {
  return join(dirname(config.dbPath), LOCK_FILE_NAME);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else (the service user): still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readLock(path: string): HallLock | undefined {
  try {
    const lock = JSON.parse(readFileSync(path, "utf8")) as HallLock;
    return Number.isInteger(lock.pid) ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** The lock of a process that is still alive, or undefined (no lock, unreadable, or stale). */
export function liveLock(config: ResolvedConfig): HallLock | undefined {
  const lock = readLock(lockPathOf(config));
  return lock && lock.pid !== process.pid && alive(lock.pid) ? lock : undefined;
}

/** The message naming who holds the hall: "the hall is running (pid 1234, http://127.0.0.1:8080)". */
export function describeHolder(lock: HallLock): string {
  return lock.role === "server"
    ? `the hall is running (pid ${lock.pid}${lock.url ? `, ${lock.url}` : ""})`
    : `another hall-server command (pid ${lock.pid}) is changing this hall`;
}

/** A held lock: `update` rewrites its content atomically, `release` removes it (only if it is still ours). */
export interface HeldLock {
  path: string;
  update(fields: Partial<HallLock>): void;
  release(): void;
}

/**
 * Take the hall's lock as `role`. Throws CliError naming the holder when a live process holds it, or naming the
 * directory when the file cannot be created (read-only directory, permissions).
 */
export function acquireLock(
  config: ResolvedConfig,
  role: HallLock["role"],
  dataDirSource = "dataDir in config.json",
): HeldLock {
  const path = lockPathOf(config);
  let lock: HallLock = { pid: process.pid, role, startedAt: Date.now() };
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, JSON.stringify(lock) + "\n");
      closeSync(fd);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "EEXIST")
        throw new CliError(
          `cannot create the lock file ${path}: ${code === "EACCES" || code === "EROFS" || code === "EPERM" ? "the directory cannot be created or written" : (error as Error).message} (${dataDirSource})`,
        );
      const holder = readLock(path);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new CliError(`${describeHolder(holder)}`);
      if (attempt > 2) throw new CliError(`cannot take the lock file ${path}: it keeps reappearing`);
      // Stale: its process is gone.
      try {
        unlinkSync(path);
      } catch {
        // Someone else removed it first; try again.
      }
    }
  }
  return {
    path,
    update(fields) {
      lock = { ...lock, ...fields };
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(lock) + "\n", { mode: 0o600 });
      renameSync(temp, path);
    },
    release() {
      if (readLock(path)?.pid !== process.pid) return;
      try {
        unlinkSync(path);
      } catch {
        // Already gone.
      }
    },
  };
}
