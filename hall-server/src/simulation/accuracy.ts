/**
 * Scoring a forecast against the waits a simulated day produced, as the scenarios' README defines it:
 *
 * - actual wait = first call − the time the ticket became waiting; scored tickets are the called arrivals (no-shows
 *   included) whose actual wait exceeds `minWaitMinutes`, pooled across seeds; the figures are the raw forecast and
 *   range as issued, before display rounding;
 * - mean absolute error % = mean over tickets of |forecast − actual| ÷ actual × 100;
 * - bias % = mean(forecast − actual) ÷ mean(actual) × 100;
 * - told less = share with forecast < actual; past the range = share with actual > the range's top.
 * - M/M/c: each seed's mean wait over the arrivals after the warm-up (zero waits included) is one observation; the
 *   95% confidence interval is across seeds (Student's t).
 */
import type { TicketRecord } from "./hallDay.ts";

/** What one estimate told a ticket: a point and the top of its range (a point estimate's top is the point). */
export interface Told {
  point: number;
  high: number;
}

/** Accuracy of one estimate over the scored tickets. Figures are NaN when no ticket was scored. */
export interface AccuracyFigures {
  scored: number;
  maePercent: number;
  biasPercent: number;
  toldLessShare: number;
  pastRangeShare: number;
}

/** A ticket's actual wait in minutes, or null when it was never called. */
export function actualWait(t: TicketRecord): number | null {
  return t.calledMinute === null ? null : t.calledMinute - t.arrivedMinute;
}

/**
 * Score `tell` (what the estimate told each ticket; undefined = not scored) over the arrivals whose actual wait
 * exceeds `minWaitMinutes` (see the file comment).
 */
export function scoreEstimate(
  tickets: readonly TicketRecord[],
  minWaitMinutes: number,
  tell: (t: TicketRecord) => Told | undefined,
): AccuracyFigures {
  let n = 0;
  let relErr = 0;
  let diff = 0;
  let actualSum = 0;
  let less = 0;
  let past = 0;
  for (const t of tickets) {
    const actual = actualWait(t);
    if (t.initial || actual === null || !(actual > minWaitMinutes)) continue;
    const told = tell(t);
    if (!told || !Number.isFinite(told.point)) continue;
    n += 1;
    relErr += Math.abs(told.point - actual) / actual;
    diff += told.point - actual;
    actualSum += actual;
    if (told.point < actual) less += 1;
    if (actual > told.high) past += 1;
  }
  return {
    scored: n,
    maePercent: (relErr / n) * 100,
    biasPercent: (diff / actualSum) * 100,
    toldLessShare: less / n,
    pastRangeShare: past / n,
  };
}

/** Student's t two-sided 95% quantile for `df` degrees of freedom (Cornish-Fisher expansion; < 0.2% off for df ≥ 5). */
export function tQuantile95(df: number): number {
  if (!(df >= 1)) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  const z = 1.959964;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

/** Mean and 95% confidence half-width of per-seed observations (t distribution; NaN half-width for one seed). */
export function meanWithCi(observations: readonly number[]): { mean: number; halfWidth: number; n: number } {
  const n = observations.length;
  const mean = observations.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, halfWidth: Number.NaN, n };
  const sd = Math.sqrt(observations.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, halfWidth: (tQuantile95(n - 1) * sd) / Math.sqrt(n), n };
}

/** One seed's M/M/c observation: the mean wait of the arrivals issued after `warmupMinutes`, zero waits included. */
export function seedMeanWait(tickets: readonly TicketRecord[], warmupMinutes: number): number {
  const waits = tickets
    .filter((t) => !t.initial && t.arrivedMinute >= warmupMinutes)
    .map(actualWait)
    .filter((w): w is number => w !== null);
  return waits.reduce((s, w) => s + w, 0) / waits.length;
}
