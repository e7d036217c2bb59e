/**
 * `hall-server catalog import <file> [--dry-run] [--force]` and `catalog export [<file>]`.
 * Export is read-only (the database opened read-only, the hall may be running). Import goes through the running
 * server's API when the hall is up, else opens the database itself; it follows the API's rules: refused (exit 1,
 * naming what would be removed) when it would leave the hall without items, windows or an admin, unless --force;
 * --dry-run prints the diff and changes nothing.
 */
import { writeFileSync } from "node:fs";
import type { CatalogImportResult } from "@onewindow/contract";
import type { Command } from "commander";
import { exportCatalogJson, importCatalogJson } from "../services/catalogAdmin.ts";
import { readCatalogFile } from "./catalogFile.ts";
import { changeHall, loadForCli, readHall } from "./hallAccess.ts";
import { commandGroup, fsProblem, withExample } from "./support.ts";
import { configOption, writeOut } from "./options.ts";

/** Register `catalog import` and `catalog export`. */
export function registerCatalog(program: Command): void {
  const catalog = commandGroup(
    program,
    "catalog",
    "import or export the hall's service catalogue (JSON)",
    "hall-server catalog export catalog.json --config /srv/hall/config.json",
    "hall-server catalog import catalog.json --dry-run --config /srv/hall/config.json",
  );

  withExample(
    configOption(
      catalog
        .command("import")
        .description("replace the catalogue from a file (through the running hall when it is up)")
        .argument("<file>", "catalogue JSON file")
        .option("--dry-run", "print the diff (JSON) and change nothing")
        .option("--force", "apply an import that would remove every item, window or admin"),
    ),
    "hall-server catalog import catalog.json --dry-run --config /srv/hall/config.json",
  ).action(async (file: string, opts: { config: string; dryRun?: boolean; force?: boolean }) => {
    const { config } = loadForCli(opts.config);
    const body = readCatalogFile(file);
    const dryRun = opts.dryRun === true;
    const force = opts.force === true;
    const result = await changeHall<CatalogImportResult>(config, {
      what: "import a catalogue",
      local: (ctx) => importCatalogJson(ctx, body, { dryRun, force, caller: "cli" }),
      remote: (api) => api.call("POST", `/api/catalog/import?dryRun=${dryRun}&force=${force}`, body),
    });
    writeOut(JSON.stringify(result) + "\n");
  });

  withExample(
    configOption(
      catalog
        .command("export")
        .description("write the catalogue with staff (no credentials) as JSON; read-only, safe while running")
        .argument("[file]", "output file (default: standard output)"),
    ),
    "hall-server catalog export catalog.json --config /srv/hall/config.json",
  ).action(async (file: string | undefined, opts: { config: string }) => {
    const { config } = loadForCli(opts.config);
    const json = await readHall(config, (ctx) => JSON.stringify(exportCatalogJson(ctx, { withStaff: true }), null, 2));
    if (file === undefined) return writeOut(json + "\n");
    try {
      writeFileSync(file, json + "\n");
    } catch (error) {
      throw fsProblem("write", file, error);
    }
  });
}
