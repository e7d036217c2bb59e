/**
 * The nightly backup a serving hall makes of itself (config `backup`): at `backup.time` in the hall's time zone,
 * a backup through the server's own connection (the backup API reads it without blocking the writers), then the
 * `backup.keep` newest of this hall are kept. A failure is logged and the next night is tried again; it never
 * stops the hall.
 */
import type { Logger } from "pino";
import { ConfigError, type ResolvedConfig } from "../config.ts";
import { isoTime, nextDailyAt } from "../domain/serviceDay.ts";
import type { Db } from "../store/db.ts";
import { createBackup, pruneBackups } from "./backup.ts";
import type { KdfParams } from "./backupFile.ts";
import { readPassphraseFile } from "./passphrase.ts";

/** A running nightly schedule. */
export interface NightlyBackups {
  /** Run one backup + prune now (what the timer does); resolves to the backup's path. Throws what the backup throws. */
  runNow(): Promise<string>;
  /** Cancel the timer and wait for a backup in progress to finish (call before closing the database). */
  stop(): Promise<void>;
}

/**
 * Schedule nightly backups of the hall open on `db` per `config.backup` (which must be set). The passphrase file
 * is read at each run (so it can be changed without a restart) and once now: an unreadable one throws `BackupError`
 * NO_PASSPHRASE here, at boot, instead of failing silently at night. `now` is wall-clock epoch ms (default
 * Date.now); `kdf` is for tests.
 */
export function scheduleNightlyBackups(deps: {
  db: Db;
  config: ResolvedConfig;
  log: Logger;
  now?: () => number;
  kdf?: KdfParams;
}): NightlyBackups {
  const settings = deps.config.backup;
  if (!settings) throw new TypeError("scheduleNightlyBackups needs config.backup");
  const now = deps.now ?? Date.now;
  const log = deps.log.child({ module: "backup" });
  try {
    readPassphraseFile(settings.passphraseFile);
  } catch (error) {
    // At boot this is a config problem (exit 2 naming the field), not a failed backup.
    throw new ConfigError(`backup.passphraseFile: ${(error as Error).message}`);
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const runNow = async (): Promise<string> => {
    const { path, manifest } = await createBackup({
      source: deps.db,
      config: deps.config,
      passphrase: readPassphraseFile(settings.passphraseFile),
      dir: settings.dir,
      now,
      kdf: deps.kdf,
    });
    const pruned = pruneBackups(settings.dir, manifest.hallId, settings.keep);
    log.info({ path, bytes: manifest.db.bytes, pruned: pruned.length }, "nightly backup written");
    return path;
  };

  const arm = () => {
    if (stopped) return;
    const at = nextDailyAt(now(), settings.time, deps.config.timeZone);
    timer = setTimeout(
      () => {
        running = runNow()
          .catch((error: unknown) => log.error({ err: error }, "nightly backup failed; trying again next night"))
          .finally(arm);
      },
      Math.max(0, at - now()),
    );
    timer.unref();
    log.debug({ next: isoTime(at) }, "nightly backup scheduled");
  };
  arm();

  return {
    runNow: () => {
      const run = runNow();
      running = run.catch(() => undefined);
      return run;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
