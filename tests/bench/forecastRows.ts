/** The forecast sections' rows (5: accuracy per scenario, 6: recompute time), with issue 13's targets. */
import type { AccuracyFigures } from "../../hall-server/src/simulation/accuracy.ts";
import { ACCURACY_RUNS, type AccuracyResult, type RecomputeResult } from "./forecastBench.ts";
import type { Row } from "./report.ts";

const RECOMPUTE = "7. Wait forecast recompute, full hall (500 waiting, 30 windows; runs in a worker thread live)";

const accuracySection = (r: AccuracyResult) =>
  `6. Forecast accuracy: ${r.key} (${r.name}; ${r.seedsScored} seeds scored, ${ACCURACY_RUNS} Monte Carlo runs per forecast)`;

const LABELS = {
  forecast: "forecast",
  oracle: "oracle (knows all but the draws to come: the floor)",
  old: "old estimate (baseline, same tickets)",
};

const RANGE_NOTES = {
  forecast: "range = forecast's P10-P90",
  oracle: "range = oracle's P10-P90",
  old: "a point estimate: its range's top is the point",
};

function figureRows(r: AccuracyResult, who: keyof typeof LABELS, f: AccuracyFigures, targets: boolean): Row[] {
  const section = accuracySection(r);
  const label = LABELS[who];
  const key = `forecast.${r.key}.${who}`;
  return [
    {
      key: `${key}.maePercent`,
      section,
      label: `${label}: mean absolute error, % of actual wait`,
      value: f.maePercent,
      unit: "%",
      ...(targets ? { target: { op: "<=", value: 20 } as const } : {}),
      note:
        `${f.scored} tickets waiting > 2 min` +
        (who === "oracle" ? `, the forecast's; ${r.oracleRuns} simulated futures per ticket, its mean the point` : ""),
    },
    {
      key: `${key}.biasPercent`,
      section,
      label: `${label}: bias (mean error ÷ mean actual)`,
      value: f.biasPercent,
      unit: "%",
    },
    {
      key: `${key}.absBiasPercent`,
      section,
      label: `${label}: |bias|`,
      value: Math.abs(f.biasPercent),
      unit: "%",
      ...(targets ? { target: { op: "<=", value: 10 } as const } : {}),
    },
    {
      key: `${key}.toldLessPercent`,
      section,
      label: `${label}: told less than they waited`,
      value: f.toldLessShare * 100,
      unit: "%",
    },
    {
      key: `${key}.pastRangePercent`,
      section,
      label: `${label}: waited past the top of the range told`,
      value: f.pastRangeShare * 100,
      unit: "%",
      ...(targets ? { target: { op: "<=", value: 20 } as const } : {}),
      note: RANGE_NOTES[who],
    },
  ];
}

/**
 * Rows of one scenario: the forecast with its targets, the oracle (the floor) and the old estimate beside it, and the
 * M/M/c check.
 */
export function accuracyRows(r: AccuracyResult): Row[] {
  const rows = [
    ...figureRows(r, "forecast", r.forecast, true),
    ...figureRows(r, "oracle", r.oracle, false),
    ...figureRows(r, "old", r.old, false),
  ];
  const section = accuracySection(r);
  if (r.mmc) {
    const m = r.mmc;
    const inside = Math.abs(m.erlangWq - m.meanWait) <= m.halfWidth;
    rows.push(
      {
        key: `forecast.${r.key}.mmc.meanWait`,
        section,
        label: `simulated mean wait over ${m.seeds} seeds`,
        value: m.meanWait,
        unit: "min",
        note: `95% CI ${(m.meanWait - m.halfWidth).toFixed(2)}–${(m.meanWait + m.halfWidth).toFixed(2)} (± ${m.halfWidth.toFixed(2)})`,
      },
      { key: `forecast.${r.key}.mmc.erlangWq`, section, label: "Erlang C Wq", value: m.erlangWq, unit: "min" },
      {
        key: `forecast.${r.key}.mmc.wqInsideCi`,
        section,
        label: "Erlang C Wq inside the simulated 95% CI (1 = yes)",
        value: inside ? 1 : 0,
        unit: "",
        target: { op: ">=", value: 1 },
      },
      {
        key: `forecast.${r.key}.mmc.exactMaePercent`,
        section,
        label: "exact conditional mean (ahead + 1)/(c·μ): mean absolute error",
        value: m.exact.maePercent,
        unit: "%",
        note: `bias ${m.exact.biasPercent.toFixed(1)} %`,
      },
      {
        key: `forecast.${r.key}.mmc.maeVsExact`,
        section,
        label: "forecast MAE − exact conditional mean's MAE",
        value: r.forecast.maePercent - m.exact.maePercent,
        unit: "pp",
        target: { op: "<=", value: 0 },
      },
    );
  }
  rows.push({
    key: `forecast.${r.key}.seconds`,
    section,
    label: "time for this scenario",
    value: r.seconds,
    unit: "s",
  });
  return rows;
}

/** Rows of the recompute benchmark. */
export function recomputeRows(r: RecomputeResult): Row[] {
  return [
    {
      key: "forecast.recompute.p99Ms",
      section: RECOMPUTE,
      label: "one recompute: p99",
      value: r.ms.p99,
      unit: "ms",
      target: { op: "<=", value: 20 },
      note: `${r.runs} Monte Carlo runs (the live sizing); p50 ${r.ms.p50.toFixed(1)} ms, max ${r.ms.max.toFixed(1)} ms, ${r.ms.count} recomputes after ${r.warmupMs.length} of warm-up`,
    },
    {
      key: "forecast.recompute.firstMs",
      section: RECOMPUTE,
      label: "first recompute after start (V8 not yet warm)",
      value: r.warmupMs[0] ?? Number.NaN,
      unit: "ms",
      note: `max of the first ${r.warmupMs.length}: ${Math.max(...r.warmupMs).toFixed(1)} ms`,
    },
    {
      key: "forecast.recompute.oldP99Ms",
      section: RECOMPUTE,
      label: "old estimate for the same tickets: p99 (baseline)",
      value: r.oldMs.p99,
      unit: "ms",
    },
  ];
}
