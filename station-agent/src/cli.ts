/**
 * The station-agent CLI: `station-agent --config station.json` starts the agent and runs until SIGTERM/SIGINT;
 * `station-agent take <page-url-or-fragment> <itemCode>` takes one ticket through a running agent's page API.
 * Exit codes: 0 done, 1 refused (the take's reason is printed), 2 a bad flag or config.
 */
import { Command, CommanderError } from "commander";
import { SHELL_FALLBACK_ORIGIN, parseAgentFragment } from "@onewindow/contract";
import { randomUUID } from "node:crypto";
import { startAgent } from "./agent.ts";
import { ConfigError, loadStationConfig } from "./config.ts";
import { connectAgent } from "./page/agentClient.ts";

/** Where a take goes: the agent address and secret, and the Origin to send (the page's, else the shell's). */
export function takeTarget(text: string): { url: string; secret: string; origin: string } {
  const hash = text.indexOf("#");
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  const address = parseAgentFragment(fragment);
  if ("error" in address) throw new ConfigError(address.error);
  let origin = SHELL_FALLBACK_ORIGIN;
  if (hash > 0) {
    try {
      origin = new URL(text.slice(0, hash)).origin;
    } catch {
      throw new ConfigError(`not a page address: ${text.slice(0, hash)}`);
    }
  }
  return { ...address, origin };
}

async function runAgent(configPath: string): Promise<void> {
  const config = loadStationConfig(configPath);
  const agent = await startAgent(config);
  // One line for people and scripts: where the page API is, and the fragment a page needs.
  process.stdout.write(`station agent ${config.station.name} listening on ${agent.url}\n`);
  process.stdout.write(`page fragment #${agent.fragment}\n`);
  if (!agent.paired)
    process.stdout.write(`not paired: open http://127.0.0.1:${agent.port}/ to enter the pairing code\n`);
  await new Promise<void>((resolve) => {
    process.once("SIGTERM", resolve);
    process.once("SIGINT", resolve);
  });
  await agent.stop();
}

async function runTake(target: string, itemCode: string): Promise<number> {
  const client = await connectAgent(takeTarget(target));
  const first = await client.next(["welcome", "error"]);
  if (first.type === "error") {
    client.close();
    process.stdout.write(`refused: ${first.reason.words.en}\n`);
    return 1;
  }
  const requestId = randomUUID();
  await client.send({ type: "take", requestId, itemCode });
  const answer = await client.next(["taken", "refused"], 30_000);
  client.close();
  if (answer.type === "taken") {
    process.stdout.write(`${answer.ticket.number} ${answer.ticket.itemName}: ${answer.ticket.ahead} ahead\n`);
    return 0;
  }
  process.stdout.write(`refused: ${answer.reason.words.en} (${answer.reason.words.zh})\n`);
  return 1;
}

/** Run the CLI with `argv` (without node and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command("station-agent")
    .description("OneWindow station agent: a kiosk's or counter's devices, credentials and page API")
    .exitOverride()
    .option("--config <file>", "the station's config file (JSON)")
    .action(async (options: { config?: string }) => {
      if (!options.config) throw new ConfigError("give --config <file>");
      await runAgent(options.config);
    });
  program
    .command("take")
    .description("take one ticket through a running agent (prints the number)")
    .argument("<page>", "the page address with its #agent=...&secret=... fragment, or the fragment alone")
    .argument("<itemCode>", "the service item's code")
    .action(async (target: string, itemCode: string) => {
      code = await runTake(target, itemCode);
    });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof ConfigError) {
      process.stderr.write(`station-agent: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`station-agent: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
