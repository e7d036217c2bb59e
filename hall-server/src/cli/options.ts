/** Options several commands share (`--config`, `--port`, `--host`) and writing to standard output. */
import type { Command } from "commander";
import { intOption, textOption } from "./support.ts";

/** Add `--config <file>` (default ./config.json). */
export function configOption(command: Command): Command {
  return command.option("--config <file>", "the hall's config.json", "config.json");
}

/** Add `--port <n>` and `--host <address>`, which override ONEWINDOW_PORT/HOST and config.json on this run. */
export function listenOptions(command: Command): Command {
  return command
    .option(
      "--port <n>",
      "TCP port (0 picks a free one); overrides ONEWINDOW_PORT and config.json",
      intOption("--port", 0, 65535),
    )
    .option(
      "--host <address>",
      "address to listen on (0.0.0.0: the LAN); overrides ONEWINDOW_HOST and config.json",
      textOption("--host"),
    );
}

/**
 * Write to standard output. A closed pipe (`| head`) ends the process quietly with exit 0: see the EPIPE handler
 * installed by `runCli`.
 */
export function writeOut(text: string): void {
  process.stdout.write(text);
}
