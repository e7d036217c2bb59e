/**
 * How a CLI command reaches a hall, by what it does:
 *
 *   read-only command  --> readHall():   the database opened read-only (beside a running server: WAL readers never
 *                                         block it, and nothing is closed, released or migrated)
 *   changing command   --> changeHall(): hall running?  yes -> the running server's API on loopback, with the
 *                                                              operator token from the lock file (hallLock.ts)
 *                                                       no  -> take the lock, open the database, run the use case
 *
 * So a change is always made by one process, through the same use cases and transactions as the API.
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ErrorBody } from "@onewindow/contract";
import { loadHallConfig, type ConfigFlags, type LoadedConfig, type ResolvedConfig } from "../config.ts";
import { createLogger, generateKeyring, loadOrCreateKeyring, parseKeyring, type Keyring } from "../security/index.ts";
import { createContext, type HallContext } from "../services/context.ts";
import { ensureHallId } from "../services/hallIdentity.ts";
import { openDatabase, openDatabaseReadOnly } from "../store/db.ts";
import { acquireLock, describeHolder, liveLock, type HallLock } from "./hallLock.ts";
import { CliError, RefusedError, fsProblem } from "./support.ts";

/**
 * Load the hall's config for a command: `configPath` (from `--config`, default ./config.json), then the environment,
 * then `flags`. A missing file is a CliError telling the operator to run `init` or pass --config.
 */
export function loadForCli(configPath: string, flags: ConfigFlags = {}): LoadedConfig {
  const path = resolve(configPath);
  if (!existsSync(path))
    throw new CliError(
      `no hall config at ${path} (flag --config, default ./config.json): create a hall with init, or pass --config <file>`,
    );
  return loadHallConfig(path, { flags });
}

function quietContext(db: HallContext["db"], config: ResolvedConfig, keyring: Keyring): HallContext {
  return createContext({ db, config, clock: Date.now, keyring, log: createLogger({ level: "silent" }) });
}

/** The hall's keys for reading: the key file if there is one, else throwaway keys (a read never writes a hash). */
function keysForReading(config: ResolvedConfig): Keyring {
  if (!existsSync(config.keyPath)) return generateKeyring();
  return parseKeyring(readFileSync(config.keyPath, "utf8"), config.keyPath);
}

/**
 * Run `fn` on the hall's database opened read-only, running server or not; closes it afterwards. Throws CliError
 * when there is no database yet or its schema does not match this code.
 */
export async function readHall<T>(config: ResolvedConfig, fn: (ctx: HallContext) => T | Promise<T>): Promise<T> {
  if (!existsSync(config.dbPath))
    throw new CliError(`no database at ${config.dbPath} (dataDir in config.json or ONEWINDOW_DATA_DIR)`);
  let db;
  try {
    db = openDatabaseReadOnly(config.dbPath);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  try {
    return await fn(quietContext(db, config, keysForReading(config)));
  } finally {
    db.close();
  }
}

/**
 * Open the hall for writing in this process (the hall must be down: take the lock first). Gives the hall an id if
 * it has none. Throws CliError naming the directory when it cannot be created or written.
 */
export function openHallForWriting(config: ResolvedConfig): { ctx: HallContext; close(): void } {
  let db;
  try {
    db = openDatabase(config.dbPath);
  } catch (error) {
    throw fsProblem("open the database", config.dbPath, error);
  }
  try {
    const ctx = quietContext(db, config, loadOrCreateKeyring(config.keyPath));
    ensureHallId(ctx);
    return { ctx, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A client of the running server's API, authenticated as the operator. */
export interface OperatorApi {
  /** The running server's pid and URL. */
  lock: HallLock;
  /**
   * Call `method path` with a JSON body, or with a file's bytes as they are when `body` is a Buffer (no Content-Type:
   * the server tells the type by the bytes); resolves the JSON answer, throws RefusedError with the server's message.
   */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

function operatorApi(lock: HallLock): OperatorApi {
  return {
    lock,
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(`${lock.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${lock.token ?? ""}`,
            ...(body === undefined || Buffer.isBuffer(body) ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body),
        });
      } catch (error) {
        throw new RefusedError(
          `${describeHolder(lock)} but does not answer at ${lock.url ?? "?"}: ${(error as Error).message}`,
        );
      }
      const answer = (await res.json().catch(() => ({}))) as unknown;
      if (!res.ok)
        throw new RefusedError(
          `the running hall (pid ${lock.pid}) refused: ${(answer as ErrorBody).error?.message ?? `HTTP ${res.status}`}`,
        );
      return answer as T;
    },
  };
}

/**
 * Make a change: through the running server's API when the hall is up (`remote`), else on the database in this
 * process under the lock (`local`). Without `remote`, a running hall is a CliError naming its pid. A lock held by
 * another CLI command is a CliError naming it.
 */
export async function changeHall<T>(
  config: ResolvedConfig,
  how: { local: (ctx: HallContext) => T | Promise<T>; remote?: (api: OperatorApi) => Promise<T>; what: string },
): Promise<T> {
  const holder = liveLock(config);
  if (holder?.role === "server") {
    if (!how.remote) throw new CliError(`${describeHolder(holder)}: stop it before you ${how.what}`);
    if (!holder.url || !holder.token)
      throw new CliError(`${describeHolder(holder)} and is still starting: try again in a moment`);
    return how.remote(operatorApi(holder));
  }
  if (holder) throw new CliError(describeHolder(holder));
  const lock = acquireLock(config, "cli");
  try {
    const hall = openHallForWriting(config);
    try {
      return await how.local(hall.ctx);
    } finally {
      hall.close();
    }
  } finally {
    lock.release();
  }
}

/** Refuse (CliError naming the pid) when the hall is running; for commands that must not run beside it. */
export function assertHallDown(config: ResolvedConfig, what: string): void {
  const holder = liveLock(config);
  if (holder) throw new CliError(`${describeHolder(holder)}: stop it before you ${what}`);
}
