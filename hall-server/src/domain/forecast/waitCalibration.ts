/**
 * Self-calibration of the wait forecast from the hall's own outcomes: what the hall told each ticket at issue, set
 * against the wait it then had.
 *
 * The Monte Carlo forecast (forecastWaits.ts) is only as good as what it can see: it does not see breaks to come,
 * windows that will open later, or the afternoon's rush, so on a real day its waits run short and its ranges too
 * narrow in a way no parameter it learns can show. The outcomes show it. Two corrections, both learned online from
 * the most recent tickets (they follow the day as it changes) and both shrunk to "no correction" while the
 * evidence is thin:
 *
 * - the point: scaled by k = Σ actual ÷ Σ told over the recent outcomes (a ratio estimator, which makes the mean
 *   error over them zero), shrunk toward 1 as far as k − 1 is within its own noise (positive-part James-Stein:
 *   1 + (k − 1)·max(0, 1 − se² ÷ (k − 1)²), se the ratio's standard error by batch means, because consecutive
 *   tickets share a queue and their errors are strongly correlated);
 * - the top of the range: split conformal prediction on the scale-free score actual ÷ told top; the top is multiplied
 *   by the score's ⌈(n + 1)(1 − α)⌉-th smallest value among the n recent outcomes, which bounds the share past the
 *   top at α when the recent past resembles the near future (Vovk et al., "Algorithmic Learning in a Random World",
 *   2005; Gibbs & Candès, "Adaptive conformal inference under distribution shift", NeurIPS 2021).
 *
 * Units: minutes. Pure: the service feeds outcomes in and reads corrections out.
 */

/** One outcome: what the hall told a ticket at issue (raw model figures) and its actual wait, minutes. */
export interface WaitOutcome {
  toldMean: number;
  toldHigh: number;
  actual: number;
}

/** Settings of the calibration (see the file comment). */
export interface WaitCalibrationOptions {
  /** Outcomes kept (the most recent). */
  keep: number;
  /** Outcomes needed before anything is corrected. */
  minOutcomes: number;
  /** Share of tickets the top of the range may be passed by (α). */
  miss: number;
  /** Bounds of both factors, so one odd stretch of the day cannot run away with them. */
  minFactor: number;
  maxFactor: number;
  /** Outcomes told less than this (minutes: a window was about to free up) say little about scale and are skipped. */
  minToldMinutes: number;
}

export const defaultWaitCalibrationOptions: Readonly<WaitCalibrationOptions> = Object.freeze({
  keep: 150,
  minOutcomes: 20,
  miss: 0.1,
  minFactor: 0.5,
  maxFactor: 2.5,
  minToldMinutes: 1,
});

/** The corrections in force: multiply the point by `point`, the top of the range by `high` (see `calibrate`). */
export interface CalibrationFactors {
  point: number;
  high: number;
  /** Outcomes they rest on. */
  outcomes: number;
}

/** Batches of consecutive outcomes the point's noise is measured over (batch means). */
const BATCHES = 10;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Recent outcomes and the corrections they imply (see the file comment). */
export class WaitCalibration {
  readonly #outcomes: WaitOutcome[] = [];
  readonly options: WaitCalibrationOptions;

  constructor(options: Partial<WaitCalibrationOptions> = {}) {
    this.options = { ...defaultWaitCalibrationOptions, ...options };
  }

  /** Record one outcome; ignored when the figures are not finite or the point was below `minToldMinutes`. */
  observe(outcome: WaitOutcome): void {
    const { toldMean, toldHigh, actual } = outcome;
    if (![toldMean, toldHigh, actual].every(Number.isFinite) || actual < 0) return;
    if (toldMean < this.options.minToldMinutes || toldHigh <= 0) return;
    this.#outcomes.push({ toldMean, toldHigh, actual });
    if (this.#outcomes.length > this.options.keep) this.#outcomes.splice(0, this.#outcomes.length - this.options.keep);
  }

  /** The corrections the recent outcomes imply; {1, 1} with none. */
  factors(): CalibrationFactors {
    const o = this.options;
    const n = this.#outcomes.length;
    let actual = 0;
    let told = 0;
    for (const x of this.#outcomes) {
      actual += x.actual;
      told += x.toldMean;
    }
    let point = 1;
    if (n >= o.minOutcomes && told > 0) {
      // The ratio estimator, kept only as far as it stands out of its own noise (positive-part James-Stein shrinkage
      // toward "no correction"). Consecutive tickets' errors are strongly correlated (they share the same queue), so
      // the noise is measured by batch means: the spread of the ratio over BATCHES runs of consecutive outcomes.
      const k = actual / told;
      const batchRatios: number[] = [];
      for (let b = 0; b < BATCHES; b++) {
        const batch = this.#outcomes.slice(Math.floor((b * n) / BATCHES), Math.floor(((b + 1) * n) / BATCHES));
        const t = batch.reduce((sum, x) => sum + x.toldMean, 0);
        if (t > 0) batchRatios.push(batch.reduce((sum, x) => sum + x.actual, 0) / t);
      }
      const m = batchRatios.reduce((a, b) => a + b, 0) / batchRatios.length;
      const variance =
        batchRatios.reduce((sum, r) => sum + (r - m) ** 2, 0) / (batchRatios.length - 1) / batchRatios.length;
      const shrink = Math.max(0, 1 - variance / ((k - 1) ** 2 || Infinity));
      point = clamp(1 + (k - 1) * shrink, o.minFactor, o.maxFactor);
    }
    let high = point;
    if (n >= o.minOutcomes) {
      const scores = this.#outcomes.map((x) => x.actual / x.toldHigh).sort((a, b) => a - b);
      const rank = Math.ceil((n + 1) * (1 - o.miss));
      // Too few outcomes for the rank: the largest score is the honest bound.
      high = clamp(scores[Math.min(rank, n) - 1]!, o.minFactor, o.maxFactor);
    }
    return { point, high, outcomes: n };
  }
}

/** A forecast's figures, minutes. */
export interface WaitFigures {
  meanMinutes: number;
  lowMinutes: number;
  highMinutes: number;
}

/**
 * `raw` corrected by `f`: the point and the bottom scaled by `f.point`, the top by `f.high`, and the range kept
 * around the point (bottom ≤ point ≤ top).
 */
export function calibrate<T extends WaitFigures>(raw: T, f: CalibrationFactors): T {
  const meanMinutes = raw.meanMinutes * f.point;
  return {
    ...raw,
    meanMinutes,
    lowMinutes: Math.min(raw.lowMinutes * f.point, meanMinutes),
    highMinutes: Math.max(raw.highMinutes * f.high, meanMinutes),
  };
}
