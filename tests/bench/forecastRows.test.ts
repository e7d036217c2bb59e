import { describe, expect, it } from "vitest";
import type { AccuracyFigures } from "../../hall-server/src/simulation/accuracy.ts";
import type { AccuracyResult } from "./forecastBench.ts";
import { accuracyRows } from "./forecastRows.ts";
import { meets } from "./report.ts";

const figures = (maePercent: number, biasPercent: number, scored = 1733): AccuracyFigures => ({
  scored,
  maePercent,
  biasPercent,
  toldLessShare: 0.55,
  pastRangeShare: 0.143,
});

const result = (over: Partial<AccuracyResult> = {}): AccuracyResult => ({
  key: "realistic",
  name: "town centre",
  seedsScored: 20,
  forecast: figures(45.7, -3.9),
  oracle: figures(40.8, -6.6),
  oracleRuns: 200,
  old: figures(67, -53),
  seconds: 46,
  ...over,
});

describe("accuracy rows", () => {
  it("when a scenario is scored, then the oracle's figures stand beside the forecast's, without targets, saying its runs", () => {
    const rows = accuracyRows(result());
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    const oracleKeys = rows.map((r) => r.key).filter((k) => k.startsWith("forecast.realistic.oracle."));
    expect(oracleKeys).toEqual([
      "forecast.realistic.oracle.maePercent",
      "forecast.realistic.oracle.biasPercent",
      "forecast.realistic.oracle.absBiasPercent",
      "forecast.realistic.oracle.toldLessPercent",
      "forecast.realistic.oracle.pastRangePercent",
    ]);
    // Right after the forecast's five, before the old estimate's.
    expect(rows.findIndex((r) => r.key === "forecast.realistic.oracle.maePercent")).toBe(5);
    expect(rows[10]!.key).toBe("forecast.realistic.old.maePercent");
    expect(byKey["forecast.realistic.oracle.maePercent"]!.value).toBe(40.8);
    expect(byKey["forecast.realistic.oracle.biasPercent"]!.value).toBe(-6.6);
    expect(byKey["forecast.realistic.oracle.absBiasPercent"]!.value).toBe(6.6);
    expect(byKey["forecast.realistic.oracle.toldLessPercent"]!.value).toBeCloseTo(55, 9);
    expect(byKey["forecast.realistic.oracle.pastRangePercent"]!.value).toBeCloseTo(14.3, 9);
    expect(byKey["forecast.realistic.oracle.maePercent"]!.note).toContain("1733 tickets waiting > 2 min");
    expect(byKey["forecast.realistic.oracle.maePercent"]!.note).toContain("200 simulated futures per ticket");
    expect(byKey["forecast.realistic.oracle.pastRangePercent"]!.note).toBe("range = oracle's P10-P90");
    expect(byKey["forecast.realistic.oracle.maePercent"]!.label).toMatch(/^oracle .*floor/);
    for (const key of oracleKeys) expect(byKey[key]!.target).toBeUndefined();
    // The forecast keeps its targets: it misses MAE ≤ 20 % here, meets |bias| ≤ 10 %.
    expect(meets(45.7, byKey["forecast.realistic.forecast.maePercent"]!.target!)).toBe(false);
    expect(meets(3.9, byKey["forecast.realistic.forecast.absBiasPercent"]!.target!)).toBe(true);
    expect(new Set(rows.map((r) => r.section)).size).toBe(1);
  });

  it("when the oracle scored nothing, then its figures show as not measured", () => {
    const rows = accuracyRows(result({ oracle: figures(Number.NaN, Number.NaN, 0), oracleRuns: 50 }));
    const mae = rows.find((r) => r.key === "forecast.realistic.oracle.maePercent")!;
    expect(Number.isNaN(mae.value)).toBe(true);
    expect(mae.note).toContain("0 tickets");
    expect(mae.note).toContain("50 simulated futures");
  });
});
