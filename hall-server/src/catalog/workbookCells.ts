/** Reading and writing single cells: exceljs values to typed values and back, and column letters. */
import type ExcelJS from "exceljs";
import { SCOPE_ALL, SCOPE_LISTED, UNIT_READ, type CellKind } from "./catalogSheets.ts";

/** A cell problem message; thrown by readers, caught per cell. */
export class CellProblem extends Error {}

/** The cell's value as exceljs gives it, reduced to a string, number, boolean or Date; null when empty. */
export function plain(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if ("richText" in value) return plain(value.richText.map((r) => r.text).join(""));
  if ("error" in value) throw new CellProblem(`the cell shows the error ${value.error}`);
  if ("formula" in value || "sharedFormula" in value) return plain((value as ExcelJS.CellFormulaValue).result);
  if ("text" in value) return plain(value.text);
  return null;
}

export function asText(v: string | number | boolean | Date): string {
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(v);
  throw new CellProblem(`expected text, got ${v instanceof Date ? "a date" : String(v)}`);
}

const quote = (v: string | number | boolean | Date) => (v instanceof Date ? "a date" : `"${String(v)}"`);

function asInt(v: string | number | boolean | Date): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new CellProblem(`not a whole number: ${quote(v)}`);
  return n;
}

function asNumber(v: string | number | boolean | Date): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new CellProblem(`not a number: ${quote(v)}`);
  return n;
}

function asCode(v: string | number | boolean | Date): string {
  // Excel turns a long digit string typed into a General cell into a float, losing digits past the 15th.
  if (typeof v === "number" && !Number.isSafeInteger(v))
    throw new CellProblem(`${v} is stored as a number and has lost digits: format the column as text and retype it`);
  return asText(v);
}

function asBool(v: string | number | boolean | Date): boolean {
  if (typeof v === "boolean") return v;
  const s = asText(v);
  if (["是", "Y", "y", "true", "TRUE", "1"].includes(s)) return true;
  if (["否", "N", "n", "false", "FALSE", "0"].includes(s)) return false;
  throw new CellProblem(`write 是 or 否, not "${s}"`);
}

const two = (n: number) => String(n).padStart(2, "0");

function asTime(v: string | number | boolean | Date): string {
  // A time typed into Excel is a fraction of a day, read by exceljs as a Date on 1899-12-30 00:00 UTC plus that
  // fraction (no time zone involved): the time of day is the Date's offset into its UTC day.
  const DAY_MS = 86_400_000;
  const fraction =
    v instanceof Date ? (((v.getTime() % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS : typeof v === "number" ? v : NaN;
  if (fraction >= 0 && fraction < 1) {
    const minutes = Math.round(fraction * 24 * 60) % (24 * 60);
    return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  }
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(asText(v));
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new CellProblem(`not a time: ${quote(v)} (write HH:MM, e.g. 09:00)`);
  return `${two(Number(m[1]))}:${m[2]}`;
}

const WEEKDAY_DIGIT: Record<string, string> = {
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  日: "7",
  天: "7",
};

function asWeekdays(v: string | number | boolean | Date): number[] {
  const text = asText(v);
  const normal = text
    .replace(/星期|周/g, "")
    .replace(/[一二三四五六日天]/g, (c) => WEEKDAY_DIGIT[c] ?? c)
    .replace(/至|到|~|～|－|–|—/g, "-");
  const days = new Set<number>();
  for (const part of normal.split(/[,，、;；\s]+/).filter(Boolean)) {
    const m = /^([1-7])(?:-([1-7]))?$/.exec(part);
    if (!m || (m[2] !== undefined && Number(m[2]) < Number(m[1])))
      throw new CellProblem(`not weekdays: "${text}" (write 1-5, 6 or 1,3,5; 1 = Monday … 7 = Sunday)`);
    for (let d = Number(m[1]); d <= Number(m[2] ?? m[1]); d++) days.add(d);
  }
  if (days.size === 0) throw new CellProblem(`not weekdays: "${text}"`);
  return [...days].sort((a, b) => a - b);
}

/** Weekdays as the shortest text: runs of 3+ days as ranges ("1-5,7"). */
export function weekdaysText(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    if (j - i >= 2) parts.push(`${sorted[i]}-${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(String(sorted[k]));
    i = j + 1;
  }
  return parts.join(",");
}

function lookup<T>(table: Record<string, T>, v: string | number | boolean | Date, what: string): T {
  const s = asText(v);
  const found = Object.hasOwn(table, s) ? table[s] : undefined;
  if (found === undefined) throw new CellProblem(`${what}, not "${s}"`);
  return found;
}

export function readCell(kind: CellKind, v: string | number | boolean | Date): unknown {
  switch (kind) {
    case "text":
      return asText(v);
    case "code":
      return asCode(v);
    case "int":
      return asInt(v);
    case "number":
      return asNumber(v);
    case "bool":
      return asBool(v);
    case "time":
      return asTime(v);
    case "weekdays":
      return asWeekdays(v);
    case "unit":
      return lookup(UNIT_READ, v, "write 天, 工作日, 月 or 年");
    case "itemKind":
      return lookup(
        { 即办件: "immediate", 承诺件: "committed", immediate: "immediate", committed: "committed" },
        v,
        "write 即办件 or 承诺件",
      );
    case "role":
      return lookup(
        {
          窗口人员: "staff",
          主管: "supervisor",
          管理员: "admin",
          staff: "staff",
          supervisor: "supervisor",
          admin: "admin",
        },
        v,
        "write 窗口人员, 主管 or 管理员",
      );
    case "scope":
      return lookup({ [SCOPE_ALL]: "all", [SCOPE_LISTED]: "listed" }, v, `write ${SCOPE_ALL} or ${SCOPE_LISTED}`);
  }
}

export function columnLetter(cell: ExcelJS.Cell): string {
  return cell.address.replace(/\d+$/, "");
}

export function letterOf(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
