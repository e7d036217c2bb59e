/**
 * Regenerates `exampleCatalog.xlsx` from `exampleCatalog.json` with the catalogue exporter:
 *   node --import tsx hall-server/src/demo/writeExampleWorkbook.ts
 * exampleCatalog.test.ts checks that the committed workbook reads back as the JSON.
 */
import { fileURLToPath } from "node:url";
import { Catalog } from "@onewindow/contract";
import { writeCatalogFile } from "../catalog/catalogFile.ts";
import exampleJson from "./exampleCatalog.json" with { type: "json" };

const path = fileURLToPath(new URL("./exampleCatalog.xlsx", import.meta.url));
await writeCatalogFile(path, Catalog.parse(exampleJson));
process.stdout.write(`wrote ${path}\n`);
