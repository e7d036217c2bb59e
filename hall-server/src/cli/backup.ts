/**
 * `hall-server backup`: one backup file of the hall (database snapshot + key file encrypted with a passphrase),
 * while it serves or not. See backup/backup.ts for what a backup holds and README "Backups and restore".
 *
 * Against a running hall this command opens the database read-only in its own process rather than asking the
 * server through its admin API: SQLite's backup API is safe across processes in WAL mode (a reader never blocks
 * the server's writers and copies one committed state), it works the same whether the hall is up or down (a
 * stopped hall needs a backup before an upgrade most of all), and it changes nothing, so it needs no operator
 * token and leaves no audit entry to write.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { createBackup } from "../backup/backup.ts";
import { BackupError } from "../backup/backupFile.ts";
import { obtainPassphrase, PASSPHRASE_ENV } from "../backup/passphrase.ts";
import { loadForCli } from "./hallAccess.ts";
import { configOption, writeOut } from "./options.ts";
import { assertReadableFile, CliError, RefusedError, withExample } from "./support.ts";

/**
 * A `BackupError` as the CLI reports it: a passphrase that is missing or too short is a bad value (CliError, exit
 * 2); every other refusal is the hall's answer (RefusedError, exit 1). Other errors pass through.
 */
export function cliErrorOf(error: unknown): unknown {
  if (!(error instanceof BackupError)) return error;
  return error.code === "NO_PASSPHRASE" || error.code === "WEAK_PASSPHRASE"
    ? new CliError(error.message)
    : new RefusedError(error.message);
}

/** The help text on where the passphrase comes from (shared with `restore`). */
export const PASSPHRASE_HELP = `the passphrase: the first line of <file>; else ${PASSPHRASE_ENV}; else asked at a terminal (never a flag value: ps shows those)`;

/** Register `backup`. */
export function registerBackup(program: Command): void {
  withExample(
    configOption(
      program
        .command("backup")
        .description(
          "write one backup file of the hall (database snapshot + key file encrypted with a passphrase); safe while it serves",
        )
        .option("--out <file>", "the backup file to write")
        .option(
          "--dir <dir>",
          "directory for the backup, named hall-<hall id>-<UTC time>.owbackup (default: config backup.dir, else backups/ beside config.json)",
        )
        .option("--passphrase-file <file>", PASSPHRASE_HELP),
    ),
    "hall-server backup --config /srv/hall/config.json --dir /mnt/usb --passphrase-file /root/backup-passphrase",
  ).action(async (opts: { config: string; out?: string; dir?: string; passphraseFile?: string }) => {
    if (opts.out && opts.dir) throw new CliError("backup takes --out <file> or --dir <dir>, not both");
    const configPath = resolve(opts.config);
    const { config } = loadForCli(configPath);
    // A backup is what an operator falls back on: never replace one silently.
    if (opts.out && existsSync(opts.out))
      throw new RefusedError(`${resolve(opts.out)} already exists; name a new file or remove the old one first`);
    try {
      if (opts.passphraseFile !== undefined) assertReadableFile("the passphrase file", opts.passphraseFile);
      const passphrase = await obtainPassphrase({ file: opts.passphraseFile, confirm: true });
      const dir = opts.dir ? resolve(opts.dir) : (config.backup?.dir ?? join(dirname(configPath), "backups"));
      const { path, manifest } = await createBackup({
        source: config.dbPath,
        config,
        passphrase,
        ...(opts.out ? { file: resolve(opts.out) } : { dir }),
      });
      writeOut(
        `backed up hall ${manifest.hallId} ("${manifest.hallName}", schema ${manifest.schemaVersion}, ` +
          `${manifest.db.bytes} bytes of database) to ${path}\n` +
          "keep the passphrase apart from the backup: without it the hall's keys cannot be restored\n",
      );
    } catch (error) {
      throw cliErrorOf(error);
    }
  });
}
