/**
 * Catalogue files by extension: `.xlsx` is the workbook (catalogWorkbook.ts, hall-server/docs/catalogue.md), anything
 * else JSON (schema v2, or v1 which is upgraded). Reading validates the whole file and changes nothing; the caller
 * imports the result in one transaction. Export always writes schema version 2.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { Catalog, catalogJsonSchema } from "@onewindow/contract";
import { ConfigError } from "../config.ts";
import { readCatalogWorkbook, writeCatalogWorkbook, type ExportableCatalog } from "./catalogWorkbook.ts";

/** "xlsx" for a `.xlsx` path (any case), else "json". */
export function catalogFormatOf(path: string): "xlsx" | "json" {
  return extname(path).toLowerCase() === ".xlsx" ? "xlsx" : "json";
}

/**
 * Parse catalogue JSON text (schema v2 or v1). Throws ConfigError listing every problem as "path: message"
 * (e.g. "items.3.departmentCode: unknown department D9"); `file` names the source in the message.
 */
export function parseCatalogJson(text: string, file: string): Catalog {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`catalogue ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Catalog.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `catalogue ${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n")}`,
    );
  return parsed.data;
}

/**
 * Read and validate the catalogue at `path`, XLSX or JSON by its extension. Throws ConfigError when it cannot be
 * read or is invalid (CatalogFileError, naming sheet, row and column, for a workbook).
 */
export async function readCatalogFile(path: string): Promise<Catalog> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`cannot read catalogue ${path}: ${(error as Error).message}`);
  }
  return catalogFormatOf(path) === "xlsx"
    ? readCatalogWorkbook(bytes, path)
    : parseCatalogJson(bytes.toString("utf8"), path);
}

/** The catalogue as file contents in `format`: pretty JSON with a final newline, or XLSX bytes. */
export async function catalogFileBytes(catalog: ExportableCatalog, format: "xlsx" | "json"): Promise<Buffer> {
  return format === "xlsx"
    ? writeCatalogWorkbook(catalog)
    : Buffer.from(JSON.stringify(catalog, null, 2) + "\n", "utf8");
}

/** Write the catalogue to `path`, XLSX or JSON by its extension. Throws what the file system throws. */
export async function writeCatalogFile(path: string, catalog: ExportableCatalog): Promise<void> {
  writeFileSync(path, await catalogFileBytes(catalog, catalogFormatOf(path)));
}

/** The JSON Schema of the catalogue file (schema v2), as printed by `catalog schema`: pretty, with a final newline. */
export function catalogJsonSchemaText(): string {
  return JSON.stringify(catalogJsonSchema(), null, 2) + "\n";
}
