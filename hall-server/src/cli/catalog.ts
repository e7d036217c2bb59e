/**
 * `hall-server catalog import <file> [--dry-run] [--force]`, `catalog export [<file>]` and `catalog schema [<file>]`.
 * Files are XLSX workbooks when their name ends in `.xlsx` (hall-server/docs/catalogue.md), else JSON; a whole file is
 * validated before anything changes (a workbook's every problem named by sheet, row and column, exit 2). Export
 * writes schema version 2 and is read-only (the database opened read-only, the hall may be running). `schema` prints
 * the JSON Schema of the catalogue file, generated from the contract's zod schemas. Import goes through the running
 * server's API when the hall is up, else opens the database itself; it follows the API's rules: refused (exit 1,
 * naming what would be removed) when it would leave the hall without items, windows or an admin, unless --force;
 * --dry-run prints the diff and changes nothing.
 */
import { writeFileSync } from "node:fs";
import { catalogFileBytes, catalogFormatOf, catalogJsonSchemaText } from "../catalog/catalogFile.ts";
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
    "import or export the hall's service catalogue (XLSX workbook or JSON), or print its JSON Schema",
    "hall-server catalog export catalog.xlsx --config /srv/hall/config.json",
    "hall-server catalog import catalog.xlsx --dry-run --config /srv/hall/config.json",
    "hall-server catalog schema > catalog.schema.json",
  );

  withExample(
    configOption(
      catalog
        .command("import")
        .description("replace the catalogue from a file (through the running hall when it is up)")
        .argument("<file>", "catalogue file: a workbook (.xlsx) or JSON")
        .option("--dry-run", "print the diff (JSON) and change nothing")
        .option("--force", "apply an import that would remove every item, window or admin"),
    ),
    "hall-server catalog import catalog.xlsx --dry-run --config /srv/hall/config.json",
    "hall-server catalog import catalog.json --config /srv/hall/config.json",
  ).action(async (file: string, opts: { config: string; dryRun?: boolean; force?: boolean }) => {
    const { config } = loadForCli(opts.config);
    const body = await readCatalogFile(file);
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
        .description(
          "write the catalogue with staff (no credentials), schema version 2: a workbook when the file ends in " +
            ".xlsx, else JSON; read-only, safe while running",
        )
        .argument("[file]", "output file, .xlsx or .json (default: JSON on standard output)"),
    ),
    "hall-server catalog export catalog.xlsx --config /srv/hall/config.json",
    "hall-server catalog export --config /srv/hall/config.json > catalog.json",
  ).action(async (file: string | undefined, opts: { config: string }) => {
    const { config } = loadForCli(opts.config);
    const catalog = await readHall(config, (ctx) => exportCatalogJson(ctx, { withStaff: true }));
    const bytes = await catalogFileBytes(catalog, file === undefined ? "json" : catalogFormatOf(file));
    if (file === undefined) return writeOut(bytes.toString("utf8"));
    try {
      writeFileSync(file, bytes);
    } catch (error) {
      throw fsProblem("write", file, error);
    }
  });

  withExample(
    catalog
      .command("schema")
      .description("print the JSON Schema (draft 2020-12) of the catalogue file, schema version 2")
      .argument("[file]", "output file (default: standard output)"),
    "hall-server catalog schema > catalog.schema.json",
  ).action((file: string | undefined) => {
    const text = catalogJsonSchemaText();
    if (file === undefined) return writeOut(text);
    try {
      writeFileSync(file, text);
    } catch (error) {
      throw fsProblem("write", file, error);
    }
  });
}
