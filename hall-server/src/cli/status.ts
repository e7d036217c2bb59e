/** `hall-server status`: the hall's id, name, catalogue edition and whether it is running; read-only. */
import type { Command } from "commander";
import { readHallId } from "../services/hallIdentity.ts";
import { loadForCli, readHall } from "./hallAccess.ts";
import { liveLock } from "./hallLock.ts";
import { configOption, writeOut } from "./options.ts";
import { withExample } from "./support.ts";

/** What `status --json` prints. */
export interface HallStatus {
  hallId: string | null;
  hallName: string;
  catalogVersion: string;
  running: { pid: number; url: string | null } | null;
  dbPath: string;
}

/** Register `status`. */
export function registerStatus(program: Command): void {
  withExample(
    configOption(
      program
        .command("status")
        .description("show the hall id, name, catalogue edition and whether the hall is running (read-only)")
        .option("--json", "print JSON instead of text"),
    ),
    "hall-server status --config /srv/hall/config.json --json",
  ).action(async (opts: { config: string; json?: boolean }) => {
    const { config } = loadForCli(opts.config);
    const lock = liveLock(config);
    const status = await readHall<HallStatus>(config, (ctx) => ({
      hallId: readHallId(ctx.store.settings) ?? null,
      hallName: config.hallName,
      catalogVersion: ctx.store.catalog.export().version,
      running: lock?.role === "server" ? { pid: lock.pid, url: lock.url ?? null } : null,
      dbPath: config.dbPath,
    }));
    if (opts.json) return writeOut(JSON.stringify(status) + "\n");
    writeOut(
      [
        `hall      ${status.hallName}`,
        `hall id   ${status.hallId ?? "(none yet: given at the next start)"}`,
        `catalogue ${status.catalogVersion}`,
        `running   ${status.running ? `yes, pid ${status.running.pid} at ${status.running.url ?? "?"}` : "no"}`,
        `database  ${status.dbPath}`,
      ].join("\n") + "\n",
    );
  });
}
