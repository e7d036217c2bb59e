/**
 * Per-item handle-time distributions learned from the hall's own history, starting from the catalogue's typical
 * minutes. The model is a lognormal fitted by its mean and coefficient of variation, because the queue's waits
 * depend first on the mean service time, and a median-based fit would misplace the mean of skewed data (an
 * exponential's lognormal median fit overstates its mean by about a third).
 *
 * Robustness: observations outside the sane range (`MIN_OBSERVED_MINUTES` .. `MAX_OBSERVED_MINUTES`: mis-clicks,
 * tickets left open over a break) are dropped, and the rest are winsorised in log space at the median ± 3 robust
 * standard deviations (1.4826 × MAD), so one forgotten ticket cannot move the mean far. The catalogue's typical
 * minutes act as `priorWeight` pseudo-observations, so a new item starts from them and the hall's data take over
 * after a few dozen services.
 */
import { MAX_OBSERVED_MINUTES, MIN_OBSERVED_MINUTES } from "../eta.ts";
import { logNormalOf, type LogNormal } from "./random.ts";

/** A learned handle-time distribution of one item. */
export interface HandleTimeModel extends LogNormal {
  /** Mean handle minutes of the model. */
  meanMinutes: number;
  /** Coefficient of variation (sd ÷ mean) of the model. */
  cv: number;
  /** Sane observations that went into it. */
  observations: number;
}

/** How much the prior counts and what spread it assumes. */
export interface HandleTimePrior {
  /** The catalogue's typical minutes for the item (> 0). */
  minutes: number;
  /** Pseudo-observations the prior is worth. Default 8. */
  weight?: number;
  /** Coefficient of variation assumed before data: 0.7 (service times of counter work are right-skewed). */
  cv?: number;
}

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}

/**
 * The handle-time model of an item from its prior and observed handle minutes (any order; not modified).
 * RangeError when the prior's minutes are not a finite number > 0.
 */
export function learnHandleTime(prior: HandleTimePrior, observedMinutes: readonly number[]): HandleTimeModel {
  if (!(prior.minutes > 0) || !Number.isFinite(prior.minutes))
    throw new RangeError(`prior minutes must be a finite number > 0, got ${prior.minutes}`);
  const weight = prior.weight ?? 8;
  const priorCv = prior.cv ?? 0.7;
  const logs = observedMinutes
    .filter((m) => Number.isFinite(m) && m >= MIN_OBSERVED_MINUTES && m <= MAX_OBSERVED_MINUTES)
    .map(Math.log)
    .sort((a, b) => a - b);
  const n = logs.length;
  let mean = prior.minutes;
  let cv = priorCv;
  if (n > 0) {
    const m = median(logs);
    const mad = median(logs.map((x) => Math.abs(x - m)).sort((a, b) => a - b));
    const spread = 3 * 1.4826 * mad;
    // With no spread (identical observations) nothing is an outlier.
    const lo = spread > 0 ? m - spread : -Infinity;
    const hi = spread > 0 ? m + spread : Infinity;
    let sum = 0;
    let sumSq = 0;
    for (const x of logs) {
      const v = Math.exp(Math.min(hi, Math.max(lo, x)));
      sum += v;
      sumSq += v * v;
    }
    const dataMean = sum / n;
    const dataVar = n > 1 ? Math.max(0, (sumSq - n * dataMean * dataMean) / (n - 1)) : 0;
    // Shrink both moments toward the prior: second moments combine as pseudo-observations too.
    mean = (weight * prior.minutes + n * dataMean) / (weight + n);
    const priorVar = (priorCv * prior.minutes) ** 2;
    const dataWeight = n > 1 ? n : 0;
    const variance = (weight * priorVar + dataWeight * dataVar) / (weight + dataWeight);
    cv = Math.sqrt(variance) / mean;
  }
  return { ...logNormalOf(mean, cv), meanMinutes: mean, cv, observations: n };
}
