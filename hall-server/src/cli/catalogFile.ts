/** Reading a catalogue file for `init` and `catalog import`: JSON, validated by the contract's `Catalog` schema. */
import { readFileSync } from "node:fs";
import { Catalog } from "@onewindow/contract";
import { CliError, fsProblem } from "./support.ts";

/**
 * Read and validate the catalogue at `path`. Throws CliError (exit 2): unreadable file, not JSON, or each schema
 * problem as `path.to.field: message` (e.g. "items.0.name: Invalid input: expected string").
 */
export function readCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fsProblem("read catalogue", path, error);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CliError(`catalogue ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Catalog.safeParse(raw);
  if (!parsed.success)
    throw new CliError(
      `catalogue ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
