/** The benchmark's output: a readable table of figures with their targets, and one JSON line for machines. */

/** A target a figure is checked against; reported, never asserted. */
export interface Target {
  op: "<=" | ">=";
  value: number;
}

/** One printed figure. `key` names it in the JSON line (e.g. "issue.open.p99Ms"). */
export interface Row {
  key: string;
  section: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
  /** Extra context printed after the figure (e.g. how it was measured). */
  note?: string;
}

/** Whether `value` meets `target`; NaN (not measured) never does. */
export function meets(value: number, target: Target): boolean {
  if (Number.isNaN(value)) return false;
  return target.op === "<=" ? value <= target.value : value >= target.value;
}

/** A figure with at most 3 significant decimals, grouped thousands; "n/a" for NaN. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function targetCell(row: Row): string {
  if (!row.target) return "";
  const mark = meets(row.value, row.target) ? "✓" : "✗";
  return `${mark} target ${row.target.op === "<=" ? "≤" : "≥"} ${formatValue(row.target.value)} ${row.unit}`;
}

/** The rows as an aligned text table grouped by section, plus one line per failed section. */
export function formatTable(
  rows: readonly Row[],
  failures: readonly { section: string; error: string }[] = [],
): string {
  const cells = rows.map((r) => [r.section, r.label, formatValue(r.value), r.unit, targetCell(r), r.note ?? ""]);
  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(0, ...cells.map((row) => row[c]!.length)));
  const lines: string[] = [];
  let section = "";
  for (const row of cells) {
    if (row[0] !== section) {
      section = row[0]!;
      lines.push("", section);
    }
    const [, label, value, unit, target, note] = row;
    lines.push(
      `  ${label!.padEnd(widths[1]!)}  ${value!.padStart(widths[2]!)} ${unit!.padEnd(widths[3]!)}  ${target!.padEnd(widths[4]!)}  ${note}`.trimEnd(),
    );
  }
  for (const f of failures) lines.push("", `${f.section}: NOT MEASURED — ${f.error}`);
  return lines.join("\n").replace(/^\n/, "");
}

/**
 * One JSON line: every figure by key, every target with whether it was met, failed sections, and `meta` (machine,
 * time). NaN figures become null (JSON has no NaN).
 */
export function formatJson(
  rows: readonly Row[],
  failures: readonly { section: string; error: string }[],
  meta: Record<string, unknown>,
): string {
  const results: Record<string, number | null> = {};
  const targets: Record<string, { op: string; value: number; met: boolean }> = {};
  for (const r of rows) {
    results[r.key] = Number.isFinite(r.value) ? r.value : null;
    if (r.target) targets[r.key] = { ...r.target, met: meets(r.value, r.target) };
  }
  return JSON.stringify({ ...meta, results, targets, failures });
}
