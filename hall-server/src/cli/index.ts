/**
 * The hall-server CLI: the program, its command registry, and `runCli`, which maps every outcome to one exit code.
 *
 * HOW TO ADD A COMMAND (e.g. `hall-server backup`):
 *   1. Create `hall-server/src/cli/<command>.ts` exporting `register<Command>(program: Command): void`, which calls
 *      `program.command("<name>")` (so it inherits exit handling and output), declares every option with a
 *      description (typed values through `intOption`/`textOption` from support.ts, `--config` through
 *      `configOption` from options.ts), adds an example with `withExample`, and ends in `.action(async (...) => …)`.
 *      For a command with verbs (`backup create|list`) start from `commandGroup(program, "backup", "...")`, which
 *      makes a missing or unknown verb a usage error.
 *   2. Inside the action: `loadForCli(opts.config, flags)` for the config (flag > environment > config.json, each
 *      value's source named in errors); `readHall(config, ctx => …)` for reads (database opened read-only, fine
 *      while the hall runs); `changeHall(config, { what, local: ctx => …, remote: api => api.call(…) })` for
 *      changes (through the running server's admin API, or under the lock when the hall is down; omit `remote`
 *      to refuse while the hall runs, naming its pid); `assertHallDown(config, what)` / `liveLock(config)` when a
 *      command must not run beside a server (restore). `hallId(ctx)` (services/hallIdentity.ts) gives the hall id.
 *   3. Throw `CliError` for a bad flag, value or file (exit 2, one line naming the value and its source),
 *      `RefusedError`/`AppError` for a refusal (exit 1). Never print stacks; `runCli` renders every error as one
 *      line. Write results with `writeOut` (a closed pipe then ends quietly).
 *   4. Add `register<Command>` to COMMANDS below (keep the list in `--help` order), and a spawned-process test in
 *      `hall-server/src/cli/<command>.test.ts` (see cli/testing.ts for helpers: temp halls, free ports).
 */
import { Command, CommanderError } from "commander";
import { registerBackup } from "./backup.ts";
import { registerCatalog } from "./catalog.ts";
import { registerDemo } from "./demo.ts";
import { registerDevice } from "./device.ts";
import { registerInit } from "./init.ts";
import { registerStaff } from "./staff.ts";
import { registerRestore } from "./restore.ts";
import { registerStart } from "./start.ts";
import { registerStatus } from "./status.ts";
import { CliError, renderError } from "./support.ts";

/** Every command, in the order `hall-server --help` lists them. */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  registerInit,
  registerStart,
  registerDemo,
  registerStatus,
  registerCatalog,
  registerDevice,
  registerStaff,
  registerBackup,
  registerRestore,
];

/** The program with every registered command; errors are thrown (exitOverride), never `process.exit`ed. */
export function buildProgram(): Command {
  const program = new Command("hall-server")
    .description("OneWindow hall-server: create, serve and administer a government service hall")
    .usage("<command> [options]")
    .version("0.1.0")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own errors ("error: unknown option '--bogus'"): one line, our prefix.
      outputError: (message, write) => write(`hall-server: ${message.replace(/^error: /, "").trim()}\n`),
    })
    .argument("[command]")
    .action((command: string | undefined) => {
      throw new CliError(
        command === undefined
          ? "no command given (see hall-server --help)"
          : `unknown command "${command}" (see hall-server --help)`,
      );
    });
  program.addHelpText(
    "after",
    "\nExample:\n  $ hall-server init --dir /srv/hall --catalog catalog.json\n  $ hall-server start --config /srv/hall/config.json",
  );
  for (const register of COMMANDS) register(program);
  return program;
}

/**
 * Run the CLI on `argv` (without node and script). Resolves the exit code: 0 (done, or `--help`), 1 (the hall
 * refused), 2 (bad flag, environment, config or file). A long-running command (`start`) resolves once it serves;
 * the caller then leaves the process running. Error lines go to stderr.
 */
export async function runCli(argv: string[]): Promise<number> {
  // `hall-server catalog export | head`: the reader went away; that is the reader's choice, not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exit 0; everything else commander refuses is a usage error (already printed).
      return error.exitCode === 0 ? 0 : 2;
    }
    const { exitCode, line } = renderError(error);
    process.stderr.write(line + "\n");
    return exitCode;
  }
}
