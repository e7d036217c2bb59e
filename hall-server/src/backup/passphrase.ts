/**
 * Where a backup passphrase comes from: a file (`--passphrase-file`, or the nightly backup's `passphraseFile`),
 * the environment (ONEWINDOW_BACKUP_PASSPHRASE, e.g. from a systemd credential), or a prompt at a terminal.
 * Never a command-line value: arguments are visible to every user in `ps`.
 */
import { readFileSync } from "node:fs";
import { promptHidden, PromptCancelled } from "../terminal/promptHidden.ts";
import { BackupError } from "./backupFile.ts";

/** The environment variable a passphrase may come from. */
export const PASSPHRASE_ENV = "ONEWINDOW_BACKUP_PASSPHRASE";

/**
 * The passphrase in `path`: its first line (a trailing newline, as editors add, is not part of it). Throws
 * `BackupError` NO_PASSPHRASE naming the file when it cannot be read or its first line is empty.
 */
export function readPassphraseFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new BackupError("NO_PASSPHRASE", `cannot read the passphrase file ${path}: ${(error as Error).message}`);
  }
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  if (first === "") throw new BackupError("NO_PASSPHRASE", `the passphrase file ${path} is empty`);
  return first;
}

/**
 * The passphrase for a backup or restore: from `file` if given, else the environment, else a hidden prompt when
 * stdin is a terminal (asked twice when `confirm`, for a new backup). Throws `BackupError` NO_PASSPHRASE when none
 * of these gives one, or when the two prompted entries differ.
 */
export async function obtainPassphrase(options: {
  file?: string;
  env?: NodeJS.ProcessEnv;
  confirm: boolean;
}): Promise<string> {
  if (options.file) return readPassphraseFile(options.file);
  const fromEnv = (options.env ?? process.env)[PASSPHRASE_ENV];
  // Set but empty is a mistake to name (as for every ONEWINDOW_* variable), not a reason to look elsewhere.
  if (fromEnv === "") throw new BackupError("NO_PASSPHRASE", `${PASSPHRASE_ENV} is set but empty (environment)`);
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY)
    throw new BackupError(
      "NO_PASSPHRASE",
      `no passphrase: give --passphrase-file <file>, set ${PASSPHRASE_ENV}, or run at a terminal to be asked`,
    );
  try {
    const first = await promptHidden("backup passphrase: ");
    if (options.confirm && (await promptHidden("again, to confirm: ")) !== first)
      throw new BackupError("NO_PASSPHRASE", "the two passphrases differ; nothing was written");
    return first;
  } catch (error) {
    if (error instanceof PromptCancelled) throw new BackupError("NO_PASSPHRASE", "cancelled at the passphrase prompt");
    throw error;
  }
}
