/**
 * `hall-server restore <file>`: put a backup in place, into a new hall directory or onto the (stopped) hall it was
 * taken from. Every check comes before any change (backup/backup.ts `restoreBackup`); a running hall is refused,
 * naming its process, through the hall's lock file (hallLock.ts).
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { restoreBackup } from "../backup/backup.ts";
import { BackupError } from "../backup/backupFile.ts";
import { obtainPassphrase } from "../backup/passphrase.ts";
import { resolveConfig, type ResolvedConfig } from "../config.ts";
import { cliErrorOf, PASSPHRASE_HELP } from "./backup.ts";
import { loadForCli } from "./hallAccess.ts";
import { acquireLock, describeHolder, liveLock } from "./hallLock.ts";
import { writeOut } from "./options.ts";
import { assertReadableFile, CliError, RefusedError, withExample } from "./support.ts";

/** The hall's lock for a restore: refused (BackupError HALL_RUNNING, naming the process) while anyone holds it. */
function lockFor(config: ResolvedConfig): () => () => void {
  return () => {
    const holder = liveLock(config);
    if (holder)
      throw new BackupError(
        "HALL_RUNNING",
        `refusing to restore onto a running hall: ${describeHolder(holder)}; stop it first` +
          ` (systemctl stop onewindow-hall, or end process ${holder.pid}); nothing was changed`,
      );
    const lock = acquireLock(config, "cli");
    return () => lock.release();
  };
}

/** Register `restore`. */
export function registerRestore(program: Command): void {
  withExample(
    program
      .command("restore")
      .description(
        "restore a backup into a new hall directory, or onto the stopped hall it came from; checks it completely first",
      )
      .argument("<file>", "the backup file (.owbackup)")
      .option(
        "--dir <dir>",
        "the hall directory: its config.json if it has one, else a new hall is made there from the backup",
      )
      .option("--config <file>", "an existing hall's config.json (instead of --dir)")
      .option("--passphrase-file <file>", PASSPHRASE_HELP),
    "hall-server restore /mnt/usb/hall-<hall id>-20261130T023000000Z.owbackup --dir /srv/hall-restored --passphrase-file /root/backup-passphrase",
    "hall-server start --config /srv/hall-restored/config.json",
  ).action(async (file: string, opts: { dir?: string; config?: string; passphraseFile?: string }) => {
    if (Boolean(opts.dir) === Boolean(opts.config))
      throw new CliError("restore needs exactly one of --dir <hall directory> or --config <file>");
    const configPath = opts.config ? resolve(opts.config) : join(resolve(opts.dir!), "config.json");
    const fresh = !opts.config && !existsSync(configPath);
    // A new hall goes into a directory of its own: mixing it into unrelated files would make both hard to manage.
    if (fresh && existsSync(dirname(configPath)) && readdirSync(dirname(configPath)).length > 0)
      throw new RefusedError(
        `${dirname(configPath)} holds files but no hall (no config.json); restore into a new, empty directory`,
      );
    // A new hall directory gets the default layout (data/hall.db, keys.json) and the backup's config.json.
    const config = fresh ? resolveConfig({}, dirname(configPath)) : loadForCli(configPath).config;
    try {
      assertReadableFile("the backup", file);
      if (opts.passphraseFile !== undefined) assertReadableFile("the passphrase file", opts.passphraseFile);
      const passphrase = await obtainPassphrase({ file: opts.passphraseFile, confirm: false });
      const { manifest, movedAside } = await restoreBackup({
        file: resolve(file),
        passphrase,
        dbPath: config.dbPath,
        keyPath: config.keyPath,
        lockHall: lockFor(config),
        ...(fresh ? { newConfigPath: configPath } : {}),
      });
      writeOut(
        [
          `restored hall ${manifest.hallId} ("${manifest.hallName}") as of ${manifest.createdAt} into ${dirname(configPath)}`,
          ...movedAside.map((p) => `  the previous file is kept as ${p}`),
          `start it with: hall-server start --config ${configPath}`,
        ].join("\n") + "\n",
      );
    } catch (error) {
      throw cliErrorOf(error);
    }
  });
}
