/**
 * What every CLI command shares: the usage error (exit 2), typed option parsers whose messages name the flag, the
 * one-line rendering of any error, and the `--help` example block.
 */
import { accessSync, constants, statSync } from "node:fs";
import { Command, InvalidArgumentError } from "commander";
import { ConfigError } from "../config.ts";
import { isAppError } from "../errors.ts";
import { isSecurityError } from "../security/index.ts";

/** A flag, argument or environment value that cannot be used. The message names it and its source; exit code 2. */
export class CliError extends Error {
  override name = "CliError";
}

/** A request the hall refused (a running server's answer, or a use case's AppError); exit code 1. */
export class RefusedError extends Error {
  override name = "RefusedError";
}

/**
 * A commander argument parser for an integer in [min, max]. Refuses "", "8080abc", "1e3", "-1" with
 * `<flag> must be an integer <min>-<max> (flag)`, which commander prints after the flag and value.
 */
export function intOption(flag: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d{1,15}$/.test(value.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`${flag} must be an integer ${min}-${max} (flag)`);
    return n;
  };
}

/** A commander parser for a non-blank string flag (a host name, a name). */
export function textOption(flag: string, maxLength = 200): (value: string) => string {
  return (value) => {
    if (value.trim() === "") throw new InvalidArgumentError(`${flag} must not be empty (flag)`);
    if (value.length > maxLength) throw new InvalidArgumentError(`${flag} is longer than ${maxLength} characters`);
    return value;
  };
}

/** Append an "Example:" block to a command's `--help`. */
export function withExample(command: Command, ...lines: string[]): Command {
  return command.addHelpText(
    "after",
    `\nExample${lines.length > 1 ? "s" : ""}:\n${lines.map((l) => `  $ ${l}`).join("\n")}`,
  );
}

/**
 * A command group such as `catalog`: `hall-server catalog` alone, or with an unknown verb, is a usage error naming
 * the verbs (exit 2) rather than commander's help page with exit 1.
 */
export function commandGroup(parent: Command, name: string, description: string, ...examples: string[]): Command {
  const group = withExample(
    parent.command(name).description(description).usage("<verb> [options]"),
    ...examples,
  ).argument("[verb]");
  group.action((verb: string | undefined) => {
    const verbs = group.commands.map((c) => c.name()).join(", ");
    throw new CliError(
      verb === undefined
        ? `${name} needs a verb: ${verbs} (see hall-server ${name} --help)`
        : `${name} has no verb "${verb}"; it has ${verbs} (see hall-server ${name} --help)`,
    );
  });
  return group;
}

const FS_PROBLEMS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOENT: "no such file or directory",
  ENOSPC: "no space left on device",
  EISDIR: "is a directory",
  ENOTDIR: "a path component is not a directory",
};

/** One line for a file-system error: "cannot <what> <path>: permission denied". */
export function fsProblem(what: string, path: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  return new CliError(`cannot ${what} ${path}: ${FS_PROBLEMS[code] ?? (error as Error).message}`);
}

/**
 * Check that `path` names a readable file before a command relies on it, so a missing or unreadable input is one
 * plain line (exit 2) whatever library reads it later. `what` reads as "the backup", "the passphrase file".
 */
export function assertReadableFile(what: string, path: string): void {
  try {
    accessSync(path, constants.R_OK);
    if (statSync(path).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  } catch (error) {
    throw fsProblem(`read ${what}`, path, error);
  }
}

/**
 * The exit code and the single stderr line for an error thrown by a command: 2 for bad flags, environment or config
 * (CliError, ConfigError), 1 for a refusal (AppError, RefusedError) or anything else. Never a stack trace; multi-line
 * messages (a catalogue's several problems) are joined with "; ".
 */
export function renderError(error: unknown): { exitCode: number; line: string } {
  const message = (error instanceof Error ? error.message : String(error))
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("; ")
    .replace(/:;/g, ":");
  const usage = error instanceof CliError || error instanceof ConfigError || isSecurityError(error);
  const known = usage || error instanceof RefusedError || isAppError(error);
  return { exitCode: usage ? 2 : 1, line: `hall-server: ${known ? "" : "unexpected error: "}${message}` };
}
