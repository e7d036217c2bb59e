/**
 * Reading a catalogue file for `init` and `catalog import`: an XLSX workbook (`.xlsx`, see hall-server/docs/catalogue.md)
 * or JSON (schema v2, or v1 which is upgraded), validated whole before anything changes.
 */
import { readFileSync } from "node:fs";
import type { Catalog } from "@onewindow/contract";
import { catalogFormatOf, parseCatalogJson } from "../catalog/catalogFile.ts";
import { readCatalogWorkbook } from "../catalog/catalogWorkbook.ts";
import { fsProblem } from "./support.ts";

/**
 * Read and validate the catalogue at `path`, a workbook when it ends in `.xlsx`, else JSON. Throws (exit 2): CliError
 * for an unreadable file; ConfigError for JSON that does not parse or fails the schema (each problem as
 * `path.to.field: message`); CatalogFileError for a workbook (each problem as `sheet 事项, row 5, column D (部门编码): …`).
 */
export async function readCatalogFile(path: string): Promise<Catalog> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fsProblem("read catalogue", path, error);
  }
  return catalogFormatOf(path) === "xlsx"
    ? readCatalogWorkbook(bytes, path)
    : parseCatalogJson(bytes.toString("utf8"), path);
}
