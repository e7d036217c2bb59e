/** Problems found in a catalogue workbook: where each is, how it is printed, and the error listing them. */
import { ConfigError } from "../config.ts";

/** One problem in a workbook: where (sheet, 1-based row, column letter and header) and what. */
export interface CatalogProblem {
  sheet: string;
  /** 1-based row; 0 for a problem with the sheet itself. */
  row: number;
  /** Column letter, e.g. "D"; "" for a problem with a sheet or a row. */
  column: string;
  header: string;
  message: string;
}

/** "sheet 事项, row 5, column D (部门编码): unknown department X" (less for sheet- and row-level problems). */
export function formatProblem(p: CatalogProblem): string {
  const where = [p.sheet ? `sheet ${p.sheet}` : "workbook"];
  if (p.row > 0) where.push(`row ${p.row}`);
  if (p.column) where.push(`column ${p.column}${p.header ? ` (${p.header})` : ""}`);
  return `${where.join(", ")}: ${p.message}`;
}

/** A catalogue file that cannot be imported; `problems` lists every one found. The CLI prints it and exits 2. */
export class CatalogFileError extends ConfigError {
  override name = "CatalogFileError";
  constructor(
    readonly file: string,
    readonly problems: CatalogProblem[],
  ) {
    super(`catalogue ${file} is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}
