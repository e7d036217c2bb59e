/**
 * `hall-server backup` and `hall-server restore` as functions the CLI calls: they take the parsed options, do the
 * work and return the lines to print (the CLI owns the terminal). Errors are `BackupError` (refusals, nothing
 * changed), `ConfigError` (a config file that cannot be used) or what the file system throws.
 *
 * `backup` against a running hall opens its own read-only connection instead of asking the server through its
 * admin API: SQLite's backup API is safe across processes in WAL mode (a reader never blocks the server's writers
 * and copies one committed state), it works the same whether the hall is up or down (a stopped hall needs a backup
 * before an upgrade most of all), and it needs no admin credentials on the command line.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { loadConfigFile } from "../config.ts";
import { createBackup, restoreBackup } from "./backup.ts";
import { obtainPassphrase } from "./passphrase.ts";

/** Options of `hall-server backup`. */
export interface BackupCommandOptions {
  /** The hall's config.json. */
  configPath: string;
  /** The backup file to write; else a file named by hall id and time in `dir`. */
  out?: string;
  /** Where to put the backup (default: config `backup.dir`, else `backups/` beside config.json). */
  dir?: string;
  passphraseFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Back up the hall of `configPath` (running or not); returns the lines to print. */
export async function backupCommand(options: BackupCommandOptions): Promise<string[]> {
  const configPath = resolve(options.configPath);
  const config = loadConfigFile(configPath, options.env);
  const passphrase = await obtainPassphrase({ file: options.passphraseFile, env: options.env, confirm: true });
  const dir = options.dir ? resolve(options.dir) : (config.backup?.dir ?? join(dirname(configPath), "backups"));
  const { path, manifest } = await createBackup({
    source: config.dbPath,
    config,
    passphrase,
    ...(options.out ? { file: resolve(options.out) } : { dir }),
  });
  return [
    `backed up hall ${manifest.hallId} ("${manifest.hallName}", schema ${manifest.schemaVersion}, ` +
      `${manifest.db.bytes} bytes) to ${path}`,
    "keep the passphrase apart from the backup: without it the hall's keys cannot be restored",
  ];
}

/** Options of `hall-server restore`. */
export interface RestoreCommandOptions {
  file: string;
  /** A hall directory: its config.json is used if present; otherwise a new hall is made there. */
  dir?: string;
  /** An existing hall's config.json (instead of `dir`). */
  configPath?: string;
  passphraseFile?: string;
  env?: NodeJS.ProcessEnv;
}

/** Restore `file` into a hall (see `restoreBackup` for every check); returns the lines to print. */
export async function restoreCommand(options: RestoreCommandOptions): Promise<string[]> {
  let configPath = options.configPath ? resolve(options.configPath) : join(resolve(options.dir ?? "."), "config.json");
  const fresh = !options.configPath && !existsSync(configPath);
  const target = fresh
    ? {
        dbPath: join(dirname(configPath), "data", "hall.db"),
        keyPath: join(dirname(configPath), "keys.json"),
        newConfigPath: configPath,
      }
    : loadConfigFile(configPath, options.env);
  const passphrase = await obtainPassphrase({ file: options.passphraseFile, env: options.env, confirm: false });
  const { manifest, movedAside } = await restoreBackup({
    file: resolve(options.file),
    passphrase,
    dbPath: target.dbPath,
    keyPath: target.keyPath,
    ...(fresh ? { newConfigPath: configPath } : {}),
  });
  configPath = resolve(configPath);
  return [
    `restored hall ${manifest.hallId} ("${manifest.hallName}") as of ${manifest.createdAt} into ${dirname(configPath)}`,
    ...movedAside.map((p) => `  previous file kept as ${p}`),
    `start it with: hall-server start --config ${configPath}`,
  ];
}
